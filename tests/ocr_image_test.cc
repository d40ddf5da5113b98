// Image inputs: PNG and multi-page TIFF made here with Leptonica from a
// rendering of tests/data/ocr/known_text.pdf, decoded and OCR'd through the
// Extractor as a user's file would be.
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "../ingest/src/image_input.h"
#include "../ingest/src/pdf_render.h"
#include "protokoll/extractor.h"
#include "test_support.h"

namespace protokoll {
namespace {

GrayImage RenderFixture(int dpi) {
  static const std::string pdf =
      testing::ReadFileOrDie(testing::SourceDir() + "/tests/data/ocr/known_text.pdf");
  auto renderer = PdfRenderer::Open(pdf, nullptr);
  EXPECT_TRUE(renderer.ok());
  auto page = (*renderer)->Render(0, dpi);
  EXPECT_TRUE(page.ok());
  return page->image;
}

PIX* ToPix(const GrayImage& image, int stated_dpi) {
  PIX* pix = pixCreate(image.width, image.height, 8);
  l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) SET_DATA_BYTE(data + y * wpl, x, image.at(x, y));
  pixSetResolution(pix, stated_dpi, stated_dpi);
  return pix;
}

std::string TakeBytes(l_uint8* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return bytes;
}

std::string Encode(const GrayImage& image, int stated_dpi, int format) {
  PIX* pix = ToPix(image, stated_dpi);
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixWriteMem(&data, &size, pix, format), 0);
  pixDestroy(&pix);
  return TakeBytes(data, size);
}

std::string TwoPageTiff(const GrayImage& first, const GrayImage& second, int stated_dpi) {
  PIXA* pixa = pixaCreate(2);
  pixaAddPix(pixa, ToPix(first, stated_dpi), L_INSERT);
  pixaAddPix(pixa, ToPix(second, stated_dpi), L_INSERT);
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixaWriteMemMultipageTiff(&data, &size, pixa), 0);
  pixaDestroy(&pixa);
  return TakeBytes(data, size);
}

std::string PageText(const RawPage& page) {
  std::string text;
  for (const RawLine& line : page.lines)
    for (const Word& w : line.words) text += w.text + " ";
  return text;
}

TEST(ImageInputTest, DecodesPngPixelsAndStatedResolution) {
  GrayImage image = RenderFixture(100);
  auto decoded = DecodeImagePage(Encode(image, 200, IFF_PNG), 0, ImageInputOptions{});
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->image.width, image.width);
  EXPECT_EQ(decoded->image.height, image.height);
  EXPECT_EQ(decoded->image.dpi, 200);
  EXPECT_EQ(decoded->image.pixels, image.pixels);
  EXPECT_TRUE(decoded->note.empty());
}

TEST(ImageInputTest, AssumesTheDefaultResolutionForAMeaninglessOne) {
  ImageInputOptions options;
  options.default_dpi = 300;
  auto decoded = DecodeImagePage(Encode(RenderFixture(100), 72, IFF_PNG), 0, options);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->image.dpi, 300);
}

TEST(ImageInputTest, ScalesAnImageDownToThePixelCap) {
  GrayImage image = RenderFixture(150);
  ImageInputOptions options;
  options.max_pixels = static_cast<int64_t>(image.width) * image.height / 4;
  auto decoded = DecodeImagePage(Encode(image, 150, IFF_PNG), 0, options);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_LE(static_cast<int64_t>(decoded->image.width) * decoded->image.height, options.max_pixels);
  EXPECT_NEAR(decoded->image.width, image.width / 2, 2);
  EXPECT_NEAR(decoded->image.dpi, 75, 1);  // the page keeps its size in points
  EXPECT_NE(decoded->note.find("megapixels"), std::string::npos) << decoded->note;
}

TEST(ImageInputTest, ADamagedImageIsUnreadable) {
  auto decoded = DecodeImagePage("\x89PNG\r\n\x1a\n but then nothing", 0, ImageInputOptions{});
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), ErrorCode::kUnreadable);
  auto doc = ExtractImages("\x89PNG\r\n\x1a\n but then nothing", ImageInputOptions{}, nullptr);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kUnreadable);
}

TEST(ImageInputTest, EveryTiffPageIsReadUprightThroughTheExtractor) {
  GrayImage upright = RenderFixture(300);
  const std::string tiff = TwoPageTiff(upright, RotateClockwise(upright, 180), 300);
  auto count_only = DecodeImagePage(tiff, 2, ImageInputOptions{});
  EXPECT_EQ(count_only.status().code(), ErrorCode::kNotFound);

  ExtractOptions options;
  options.ocr_workers = 2;
  struct Recorder final : Logger {
    void Log(LogLevel, std::string_view message) override {
      std::lock_guard lock(mu);
      lines.emplace_back(message);
    }
    std::mutex mu;
    std::vector<std::string> lines;
  } log;
  Extractor extractor(options, &log);
  auto doc = extractor.ExtractBytes(tiff, "scan.tif");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->media_type, "image/tiff");
  EXPECT_TRUE(doc->warnings.empty());
  ASSERT_EQ(doc->pages.size(), 2u);
  for (int i = 0; i < 2; ++i) {
    const RawPage& page = doc->pages[i];
    EXPECT_EQ(page.number, i + 1);
    EXPECT_EQ(page.method, PageMethod::kOcr);
    ASSERT_TRUE(page.ocr_confidence.has_value());
    EXPECT_GT(*page.ocr_confidence, 70);
    EXPECT_NEAR(page.width, 297.6, 1);
    EXPECT_NEAR(page.height, 419.5, 1);
    std::string text = PageText(page);
    EXPECT_NE(text.find("styrelsemöte"), std::string::npos) << text;
    EXPECT_NE(text.find("Öberg"), std::string::npos) << text;
  }
  // The reason, then the languages that read the page and why they were chosen.
  EXPECT_TRUE(doc->pages[0].method_reason.starts_with("image_input; swe")) << doc->pages[0].method_reason;
  EXPECT_TRUE(doc->pages[1].method_reason.starts_with("image_input; swe")) << doc->pages[1].method_reason;
  EXPECT_EQ(doc->pages[0].language, "sv");
  // The turn to upright is in the log, not in the record.
  const bool turned = std::any_of(log.lines.begin(), log.lines.end(), [](const std::string& line) {
    return line.starts_with("image 2 ") && line.find("turned 180 degrees") != std::string::npos;
  });
  EXPECT_TRUE(turned);
}

TEST(ImageInputTest, AnImageCannotBeReadWithOcrSwitchedOff) {
  ExtractOptions options;
  options.ocr = OcrMode::kNever;
  Extractor extractor(options, NullLogger());
  auto doc = extractor.ExtractBytes(Encode(RenderFixture(50), 50, IFF_PNG), "page.png");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kOcrUnavailable);
}

}  // namespace
}  // namespace protokoll
