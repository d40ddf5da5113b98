// Tesseract behind OcrEngine, the page renderer and the worker pool, on a
// page rendered here from tests/data/ocr/known_text.pdf (text at known
// positions), upright and turned sideways.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "../ingest/src/ocr.h"
#include "../ingest/src/ocr_decision.h"
#include "../ingest/src/ocr_pool.h"
#include "../ingest/src/pdf_render.h"
#include "test_support.h"

namespace protokoll {
namespace {

const std::string& FixturePdf() {
  static const std::string bytes =
      testing::ReadFileOrDie(testing::SourceDir() + "/tests/data/ocr/known_text.pdf");
  return bytes;
}

GrayImage RenderFixture(int dpi = 300) {
  auto renderer = PdfRenderer::Open(FixturePdf(), nullptr);
  EXPECT_TRUE(renderer.ok()) << renderer.status().ToString();
  auto page = (*renderer)->Render(0, dpi);
  EXPECT_TRUE(page.ok()) << page.status().ToString();
  return page->image;
}

std::vector<const Word*> AllWords(const OcrResult& result) {
  std::vector<const Word*> words;
  for (const RawLine& line : result.lines)
    for (const Word& w : line.words) words.push_back(&w);
  return words;
}

const Word* FindWord(const OcrResult& result, const std::string& text) {
  for (const Word* w : AllWords(result))
    if (w->text == text) return w;
  return nullptr;
}

std::unique_ptr<OcrEngine> MakeEngine(OcrEngineOptions options = {}) {
  auto engine = OcrEngine::Create(options, nullptr);
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return engine.ok() ? std::move(engine).value() : nullptr;
}

TEST(PdfRenderTest, RendersGreyAtTheRequestedResolution) {
  GrayImage image = RenderFixture(150);
  // A6 is 297.6 x 419.5 points.
  EXPECT_NEAR(image.width, 297.638 * 150 / 72, 1.5);
  EXPECT_NEAR(image.height, 419.528 * 150 / 72, 1.5);
  EXPECT_EQ(image.dpi, 150);
  ASSERT_EQ(image.pixels.size(), static_cast<size_t>(image.width) * image.height);
  // White paper with some black text.
  auto dark = std::count_if(image.pixels.begin(), image.pixels.end(), [](uint8_t p) { return p < 100; });
  auto white = std::count_if(image.pixels.begin(), image.pixels.end(), [](uint8_t p) { return p > 250; });
  EXPECT_GT(dark, 500);
  EXPECT_GT(white, static_cast<long>(image.pixels.size() * 9 / 10));
}

TEST(PdfRenderTest, LowersTheResolutionOfAPageTooLargeForThePixelCap) {
  auto renderer = PdfRenderer::Open(FixturePdf(), nullptr);
  ASSERT_TRUE(renderer.ok());
  auto page = (*renderer)->Render(0, 300, /*max_pixels=*/1'000'000);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_LE(static_cast<int64_t>(page->image.width) * page->image.height, 1'000'000);
  EXPECT_LT(page->image.dpi, 300);
  EXPECT_NE(page->note.find("dpi"), std::string::npos) << page->note;
  auto plain = (*renderer)->Render(0, 100, 1'000'000);
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain->note.empty());
}

TEST(PdfRenderTest, RejectsBadInputAndPages) {
  auto garbage = PdfRenderer::Open("%PDF-1.4 nothing else", nullptr);
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().code(), ErrorCode::kDamagedPdf);
  auto renderer = PdfRenderer::Open(FixturePdf(), nullptr);
  ASSERT_TRUE(renderer.ok());
  EXPECT_EQ((*renderer)->page_count(), 1);
  EXPECT_FALSE((*renderer)->Render(1, 300).ok());
}

TEST(RotateClockwiseTest, MovesEveryPixel) {
  GrayImage image{3, 2, 300, {1, 2, 3, 4, 5, 6}};  // rows: 1 2 3 / 4 5 6
  GrayImage r90 = RotateClockwise(image, 90);
  EXPECT_EQ(r90.width, 2);
  EXPECT_EQ(r90.height, 3);
  EXPECT_EQ(r90.pixels, (std::vector<uint8_t>{4, 1, 5, 2, 6, 3}));
  EXPECT_EQ(RotateClockwise(image, 180).pixels, (std::vector<uint8_t>{6, 5, 4, 3, 2, 1}));
  EXPECT_EQ(RotateClockwise(image, 270).pixels, (std::vector<uint8_t>{3, 6, 2, 5, 1, 4}));
  EXPECT_EQ(RotateClockwise(RotateClockwise(image, 90), 270).pixels, image.pixels);
}

TEST(OcrEngineTest, ReadsKnownTextWithBoxesInPoints) {
  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  auto result = engine->Recognize(RenderFixture());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->orientation_degrees, 0);
  EXPECT_NEAR(result->width, 297.6, 1);
  EXPECT_NEAR(result->height, 419.5, 1);
  EXPECT_GT(result->mean_confidence, 70);
  ASSERT_GE(result->lines.size(), 5u);
  for (const char* expected : {"Protokoll", "styrelsemöte", "Andersson", "Öberg", "Mötets", "öppnande"})
    EXPECT_NE(FindWord(*result, expected), nullptr) << expected;
  // pdftotext puts "Protokoll" at x 36.0-90.5, y 49.9-62.9 (points).
  const Word* protokoll = FindWord(*result, "Protokoll");
  ASSERT_NE(protokoll, nullptr);
  EXPECT_NEAR(protokoll->box.x0, 36.0, 3);
  EXPECT_NEAR(protokoll->box.x1, 90.5, 3);
  EXPECT_NEAR(protokoll->box.y1, 62.9, 4);
  EXPECT_GT(protokoll->confidence, 50);
  EXPECT_GT(protokoll->font_size, 8);
  EXPECT_LT(protokoll->font_size, 20);
  // Lines come top to bottom, words left to right.
  for (size_t i = 1; i < result->lines.size(); ++i)
    EXPECT_GT(result->lines[i].box.y0, result->lines[i - 1].box.y0);
  const RawLine& first = result->lines.front();
  ASSERT_GE(first.words.size(), 2u);
  EXPECT_LT(first.words[0].box.x0, first.words[1].box.x0);
}

TEST(OcrEngineTest, TurnsAPageScannedSidewaysUpright) {
  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  GrayImage sideways = RotateClockwise(RenderFixture(), 90);
  auto result = engine->Recognize(sideways);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->orientation_degrees, 270);
  // Coordinates are those of the upright page.
  EXPECT_NEAR(result->width, 297.6, 1);
  EXPECT_NEAR(result->height, 419.5, 1);
  EXPECT_NE(FindWord(*result, "styrelsemöte"), nullptr);
  EXPECT_NE(FindWord(*result, "Närvarande:"), nullptr);
}

TEST(OcrEngineTest, RejectsAnInconsistentImageAndStopsAtTheDeadline) {
  OcrEngineOptions options;
  options.page_timeout_ms = 1;
  options.detect_orientation = false;
  auto engine = MakeEngine(options);
  ASSERT_NE(engine, nullptr);
  GrayImage broken{10, 10, 300, std::vector<uint8_t>(5)};
  auto bad = engine->Recognize(broken);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  auto late = engine->Recognize(RenderFixture());
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().code(), ErrorCode::kPageFailed);
  EXPECT_NE(late.status().message().find("gave up"), std::string::npos) << late.status().message();
}

// A lexicon of the given words only, so a test decides what "reads well" means.
class WordListLexicon final : public Lexicon {
 public:
  explicit WordListLexicon(std::set<std::string> words) : words_(std::move(words)) {}
  bool Knows(std::string_view word) const override { return words_.contains(std::string(word)); }

 private:
  std::set<std::string> words_;
};

// The fixture's words of 3+ letters, as printed; 9 of the 14 carry å, ä or ö.
const WordListLexicon& FixtureWords() {
  static const WordListLexicon lexicon({"Protokoll", "styrelsemöte", "Närvarande", "Anna", "Andersson", "och",
                                        "Bertil", "Öberg", "Mötets", "öppnande", "Ordföranden", "förklarade",
                                        "mötet", "öppnat"});
  return lexicon;
}

TEST(OcrEngineTest, ReadsInTheFirstLanguageAloneWhenThePageReadsWell) {
  OcrEngineOptions options;
  options.languages = "swe+eng";
  options.lexicon = &FixtureWords();
  auto engine = MakeEngine(options);
  ASSERT_NE(engine, nullptr);
  auto result = engine->Recognize(RenderFixture());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->languages, "swe");
  EXPECT_NE(FindWord(*result, "Öberg"), nullptr);

  options.primary_language_first = false;
  auto combined = MakeEngine(options);
  ASSERT_NE(combined, nullptr);
  auto all = combined->Recognize(RenderFixture());
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->languages, "swe+eng");
}

TEST(OcrEngineTest, APageThatReadsBadlyInTheFirstLanguageIsReadWithAll) {
  // English first: its model has no å, ä, ö, so the Swedish fixture reads
  // badly in it ("styrelsemote"), and eng+swe reads it better.
  OcrEngineOptions options;
  options.languages = "eng+swe";
  options.lexicon = &FixtureWords();
  auto engine = MakeEngine(options);
  ASSERT_NE(engine, nullptr);
  auto result = engine->Recognize(RenderFixture());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->languages, "eng+swe");
  OcrEngineOptions english_only = options;
  english_only.languages = "eng";
  auto english = MakeEngine(english_only);
  ASSERT_NE(english, nullptr);
  auto first = english->Recognize(RenderFixture());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto known = [](const OcrResult& r) {
    const std::vector<const Word*> words = AllWords(r);
    return std::count_if(words.begin(), words.end(),
                         [](const Word* w) { return FixtureWords().Knows(DictionaryForm(w->text)); });
  };
  EXPECT_GT(known(*result), known(*first));

  // When the second reading is no better, the first one stands.
  const WordListLexicon nothing({});
  options.lexicon = &nothing;
  auto doubtful = MakeEngine(options);
  ASSERT_NE(doubtful, nullptr);
  auto kept = doubtful->Recognize(RenderFixture());
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->languages, "eng");
}

TEST(OcrEngineTest, UnknownLanguageIsOcrUnavailable) {
  auto engine = OcrEngine::Create("xx_no_such_language", nullptr);
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().code(), ErrorCode::kOcrUnavailable);
}

TEST(OcrPoolTest, KeepsJobOrderAndPassesSourceErrorsThrough) {
  // Blank pages read fast; job 2 cannot be produced.
  OcrPoolOptions options;
  options.workers = 2;
  options.engine.detect_orientation = false;
  std::vector<int> produced;
  auto results = RunOcr(
      4,
      [&](int index) -> Result<PageImage> {
        produced.push_back(index);
        if (index == 2) return Status(ErrorCode::kPageFailed, "cannot render page 3");
        PageImage page;
        page.image =
            GrayImage{200 + index * 10, 100, 300, std::vector<uint8_t>((200 + index * 10) * 100, 255)};
        page.note = "job " + std::to_string(index);
        return page;
      },
      options, nullptr);
  EXPECT_EQ(produced, (std::vector<int>{0, 1, 2, 3}));
  ASSERT_EQ(results.size(), 4u);
  for (int i : {0, 1, 3}) {
    ASSERT_TRUE(results[i].ok()) << i << ": " << results[i].status().ToString();
    EXPECT_EQ(results[i]->note, "job " + std::to_string(i));
    EXPECT_NEAR(results[i]->result.width, (200 + i * 10) * 72.0 / 300, 1e-9);
    EXPECT_TRUE(results[i]->result.lines.empty());
  }
  ASSERT_FALSE(results[2].ok());
  EXPECT_EQ(results[2].status().message(), "cannot render page 3");
}

TEST(OcrPoolTest, UnavailableEngineFailsEveryJob) {
  OcrPoolOptions options;
  options.workers = 2;
  options.engine.languages = "xx_no_such_language";
  auto results = RunOcr(
      3,
      [](int) -> Result<PageImage> {
        return PageImage{GrayImage{10, 10, 300, std::vector<uint8_t>(100, 255)}, ""};
      },
      options, nullptr);
  for (const auto& r : results) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kOcrUnavailable);
  }
}

}  // namespace
}  // namespace protokoll
