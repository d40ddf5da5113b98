// Internal to ingest: PDF pages rendered in process to 8-bit grey for OCR and
// for the OCR decision's look at a page. Nothing is encoded: the buffer goes
// to Tesseract as is. Poppler types stay in pdf_render.cc.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "isolated.h"
#include "ocr.h"
#include "protokoll/logger.h"
#include "protokoll/status.h"

namespace poppler {
class document;
}

namespace protokoll {

// Thread safety: not thread-safe (Poppler documents are not); render on one
// thread and hand the images to OCR workers.
class PdfRenderer {
 public:
  // `bytes` must stay alive and unchanged while the renderer exists. Errors:
  // kDamagedPdf, kEncryptedPdf. Poppler messages go to `logger` at kDebug.
  static Result<std::unique_ptr<PdfRenderer>> Open(std::string_view bytes, Logger* logger);
  ~PdfRenderer();
  PdfRenderer(const PdfRenderer&) = delete;
  PdfRenderer& operator=(const PdfRenderer&) = delete;

  int page_count() const;

  // Page `index` (0-based) as displayed (its /Rotate applied) at `dpi`, or at
  // the highest resolution that keeps the image within `max_pixels`, which
  // the note then says. kPageFailed when Poppler cannot render it; with
  // isolation (the default), also when it crashes or runs past the deadline,
  // and kTooLarge when it needs more memory than allowed (isolated.h).
  Result<PageImage> Render(int index, int dpi, int64_t max_pixels = kMaxPagePixels) const;

  void set_limits(const IsolationLimits& limits) { limits_ = limits; }

 private:
  PdfRenderer(std::unique_ptr<poppler::document> doc, Logger* logger);
  Result<PageImage> RenderHere(int index, int dpi, int64_t max_pixels, Logger* logger) const;
  std::unique_ptr<poppler::document> doc_;
  Logger* logger_;
  IsolationLimits limits_;
};

}  // namespace protokoll
