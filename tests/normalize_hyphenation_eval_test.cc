// Line-end hyphen decisions against the hand-labelled set in
// tests/data/hyphenation/labels.tsv (real minutes from ../shared/corpus and
// the samples). Prints precision and recall of both decisions; requires at
// least 99% correct and no real hyphen joined (a wrong join destroys
// information, a missed join does not).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "protokoll/extractor.h"
#include "protokoll/language.h"
#include "protokoll/layout.h"
#include "protokoll/paragraphs.h"
#include "protokoll/text.h"
#include "test_support.h"

namespace protokoll {
namespace {
namespace fs = std::filesystem;

struct Row {
  std::string id, source, left, right, label, expected;
  std::string language;  // of the row's text ("da")
  // "line_end": a break as printed; "mid_line": a word printed mid-line, broken
  // for the test (README.md), judged without its own forms as document evidence.
  std::string kind;
  std::string previous;  // the word before `left` on its line, from the candidates' context
};

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cols;
  std::stringstream ss(line);
  for (std::string c; std::getline(ss, c, '\t');) cols.push_back(c);
  return cols;
}

// id -> the word before the hyphenated one, read from candidates.tsv ("… på - | verkar …" -> "på").
std::map<std::string, std::string> PreviousWords(const std::string& path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    auto cols = SplitTabs(line);
    if (cols.size() < 6) continue;
    std::string before = cols[5].substr(0, cols[5].find(" | "));
    std::vector<std::string> words;
    std::stringstream ss(before);
    for (std::string w; ss >> w;) words.push_back(w);
    if (words.size() >= 2) out[cols[0]] = words[words.size() - 2];
  }
  return out;
}

size_t CodePointCount(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::vector<Row> ReadLabels(const std::string& path) {
  std::vector<Row> rows;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    auto cols = SplitTabs(line);
    if (cols.size() < 7) continue;
    rows.push_back(Row{cols[0], cols[1], cols[3], cols[4], cols[5], cols[6], cols.size() > 8 ? cols[8] : "",
                       cols.size() > 9 ? cols[9] : "line_end", ""});
  }
  return rows;
}

// Where a labelled row's source document lives, or "" when it is not on this machine.
// `name` is a file name, or the end of a path where a name alone is ambiguous
// ("CityCouncil/2005-01-05.pdf" in the Alameda archive).
std::string FindSource(const std::string& name) {
  std::vector<fs::path> roots{fs::path(testing::SourceDir()) / "samples"};
  if (!testing::CorpusDir().empty()) {
    roots.emplace_back(testing::CorpusDir());
    const fs::path batch = fs::path(testing::CorpusDir()).parent_path() / "corpus-batch";
    if (fs::is_directory(batch)) roots.push_back(batch);
  }
  const std::string suffix = "/" + name;
  for (const auto& root : roots)
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
      const std::string path = it->path().string();
      if (it->is_regular_file() && path.size() > suffix.size() &&
          path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0)
        return path;
    }
  return "";
}

struct Tally {
  size_t evaluated = 0, correct = 0, destructive = 0, real_hyphens = 0;
};

// The document words without the row's own word: a word printed mid-line
// would otherwise be its own evidence.
std::vector<std::string> WithoutOwnForms(std::vector<std::string> words, const Row& row) {
  std::string_view core = row.right;
  while (!core.empty() && std::ispunct(static_cast<unsigned char>(core.back()))) core.remove_suffix(1);
  const std::string stem = row.left.substr(0, row.left.size() - 1);
  for (const std::string& form : {stem + std::string(core), stem + "-" + std::string(core)}) {
    auto it = std::lower_bound(words.begin(), words.end(), ToLower(form));
    if (it != words.end() && *it == ToLower(form)) words.erase(it);
  }
  return words;
}

TEST(HyphenationEvalTest, LabelledSetScoresAtLeast99PercentAndJoinsNoRealHyphen) {
  const std::string labels = testing::SourceDir() + "/tests/data/hyphenation/labels.tsv";
  ASSERT_TRUE(fs::exists(labels)) << labels;
  std::vector<Row> rows = ReadLabels(labels);
  ASSERT_GE(rows.size(), 300u);
  auto previous = PreviousWords(testing::SourceDir() + "/tests/data/hyphenation/candidates.tsv");
  for (auto& row : rows) row.previous = previous[row.id];

  const Dictionary* dictionary = testing::SharedDictionary();
  ExtractOptions options;
  options.ocr = OcrMode::kNever;
  Extractor extractor(options, NullLogger());
  std::map<std::string, std::vector<std::string>> words_by_source;  // the document evidence of each source
  std::map<std::string, std::string> languages_by_source;
  std::map<std::string, bool> author_hyphens_by_source;
  std::map<std::string, Tally> by_language, by_language_line_end;
  std::map<std::string, bool> available;

  size_t evaluated = 0, correct = 0, destructive = 0, skipped_absent = 0, not_words = 0;
  size_t label_join = 0, label_keep = 0, said_join = 0, said_keep = 0, join_hit = 0, keep_hit = 0;
  std::vector<std::string> errors;
  for (const Row& row : rows) {
    if (row.label == "skip") continue;
    // A "word" of more than 40 letters is a broken text layer whose spaces
    // decode as letters (Nykarleby: "samtliganin01TOI060n…"); the pipeline
    // sends such pages to OCR, so their hyphens are not the text layer's to repair.
    // URLs and paths are long too, but are words of their own: those (ASCII,
    // with a slash) are judged.
    const auto broken_layer = [](const std::string& token) {
      const bool ascii = std::all_of(token.begin(), token.end(), [](char c) { return (c & 0x80) == 0; });
      return CodePointCount(token) > 40 && !(ascii && token.find('/') != std::string::npos);
    };
    if (broken_layer(row.left) || broken_layer(row.right)) {
      ++not_words;
      continue;
    }
    if (!available.count(row.source)) {
      std::string path = FindSource(row.source);
      available[row.source] = !path.empty();
      if (!path.empty()) {
        auto raw = extractor.ExtractFile(path);
        if (raw.ok()) {
          const LaidOutDocument laid = LayOut(*raw);
          words_by_source[row.source] = CollectDocumentWords(laid.lines);
          languages_by_source[row.source] = MainLanguage(raw->pages);  // as DeriveDocument sets it
          HyphenationContext document{dictionary, &words_by_source[row.source], languages_by_source[row.source]};
          author_hyphens_by_source[row.source] = OnlyAuthorHyphens(laid.lines, document);
        }
      }
    }
    if (!available[row.source]) {
      ++skipped_absent;
      continue;
    }
    std::vector<std::string> own_words_removed;
    if (row.kind == "mid_line") own_words_removed = WithoutOwnForms(words_by_source[row.source], row);
    HyphenationContext context{dictionary,
                               row.kind == "mid_line" ? &own_words_removed : &words_by_source[row.source],
                               languages_by_source[row.source]};
    context.author_hyphens_only = author_hyphens_by_source[row.source];
    HyphenRepair r = DecideLineEndHyphen(row.left, row.right, context, row.previous);
    const bool should_join = row.label == "join";
    ++evaluated;
    for (auto* tallies : {&by_language, row.kind == "line_end" ? &by_language_line_end : nullptr}) {
      if (tallies == nullptr) continue;
      Tally& tally = (*tallies)[row.language.empty() ? "?" : row.language];
      ++tally.evaluated;
      if (!should_join) ++tally.real_hyphens;
      if (r.result == row.expected) ++tally.correct;
      if (!should_join && r.joined) ++tally.destructive;
    }
    (should_join ? label_join : label_keep)++;
    (r.joined ? said_join : said_keep)++;
    if (r.result == row.expected) {
      ++correct;
      (should_join ? join_hit : keep_hit)++;
    } else {
      errors.push_back(row.id + " " + row.left + "|" + row.right + " -> " + r.result + " (" + r.rule +
                       "), expected " + row.expected);
    }
    if (!should_join && r.joined) ++destructive;
  }
  if (evaluated == 0) GTEST_SKIP() << "no labelled source is on this machine";

  auto ratio = [](size_t a, size_t b) { return b == 0 ? 1.0 : static_cast<double>(a) / static_cast<double>(b); };
  std::printf("hyphenation: %zu evaluated (%zu join, %zu keep), %zu without their source, %zu broken-layer rows left out\n",
              evaluated, label_join, label_keep, skipped_absent, not_words);
  std::printf("  correct %.4f; join precision %.4f recall %.4f; keep precision %.4f recall %.4f; real hyphens joined: %zu\n",
              ratio(correct, evaluated), ratio(join_hit, said_join), ratio(join_hit, label_join),
              ratio(keep_hit, said_keep), ratio(keep_hit, label_keep), destructive);
  for (const auto& [language, t] : by_language)
    std::printf("  %s: %zu rows (%zu real hyphens), correct %.4f, real hyphens joined %zu\n", language.c_str(), t.evaluated,
                t.real_hyphens, ratio(t.correct, t.evaluated), t.destructive);
  for (const auto& [language, t] : by_language_line_end)
    std::printf("  %s, breaks as printed only: %zu rows (%zu real hyphens), correct %.4f, real hyphens joined %zu\n",
                language.c_str(), t.evaluated, t.real_hyphens, ratio(t.correct, t.evaluated), t.destructive);
  for (const auto& e : errors) std::printf("  wrong: %s\n", e.c_str());
  EXPECT_GE(ratio(correct, evaluated), 0.99);
  EXPECT_EQ(destructive, 0u);
  // Each language on its own (only where its documents are on this machine).
  for (const auto& [language, t] : by_language) {
    if (t.evaluated < 50) continue;
    EXPECT_GE(ratio(t.correct, t.evaluated), 0.99) << language;
    EXPECT_EQ(t.destructive, 0u) << language;
  }
}

}  // namespace
}  // namespace protokoll
