#include "test_support.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "protokoll/text.h"

namespace protokoll::testing {

std::string SourceDir() { return PROTOKOLL_SOURCE_DIR; }

std::string CorpusDir() {
  std::filesystem::path corpus = std::filesystem::path(PROTOKOLL_SHARED_DIR) / "corpus";
  std::error_code ec;
  return std::filesystem::is_directory(corpus, ec) ? corpus.string() : std::string();
}

std::string CorpusFile(const std::string& relative) {
  const std::string corpus = CorpusDir();
  if (corpus.empty()) return "";
  std::error_code ec;
  const std::string path = corpus + "/" + relative;
  return std::filesystem::exists(path, ec) ? path : std::string();
}

std::string ProtokollBinary() { return PROTOKOLL_BINARY; }

std::string MakeTempDir(const std::string& prefix) {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto dir = std::filesystem::temp_directory_path() /
               (prefix + "-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
    std::error_code ec;
    if (std::filesystem::create_directory(dir, ec)) return dir.string();
  }
  throw std::runtime_error("cannot create a temp dir");
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

namespace {
std::string SlurpFd(int fd) {
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  close(fd);
  return out;
}
}  // namespace

const Dictionary* SharedDictionary() {
  static const Dictionary* dictionary = OpenHunspellDictionaries(NullLogger()).release();
  return dictionary;
}

std::string LineText(const RawLine& line) {
  std::string s;
  for (const Word& w : line.words) {
    if (!s.empty()) s += ' ';
    s += w.text;
  }
  return s;
}

namespace {
std::u32string CodePoints(const std::string& utf8) {
  std::u32string out;
  for (size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const int len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? lead : lead & (0xFF >> (len + 1));
    for (int k = 1; k < len && i + k < utf8.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::u32string Prepared(std::string text, Whitespace whitespace) {
  std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  std::u32string out = CodePoints(NormalizeLineText(text));  // NFC, runs of spaces collapsed
  if (whitespace == Whitespace::kIgnore) out.erase(std::remove(out.begin(), out.end(), U' '), out.end());
  return out;
}
}  // namespace

double CharacterErrorRate(const std::string& reference, const std::string& hypothesis, Whitespace whitespace) {
  const std::u32string a = Prepared(reference, whitespace), b = Prepared(hypothesis, whitespace);
  std::vector<size_t> previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1] ? 1 : 0)});
    std::swap(previous, current);
  }
  return static_cast<double>(previous[b.size()]) / static_cast<double>(std::max<size_t>(1, a.size()));
}

ExtractOptions TextOnly() {
  ExtractOptions options;
  options.ocr = OcrMode::kNever;
  return options;
}

std::string FindProgram(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (size_t start = 0; start <= dirs.size();) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    const std::string candidate = dirs.substr(start, end - start) + "/" + name;
    if (end > start && access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return "";
}

Paragraph MakeParagraph(std::string text, std::optional<std::string> speaker, int page) {
  Paragraph p;
  p.text = std::move(text);
  p.speaker = std::move(speaker);
  if (p.speaker) p.speaker_source = "explicit";
  p.page = page;
  p.bbox = Box{56.7, 100.0 + page, 538.6, 150.0};
  return p;
}

std::vector<std::string> SortedLines(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

CommandResult RunCommand(const std::vector<std::string>& argv) {
  // stdout and stderr go to temp files so that neither pipe can fill and block.
  std::string dir = MakeTempDir("protokoll-cmd");
  std::string out_path = dir + "/out", err_path = dir + "/err";
  pid_t pid = fork();
  if (pid == 0) {
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int in = open("/dev/null", O_RDONLY);
    dup2(out, 1);
    dup2(err, 2);
    dup2(in, 0);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  CommandResult result;
  int status = 0;
  struct rusage usage {};
  if (wait4(pid, &status, 0, &usage) == pid) result.max_rss_kb = usage.ru_maxrss;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = SlurpFd(open(out_path.c_str(), O_RDONLY));
  result.err = SlurpFd(open(err_path.c_str(), O_RDONLY));
  std::filesystem::remove_all(dir);
  return result;
}

RawLine MakeRawLine(const std::string& text, double x0, double y0, double size) {
  RawLine line;
  std::istringstream words(text);
  std::string w;
  double x = x0;
  while (words >> w) {
    Word word;
    word.text = w;
    word.box = Box{x, y0, x + 6.0 * static_cast<double>(w.size()), y0 + size};
    word.font_size = size;
    x = word.box.x1 + 3;
    line.words.push_back(word);
  }
  line.box = Box{x0, y0, x, y0 + size};
  return line;
}

}  // namespace protokoll::testing
