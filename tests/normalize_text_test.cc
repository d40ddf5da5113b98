#include "protokoll/text.h"

#include <gtest/gtest.h>

namespace protokoll {
namespace {

TEST(NormalizeLineTextTest, ExpandsLigaturesAndComposes) {
  EXPECT_EQ(NormalizeLineText("e\xEF\xAC\x81" "ektiv"), "efiektiv");  // U+FB01 fi
  EXPECT_EQ(NormalizeLineText("\xEF\xAC\x82" "ow"), "flow");          // U+FB02 fl
  // "a" + combining ring above -> "å" (NFC).
  EXPECT_EQ(NormalizeLineText("va\xCC\x8A" "rd"), "vård");
}

TEST(NormalizeLineTextTest, CollapsesSpacesAndDropsInvisibles) {
  EXPECT_EQ(NormalizeLineText("  Kl.\xC2\xA0" "13:00\t-  14:30  "), "Kl. 13:00 - 14:30");
  EXPECT_EQ(NormalizeLineText("ab\xE2\x80\x8B" "c"), "abc");  // zero-width space
}

TEST(NormalizeLineTextTest, SoftHyphenInsideIsRemovedAtEndKept) {
  EXPECT_EQ(NormalizeLineText("vård\xC2\xAD" "platser"), "vårdplatser");
  EXPECT_EQ(NormalizeLineText("om vård\xC2\xAD"), std::string("om vård") + std::string(kSoftHyphen));
}

TEST(NormalizeLineTextTest, HyphenLookAlikesBecomeHyphens) {
  EXPECT_EQ(NormalizeLineText("EU\xE2\x80\x90" "stöd"), "EU-stöd");  // U+2010
  EXPECT_EQ(NormalizeLineText("EU\xE2\x80\x91" "stöd"), "EU-stöd");  // U+2011
  EXPECT_EQ(NormalizeLineText("hälso\xE2\x88\x92"), "hälso-");       // U+2212 at the end
  EXPECT_EQ(NormalizeLineText("\xE2\x88\x92" "5 grader"), "\xE2\x88\x92" "5 grader");  // a real minus stays
}

TEST(NormalizeLineTextTest, InvalidUtf8AndReplacementCharactersAreDropped) {
  // U+FFFD shows the reader nothing; ingest warns of the page instead.
  EXPECT_EQ(NormalizeLineText("ab\xFF" "c"), "abc");
  EXPECT_EQ(NormalizeLineText("I KT:s cirkul\xC3\xA4r \xEF\xBF\xBDnns"), "I KT:s cirkulär nns");
  EXPECT_EQ(NormalizeLineText("\xEF\xBF\xBD"), "");
}

TEST(NormalizeLineTextTest, SymbolFontBulletsBecomeBulletsOtherPrivateUseGoes) {
  EXPECT_EQ(NormalizeLineText("\xEF\x82\xB7 Budget 2024"), "\xE2\x80\xA2 Budget 2024");  // U+F0B7
  EXPECT_EQ(NormalizeLineText("\xEF\x82\xA7 Ekonomi"), "\xE2\x80\xA2 Ekonomi");          // U+F0A7
  EXPECT_EQ(NormalizeLineText("a\xEE\xA4\x90" "b"), "ab");                                  // U+E910
  EXPECT_EQ(NormalizeLineText("x \xEF\x87\x83 y"), "x y");                                  // U+F1C3 alone
  EXPECT_EQ(NormalizeLineText("\xF3\xB0\x80\x80z"), "z");                                   // U+F0000
}

TEST(FoldForSearchTest, SwedishLettersStayDistinct) {
  EXPECT_EQ(FoldForSearch("VÅRDPLATSER"), "vårdplatser");
  EXPECT_EQ(FoldForSearch("Äldre Öppenvård"), "äldre öppenvård");
  EXPECT_NE(FoldForSearch("vård"), FoldForSearch("vard"));
  EXPECT_EQ(FoldForSearch("Café"), "cafe");
  EXPECT_EQ(FoldForSearch("Müller"), "muller");
  EXPECT_EQ(FoldForSearch("Bjørn Ærø"), "bjørn ærø");
}

TEST(SearchTermsTest, BreaksWordsAndFolds) {
  auto terms = SearchTerms("Rådet lyfter frågan, om vårdköer (ASIH-kapacitet) 2025.");
  std::vector<std::string> expected{"rådet", "lyfter", "frågan", "om", "vårdköer", "asih", "kapacitet", "2025"};
  EXPECT_EQ(terms, expected);
}

TEST(ToLowerTest, LowersUnicode) { EXPECT_EQ(ToLower("ÅÄÖ ABC"), "åäö abc"); }

}  // namespace
}  // namespace protokoll
