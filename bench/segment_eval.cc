// The segment stage against the hand-annotated gold set (tests/data/gold/):
// metadata accuracy per field, item and attendee precision/recall/F1 and
// speaker accuracy, per document, for the Swedish documents, the others and
// overall. Prints the table for the notes; not run by ctest.
//   segment_eval [GOLD_DIR [CORPUS_DIR]]
// GOLD_DIR defaults to tests/data/gold of the source tree, CORPUS_DIR to
// ../shared/corpus next to it. Exits 0 with a note when the corpus is absent.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "protokoll/logger.h"
#include "protokoll/paragraphs.h"
#include "segment_eval.h"

namespace eval = protokoll::eval;

int main(int argc, char** argv) {
  const std::string source_dir = PROTOKOLL_SOURCE_DIR;
  const std::string gold_dir = argc > 1 ? argv[1] : source_dir + "/tests/data/gold";
  const std::string corpus_dir =
      argc > 2 ? argv[2] : (std::filesystem::path(source_dir).parent_path() / "shared" / "corpus").string();
  if (!std::filesystem::is_directory(corpus_dir)) {
    std::printf("no corpus at %s: nothing to evaluate\n", corpus_dir.c_str());
    return 0;
  }
  auto gold_set = eval::LoadGoldSet(gold_dir);
  if (!gold_set.ok()) {
    std::fprintf(stderr, "segment_eval: %s\n", gold_set.status().ToString().c_str());
    return 1;
  }
  auto dictionary = protokoll::OpenHunspellDictionaries(protokoll::NullLogger());
  std::vector<eval::DocumentResult> results;
  for (const auto& gold : gold_set.value()) {
    results.push_back(eval::EvaluateDocument(gold, corpus_dir, dictionary.get(), protokoll::NullLogger()));
    std::fprintf(stderr, "%s: %.1f s\n", gold.name.c_str(), results.back().score.seconds);
  }
  std::fputs(eval::FormatTable(results).c_str(), stdout);
  return 0;
}
