#include "protokoll/page_image.h"

#include <leptonica/allheaders.h>

#include <cmath>
#include <cstdlib>
#include <memory>

#include "format.h"
#include "image_input.h"
#include "pdf_render.h"

namespace protokoll {
namespace {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

Result<PagePng> EncodePng(const GrayImage& image) {
  PixPtr pix(pixCreate(image.width, image.height, 8));
  if (!pix) return Status(ErrorCode::kPageFailed, "cannot allocate the page image");
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < image.height; ++y) {
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    const uint8_t* row = image.pixels.data() + static_cast<size_t>(y) * image.width;
    for (int x = 0; x < image.width; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  pixSetResolution(pix.get(), image.dpi, image.dpi);
  l_uint8* encoded = nullptr;
  size_t size = 0;
  if (pixWriteMemPng(&encoded, &size, pix.get(), 0.0f) != 0 || encoded == nullptr)
    return Status(ErrorCode::kPageFailed, "cannot encode the page as PNG");
  PagePng out;
  out.png.assign(reinterpret_cast<const char*>(encoded), size);
  lept_free(encoded);
  out.width = image.width;
  out.height = image.height;
  out.dpi = image.dpi;
  return out;
}

// A scan decoded at its own resolution, scaled to `dpi` (never above
// max_pixels), so that points map to pixels as they do for a PDF page.
Result<GrayImage> ScaleTo(const GrayImage& image, int dpi, int64_t max_pixels) {
  double scale = static_cast<double>(dpi) / std::max(1, image.dpi);
  const double pixels = static_cast<double>(image.width) * image.height * scale * scale;
  if (pixels > static_cast<double>(max_pixels)) scale *= std::sqrt(static_cast<double>(max_pixels) / pixels);
  PixPtr pix(pixCreate(image.width, image.height, 8));
  if (!pix) return Status(ErrorCode::kPageFailed, "cannot allocate the page image");
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      SET_DATA_BYTE(data + static_cast<size_t>(y) * wpl, x, image.pixels[static_cast<size_t>(y) * image.width + x]);
  PixPtr scaled(pixScale(pix.get(), static_cast<float>(scale), static_cast<float>(scale)));
  if (!scaled) return Status(ErrorCode::kPageFailed, "cannot scale the page image");
  PixPtr grey(pixConvertTo8(scaled.get(), 0));
  if (!grey) return Status(ErrorCode::kPageFailed, "cannot convert the page image to grey");
  GrayImage out;
  out.width = pixGetWidth(grey.get());
  out.height = pixGetHeight(grey.get());
  out.dpi = std::max(1, static_cast<int>(std::lround(image.dpi * scale)));
  out.pixels.resize(static_cast<size_t>(out.width) * out.height);
  const l_uint32* gdata = pixGetData(grey.get());
  const int gwpl = pixGetWpl(grey.get());
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x)
      out.pixels[static_cast<size_t>(y) * out.width + x] =
          static_cast<uint8_t>(GET_DATA_BYTE(gdata + static_cast<size_t>(y) * gwpl, x));
  return out;
}

}  // namespace

Result<PagePng> RenderPagePng(std::string_view bytes, int page, int dpi, int64_t max_pixels, Logger* logger) {
  if (dpi < 1 || dpi > 1200) return Status(ErrorCode::kInvalidArgument, "dpi must be 1 to 1200");
  if (bytes.empty()) return Status(ErrorCode::kEmptyFile, "the file is empty");
  const InputFormat format = DetectFormat(bytes, "").format;
  if (format == InputFormat::kPdf) {
    auto renderer = PdfRenderer::Open(bytes, logger);
    if (!renderer.ok()) return renderer.status();
    if (page < 1 || page > (*renderer)->page_count())
      return Status(ErrorCode::kNotFound, "the document has no page " + std::to_string(page));
    auto image = (*renderer)->Render(page - 1, dpi, max_pixels);
    if (!image.ok()) return image.status();
    return EncodePng(image->image);
  }
  if (!IsImageFormat(format)) return Status(ErrorCode::kUnsupportedFormat, "this file has no page images");
  if (page < 1) return Status(ErrorCode::kNotFound, "the document has no page " + std::to_string(page));
  ImageInputOptions options;
  options.max_pixels = kMaxPagePixels;
  auto decoded = DecodeImagePage(bytes, page - 1, options);
  if (!decoded.ok()) return decoded.status();
  auto scaled = ScaleTo(decoded->image, dpi, max_pixels);
  if (!scaled.ok()) return scaled.status();
  return EncodePng(*scaled);
}

}  // namespace protokoll
