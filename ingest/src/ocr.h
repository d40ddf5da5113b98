// Internal to ingest: page images and the OCR engine behind them. Not a public
// header, so Poppler/Tesseract/Leptonica types may appear in the .cc files only.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "protokoll/logger.h"
#include "protokoll/raw_document.h"
#include "protokoll/status.h"

namespace protokoll {

// 8-bit grey, row-major, stride == width. Owned pixels.
struct GrayImage {
  int width = 0, height = 0;
  int dpi = 300;  // resolution the image was rendered or scanned at
  std::vector<uint8_t> pixels;
};

struct OcrResult {
  std::vector<RawLine> lines;  // boxes in PDF points (pixels * 72 / dpi), reading order
  double mean_confidence = 0;  // 0..100, over words
  int orientation_degrees = 0; // how far the image was rotated to read it upright
};

// One Tesseract instance. Thread safety: not thread-safe; one per worker.
class OcrEngine {
 public:
  // kOcrUnavailable when Tesseract or the language data cannot be loaded.
  static Result<std::unique_ptr<OcrEngine>> Create(const std::string& languages, Logger* logger);
  virtual ~OcrEngine() = default;
  virtual Result<OcrResult> Recognize(const GrayImage& image) = 0;
};

}  // namespace protokoll
