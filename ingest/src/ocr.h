// Internal to ingest: page images and the OCR engine behind them. Not a public
// header, so Poppler/Tesseract/Leptonica types may appear in the .cc files only.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "protokoll/logger.h"
#include "protokoll/raw_document.h"
#include "protokoll/status.h"

namespace protokoll {

class Lexicon;  // ocr_decision.h

// 8-bit grey, row-major, stride == width. Owned pixels.
struct GrayImage {
  int width = 0, height = 0;
  int dpi = 300;  // resolution the image was rendered or scanned at
  std::vector<uint8_t> pixels;

  uint8_t at(int x, int y) const { return pixels[static_cast<size_t>(y) * width + x]; }
  double width_points() const { return width * 72.0 / dpi; }
  double height_points() const { return height * 72.0 / dpi; }
};

// A page image on its way to OCR, with any remark on how it was made (for
// RawPage::method_reason), e.g. that it was rendered at a reduced resolution.
struct PageImage {
  GrayImage image;
  std::string note;
};

// The image turned clockwise by `degrees` (0, 90, 180 or 270; others are 0).
GrayImage RotateClockwise(const GrayImage& image, int degrees);

// When a document's rendering and OCR must stop (ExtractOptions::
// max_document_seconds); pages after it get a kTooLarge warning.
struct DocumentDeadline {
  std::chrono::steady_clock::time_point at = std::chrono::steady_clock::time_point::max();
  int seconds = 0;  // the limit, for messages
  bool passed() const { return std::chrono::steady_clock::now() > at; }
  Status Refusal() const {
    return Status(ErrorCode::kTooLarge,
                  "the document's time limit of " + std::to_string(seconds) + " s was reached before this page");
  }
};

// The most pixels a page image may have (about 40 megapixels: an A4 page at
// 600 dpi is 35). Larger pages are rendered or scaled to a lower resolution.
inline constexpr int64_t kMaxPagePixels = 40'000'000;

struct OcrResult {
  // Boxes in PDF points (pixels * 72 / dpi) of the upright image, that is after
  // turning it by orientation_degrees; reading order.
  std::vector<RawLine> lines;
  double mean_confidence = 0;    // 0..100, over words
  int orientation_degrees = 0;   // how far the image was turned clockwise to read it upright
  double width = 0, height = 0;  // of the upright image, points
  // The language set that read the page: the first of the engine's languages,
  // or all of them when the page read badly in the first (OcrEngineOptions).
  std::string languages;
};

struct OcrEngineOptions {
  std::string languages = "swe+eng";
  // A page still being read after this long fails with kPageFailed; 0: no limit.
  int page_timeout_ms = 120'000;
  // Detect pages scanned sideways or upside down (Tesseract OSD) and turn them
  // upright before reading. Off when osd.traineddata is missing.
  bool detect_orientation = true;

  // A page is read in the first language of `languages` alone ("swe" of
  // "swe+eng"), and with the whole combination only when it reads badly in
  // that one; the better of the two readings is kept. Tesseract's language
  // combinations lose accents the single model keeps (measured on a real
  // Swedish scan: "gård" read "gard", CER 0.030 against 0.018), while the
  // Swedish model reads English text as well as swe+eng does (samples/).
  // Each language set gets its own Tesseract instance, created when first
  // needed, so the fallback costs nothing on pages that read well.
  bool primary_language_first = true;
  // Reads badly: mean word confidence below this (0..100), or, with a
  // lexicon, a share of dictionary words below fallback_known_share.
  double fallback_confidence = 75;
  double fallback_known_share = 0.85;
  // Judges the readings by their share of dictionary words; null: by
  // confidence alone. Not owned; must outlive the engine.
  const Lexicon* lexicon = nullptr;

  bool operator==(const OcrEngineOptions&) const = default;
};

// One Tesseract instance. Thread safety: not thread-safe; one per worker.
// Creating the first engine of a process sets OMP_THREAD_LIMIT=1 unless the
// environment already sets it: Tesseract's OpenMP threads make it several
// times slower on few cores, and pages are parallelised one level up instead.
class OcrEngine {
 public:
  // kOcrUnavailable when Tesseract or the language data cannot be loaded.
  static Result<std::unique_ptr<OcrEngine>> Create(const std::string& languages, Logger* logger);
  static Result<std::unique_ptr<OcrEngine>> Create(const OcrEngineOptions& options, Logger* logger);
  virtual ~OcrEngine() = default;
  // kPageFailed when Tesseract fails or the time limit is hit; kInvalidArgument
  // for an empty or inconsistent image.
  virtual Result<OcrResult> Recognize(const GrayImage& image) = 0;
};

}  // namespace protokoll
