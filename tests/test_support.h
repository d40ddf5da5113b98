// Paths and helpers shared by the tests.
#pragma once

#include <string>
#include <vector>

#include "protokoll/extractor.h"
#include "protokoll/paragraphs.h"
#include "protokoll/raw_document.h"
#include "protokoll/record.h"

namespace protokoll::testing {

// The project's source tree (samples/, tests/data/).
std::string SourceDir();
// ../shared/corpus, or "" when it does not exist (tests then GTEST_SKIP()).
std::string CorpusDir();
// A file of the corpus by its path below corpus/, or "" when the corpus or
// the file is not on this machine (the caller then GTEST_SKIP()s).
std::string CorpusFile(const std::string& relative);
// The built protokoll executable, for tests of the command line.
std::string ProtokollBinary();
// A fresh empty directory under the system temp dir, removed by the caller.
std::string MakeTempDir(const std::string& prefix);
std::string ReadFileOrDie(const std::string& path);

struct CommandResult {
  int exit_code = -1;
  std::string out, err;
  long max_rss_kb = -1;  // the command's peak resident memory (wait4's ru_maxrss)
};
// Extraction from the text layer only (OCR never), for tests of the text path.
ExtractOptions TextOnly();

// hunspell's Swedish and English dictionaries, opened once for the whole
// test process (loading sv_SE takes a while). Thread-safe; never freed.
const Dictionary* SharedDictionary();

// A raw line's words joined by single spaces.
std::string LineText(const RawLine& line);

// A text-layer line at (x0, y0) made of `text`'s words, each 6 pt a letter
// wide and 3 pt apart, in a `size` pt font.
RawLine MakeRawLine(const std::string& text, double x0, double y0, double size = 11);

// Character error rate: edit distance over code points divided by the
// reference length, after NFC. kIgnore drops all white space (layout-blind);
// kCollapse turns every run of it into one space.
enum class Whitespace { kIgnore, kCollapse };
double CharacterErrorRate(const std::string& reference, const std::string& hypothesis, Whitespace whitespace);

// The absolute path of a program found on $PATH ("jing", "python3"), or ""
// when it is not installed (the caller then GTEST_SKIP()s).
std::string FindProgram(const std::string& name);

// A stored paragraph on `page` with a fixed box; speaker_source "explicit"
// when there is a speaker.
Paragraph MakeParagraph(std::string text, std::optional<std::string> speaker, int page);

// The non-empty lines of `s`, sorted (an export compared whatever its order).
std::vector<std::string> SortedLines(const std::string& s);

// Runs argv[0] with the arguments, no shell, capturing stdout and stderr.
CommandResult RunCommand(const std::vector<std::string>& argv);

}  // namespace protokoll::testing
