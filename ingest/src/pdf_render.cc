#include "pdf_render.h"

#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <climits>
#include <cmath>
#include <cstring>
#include <exception>

#include "poppler_log.h"

namespace protokoll {

PdfRenderer::PdfRenderer(std::unique_ptr<poppler::document> doc, Logger* logger)
    : doc_(std::move(doc)), logger_(logger) {}
PdfRenderer::~PdfRenderer() = default;

Result<std::unique_ptr<PdfRenderer>> PdfRenderer::Open(std::string_view bytes, Logger* logger) {
  if (!logger) logger = NullLogger();
  if (bytes.size() > static_cast<size_t>(INT_MAX))
    return Status(ErrorCode::kTooLarge, "PDF too large to render");
  PopplerLogScope log_scope(logger);
  try {
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) return Status(ErrorCode::kDamagedPdf, "Poppler cannot open the PDF");
    if (doc->is_locked()) return Status(ErrorCode::kEncryptedPdf, "the PDF needs a password");
    return std::unique_ptr<PdfRenderer>(new PdfRenderer(std::move(doc), logger));
  } catch (const std::exception& e) {
    return Status(ErrorCode::kDamagedPdf, std::string("Poppler failed: ") + e.what());
  }
}

int PdfRenderer::page_count() const { return doc_->pages(); }

Result<PageImage> PdfRenderer::Render(int index, int dpi, int64_t max_pixels) const {
  const std::string where = "page " + std::to_string(index + 1);
  if (index < 0 || index >= page_count())
    return Status(ErrorCode::kInvalidArgument, where + " does not exist");
  if (dpi <= 0) return Status(ErrorCode::kInvalidArgument, "resolution must be positive");
  if (max_pixels <= 0) return Status(ErrorCode::kInvalidArgument, "the pixel limit must be positive");
  if (!limits_.isolate) return RenderHere(index, dpi, max_pixels, logger_);
  // In the child Poppler's messages are dropped: the logger's lock may have
  // been held by another thread at the fork.
  return RunIsolated([&] { return RenderHere(index, dpi, max_pixels, NullLogger()); }, max_pixels, limits_,
                     "rendering " + where);
}

Result<PageImage> PdfRenderer::RenderHere(int index, int dpi, int64_t max_pixels, Logger* logger) const {
  const std::string where = "page " + std::to_string(index + 1);
  PopplerLogScope log_scope(logger);
  try {
    std::unique_ptr<poppler::page> page(doc_->create_page(index));
    if (!page) return Status(ErrorCode::kPageFailed, "Poppler cannot load " + where);
    poppler::rectf rect = page->page_rect(poppler::crop_box);
    double area_points = std::abs(rect.width() * rect.height());
    if (!(area_points > 0)) return Status(ErrorCode::kPageFailed, where + " has an empty page box");

    PageImage out;
    double resolution = dpi;
    double pixels = area_points * (resolution / 72.0) * (resolution / 72.0);
    if (pixels > static_cast<double>(max_pixels)) {
      resolution = std::floor(resolution * std::sqrt(static_cast<double>(max_pixels) / pixels));
      if (resolution < 1) return Status(ErrorCode::kPageFailed, where + " is too large to render");
      out.note = "rendered at " + std::to_string(static_cast<int>(resolution)) + " dpi instead of " +
                 std::to_string(dpi) + " to stay under " + std::to_string(max_pixels / 1'000'000) +
                 " megapixels";
    }

    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_gray8);
    poppler::image img = renderer.render_page(page.get(), resolution, resolution);
    if (!img.is_valid() || img.width() <= 0 || img.height() <= 0)
      return Status(ErrorCode::kPageFailed, "Poppler cannot render " + where);

    GrayImage& gray = out.image;
    gray.width = img.width();
    gray.height = img.height();
    gray.dpi = static_cast<int>(resolution);
    gray.pixels.resize(static_cast<size_t>(gray.width) * gray.height);
    const int stride = img.bytes_per_row();
    const char* data = img.const_data();
    if (img.format() == poppler::image::format_gray8) {
      for (int y = 0; y < gray.height; ++y)
        std::memcpy(gray.pixels.data() + static_cast<size_t>(y) * gray.width,
                    data + static_cast<size_t>(y) * stride, gray.width);
    } else if (img.format() == poppler::image::format_argb32) {
      // Older Poppler ignores gray8: BGRA in memory, luma by ITU-R BT.601.
      for (int y = 0; y < gray.height; ++y) {
        const auto* row = reinterpret_cast<const uint8_t*>(data + static_cast<size_t>(y) * stride);
        uint8_t* dst = gray.pixels.data() + static_cast<size_t>(y) * gray.width;
        for (int x = 0; x < gray.width; ++x)
          dst[x] = static_cast<uint8_t>((row[4 * x] * 29 + row[4 * x + 1] * 150 + row[4 * x + 2] * 77) >> 8);
      }
    } else {
      return Status(ErrorCode::kPageFailed, "Poppler rendered " + where + " in an unexpected format");
    }
    return out;
  } catch (const std::exception& e) {
    return Status(ErrorCode::kPageFailed, "Poppler failed to render " + where + ": " + e.what());
  } catch (...) {
    return Status(ErrorCode::kPageFailed, "Poppler failed to render " + where);
  }
}

}  // namespace protokoll
