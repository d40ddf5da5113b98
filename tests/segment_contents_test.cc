// The contents guide (reader/contents.cc): a contents list found again in the
// body gives the items, repairs OCR-damaged numbers, and leaves out what it
// does not name; a list that is not found again gives no guide.
#include <gtest/gtest.h>

#include "reader_fixture.h"

namespace protokoll::reader {
namespace {

using testing::FixtureLine;
using testing::ReaderFixture;
constexpr LineLabel kContents = LineLabel::kContents;

std::vector<FixtureLine> ContentsPage() {
  return {{"Protokoll"},
          {"1 § Sammanträdets laglighet och beslutförhet ........ 1", kContents},
          {"2 § Val av protokolljusterare ........ 2"},  // the model unsure: the block carries it
          {"3 § Godkännande av föredragningslistan ........ 3", kContents},
          {"4 § Budget 2024 ........ 4", kContents}};
}

TEST(SegmentContents, FindsEntriesAgainAndRepairsTheirNumbers) {
  auto lines = ContentsPage();
  for (FixtureLine line : std::vector<FixtureLine>{{"18 Sammanträdets laglighet och beslutförhet"},  // OCR: "1 §"
                                                   {"Ordföranden öppnar mötet."},
                                                   {"28 Val av protokolljusterare"},
                                                   {"Till justerare valdes Anna Berg."},
                                                   {"3 § Godkännande av föredragningslistan"},
                                                   {"Budget 2024"},  // no number printed at all
                                                   {"Bilaga 1"},
                                                   {"6.1 Inledning"}})  // an appendix heading: not an item
    lines.push_back(line);
  ReaderFixture fixture(lines);
  const auto guided = HeadingsFromContents(fixture.rc);
  ASSERT_EQ(guided.size(), 4u);
  EXPECT_EQ(guided[0].line, 5u);
  EXPECT_EQ(guided[0].number, "1");
  EXPECT_EQ(guided[1].line, 7u);
  EXPECT_EQ(guided[1].number, "2");
  EXPECT_EQ(guided[2].line, 9u);
  EXPECT_EQ(guided[3].line, 10u);
  EXPECT_EQ(guided[3].number, "4");
}

TEST(SegmentContents, TheFirstHeadingAfterTheListIsNoEntry) {
  // "18" right after "3 §" breaks the entries' sequence: it is the body's first heading.
  auto lines = ContentsPage();
  lines.push_back({"18 Sammanträdets laglighet och beslutförhet"});
  lines.push_back({"2 § Val av protokolljusterare"});
  lines.push_back({"3 § Godkännande av föredragningslistan"});
  lines.push_back({"4 § Budget 2024"});
  ReaderFixture fixture(lines);
  const auto guided = HeadingsFromContents(fixture.rc);
  ASSERT_EQ(guided.size(), 4u);
  EXPECT_EQ(guided[0].line, 5u);
}

TEST(SegmentContents, OnlyTheFirstListGuides) {
  // An agenda quoted in an appendix ("- Begrüßung") is no second contents list,
  // and a line that only starts an entry's title does not open it.
  auto lines = ContentsPage();
  for (FixtureLine line : std::vector<FixtureLine>{{"1 § Sammanträdets laglighet och beslutförhet"},
                                                   {"2 § Val av protokolljusterare"},
                                                   {"3 § Godkännande av föredragningslistan"},
                                                   {"4 § Budget 2024"},
                                                   {"Bilaga: kallelsen"},
                                                   {"1 § Sammanträdets ........ 1", kContents},
                                                   {"2 § Val ........ 2", kContents},
                                                   {"3 § Godkännande ........ 3", kContents},
                                                   {"Sammanträdets"}})
    lines.push_back(line);
  ReaderFixture fixture(lines);
  const auto guided = HeadingsFromContents(fixture.rc);
  ASSERT_EQ(guided.size(), 4u);
  EXPECT_EQ(guided[0].line, 5u);
  EXPECT_EQ(guided[3].line, 8u);
}

// OCR reads "6 §" as "68 —" and "7 §" as "78": the guide still finds
// them, the item takes the contents' number, and its title neither keeps
// the garbled number nor runs on into the body.
TEST(SegmentContents, GarbledSectionSignsAndTitlesOfTheGuidedLength) {
  std::vector<FixtureLine> lines{{"Protokoll"},
                                 {"5 § Dagens gäst ........ 1", kContents},
                                 {"6 § Det våras för ungdomsfullmäktige ........ 2", kContents},
                                 {"7 § Ansökan om undantag ........ 3", kContents},
                                 {"8 § Motion om kolonilotter ........ 4", kContents},
                                 {"5 § Dagens gäst"},
                                 {"Välfärdschefen berättade om sitt arbete."},
                                 {"68 — Det våras för ungdomsfullmäktige"},
                                 {"Ungdomsfullmäktige planerar vårens möten"},
                                 {"78 Ansökan om undantag"},
                                 {"I tur att justera protokollet är Anna Berg"},
                                 {"88 = Motion om kolonilotter"},
                                 {"Motionen remitteras."}};
  ReaderFixture fixture(lines);
  fixture.rc.guided = HeadingsFromContents(fixture.rc);
  ASSERT_EQ(fixture.rc.guided.size(), 4u);
  Document doc;
  BuildItems(fixture.rc, FindHeadings(fixture.rc), HyphenationContext{}, doc);
  ASSERT_EQ(doc.items.size(), 4u);
  EXPECT_EQ(doc.items[1].number, "6");
  EXPECT_EQ(doc.items[1].title, "Det våras för ungdomsfullmäktige");
  EXPECT_EQ(doc.items[2].number, "7");
  EXPECT_EQ(doc.items[2].title, "Ansökan om undantag");
  EXPECT_EQ(doc.items[3].title, "Motion om kolonilotter");
}

TEST(SegmentContents, NoGuideWhenTheListIsNotFoundAgain) {
  auto lines = ContentsPage();
  lines.push_back({"Ordföranden öppnar mötet."});
  lines.push_back({"4 § Budget 2024"});  // one of four: an agenda without the items' text
  ReaderFixture fixture(lines);
  EXPECT_TRUE(HeadingsFromContents(fixture.rc).empty());
}

TEST(SegmentContents, NoGuideWithoutAContentsList) {
  ReaderFixture fixture({{"1. Mötets öppnande"}, {"Text."}, {"2. Val av justerare"}, {"3. Övriga frågor"}});
  EXPECT_TRUE(HeadingsFromContents(fixture.rc).empty());
}

}  // namespace
}  // namespace protokoll::reader
