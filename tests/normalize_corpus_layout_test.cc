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


// Index of `passage` as consecutive body lines of `page`, or -1.
long FindPassage(const LaidOutDocument& laid, int page, const std::vector<std::string>& passage) {
  std::vector<std::string> texts;
  for (const auto& l : laid.lines)
    if (l.page == page) texts.push_back(l.text);
  auto it = std::search(texts.begin(), texts.end(), passage.begin(), passage.end());
  return it == texts.end() ? -1 : static_cast<long>(it - texts.begin());
}

// Checked by eye on the page images: three columns, each read top to bottom;
// a line of one column never runs on into the next column.
TEST(CorpusLayoutTest, ClevelandColumnsAreReadOneAfterTheOther) {
  if (testing::CorpusDir().empty()) GTEST_SKIP() << "no corpus";
  const std::string dir = testing::CorpusDir() + "/us-cleveland-city-record/";
  if (!std::filesystem::exists(dir + "june92004.pdf")) GTEST_SKIP() << "no Cleveland City Record";

  // June 9, 2004, page 4, left column, lower half: a letter to the council
  // whose lines Poppler interleaved with the middle column's.
  LaidOutDocument june = LayOutFile(dir + "june92004.pdf");
  const std::vector<std::string> letter = {
      "This letter advises you and City",      "Council that I am submitting a name",
      "for appointment to the City of Cleve-", "land’s Landmark’s Commission.",
      "I am pleased to recommend the fol-",    "lowing individual for appointment to",
      "the Landmark’s Commission."};
  EXPECT_GE(FindPassage(june, 4, letter), 0);
  for (const auto& l : june.lines)
    EXPECT_EQ(l.text.find("submitting a name I am pleased"), std::string::npos) << "p." << l.page << ": " << l.text;

  // April 27, 2016, page 5: the first lines of the left column stand in the
  // top band and must not be joined with the other columns' first lines.
  LaidOutDocument april = LayOutFile(dir + "April272016.pdf");
  const std::vector<std::string> top_of_column = {"Finance, Law; Committees on Devel-",
                                                  "opment Planning and Sustainability,", "Finance.",
                                                  "Ord. No. 501-16.", "By Council Members Brancatelli"};
  const long top = FindPassage(april, 5, top_of_column);
  EXPECT_EQ(top, 0);  // the page's body starts with the left column
  const std::vector<std::string> ordinance = {"An emergency ordinance to amend",
                                              "the title and Sections 1 and 2 of Ordi-",
                                              "nance No. 1451-14, passed December 8,"};
  EXPECT_GT(FindPassage(april, 5, ordinance), top);
}

}  // namespace
}  // namespace protokoll
