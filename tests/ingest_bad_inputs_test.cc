// The bad-input suite (issue 13): scripts/make-bad-inputs.py writes some 45
// damaged, hostile and odd inputs and the outcome CONTRACT.md promises for
// each; one `protokoll ingest --recursive` over them all must give every
// one its outcome, finish with exit 1, leave `verify` clean, and stay within
// the memory and time bounds. Skips when python3 or qpdf is missing.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "protokoll/logger.h"
#include "test_support.h"

namespace protokoll {
namespace {

using nlohmann::json;
using testing::RunCommand;

std::string FromHex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

std::vector<json> JsonLines(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

struct Entry {
  std::string name, kind, expect;
};

class BadInputs : public ::testing::Test {
 protected:
  void SetUp() override {
    python_ = testing::FindProgram("python3");
    if (python_.empty()) GTEST_SKIP() << "python3 is not installed";
    if (testing::FindProgram("qpdf").empty()) GTEST_SKIP() << "qpdf is not installed (scripts/packages.txt)";
    dir_ = testing::MakeTempDir("protokoll-bad-inputs");
    auto made = RunCommand({python_, testing::SourceDir() + "/scripts/make-bad-inputs.py", dir_ + "/in"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    for (const json& e : json::parse(testing::ReadFileOrDie(dir_ + "/manifest.json")))
      entries_.push_back({FromHex(e["name_hex"]), e["kind"], e["expect"]});
  }
  void TearDown() override {
    if (dir_.empty()) return;
    std::error_code ec;
    std::filesystem::permissions(dir_ + "/in/unreadable.txt", std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(dir_, ec);
  }
  testing::CommandResult Protokoll(std::vector<std::string> args) {
    args.insert(args.begin(), {testing::ProtokollBinary(), "--db", dir_ + "/db"});
    return RunCommand(args);
  }

  std::string python_, dir_;
  std::vector<Entry> entries_;
};

TEST_F(BadInputs, EveryKindGetsItsOutcomeAndTheBatchCompletes) {
  ASSERT_GE(entries_.size(), 25u);
  const auto start = std::chrono::steady_clock::now();
  auto ingest = Protokoll({"ingest", "-j", "2", "--recursive", dir_ + "/in"});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);  // the largest child so far: ingest, or a page's rendering
  const double peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  std::cout << "bad-input batch: " << entries_.size() << " entries, " << seconds << " s, peak RSS " << peak_mb
            << " MB\n";
  EXPECT_EQ(ingest.exit_code, 1) << ingest.err;
  // Within the bounds (docs/limits.md): 1 GB per worker and its render child, no hang.
  EXPECT_LT(peak_mb, 1536.0);
  EXPECT_LT(seconds, 600.0);

  auto failures = Protokoll({"failures", "--json"});
  ASSERT_EQ(failures.exit_code, 0);
  std::map<std::string, std::string> failed;  // base name -> code
  for (const json& f : JsonLines(failures.out))
    failed[std::filesystem::path(f["path"].get<std::string>()).filename().string()] = f["code"];
  auto exported = Protokoll({"export"});
  ASSERT_EQ(exported.exit_code, 0);
  std::map<std::string, std::set<std::string>> stored;  // file -> warning codes
  for (const json& d : JsonLines(exported.out)) {
    auto& codes = stored[d["source"]["file"]];
    for (const json& w : d["warnings"]) codes.insert(w["code"].get<std::string>());
  }

  for (const Entry& e : entries_) {
    SCOPED_TRACE(EscapeForLine(e.name) + " (" + e.kind + "): expected " + e.expect);
    // JSON carries names that are not UTF-8 with U+FFFD: compare those by failure count only.
    const bool exact_name = EscapeForLine(e.name).find("\\x") == std::string::npos ||
                            e.name.find('\x1b') != std::string::npos;
    if (e.expect == "skipped") {
      EXPECT_EQ(failed.count(e.name), 0u);
      EXPECT_EQ(stored.count(e.name), 0u);
      if (e.kind.find("directory") == std::string::npos)
        EXPECT_NE(ingest.err.find(EscapeForLine(e.name) + ": "), std::string::npos) << "not listed as skipped";
    } else if (e.expect.rfind("failed:", 0) == 0) {
      if (!exact_name) continue;
      ASSERT_EQ(failed.count(e.name), 1u) << "not in failures";
      EXPECT_EQ(failed[e.name], e.expect.substr(7));
    } else if (e.expect == "stored") {
      ASSERT_EQ(stored.count(e.name), 1u) << "not stored";
      EXPECT_TRUE(stored[e.name].empty()) << "unexpected warning " << *stored[e.name].begin();
    } else {
      ASSERT_EQ(e.expect.rfind("warning:", 0), 0u);
      ASSERT_EQ(stored.count(e.name), 1u) << "not stored";
      EXPECT_EQ(stored[e.name].count(e.expect.substr(8)), 1u);
    }
  }
  size_t expected_failures = 0;
  for (const Entry& e : entries_) expected_failures += e.expect.rfind("failed:", 0) == 0;
  EXPECT_EQ(failed.size(), expected_failures);

  // One row per failure: names with tabs and newlines cannot forge rows or columns.
  auto table = Protokoll({"failures"});
  ASSERT_EQ(table.exit_code, 0);
  size_t rows = 0;
  std::istringstream in(table.out);
  for (std::string line; std::getline(in, line); ++rows)
    EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 4) << line;
  EXPECT_EQ(rows, expected_failures + 1);  // and the header
  EXPECT_NE(table.out.find("new\\nline.pdf"), std::string::npos);
  EXPECT_NE(table.out.find("tab\\tname.pdf"), std::string::npos);

  auto verify = Protokoll({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;

  // Again: what is stored is unchanged, what failed fails the same way, nothing crashes.
  auto again = Protokoll({"ingest", "--recursive", dir_ + "/in"});
  EXPECT_EQ(again.exit_code, 1) << again.err;
  EXPECT_NE(again.out.find("0 stored"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace protokoll
