// Shard SST files (store/src/sst_shard.cc): a store written out and imported
// into another holds the same records, index and statistics as if its
// documents had been Put there; documents already stored are skipped;
// damaged or foreign files are refused with nothing written.
#include <gtest/gtest.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "protokoll/record_json.h"
#include "protokoll/store.h"
#include "test_support.h"

namespace protokoll {
namespace {
namespace fs = std::filesystem;

std::string Id(int n) {
  std::string digits = std::to_string(n);
  return "5a" + std::string(62 - digits.size(), '0') + digits;
}

Paragraph Para(std::string text, std::optional<std::string> speaker, int page) {
  return testing::MakeParagraph(std::move(text), std::move(speaker), page);
}

// Documents that differ in words, speakers, dates and references, so that
// postings, term statistics and the speaker index all have several entries.
Document MakeDoc(int n) {
  static const char* kWords[] = {"vårdplatser", "budget", "skolskjuts", "bygglov", "vattenledning", "ishall"};
  static const char* kSpeakers[] = {"Anna Berg", "Karin Nilsson", "Olof Ek"};
  Document d;
  d.id = Id(n);
  d.source = SourceInfo{"minutes-" + std::to_string(n) + ".pdf", 1000 + static_cast<size_t>(n), "application/pdf", 1};
  d.pipeline_version = "0.1.0";
  d.language = "sv";
  d.metadata.title = "Protokoll";
  d.metadata.body = n % 2 ? "Kommunstyrelsen" : "Byggnadsnämnden";
  if (n % 3) d.metadata.reference = "KS 2024-" + std::to_string(100 + n);
  if (n % 4) d.metadata.date = "2024-0" + std::to_string(1 + n % 9) + "-1" + std::to_string(n % 10);
  d.pages.push_back(PageRecord{1, std::nullopt, "text", std::nullopt, std::nullopt, std::nullopt, "", ""});
  d.preamble.push_back(Para("Mötet öppnades.", std::nullopt, 1));
  for (int i = 0; i < 1 + n % 3; ++i) {
    Item item;
    item.number = std::to_string(i + 1);
    item.title = std::string("Fråga om ") + kWords[(n + i) % 6];
    item.page = 1;
    item.paragraphs.push_back(Para(std::string("Diskussion om ") + kWords[(n + 2 * i) % 6] + " och " + kWords[n % 6] +
                                       " i dokument" + std::to_string(n),
                                   std::string(kSpeakers[(n + i) % 3]), 1));
    item.paragraphs.push_back(Para("Beslut enligt förslaget.", std::nullopt, 1));
    d.items.push_back(item);
  }
  d.text = "...";
  return d;
}

std::unique_ptr<Store> OpenOrDie(const std::string& dir) {
  auto s = Store::Open(dir, StoreOptions{});
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(*s) : nullptr;
}

// Hits without the document numbers' influence: sorted by document, then text.
std::vector<std::tuple<std::string, std::string, double>> Hits(Store& store, const std::string& text,
                                                               std::optional<std::string> speaker = std::nullopt) {
  SearchQuery q;
  q.text = text;
  q.speaker = std::move(speaker);
  q.limit = 100;
  auto hits = store.Search(q);
  EXPECT_TRUE(hits.ok()) << hits.status().ToString();
  std::vector<std::tuple<std::string, std::string, double>> out;
  if (hits.ok())
    for (const auto& h : *hits) out.emplace_back(h.doc_id, h.snippet, std::round(h.score * 1e6) / 1e6);
  std::sort(out.begin(), out.end());
  return out;
}

class StoreShardTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::MakeTempDir("store_shard"); }
  void TearDown() override { fs::remove_all(dir_); }

  // A shard store holding documents [from, to), written out to dir_/name.
  std::vector<SstFile> Shard(const std::string& name, int from, int to) {
    auto shard = OpenOrDie(dir_ + "/" + name + ".db");
    for (int n = from; n < to; ++n) EXPECT_TRUE(shard->Put(MakeDoc(n), "{\"extraction\":" + std::to_string(n) + "}").ok());
    fs::create_directories(dir_ + "/" + name);
    auto files = shard->WriteSstFiles(dir_ + "/" + name);
    EXPECT_TRUE(files.ok()) << files.status().ToString();
    return files.ok() ? *files : std::vector<SstFile>{};
  }
  static std::string FileOf(const std::vector<SstFile>& files, const std::string& family) {
    for (const auto& f : files)
      if (f.family == family) return f.path;
    return "";
  }

  std::string dir_;
};

TEST_F(StoreShardTest, ImportHoldsWhatPutHolds) {
  const auto files = Shard("a", 0, 8);
  auto target = OpenOrDie(dir_ + "/target");
  for (int n = 5; n < 12; ++n) ASSERT_TRUE(target->Put(MakeDoc(n)).ok());  // 5, 6, 7 are in the shard too
  auto outcome = target->ImportSstFiles(files, {});
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(outcome->documents, 5u);
  EXPECT_EQ(outcome->already_stored, 3u);

  auto reference = OpenOrDie(dir_ + "/reference");
  for (int n = 5; n < 12; ++n) ASSERT_TRUE(reference->Put(MakeDoc(n)).ok());
  for (int n = 0; n < 5; ++n) ASSERT_TRUE(reference->Put(MakeDoc(n)).ok());

  auto report = target->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems[0]);
  EXPECT_EQ(report->documents, 12u);
  for (int n = 0; n < 12; ++n) {
    auto got = target->Get(Id(n));
    ASSERT_TRUE(got.ok()) << n;
    EXPECT_EQ(DocumentToJson(*got), DocumentToJson(MakeDoc(n)));
  }
  // The shard's extraction came along; the skipped documents kept theirs (none).
  EXPECT_TRUE(target->GetExtraction(Id(0)).ok());
  EXPECT_FALSE(target->GetExtraction(Id(6)).ok());
  // Same hits with the same scores: postings, term statistics and the
  // collection statistics (N, average length) add up as with Put.
  for (const char* q : {"vårdplatser", "budget och", "dokument3", "skol*", "beslut"})
    EXPECT_EQ(Hits(*target, q), Hits(*reference, q)) << q;
  EXPECT_EQ(Hits(*target, "diskussion", "Olof"), Hits(*reference, "diskussion", "Olof"));
  EXPECT_FALSE(Hits(*target, "diskussion", "Olof").empty());

  // Numbers given by import are the store's own: removing an imported
  // document and putting a new one leave the store whole.
  ASSERT_TRUE(target->Remove({Id(2)}).ok());
  ASSERT_TRUE(target->Put(MakeDoc(40)).ok());
  report = target->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems[0]);
  EXPECT_EQ(report->documents, 12u);
}

TEST_F(StoreShardTest, ImportingTwiceAddsNothing) {
  const auto files = Shard("a", 0, 4);
  auto target = OpenOrDie(dir_ + "/target");
  ASSERT_TRUE(target->ImportSstFiles(files, {}).ok());
  const auto before = Hits(*target, "budget");
  auto again = target->ImportSstFiles(files, {});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->documents, 0u);
  EXPECT_EQ(again->already_stored, 4u);
  EXPECT_EQ(Hits(*target, "budget"), before);
  auto report = target->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
  EXPECT_EQ(report->documents, 4u);
}

TEST_F(StoreShardTest, FailuresAreTakenOverAndStoredPathsCleared) {
  {
    auto shard = OpenOrDie(dir_ + "/a.db");
    ASSERT_TRUE(shard->Put(MakeDoc(1)).ok());
    ASSERT_TRUE(shard->RecordFailure(FailureRecord{"in/bad.pdf", "", "damaged_pdf", "no trailer", ""}).ok());
    fs::create_directories(dir_ + "/a");
    auto files = shard->WriteSstFiles(dir_ + "/a");
    ASSERT_TRUE(files.ok());
    auto target = OpenOrDie(dir_ + "/target");
    ASSERT_TRUE(target->RecordFailure(FailureRecord{"in/good.pdf", "", "unreadable", "was locked", ""}).ok());
    auto outcome = target->ImportSstFiles(*files, {"in/good.pdf"});
    ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
    EXPECT_EQ(outcome->failures, 1u);
    std::vector<std::string> paths;
    ASSERT_TRUE(target->ForEachFailure([&](const FailureRecord& f) {
                        paths.push_back(f.path + ":" + f.code);
                        return true;
                      }).ok());
    EXPECT_EQ(paths, std::vector<std::string>{"in/bad.pdf:damaged_pdf"});
  }
}

TEST_F(StoreShardTest, DamagedOrForeignFilesAreRefusedWithNothingWritten) {
  const auto files = Shard("a", 0, 4);
  auto target = OpenOrDie(dir_ + "/target");
  ASSERT_TRUE(target->Put(MakeDoc(20)).ok());
  auto refused = [&](const std::vector<SstFile>& given, const std::string& why) {
    auto outcome = target->ImportSstFiles(given, {});
    ASSERT_FALSE(outcome.ok()) << why;
    EXPECT_EQ(outcome.status().code(), ErrorCode::kInvalidArgument) << why << ": " << outcome.status().ToString();
    auto stats = target->Stats();
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->documents, 1u) << why;
  };

  auto unknown = files;
  unknown.push_back(SstFile{"corrections_v9", FileOf(files, "numbers"), 0});
  refused(unknown, "a family this schema does not have");
  auto twice = files;
  twice.push_back(SstFile{"numbers", FileOf(files, "numbers"), 0});
  refused(twice, "two files of one family");
  auto miscounted = files;
  for (auto& f : miscounted)
    if (f.family == "postings") f.entries += 1;
  refused(miscounted, "a record count that does not match");
  auto no_meta = files;
  no_meta.erase(std::remove_if(no_meta.begin(), no_meta.end(), [](const SstFile& f) { return f.family == "meta"; }),
                no_meta.end());
  refused(no_meta, "no schema version");

  // One byte changed inside a data block: the block checksum catches it.
  const std::string postings = FileOf(files, "postings");
  const std::string damaged = dir_ + "/damaged.sst";
  fs::copy_file(postings, damaged);
  {
    std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(20);
    char c = 0;
    f.seekg(20);
    f.get(c);
    f.seekp(20);
    f.put(static_cast<char>(c ^ 0x5a));
  }
  auto with_damage = files;
  for (auto& f : with_damage)
    if (f.family == "postings") f.path = damaged;
  refused(with_damage, "a damaged file");

  // A meta file of another schema version.
  const std::string meta = dir_ + "/meta-v99.sst";
  {
    rocksdb::SstFileWriter writer{rocksdb::EnvOptions(), rocksdb::Options()};
    ASSERT_TRUE(writer.Open(meta).ok());
    ASSERT_TRUE(writer.Put("schema_version", "99").ok());
    ASSERT_TRUE(writer.Finish().ok());
  }
  auto other_version = files;
  for (auto& f : other_version)
    if (f.family == "meta") f = SstFile{"meta", meta, 1};
  refused(other_version, "another schema version");

  // The same files as they were import fine afterwards.
  auto outcome = target->ImportSstFiles(files, {});
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(outcome->documents, 4u);
  auto report = target->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
}

}  // namespace
}  // namespace protokoll
