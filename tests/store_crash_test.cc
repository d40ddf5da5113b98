// Atomicity under a real fault: a child process stores and removes documents
// in a loop and is killed with SIGKILL at an arbitrary moment, several times.
// Whatever moment the kill lands on, the recovered database must hold only
// whole documents: every record and index entry of a stored document, none
// of a removed or half-written one (Verify checks both directions), and
// search must find each stored document's own word in all its paragraphs.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <thread>

#include "protokoll/store.h"
#include "test_support.h"

extern char** environ;

namespace protokoll {
namespace {

constexpr const char* kDirVariable = "PROTOKOLL_STORE_CRASH_DIR";
constexpr const char* kRoundVariable = "PROTOKOLL_STORE_CRASH_ROUND";
constexpr int kParagraphs = 24;

std::string Id(int round, int n) {
  std::string digits = std::to_string(round * 1000000 + n);
  return "c7" + std::string(62 - digits.size(), '0') + digits;
}

// A word that occurs in this document only ("tokenr1n42").
std::string Token(int round, int n) { return "tokenr" + std::to_string(round) + "n" + std::to_string(n); }

Document MakeDoc(int round, int n) {
  Document d;
  d.id = Id(round, n);
  d.source = SourceInfo{"crash.pdf", 1, "application/pdf", 3};
  d.pipeline_version = "0.1.0";
  d.metadata.date = "2025-01-" + std::to_string(10 + n % 20);
  d.metadata.reference = "CR " + std::to_string(round) + "-" + std::to_string(n);
  for (int p = 1; p <= 3; ++p) d.pages.push_back(PageRecord{p, std::nullopt, "text", std::nullopt, std::nullopt, std::nullopt, "", ""});
  for (int i = 0; i < 4; ++i) {
    Item item;
    item.number = std::to_string(i + 1);
    item.title = "Punkt " + std::to_string(i + 1) + " om äldreomsorg";
    item.page = 1 + i % 3;
    for (int k = 0; k < kParagraphs / 4; ++k) {
      Paragraph p;
      p.text = Token(round, n) + " Rådet diskuterade vårdplatser, färdtjänst och budget för år " +
               std::to_string(2000 + k) + ". " + std::string(200, 'x');
      p.speaker = "Talare " + std::to_string(k);
      p.page = item.page;
      item.paragraphs.push_back(std::move(p));
    }
    d.items.push_back(std::move(item));
  }
  return d;
}

// Run only as the child of CrashedWriterLeavesOnlyWholeDocuments.
TEST(StoreCrashTest, DISABLED_WriterChild) {
  const char* dir = std::getenv(kDirVariable);
  const char* round_text = std::getenv(kRoundVariable);
  if (!dir || !round_text) GTEST_SKIP() << "run by the crash test only";
  const int round = std::atoi(round_text);
  auto store = Store::Open(dir, StoreOptions{});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  for (int n = 0; n < 1000000; ++n) {
    ASSERT_TRUE((*store)->Put(MakeDoc(round, n)).ok());
    if (n % 3 == 2) {
      ASSERT_TRUE((*store)->Remove({Id(round, n - 1)}).ok());  // removes are cut at random too
    }
  }
}

uint64_t StoredDocuments(const std::string& dir) {
  StoreOptions o;
  o.read_only = true;
  auto store = Store::Open(dir, o);
  if (!store.ok()) return 0;
  auto stats = (*store)->Stats();
  return stats.ok() ? stats->documents : 0;
}

TEST(StoreCrashTest, CrashedWriterLeavesOnlyWholeDocuments) {
  const std::string dir = testing::MakeTempDir("store_crash_test");
  std::mt19937 random(std::random_device{}());
  uint64_t before = 0;
  for (int round = 1; round <= 3; ++round) {
    // Everything the child needs is prepared before fork: between fork and
    // exec only async-signal-safe calls are allowed.
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
    env_strings.push_back(std::string(kDirVariable) + "=" + dir);
    env_strings.push_back(std::string(kRoundVariable) + "=" + std::to_string(round));
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::string exe = std::filesystem::read_symlink("/proc/self/exe").string();
    std::string also = "--gtest_also_run_disabled_tests", filter = "--gtest_filter=StoreCrashTest.DISABLED_WriterChild";
    char* argv[] = {exe.data(), also.data(), filter.data(), nullptr};

    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      execve(argv[0], argv, envp.data());
      _exit(127);
    }
    // Kill once the child has stored a random number of documents this round;
    // the read-only opens used for watching also run against a live writer.
    const uint64_t target = before + 3 + random() % 25;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    int status = 0;
    bool exited = false;
    while (StoredDocuments(dir) < target && std::chrono::steady_clock::now() < deadline) {
      if (waitpid(child, &status, WNOHANG) == child) {
        exited = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(random() % 30));
    }
    if (!exited) {
      kill(child, SIGKILL);
      ASSERT_EQ(waitpid(child, &status, 0), child);
    }
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer child ended by itself, status " << status;

    auto store = Store::Open(dir, StoreOptions{});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto report = (*store)->Verify();
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_GT(report->documents, before);
    EXPECT_TRUE(report->ok()) << report->problems.front();
    before = report->documents;

    int checked = 0;
    ASSERT_TRUE((*store)->ForEachSummary([&](const DocumentSummary& s) {
      auto doc = (*store)->Get(s.id);
      EXPECT_TRUE(doc.ok());
      if (!doc.ok()) return false;
      EXPECT_EQ(doc->items.size(), 4u);
      SearchQuery q;
      q.text = doc->items.at(0).paragraphs.at(0).text.substr(0, doc->items[0].paragraphs[0].text.find(' '));
      q.limit = 100;
      auto hits = (*store)->Search(q);
      EXPECT_TRUE(hits.ok());
      EXPECT_EQ(hits->size(), static_cast<size_t>(kParagraphs)) << q.text;
      for (const auto& h : *hits) EXPECT_EQ(h.doc_id, s.id);
      ++checked;
      return true;
    }).ok());
    EXPECT_EQ(static_cast<uint64_t>(checked), report->documents);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace
}  // namespace protokoll
