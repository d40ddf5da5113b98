// The segment stage against the hand-annotated gold set (tests/data/gold/):
// metadata accuracy (date, body, reference, and all annotated fields), item
// and attendee precision/recall/F1 and speaker accuracy, per document, per
// source and pooled. Prints the tables for docs/quality.md; not run by ctest.
//   segment_eval [--loso | --generic] [GOLD_DIR [CORPUS_DIR]]
//   (default)  profiles on, the committed labeller: what users get today,
//              on documents the rules and the model were written from.
//   --generic  profiles off, the committed labeller (trained on all sources:
//              in-sample for the labeller).
//   --loso     for each source: a labeller trained without it and the
//              profiles written from it switched off. The figures that count.
// GOLD_DIR defaults to tests/data/gold, CORPUS_DIR to ../shared/corpus.
// Exits 0 with a note when the corpus is absent.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "labeller_data.h"
#include "protokoll/logger.h"
#include "protokoll/paragraphs.h"

namespace eval = protokoll::eval;

namespace {

std::string SourceTable(const std::vector<eval::DocumentResult>& results) {
  std::map<std::string, eval::Score> by_source;
  eval::Score pooled;
  for (const auto& result : results) {
    by_source[result.gold->source] += result.score;
    pooled += result.score;
  }
  std::string table = "\nsource                                        date  body   ref  meta |  items     P    R    F1  |  "
                      "attendees P    R    F1  | speakers  | ocr/pages  secs\n";
  for (const auto& [source, score] : by_source) table += eval::FormatRow(source, score) + '\n';
  table += eval::FormatRow("== pooled (" + std::to_string(pooled.documents) + " docs)", pooled) + '\n';
  return table;
}

}  // namespace

int main(int argc, char** argv) {
  bool loso = false, generic = false;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--loso") == 0) loso = true;
    else if (std::strcmp(argv[i], "--generic") == 0) generic = true;
    else positional.emplace_back(argv[i]);
  }
  const std::string source_dir = PROTOKOLL_SOURCE_DIR;
  const std::string gold_dir = positional.size() > 0 ? positional[0] : source_dir + "/tests/data/gold";
  const std::string corpus_dir = positional.size() > 1
                                     ? positional[1]
                                     : (std::filesystem::path(source_dir).parent_path() / "shared" / "corpus").string();
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
  const auto raws = eval::ExtractGoldSet(gold_set.value(), corpus_dir);
  std::vector<eval::DocumentResult> results;
  if (!loso) {
    protokoll::SegmentOptions options;
    options.use_profiles = !generic;
    for (size_t i = 0; i < gold_set->size(); ++i)
      results.push_back(eval::EvaluateRaw(gold_set.value()[i], raws[i], dictionary.get(), options));
  } else {
    auto loso_results = eval::EvaluateLeaveOneSourceOut(gold_set.value(), raws, dictionary.get());
    if (!loso_results.ok()) {
      std::fprintf(stderr, "segment_eval: %s\n", loso_results.status().ToString().c_str());
      return 1;
    }
    results = std::move(loso_results.value());
  }
  std::printf("mode: %s\n", loso ? "leave-one-source-out (labeller trained without the source, its profiles off)"
                                 : generic ? "generic reader, committed labeller (in-sample), profiles off"
                                           : "profiles on, committed labeller (in-sample)");
  std::fputs(eval::FormatTable(results).c_str(), stdout);
  std::fputs(SourceTable(results).c_str(), stdout);
  return 0;
}
