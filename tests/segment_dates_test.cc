// Dates and times in every language with a word list (reader/dates.h).
#include <gtest/gtest.h>

#include "reader/dates.h"
#include "reader/lexicon.h"

namespace protokoll::reader {
namespace {

std::string Date(std::string_view text, bool month_first = false, int default_year = 0) {
  auto found = FindDate(text, CombinedLexicon(), month_first, default_year);
  return found ? found->iso : "";
}

TEST(SegmentDates, NumericForms) {
  EXPECT_EQ(Date("Datum: 2025-04-10"), "2025-04-10");
  EXPECT_EQ(Date("Aika 10.11.2025 klo 17.00"), "2025-11-10");
  EXPECT_EQ(Date("Mødedato 27-08-2025"), "2025-08-27");
  EXPECT_EQ(Date("Tuesday 1/4/2005", /*month_first=*/true), "2005-01-04");
  EXPECT_EQ(Date("den 13/11/2012"), "2012-11-13");
  EXPECT_EQ(Date("24.5.23"), "2023-05-24");
}

TEST(SegmentDates, WrittenForms) {
  EXPECT_EQ(Date("Torsdagen den 10 april 2025 kl. 13.00"), "2025-04-10");
  EXPECT_EQ(Date("Oslo, 27. april 2015"), "2015-04-27");
  EXPECT_EQ(Date("Minutes of January 4, 2005"), "2005-01-04");
  EXPECT_EQ(Date("Coburg, 22. Juni 2019"), "2019-06-22");
  EXPECT_EQ(Date("10 marraskuuta 2025"), "2025-11-10");
  EXPECT_EQ(Date("Le 3 mars 2024"), "2024-03-03");
  EXPECT_EQ(Date("nästa möte 12 juni", false, 2025), "2025-06-12");
  EXPECT_EQ(Date("nästa möte 12 juni"), "");  // no year and none to default to
}

TEST(SegmentDates, NotDates) {
  EXPECT_EQ(Date("§ 12 Budget 2024"), "");
  EXPECT_EQ(Date("Sak 12/2015"), "");
  EXPECT_EQ(Date("version 1.2.3"), "");
}

TEST(SegmentDates, Times) {
  const Lexicon& all = CombinedLexicon();
  auto range = FindTimes("Tid: kl. 18.00–20.15", all);
  EXPECT_EQ(range.start.value_or(""), "18:00");
  EXPECT_EQ(range.end.value_or(""), "20:15");
  EXPECT_EQ(FindTimes("called to order at 7:05 p.m.", all).start.value_or(""), "19:05");
  EXPECT_EQ(FindTimes("Mötet öppnades kl. 19.05", all).start.value_or(""), "19:05");
  EXPECT_EQ(FindTimes("Beginn: 14:30 Uhr", all).start.value_or(""), "14:30");
  EXPECT_EQ(FindTimes("klo 17.00 - 19.30", all).end.value_or(""), "19:30");
  EXPECT_FALSE(FindTimes("kostade 2.50 kr per styck", all).start.has_value());
  EXPECT_FALSE(FindTimes("Aika 10.11.2025", all).start.has_value());
}

}  // namespace
}  // namespace protokoll::reader
