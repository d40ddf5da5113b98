// Decisions' outcomes, votes and dissent (reader/votes.h) in several languages.
#include <gtest/gtest.h>

#include "reader/votes.h"

namespace protokoll::reader {
namespace {

Document WithItem(std::vector<std::string> paragraphs, std::vector<std::string> decisions = {}) {
  Document doc;
  Item item;
  item.number = "1";
  for (auto& text : paragraphs) item.paragraphs.push_back(Paragraph{text});
  for (auto& text : decisions) item.decisions.push_back(Decision{text, 1, Box{}});
  doc.items.push_back(item);
  return doc;
}

TEST(SegmentVotes, RollCallWithNames) {
  Document doc = WithItem({"Councilmember Daysog moved approval; Vice Mayor Gilmore seconded. The motion carried by the following vote:",
                           "Ayes: Councilmembers Daysog, Matarrese and Mayor Johnson - 3. Noes: deWitt - 1. Abstentions: None."});
  ReadDecisionOutcomes(doc);
  ASSERT_EQ(doc.items[0].decisions.size(), 1u);  // the vote paragraph became the decision
  const Decision& decision = doc.items[0].decisions[0];
  ASSERT_TRUE(decision.vote.has_value());
  EXPECT_EQ(decision.vote->in_favour.count.value_or(-1), 3);
  EXPECT_EQ(decision.vote->in_favour.names.front(), "Councilmembers Daysog");
  EXPECT_EQ(decision.vote->against.count.value_or(-1), 1);
  EXPECT_EQ(decision.vote->against.names, std::vector<std::string>{"deWitt"});
  EXPECT_EQ(decision.vote->abstain.count.value_or(-1), 0);  // "None." names nobody
}

TEST(SegmentVotes, CountsAndOutcomes) {
  Document doc = WithItem({"Vedtak: Forslaget ble vedtatt med 12 for, 3 mot."}, {"Vedtak: Forslaget ble vedtatt med 12 for, 3 mot."});
  ReadDecisionOutcomes(doc);
  const Decision& decision = doc.items[0].decisions[0];
  EXPECT_EQ(decision.outcome.value_or(""), "adopted");
  ASSERT_TRUE(decision.vote.has_value());
  EXPECT_EQ(decision.vote->in_favour.count.value_or(-1), 12);  // the count before the word
  EXPECT_EQ(decision.vote->against.count.value_or(-1), 3);
  Document carried = WithItem({"RESOLVED: the minutes were approved. Motion carried 5-0-1."});
  ReadDecisionOutcomes(carried);
  ASSERT_EQ(carried.items[0].decisions.size(), 1u);
  ASSERT_TRUE(carried.items[0].decisions[0].vote.has_value());
  EXPECT_EQ(carried.items[0].decisions[0].vote->in_favour.count.value_or(-1), 5);
  EXPECT_EQ(carried.items[0].decisions[0].vote->against.count.value_or(-1), 0);
  EXPECT_EQ(carried.items[0].decisions[0].vote->abstain.count.value_or(-1), 1);
}

TEST(SegmentVotes, RejectedTabledAndDissent) {
  Document doc = WithItem({"Beslut: Motionen avslogs.", "Anna Berg reserverar sig mot beslutet."}, {"Beslut: Motionen avslogs."});
  doc.attendees.push_back(Attendee{"Anna Berg"});
  ReadDecisionOutcomes(doc);
  const Decision& decision = doc.items[0].decisions[0];
  EXPECT_EQ(decision.outcome.value_or(""), "rejected");
  EXPECT_EQ(decision.dissent, std::vector<std::string>{"Anna Berg"});
  Document tabled = WithItem({"Päätös: Asia pöydättiin."}, {"Päätös: Asia pöydättiin."});
  ReadDecisionOutcomes(tabled);
  EXPECT_EQ(tabled.items[0].decisions[0].outcome.value_or(""), "tabled");
}

TEST(SegmentVotes, AMotionsWordingIsNoOutcome) {
  Document doc = WithItem({"Moved by Councillor Chen that the agenda be approved as circulated."},
                          {"Moved by Councillor Chen that the agenda be approved as circulated."});
  ReadDecisionOutcomes(doc);
  EXPECT_FALSE(doc.items[0].decisions[0].outcome.has_value());
}

TEST(SegmentVotes, ProseWithoutVoteStaysQuiet) {
  Document doc = WithItem({"We voted for the plan last year, said the chair.", "Budget 2024-2025 was discussed."});
  ReadDecisionOutcomes(doc);
  EXPECT_TRUE(doc.items[0].decisions.empty());
}

}  // namespace
}  // namespace protokoll::reader
