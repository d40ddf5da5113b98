// The line labeller's training data from the gold set: each gold document's
// extraction (through the evaluation's cache) laid out, its lines labelled
// by aligning the gold facts (protokoll/labeller_training.h) and featurised.
// Shared by bench/train_labeller (the committed model) and
// bench/segment_eval --loso (a model per left-out source).
#pragma once

#include <map>
#include <memory>
#include <set>
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

inline TrainingDocument MakeTrainingDocument(const GoldDocument& gold, const RawDocument& raw) {
  const LaidOutDocument lines = LinesForSegment(LayOut(raw));
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

// Training documents of every gold document that was extracted.
inline std::vector<TrainingDocument> MakeTrainingDocuments(const std::vector<GoldDocument>& gold_set,
                                                           const std::vector<Result<RawDocument>>& raws) {
  std::vector<TrainingDocument> documents;
  for (size_t i = 0; i < gold_set.size(); ++i)
    if (raws[i].ok()) documents.push_back(MakeTrainingDocument(gold_set[i], *raws[i]));
  return documents;
}

// Leave-one-source-out: for each source, a labeller trained on the other
// sources only, and the profiles written from the source switched off.
inline Result<std::vector<DocumentResult>> EvaluateLeaveOneSourceOut(const std::vector<GoldDocument>& gold_set,
                                                                     const std::vector<Result<RawDocument>>& raws,
                                                                     const Dictionary* dictionary,
                                                                     const LabellerTrainingOptions& training = {}) {
  const auto documents = MakeTrainingDocuments(gold_set, raws);
  std::set<std::string> sources;
  for (const auto& gold : gold_set) sources.insert(gold.source);
  std::map<std::string, std::unique_ptr<LineLabeller>> models;
  for (const auto& source : sources) {
    auto model = LineLabeller::Train(CollectTrainingSet(documents, source), training);
    if (!model.ok()) return model.status();
    models[source] = std::move(model.value());
  }
  std::vector<DocumentResult> results;
  for (size_t i = 0; i < gold_set.size(); ++i) {
    SegmentOptions options;
    options.labeller = models[gold_set[i].source].get();
    options.excluded_sources = {gold_set[i].source};
    results.push_back(EvaluateRaw(gold_set[i], raws[i], dictionary, options));
  }
  return results;
}

}  // namespace protokoll::eval
