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

// An agenda outlined by sections in capitals, with lettered sub-items
// starting afresh under each: the sections and the sub-items are items.
TEST(SegmentItems, CapitalsSectionsAndTheirSubItems) {
  std::vector<FixtureLine> lines{{"MINUTES OF THE LIBRARY BOARD MEETING", LineLabel::kTitle}};
  auto section = [&](const std::string& name, std::vector<std::string> subs) {
    lines.push_back({name});
    for (const auto& body : Body("The Board discussed the matter at some length.", 4)) lines.push_back(body);
    for (const auto& sub : subs) {
      lines.push_back({sub});
      for (const auto& body : Body("Director Chisaki reported on the matter.", 3)) lines.push_back(body);
    }
  };
  section("ROLL CALL", {});
  section("CONSENT CALENDAR", {"A. Report from the Library Director", "B. Draft Minutes of the Meeting"});
  section("NEW BUSINESS", {"A. Status of Ethics Training", "B. Discussion of the new system"});
  section("ADJOURNMENT", {});
  ReaderFixture fixture(lines, "en");
  std::vector<std::string> found;
  for (size_t h : FindHeadings(fixture.rc)) found.push_back(fixture.laid.lines[h].text);
  EXPECT_EQ(found, (std::vector<std::string>{"ROLL CALL", "CONSENT CALENDAR", "A. Report from the Library Director",
                                             "B. Draft Minutes of the Meeting", "NEW BUSINESS",
                                             "A. Status of Ethics Training", "B. Discussion of the new system",
                                             "ADJOURNMENT"}));
}

// Capitals under every numbered item are the items' template, and capitals
// naming no standard section (a balance sheet's) are no sections.
TEST(SegmentItems, CapitalsThatAreATemplateOrNoAgendaAreNoSections) {
  std::vector<FixtureLine> lines;
  for (int k = 1; k <= 5; ++k) {
    lines.push_back({std::to_string(k) + ". Forslag om budget " + std::to_string(k), kHeading});
    lines.push_back({"BESLUTNINGSFORSLAG FRA PARTI " + std::string(1, static_cast<char>('A' + k))});
    for (const auto& body : Body("Byrådet drøftede sagen.", 6)) lines.push_back(body);
  }
  ReaderFixture template_fixture(lines, "da");
  EXPECT_EQ(FindHeadings(template_fixture.rc).size(), 5u);

  std::vector<FixtureLine> balance{{"Protokoll fört vid styrelsemöte", LineLabel::kTitle}};
  for (auto name : {"TILLGÅNGAR", "EGET KAPITAL OCH SKULDER", "REVISIONSBERÄTTELSE", "VATTEN OCH AVLOPP"}) {
    balance.push_back({name});
    for (const auto& body : Body("Kassan uppgick till 12 000 kronor vid årets slut.", 8)) balance.push_back(body);
  }
  ReaderFixture balance_fixture(balance, "sv");
  EXPECT_TRUE(FindHeadings(balance_fixture.rc).empty());
}

// A notice whose only structure is its agenda list of consecutive lines:
// the list is its items (a list inside an item stays a list: see above).
TEST(SegmentItems, ANoticesAgendaListIsItsItems) {
  std::vector<FixtureLine> lines{{"NOTICE AND AGENDA OF DISTRICT COUNCIL MEETING"}, {"MEETING AGENDA"}};
  for (auto item : {"1. Roll Call & Quorum Determination", "2. Public comment", "3. Approval of minutes",
                    "4. District Council member updates", "5. Discussions"})
    lines.push_back({item});
  lines.push_back({"6. Votes", kHeading});
  for (const auto& body : Body("Anyone may submit written public comment at the meeting.", 10)) lines.push_back(body);
  ReaderFixture fixture(lines, "en");
  EXPECT_EQ(FindHeadings(fixture.rc), (std::vector<size_t>{2, 3, 4, 5, 6, 7}));
}

// Sub-items "5a", "5b" under the run's item 5 are items; the run's first
// item follows a number the minutes skipped ("1." before "3.", no "2.").
TEST(SegmentItems, SubItemsOfTheRunAndASkippedNumberBeforeIt) {
  std::vector<FixtureLine> lines{{"Protokoll årsmøte"}, {"1. Konstituering"}};
  lines.back().label = kHeading;
  auto body = [&] {
    for (const auto& b : Body("Styret redegjorde for saken og årsmøtet drøftet den.", 5)) lines.push_back(b);
  };
  body();
  for (auto heading : {"3. Årsregnskap for 2021", "4. Styrets arbeid", "5. Innkomne saker", "5a. Kjøp av plass",
                       "5b. Gassgrill på balkongene", "6. Valg av styre"}) {
    lines.push_back({heading});
    body();
  }
  ReaderFixture fixture(lines, "nb");
  fixture.rc.views[1].p[static_cast<int>(kHeading)] = 0.3f;  // the model only half believes "1."
  std::vector<std::string> found;
  for (size_t h : FindHeadings(fixture.rc)) found.push_back(fixture.laid.lines[h].text);
  EXPECT_EQ(found, (std::vector<std::string>{"1. Konstituering", "3. Årsregnskap for 2021", "4. Styrets arbeid",
                                             "5. Innkomne saker", "5a. Kjøp av plass", "5b. Gassgrill på balkongene",
                                             "6. Valg av styre"}));
}

// A title wraps only when its line is full or the next line goes on in
// lower case: after the short "3. Val av justerare" the next line is text.
TEST(SegmentItems, AShortHeadingLineDoesNotWrap) {
  ReaderFixture fixture({{"3. Val av justerare", kHeading},
                         {"Fredrik väljs till justerare."},
                         {"4. Revidering och utvidgning av detaljplanen för Jeppo industriområde och", kHeading},
                         {"Mirka kvarteret"},
                         {"Planen godkändes."}});
  fixture.laid.lines[0].box.x1 = 200;  // short lines; the others reach the right margin
  fixture.laid.lines[3].box.x1 = 150;
  Document doc;
  BuildItems(fixture.rc, {0, 2}, HyphenationContext{}, doc);
  ASSERT_EQ(doc.items.size(), 2u);
  EXPECT_EQ(doc.items[0].title, "Val av justerare");
  EXPECT_EQ(doc.items[1].title, "Revidering och utvidgning av detaljplanen för Jeppo industriområde och Mirka kvarteret");
}

// Numbers the text lost (a column of "7." "8." "9." the extractor dropped)
// do not split the run: 1–6 and 10–12, which the model half believes, are
// one series.
TEST(SegmentItems, TheRunBridgesAFewLostNumbers) {
  std::vector<FixtureLine> lines{{"Protokoll styrelsemöte"}};
  for (int k : {1, 2, 3, 4, 5, 6, 10, 11, 12}) {
    lines.push_back({std::to_string(k) + ". Punkt nummer " + std::to_string(k)});
    for (const auto& b : Body("Styrelsen diskuterade frågan och beslutade.", 4)) lines.push_back(b);
  }
  ReaderFixture fixture(lines);
  for (size_t i = 0; i < lines.size(); ++i)
    if (fixture.rc.views[i].number && fixture.rc.views[i].number->value >= 10)
      fixture.rc.views[i].p[static_cast<int>(kHeading)] = 0.4f;
  EXPECT_EQ(FindHeadings(fixture.rc).size(), 9u);
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

// Written from the Aarhus referat read without its module: "Beslutnings-
// forslag" (a motion) opened a decision, and a bare "Beslutning" took the
// next paragraph that then opened a second one.
TEST(SegmentItems, DecisionsFromWholeWordsAndOnce) {
  ReaderFixture fixture({{"Punkt 1: Godkendelse af dagsorden", kHeading},
                         {"Beslutning"},
                         {"Godkendt."},
                         {"Beslutningsforslag"},
                         {"Bilag 1: Beslutningsforslag fra DD."}},
                        "da");
  fixture.laid.lines[1].bold = fixture.laid.lines[3].bold = true;  // the labels, as printed
  fixture.laid.lines[0].box.x1 = 250;  // a short heading: the next line is no wrapped title
  Document doc;
  BuildItems(fixture.rc, {0}, HyphenationContext{}, doc);
  ASSERT_EQ(doc.items.size(), 1u);
  ASSERT_EQ(doc.items[0].paragraphs.size(), 4u);
  ASSERT_EQ(doc.items[0].decisions.size(), 1u);
  EXPECT_EQ(doc.items[0].decisions[0].text, "Godkendt.");
}

// Written from the Lapua pöytäkirja read without its module: the
// presenter's line under the label is not the decision.
TEST(SegmentItems, ThePresentersLineIsNoDecision) {
  ReaderFixture fixture({{"§ 1 Kokouksen laillisuus", kHeading},
                         {"Päätös"},
                         {"Esittelijä: Liisa Koski, hallintosihteeri"},
                         {"Hyväksyi ehdotuksen."}},
                        "fi");
  fixture.laid.lines[1].bold = true;
  fixture.laid.lines[3].bold = true;
  fixture.laid.lines[0].box.x1 = 250;
  Document doc;
  BuildItems(fixture.rc, {0}, HyphenationContext{}, doc);
  ASSERT_EQ(doc.items.size(), 1u);
  ASSERT_EQ(doc.items[0].paragraphs.size(), 3u);
  ASSERT_EQ(doc.items[0].decisions.size(), 1u);
  EXPECT_EQ(doc.items[0].decisions[0].text, "Hyväksyi ehdotuksen.");
}

}  // namespace
}  // namespace protokoll::reader
