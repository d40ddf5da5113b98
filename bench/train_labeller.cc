// Trains the line labeller from the whole gold set and writes the model that
// normalize/ compiles in. Deterministic (single thread, fixed seed): the same
// gold set and features give the same file. Run by scripts/train-labeller.sh.
//   train_labeller OUT.json [GOLD_DIR [CORPUS_DIR]]
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "labeller_data.h"
#include "protokoll/logger.h"

namespace eval = protokoll::eval;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: train_labeller OUT.json [GOLD_DIR [CORPUS_DIR]]\n");
    return 2;
  }
  const std::string source_dir = PROTOKOLL_SOURCE_DIR;
  const std::string gold_dir = argc > 2 ? argv[2] : source_dir + "/tests/data/gold";
  const std::string corpus_dir =
      argc > 3 ? argv[3] : (std::filesystem::path(source_dir).parent_path() / "shared" / "corpus").string();
  auto gold_set = eval::LoadGoldSet(gold_dir);
  if (!gold_set.ok()) {
    std::fprintf(stderr, "train_labeller: %s\n", gold_set.status().ToString().c_str());
    return 1;
  }
  const auto raws = eval::ExtractGoldSet(gold_set.value(), corpus_dir);
  for (size_t i = 0; i < raws.size(); ++i)
    if (!raws[i].ok())  // a gold document protokoll cannot read (an HTML page) teaches nothing
      std::fprintf(stderr, "train_labeller: skipped %s: %s\n", gold_set.value()[i].file.c_str(),
                   raws[i].status().ToString().c_str());
  const auto documents = eval::MakeTrainingDocuments(gold_set.value(), raws);
  std::fprintf(stderr, "train_labeller: %zu documents, labels: %s\n", documents.size(),
               eval::LabelHistogram(documents).c_str());
  auto model = protokoll::LineLabeller::Train(eval::CollectTrainingSet(documents, ""));
  if (!model.ok()) {
    std::fprintf(stderr, "train_labeller: %s\n", model.status().ToString().c_str());
    return 1;
  }
  auto json = model.value()->ModelJson();
  if (!json.ok()) {
    std::fprintf(stderr, "train_labeller: %s\n", json.status().ToString().c_str());
    return 1;
  }
  std::ofstream(argv[1], std::ios::binary) << json.value();
  std::fprintf(stderr, "train_labeller: wrote %s (%zu bytes)\n", argv[1], json.value().size());
  return 0;
}
