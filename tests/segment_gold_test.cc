// The segment stage against the hand-annotated gold set (tests/data/gold/,
// annotated from the printed documents, not from protokoll's output). Prints
// every figure and holds the structure at least as good as when the floors
// were measured: a floor is the figure then, less 0.05, rounded down.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "../bench/segment_eval.h"
#include "protokoll/logger.h"
#include "protokoll/paragraphs.h"
#include "test_support.h"

namespace protokoll {
namespace {

struct Floors {
  double date, body, reference, item_f1, attendee_f1, speaker_accuracy;
};

void ExpectAtLeast(const char* group, const eval::Score& score, const Floors& floors) {
  SCOPED_TRACE(group);
  EXPECT_GE(score.date.Accuracy(), floors.date) << "date accuracy";
  EXPECT_GE(score.body.Accuracy(), floors.body) << "body accuracy";
  EXPECT_GE(score.reference.Accuracy(), floors.reference) << "reference accuracy";
  EXPECT_GE(score.items.F1(), floors.item_f1) << "item F1";
  EXPECT_GE(score.attendees.F1(), floors.attendee_f1) << "attendee F1";
  EXPECT_GE(score.speakers.Accuracy(), floors.speaker_accuracy) << "speaker accuracy";
}

TEST(SegmentGold, StructureNoWorseThanMeasured) {
  const std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "no corpus next to the source tree";
  auto gold_set = eval::LoadGoldSet(testing::SourceDir() + "/tests/data/gold");
  ASSERT_TRUE(gold_set.ok()) << gold_set.status().ToString();
  ASSERT_GE(gold_set->size(), 12u);

  const Dictionary* dictionary = testing::SharedDictionary();
  std::vector<eval::DocumentResult> results;
  for (const auto& gold : gold_set.value()) {
    results.push_back(eval::EvaluateDocument(gold, corpus, dictionary, NullLogger()));
    EXPECT_TRUE(results.back().status.ok()) << gold.file << ": " << results.back().status.ToString();
  }
  std::printf("%s", eval::FormatTable(results).c_str());

  const eval::Summary summary = eval::Summarize(results);
  EXPECT_GE(summary.swedish.documents, 8);
  // Measured 2026-11-24 (session 2, 16 documents, no extraction cache), less 0.05, rounded down:
  //            date  body  reference  item F1  attendee F1  speakers
  // Swedish    1.00  1.00  1.00       1.00     1.00         1.00 (9/9)
  // other      0.86  1.00  1.00       1.00     1.00         - (none annotated)
  // overall    0.94  1.00  1.00       1.00     1.00         1.00
  // (session 1: Swedish item F1 0.29, other 0.70.) The targets are
  // Swedish item F1 and date/body/reference >= 0.95, other item F1 >= 0.85:
  // the floors hold them.
  ExpectAtLeast("Swedish", summary.swedish, {0.95, 0.95, 0.95, 0.95, 0.95, 0.95});
  ExpectAtLeast("other", summary.other, {0.81, 0.95, 0.95, 0.95, 0.95, 0.95});
  ExpectAtLeast("overall", summary.overall, {0.89, 0.95, 0.95, 0.95, 0.95, 0.95});
}

// The measures themselves, on a hand-made record, so a broken scorer cannot
// hide behind the floors.
TEST(SegmentGold, ScoresAHandMadeRecord) {
  eval::GoldDocument gold;
  gold.date = "2023-05-24";
  gold.body = "Rådet för funktionshindrade";
  gold.reference = std::nullopt;
  gold.items = {{"10", "Sammanträdets laglighet och beslutförhet"}, {"11", "Val av protokolljusterare"}};
  gold.attendees = {{"Anna Caldén", "present"}, {"Kent Wikblad", "absent"}};
  gold.speakers = {{"Anna Caldén redogjorde", "Anna Caldén"}, {"Saknas helt", "Någon"}};

  Document document;
  document.metadata.date = "2023-05-24";
  document.metadata.body = "Rådet  för\nfunktionshindrade";  // whitespace does not count
  document.metadata.reference = "2/2023";                    // gold says none
  Item first;
  first.number = "10";
  first.title = "Sammanträdets laglighet och\u200b beslutförhet";
  Paragraph spoken;
  spoken.text = "Anna Caldén redogjorde för de två möten";
  spoken.speaker = "Anna Caldén";
  first.paragraphs.push_back(spoken);
  Item wrong;
  wrong.number = "12";
  wrong.title = "Val av protokolljusterare";
  document.items = {first, wrong};
  document.attendees.push_back(Attendee{"Anna Caldén", std::nullopt, std::nullopt, false, "present"});
  document.attendees.push_back(Attendee{"Kent Wikblad", std::nullopt, std::nullopt, false, "present"});  // present, gold says absent

  const eval::Score score = eval::ScoreDocument(gold, document);
  EXPECT_EQ(score.date.correct, 1);
  EXPECT_EQ(score.body.correct, 1);
  EXPECT_EQ(score.reference.correct, 0);
  EXPECT_EQ(score.items.matched, 1);
  EXPECT_DOUBLE_EQ(score.items.Precision(), 0.5);
  EXPECT_DOUBLE_EQ(score.items.Recall(), 0.5);
  EXPECT_EQ(score.attendees.matched, 1);
  EXPECT_EQ(score.speakers.correct, 1);
  EXPECT_EQ(score.speakers.total, 2);
  EXPECT_EQ(score.speakers_found.correct, 1);
}

}  // namespace
}  // namespace protokoll
