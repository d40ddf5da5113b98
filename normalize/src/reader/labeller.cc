// XGBoost behind LineLabeller: the C API only here, so no public header
// carries its types. Multi-class soft probabilities over kLineLabelCount.
#include "protokoll/labeller.h"

#include <xgboost/c_api.h>

#include <mutex>
#include <string>

#include "reader/embedded_data.h"

namespace protokoll {

std::string_view LineLabelName(LineLabel label) {
  switch (label) {
    case LineLabel::kOther: return "other";
    case LineLabel::kTitle: return "title";
    case LineLabel::kMeta: return "meta";
    case LineLabel::kAttendance: return "attendance";
    case LineLabel::kHeading: return "heading";
    case LineLabel::kContents: return "contents";
    case LineLabel::kSignature: return "signature";
  }
  return "other";
}

struct LineLabeller::Impl {
  BoosterHandle booster = nullptr;
  mutable std::mutex mutex;
  ~Impl() {
    if (booster) XGBoosterFree(booster);
  }
};

namespace {

Status XgbError(const std::string& what) {
  return Status(ErrorCode::kUnreadable, what + ": " + XGBGetLastError());
}

// A DMatrix over `features`; freed by the caller.
Result<DMatrixHandle> MakeMatrix(std::span<const float> features) {
  const int columns = LineFeatureCount();
  const bst_ulong rows = features.size() / columns;
  DMatrixHandle matrix = nullptr;
  if (XGDMatrixCreateFromMat(features.data(), rows, columns, -1e30f, &matrix) != 0)
    return XgbError("labeller: cannot build the feature matrix");
  return matrix;
}

Status SetParameters(BoosterHandle booster, const LabellerTrainingOptions& options) {
  const std::pair<const char*, std::string> parameters[] = {
      {"objective", "multi:softprob"},
      {"num_class", std::to_string(kLineLabelCount)},
      {"max_depth", std::to_string(options.max_depth)},
      {"eta", std::to_string(options.learning_rate)},
      {"nthread", "1"},
      {"seed", "0"},
      {"tree_method", "hist"},
      {"min_child_weight", "1"},
      {"verbosity", "0"},
  };
  for (const auto& [name, value] : parameters)
    if (XGBoosterSetParam(booster, name, value.c_str()) != 0) return XgbError(std::string("labeller: parameter ") + name);
  return Status();
}

}  // namespace

LineLabeller::LineLabeller(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LineLabeller::~LineLabeller() = default;

Result<std::unique_ptr<LineLabeller>> LineLabeller::FromModel(std::string_view model_json) {
  auto impl = std::make_unique<Impl>();
  if (XGBoosterCreate(nullptr, 0, &impl->booster) != 0) return XgbError("labeller: cannot create a booster");
  if (XGBoosterLoadModelFromBuffer(impl->booster, model_json.data(), model_json.size()) != 0)
    return XgbError("labeller: cannot load the model");
  // One thread: ingest runs one document per worker already, and OpenMP's
  // waiting threads would count as CPU on a small machine.
  if (XGBoosterSetParam(impl->booster, "nthread", "1") != 0) return XgbError("labeller: parameter nthread");
  bst_ulong features = 0;
  if (XGBoosterGetNumFeature(impl->booster, &features) != 0) return XgbError("labeller: model without features");
  if (static_cast<int>(features) != LineFeatureCount())
    return Status(ErrorCode::kUnreadable, "labeller: the model has " + std::to_string(features) +
                                              " features, this build computes " +
                                              std::to_string(LineFeatureCount()) + " (retrain it)");
  return std::unique_ptr<LineLabeller>(new LineLabeller(std::move(impl)));
}

const LineLabeller* LineLabeller::Builtin() {
  // Never freed: XGBoost's own globals may be destroyed before a static
  // booster would be at exit, and freeing it then crashes (seen as a double
  // free). One booster for the program's life is no leak that grows.
  static const LineLabeller* builtin = []() -> const LineLabeller* {
    if (reader::data::kLabellerModel.empty()) return nullptr;
    auto loaded = FromModel(reader::data::kLabellerModel);
    return loaded.ok() ? loaded.value().release() : nullptr;
  }();
  return builtin;
}

Result<std::unique_ptr<LineLabeller>> LineLabeller::Train(const LabellerTrainingSet& set,
                                                          const LabellerTrainingOptions& options) {
  const size_t columns = LineFeatureCount();
  if (set.labels.empty() || set.features.size() != set.labels.size() * columns)
    return Status(ErrorCode::kUnreadable, "labeller: training set rows and labels disagree");
  auto matrix = MakeMatrix(set.features);
  if (!matrix.ok()) return matrix.status();
  DMatrixHandle train = matrix.value();
  std::vector<float> labels(set.labels.begin(), set.labels.end());
  XGDMatrixSetFloatInfo(train, "label", labels.data(), labels.size());
  if (!set.weights.empty()) XGDMatrixSetFloatInfo(train, "weight", set.weights.data(), set.weights.size());
  auto impl = std::make_unique<Impl>();
  Status status;
  if (XGBoosterCreate(&train, 1, &impl->booster) != 0) status = XgbError("labeller: cannot create a booster");
  if (status.ok()) status = SetParameters(impl->booster, options);
  for (int round = 0; status.ok() && round < options.rounds; ++round)
    if (XGBoosterUpdateOneIter(impl->booster, round, train) != 0) status = XgbError("labeller: training failed");
  XGDMatrixFree(train);
  if (!status.ok()) return status;
  return std::unique_ptr<LineLabeller>(new LineLabeller(std::move(impl)));
}

Result<std::string> LineLabeller::ModelJson() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  bst_ulong length = 0;
  const char* bytes = nullptr;
  if (XGBoosterSaveModelToBuffer(impl_->booster, R"({"format": "json"})", &length, &bytes) != 0)
    return XgbError("labeller: cannot save the model");
  return std::string(bytes, length);
}

std::vector<float> LineLabeller::Predict(std::span<const float> features) const {
  const size_t rows = features.size() / LineFeatureCount();
  std::vector<float> out;
  if (rows == 0) return out;
  auto matrix = MakeMatrix(features);
  if (!matrix.ok()) return std::vector<float>(rows * kLineLabelCount, 0.0f);
  std::lock_guard<std::mutex> lock(impl_->mutex);
  bst_ulong length = 0;
  const float* result = nullptr;
  if (XGBoosterPredict(impl_->booster, matrix.value(), 0, 0, 0, &length, &result) == 0 &&
      length == rows * kLineLabelCount)
    out.assign(result, result + length);
  else
    out.assign(rows * kLineLabelCount, 0.0f);
  XGDMatrixFree(matrix.value());
  return out;
}

}  // namespace protokoll
