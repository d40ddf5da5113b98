// Page images for people (page_image.h): a PDF page at the asked resolution
// so that points map to pixels at dpi / 72, scans scaled the same way, and
// clear errors for pages and files that have no image.
#include "protokoll/page_image.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "test_support.h"

namespace protokoll {
namespace {

// Width and height from a PNG's IHDR chunk; {0, 0} when it is no PNG.
std::pair<int, int> PngSize(const std::string& png) {
  static const std::string kSignature("\x89PNG\r\n\x1a\n", 8);
  if (png.size() < 24 || png.compare(0, 8, kSignature) != 0 || png.compare(12, 4, "IHDR") != 0) return {0, 0};
  auto be32 = [&](size_t at) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
    return static_cast<int>(v);
  };
  return {be32(16), be32(20)};
}

class PageImageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pdf_ = new std::string(testing::ReadFileOrDie(testing::SourceDir() + "/samples/riverton-council-minutes-2025-03-04.pdf"));
  }
  static void TearDownTestSuite() { delete pdf_; }
  static std::string* pdf_;
};
std::string* PageImageTest::pdf_ = nullptr;

TEST_F(PageImageTest, APdfPageScalesWithTheResolution) {
  auto at72 = RenderPagePng(*pdf_, 1, 72, 50'000'000, nullptr);
  auto at144 = RenderPagePng(*pdf_, 1, 144, 50'000'000, nullptr);
  ASSERT_TRUE(at72.ok()) << at72.status().ToString();
  ASSERT_TRUE(at144.ok()) << at144.status().ToString();
  const auto [w72, h72] = PngSize(at72->png);
  const auto [w144, h144] = PngSize(at144->png);
  ASSERT_GT(w72, 100);  // at 72 dpi a pixel is a point: a real page is hundreds wide
  EXPECT_EQ(w72, at72->width);
  EXPECT_EQ(h72, at72->height);
  EXPECT_EQ(at72->dpi, 72);
  EXPECT_EQ(at144->dpi, 144);
  EXPECT_NEAR(w144, 2 * w72, 2);
  EXPECT_NEAR(h144, 2 * h72, 2);
}

TEST_F(PageImageTest, TheSizeCapLowersTheResolutionAndSaysSo) {
  auto capped = RenderPagePng(*pdf_, 1, 300, 200'000, nullptr);
  ASSERT_TRUE(capped.ok()) << capped.status().ToString();
  EXPECT_LE(static_cast<int64_t>(capped->width) * capped->height, 200'000);
  EXPECT_LT(capped->dpi, 300);
  EXPECT_GT(capped->dpi, 0);
}

TEST_F(PageImageTest, PagesOutsideTheDocumentAreNotFound) {
  EXPECT_EQ(RenderPagePng(*pdf_, 0, 72, 1'000'000, nullptr).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(RenderPagePng(*pdf_, 999, 72, 1'000'000, nullptr).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(RenderPagePng(*pdf_, 1, 0, 1'000'000, nullptr).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(PageImageTest, TextAndDamagedFilesHaveNoPageImage) {
  EXPECT_EQ(RenderPagePng("Protokoll fört vid sammanträde\n", 1, 72, 1'000'000, nullptr).status().code(),
            ErrorCode::kUnsupportedFormat);
  EXPECT_EQ(RenderPagePng("", 1, 72, 1'000'000, nullptr).status().code(), ErrorCode::kEmptyFile);
  const std::string truncated = pdf_->substr(0, 200);
  EXPECT_FALSE(RenderPagePng(truncated, 1, 72, 1'000'000, nullptr).ok());
}

TEST_F(PageImageTest, AScanIsScaledFromItsOwnResolution) {
  // A page image rendered at 144 dpi is itself a scan with that resolution.
  auto scan = RenderPagePng(*pdf_, 1, 144, 50'000'000, nullptr);
  ASSERT_TRUE(scan.ok());
  auto shown = RenderPagePng(scan->png, 1, 72, 50'000'000, nullptr);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_NEAR(shown->width, scan->width / 2, 2);
  EXPECT_NEAR(shown->height, scan->height / 2, 2);
  EXPECT_EQ(RenderPagePng(scan->png, 2, 72, 50'000'000, nullptr).status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace protokoll
