// A stored document's page as a PNG for people to look at (`protokoll
// serve`). Rendered from the original file the way ingest rendered it for
// OCR (Poppler for PDF with the page's /Rotate applied, Leptonica for
// scans), so that the records' boxes (PDF points, origin top-left) land on
// it at dpi / 72 pixels per point. Poppler and Leptonica stay in the .cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "protokoll/logger.h"
#include "protokoll/status.h"

namespace protokoll {

struct PagePng {
  std::string png;  // the encoded image (8-bit grey)
  int width = 0, height = 0;
  // Pixels per inch of the image: what was asked for, or less when the page
  // would otherwise exceed max_pixels.
  int dpi = 0;
};

// Page `page` (1-based) of a PDF, PNG, JPEG or TIFF file's bytes at `dpi`.
// Errors: kNotFound for a page the file does not have, kUnsupportedFormat for
// other inputs (plain text has no page image), kDamagedPdf/kEncryptedPdf/
// kUnreadable when the file cannot be read, kPageFailed when the page cannot
// be rendered, kInvalidArgument for a dpi outside 1..1200.
Result<PagePng> RenderPagePng(std::string_view bytes, int page, int dpi, int64_t max_pixels, Logger* logger);

}  // namespace protokoll
