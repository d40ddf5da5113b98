// LayOut() on the real corpus (text layer only): no running header, footer or
// page label that a document prints, written down by hand per document in
// tests/data/running_lines/patterns.tsv, may be left among the body lines; and
// the columns of the Cleveland City Record are read one after the other.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>

#include "protokoll/extractor.h"
#include "protokoll/layout.h"
#include "protokoll/logger.h"
#include "test_support.h"

namespace protokoll {
namespace {

struct Pattern {
  std::string source;
  std::regex re;
  // A leftover that is known and kept on purpose (the note says why): counted
  // and printed, not failed.
  bool known = false;
};

// file name -> its running-line patterns; a file listed with "-" as regex has none.
std::map<std::string, std::vector<Pattern>> ReadPatterns() {
  std::map<std::string, std::vector<Pattern>> out;
  std::ifstream in(testing::SourceDir() + "/tests/data/running_lines/patterns.tsv");
  std::string row;
  while (std::getline(in, row)) {
    if (row.empty() || row[0] == '#') continue;
    std::istringstream fields(row);
    std::string file, regex, note;
    std::getline(fields, file, '\t');
    std::getline(fields, regex, '\t');
    std::getline(fields, note, '\t');
    auto& patterns = out[file];
    if (regex != "-")
      patterns.push_back({regex, std::regex(regex, std::regex::ECMAScript | std::regex::optimize),
                          note.rfind("KNOWN:", 0) == 0});
  }
  return out;
}

std::vector<std::string> CorpusPdfs() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(testing::CorpusDir()))
    if (entry.is_regular_file() && entry.path().extension() == ".pdf") out.push_back(entry.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

LaidOutDocument LayOutFile(const std::string& path) {
  Extractor extractor(testing::TextOnly(), NullLogger());
  auto raw = extractor.ExtractFile(path);
  if (!raw.ok()) return {};
  return LayOut(raw.value());
}

TEST(CorpusLayoutTest, NoRunningLineLeftInAnyBody) {
  if (testing::CorpusDir().empty()) GTEST_SKIP() << "no corpus";
  const auto patterns = ReadPatterns();
  ASSERT_FALSE(patterns.empty());
  const char* dump_dir = std::getenv("PROTOKOLL_LAYOUT_DUMP");
  size_t checked = 0, total_leftovers = 0;
  for (const auto& path : CorpusPdfs()) {
    const std::string name = std::filesystem::path(path).filename().string();
    auto it = patterns.find(name);
    EXPECT_NE(it, patterns.end()) << name << " has no entry in patterns.tsv";
    LaidOutDocument laid = LayOutFile(path);
    if (dump_dir) {
      std::ofstream dump(std::string(dump_dir) + "/" + name + ".txt");
      for (const auto& l : laid.lines) dump << l.page << "\t" << l.box.x0 << "," << l.box.y0 << "\t" << l.text << "\n";
      for (const auto& p : laid.pages)
        dump << "#page " << p.number << " label=" << p.label.value_or("") << " header=" << p.header.value_or("")
             << " footer=" << p.footer.value_or("") << "\n";
    }
    if (it == patterns.end() || laid.lines.empty()) continue;
    ++checked;
    size_t leftovers = 0, known = 0;
    for (const auto& line : laid.lines)
      for (const auto& pattern : it->second)
        if (std::regex_search(line.text, pattern.re)) {
          if (pattern.known) {
            ++known;
            std::cout << "known leftover " << name << " p." << line.page << ": " << line.text << "\n";
            break;
          }
          ++leftovers;
          ADD_FAILURE() << name << " p." << line.page << ": \"" << line.text << "\" matches " << pattern.source;
          break;
        }
    std::cout << "leftovers " << leftovers << " (known " << known << ")\t" << name << "\n";
    total_leftovers += leftovers;
  }
  std::cout << "documents checked " << checked << ", leftovers " << total_leftovers << "\n";
  EXPECT_GT(checked, 0u);
}

}  // namespace
}  // namespace protokoll
