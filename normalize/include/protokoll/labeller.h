// The learned line labeller: one zone model over a document's laid-out lines
// (GROBID-style: features from layout and word lists apart from the
// labelling). It decides what varies most between councils — which lines are
// the title block, metadata fields, attendance lists, item headings, contents
// entries, signatures — and the generic reader decodes its labels into
// records. The committed model (normalize/model/line_labeller.json) is
// trained by scripts/train-labeller.sh from the gold set; deterministic.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/layout.h"
#include "protokoll/status.h"

namespace protokoll {

enum class LineLabel : int {
  kOther = 0,   // body text, furniture, anything else
  kTitle,       // the title block: document kind, body, meeting name
  kMeta,        // a metadata field: date, time, place, reference
  kAttendance,  // an attendance list line or its header
  kHeading,     // an agenda item heading (any numbering, or none)
  kContents,    // a table-of-contents or agenda-list entry (not an item)
  kSignature,   // the signature block
};
inline constexpr int kLineLabelCount = 7;
std::string_view LineLabelName(LineLabel label);

// Features of every line of `laid`, row-major, LineFeatureCount() per line.
// Uses the word lists of all languages (a wrong language guess must not
// blind the labeller) and the page's own layout statistics; OCR'd lines
// (no font information) get their size from the line height.
int LineFeatureCount();
std::vector<std::string> LineFeatureNames();
std::vector<float> LineFeatures(const LaidOutDocument& laid);

struct LabellerTrainingSet {
  std::vector<float> features;  // rows x LineFeatureCount()
  std::vector<int> labels;      // one LineLabel per row
  std::vector<float> weights;   // one per row (empty: all 1)
};

struct LabellerTrainingOptions {
  int rounds = 120;
  int max_depth = 6;
  double learning_rate = 0.15;
};

// Thread safety: Predict may be called from several threads at once (it
// serialises on an internal mutex; XGBoost boosters are not documented as
// thread-safe for prediction in the Debian version).
class LineLabeller {
 public:
  ~LineLabeller();
  LineLabeller(const LineLabeller&) = delete;
  LineLabeller& operator=(const LineLabeller&) = delete;

  // From an XGBoost JSON model.
  static Result<std::unique_ptr<LineLabeller>> FromModel(std::string_view model_json);
  // The committed model compiled into the binary; null when none is committed
  // or it does not fit this build's features (logged by the caller).
  static const LineLabeller* Builtin();
  // Trains a new model (single-threaded, fixed seed: deterministic).
  static Result<std::unique_ptr<LineLabeller>> Train(const LabellerTrainingSet& set,
                                                     const LabellerTrainingOptions& options = {});
  Result<std::string> ModelJson() const;

  // Probabilities, rows x kLineLabelCount, for `features` (rows x LineFeatureCount()).
  std::vector<float> Predict(std::span<const float> features) const;

 private:
  struct Impl;
  explicit LineLabeller(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace protokoll
