#include "protokoll/pipeline.h"

#include "protokoll/layout.h"
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

}  // namespace

Document DeriveDocument(const RawDocument& raw, const Dictionary* dictionary, Logger* logger) {
  if (logger == nullptr) logger = NullLogger();
  Document doc;
  doc.id = raw.sha256;
  doc.source = SourceInfo{raw.file_name, raw.bytes, raw.media_type, static_cast<int>(raw.pages.size())};
  doc.pipeline_version = std::string(PipelineVersion());

  LaidOutDocument laid = LayOut(raw);
  for (size_t i = 0; i < laid.pages.size() && i < raw.pages.size(); ++i) {
    laid.pages[i].method = std::string(PageMethodName(raw.pages[i].method));
    laid.pages[i].ocr_confidence = raw.pages[i].ocr_confidence;
  }
  doc.pages = laid.pages;

  std::vector<std::string> words = CollectDocumentWords(laid.lines);
  HyphenationContext context{dictionary, &words};
  Segment(laid, context, logger, doc);

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
