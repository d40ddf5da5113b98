// The line labeller's training data from the gold set: each gold document's
// extraction (through the evaluation's cache) laid out, its lines labelled
// by aligning the gold facts (protokoll/labeller_training.h) and featurised.
// Shared by bench/train_labeller (the committed model) and
// bench/segment_eval --loso (a model per left-out source).
#pragma once

#include <string>
#include <vector>

#include "protokoll/labeller.h"
#include "protokoll/labeller_training.h"
#include "protokoll/layout.h"
#include "segment_eval.h"

namespace protokoll::eval {

struct TrainingDocument {
  const GoldDocument* gold = nullptr;
  std::vector<float> features;  // rows x LineFeatureCount()
  std::vector<int> labels;
};

inline DocumentFacts FactsOf(const GoldDocument& gold) {
  DocumentFacts facts;
  facts.items = gold.items;
  for (const auto& [name, status] : gold.attendees) facts.attendees.push_back(name);
  facts.date = gold.date;
  facts.body = gold.body;
  facts.reference = gold.reference;
  for (const auto& [field, value] : gold.fields) {
    if (field == "start_time") facts.start_time = value;
    if (field == "place") facts.place = value;
    if (field == "chair") facts.chair = value;
    if (field == "secretary") facts.secretary = value;
  }
  return facts;
}

inline Result<TrainingDocument> MakeTrainingDocument(const GoldDocument& gold, const std::string& corpus_dir,
                                                     Logger* logger) {
  ExtractOptions options;
  options.ocr = OcrMode::kAuto;
  auto raw = ExtractRawWithCache(corpus_dir + "/" + gold.file, options, logger);
  if (!raw.ok()) return raw.status();
  const LaidOutDocument lines = LinesForSegment(LayOut(*raw));
  TrainingDocument document;
  document.gold = &gold;
  document.features = LineFeatures(lines);
  for (LineLabel label : LabelLinesFromFacts(lines, FactsOf(gold))) document.labels.push_back(static_cast<int>(label));
  return document;
}

// Rows of every document whose source is not `excluded` ("" keeps all).
// Labelled lines weigh more than the many "other" lines.
inline LabellerTrainingSet CollectTrainingSet(const std::vector<TrainingDocument>& documents,
                                              const std::string& excluded) {
  LabellerTrainingSet set;
  for (const auto& document : documents) {
    if (!excluded.empty() && document.gold->source == excluded) continue;
    set.features.insert(set.features.end(), document.features.begin(), document.features.end());
    for (int label : document.labels) {
      set.labels.push_back(label);
      set.weights.push_back(label == static_cast<int>(LineLabel::kOther) ? 1.0f : 3.0f);
    }
  }
  return set;
}

// Counts of each label, for the notes.
inline std::string LabelHistogram(const std::vector<TrainingDocument>& documents) {
  std::vector<int> counts(kLineLabelCount, 0);
  for (const auto& document : documents)
    for (int label : document.labels) ++counts[label];
  std::string out;
  for (int k = 0; k < kLineLabelCount; ++k)
    out += std::string(LineLabelName(static_cast<LineLabel>(k))) + " " + std::to_string(counts[k]) + "  ";
  return out;
}

}  // namespace protokoll::eval
