// The store as a system of record: round trip, idempotency, wholeness,
// resolve, listing, export, failures, stats, read-only and locking, schema.
#include "protokoll/store.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <rocksdb/merge_operator.h>

#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "protokoll/record_json.h"
#include "test_support.h"

namespace protokoll {
namespace {

namespace fs = std::filesystem;

// 64 hex digits: `lead` then the number, zero-padded.
std::string Id(const std::string& lead, int n) {
  std::string digits = std::to_string(n);
  return lead + std::string(64 - lead.size() - digits.size(), '0') + digits;
}

Paragraph Para(std::string text, std::optional<std::string> speaker, int page) {
  return testing::MakeParagraph(std::move(text), std::move(speaker), page);
}

Document MakeDoc(const std::string& id, std::optional<std::string> date, std::optional<std::string> reference,
                 const std::string& unique_word) {
  Document d;
  d.id = id;
  d.source = SourceInfo{"minutes-" + id.substr(0, 6) + ".pdf", 4321, "application/pdf", 2};
  d.pipeline_version = "0.1.0";
  d.language = "sv";
  d.metadata.title = "Mötesanteckningar";
  d.metadata.body = "Pensionärsrådet";
  d.metadata.reference = std::move(reference);
  d.metadata.date = std::move(date);
  d.attendees.push_back(Attendee{"Karin Nilsson", "Förvaltningen", std::nullopt, true, "present"});
  d.pages.push_back(PageRecord{1, "1 (2)", "text", std::nullopt, "Hälso- och sjukvårdsförvaltningen", std::nullopt, "", ""});
  d.pages.push_back(PageRecord{2, "2 (2)", "ocr", 91.5, std::nullopt, std::nullopt, "", ""});
  d.preamble.push_back(Para("Mötet öppnades av ordföranden.", std::nullopt, 1));
  Item a;
  a.number = "1";
  a.title = "Aktuellt vid förvaltningen";
  a.presenters = {"Anders Ahlsson"};
  a.page = 1;
  a.bbox = Box{56, 80, 300, 95};
  Paragraph p = Para("Anders berättar om " + unique_word + " och slutenvårdskapacitet.", "Anders Ahlsson", 1);
  p.repairs.push_back(HyphenRepair{"slutenvårdskap-|acitet", "slutenvårdskapacitet", "dictionary_join", true});
  a.paragraphs.push_back(p);
  a.paragraphs.push_back(Para("Frågan om vårdköer diskuterades.", "Karin Nilsson", 2));
  a.decisions.push_back(Decision{"Rådet beslutar att notera informationen.", 2, Box{1, 2, 3, 4}});
  Item b;
  b.number = "2";
  b.title = "Övriga frågor";
  b.page = 2;
  b.paragraphs.push_back(Para("Inga övriga frågor.", std::nullopt, 2));
  d.items = {a, b};
  d.text = "Mötet öppnades av ordföranden.\n\n...";
  d.warnings.push_back(DocumentWarning{"page_failed", 2, "boom"});
  return d;
}

std::string Stored(const Document& d) { return DocumentToJson(d, JsonOptions{-1, true}); }

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::MakeTempDir("store_test"); }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::unique_ptr<Store> OpenOrDie(bool read_only = false) {
    StoreOptions o;
    o.read_only = read_only;
    auto s = Store::Open(dir_, o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }
  // `dir_` holds a database of schema `old_version`: a reader is refused
  // with both versions named, a writer migrates it, and Verify then finds
  // `documents` whole documents. Returns that writer (null on failure).
  std::unique_ptr<Store> ExpectMigration(int old_version, size_t documents) {
    StoreOptions read_only;
    read_only.read_only = true;
    auto refused = Store::Open(dir_, read_only);
    EXPECT_FALSE(refused.ok());
    if (refused.ok()) return nullptr;
    EXPECT_EQ(refused.status().code(), ErrorCode::kDbError);
    const std::string expected =
        "schema version " + std::to_string(old_version) + ", this build reads version " + std::to_string(StoreSchemaVersion());
    EXPECT_NE(refused.status().message().find(expected), std::string::npos) << refused.status().message();
    auto store = OpenOrDie();  // migrates
    if (store == nullptr) return nullptr;
    auto report = store->Verify();
    EXPECT_TRUE(report.ok());
    if (!report.ok()) return nullptr;
    EXPECT_EQ(report->documents, documents);
    EXPECT_TRUE(report->ok()) << report->problems.front();
    return store;
  }
  std::map<std::string, uintmax_t> FileSizes() {
    std::map<std::string, uintmax_t> sizes;
    for (const auto& e : fs::directory_iterator(dir_))
      if (e.is_regular_file() && e.path().filename().string().rfind("LOG", 0) != 0)
        sizes[e.path().filename().string()] = e.file_size();
    return sizes;
  }
  std::string dir_;
};

TEST_F(StoreTest, PutThenGetRoundTripsTheStoredForm) {
  auto store = OpenOrDie();
  Document d = MakeDoc(Id("ab", 1), "2025-04-10", "HSN 2025-0125", "vårdplatser");
  auto put = store->Put(d);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(*put, PutOutcome::kStored);
  EXPECT_TRUE(*store->Contains(d.id));
  EXPECT_FALSE(*store->Contains(Id("ab", 2)));
  auto back = store->Get(d.id);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(Stored(*back), Stored(d));
  ASSERT_EQ(back->items.at(0).paragraphs.at(0).repairs.size(), 1u);  // the audit survives
  EXPECT_EQ(store->Get(Id("ab", 2)).status().code(), ErrorCode::kNotFound);

  // And after closing and opening again.
  store.reset();
  store = OpenOrDie();
  back = store->Get(d.id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(Stored(*back), Stored(d));
}

TEST_F(StoreTest, PutRejectsAnIdThatIsNotASha256) {
  auto store = OpenOrDie();
  Document d = MakeDoc(Id("ab", 1), "2025-04-10", std::nullopt, "x");
  d.id = "not-an-id";
  EXPECT_EQ(store->Put(d).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(StoreTest, RePutIsUnchangedAndWritesNothing) {
  auto store = OpenOrDie();
  Document d = MakeDoc(Id("ab", 1), "2025-04-10", "HSN 1", "vårdplatser");
  ASSERT_EQ(*store->Put(d), PutOutcome::kStored);
  auto before = FileSizes();
  ASSERT_FALSE(before.empty());
  d.metadata.title = "A different title, same bytes id";
  auto again = store->Put(d);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, PutOutcome::kUnchanged);
  EXPECT_EQ(FileSizes(), before);  // not even a WAL record
  EXPECT_EQ(*store->Get(d.id)->metadata.title, "Mötesanteckningar");
}

TEST_F(StoreTest, ConcurrentPutsOfOneIdStoreItOnce) {
  auto store = OpenOrDie();
  Document d = MakeDoc(Id("ab", 1), "2025-04-10", "HSN 1", "vårdplatser");
  std::atomic<int> stored{0}, unchanged{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      auto r = store->Put(d);
      if (r.ok() && *r == PutOutcome::kStored) ++stored;
      if (r.ok() && *r == PutOutcome::kUnchanged) ++unchanged;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(stored.load(), 1);
  EXPECT_EQ(unchanged.load(), 7);
  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 1u);
  EXPECT_EQ(stats->paragraphs, 4u);
  auto report = store->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.front();
}

TEST_F(StoreTest, DocumentIsWholeAfterPutAndGoneWithAllRecordsAfterRemove) {
  auto store = OpenOrDie();
  std::vector<Document> docs;
  for (int i = 0; i < 3; ++i) {
    docs.push_back(MakeDoc(Id("c" + std::to_string(i), i), "2025-0" + std::to_string(i + 1) + "-01",
                           "REF " + std::to_string(i), "unikord" + std::string(1, char('a' + i))));
    ASSERT_EQ(*store->Put(docs.back()), PutOutcome::kStored);
  }
  auto report = store->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->documents, 3u);
  EXPECT_TRUE(report->ok()) << report->problems.front();
  SearchQuery q;
  q.text = "unikordb";
  ASSERT_EQ(store->Search(q)->size(), 1u);

  ASSERT_TRUE(store->Remove({docs[1].id}).ok());
  EXPECT_EQ(store->Get(docs[1].id).status().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(store->Search(q)->empty());
  report = store->Verify();  // also finds orphans: none may be left behind
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->documents, 2u);
  EXPECT_TRUE(report->ok()) << report->problems.front();
  EXPECT_EQ(store->Resolve("REF 1").status().code(), ErrorCode::kNotFound);
  int listed = 0;
  ASSERT_TRUE(store->ForEachSummary([&](const DocumentSummary& s) {
    EXPECT_NE(s.id, docs[1].id);
    ++listed;
    return true;
  }).ok());
  EXPECT_EQ(listed, 2);
  auto stats = store->Stats();
  EXPECT_EQ(stats->documents, 2u);
  EXPECT_EQ(stats->paragraphs, 8u);

  // Removing again, or an unknown id, changes nothing and says so.
  EXPECT_EQ(store->Remove({docs[0].id, docs[1].id}).code(), ErrorCode::kNotFound);
  EXPECT_TRUE(store->Contains(docs[0].id).value());
  // The removed document can be stored again, whole.
  EXPECT_EQ(*store->Put(docs[1]), PutOutcome::kStored);
  EXPECT_EQ(store->Search(q)->size(), 1u);
  EXPECT_TRUE(store->Verify()->ok());
}

TEST_F(StoreTest, ResolvesPrefixesAndReferences) {
  auto store = OpenOrDie();
  Document a = MakeDoc(Id("ab12cd34ef", 1), "2025-04-10", "HSN 2025-0125", "x");
  Document b = MakeDoc(Id("ab12cd34ef", 2), "2025-04-11", "HSN 2025-0126", "y");
  Document c = MakeDoc(Id("ffee", 3), "2025-04-12", "HSN 2025-0126", "z");  // same reference as b
  for (const auto* d : {&a, &b, &c}) ASSERT_TRUE(store->Put(*d).ok());
  auto resolve = [&](const std::string& given) {
    auto r = store->Resolve(given);
    return r.ok() ? *r : r.status().ToString();
  };

  EXPECT_EQ(resolve(a.id), a.id);
  EXPECT_EQ(resolve(c.id.substr(0, 8)), c.id);
  EXPECT_EQ(resolve("FFEE0000"), c.id);  // case-insensitive hex
  EXPECT_EQ(resolve(c.id.substr(0, 9)), c.id);  // odd length
  EXPECT_EQ(resolve(a.id.substr(0, 63)).substr(0, 16), "invalid_argument");  // a and b differ in the last digit only
  auto ambiguous = store->Resolve("ab12cd34");
  ASSERT_EQ(ambiguous.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(ambiguous.status().message().find(a.id.substr(0, 12) + " (" + a.source.file + ")"), std::string::npos)
      << ambiguous.status().message();
  EXPECT_NE(ambiguous.status().message().find(b.id.substr(0, 12)), std::string::npos);
  EXPECT_EQ(store->Resolve("ab12cd3").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(resolve("ffee"), c.id);  // four hex digits are enough when unique
  EXPECT_EQ(resolve("FfEe0"), c.id);
  EXPECT_EQ(store->Resolve("ffe").status().code(), ErrorCode::kNotFound);  // too short for a prefix
  EXPECT_EQ(store->Resolve("00000000").status().code(), ErrorCode::kNotFound);

  EXPECT_EQ(resolve("HSN 2025-0125"), a.id);
  EXPECT_EQ(resolve("hsn  2025-0125"), a.id);
  EXPECT_EQ(store->Resolve("HSN 2025-0126").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(store->Resolve("HSN 2025-9999").status().code(), ErrorCode::kNotFound);
}

TEST_F(StoreTest, ListsInDateOrderWithUndatedLast) {
  auto store = OpenOrDie();
  ASSERT_TRUE(store->Put(MakeDoc(Id("01", 1), std::nullopt, std::nullopt, "a")).ok());
  ASSERT_TRUE(store->Put(MakeDoc(Id("02", 2), "2025-06-01", "R2", "b")).ok());
  ASSERT_TRUE(store->Put(MakeDoc(Id("03", 3), "2024-12-31", "R3", "c")).ok());
  ASSERT_TRUE(store->Put(MakeDoc(Id("04", 4), "2025-01-15", "R4", "d")).ok());
  std::vector<std::string> order;
  ASSERT_TRUE(store->ForEachSummary([&](const DocumentSummary& s) {
    order.push_back(s.date.value_or("undated"));
    EXPECT_EQ(s.pages, 2);
    EXPECT_EQ(s.file, "minutes-" + s.id.substr(0, 6) + ".pdf");
    EXPECT_FALSE(s.ingested_at.empty());
    return true;
  }).ok());
  EXPECT_EQ(order, (std::vector<std::string>{"2024-12-31", "2025-01-15", "2025-06-01", "undated"}));
  int seen = 0;
  ASSERT_TRUE(store->ForEachSummary([&](const DocumentSummary&) { return ++seen < 2; }).ok());
  EXPECT_EQ(seen, 2);  // stops when told

  // One summary by id, with its pages by method (for `list` and search hits).
  Document d = MakeDoc(Id("02", 2), "2025-06-01", "R2", "b");
  auto one = store->GetSummary(d.id);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->file, d.source.file);
  int text = 0, ocr = 0;
  for (const auto& p : d.pages) (p.method == "ocr" ? ocr : text)++;
  EXPECT_EQ(one->pages_text, text);
  EXPECT_EQ(one->pages_ocr, ocr);
  EXPECT_EQ(store->GetSummary(Id("09", 9)).status().code(), ErrorCode::kNotFound);
}

TEST_F(StoreTest, ExportsContractJsonWithoutTheRepairsAudit) {
  auto store = OpenOrDie();
  Document a = MakeDoc(Id("0a", 1), "2025-04-10", "R1", "a");
  Document b = MakeDoc(Id("0b", 2), "2025-04-11", "R2", "b");
  ASSERT_TRUE(store->Put(a).ok());
  ASSERT_TRUE(store->Put(b).ok());
  std::vector<std::string> lines;
  ASSERT_TRUE(store->ForEachDocumentJson(std::nullopt, [&](const std::string& j) {
    lines.push_back(j);
    return true;
  }).ok());
  ASSERT_EQ(lines.size(), 2u);
  std::sort(lines.begin(), lines.end());
  std::vector<std::string> expected = {DocumentToJson(a), DocumentToJson(b)};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(lines, expected);
  EXPECT_EQ(lines[0].find("repairs"), std::string::npos);

  size_t n = 0;
  ASSERT_TRUE(store->ForEachDocumentJson(std::string("2000-01-01"), [&](const std::string&) { return ++n > 0; }).ok());
  EXPECT_EQ(n, 2u);
  n = 0;
  ASSERT_TRUE(store->ForEachDocumentJson(std::string("9999-01-01"), [&](const std::string&) { return ++n > 0; }).ok());
  EXPECT_EQ(n, 0u);
}

TEST_F(StoreTest, FailuresRoundTripAndClear) {
  auto store = OpenOrDie();
  ASSERT_TRUE(store->RecordFailure(FailureRecord{"/in/a.pdf", std::string(64, 'e'), "damaged_pdf", "no trailer", ""}).ok());
  ASSERT_TRUE(store->RecordFailure(FailureRecord{"/in/b.pdf", "", "unreadable", "permission denied", "2025-01-01T00:00:00Z"}).ok());
  ASSERT_TRUE(store->RecordFailure(FailureRecord{"/in/a.pdf", std::string(64, 'e'), "encrypted_pdf", "password", ""}).ok());
  std::vector<FailureRecord> seen;
  ASSERT_TRUE(store->ForEachFailure([&](const FailureRecord& f) {
    seen.push_back(f);
    return true;
  }).ok());
  ASSERT_EQ(seen.size(), 2u);  // keyed by path: the later failure of a.pdf replaced the first
  EXPECT_EQ(seen[0].path, "/in/a.pdf");
  EXPECT_EQ(seen[0].code, "encrypted_pdf");
  EXPECT_EQ(seen[0].sha256, std::string(64, 'e'));
  EXPECT_EQ(seen[0].recorded_at.size(), 20u);  // set by the store: 2025-04-10T13:00:00Z
  EXPECT_EQ(seen[1].recorded_at, "2025-01-01T00:00:00Z");
  EXPECT_EQ(seen[1].message, "permission denied");
  EXPECT_EQ(store->Stats()->failures, 2u);
  ASSERT_TRUE(store->ClearFailure("/in/a.pdf").ok());
  ASSERT_TRUE(store->ClearFailure("/in/never-failed.pdf").ok());
  EXPECT_EQ(store->Stats()->failures, 1u);
}

TEST_F(StoreTest, StatsCountWhatIsStored) {
  auto store = OpenOrDie();
  auto empty = store->Stats();
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->documents, 0u);
  Document a = MakeDoc(Id("0a", 1), "2025-04-10", "R1", "a");
  Document b = MakeDoc(Id("0b", 2), "2025-04-11", "R2", "b");
  b.items[1].paragraphs.push_back(Para("Eva Ek tackar.", "Eva Ek", 2));
  ASSERT_TRUE(store->Put(a).ok());
  ASSERT_TRUE(store->Put(b).ok());
  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 2u);
  EXPECT_EQ(stats->pages_text, 2u);
  EXPECT_EQ(stats->pages_ocr, 2u);
  EXPECT_EQ(stats->items, 4u);
  EXPECT_EQ(stats->paragraphs, 9u);
  EXPECT_EQ(stats->speakers, 3u);  // Anders Ahlsson, Karin Nilsson, Eva Ek
  EXPECT_EQ(stats->failures, 0u);
  EXPECT_GT(stats->db_bytes, 0u);
}

TEST_F(StoreTest, ReadOnlyOpenWorksWhileAWriterHoldsTheLock) {
  auto writer = OpenOrDie();
  Document d = MakeDoc(Id("0a", 1), "2025-04-10", "HSN 2025-0125", "vårdplatser");
  ASSERT_TRUE(writer->Put(d).ok());

  auto reader = OpenOrDie(/*read_only=*/true);  // sees what the writer's WAL holds
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(*reader->Contains(d.id));
  EXPECT_EQ(*reader->Resolve("HSN 2025-0125"), d.id);
  SearchQuery q;
  q.text = "vårdplatser";
  EXPECT_EQ(reader->Search(q)->size(), 1u);
  EXPECT_EQ(reader->Put(MakeDoc(Id("0b", 2), std::nullopt, std::nullopt, "x")).status().code(), ErrorCode::kDbError);
  EXPECT_EQ(reader->Remove({d.id}).code(), ErrorCode::kDbError);
  EXPECT_EQ(reader->RecordFailure(FailureRecord{"p", "", "unreadable", "m", ""}).code(), ErrorCode::kDbError);

  auto second_writer = Store::Open(dir_, StoreOptions{});
  ASSERT_FALSE(second_writer.ok());
  EXPECT_EQ(second_writer.status().code(), ErrorCode::kDbError);
  EXPECT_NE(second_writer.status().message().find("locked by another protokoll process"), std::string::npos)
      << second_writer.status().message();
}

TEST_F(StoreTest, ReadOnlyOpenOfNoDatabaseIsADbError) {
  StoreOptions o;
  o.read_only = true;
  auto s = Store::Open(dir_ + "/absent", o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kDbError);
  EXPECT_FALSE(fs::exists(dir_ + "/absent"));  // and nothing was created
  StoreOptions no_create;
  no_create.create_if_missing = false;
  EXPECT_EQ(Store::Open(dir_ + "/absent", no_create).status().code(), ErrorCode::kDbError);
}

// Stands in for the store's merge operator of the `terms` family, which the
// WAL replay needs to be there; never called, as nothing is flushed or read.
class UnusedMerge final : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice&, const rocksdb::Slice*, const rocksdb::Slice&, std::string*,
             rocksdb::Logger*) const override {
    return false;
  }
  const char* Name() const override { return "protokoll.TermStatsMerge"; }
};

// Opens the database with RocksDB directly, as another build would, and
// hands every column family to `edit`. Recovery and shutdown do not flush, so
// the store's merge operands are never merged by the stand-in.
void EditRaw(const std::string& dir,
             const std::function<void(rocksdb::DB*, std::map<std::string, rocksdb::ColumnFamilyHandle*>&)>& edit) {
  rocksdb::DBOptions options;
  options.avoid_flush_during_recovery = true;
  options.avoid_flush_during_shutdown = true;
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(options, dir, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& n : names) {
    rocksdb::ColumnFamilyOptions family;
    if (n == "terms") family.merge_operator = std::make_shared<UnusedMerge>();
    descriptors.emplace_back(n, family);
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, dir, descriptors, &handles, &db).ok());
  std::map<std::string, rocksdb::ColumnFamilyHandle*> by_name;
  for (size_t i = 0; i < names.size(); ++i) by_name[names[i]] = handles[i];
  edit(db, by_name);
  for (auto& [name, h] : by_name) {
    EXPECT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  }
  delete db;
}

// Rewrites meta.schema_version, as another build would have left it.
void SetSchemaVersion(const std::string& dir, const std::string& version) {
  EditRaw(dir, [&](rocksdb::DB* db, std::map<std::string, rocksdb::ColumnFamilyHandle*>& cf) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("meta"), "schema_version", version).ok());
  });
}

// Turns a database into what schema version 1 left: postings keyed by term
// and the 32-byte id, a term list without classes, no term statistics, no
// document numbers. Its documents, pages, items and paragraphs are the same.
void MakeVersion1(const std::string& dir) {
  EditRaw(dir, [&](rocksdb::DB* db, std::map<std::string, rocksdb::ColumnFamilyHandle*>& cf) {
    for (const char* name : {"postings", "doc_terms", "terms", "numbers", "filters", "speakers"}) {
      ASSERT_TRUE(db->DropColumnFamily(cf.at(name)).ok());
      ASSERT_TRUE(db->DestroyColumnFamilyHandle(cf.at(name)).ok());
      cf.erase(name);
    }
    for (const char* name : {"postings", "doc_terms"}) {
      rocksdb::ColumnFamilyHandle* h = nullptr;
      ASSERT_TRUE(db->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), name, &h).ok());
      cf[name] = h;
    }
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), cf.at("summaries")));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string id = it->key().ToString();
      auto summary = nlohmann::json::parse(it->value().ToString());
      summary.erase("number");
      ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("summaries"), id, summary.dump()).ok());
      ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("postings"), std::string("budget") + '\0' + id,
                          std::string("\x01\x02\x01\x05", 4)).ok());
      ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("doc_terms"), id, std::string("budget") + '\0').ok());
    }
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("meta"), "schema_version", "1").ok());
  });
}

// Turns a database into what schema version 2 left: everything but the
// filter records and the speaker index.
void MakeVersion2(const std::string& dir) {
  EditRaw(dir, [&](rocksdb::DB* db, std::map<std::string, rocksdb::ColumnFamilyHandle*>& cf) {
    for (const char* name : {"filters", "speakers"}) {
      ASSERT_TRUE(db->DropColumnFamily(cf.at(name)).ok());
      ASSERT_TRUE(db->DestroyColumnFamilyHandle(cf.at(name)).ok());
      cf.erase(name);
    }
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("meta"), "schema_version", "2").ok());
  });
}

TEST_F(StoreTest, OtherSchemaVersionIsRefusedNotMisread) {
  {
    auto store = OpenOrDie();
    ASSERT_TRUE(store->Put(MakeDoc(Id("0a", 1), "2025-04-10", "R1", "a")).ok());
  }
  const std::string current = std::to_string(StoreSchemaVersion());
  for (const std::string version : {std::to_string(StoreSchemaVersion() + 1), std::string("0"), std::string("x")}) {
    SetSchemaVersion(dir_, version);
    for (bool read_only : {false, true}) {
      StoreOptions o;
      o.read_only = read_only;
      auto s = Store::Open(dir_, o);
      ASSERT_FALSE(s.ok());
      EXPECT_EQ(s.status().code(), ErrorCode::kDbError);
      EXPECT_NE(s.status().message().find("schema version " + version + ", this build reads version " + current),
                std::string::npos)
          << s.status().message();
    }
  }
  SetSchemaVersion(dir_, current);
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto report = store->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.front();
}

TEST_F(StoreTest, AVersion1DatabaseIsMigratedByAWriterAndRefusedByAReader) {
  std::vector<Document> docs;
  std::vector<std::string> queries;
  for (int i = 0; i < 5; ++i) {
    queries.push_back("migrerat" + std::string(1, char('a' + i)));
    docs.push_back(MakeDoc(Id("d" + std::to_string(i), i), "2025-05-0" + std::to_string(i + 1),
                           "REF " + std::to_string(i), queries.back()));
  }
  queries.push_back("frågan vårdköer");
  queries.push_back("vård*");
  std::vector<std::vector<SearchHit>> before;
  {
    auto store = OpenOrDie();
    for (const auto& d : docs) ASSERT_EQ(*store->Put(d), PutOutcome::kStored);
    for (const auto& text : queries) {
      SearchQuery q;
      q.text = text;
      before.push_back(*store->Search(q));
      EXPECT_FALSE(before.back().empty()) << text;
    }
  }
  MakeVersion1(dir_);

  {
    auto store = ExpectMigration(1, docs.size());
    ASSERT_NE(store, nullptr);
    for (size_t i = 0; i < queries.size(); ++i) {
      SearchQuery q;
      q.text = queries[i];
      auto after = store->Search(q);
      ASSERT_TRUE(after.ok());
      ASSERT_EQ(after->size(), before[i].size()) << q.text;
      for (size_t k = 0; k < after->size(); ++k) {
        EXPECT_EQ((*after)[k].doc_id, before[i][k].doc_id);
        EXPECT_DOUBLE_EQ((*after)[k].score, before[i][k].score);  // the same collection statistics
        EXPECT_EQ((*after)[k].snippet, before[i][k].snippet);
      }
    }
    SearchQuery old_term;
    old_term.text = "budget";  // only in the version-1 postings: never read as version 2
    EXPECT_TRUE(store->Search(old_term)->empty());
    EXPECT_EQ(store->Get(docs[2].id)->items.size(), 2u);
    ASSERT_TRUE(store->Remove({docs[2].id}).ok());
    EXPECT_TRUE(store->Verify()->ok());
    EXPECT_EQ(*store->Put(MakeDoc(Id("e0", 9), std::nullopt, std::nullopt, "nytt")), PutOutcome::kStored);
    EXPECT_TRUE(store->Verify()->ok());
  }
  auto reader = OpenOrDie(/*read_only=*/true);  // now of the current version
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->Stats()->documents, docs.size());
}

TEST_F(StoreTest, AVersion2DatabaseGainsFilterRecordsOnAWriterOpen) {
  std::vector<Document> docs;
  for (int i = 0; i < 4; ++i)
    docs.push_back(MakeDoc(Id("f" + std::to_string(i), i), "2025-06-0" + std::to_string(i + 1),
                           "REF " + std::to_string(i), "filtrerat"));
  std::vector<SearchQuery> queries(5);
  for (auto& q : queries) q.text = "filtrerat";
  queries[4].text = "vårdköer";
  queries[4].speaker = "nilsson";
  queries[1].from = "2025-06-03";
  queries[2].to = "2025-06-02";
  queries[3].body = docs[0].metadata.body.value_or("");
  std::vector<std::vector<SearchHit>> before;
  {
    auto store = OpenOrDie();
    for (const auto& d : docs) ASSERT_EQ(*store->Put(d), PutOutcome::kStored);
    for (const auto& q : queries) before.push_back(*store->Search(q));
  }
  EXPECT_EQ(before[0].size(), before[1].size() + before[2].size());  // the date filters split the documents
  EXPECT_FALSE(before[1].empty());
  EXPECT_FALSE(before[2].empty());
  EXPECT_EQ(before[4].size(), docs.size());  // Karin Nilsson's paragraph of each
  MakeVersion2(dir_);

  {
    auto store = ExpectMigration(2, docs.size());
    ASSERT_NE(store, nullptr);
    for (size_t i = 0; i < queries.size(); ++i) {
      auto after = store->Search(queries[i]);
      ASSERT_TRUE(after.ok());
      ASSERT_EQ(after->size(), before[i].size()) << i;
      for (size_t k = 0; k < after->size(); ++k) {
        EXPECT_EQ((*after)[k].doc_id, before[i][k].doc_id);
        EXPECT_EQ((*after)[k].date, before[i][k].date);
        EXPECT_EQ((*after)[k].reference, before[i][k].reference);
      }
    }
  }
  auto reader = OpenOrDie(/*read_only=*/true);
  ASSERT_NE(reader, nullptr);
}

// Schema 3 indexed words as they are; a writer's open re-indexes them
// stemmed in each page's language, so that inflections find each other.
TEST_F(StoreTest, AVersion3DatabaseIsReindexedStemmed) {
  std::vector<Document> docs;
  for (int i = 0; i < 3; ++i) {
    docs.push_back(MakeDoc(Id("b" + std::to_string(i), i), "2025-08-0" + std::to_string(i + 1),
                           "REF " + std::to_string(i), "vårdplatserna"));
    docs.back().language = "";  // written unstemmed, as schema 3 wrote every document
  }
  {
    auto store = OpenOrDie();
    for (const auto& d : docs) ASSERT_EQ(*store->Put(d), PutOutcome::kStored);
    SearchQuery q;
    q.text = "vårdplats";
    EXPECT_TRUE(store->Search(q)->empty());
  }
  // The stored documents say Swedish, the index is of words: a schema-3 database.
  EditRaw(dir_, [&](rocksdb::DB* db, std::map<std::string, rocksdb::ColumnFamilyHandle*>& cf) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), cf.at("documents")));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto doc = nlohmann::json::parse(it->value().ToString());
      doc["language"] = "sv";
      ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("documents"), it->key(), doc.dump()).ok());
    }
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("meta"), "schema_version", "3").ok());
  });
  auto store = ExpectMigration(3, docs.size());
  ASSERT_NE(store, nullptr);
  SearchQuery q;
  q.text = "vårdplats";
  auto hits = store->Search(q);
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(hits->size(), docs.size());
  q.text = "Vårdplatsernas";
  EXPECT_EQ(store->Search(q)->size(), docs.size());
}

TEST_F(StoreTest, VerifyFindsAMissingOrWrongFilterRecord) {
  {
    auto store = OpenOrDie();
    ASSERT_EQ(*store->Put(MakeDoc(Id("a1", 1), "2025-07-01", "R1", "ett")), PutOutcome::kStored);
    ASSERT_EQ(*store->Put(MakeDoc(Id("a2", 2), "2025-07-02", "R2", "två")), PutOutcome::kStored);
    ASSERT_TRUE(store->Verify()->ok());
  }
  std::string first_key, first_value;
  EditRaw(dir_, [&](rocksdb::DB* db, std::map<std::string, rocksdb::ColumnFamilyHandle*>& cf) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), cf.at("filters")));
    it->SeekToFirst();
    ASSERT_TRUE(it->Valid());
    first_key = it->key().ToString();
    first_value = it->value().ToString();
    it->Next();
    ASSERT_TRUE(it->Valid());
    // The second document's record claims the first one's date.
    std::string other = it->value().ToString();
    const std::string wrong_key = it->key().ToString();
    ASSERT_NE(other.find("2025-07-02"), std::string::npos);
    other.replace(other.find("2025-07-02"), 10, "2025-07-01");
    it.reset();
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("filters"), wrong_key, other).ok());
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), cf.at("filters"), first_key).ok());
    // A record of no stored document.
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("filters"), std::string("\x7f\0\0\0", 4), first_value).ok());
    // A speaker's entry gone, and one of no stored document.
    std::unique_ptr<rocksdb::Iterator> names(db->NewIterator(rocksdb::ReadOptions(), cf.at("speakers")));
    names->SeekToFirst();
    ASSERT_TRUE(names->Valid());
    const std::string speaker_key = names->key().ToString();
    names.reset();
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), cf.at("speakers"), speaker_key).ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf.at("speakers"), std::string("Ingen Alls\0\x7f\0\0\0", 15), "").ok());
  });
  auto store = OpenOrDie();
  auto report = store->Verify();
  ASSERT_TRUE(report.ok());
  std::string all;
  for (const auto& p : report->problems) all += p + "\n";
  EXPECT_NE(all.find("filter record missing"), std::string::npos) << all;
  EXPECT_NE(all.find("filter record disagrees"), std::string::npos) << all;
  EXPECT_NE(all.find("filter records of a document not stored"), std::string::npos) << all;
  EXPECT_NE(all.find("speaker index entry missing"), std::string::npos) << all;
  EXPECT_NE(all.find("speaker index entries of a document not stored"), std::string::npos) << all;
}

TEST_F(StoreTest, ARocksDbThatIsNotOursIsRefused) {
  rocksdb::Options o;
  o.create_if_missing = true;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(o, dir_, &db).ok());
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "k", "v").ok());
  delete db;
  auto s = Store::Open(dir_, StoreOptions{});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kDbError);
  EXPECT_NE(s.status().message().find("not a protokoll database"), std::string::npos) << s.status().message();
}

}  // namespace
}  // namespace protokoll

namespace protokoll {
namespace {

TEST_F(StoreTest, SourcePathIsKeptAcrossReplaceAndGoesWithRemove) {
  auto store = OpenOrDie();
  Document doc = MakeDoc(Id("5c", 1), "2025-05-01", "REF S", "källord");
  ASSERT_EQ(*store->Put(doc), PutOutcome::kStored);
  EXPECT_FALSE(store->GetSourcePath(doc.id)->has_value());  // none recorded yet
  ASSERT_TRUE(store->SetSourcePath(doc.id, "/archive/a.pdf").ok());
  ASSERT_TRUE(store->SetSourcePath(doc.id, "/archive/moved/a.pdf").ok());  // the latest wins
  EXPECT_EQ(store->GetSourcePath(doc.id)->value_or(""), "/archive/moved/a.pdf");
  doc.metadata.title = "Omräknad";
  ASSERT_TRUE(store->Replace(doc).ok());
  EXPECT_EQ(store->GetSourcePath(doc.id)->value_or(""), "/archive/moved/a.pdf");
  EXPECT_TRUE(store->Verify()->ok());
  const std::string absent = Id("ab5e", 2);
  EXPECT_EQ(store->SetSourcePath(absent, "/x.pdf").code(), ErrorCode::kNotFound);
  EXPECT_EQ(store->SetSourcePath("../etc", "/x.pdf").code(), ErrorCode::kNotFound);
  ASSERT_TRUE(store->Remove({doc.id}).ok());
  EXPECT_FALSE(store->GetSourcePath(doc.id)->has_value());
  // A document stored again starts without a path.
  ASSERT_EQ(*store->Put(doc), PutOutcome::kStored);
  EXPECT_FALSE(store->GetSourcePath(doc.id)->has_value());
  store.reset();
  auto reader = OpenOrDie(/*read_only=*/true);
  EXPECT_EQ(reader->SetSourcePath(doc.id, "/y.pdf").code(), ErrorCode::kDbError);
}

TEST_F(StoreTest, SummariesCarryTheLanguage) {
  auto store = OpenOrDie();
  Document doc = MakeDoc(Id("1a", 3), "2025-05-02", "REF L", "språkord");
  doc.language = "fi";
  doc.pages[0].method = "ocr";
  doc.pages[0].ocr_confidence = 91.5;
  doc.pages[1].method = "ocr";
  doc.pages[1].ocr_confidence = 62.0;
  const size_t warnings = doc.warnings.size() + 1;
  doc.warnings.push_back(DocumentWarning{"page_failed", 2, "sidan kunde inte läsas"});
  ASSERT_EQ(*store->Put(doc), PutOutcome::kStored);
  auto summary = store->GetSummary(doc.id);
  EXPECT_EQ(summary->language.value_or(""), "fi");
  EXPECT_DOUBLE_EQ(summary->min_ocr_confidence.value_or(0), 62.0);
  EXPECT_EQ(static_cast<size_t>(summary->warnings), warnings);
}

TEST_F(StoreTest, CorrectionRecordsAreWrittenWithTheDocumentAndVerified) {
  auto store = OpenOrDie();
  Document doc = MakeDoc(Id("c0", 4), "2025-05-03", "REF C", "rättelseord");
  ASSERT_EQ(*store->Put(doc), PutOutcome::kStored);
  doc.metadata.date = "2025-05-04";
  const std::string record = R"({"document": ")" + doc.id + R"(", "field": "metadata.date"})";
  auto numbers = store->ReplaceWithCorrections(doc, {{0, record}, {0, record}});
  ASSERT_TRUE(numbers.ok()) << numbers.status().ToString();
  ASSERT_EQ(numbers->size(), 2u);
  EXPECT_LT((*numbers)[0], (*numbers)[1]);
  EXPECT_EQ(store->Get(doc.id)->metadata.date.value_or(""), "2025-05-04");  // in the same write
  // Rewriting one keeps its number; the next new one is numbered after all.
  ASSERT_TRUE(store->ReplaceWithCorrections(doc, {{(*numbers)[0], record}}).ok());
  auto third = store->ReplaceWithCorrections(doc, {{0, record}});
  EXPECT_GT(third->front(), (*numbers)[1]);
  std::vector<uint64_t> seen;
  ASSERT_TRUE(store->ForEachCorrection([&](uint64_t n, std::string_view) {
    seen.push_back(n);
    return true;
  }).ok());
  EXPECT_EQ(seen, (std::vector<uint64_t>{(*numbers)[0], (*numbers)[1], third->front()}));
  EXPECT_TRUE(store->Verify()->ok());
  // Kept when the document goes (a re-ingest gets them back).
  ASSERT_TRUE(store->Remove({doc.id}).ok());
  seen.clear();
  ASSERT_TRUE(store->ForEachCorrection([&](uint64_t n, std::string_view) {
    seen.push_back(n);
    return true;
  }).ok());
  EXPECT_EQ(seen.size(), 3u);
  EXPECT_EQ(store->ReplaceWithCorrections(doc, {{0, record}}).status().code(), ErrorCode::kNotFound);
  // An unreadable record is a problem verify reports.
  ASSERT_EQ(*store->Put(doc), PutOutcome::kStored);
  ASSERT_TRUE(store->ReplaceWithCorrections(doc, {{0, "{\"field\": 3}"}}).ok());
  auto report = store->Verify();
  ASSERT_FALSE(report->ok());
  EXPECT_NE(report->problems.back().find("unreadable"), std::string::npos);
}

}  // namespace
}  // namespace protokoll
