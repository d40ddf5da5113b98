// The line labeller (protokoll/labeller.h) and its training data from gold
// facts (protokoll/labeller_training.h): training is deterministic, a model
// survives its JSON, the committed model fits this build's features, and the
// alignment labels headings, contents entries and attendance lines.
#include <gtest/gtest.h>

#include "protokoll/labeller.h"
#include "protokoll/labeller_training.h"

namespace protokoll {
namespace {

TextLine Line(std::string text, int page, double y, double size = 10, bool bold = false, double gap = 2) {
  TextLine line;
  line.text = std::move(text);
  line.page = page;
  line.box = Box{72, y, 400, y + size};
  line.font_size = size;
  line.bold = bold;
  line.gap_before = gap;
  return line;
}

LaidOutDocument Minutes() {
  LaidOutDocument laid;
  laid.body_font_size = 10;
  laid.body_left = 72;
  laid.lines = {Line("Protokoll styrelsemöte", 1, 60, 16, true, 40),
                Line("Datum: 2024-03-05", 1, 90),
                Line("Närvarande: Anna Berg, Per Holm", 1, 104),
                Line("1. Mötets öppnande ........ 2", 1, 130),
                Line("2. Budget ........ 2", 1, 144),
                Line("1. Mötets öppnande", 2, 60, 10, true, 30),
                Line("Anna Berg öppnade mötet.", 2, 76),
                Line("2. Budget", 2, 100, 10, true, 12),
                Line("Per Holm redogjorde för budgeten.", 2, 116)};
  for (size_t i = 0; i < laid.lines.size(); ++i) laid.lines[i].first_on_page = i == 0 || i == 5;
  return laid;
}

DocumentFacts Facts() {
  DocumentFacts facts;
  facts.items = {{"1", "Mötets öppnande"}, {"2", "Budget"}};
  facts.attendees = {"Anna Berg", "Per Holm"};
  facts.date = "2024-03-05";
  return facts;
}

TEST(SegmentLabeller, AlignsGoldFactsWithLines) {
  const LaidOutDocument laid = LinesForSegment(Minutes());
  const auto labels = LabelLinesFromFacts(laid, Facts());
  ASSERT_EQ(labels.size(), laid.lines.size());
  EXPECT_EQ(labels[1], LineLabel::kMeta);
  EXPECT_EQ(labels[2], LineLabel::kAttendance);
  EXPECT_EQ(labels[3], LineLabel::kContents);  // the earlier mention is the contents entry
  EXPECT_EQ(labels[4], LineLabel::kContents);
  EXPECT_EQ(labels[5], LineLabel::kHeading);
  EXPECT_EQ(labels[6], LineLabel::kOther);
  EXPECT_EQ(labels[7], LineLabel::kHeading);
}

LabellerTrainingSet SmallSet() {
  const LaidOutDocument laid = LinesForSegment(Minutes());
  LabellerTrainingSet set;
  for (int copy = 0; copy < 5; ++copy) {
    auto features = LineFeatures(laid);
    set.features.insert(set.features.end(), features.begin(), features.end());
    for (LineLabel label : LabelLinesFromFacts(laid, Facts())) set.labels.push_back(static_cast<int>(label));
  }
  return set;
}

TEST(SegmentLabeller, TrainsDeterministicallyAndLearnsTheSet) {
  LabellerTrainingOptions options;
  options.rounds = 20;
  auto first = LineLabeller::Train(SmallSet(), options);
  auto second = LineLabeller::Train(SmallSet(), options);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok());
  auto json = first.value()->ModelJson();
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(json.value(), second.value()->ModelJson().value());

  auto loaded = LineLabeller::FromModel(json.value());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const LaidOutDocument laid = LinesForSegment(Minutes());
  const auto p = loaded.value()->Predict(LineFeatures(laid));
  ASSERT_EQ(p.size(), laid.lines.size() * kLineLabelCount);
  auto best = [&](size_t line) {
    int k = 0;
    for (int c = 1; c < kLineLabelCount; ++c)
      if (p[line * kLineLabelCount + c] > p[line * kLineLabelCount + k]) k = c;
    return static_cast<LineLabel>(k);
  };
  EXPECT_EQ(best(5), LineLabel::kHeading);
  EXPECT_EQ(best(3), LineLabel::kContents);
  EXPECT_EQ(best(2), LineLabel::kAttendance);
}

TEST(SegmentLabeller, RejectsBadModels) {
  EXPECT_FALSE(LineLabeller::FromModel("not a model").ok());
  LabellerTrainingSet mismatched;
  mismatched.features = {1, 2, 3};
  mismatched.labels = {0};
  EXPECT_FALSE(LineLabeller::Train(mismatched).ok());
}

TEST(SegmentLabeller, FeatureNamesMatchTheCount) {
  EXPECT_EQ(static_cast<int>(LineFeatureNames().size()), LineFeatureCount());
  const LaidOutDocument laid = LinesForSegment(Minutes());
  EXPECT_EQ(LineFeatures(laid).size(), laid.lines.size() * LineFeatureCount());
}

TEST(SegmentLabeller, CommittedModelFitsThisBuild) {
  // A model trained on other features would be refused at load and the
  // reader would run on layout estimates only: retrain (scripts/train-labeller.sh).
  EXPECT_NE(LineLabeller::Builtin(), nullptr);
}

}  // namespace
}  // namespace protokoll
