#include "test_support.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

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

ExtractOptions TextOnly() {
  ExtractOptions options;
  options.ocr = OcrMode::kNever;
  return options;
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
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = SlurpFd(open(out_path.c_str(), O_RDONLY));
  result.err = SlurpFd(open(err_path.c_str(), O_RDONLY));
  std::filesystem::remove_all(dir);
  return result;
}

}  // namespace protokoll::testing
