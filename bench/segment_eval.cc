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
  table += "\nmetadata fields, pooled:";
  for (const auto& [field, tally] : pooled.fields) {
    char cell[80];
    std::snprintf(cell, sizeof cell, "  %s %d/%d", field.c_str(), tally.correct, tally.total);
    table += cell;
  }
  table += "\n\n" + eval::SpeakerF1Line(pooled);
  table += "speaker attributions in documents without annotated speakers, per source:";
  for (const auto& [source, score] : by_source)
    if (score.speakers_spurious > 0) table += " " + source + " " + std::to_string(score.speakers_spurious);
  table += "\n";
  table += "\nitem errors by kind: source, gold items, title wrong (number found), missed, spurious\n";
  by_source["== pooled"] = pooled;
  for (const auto& [source, s] : by_source) {
    char row[160];
    std::snprintf(row, sizeof row, "%-44s %5d %5d %5d %5d\n", source.c_str(), s.items.gold, s.item_title_wrong,
                  s.item_missed, s.item_spurious);
    table += row;
  }
  return table;
}

// For each source, with a labeller trained without it: its gold heading lines
// (training labels), how many the model gives P >= 0.5 and >= 0.2, how many
// carry a number, and the lines it calls headings that are not.
std::string HeadingRecall(const std::vector<eval::GoldDocument>& gold_set,
                          const std::vector<protokoll::Result<protokoll::RawDocument>>& raws) {
  const auto documents = eval::MakeTrainingDocuments(gold_set, raws);
  std::set<std::string> sources;
  for (const auto& gold : gold_set) sources.insert(gold.source);
  std::string out = "source                                    gold  p>=.5  p>=.2  numbered  false>=.5\n";
  const int heading = static_cast<int>(protokoll::LineLabel::kHeading);
  const int columns = protokoll::LineFeatureCount();
  for (const auto& source : sources) {
    auto model = protokoll::LineLabeller::Train(eval::CollectTrainingSet(documents, source), {});
    if (!model.ok()) return model.status().ToString();
    int gold = 0, high = 0, low = 0, numbered = 0, wrong = 0;
    for (const auto& document : documents) {
      if (document.gold->source != source) continue;
      const auto p = model.value()->Predict(document.features);
      for (size_t k = 0; k < document.labels.size(); ++k) {
        const float ph = p[k * protokoll::kLineLabelCount + heading];
        if (document.labels[k] != heading) {
          wrong += ph >= 0.5f;
          continue;
        }
        ++gold;
        high += ph >= 0.5f;
        low += ph >= 0.2f;
        numbered += document.features[k * columns + 20] > 0;  // "numbered"
      }
    }
    char row[200];
    std::snprintf(row, sizeof row, "%-40s %5d %6d %6d %9d %10d\n", source.c_str(), gold, high, low, numbered, wrong);
    out += row;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  bool loso = false, generic = false;
  bool misses = false;  // --misses: every wrong metadata field, gold | predicted
  bool headings = false;  // --headings: LOSO heading-line recall of the labeller per source
  std::string dump;  // --dump NAME|all: every line of that gold document (or of all) with its gold and predicted label
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--loso") == 0) loso = true;
    else if (std::strcmp(argv[i], "--generic") == 0) generic = true;
    else if (std::strcmp(argv[i], "--dump") == 0 && i + 1 < argc) dump = argv[++i];
    else if (std::strcmp(argv[i], "--headings") == 0) headings = true;
    else if (std::strcmp(argv[i], "--misses") == 0) misses = true;
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
  if (!dump.empty()) {
    std::map<std::string, std::unique_ptr<protokoll::LineLabeller>> held_out_by_source;
    for (size_t i = 0; i < gold_set->size(); ++i) {
      if ((dump != "all" && gold_set.value()[i].name != dump) || !raws[i].ok()) continue;
      std::printf("### %s (%s)\n", gold_set.value()[i].name.c_str(), gold_set.value()[i].source.c_str());
      const auto lines = protokoll::LinesForSegment(protokoll::LayOut(*raws[i]));
      const auto labels = protokoll::LabelLinesFromFacts(lines, eval::FactsOf(gold_set.value()[i]));
      // With --loso: the labeller trained without the document's source.
      const std::string& source = gold_set.value()[i].source;
      if (loso && !held_out_by_source.count(source)) {
        auto model = protokoll::LineLabeller::Train(
            eval::CollectTrainingSet(eval::MakeTrainingDocuments(gold_set.value(), raws), source), {});
        held_out_by_source[source] = model.ok() ? std::move(model.value()) : nullptr;
      }
      const protokoll::LineLabeller* held_out = loso ? held_out_by_source[source].get() : nullptr;
      const auto* labeller = held_out ? held_out : protokoll::LineLabeller::Builtin();
      const auto p = labeller ? labeller->Predict(protokoll::LineFeatures(lines)) : std::vector<float>();
      for (size_t k = 0; k < lines.lines.size(); ++k) {
        int best = 0;
        for (int c = 1; c < protokoll::kLineLabelCount && !p.empty(); ++c)
          if (p[k * protokoll::kLineLabelCount + c] > p[k * protokoll::kLineLabelCount + best]) best = c;
        std::printf("%3d %-10s %-10s %.2f | %s\n", lines.lines[k].page,
                    std::string(protokoll::LineLabelName(labels[k])).c_str(),
                    std::string(protokoll::LineLabelName(static_cast<protokoll::LineLabel>(best))).c_str(),
                    p.empty() ? 0.0 : p[k * protokoll::kLineLabelCount + static_cast<int>(protokoll::LineLabel::kHeading)],
                    lines.lines[k].text.c_str());
      }
      // What the reader makes of it with this labeller (profiles of the source off under --loso).
      protokoll::SegmentOptions options;
      options.labeller = labeller;
      if (loso) options.excluded_sources = {gold_set.value()[i].source};
      options.use_profiles = !generic;
      const auto document = protokoll::DeriveDocument(*raws[i], dictionary.get(), protokoll::NullLogger(), options);
      std::printf("\n== metadata: date %s body %s ref %s chair %s secretary %s place %s start %s\n",
                  document.metadata.date.value_or("-").c_str(), document.metadata.body.value_or("-").c_str(),
                  document.metadata.reference.value_or("-").c_str(), document.metadata.chair.value_or("-").c_str(),
                  document.metadata.secretary.value_or("-").c_str(), document.metadata.place.value_or("-").c_str(),
                  document.metadata.start_time.value_or("-").c_str());
      for (const auto& item : document.items) {
        std::printf("== item [%s] %s\n", item.number.c_str(), item.title.c_str());
        for (const auto& presenter : item.presenters) std::printf("==   presenter %s\n", presenter.c_str());
        for (const auto& paragraph : item.paragraphs)
          if (paragraph.speaker)
            std::printf("==   speaker %s (%s) | %.60s\n", paragraph.speaker->c_str(), paragraph.speaker_source.value_or("-").c_str(), paragraph.text.c_str());
        for (const auto& decision : item.decisions)
          std::printf("==   decision %s | %.70s\n", decision.outcome.value_or("-").c_str(), decision.text.c_str());
      }
      for (const auto& a : document.attendees)
        std::printf("== attendee %s (%s) %s\n", a.name.c_str(), a.status.c_str(), a.role.value_or("").c_str());
    }
    return 0;
  }
  if (headings) {
    std::fputs(HeadingRecall(gold_set.value(), raws).c_str(), stdout);
    return 0;
  }
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
  if (misses)
    for (const auto& result : results)
      for (const auto& miss : result.score.field_misses)
        std::printf("%-28.28s %s\n", result.gold->name.c_str(), miss.c_str());
  return 0;
}
