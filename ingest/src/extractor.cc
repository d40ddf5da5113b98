#include "protokoll/extractor.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "format.h"
#include "image_input.h"
#include "protokoll/language.h"
#include "ocr_pdf.h"
#include "pdf_text.h"
#include "poppler_log.h"
#include "text_input.h"

namespace protokoll {
namespace {

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

Status ExtractText(std::string_view bytes, RawDocument& doc, Logger* logger) {
  auto decoded = DecodeText(bytes);
  if (!decoded.ok()) return decoded.status();
  if (decoded->encoding == TextEncoding::kWindows1252) {
    // Not silent (issue 13): the reader should know the text was guessed.
    const std::string message = std::to_string(decoded->foreign_bytes) + " byte(s) on " +
                                std::to_string(decoded->foreign_lines) +
                                " line(s) are not UTF-8 and were read as Windows-1252";
    logger->Debug(doc.file_name + ": " + message);
    doc.warnings.push_back({ErrorCode::kUnreadable, std::nullopt, message});
  }
  doc.pages = LayOutText(decoded->utf8);
  return Status::Ok();
}

// One page's text layer and the Poppler messages reading it caused.
struct PageOutcome {
  std::optional<Result<PdfPageText>> result;
  PopplerMessages messages;
  bool by_helper = false;
};

// A helper reader starts only when this many pages are still unread: opening
// a second Poppler document costs about as much as reading a page or two.
constexpr int kMinPagesForHelper = 4;
constexpr int kMaxHelpers = 7;

// The text layers of pages [0, pages). Pages are taken one at a time from a
// shared counter; between pages the calling thread asks `budget` for a free
// core and starts a helper on it that opens its own Poppler document from
// the same bytes (one Poppler document is not safe to read from two threads).
std::vector<PageOutcome> ReadTextPages(std::string_view bytes, const PdfTextDocument& pdf, int pages,
                                       const PdfLimits& limits, CoreBudget* budget, Logger* logger) {
  std::vector<PageOutcome> out(static_cast<size_t>(std::max(pages, 0)));
  std::atomic<int> next{0};
  std::atomic<bool> helper_messages{false};  // the pages are read again (below): stop early
  auto read = [&](const PdfTextDocument& doc, int index) {
    PopplerLogScope scope(logger);
    out[index].result.emplace(doc.ExtractPage(index, limits));
    out[index].messages = scope.collected();
    out[index].by_helper = &doc != &pdf;
    if (out[index].by_helper && out[index].messages.messages > 0) {
      helper_messages = true;
      next = pages;
    }
  };
  auto helper = [&] {
    std::unique_ptr<PdfTextDocument> own;
    {
      PopplerLogScope repeated(logger);  // what opening reports, the first open reported already
      auto opened = PdfTextDocument::Open(bytes);
      if (!opened.ok()) return;
      own = std::move(*opened);
    }
    for (int i = next++; i < pages; i = next++) read(*own, i);
  };
  std::vector<std::thread> helpers;
  for (int i = next++; i < pages; i = next++) {
    read(pdf, i);
    if (budget && static_cast<int>(helpers.size()) < kMaxHelpers && pages - next.load() >= kMinPagesForHelper &&
        budget->TryAcquire(1) == 1) {
      try {
        helpers.emplace_back(helper);
      } catch (const std::system_error&) {
        budget->Release(1);  // no thread to be had: read on alone
      }
    }
  }
  for (auto& t : helpers) t.join();
  if (budget) budget->Release(static_cast<int>(helpers.size()));
  // Poppler reports a damaged object once per document that loads it (fonts
  // are cached per document), so a helper may repeat a message the first
  // reader gave already, and the damage warning would count differently
  // than when one thread reads all pages. Such files are rare: read again.
  if (!helper_messages) return out;
  logger->Debug("pages read again by one thread: Poppler complained on a helper's page");
  // A fresh document: the first reader's caches hold what it reported.
  std::unique_ptr<PdfTextDocument> fresh;
  {
    PopplerLogScope repeated(logger);
    auto opened = PdfTextDocument::Open(bytes);
    if (opened.ok()) fresh = std::move(*opened);
  }
  return ReadTextPages(bytes, fresh ? *fresh : pdf, pages, limits, nullptr, logger);
}

Status ExtractPdf(std::string_view bytes, const ExtractOptions& options, const DocumentDeadline& deadline,
                  RawDocument& doc, Logger* logger) {
  // Poppler's messages during open and extraction are evidence of damage:
  // counted here, logged at debug level, summarised as one document warning.
  PopplerLogScope poppler_log(logger);
  auto opened = PdfTextDocument::Open(bytes);
  if (!opened.ok()) {
    Status s = opened.status();
    if (s.code() == ErrorCode::kDamagedPdf && poppler_log.damage_count() > 0)
      return Status(s.code(), s.message() + " (Poppler: " + poppler_log.first_damage_message() + ")");
    return s;
  }
  const PdfTextDocument& pdf = **opened;
  if (!pdf.repair_note().empty()) doc.warnings.push_back({ErrorCode::kDamagedPdf, std::nullopt, pdf.repair_note()});
  if (pdf.repaired_bytes()) bytes = *pdf.repaired_bytes();

  PdfLimits limits;
  limits.max_pages = std::max(1, options.max_pages);
  int pages = pdf.page_count();
  if (pages > limits.max_pages) {
    doc.warnings.push_back({ErrorCode::kTooLarge, std::nullopt,
                            std::to_string(pages) + " pages; only the first " +
                                std::to_string(limits.max_pages) + " were read"});
    pages = limits.max_pages;
  }

  int failed = 0;
  // Helpers only for a file that opened without complaint (see ReadTextPages).
  CoreBudget* budget = poppler_log.message_count() == 0 ? options.core_budget.get() : nullptr;
  std::vector<PageOutcome> outcomes = ReadTextPages(bytes, pdf, pages, limits, budget, logger);
  for (int index = 0; index < pages; ++index) {
    // In page order, whichever thread read the page: messages, warnings and
    // pages come out as when one thread reads them all.
    poppler_log.Add(outcomes[index].messages);
    auto& page = *outcomes[index].result;
    if (!page.ok()) {
      ++failed;
      doc.warnings.push_back({ErrorCode::kPageFailed, index + 1, page.status().message()});
      continue;
    }
    // Seam for the per-page OCR decision: page->stats (words, characters,
    // U+FFFD share, ...) says how good the text layer is; today it is kept.
    for (RawWarning& w : page->warnings) doc.warnings.push_back(std::move(w));
    doc.pages.push_back(std::move(page->page));
  }
  if (failed == pages) return Status(ErrorCode::kDamagedPdf, "no page of the PDF could be read");
  // Per page: keep the text layer or OCR the page (ocr_pdf.h).
  PdfOcrOptions ocr_options = MakePdfOcrOptions(options);
  ocr_options.deadline = deadline;
  ApplyOcr(bytes, doc.pages, doc.warnings, ocr_options, logger);

  // Recover and warn (as qpdf does): one document warning gathers the evidence.
  std::string damage;
  if (!HasTrailerAtEnd(bytes)) damage = "no startxref at the end of the file (truncated?)";
  else damage = CheckXrefTable(bytes);  // Poppler repairs a wrong table silently
  if (poppler_log.damage_count() > 0) {
    if (!damage.empty()) damage += "; ";
    damage += "Poppler reported " + std::to_string(poppler_log.damage_count()) + " problem(s) (first: " +
              poppler_log.first_damage_message() + ")";
  }
  if (!damage.empty())
    doc.warnings.push_back({ErrorCode::kDamagedPdf, std::nullopt,
                            "the PDF is damaged and was read after repair, text may be missing: " + damage});
  return Status::Ok();
}

// U+FFFD in a text layer kept as text: glyphs the PDF maps to no Unicode
// (often an "fi" or "fl" ligature: "�nns" for "finns"), too few for the
// page to be OCR'd. Normalization drops them (text.h); the page says so.
void WarnOfLostCharacters(RawDocument& doc) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  for (const RawPage& page : doc.pages) {
    if (page.method != PageMethod::kText) continue;
    int lost = 0;
    for (const auto& line : page.lines)
      for (const auto& w : line.words)
        for (size_t at = w.text.find(kReplacement); at != std::string::npos; at = w.text.find(kReplacement, at + 3))
          ++lost;
    if (lost == 0) continue;
    const ErrorCode code = doc.media_type == "application/pdf" ? ErrorCode::kDamagedPdf : ErrorCode::kUnreadable;
    doc.warnings.push_back({code, page.number,
                            std::to_string(lost) + " character(s) without Unicode (U+FFFD) left out of the text"});
  }
}

}  // namespace

Extractor::Extractor(ExtractOptions options, Logger* logger, FileSystem* fs)
    : options_(std::move(options)), logger_(logger ? logger : NullLogger()),
      fs_(fs ? fs : DefaultFileSystem()) {}
Extractor::~Extractor() = default;

Result<RawDocument> Extractor::ExtractFile(const std::string& path) {
  auto bytes = fs_->ReadFile(path, options_.max_input_bytes);
  if (!bytes.ok()) return bytes.status();
  return ExtractBytes(*bytes, BaseName(path));
}

Result<RawDocument> Extractor::ExtractBytes(std::string_view bytes, const std::string& file_name) {
  if (bytes.size() > options_.max_input_bytes)
    return Status(ErrorCode::kTooLarge, std::to_string(bytes.size()) + " bytes, more than the limit of " +
                                            std::to_string(options_.max_input_bytes));
  if (bytes.empty()) return Status(ErrorCode::kEmptyFile, "the file is empty (0 bytes)");

  DocumentDeadline deadline;
  deadline.seconds = std::max(1, options_.max_document_seconds);
  deadline.at = std::chrono::steady_clock::now() + std::chrono::seconds(deadline.seconds);
  RawDocument doc;
  doc.file_name = BaseName(file_name);
  doc.bytes = bytes.size();
  doc.sha256 = Sha256Hex(bytes);

  FormatGuess guess = DetectFormat(bytes, doc.file_name);
  doc.media_type = std::string(MediaTypeOf(guess.format));
  Status status;
  switch (guess.format) {
    case InputFormat::kUnknown:
      return Status(ErrorCode::kUnsupportedFormat, guess.reason);
    case InputFormat::kPng:
    case InputFormat::kJpeg:
    case InputFormat::kTiff: {
      if (options_.ocr == OcrMode::kNever)
        return Status(ErrorCode::kOcrUnavailable, "an image can only be read by OCR, which is switched off");
      ImageInputOptions image_options = MakeImageInputOptions(options_);
      image_options.deadline = deadline;
      auto images = ExtractImages(bytes, image_options, logger_);
      if (!images.ok()) return images.status();
      doc.pages = std::move(images->pages);
      doc.warnings = std::move(images->warnings);
      break;
    }
    case InputFormat::kText:
      status = ExtractText(bytes, doc, logger_);
      break;
    case InputFormat::kPdf:
      status = ExtractPdf(bytes, options_, deadline, doc, logger_);
      break;
  }
  if (!status.ok()) return status;
  if (options_.max_line_chars > 0) SplitLongLines(doc, options_.max_line_chars);
  AssignPageLanguages(doc.pages);
  WarnOfLostCharacters(doc);
  return doc;
}

}  // namespace protokoll
