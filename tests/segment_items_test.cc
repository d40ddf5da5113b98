// Item headings in the generic reader (reader/items.cc): the labeller's
// heading lines, and the document's numbered run where the model is unsure;
// list points inside an item and numbers running backwards open no item.
#include <gtest/gtest.h>

#include "reader_fixture.h"

namespace protokoll::reader {
namespace {

using testing::FixtureLine;
using testing::ReaderFixture;
constexpr LineLabel kHeading = LineLabel::kHeading;

std::vector<FixtureLine> Body(const std::string& text, int lines) {
  return std::vector<FixtureLine>(lines, FixtureLine{text});
}

TEST(SegmentItems, TheNumberedRunOpensItemsTheModelMissed) {
  std::vector<FixtureLine> lines{{"MINUTES OF THE REGULAR MEETING"}};
  for (int k = 3; k <= 8; ++k) {
    lines.push_back({"(05-00" + std::to_string(k) + ") Recommendation to approve item " + std::to_string(k)});
    for (const auto& body : Body("Councilmember Daysog moved approval.", 5)) lines.push_back(body);
  }
  ReaderFixture fixture(lines, "en");
  const auto headings = FindHeadings(fixture.rc);
  ASSERT_EQ(headings.size(), 6u);
  EXPECT_EQ(headings.front(), 1u);
  EXPECT_EQ(headings.back(), 31u);
}

TEST(SegmentItems, AShortListInsideOneItemIsNoRun) {
  std::vector<FixtureLine> lines{{"1. Ekonomi", kHeading}};
  for (const auto& body : Body("Styrelsen gick igenom läget.", 20)) lines.push_back(body);
  for (auto point : {"1. Intäkter ökade", "2. Kostnader minskade", "3. Likviditet god", "4. Prognos oförändrad"})
    lines.push_back({point});
  for (const auto& body : Body("Beslutades att lägga rapporten till handlingarna.", 20)) lines.push_back(body);
  lines.push_back({"2. Övriga frågor", kHeading});
  ReaderFixture fixture(lines);
  const auto headings = FindHeadings(fixture.rc);
  ASSERT_EQ(headings.size(), 2u);
  EXPECT_EQ(headings[1], lines.size() - 1);
}

TEST(SegmentItems, NumbersRunningBackwardsAreNoItemsUnlessTheModelIsSure) {
  ReaderFixture fixture({{"3. Budget", kHeading}, {"Text."}, {"2. Reference to an earlier item", kHeading},
                         {"4. Övriga frågor", kHeading}});
  fixture.rc.views[2].p[static_cast<int>(kHeading)] = 0.6f;
  const auto headings = FindHeadings(fixture.rc);
  EXPECT_EQ(headings, (std::vector<size_t>{0, 3}));
}

TEST(SegmentItems, TitlesLeaveTheOutcomeToTheDecision) {
  ReaderFixture fixture({{"(*05-009) Recommendation to accept Annual Review of the Affordable", kHeading},
                         {"Housing Ordinance. Accepted."},
                         {"(05-010) Recommendation to approve the Agreement.", kHeading},
                         {"Councilmember Matarrese moved approval."}},
                        "en");
  Document doc;
  BuildItems(fixture.rc, {0, 2}, HyphenationContext{}, doc);
  ASSERT_EQ(doc.items.size(), 2u);
  EXPECT_EQ(doc.items[0].number, "05-009");
  EXPECT_EQ(doc.items[0].title, "Recommendation to accept Annual Review of the Affordable Housing Ordinance");
  EXPECT_EQ(doc.items[1].title, "Recommendation to approve the Agreement");
}

}  // namespace
}  // namespace protokoll::reader
