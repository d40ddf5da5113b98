// The numbering library of the generic reader (reader/numbering.h): each
// named shape, and the things that look like numbers but open no item.
#include <gtest/gtest.h>

#include "reader/lexicon.h"
#include "reader/numbering.h"

namespace protokoll::reader {
namespace {

std::optional<ItemNumber> Parse(std::string_view text) { return ParseItemNumber(text, CombinedLexicon()); }

void ExpectItem(std::string_view text, NumberShape shape, const std::string& number, const std::string& title) {
  SCOPED_TRACE(std::string(text));
  auto parsed = Parse(text);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(static_cast<int>(parsed->shape), static_cast<int>(shape));
  EXPECT_EQ(parsed->number, number);
  EXPECT_EQ(parsed->title, title);
}

TEST(SegmentNumbering, NamedShapes) {
  ExpectItem("3. Val av justerare", NumberShape::kDotted, "3", "Val av justerare");
  ExpectItem("12) Övriga frågor", NumberShape::kDotted, "12", "Övriga frågor");
  ExpectItem("§ 4 Godkännande av dagordning", NumberShape::kSection, "4", "Godkännande av dagordning");
  ExpectItem("§1 Mötets öppnande", NumberShape::kSection, "1", "Mötets öppnande");
  ExpectItem("39 § Budget 2024", NumberShape::kSection, "39", "Budget 2024");
  ExpectItem("Punkt 3: Meddelelser", NumberShape::kKeyword, "3", "Meddelelser");
  ExpectItem("TOP 2 Bericht des Vorstands", NumberShape::kKeyword, "2", "Bericht des Vorstands");
  ExpectItem("Ad 5: Valg af bestyrelse", NumberShape::kKeyword, "5", "Valg af bestyrelse");
  ExpectItem("Sak 12/2015 Vedlikehold", NumberShape::kCase, "12/2015", "Vedlikehold");
  ExpectItem("1.1 Ekonomisk rapport", NumberShape::kDecimal, "1.1", "Ekonomisk rapport");
  ExpectItem("11a Tillägg", NumberShape::kBare, "11a", "Tillägg");
  ExpectItem("IV. New Business", NumberShape::kRoman, "IV", "New Business");
  ExpectItem("b) Valg av revisor", NumberShape::kLetter, "b", "Valg av revisor");
  ExpectItem("05-001 Adoption of Resolution", NumberShape::kCase, "05-001", "Adoption of Resolution");
  ExpectItem("7 Årsmötet", NumberShape::kBare, "7", "Årsmötet");
  ExpectItem("(3) Budget Review", NumberShape::kDotted, "3", "Budget Review");
  ExpectItem("[4] Övriga frågor", NumberShape::kDotted, "4", "Övriga frågor");
  ExpectItem("(05-003) Presentation on the budget", NumberShape::kCase, "05-003", "Presentation on the budget");
  ExpectItem("(*05-004) Minutes of the meeting", NumberShape::kCase, "05-004", "Minutes of the meeting");
  ExpectItem("B. Valg av møteleder", NumberShape::kLetter, "B", "Valg av møteleder");
  ExpectItem("A1 Valgstyret konstitueres", NumberShape::kCase, "A1", "Valgstyret konstitueres");
}

TEST(SegmentNumbering, BracketsAndLettersThatAreNoItems) {
  EXPECT_FALSE(Parse("(see attachment 3)"));    // prose in brackets
  EXPECT_FALSE(Parse("(2) och därefter"));      // lower case after the number
  EXPECT_FALSE(Parse("(2024) Annual report"));  // a year
  EXPECT_FALSE(Parse("A. Smith"));              // an initial and a surname
  EXPECT_FALSE(Parse("E6a motorway"));          // no space after the code's digits
}

TEST(SegmentNumbering, NotItemNumbers) {
  EXPECT_FALSE(Parse("2023 var ett bra år"));           // a year
  EXPECT_FALSE(Parse("10.11.2025 klo 17.00"));          // a date
  EXPECT_FALSE(Parse("18.00 Mötet öppnas"));            // a time
  EXPECT_FALSE(Parse("15 personer deltog i mötet"));    // a count in prose: lower case after a bare number
  EXPECT_FALSE(Parse("Vedtak: enstemmig"));             // no number at all
  EXPECT_FALSE(Parse("1,5 miljoner kronor"));
}

TEST(SegmentNumbering, ValuesAndDepth) {
  auto roman = Parse("XII. Adjournment");
  ASSERT_TRUE(roman);
  EXPECT_EQ(roman->value, 12);
  auto decimal = Parse("2.3.1 Detaljer");
  ASSERT_TRUE(decimal);
  EXPECT_EQ(decimal->depth, 3);
  EXPECT_EQ(decimal->value, 2);
  auto file_of_year = Parse("(05-017) Recommendation to reappoint");
  ASSERT_TRUE(file_of_year);
  EXPECT_EQ(file_of_year->value, 17);  // the running number, not the year
  auto case_of_year = Parse("Sak 12/2015 Vedlikehold");
  ASSERT_TRUE(case_of_year);
  EXPECT_EQ(case_of_year->value, 12);
  auto empty_title = Parse("§ 7");
  ASSERT_TRUE(empty_title);
  EXPECT_EQ(empty_title->title, "");
}

}  // namespace
}  // namespace protokoll::reader
