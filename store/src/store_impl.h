// The RocksDB-backed Store, shared by its parts: store.cc (writes and
// reads), store_open.cc (opening and schema migration), store_search.cc and
// store_verify.cc, split by concern as RocksDB splits db_impl. Private to
// store/: RocksDB and nlohmann types appear here, never in include/.
#pragma once

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keys.h"
#include "protokoll/store.h"
#include "sst_shard.h"

namespace protokoll::store_internal {

using nlohmann::json;
class SearchRun;

enum Family {
  kMeta,
  kDocuments,
  kSummaries,
  kByDate,
  kByIngest,
  kRefs,
  kPages,
  kItems,
  kParagraphs,
  kPostings,
  kDocTerms,
  kFailures,
  kExtractions,
  kTerms,
  kNumbers,
  kFilters,
  kSpeakers,
  kFamilyCount
};
inline constexpr const char* kFamilyNames[kFamilyCount] = {"meta",  "documents",  "summaries", "by_date",
                                                     "by_ingest", "refs", "pages", "items",
                                                     "paragraphs", "postings", "doc_terms", "failures",
                                                     "extractions", "terms", "numbers", "filters", "speakers"};
// The families whose layout changed in schema versions 2 (postings, doc_terms,
// terms, numbers), 3 (filters, speakers) and 4 (stemmed terms; languages in
// filter records); a migration from version 1, 2 or 3 drops them and rebuilds
// them from the stored documents.
inline constexpr Family kIndexFamilies[] = {kPostings, kDocTerms, kTerms, kNumbers, kFilters, kSpeakers};

Status DbError(std::string message);
Status FromRocks(const rocksdb::Status& s, std::string_view what);
std::string NowIso();  // NowIsoUtc
std::string FoldedReference(std::string_view reference);
json OptJson(const std::optional<std::string>& v);
std::optional<std::string> OptString(const json& j, const char* key);
std::string String(const json& j, const char* key);
uint64_t Number(const json& j, const char* key);
// Compact JSON; invalid UTF-8 in a string is replaced rather than thrown on.
std::string Dump(const json& j);
// A parsed JSON object, or nullopt; never throws.
std::optional<json> ParseObject(std::string_view text);
inline bool HasPrefix(const rocksdb::Slice& key, std::string_view prefix) {
  return key.size() >= prefix.size() && std::memcmp(key.data(), prefix.data(), prefix.size()) == 0;
}
// The filter record (keys.h) of a document: Prepare writes it, Verify
// compares the stored one with it.
FilterRecord FilterRecordOf(const Document& doc, std::string_view raw_id);

// What Put writes for one document, computed before the write lock is taken.
struct PreparedDocument {
  PreparedDocument() = default;
  // Room for `reserve` bytes from the start: a batch that grows by doubling
  // holds the old and the new buffer at once, and a document of thousands of
  // pages makes a batch of tens of megabytes. Room never written costs no
  // resident memory.
  explicit PreparedDocument(size_t reserve) : batch(reserve) {}
  rocksdb::WriteBatch batch;
  uint64_t units = 0, unit_terms = 0;  // added up over every document prepared into it
  std::vector<std::string> languages;  // stemmed languages of its units (kMetaLanguages)
};

class RocksStore final : public Store {
 public:
  RocksStore(std::string dir, bool read_only, Logger* logger) : dir_(std::move(dir)), read_only_(read_only), logger_(logger) {}
  ~RocksStore() override {
    for (auto* h : handles_)
      if (h && db_) (void)db_->DestroyColumnFamilyHandle(h);
    handles_.clear();
    if (db_) (void)db_->Close();
  }

  Status OpenDb(const StoreOptions& options);

  Result<PutOutcome> Put(const Document& doc, std::string_view extraction) override;
  Result<std::string> GetExtraction(const std::string& id) override;
  Status Replace(const Document& doc) override;
  Result<bool> Contains(const std::string& id) override;
  Result<Document> Get(const std::string& id) override;
  Result<std::string> Resolve(const std::string& id_or_reference) override;
  Result<DocumentSummary> GetSummary(const std::string& id) override;
  Status ForEachSummary(const std::function<bool(const DocumentSummary&)>& fn) override;
  Status ForEachDocument(const std::optional<std::string>& since,
                         const std::function<bool(const Document&)>& fn) override;
  Status ForEachDocumentJson(const std::optional<std::string>& since,
                             const std::function<bool(const std::string&)>& fn) override;
  Result<SearchResults> SearchWithCount(const SearchQuery& query) override;
  Status RecordFailure(const FailureRecord& failure) override;
  Status ClearFailure(const std::string& path) override;
  Status ForEachFailure(const std::function<bool(const FailureRecord&)>& fn) override;
  Result<StoreStats> Stats() override;
  Status Remove(const std::vector<std::string>& ids) override;
  Result<VerifyReport> Verify() override;
  Status SetSourcePath(const std::string& id, const std::string& path) override;
  Result<std::vector<uint64_t>> ReplaceWithCorrections(const Document& doc,
                                                       const std::vector<CorrectionWrite>& corrections) override {
    return ReplaceAll(doc, std::nullopt, corrections);
  }
  Result<std::vector<uint64_t>> ReplaceReread(const Document& doc, std::string_view extraction,
                                              const std::vector<CorrectionWrite>& corrections) override {
    return ReplaceAll(doc, extraction, corrections);
  }
  Status ForEachCorrection(const std::function<bool(uint64_t number, std::string_view json)>& fn) override;
  Result<std::optional<std::string>> GetSourcePath(const std::string& id) override;
  // Sharded ingest: sst_shard.cc does the work.
  Result<std::vector<SstFile>> WriteSstFiles(const std::string& dir) override {
    return WriteShardFiles(db_.get(), handles_, dir);
  }
  Result<ImportOutcome> ImportSstFiles(const std::vector<SstFile>& files,
                                       const std::vector<std::string>& stored_paths) override {
    if (Status w = WritableOrError(); !w.ok()) return w;
    std::lock_guard<std::mutex> lock(write_mutex_);
    ImportCounters counters{units_, unit_terms_, &next_number_, JoinLanguages(SearchLanguages(), {})};
    auto outcome = ImportShardFiles(db_.get(), handles_, dir_, files, stored_paths, counters, logger_);
    if (outcome.ok()) {
      units_ = counters.units;
      unit_terms_ = counters.unit_terms;
      std::lock_guard<std::mutex> languages_lock(languages_mutex_);
      languages_ = SplitLanguages(counters.languages);
    }
    return outcome;
  }

 private:
  friend class SearchRun;  // store_search.cc
  // The languages queries are stemmed in (kMetaLanguages).
  std::vector<std::string> SearchLanguages() const {
    std::lock_guard<std::mutex> lock(languages_mutex_);
    return languages_;
  }
  // Adds the write of kMetaLanguages to `batch` when `prepared` brings a
  // language not seen before; Commit makes it the one searched after the
  // write. REQUIRES: write_mutex_ held.
  std::optional<std::vector<std::string>> NewLanguages(rocksdb::WriteBatch* batch, const PreparedDocument& prepared);
  void CommitLanguages(std::optional<std::vector<std::string>> languages) {
    if (!languages) return;
    std::lock_guard<std::mutex> lock(languages_mutex_);
    languages_ = std::move(*languages);
  }
  rocksdb::ColumnFamilyHandle* cf(Family f) const { return handles_[f]; }
  Status WritableOrError() const {
    return read_only_ ? DbError(dir_ + ": database was opened read-only") : Status::Ok();
  }
  Status Write(rocksdb::WriteBatch* batch, std::string_view what) {
    rocksdb::WriteOptions wo;
    wo.sync = false;  // the WAL is on: a crashed process loses nothing it was told was written
    rocksdb::Status s = db_->Write(wo, batch);
    return s.ok() ? Status::Ok() : FromRocks(s, what);
  }
  // Reads one value; nullopt when absent.
  Result<std::optional<std::string>> Read(Family f, std::string_view key) {
    std::string value;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf(f), rocksdb::Slice(key.data(), key.size()), &value);
    if (s.IsNotFound()) return std::optional<std::string>();
    if (!s.ok()) return FromRocks(s, std::string("read ") + kFamilyNames[f]);
    return std::optional<std::string>(std::move(value));
  }
  std::unique_ptr<rocksdb::Iterator> NewIterator(Family f) {
    return std::unique_ptr<rocksdb::Iterator>(db_->NewIterator(rocksdb::ReadOptions(), cf(f)));
  }
  Status IteratorStatus(const rocksdb::Iterator& it, Family f) {
    return it.status().ok() ? Status::Ok() : FromRocks(it.status(), std::string("scan ") + kFamilyNames[f]);
  }
  // Adds the document's writes to out.batch (which may already hold deletions).
  // Adds the document's writes to out.batch (which may already hold
  // deletions or other documents). `index_only` (schema migration): only the
  // summary and the index, the records are kept as they are.
  Status Prepare(const Document& doc, const std::string& raw_id, uint32_t number, const std::string& ingested_at,
                 bool index_only, PreparedDocument& out);
  // Rebuilds the index families of a database of schema version `from` and
  // then sets the current version. Interrupted, it starts over at next open.
  Status Migrate(int from, const std::shared_ptr<rocksdb::Cache>& cache);
  // Adds the deletion of a stored document's derived records to `batch` and
  // takes its search statistics off `units`/`unit_terms`. REQUIRES: write_mutex_ held.
  Status AddRemoval(rocksdb::WriteBatch* batch, const std::string& raw_id, uint64_t& units, uint64_t& unit_terms,
                    std::string* ingested_at = nullptr, uint32_t* number = nullptr);
  Status WriteStatistics(rocksdb::WriteBatch* batch, uint64_t units, uint64_t unit_terms);
  // ReplaceWithCorrections, and with `extraction` ReplaceReread.
  Result<std::vector<uint64_t>> ReplaceAll(const Document& doc, std::optional<std::string_view> extraction,
                                           const std::vector<CorrectionWrite>& corrections);
  static std::optional<DocumentSummary> SummaryFrom(std::string_view raw_id, std::string_view value);
  Status DeletePrefix(rocksdb::WriteBatch* batch, Family f, std::string_view prefix);
  Result<std::vector<std::string>> IdsWithPrefix(std::string_view hex_prefix, size_t max);

  std::string dir_;
  bool read_only_;
  Logger* logger_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // by Family
  std::mutex write_mutex_;  // serializes existence checks, counters and writes of Put/Remove
  std::atomic<uint64_t> units_{0}, unit_terms_{0};  // BM25 collection statistics
  std::atomic<uint64_t> next_number_{0};            // the next internal document number
  mutable std::mutex languages_mutex_;
  std::vector<std::string> languages_;  // sorted
};

}  // namespace protokoll::store_internal
