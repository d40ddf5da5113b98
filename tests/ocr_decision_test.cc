// The per-page OCR decision: on synthetic evidence, where every threshold can
// be crossed on purpose, then on real corpus pages (skipped without corpus):
// a born-digital page, a scanned page and a page whose glyph map is broken.
#include "../ingest/src/ocr_decision.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "../ingest/src/ocr_pool.h"
#include "../ingest/src/pdf_render.h"
#include "../ingest/src/pdf_text.h"
#include "test_support.h"

namespace protokoll {
namespace {

TextLayerEvidence GoodPage() {
  TextLayerEvidence e;
  e.words = 300;
  e.characters = 1800;
  e.checked_words = 200;
  e.known_words = 190;
  return e;
}

TEST(OcrDecisionTest, AGoodTextLayerIsKept) {
  OcrDecision d = DecideOcr(OcrMode::kAuto, GoodPage());
  EXPECT_EQ(d.action, PageAction::kText);
  EXPECT_EQ(d.reason, "text_layer");
}

TEST(OcrDecisionTest, ModesAlwaysAndNeverOverrideTheEvidence) {
  EXPECT_EQ(DecideOcr(OcrMode::kAlways, GoodPage()).action, PageAction::kOcr);
  EXPECT_EQ(DecideOcr(OcrMode::kAlways, GoodPage()).reason, "forced");
  EXPECT_EQ(DecideOcr(OcrMode::kNever, TextLayerEvidence{}).action, PageAction::kText);
  EXPECT_EQ(DecideOcr(OcrMode::kNever, TextLayerEvidence{}).reason, "ocr_off");
  TextLayerEvidence broken = GoodPage();
  broken.unmapped_characters = 900;
  EXPECT_EQ(DecideOcr(OcrMode::kNever, broken).action, PageAction::kText);
}

TEST(OcrDecisionTest, APageWithoutTextIsReadUnlessItIsBlank) {
  TextLayerEvidence none;
  EXPECT_EQ(DecideOcr(OcrMode::kAuto, none).action, PageAction::kOcr);
  EXPECT_EQ(DecideOcr(OcrMode::kAuto, none).reason, "no_text_layer");
  none.ink_outside_text = 0.0001;
  EXPECT_EQ(DecideOcr(OcrMode::kAuto, none).action, PageAction::kText);
  EXPECT_EQ(DecideOcr(OcrMode::kAuto, none).reason, "blank_page");
  none.ink_outside_text = 0.03;
  EXPECT_EQ(DecideOcr(OcrMode::kAuto, none).action, PageAction::kOcr);
}

TEST(OcrDecisionTest, AFewWordsOnAPictureAreNotAText) {
  TextLayerEvidence stamp;  // "Bilaga 3" printed over a scanned page
  stamp.words = 7;
  stamp.characters = 40;
  stamp.ink_outside_text = 0.028;
  OcrDecision d = DecideOcr(OcrMode::kAuto, stamp);
  EXPECT_EQ(d.action, PageAction::kOcr);
  EXPECT_EQ(d.reason, "image_page");
  EXPECT_NE(d.detail.find("7 words"), std::string::npos) << d.detail;
  stamp.ink_outside_text = 0.002;  // a short page: a signature line, a heading
  EXPECT_EQ(DecideOcr(OcrMode::kAuto, stamp).action, PageAction::kText);
  stamp.ink_outside_text.reset();  // not looked at
  EXPECT_EQ(DecideOcr(OcrMode::kAuto, stamp).action, PageAction::kText);
}

TEST(OcrDecisionTest, UnmappedGlyphsSendThePageToOcr) {
  TextLayerEvidence e = GoodPage();
  e.unmapped_characters = e.characters / 10;
  OcrDecision d = DecideOcr(OcrMode::kAuto, e);
  EXPECT_EQ(d.action, PageAction::kOcr);
  EXPECT_EQ(d.reason, "unmapped_glyphs");
  e.unmapped_characters = e.characters / 100;  // a stray symbol font glyph
  EXPECT_EQ(DecideOcr(OcrMode::kAuto, e).action, PageAction::kText);
}

TEST(OcrDecisionTest, FewDictionaryWordsPutTheLayerInDoubt) {
  TextLayerEvidence e = GoodPage();
  e.known_words = 140;  // 70%
  OcrDecision d = DecideOcr(OcrMode::kAuto, e);
  EXPECT_EQ(d.action, PageAction::kVerify);
  EXPECT_EQ(d.reason, "low_dictionary_share");
  EXPECT_NE(d.detail.find("70%"), std::string::npos) << d.detail;
  // Too few words to judge.
  TextLayerEvidence short_page;
  short_page.words = 20;
  short_page.characters = 100;
  short_page.checked_words = 8;
  short_page.known_words = 2;
  EXPECT_EQ(DecideOcr(OcrMode::kAuto, short_page).action, PageAction::kText);
}

TEST(OcrDecisionTest, AnInvisibleOcrLayerIsNamedAndJudgedLikeAnyOther) {
  TextLayerEvidence e = GoodPage();
  e.glyphless_words = e.words;
  EXPECT_EQ(DecideOcr(OcrMode::kAuto, e).reason, "ocr_layer");
  e.known_words = 120;
  OcrDecision d = DecideOcr(OcrMode::kAuto, e);
  EXPECT_EQ(d.action, PageAction::kVerify);
  EXPECT_NE(d.detail.find("invisible OCR layer"), std::string::npos) << d.detail;
}

TEST(OcrDecisionTest, DoubtIsSettledByWhatReadsBetter) {
  TextLayerEvidence layer = GoodPage();
  layer.known_words = 140;  // 70%
  TextLayerEvidence ocr = layer;
  ocr.known_words = 180;  // 90%
  OcrDecision d = SettleDoubt(layer, ocr);
  EXPECT_EQ(d.action, PageAction::kOcr);
  EXPECT_EQ(d.reason, "low_dictionary_share");
  ocr.known_words = 145;  // Finnish reads as badly either way
  EXPECT_EQ(SettleDoubt(layer, ocr).action, PageAction::kText);
  EXPECT_EQ(SettleDoubt(layer, ocr).reason, "ocr_read_no_better");
  ocr.checked_words = 3;  // OCR found almost nothing
  ocr.known_words = 3;
  EXPECT_EQ(SettleDoubt(layer, ocr).action, PageAction::kText);
}

TEST(DictionaryFormTest, StripsPunctuationAndSkipsNonWords) {
  EXPECT_EQ(DictionaryForm("(protokoll),"), "protokoll");
  EXPECT_EQ(DictionaryForm("Öberg."), "Öberg");
  EXPECT_EQ(DictionaryForm("Renvall-Höglund"), "Renvall-Höglund");
  EXPECT_EQ(DictionaryForm("§12"), "");
  EXPECT_EQ(DictionaryForm("3a"), "");
  EXPECT_EQ(DictionaryForm("kl."), "");  // too short to say anything
  EXPECT_EQ(DictionaryForm("info@example"), "");
  EXPECT_EQ(DictionaryForm("2023-05-24"), "");
}

TEST(LexiconTest, KnowsSwedishAndEnglishButNotBrokenGlyphs) {
  const Lexicon* lexicon = Lexicon::Default();
  if (!lexicon) GTEST_SKIP() << "hunspell sv_SE/en_US not installed";
  EXPECT_TRUE(lexicon->Knows("funktionshindrade"));
  EXPECT_TRUE(lexicon->Knows("Protokoll"));
  EXPECT_TRUE(lexicon->Knows("meeting"));
  EXPECT_TRUE(lexicon->Knows("styrelse-protokoll"));
  EXPECT_FALSE(lexicon->Knows("funktinnshndrade"));
  EXPECT_FALSE(lexicon->Knows("irdhnarhe"));
  EXPECT_FALSE(Lexicon::Open({"/nonexistent/xx_XX"}).ok());
}

TEST(InkOutsideTextTest, CountsDarkPixelsNotUnderWords) {
  GrayImage image{72, 72, 72, std::vector<uint8_t>(72 * 72, 255)};  // 1 pixel per point
  for (int y = 10; y < 20; ++y)
    for (int x = 10; x < 30; ++x) image.pixels[y * 72 + x] = 0;  // 200 dark pixels
  RawPage page;
  EXPECT_NEAR(InkOutsideText(image, page), 200.0 / (72 * 72), 1e-12);
  RawLine line;
  Word word;
  word.box = {9, 9, 31, 21};
  line.words.push_back(word);
  page.lines.push_back(line);
  EXPECT_EQ(InkOutsideText(image, page), 0.0);
}

// Real pages. Text layers come from the ingest text path (pdf_text.h).
struct CorpusPage {
  std::string bytes;
  RawPage page;
};

bool LoadCorpusPage(const std::string& relative, int index, CorpusPage& out) {
  const std::string corpus = testing::CorpusDir();
  if (corpus.empty() || !std::filesystem::exists(corpus + "/" + relative)) return false;
  out.bytes = testing::ReadFileOrDie(corpus + "/" + relative);
  auto doc = PdfTextDocument::Open(out.bytes);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  auto page = (*doc)->ExtractPage(index, PdfLimits{});
  EXPECT_TRUE(page.ok()) << page.status().ToString();
  out.page = page->page;
  return true;
}

TextLayerEvidence Survey(const CorpusPage& p) {
  TextLayerEvidence e = GatherEvidence(p.page, Lexicon::Default());
  auto renderer = PdfRenderer::Open(p.bytes, nullptr);
  EXPECT_TRUE(renderer.ok());
  auto survey = (*renderer)->Render(p.page.number - 1, 50);
  EXPECT_TRUE(survey.ok());
  e.ink_outside_text = InkOutsideText(survey->image, p.page);
  return e;
}

TEST(OcrDecisionCorpusTest, BornDigitalPagesKeepTheirText) {
  CorpusPage p;
  if (!LoadCorpusPage("se-stenaldern-samfallighet/Arsstamma_2023_ink_bilagor.pdf", 0, p))
    GTEST_SKIP() << "corpus not present";
  if (!Lexicon::Default()) GTEST_SKIP() << "no dictionary";
  OcrDecision d = DecideOcr(OcrMode::kAuto, Survey(p));
  EXPECT_EQ(d.action, PageAction::kText) << d.reason;
}

TEST(OcrDecisionCorpusTest, ImageOnlyScansAndStampedScansAreRead) {
  CorpusPage scan, stamped;
  if (!LoadCorpusPage("se-stenaldern-samfallighet/Protokoll_styrelsemote_20200608.pdf", 0, scan) ||
      !LoadCorpusPage("fi-nykarleby-sv/radet_for_funktionshindrade_protokoll_24_05_2023_16_00_163978.pdf", 7,
                      stamped))
    GTEST_SKIP() << "corpus not present";
  OcrDecision d = DecideOcr(OcrMode::kAuto, Survey(scan));
  EXPECT_EQ(d.action, PageAction::kOcr);
  EXPECT_EQ(d.reason, "no_text_layer");
  // Page 8 is a scanned attachment with a one-line printed header on top.
  d = DecideOcr(OcrMode::kAuto, Survey(stamped));
  EXPECT_EQ(d.action, PageAction::kOcr) << d.reason;
  EXPECT_EQ(d.reason, "image_page") << d.detail;
}

TEST(OcrDecisionCorpusTest, ABrokenGlyphMapIsFlaggedAndOcrReadsBetter) {
  CorpusPage p;  // page 4 reads "Benlutande" and "gidkänner" for "Beslutande" and "godkänner"
  if (!LoadCorpusPage("fi-nykarleby-sv/radet_for_funktionshindrade_protokoll_24_05_2023_16_00_163978.pdf", 3,
                      p))
    GTEST_SKIP() << "corpus not present";
  if (!Lexicon::Default()) GTEST_SKIP() << "no dictionary";
  TextLayerEvidence layer = Survey(p);
  OcrDecision d = DecideOcr(OcrMode::kAuto, layer);
  ASSERT_EQ(d.action, PageAction::kVerify) << d.reason;

  auto renderer = PdfRenderer::Open(p.bytes, nullptr);
  ASSERT_TRUE(renderer.ok());
  OcrPoolOptions options;
  options.workers = 1;
  auto ocr = RunOcr(
      1, [&](int) { return (*renderer)->Render(3, 300); }, options, nullptr);
  ASSERT_TRUE(ocr[0].ok()) << ocr[0].status().ToString();
  RawPage read;
  read.lines = ocr[0]->result.lines;
  OcrDecision settled = SettleDoubt(layer, GatherEvidence(read, Lexicon::Default()));
  EXPECT_EQ(settled.action, PageAction::kOcr) << settled.reason;
}

}  // namespace
}  // namespace protokoll

namespace protokoll {
namespace {

// A Danish or Finnish text layer is judged by its own language's speller:
// to the Swedish/English default it reads like a broken glyph map.
TEST(LexiconTest, EachLanguageHasItsOwnSpeller) {
  const Lexicon* swedish = Lexicon::Default();
  const Lexicon* danish = Lexicon::ForLanguage("da");
  const Lexicon* finnish = Lexicon::ForLanguage("fi");
  if (swedish == nullptr || danish == nullptr || finnish == nullptr)
    GTEST_SKIP() << "hunspell-sv, hunspell-da or voikko-fi not installed";
  EXPECT_EQ(Lexicon::ForLanguage("sv"), swedish);
  EXPECT_EQ(Lexicon::ForLanguage(""), swedish);
  EXPECT_EQ(Lexicon::ForLanguage("da"), danish);  // opened once
  EXPECT_TRUE(danish->Knows("bestyrelsen"));
  EXPECT_FALSE(swedish->Knows("bestyrelsen"));
  EXPECT_TRUE(danish->Knows("meeting"));  // English alongside
  EXPECT_TRUE(finnish->Knows("kaupunginvaltuusto"));
  EXPECT_FALSE(swedish->Knows("kaupunginvaltuusto"));
  EXPECT_EQ(Lexicon::ForLanguage("ja"), nullptr);
}

}  // namespace
}  // namespace protokoll
