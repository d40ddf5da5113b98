// Internal to ingest: image inputs (PNG, JPEG, TIFF with any number of pages)
// read with Leptonica and OCR'd page by page. Leptonica types stay in the .cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ocr.h"
#include "ocr_pool.h"
#include "protokoll/extractor.h"
#include "protokoll/logger.h"
#include "protokoll/raw_document.h"
#include "protokoll/status.h"

namespace protokoll {

struct ImageInputOptions {
  OcrPoolOptions ocr;
  // Resolution assumed when the file states none or an implausible one.
  int default_dpi = 300;
  int64_t max_pixels = kMaxPagePixels;  // larger images are scaled down first
  // Images declaring more are refused (kTooLarge) before they are decoded.
  int64_t max_decoded_pixels = 100'000'000;
  int max_pages = 5000;                 // TIFF pages beyond this are dropped with a warning
  DocumentDeadline deadline;
  // Read each page with its language's model (ocr_language.h); false: every
  // page with ocr.engine.languages (--lang).
  bool choose_languages = true;
};

ImageInputOptions MakeImageInputOptions(const ExtractOptions& options);

// Decodes image `index` (0-based) of the file to grey. kUnreadable when
// Leptonica cannot decode it (a damaged file), kNotFound past the last page.
Result<PageImage> DecodeImagePage(std::string_view bytes, int index, const ImageInputOptions& options);

// Every image of the file as an OCR'd RawPage (method kOcr). Fills pages,
// warnings, media_type and bytes; the caller sets sha256 and file_name.
// Errors: kUnreadable when not even the first image decodes (damaged),
// kTooLarge when it exceeds max_pixels many times over, kOcrUnavailable when
// Tesseract cannot start. A page that fails later is a kPageFailed warning.
Result<RawDocument> ExtractImages(std::string_view bytes, const ImageInputOptions& options, Logger* logger);

// The RawPage for an OCR'd page image; `reason` is its method_reason (one of
// method_reason::* in ocr_decision.h).
RawPage MakeOcrPage(int number, OcrPage page, std::string_view reason);

// How a page was read, for the log: the languages, any turn to upright and
// the image's note ("read with swe; turned 180 degrees clockwise").
std::string DescribeOcr(const OcrPage& page);

}  // namespace protokoll
