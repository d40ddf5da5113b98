// OCR language per page: which Tesseract models read a page, and the whole
// PDF path on an image-only Danish page (tests/data/ocr/known_text_da_scan.pdf,
// written by make_language_fixture.py), which Swedish OCR reads as
// "bestyrelsesmgde" and "@konomi".
#include "../ingest/src/ocr_language.h"

#include <gtest/gtest.h>

#include "../ingest/src/ocr_decision.h"
#include "protokoll/extractor.h"
#include "test_support.h"

namespace protokoll {
namespace {

TEST(OcrLanguageTest, EachLanguageReadsWithItsModel) {
  EXPECT_EQ(OcrLanguagesFor("sv"), "swe+eng");
  EXPECT_EQ(OcrLanguagesFor("da"), "dan+eng");
  EXPECT_EQ(OcrLanguagesFor("nb"), "nor+eng");
  EXPECT_EQ(OcrLanguagesFor("nn"), "nor+eng");
  EXPECT_EQ(OcrLanguagesFor("fi"), "fin+eng");
  EXPECT_EQ(OcrLanguagesFor("de"), "deu+eng");
  EXPECT_EQ(OcrLanguagesFor("fr"), "fra+eng");
  EXPECT_EQ(OcrLanguagesFor("en"), "eng");
  EXPECT_EQ(OcrLanguagesFor("ja"), "");  // no model installed: the default reads it
  EXPECT_EQ(OcrLanguagesFor(""), "");
}

TEST(OcrLanguageTest, TheSwedishEnglishDictionaryJudgesOnlySwedishAndEnglishReadings) {
  OcrPoolOptions base;
  base.engine.lexicon = Lexicon::Default();
  if (base.engine.lexicon == nullptr) GTEST_SKIP() << "no hunspell sv_SE/en_US";
  EXPECT_EQ(WithLanguages(base, "swe+eng").engine.lexicon, base.engine.lexicon);
  EXPECT_EQ(WithLanguages(base, "eng").engine.lexicon, base.engine.lexicon);
  EXPECT_EQ(WithLanguages(base, "dan+eng").engine.lexicon, nullptr);
  EXPECT_EQ(WithLanguages(base, "dan+eng").engine.languages, "dan+eng");
}

TEST(OcrLanguageTest, TheReasonSaysWhichModelsAndWhy) {
  EXPECT_EQ(ReasonWithLanguages("no_text_layer", "dan+eng", "first reading da"),
            "no_text_layer; dan+eng (first reading da)");
  EXPECT_EQ(ReasonWithLanguages("image_input", "swe", ""), "image_input; swe");
}

std::string AllText(const RawPage& page) {
  std::string text;
  for (const auto& line : page.lines) text += testing::LineText(line) + "\n";
  return text;
}

Result<RawDocument> ExtractFixture(const std::string& languages) {
  const std::string pdf = testing::ReadFileOrDie(testing::SourceDir() + "/tests/data/ocr/known_text_da_scan.pdf");
  ExtractOptions options;
  options.ocr_languages = languages;
  options.ocr_workers = 1;
  Extractor extractor(options, NullLogger());
  return extractor.ExtractBytes(pdf, "known_text_da_scan.pdf");
}

TEST(OcrLanguageTest, ADanishScanIsReadWithTheDanishModel) {
  auto doc = ExtractFixture("");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(doc->pages.size(), 1u);
  const RawPage& page = doc->pages[0];
  EXPECT_EQ(page.method, PageMethod::kOcr);
  EXPECT_EQ(page.language, "da");
  EXPECT_TRUE(page.method_reason.starts_with("no_text_layer; dan")) << page.method_reason;
  const std::string text = AllText(page);
  for (const char* word : {"bestyrelsesmøde", "bemærkninger", "Økonomi", "foråret"})
    EXPECT_NE(text.find(word), std::string::npos) << word << " in\n" << text;
}

TEST(OcrLanguageTest, LangOverridesTheChoice) {
  auto doc = ExtractFixture("swe+eng");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(doc->pages.size(), 1u);
  EXPECT_EQ(doc->pages[0].method_reason, "no_text_layer");  // as before languages were chosen
  EXPECT_EQ(AllText(doc->pages[0]).find("bestyrelsesmøde"), std::string::npos);  // Swedish reads "-mgde"
}

}  // namespace
}  // namespace protokoll
