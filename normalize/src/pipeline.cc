#include "protokoll/pipeline.h"

#include <algorithm>

#include "protokoll/language.h"
#include "protokoll/line_limit.h"
#include "protokoll/layout.h"
#include "protokoll/paragraphs.h"
#include "protokoll/segment.h"

namespace protokoll {
namespace {

void AppendParagraphs(const std::vector<Paragraph>& paragraphs, std::string& text) {
  for (const auto& p : paragraphs) {
    if (p.text.empty()) continue;
    if (!text.empty()) text += "\n\n";
    text += p.text;
  }
}

// Line-end hyphens no evidence decided were joined by default (most
// line-end hyphens are breaks). They stay auditable in the paragraphs'
// repairs; the log names each one (debug) and counts them (info), so a
// person can review them without reading the JSON.
void LogUndecidedHyphens(const Document& doc, Logger* logger) {
  size_t undecided = 0;
  auto visit = [&](const std::vector<Paragraph>& paragraphs) {
    for (const auto& p : paragraphs)
      for (const auto& repair : p.repairs)
        if (repair.rule == kUndecidedHyphenRule) {
          ++undecided;
          logger->Debug("hyphenation undecided on page " + std::to_string(p.page) + ": \"" + repair.original +
                        "\" joined by default as \"" + repair.result + "\"");
        }
  };
  visit(doc.preamble);
  for (const auto& item : doc.items) visit(item.paragraphs);
  if (undecided > 0)
    logger->Info(doc.source.file + ": " + std::to_string(undecided) +
                 " line-end hyphen(s) undecided, joined by default (rule " + std::string(kUndecidedHyphenRule) + ")");
}

}  // namespace

Document DeriveDocument(const RawDocument& raw, const Dictionary* dictionary, Logger* logger) {
  return DeriveDocument(raw, dictionary, logger, SegmentOptions{});
}

Document DeriveDocument(const RawDocument& extracted, const Dictionary* dictionary, Logger* logger,
                        const SegmentOptions& options) {
  if (logger == nullptr) logger = NullLogger();
  // Extractions stored before lines had a length limit (or made with a
  // higher one) are split here: segmentation's patterns need short lines.
  RawDocument limited;
  const bool too_long = std::any_of(extracted.pages.begin(), extracted.pages.end(), [](const RawPage& page) {
    return std::any_of(page.lines.begin(), page.lines.end(),
                       [](const RawLine& line) { return LineChars(line) > kDefaultMaxLineChars; });
  });
  if (too_long) {
    limited = extracted;
    SplitLongLines(limited);
  }
  const RawDocument& raw = too_long ? limited : extracted;
  Document doc;
  doc.id = raw.sha256;
  doc.source = SourceInfo{raw.file_name, raw.bytes, raw.media_type, static_cast<int>(raw.pages.size())};
  doc.pipeline_version = std::string(PipelineVersion());

  // Extractions stored before pages had languages are identified here, so
  // `reprocess` records them too; a fresh extraction has them already.
  std::vector<RawPage> languages;
  const std::vector<RawPage>* pages = &raw.pages;
  for (const auto& page : raw.pages)
    if (page.language.empty() && !page.lines.empty()) {
      languages = raw.pages;
      AssignPageLanguages(languages);
      pages = &languages;
      break;
    }

  LaidOutDocument laid = LayOut(raw);
  for (size_t i = 0; i < laid.pages.size() && i < pages->size(); ++i) {
    laid.pages[i].method = std::string(PageMethodName((*pages)[i].method));
    laid.pages[i].ocr_confidence = (*pages)[i].ocr_confidence;
    laid.pages[i].method_reason = (*pages)[i].method_reason;
    laid.pages[i].language = (*pages)[i].language;
  }
  doc.pages = laid.pages;

  // The main language by amount of text, set before Segment so a format
  // module can read it (Segment still decides doc.language; a document no
  // format claims keeps this one).
  const std::string identified = MainLanguage(*pages);
  doc.language = identified;
  std::vector<std::string> words = CollectDocumentWords(laid.lines);
  HyphenationContext context{dictionary, &words, identified};
  context.author_hyphens_only = OnlyAuthorHyphens(laid.lines, context);
  Segment(laid, context, logger, doc, options);
  if (doc.language.empty()) doc.language = identified;
  LogUndecidedHyphens(doc, logger);

  // The normalized body text: preamble, then each item's heading and paragraphs.
  AppendParagraphs(doc.preamble, doc.text);
  for (const auto& item : doc.items) {
    if (!doc.text.empty()) doc.text += "\n\n";
    doc.text += item.number + " " + item.title;
    AppendParagraphs(item.paragraphs, doc.text);
  }

  for (const auto& w : raw.warnings)
    doc.warnings.push_back(DocumentWarning{std::string(ErrorCodeName(w.code)), w.page, w.message});
  return doc;
}

}  // namespace protokoll
