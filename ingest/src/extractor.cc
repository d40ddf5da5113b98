#include "protokoll/extractor.h"

#include <algorithm>
#include <memory>
#include <utility>

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
  for (int index = 0; index < pages; ++index) {
    auto page = pdf.ExtractPage(index, limits);
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
