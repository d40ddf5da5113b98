// The per-page OCR decision over every page of every PDF in ../shared/corpus,
// without running OCR (bounded in time: text layers, dictionary lookups and
// a 50 dpi look at pages with little text). Expectations are per document,
// from the corpus' SOURCE.txt notes and the page images, not from the code:
// image-only scans are OCR'd on every page, born-digital minutes keep their
// text layer, and the Nykarleby file with the broken glyph map is doubted.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../ingest/src/ocr_decision.h"
#include "../ingest/src/pdf_render.h"
#include "../ingest/src/pdf_text.h"
#include "test_support.h"

namespace protokoll {
namespace {

// What ApplyOcr decides before any OCR, for every page of the PDF at `path`.
std::vector<OcrDecision> DecidePages(const std::string& path) {
  const std::string bytes = testing::ReadFileOrDie(path);
  std::vector<OcrDecision> out;
  auto text = PdfTextDocument::Open(bytes);
  EXPECT_TRUE(text.ok()) << path << ": " << text.status().ToString();
  if (!text.ok()) return out;
  auto renderer = PdfRenderer::Open(bytes, nullptr);
  EXPECT_TRUE(renderer.ok()) << path;
  const OcrDecisionThresholds thresholds;
  for (int i = 0; i < (*text)->page_count(); ++i) {
    auto page = (*text)->ExtractPage(i, PdfLimits{});
    EXPECT_TRUE(page.ok()) << path << " page " << i + 1;
    if (!page.ok()) {
      out.push_back({});
      continue;
    }
    TextLayerEvidence evidence = GatherEvidence(page->page, Lexicon::Default());
    if (evidence.words < thresholds.few_words && renderer.ok()) {
      auto survey = (*renderer)->Render(i, 50);
      if (survey.ok()) evidence.ink_outside_text = InkOutsideText(survey->image, page->page);
    }
    out.push_back(DecideOcr(OcrMode::kAuto, evidence, thresholds));
  }
  return out;
}

std::string Describe(const std::vector<OcrDecision>& pages) {
  std::string out;
  for (size_t i = 0; i < pages.size(); ++i) out += " p" + std::to_string(i + 1) + ":" + pages[i].reason;
  return out;
}

class OcrCorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::CorpusDir().empty()) GTEST_SKIP() << "no shared corpus";
    if (!Lexicon::Default()) GTEST_SKIP() << "no hunspell dictionary";
  }
  // The decisions for a corpus file; skips (returns empty) when it is absent.
  static std::vector<OcrDecision> Decide(const std::string& relative) {
    const std::string path = testing::CorpusFile(relative);
    if (path.empty()) return {};
    return DecidePages(path);
  }
};

TEST_F(OcrCorpusTest, ImageOnlyScansAreOcrdOnEveryPage) {
  // SOURCE.txt: 0 pdftotext words, every page an image.
  for (const char* file : {"se-stenaldern-samfallighet/Protokoll-styrelsemote-2014-01-09.pdf",
                           "se-stenaldern-samfallighet/Protokoll-styrelsemote-Stenalderns-samfallighet-20240926.pdf",
                           "se-stenaldern-samfallighet/Protokoll_styrelsemote_20200608.pdf",
                           "se-stenaldern-samfallighet/Protokoll_styrelsemote_20201020.pdf",
                           "se-stenaldern-samfallighet/stamma-2025.pdf",
                           "se-stenaldern-samfallighet/styrelsemote_20160816.pdf",
                           "dk-ballerup-os2dagsorden/1537646.PDF"}) {
    const std::vector<OcrDecision> pages = Decide(file);
    for (size_t i = 0; i < pages.size(); ++i) {
      EXPECT_EQ(pages[i].action, PageAction::kOcr) << file << " page " << i + 1 << ": " << pages[i].detail;
      EXPECT_EQ(pages[i].reason, method_reason::kNoTextLayer) << file << " page " << i + 1;
    }
  }
}

TEST_F(OcrCorpusTest, BornDigitalMinutesKeepTheirTextLayer) {
  // Swedish and English born-digital minutes: every page read from its text
  // layer, none OCR'd and none even doubted.
  for (const char* file : {"se-stenaldern-samfallighet/Protokoll-styrelsemote-Stenalderns-samfallighet-20221214-sign.pdf",
                           "us-city-bureau-chicago/il_finance_authority.pdf"}) {
    const std::vector<OcrDecision> pages = Decide(file);
    for (size_t i = 0; i < pages.size(); ++i)
      EXPECT_EQ(pages[i].action, PageAction::kText) << file << " page " << i + 1 << ": " << pages[i].reason << " ("
                                                     << pages[i].detail << ")";
  }
  // The 2023 AGM: born-digital minutes with two full-page scanned
  // attachments (pages 9 and 10, one 319 dpi JPEG each, no text).
  const std::vector<OcrDecision> agm = Decide("se-stenaldern-samfallighet/Arsstamma_2023_ink_bilagor.pdf");
  for (size_t i = 0; i < agm.size(); ++i) {
    if (i == 8 || i == 9) {
      EXPECT_EQ(agm[i].reason, method_reason::kNoTextLayer) << "AGM page " << i + 1;
    } else {
      EXPECT_NE(agm[i].action, PageAction::kOcr) << "AGM page " << i + 1 << ": " << agm[i].detail;
    }
  }
  // The Cleveland City Record is dense with names: none of its 134 pages is
  // OCR'd outright, and one (june92004 p3, 82% dictionary words) is doubted,
  // so OCR verifies it and keeps the text layer unless it reads better.
  int doubted = 0, pages_seen = 0;
  for (const char* file : {"us-cleveland-city-record/june101998.pdf", "us-cleveland-city-record/june92004.pdf",
                           "us-cleveland-city-record/April272016.pdf"}) {
    const std::vector<OcrDecision> pages = Decide(file);
    for (size_t i = 0; i < pages.size(); ++i) {
      ++pages_seen;
      EXPECT_NE(pages[i].action, PageAction::kOcr) << file << " page " << i + 1 << ": " << pages[i].detail;
      if (pages[i].action == PageAction::kVerify) ++doubted;
    }
  }
  EXPECT_LE(doubted, 2) << "of " << pages_seen << " pages";
}

TEST_F(OcrCorpusTest, TextInOtherLanguagesIsNeverSentStraightToOcr) {
  // Finnish, Danish, Norwegian and Japanese text layers read badly to a
  // Swedish/English dictionary: at most doubted (OCR settles it and keeps
  // the layer), never OCR'd on the dictionary's word alone.
  for (const char* file : {"fi-lapua/Pöytäkirja-Kaupunginvaltuusto - 10.11.2025, klo 17_14.pdf",
                           "jp-kyoto-polibase/minutes.pdf"}) {
    const std::vector<OcrDecision> pages = Decide(file);
    for (size_t i = 0; i < pages.size(); ++i)
      EXPECT_NE(pages[i].action, PageAction::kOcr) << file << " page " << i + 1 << ": " << pages[i].reason;
  }
}

TEST_F(OcrCorpusTest, TheBrokenGlyphMapIsDoubtedAndItsScannedAttachmentOcrd) {
  const std::vector<OcrDecision> pages =
      Decide("fi-nykarleby-sv/radet_for_funktionshindrade_protokoll_24_05_2023_16_00_163978.pdf");
  if (pages.empty()) GTEST_SKIP() << "not in the corpus";
  // Pages 1-7 carry the minutes in the broken font ("funktinnshndrade"): each
  // one goes to OCR, outright or to be verified by it.
  int doubted = 0;
  for (size_t i = 0; i < pages.size(); ++i)
    if (pages[i].action != PageAction::kText) ++doubted;
  EXPECT_GE(doubted, 1) << Describe(pages);
  // Page 8 is a scanned attachment with a one-line printed header.
  ASSERT_GE(pages.size(), 8u);
  EXPECT_EQ(pages[7].action, PageAction::kOcr) << pages[7].reason;
}

TEST_F(OcrCorpusTest, TheLjMappingOfUngdomsfullmaktigeIsDoubted) {
  // From page 3 on, the font maps "l" to "j": "protokojjet", "medjemmarna".
  const std::vector<OcrDecision> pages =
      Decide("fi-nykarleby-sv/ungdomsfullmaktige_protokoll_30_01_2023_16_15_153457.pdf");
  if (pages.empty()) GTEST_SKIP() << "not in the corpus";
  ASSERT_EQ(pages.size(), 11u);
  for (size_t i = 2; i < pages.size(); ++i) {
    EXPECT_EQ(pages[i].action, PageAction::kVerify) << "page " << i + 1 << ": " << pages[i].detail;
    EXPECT_EQ(pages[i].reason, method_reason::kLowDictionaryShare) << "page " << i + 1;
  }
}

}  // namespace
}  // namespace protokoll
