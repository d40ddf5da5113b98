// Sharded ingest (cli/src/shard.cc): the split by content, the list of
// paths, and the command line end to end: shards of samples/ imported give
// the export of a single-process ingest; import twice adds nothing; a
// damaged, partial or killed shard is refused.
#include "protokoll/shard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "test_support.h"

namespace protokoll {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using testing::RunCommand;

constexpr int kShards = 3;

json ReadJson(const std::string& path) { return json::parse(testing::ReadFileOrDie(path)); }

TEST(ShardSpecTest, ParsesOneBasedIndexOfCount) {
  auto spec = ParseShardSpec("2/8");
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->index, 2);
  EXPECT_EQ(spec->count, 8);
  for (const char* bad : {"0/3", "4/3", "1/0", "3", "a/b", "1/", "/3", "-1/3", "1/3x"})
    EXPECT_FALSE(ParseShardSpec(bad).ok()) << bad;
}

TEST(ShardSpecTest, EveryInputFallsInExactlyOneShardWhateverItsPath) {
  for (int count = 1; count <= 5; ++count) {
    std::vector<int> sizes(count, 0);
    for (int n = 0; n < 300; ++n) {
      const std::string sha = Sha256Hex("input " + std::to_string(n));
      int owners = 0;
      for (int i = 1; i <= count; ++i) {
        const bool here = InShard(ShardSpec{i, count}, "a/" + std::to_string(n), sha);
        EXPECT_EQ(here, InShard(ShardSpec{i, count}, "elsewhere.pdf", sha));  // the path does not matter
        if (here) {
          ++owners;
          ++sizes[i - 1];
        }
      }
      EXPECT_EQ(owners, 1);
      // Unreadable inputs (no hash) go by path: one shard records the failure.
      int path_owners = 0;
      for (int i = 1; i <= count; ++i) path_owners += InShard(ShardSpec{i, count}, "missing-" + std::to_string(n), "");
      EXPECT_EQ(path_owners, 1);
    }
    for (int size : sizes) EXPECT_GT(size, 300 / count / 2) << "an uneven split into " << count;
  }
}

TEST(ShardSpecTest, PathListSkipsCommentsAndResolvesFromItsFolder) {
  const std::string dir = testing::MakeTempDir("shard-list");
  std::ofstream(dir + "/list.txt") << "# archive, part 1\n\na.pdf\n/abs/b.pdf  \nsub/c.pdf\r\n";
  auto paths = ReadPathList(dir + "/list.txt");
  ASSERT_TRUE(paths.ok());
  EXPECT_EQ(*paths, (std::vector<std::string>{dir + "/a.pdf", "/abs/b.pdf", dir + "/sub/c.pdf"}));
  EXPECT_FALSE(ReadPathList(dir + "/none.txt").ok());
  fs::remove_all(dir);
}

// ctest runs every test in its own process, so each builds the shards it
// needs: all of samples/ (OCR of the scans takes most of a minute) only
// where the test is about the whole of it, the born-digital ones elsewhere.
class ShardCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("shard-cli");
    db_ = dir_ + "/db";
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string Samples() { return testing::SourceDir() + "/samples"; }
  static std::vector<std::string> BornDigital() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(Samples()))
      if (e.path().extension() == ".pdf" && e.path().string().find("-scan") == std::string::npos)
        out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string ShardDir(int i) const { return dir_ + "/shards/" + std::to_string(i); }
  std::vector<std::string> ShardDirs() const {
    std::vector<std::string> out;
    for (int i = 1; i <= kShards; ++i) out.push_back(ShardDir(i));
    return out;
  }
  // `inputs` ingested by one process into single.db and as kShards shards.
  void IngestBothWays(const std::vector<std::string>& inputs) {
    std::vector<std::string> args = {"ingest", "--quiet", "-j", "2"};
    args.insert(args.end(), inputs.begin(), inputs.end());
    auto single = Run(dir_ + "/single.db", args);
    ASSERT_EQ(single.exit_code, 0) << single.err;
    for (int i = 1; i <= kShards; ++i) {
      std::vector<std::string> shard = {"ingest", "--quiet", "-j", "2", "--sst-out", ShardDir(i), "--shard",
                                        std::to_string(i) + "/" + std::to_string(kShards)};
      shard.insert(shard.end(), inputs.begin(), inputs.end());
      auto r = Run(dir_ + "/unused.db", shard);
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    ASSERT_FALSE(fs::exists(dir_ + "/unused.db")) << "ingest --sst-out wrote the --db database";
  }
  static testing::CommandResult Run(const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {testing::ProtokollBinary(), "--db", db});
    return RunCommand(args);
  }
  testing::CommandResult Run(std::vector<std::string> args) const { return Run(db_, std::move(args)); }
  testing::CommandResult Import(const std::vector<std::string>& dirs) const {
    std::vector<std::string> args = {"import"};
    args.insert(args.end(), dirs.begin(), dirs.end());
    return Run(args);
  }
  // A copy of shard 1 to damage.
  std::string CopyOfShard(const std::string& name) const {
    const std::string copy = dir_ + "/" + name;
    fs::copy(ShardDir(1), copy);
    return copy;
  }
  size_t Documents() const {
    auto stats = Run({"stats", "--json"});
    return stats.exit_code == 0 ? json::parse(stats.out).value("documents", size_t{0}) : 0;
  }

  std::string dir_, db_;
};

TEST_F(ShardCliTest, ShardsImportedGiveTheExportOfOneIngest) {
  IngestBothWays({Samples()});
  auto imported = Import(ShardDirs());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  // The export does not carry ingest times; its order does (by ingestion), hence sorted.
  auto single = Run(dir_ + "/single.db", {"export"});
  auto sharded = Run({"export"});
  ASSERT_EQ(single.exit_code, 0);
  ASSERT_EQ(sharded.exit_code, 0);
  EXPECT_FALSE(testing::SortedLines(single.out).empty());
  EXPECT_EQ(testing::SortedLines(sharded.out), testing::SortedLines(single.out));
  for (const char* cmd : {"list", "stats"}) {
    auto a = Run(dir_ + "/single.db", {cmd}), b = Run({cmd});
    if (std::string(cmd) == "stats") {  // all but the size on disk
      auto strip = [](std::string s) { return s.substr(0, s.find("db_bytes")); };
      EXPECT_EQ(strip(b.out), strip(a.out));
    } else {
      EXPECT_EQ(b.out, a.out) << cmd;
    }
  }
  auto verify = Run({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;

  // The manifests list every sample exactly once, each in its shard.
  std::multiset<std::string> listed;
  for (int i = 1; i <= kShards; ++i) {
    const json m = ReadJson(ShardDir(i) + "/manifest.json");
    EXPECT_EQ(m["format"], kShardFormat);
    EXPECT_EQ(m["shard"]["index"], i);
    EXPECT_EQ(m["pipeline_version"], std::string(PipelineVersion()));
    for (const auto& input : m["inputs"]) {
      listed.insert(fs::path(input["path"].get<std::string>()).filename().string());
      EXPECT_EQ(input["outcome"], "stored");
      EXPECT_TRUE(InShard(ShardSpec{i, kShards}, "", input["sha256"].get<std::string>()));
    }
  }
  std::multiset<std::string> samples;
  for (const auto& e : fs::directory_iterator(Samples()))
    if (e.path().extension() == ".pdf") samples.insert(e.path().filename().string());
  EXPECT_EQ(listed, samples);
}

TEST_F(ShardCliTest, ImportingAgainAddsNothing) {
  IngestBothWays(BornDigital());
  ASSERT_EQ(Import(ShardDirs()).exit_code, 0);
  const auto first = Run({"export"});
  auto again = Import(ShardDirs());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("0 documents added"), std::string::npos) << again.out;
  EXPECT_EQ(Run({"export"}).out, first.out);
  EXPECT_EQ(Run({"verify"}).exit_code, 0);
  // Into a database that has some of the documents from a plain ingest.
  EXPECT_EQ(testing::SortedLines(first.out), testing::SortedLines(Run(dir_ + "/single.db", {"export"}).out));
  const std::string other = dir_ + "/mixed.db";
  auto some = Run(other, {"ingest", "--quiet", Samples() + "/riverton-council-minutes-2025-03-04.pdf"});
  ASSERT_EQ(some.exit_code, 0) << some.err;
  std::vector<std::string> args = {"import"};
  for (const auto& d : ShardDirs()) args.push_back(d);
  auto mixed = Run(other, args);
  ASSERT_EQ(mixed.exit_code, 0) << mixed.err;
  EXPECT_NE(mixed.out.find("1 already stored"), std::string::npos) << mixed.out;
  EXPECT_EQ(testing::SortedLines(Run(other, {"export"}).out), testing::SortedLines(first.out));
  EXPECT_EQ(Run(other, {"verify"}).exit_code, 0);
}

TEST_F(ShardCliTest, DamagedOrUnfinishedShardsAreRefused) {
  std::vector<std::string> args = {"ingest", "--quiet", "--sst-out", ShardDir(1)};
  for (const auto& pdf : BornDigital()) args.push_back(pdf);
  ASSERT_EQ(Run(dir_ + "/unused.db", args).exit_code, 0);
  auto refused = [&](const std::string& shard, const std::string& why) {
    auto r = Import({shard});
    EXPECT_EQ(r.exit_code, 1) << why << "\n" << r.err;
    EXPECT_NE(r.err.find("refused"), std::string::npos) << why << "\n" << r.err;
    EXPECT_EQ(Documents(), 0u) << why;
  };
  const json manifest = ReadJson(ShardDir(1) + "/manifest.json");
  const std::string some_file = manifest["files"][1]["name"];
  {
    const std::string s = CopyOfShard("flipped");
    std::fstream f(s + "/" + some_file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(40);
    f.put('\x7f');
    f.close();
    refused(s, "a byte changed");
    fs::remove_all(s);
  }
  {
    const std::string s = CopyOfShard("truncated");
    fs::resize_file(s + "/" + some_file, fs::file_size(s + "/" + some_file) / 2);
    refused(s, "a truncated file");
    fs::remove_all(s);
  }
  {
    const std::string s = CopyOfShard("unfinished");
    fs::remove(s + "/manifest.json");
    refused(s, "no manifest");
    fs::remove_all(s);
  }
  {
    const std::string s = CopyOfShard("missing");
    fs::remove(s + "/" + some_file);
    refused(s, "a file missing");
    fs::remove_all(s);
  }
  {
    const std::string s = CopyOfShard("stray");
    std::ofstream(s + "/stray.sst") << "x";
    refused(s, "a file the manifest does not list");
    fs::remove_all(s);
  }
  {
    const std::string s = CopyOfShard("version");
    json m = manifest;
    m["schema_version"] = 99;
    std::ofstream(s + "/manifest.json") << m.dump();
    refused(s, "another schema version");
    fs::remove_all(s);
  }
  {
    const std::string s = CopyOfShard("cut");
    std::ofstream(s + "/manifest.json") << manifest.dump().substr(0, 100);
    refused(s, "a cut manifest");
    fs::remove_all(s);
  }
  // A good shard next to a refused one is imported; the exit code says one was refused.
  auto r = Import({ShardDir(1), dir_ + "/no-such-shard"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_GT(Documents(), 0u);
}

TEST_F(ShardCliTest, AKilledShardLeavesNothingImportTakes) {
  const std::string timeout = testing::FindProgram("timeout");
  if (timeout.empty()) GTEST_SKIP() << "coreutils timeout not installed";
  const std::string out = dir_ + "/killed/shard";
  // OCR of a scanned sample takes seconds: the kill lands mid-shard.
  auto killed = RunCommand({timeout, "-s", "KILL", "5", testing::ProtokollBinary(), "--db", dir_ + "/unused.db", "ingest",
                            "--sst-out", out, Samples() + "/riverton-council-minutes-2025-03-04-scan.pdf"});
  ASSERT_EQ(killed.exit_code, 128 + 9) << "the shard finished before the kill: " << killed.err;
  EXPECT_FALSE(fs::exists(out));
  std::vector<std::string> partial;
  for (const auto& e : fs::directory_iterator(fs::path(out).parent_path())) partial.push_back(e.path().string());
  ASSERT_EQ(partial.size(), 1u);
  EXPECT_EQ(fs::path(partial[0]).filename().string().rfind(".shard.partial-", 0), 0u) << partial[0];
  auto r = Import({partial[0]});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(Documents(), 0u);
  // Run again (as an engine's retry does), it completes and imports.
  auto retried = Run(dir_ + "/unused.db", {"ingest", "--quiet", "--sst-out", out,
                                       Samples() + "/riverton-council-minutes-2025-03-04-scan.pdf"});
  ASSERT_EQ(retried.exit_code, 0) << retried.err;
  ASSERT_EQ(Import({out}).exit_code, 0);
  EXPECT_EQ(Documents(), 1u);
  // A second run over a finished shard replaces it whole.
  auto replaced = Run(dir_ + "/unused.db", {"ingest", "--quiet", "--sst-out", out,
                                        Samples() + "/riverton-council-minutes-2025-03-04.pdf"});
  ASSERT_EQ(replaced.exit_code, 0) << replaced.err;
  EXPECT_EQ(ReadJson(out + "/manifest.json")["inputs"].size(), 1u);
  EXPECT_NE(ReadJson(out + "/manifest.json")["inputs"][0]["path"].get<std::string>().find("04.pdf"), std::string::npos);
}

TEST_F(ShardCliTest, AListOfPathsAndFailuresGoIntoTheManifest) {
  const std::string list = dir_ + "/list.txt";
  std::ofstream(list) << "# two inputs\n" << Samples() << "/riverton-council-minutes-2025-03-04.pdf\n"
                      << dir_ << "/missing.pdf\n";
  const std::string out = dir_ + "/listed";
  auto r = Run(dir_ + "/unused.db", {"ingest", "--quiet", "--sst-out", out, "--manifest", list});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // one input failed
  const json m = ReadJson(out + "/manifest.json");
  ASSERT_EQ(m["inputs"].size(), 2u);
  ASSERT_EQ(m["failures"].size(), 1u);
  EXPECT_EQ(m["failures"][0]["code"], "not_found");
  ASSERT_EQ(Import({out}).exit_code, 0);
  auto failures = Run({"failures", "--json"});
  EXPECT_NE(failures.out.find("/missing.pdf"), std::string::npos) << failures.out;
  EXPECT_EQ(Documents(), 1u);
}

}  // namespace
}  // namespace protokoll
