// The RocksDB-backed Store. Layout and encodings: docs/storage.md and keys.h.
#include "protokoll/store.h"

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "keys.h"
#include "protokoll/record_json.h"
#include "protokoll/text.h"
#include "search_text.h"
#include "sst_shard.h"

namespace protokoll {
namespace {

using namespace store_internal;
using nlohmann::json;

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
constexpr const char* kFamilyNames[kFamilyCount] = {"meta",  "documents",  "summaries", "by_date",
                                                     "by_ingest", "refs", "pages", "items",
                                                     "paragraphs", "postings", "doc_terms", "failures",
                                                     "extractions", "terms", "numbers", "filters", "speakers"};
// The families whose layout changed in schema versions 2 (postings, doc_terms,
// terms, numbers) and 3 (filters, speakers); a migration from version 1 or 2 drops them
// and rebuilds them from the stored documents.
constexpr Family kIndexFamilies[] = {kPostings, kDocTerms, kTerms, kNumbers, kFilters, kSpeakers};

// BM25 parameters (the usual ones); a title hit weighs as much as two
// paragraph hits, since a title names what the whole item is about.
constexpr double kBm25K1 = 1.2, kBm25B = 0.75, kTitleWeight = 2.0;
// Upper bound on posting entries read per query term (best impact classes
// first), so that a query for a word in every paragraph ("och") costs bounded
// time and memory; the rest of that term's postings then do not contribute.
// A one-word query usually stops long before (see Search).
constexpr size_t kMaxEntriesPerTerm = 20'000;
// Upper bound on the index terms a prefix query ("vård*") expands to.
constexpr size_t kMaxPrefixTerms = 512;
// Documents rebuilt per batch by a schema migration.
constexpr size_t kMigrationBatch = 200;
constexpr int kMaxLimit = 1000;
constexpr size_t kMaxVerifyProblems = 1000;

Status DbError(std::string message) { return Status(ErrorCode::kDbError, std::move(message)); }
Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  return DbError(std::string(what) + ": " + s.ToString());
}

std::string NowIso() { return NowIsoUtc(); }

std::string FoldedReference(std::string_view reference) {
  std::string folded = FoldForSearch(reference), out;
  for (char c : folded)
    if (c != ' ' && c != '\t') out.push_back(c);
  return out;
}

json OptJson(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
std::optional<std::string> OptString(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}
std::string String(const json& j, const char* key) { return OptString(j, key).value_or(""); }
uint64_t Number(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_unsigned() ? it->get<uint64_t>() : 0;
}
json BoxJson(const Box& b) {
  auto r = [](double v) { return std::round(v * 10.0) / 10.0; };
  return json::array({r(b.x0), r(b.y0), r(b.x1), r(b.y1)});
}
// Compact JSON; invalid UTF-8 in a string is replaced rather than thrown on.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
// A parsed JSON object, or nullopt; never throws.
std::optional<json> ParseObject(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

uint64_t DirectoryBytes(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  uint64_t total = 0;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) {
      auto size = it->file_size(size_ec);
      if (!size_ec) total += size;
    }
  }
  return total;
}

bool HasPrefix(const rocksdb::Slice& key, std::string_view prefix) {
  return key.size() >= prefix.size() && std::memcmp(key.data(), prefix.data(), prefix.size()) == 0;
}

// Adds up the per-class counts of the `terms` family (keys.h): Put adds a
// document's counts, Remove subtracts them, both as merge operands in the
// document's own batch, so that statistics and postings change atomically
// and no write reads.
class TermStatsMerge final : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice&, const rocksdb::Slice* existing, const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger*) const override {
    ClassCounts a, b, sum;
    if (existing && !DecodeClassCounts(std::string_view(existing->data(), existing->size()), &a)) return false;
    if (!DecodeClassCounts(std::string_view(value.data(), value.size()), &b)) return false;
    size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
      if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) sum.push_back(a[i++]);
      else if (i == a.size() || b[j].first < a[i].first) sum.push_back(b[j++]);
      else {
        sum.emplace_back(a[i].first, a[i].second + b[j].second);
        ++i;
        ++j;
      }
    }
    *new_value = EncodeClassCounts(sum);
    return true;
  }
  const char* Name() const override { return "protokoll.TermStatsMerge"; }
};

// The filter record (keys.h) of a document: Prepare writes it, Verify
// compares the stored one with it.
FilterRecord FilterRecordOf(const Document& doc, std::string_view raw_id) {
  FilterRecord r;
  r.raw_id = std::string(raw_id);
  r.date = doc.metadata.date;
  r.reference = doc.metadata.reference;
  r.body = doc.metadata.body;
  std::set<std::string> names;
  auto each_paragraph = [&](auto&& fn) {
    for (const Paragraph& p : doc.preamble) fn(0, p);
    for (size_t i = 0; i < doc.items.size(); ++i)
      for (const Paragraph& p : doc.items[i].paragraphs) fn(i + 1, p);
  };
  each_paragraph([&](size_t, const Paragraph& p) {
    if (p.speaker) names.insert(*p.speaker);
  });
  r.speakers.assign(names.begin(), names.end());
  r.unit_speakers.resize(doc.items.size() + 1);
  each_paragraph([&](size_t section, const Paragraph& p) {
    uint32_t code = 0;
    if (p.speaker)
      code = static_cast<uint32_t>(std::lower_bound(r.speakers.begin(), r.speakers.end(), *p.speaker) - r.speakers.begin()) + 1;
    r.unit_speakers[section].push_back(code);
  });
  return r;
}

// The lowest mean confidence of the document's OCR'd pages; null when none was OCR'd.
json MinOcrConfidence(const Document& doc) {
  std::optional<double> low;
  for (const PageRecord& p : doc.pages)
    if (p.ocr_confidence && (!low || *p.ocr_confidence < *low)) low = *p.ocr_confidence;
  return low ? json(*low) : json(nullptr);
}

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
};

struct Candidate {
  uint64_t unit = 0;  // packed, see Search
  double score = 0;
  int matched = 0;  // distinct query terms found in the unit
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
  Result<std::vector<SearchHit>> Search(const SearchQuery& query) override;
  Status RecordFailure(const FailureRecord& failure) override;
  Status ClearFailure(const std::string& path) override;
  Status ForEachFailure(const std::function<bool(const FailureRecord&)>& fn) override;
  Result<StoreStats> Stats() override;
  Status Remove(const std::vector<std::string>& ids) override;
  Result<VerifyReport> Verify() override;
  Status SetSourcePath(const std::string& id, const std::string& path) override;
  Result<std::vector<uint64_t>> ReplaceWithCorrections(const Document& doc,
                                                       const std::vector<CorrectionWrite>& corrections) override;
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
    ImportCounters counters{units_, unit_terms_, &next_number_};
    auto outcome = ImportShardFiles(db_.get(), handles_, dir_, files, stored_paths, counters, logger_);
    if (outcome.ok()) {
      units_ = counters.units;
      unit_terms_ = counters.unit_terms;
    }
    return outcome;
  }

 private:
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
};

rocksdb::ColumnFamilyOptions FamilyOptions(Family f, const std::shared_ptr<rocksdb::Cache>& cache) {
  std::vector<rocksdb::CompressionType> supported = rocksdb::GetSupportedCompressions();
  auto has = [&](rocksdb::CompressionType t) { return std::find(supported.begin(), supported.end(), t) != supported.end(); };
  rocksdb::CompressionType fast = has(rocksdb::kLZ4Compression)      ? rocksdb::kLZ4Compression
                                  : has(rocksdb::kSnappyCompression) ? rocksdb::kSnappyCompression
                                                                     : rocksdb::kNoCompression;
  rocksdb::CompressionType strong = has(rocksdb::kZSTD) ? rocksdb::kZSTD : fast;

  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.block_size = 16 * 1024;
  table.format_version = 5;
  // Point lookups (Contains, Get, summaries of hits) benefit from a Bloom
  // filter; the prefix-scanned families (by_date, postings, ...) do not.
  if (f == kDocuments || f == kSummaries || f == kDocTerms || f == kFailures || f == kMeta || f == kTerms ||
      f == kNumbers || f == kFilters)
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  // Documents are large JSON: zstd at every level. The rest: lz4 while hot,
  // zstd once at the bottom level where most bytes end up.
  o.compression = f == kDocuments || f == kExtractions ? strong : fast;
  o.bottommost_compression = strong;
  if (f == kPostings) o.write_buffer_size = 64 << 20;
  if (f == kTerms) {
    o.merge_operator = std::make_shared<TermStatsMerge>();
    // A small memtable: a flush adds up the operands, so that reading a
    // common term's statistics adds up at most a few hundred of them.
    o.write_buffer_size = 8 << 20;
  }
  return o;
}

Status RocksStore::OpenDb(const StoreOptions& options) {
  rocksdb::DBOptions dbo;
  dbo.create_if_missing = !read_only_ && options.create_if_missing;
  dbo.max_background_jobs = 2;
  dbo.keep_log_file_num = 4;
  dbo.max_total_wal_size = 256 << 20;
  // One bound on the memtables of all families together: each family's own
  // (64 MB by default) would let a batch of a few thousand pages keep
  // hundreds of megabytes in memory before the first flush (measured: 365 MB
  // peak for 3,107 archive pages at -j2, docs/performance.md). Past this,
  // RocksDB flushes the oldest memtable.
  dbo.db_write_buffer_size = 64 << 20;
  auto cache = rocksdb::NewLRUCache(64 << 20);

  std::vector<std::string> existing;
  rocksdb::Status listed = rocksdb::DB::ListColumnFamilies(dbo, dir_, &existing);
  const bool fresh = !listed.ok();
  if (fresh) {
    if (!dbo.create_if_missing) {
      std::error_code ec;
      if (!std::filesystem::exists(dir_, ec)) return DbError(dir_ + ": no protokoll database here");
      return FromRocks(listed, dir_ + ": not a readable protokoll database");
    }
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) return DbError(dir_ + ": cannot create the database directory: " + ec.message());
    existing = {rocksdb::kDefaultColumnFamilyName};
    for (const char* name : kFamilyNames) existing.push_back(name);
    dbo.create_missing_column_families = true;
  }

  // Every existing family must be opened; ours get their options, unknown
  // ones (a newer schema) the defaults, and the version check below refuses them.
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& name : existing) {
    auto known = std::find_if(std::begin(kFamilyNames), std::end(kFamilyNames), [&](const char* n) { return name == n; });
    descriptors.emplace_back(name, known == std::end(kFamilyNames)
                                       ? rocksdb::ColumnFamilyOptions()
                                       : FamilyOptions(static_cast<Family>(known - std::begin(kFamilyNames)), cache));
  }
  std::vector<rocksdb::ColumnFamilyHandle*> opened;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = read_only_ ? rocksdb::DB::OpenForReadOnly(dbo, dir_, descriptors, &opened, &raw)
                                 : rocksdb::DB::Open(dbo, dir_, descriptors, &opened, &raw);
  if (!s.ok()) {
    std::string text = s.ToString();
    if (s.IsIOError() && (text.find("lock") != std::string::npos || text.find("LOCK") != std::string::npos))
      return DbError(dir_ + ": database is locked by another protokoll process (" + text + ")");
    return FromRocks(s, dir_ + ": cannot open the database");
  }
  db_.reset(raw);
  handles_.assign(kFamilyCount, nullptr);
  std::vector<rocksdb::ColumnFamilyHandle*> extra;
  for (size_t i = 0; i < opened.size(); ++i) {
    auto known = std::find_if(std::begin(kFamilyNames), std::end(kFamilyNames),
                              [&](const char* n) { return descriptors[i].name == n; });
    if (known != std::end(kFamilyNames)) handles_[known - std::begin(kFamilyNames)] = opened[i];
    else extra.push_back(opened[i]);  // default, or a family of another schema
  }
  // Keep the extra handles alive with the rest so that they are destroyed before Close.
  handles_.insert(handles_.end(), extra.begin(), extra.end());

  if (!handles_[kMeta]) return DbError(dir_ + ": not a protokoll database (no meta column family)");
  if (fresh) {
    rocksdb::WriteBatch batch;
    (void)batch.Put(cf(kMeta), std::string(kMetaSchemaVersion), std::to_string(kSchemaVersion));
    if (Status w = Write(&batch, "write schema version"); !w.ok()) return w;
  }
  auto version = Read(kMeta, kMetaSchemaVersion);
  if (!version.ok()) return version.status();
  if (!*version) return DbError(dir_ + ": not a protokoll database (no schema version)");
  int found_version = 0;
  for (char c : **version) found_version = c >= '0' && c <= '9' && found_version < 100000 ? found_version * 10 + (c - '0') : -1;
  const std::string versions = "database schema version " + **version + ", this build reads version " +
                               std::to_string(kSchemaVersion);
  const bool migrate = found_version >= kOldestMigratableVersion && found_version < kSchemaVersion;
  if (found_version != kSchemaVersion && !migrate)
    return DbError(dir_ + ": " + versions + "; use a matching protokoll build or re-ingest");
  if (migrate && read_only_)
    return DbError(dir_ + ": " + versions + "; the next writing command (ingest, remove, reprocess) migrates it");
  if (migrate) {
    // The old index families are rebuilt from scratch, also after a migration
    // that was interrupted (the version is only set at its end).
    for (Family f : kIndexFamilies) {
      if (!handles_[f]) continue;
      rocksdb::Status d = db_->DropColumnFamily(handles_[f]);
      if (!d.ok()) return FromRocks(d, "drop old index family");
      (void)db_->DestroyColumnFamilyHandle(handles_[f]);
      handles_[f] = nullptr;
    }
  }
  for (int f = 0; f < kFamilyCount; ++f) {
    if (handles_[f]) continue;
    if (read_only_) return DbError(dir_ + ": column family " + kFamilyNames[f] + " missing");
    rocksdb::ColumnFamilyHandle* h = nullptr;
    rocksdb::Status c = db_->CreateColumnFamily(FamilyOptions(static_cast<Family>(f), cache), kFamilyNames[f], &h);
    if (!c.ok()) return FromRocks(c, "create column family");
    handles_[f] = h;
  }
  if (migrate) {
    logger_->Info("store: " + dir_ + ": " + versions + ", migrating (rebuilding the search index)");
    if (Status m = Migrate(found_version, cache); !m.ok()) return m;
  }
  auto units = Read(kMeta, kMetaUnits);
  auto unit_terms = Read(kMeta, kMetaUnitTerms);
  if (!units.ok()) return units.status();
  if (!unit_terms.ok()) return unit_terms.status();
  units_ = *units ? ReadFixed64(**units) : 0;
  unit_terms_ = *unit_terms ? ReadFixed64(**unit_terms) : 0;
  auto next_number = Read(kMeta, kMetaNextNumber);
  if (!next_number.ok()) return next_number.status();
  next_number_ = *next_number ? ReadFixed64(**next_number) : 0;
  logger_->Debug("store: opened " + dir_ + (read_only_ ? " read-only" : ""));
  return Status::Ok();
}

// --- Put --------------------------------------------------------------------

Status RocksStore::Prepare(const Document& doc, const std::string& raw_id, uint32_t number,
                           const std::string& ingested_at, bool index_only, PreparedDocument& out) {
  rocksdb::WriteBatch& b = out.batch;
  // term -> class -> the encoded unit entries of one posting, and their number.
  struct ClassPosting {
    std::string entries;
    int64_t count = 0;
  };
  std::map<std::string, std::map<uint8_t, ClassPosting>> postings;
  std::set<std::string> speakers;
  uint64_t paragraph_count = 0, pages_text = 0, pages_ocr = 0, units = 0, unit_terms = 0;

  // Indexes one search unit: term frequencies plus the unit's length, which BM25 needs.
  auto index_unit = [&](std::string_view text, uint32_t section, uint32_t paragraph) {
    std::map<std::string, uint32_t> tf;
    uint32_t length = 0;
    for (auto& term : SearchTerms(text)) {
      if (term.size() > kMaxTermBytes || term.find('\0') != std::string::npos) continue;
      ++tf[std::move(term)];
      ++length;
    }
    if (length == 0) return;
    ++units;
    unit_terms += length;
    for (const auto& [term, count] : tf) {
      ClassPosting& p = postings[term][ClassOf(paragraph == kTitleUnit, count, length)];
      AppendPostingEntry(&p.entries, section, paragraph, count, length);
      ++p.count;
    }
  };
  auto put_paragraphs = [&](const std::vector<Paragraph>& paragraphs, uint32_t section) {
    for (uint32_t i = 0; i < paragraphs.size(); ++i) {
      const Paragraph& p = paragraphs[i];
      if (!index_only) (void)b.Put(cf(kParagraphs), UnitKey(raw_id, section, i), ParagraphToJson(p, /*include_repairs=*/true));
      index_unit(p.text, section, i);
      if (p.speaker) speakers.insert(*p.speaker);
      ++paragraph_count;
    }
  };

  if (!index_only) (void)b.Put(cf(kDocuments), raw_id, DocumentToJson(doc, JsonOptions{-1, true}));
  for (const PageRecord& page : doc.pages) {
    (page.method == "ocr" ? pages_ocr : pages_text)++;
    if (index_only) continue;
    json pj = {{"number", page.number}, {"label", OptJson(page.label)}, {"method", page.method},
               {"ocr_confidence", page.ocr_confidence ? json(*page.ocr_confidence) : json(nullptr)},
               {"header", OptJson(page.header)}, {"footer", OptJson(page.footer)}};
    (void)b.Put(cf(kPages), PageKey(raw_id, static_cast<uint32_t>(std::max(page.number, 0))), Dump(pj));
  }
  put_paragraphs(doc.preamble, 0);
  for (uint32_t i = 0; i < doc.items.size(); ++i) {
    const Item& item = doc.items[i];
    const uint32_t section = i + 1;
    json decisions = json::array();
    for (const auto& d : item.decisions) decisions.push_back({{"text", d.text}, {"page", d.page}, {"bbox", BoxJson(d.bbox)}});
    json ij = {{"number", item.number}, {"title", item.title}, {"presenters", item.presenters},
               {"page", item.page}, {"bbox", BoxJson(item.bbox)}, {"decisions", std::move(decisions)},
               {"paragraphs", item.paragraphs.size()}};
    if (!index_only) (void)b.Put(cf(kItems), ItemKey(raw_id, section), Dump(ij));
    index_unit(item.title, section, kTitleUnit);
    put_paragraphs(item.paragraphs, section);
  }

  json summary = {{"date", OptJson(doc.metadata.date)},
                  {"reference", OptJson(doc.metadata.reference)},
                  {"body", OptJson(doc.metadata.body)},
                  {"title", OptJson(doc.metadata.title)},
                  {"language", doc.language.empty() ? json(nullptr) : json(doc.language)},
                  {"min_ocr_confidence", MinOcrConfidence(doc)},
                  {"warnings", doc.warnings.size()},
                  {"pages", doc.pages.empty() ? static_cast<uint64_t>(std::max(doc.source.pages, 0)) : doc.pages.size()},
                  {"file", doc.source.file},
                  {"ingested_at", ingested_at},
                  {"pipeline_version", doc.pipeline_version},
                  {"pages_text", pages_text},
                  {"pages_ocr", pages_ocr},
                  {"items", doc.items.size()},
                  {"paragraphs", paragraph_count},
                  {"speakers", std::vector<std::string>(speakers.begin(), speakers.end())},
                  {"search_units", units},
                  {"search_unit_terms", unit_terms},
                  {"number", number}};
  (void)b.Put(cf(kSummaries), raw_id, Dump(summary));
  if (!index_only) {
    (void)b.Put(cf(kByDate), ByDateKey(doc.metadata.date, raw_id), rocksdb::Slice());
    (void)b.Put(cf(kByIngest), ByIngestKey(ingested_at, raw_id), rocksdb::Slice());
    if (doc.metadata.reference && !FoldedReference(*doc.metadata.reference).empty())
      (void)b.Put(cf(kRefs), RefKey(FoldedReference(*doc.metadata.reference), raw_id), rocksdb::Slice());
  }
  (void)b.Put(cf(kNumbers), NumberKey(number), raw_id);
  (void)b.Put(cf(kFilters), NumberKey(number), EncodeFilterRecord(FilterRecordOf(doc, raw_id)));
  for (const std::string& name : speakers) (void)b.Put(cf(kSpeakers), SpeakerKey(name, number), rocksdb::Slice());
  std::string doc_terms;
  ClassCounts counts;
  for (const auto& [term, classes] : postings) {
    counts.clear();
    for (const auto& [cls, posting] : classes) {
      (void)b.Put(cf(kPostings), PostingKey(term, cls, number), posting.entries);
      counts.emplace_back(cls, posting.count);
    }
    (void)b.Merge(cf(kTerms), term, EncodeClassCounts(counts));
    AppendDocTerm(&doc_terms, term, counts);
  }
  (void)b.Put(cf(kDocTerms), raw_id, doc_terms);
  out.units += units;
  out.unit_terms += unit_terms;
  return Status::Ok();
}

Status RocksStore::Migrate(int from, const std::shared_ptr<rocksdb::Cache>&) {
  // Version 1 keyed postings by the 32-byte id without impact classes and had
  // no term statistics or document numbers; version 2 had no filter records.
  // Everything else is unchanged, so the index is rebuilt from the stored
  // documents, a batch at a time.
  (void)from;
  uint64_t units = 0, unit_terms = 0, documents = 0;
  uint32_t number = 0;
  PreparedDocument pending;
  auto it = NewIterator(kDocuments);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string raw_id = it->key().ToString();
    const std::string hex = BytesToHex(raw_id);
    auto doc = DocumentFromJson(std::string_view(it->value().data(), it->value().size()));
    if (!doc.ok()) return DbError(dir_ + ": migration: stored document " + hex.substr(0, 12) + " unreadable");
    auto summary_value = Read(kSummaries, raw_id);
    if (!summary_value.ok()) return summary_value.status();
    std::optional<json> summary = *summary_value ? ParseObject(**summary_value) : std::nullopt;
    const std::string ingested_at = summary ? String(*summary, "ingested_at") : "";
    if (Status s = Prepare(*doc, raw_id, number++, ingested_at.empty() ? NowIso() : ingested_at, true, pending); !s.ok())
      return s;
    if (++documents % kMigrationBatch == 0) {
      units += pending.units;
      unit_terms += pending.unit_terms;
      if (Status w = Write(&pending.batch, "migration"); !w.ok()) return w;
      pending = PreparedDocument();
      logger_->Info("store: migration: " + std::to_string(documents) + " documents re-indexed");
    }
  }
  if (Status s = IteratorStatus(*it, kDocuments); !s.ok()) return s;
  units += pending.units;
  unit_terms += pending.unit_terms;
  (void)WriteStatistics(&pending.batch, units, unit_terms);
  std::string next_value;
  AppendFixed64(&next_value, number);
  (void)pending.batch.Put(cf(kMeta), std::string(kMetaNextNumber), next_value);
  // Last, in the batch with the final documents: the database is of the new
  // version exactly when its index is complete.
  (void)pending.batch.Put(cf(kMeta), std::string(kMetaSchemaVersion), std::to_string(kSchemaVersion));
  if (Status w = Write(&pending.batch, "migration"); !w.ok()) return w;
  logger_->Info("store: migration to schema version " + std::to_string(kSchemaVersion) + " done, " +
                std::to_string(documents) + " documents");
  return Status::Ok();
}

Status RocksStore::WriteStatistics(rocksdb::WriteBatch* batch, uint64_t units, uint64_t unit_terms) {
  std::string units_value, terms_value;
  AppendFixed64(&units_value, units);
  AppendFixed64(&terms_value, unit_terms);
  (void)batch->Put(cf(kMeta), std::string(kMetaUnits), units_value);
  (void)batch->Put(cf(kMeta), std::string(kMetaUnitTerms), terms_value);
  return Status::Ok();
}

Result<PutOutcome> RocksStore::Put(const Document& doc, std::string_view extraction) {
  if (Status w = WritableOrError(); !w.ok()) return w;
  auto raw_id = IdToBytes(doc.id);
  if (!raw_id) return Status(ErrorCode::kInvalidArgument, "document id is not a sha256 hex digest: " + doc.id);
  // Cheap check first so that re-ingesting known files does no work at all.
  auto known = Contains(doc.id);
  if (!known.ok()) return known.status();
  if (*known) return PutOutcome::kUnchanged;

  // A number is taken before the lock so that preparing runs in parallel; a
  // number left unused (the id turned out to be stored) is merely skipped.
  const uint64_t number = next_number_++;
  if (number > UINT32_MAX) return DbError("store: document numbers exhausted");
  // The extraction plus as much again for the records and the index (they
  // hold the text, its paragraphs and postings: less than the extraction's
  // words with their boxes), plus a margin for a document without pages.
  PreparedDocument prepared(2 * extraction.size() + (1 << 20));
  if (Status s = Prepare(doc, *raw_id, static_cast<uint32_t>(number), NowIso(), false, prepared); !s.ok()) return s;
  if (!extraction.empty())
    (void)prepared.batch.Put(cf(kExtractions), *raw_id, rocksdb::Slice(extraction.data(), extraction.size()));

  // Check and write under one lock: of two threads putting the same id, the
  // second sees the first's write and writes nothing.
  std::lock_guard<std::mutex> lock(write_mutex_);
  auto again = Read(kDocuments, *raw_id);
  if (!again.ok()) return again.status();
  if (*again) return PutOutcome::kUnchanged;
  const uint64_t units = units_ + prepared.units, unit_terms = unit_terms_ + prepared.unit_terms;
  (void)WriteStatistics(&prepared.batch, units, unit_terms);
  std::string next_value;
  AppendFixed64(&next_value, next_number_.load());  // above this number and every one written before
  (void)prepared.batch.Put(cf(kMeta), std::string(kMetaNextNumber), next_value);
  if (Status w = Write(&prepared.batch, "store document " + doc.id.substr(0, 12)); !w.ok()) return w;
  units_ = units;
  unit_terms_ = unit_terms;
  return PutOutcome::kStored;
}

Result<std::string> RocksStore::GetExtraction(const std::string& id) {
  auto raw_id = IdToBytes(id);
  if (!raw_id) return Status(ErrorCode::kNotFound, id + ": not a stored document id");
  auto value = Read(kExtractions, *raw_id);
  if (!value.ok()) return value.status();
  if (!*value) return Status(ErrorCode::kNotFound, id.substr(0, 12) + ": no stored extraction (ingested before extractions were kept)");
  return std::move(**value);
}

Status RocksStore::Replace(const Document& doc) { return ReplaceWithCorrections(doc, {}).status(); }

Result<std::vector<uint64_t>> RocksStore::ReplaceWithCorrections(const Document& doc,
                                                                 const std::vector<CorrectionWrite>& corrections) {
  if (Status w = WritableOrError(); !w.ok()) return w;
  auto raw_id = IdToBytes(doc.id);
  if (!raw_id) return Status(ErrorCode::kNotFound, doc.id + ": not a stored document id");
  std::lock_guard<std::mutex> lock(write_mutex_);
  // Deletions first, then the new records: in a WriteBatch the later write wins.
  PreparedDocument prepared;
  std::vector<uint64_t> numbers;
  if (!corrections.empty()) {
    auto next = Read(kMeta, kMetaNextCorrection);
    if (!next.ok()) return next.status();
    uint64_t number = *next ? ReadFixed64(**next) : 1;
    for (const auto& c : corrections) {
      numbers.push_back(c.number != 0 ? c.number : number++);
      (void)prepared.batch.Put(cf(kMeta), CorrectionKey(numbers.back()), c.json);
    }
    std::string encoded;
    AppendFixed64(&encoded, number);
    (void)prepared.batch.Put(cf(kMeta), kMetaNextCorrection, encoded);
  }
  uint64_t units = units_, unit_terms = unit_terms_;
  std::string ingested_at;
  uint32_t number = 0;
  if (Status s = AddRemoval(&prepared.batch, *raw_id, units, unit_terms, &ingested_at, &number); !s.ok()) return s;
  if (Status s = Prepare(doc, *raw_id, number, ingested_at.empty() ? NowIso() : ingested_at, false, prepared); !s.ok())
    return s;
  units += prepared.units;
  unit_terms += prepared.unit_terms;
  (void)WriteStatistics(&prepared.batch, units, unit_terms);
  if (Status w = Write(&prepared.batch, "replace document " + doc.id.substr(0, 12)); !w.ok()) return w;
  units_ = units;
  unit_terms_ = unit_terms;
  return numbers;
}

Status RocksStore::ForEachCorrection(const std::function<bool(uint64_t number, std::string_view json)>& fn) {
  auto it = NewIterator(kMeta);
  for (it->Seek(rocksdb::Slice(kCorrectionPrefix.data(), kCorrectionPrefix.size()));
       it->Valid() && HasPrefix(it->key(), kCorrectionPrefix); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (key.size() != kCorrectionPrefix.size() + 8) continue;
    const uint64_t number = (static_cast<uint64_t>(ReadBigEndian32(key.substr(kCorrectionPrefix.size()))) << 32) |
                            ReadBigEndian32(key.substr(kCorrectionPrefix.size() + 4));
    if (!fn(number, std::string_view(it->value().data(), it->value().size()))) break;
  }
  return IteratorStatus(*it, kMeta);
}

// --- Reads ------------------------------------------------------------------

Result<bool> RocksStore::Contains(const std::string& id) {
  auto raw_id = IdToBytes(id);
  if (!raw_id) return false;
  rocksdb::PinnableSlice value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf(kDocuments), *raw_id, &value);
  if (s.IsNotFound()) return false;
  if (!s.ok()) return FromRocks(s, "read documents");
  return true;
}

Result<Document> RocksStore::Get(const std::string& id) {
  auto raw_id = IdToBytes(id);
  if (!raw_id) return Status(ErrorCode::kNotFound, id + ": not a stored document id");
  auto value = Read(kDocuments, *raw_id);
  if (!value.ok()) return value.status();
  if (!*value) return Status(ErrorCode::kNotFound, id + ": no such document");
  auto doc = DocumentFromJson(**value);
  if (!doc.ok()) return DbError(id.substr(0, 12) + ": stored document unreadable: " + doc.status().message());
  return doc;
}

Result<std::vector<std::string>> RocksStore::IdsWithPrefix(std::string_view hex, size_t max) {
  // Seek to the bytes of the even-length part, with an odd trailing digit as the high nibble.
  std::string seek;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) seek.push_back(static_cast<char>(HexValue(hex[i]) * 16 + HexValue(hex[i + 1])));
  const bool odd = hex.size() % 2 == 1;
  const size_t whole = seek.size();
  if (odd) seek.push_back(static_cast<char>(HexValue(hex.back()) * 16));
  std::vector<std::string> ids;
  auto it = NewIterator(kDocuments);
  for (it->Seek(seek); it->Valid() && ids.size() < max; it->Next()) {
    rocksdb::Slice key = it->key();
    if (!HasPrefix(key, std::string_view(seek.data(), whole))) break;
    if (odd && (static_cast<unsigned char>(key[whole]) >> 4) != HexValue(hex.back())) break;
    ids.push_back(BytesToHex(std::string_view(key.data(), key.size())));
  }
  if (Status s = IteratorStatus(*it, kDocuments); !s.ok()) return s;
  return ids;
}

Result<std::string> RocksStore::Resolve(const std::string& given) {
  std::string text = given;
  while (!text.empty() && text.back() == ' ') text.pop_back();
  while (!text.empty() && text.front() == ' ') text.erase(text.begin());
  std::vector<std::string> candidates;
  if (text.size() >= kMinIdPrefix && text.size() <= 64 && IsHex(text)) {
    std::string lower;
    for (char c : text) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    auto ids = IdsWithPrefix(lower, 10);
    if (!ids.ok()) return ids.status();
    candidates = std::move(*ids);
  }
  // A reference may look like hex digits too ("20250125"), so both are asked.
  std::string folded = FoldedReference(text);
  if (!folded.empty()) {
    std::string prefix = folded + '\0';
    auto it = NewIterator(kRefs);
    for (it->Seek(prefix); it->Valid() && HasPrefix(it->key(), prefix) && candidates.size() < 20; it->Next()) {
      std::string id = BytesToHex(TrailingId(std::string_view(it->key().data(), it->key().size())));
      if (std::find(candidates.begin(), candidates.end(), id) == candidates.end()) candidates.push_back(id);
    }
    if (Status s = IteratorStatus(*it, kRefs); !s.ok()) return s;
  }
  if (candidates.empty()) return Status(ErrorCode::kNotFound, "\"" + given + "\": no stored document has this id or reference");
  if (candidates.size() > 1) {
    // Named the way `list` shows them: id12 and file, so the user can pick one.
    std::string names;
    for (const auto& c : candidates) {
      names += (names.empty() ? "" : ", ") + c.substr(0, 12);
      const std::string raw_id = IdToBytes(c).value_or("");
      auto value = Read(kSummaries, raw_id);
      if (!value.ok()) return value.status();
      if (*value)
        if (auto summary = SummaryFrom(raw_id, **value)) names += " (" + summary->file + ")";
    }
    return Status(ErrorCode::kInvalidArgument, "\"" + given + "\" is ambiguous: " + names);
  }
  return candidates.front();
}

std::optional<DocumentSummary> RocksStore::SummaryFrom(std::string_view raw_id, std::string_view value) {
  auto j = ParseObject(value);
  if (!j) return std::nullopt;
  DocumentSummary d;
  d.id = BytesToHex(raw_id);
  d.date = OptString(*j, "date");
  d.reference = OptString(*j, "reference");
  d.body = OptString(*j, "body");
  d.title = OptString(*j, "title");
  d.pages = static_cast<int>(Number(*j, "pages"));
  d.file = String(*j, "file");
  d.ingested_at = String(*j, "ingested_at");
  d.pipeline_version = String(*j, "pipeline_version");
  d.pages_text = static_cast<int>(Number(*j, "pages_text"));
  d.pages_ocr = static_cast<int>(Number(*j, "pages_ocr"));
  d.language = OptString(*j, "language");
  if (auto it = j->find("min_ocr_confidence"); it != j->end() && it->is_number()) d.min_ocr_confidence = it->get<double>();
  d.warnings = static_cast<int>(Number(*j, "warnings"));
  return d;
}

Result<DocumentSummary> RocksStore::GetSummary(const std::string& id) {
  auto raw_id = IdToBytes(id);
  if (!raw_id) return Status(ErrorCode::kNotFound, id + ": not a stored document id");
  auto value = Read(kSummaries, *raw_id);
  if (!value.ok()) return value.status();
  if (!*value) return Status(ErrorCode::kNotFound, id + ": no such document");
  auto summary = SummaryFrom(*raw_id, **value);
  if (!summary) return DbError(id.substr(0, 12) + ": stored summary unreadable");
  return *summary;
}

Status RocksStore::ForEachSummary(const std::function<bool(const DocumentSummary&)>& fn) {
  auto it = NewIterator(kByDate);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view raw_id = TrailingId(std::string_view(it->key().data(), it->key().size()));
    auto value = Read(kSummaries, raw_id);
    if (!value.ok()) return value.status();
    if (!*value) continue;  // removed since the scan started
    auto summary = SummaryFrom(raw_id, **value);
    if (!summary) return DbError(BytesToHex(raw_id).substr(0, 12) + ": stored summary unreadable");
    if (!fn(*summary)) return Status::Ok();
  }
  return IteratorStatus(*it, kByDate);
}

Status RocksStore::ForEachDocumentJson(const std::optional<std::string>& since,
                                       const std::function<bool(const std::string&)>& fn) {
  return ForEachDocument(since, [&](const Document& doc) { return fn(DocumentToJson(doc)); });
}

Status RocksStore::ForEachDocument(const std::optional<std::string>& since,
                                   const std::function<bool(const Document&)>& fn) {
  auto it = NewIterator(kByIngest);
  if (since) it->Seek(*since);
  else it->SeekToFirst();
  for (; it->Valid(); it->Next()) {
    std::string_view raw_id = TrailingId(std::string_view(it->key().data(), it->key().size()));
    auto value = Read(kDocuments, raw_id);
    if (!value.ok()) return value.status();
    if (!*value) continue;
    // The stored form carries the repairs audit; the contract view does not.
    auto doc = DocumentFromJson(**value);
    if (!doc.ok()) return DbError(BytesToHex(raw_id).substr(0, 12) + ": stored document unreadable");
    if (!fn(*doc)) return Status::Ok();
  }
  return IteratorStatus(*it, kByIngest);
}

// --- Search -----------------------------------------------------------------

// The BM25 weight of a term in a unit, without the IDF.
double TermWeight(double tf, double length, double avg_length) {
  return tf * (kBm25K1 + 1) / (tf + kBm25K1 * (1 - kBm25B + kBm25B * length / avg_length));
}

// An upper bound of the weight (title weight included) of every entry of
// impact class `c`, whatever the collection statistics.
double ClassBound(uint8_t c, double avg_length) {
  const uint32_t tf = ClassTfHigh(c);
  const double w = tf == 0 ? kBm25K1 + 1 : TermWeight(tf, ClassLengthLow(c), avg_length);
  return ClassIsTitle(c) ? w * kTitleWeight : w;
}

// While scoring, a unit is a packed number: document number (32 bits),
// section (16 bits), paragraph code (16 bits: 0 = title, else paragraph + 1).
// Units beyond these bounds (no real minutes have them) are not scored.
constexpr int kUnitBits = 16;
constexpr uint64_t kUnitMask = (uint64_t{1} << kUnitBits) - 1;

Result<std::vector<SearchHit>> RocksStore::Search(const SearchQuery& query) {
  std::vector<QueryTerm> terms = ParseQuery(query.text);
  std::vector<SearchHit> hits;
  if (terms.empty()) return hits;
  const int limit = query.limit <= 0 ? 20 : std::min(query.limit, kMaxLimit);
  const uint64_t units = units_, unit_terms = unit_terms_;
  const double n = static_cast<double>(std::max<uint64_t>(units, 1));
  const double avg_length = units ? static_cast<double>(unit_terms) / static_cast<double>(units) : 1.0;

  // The plan: per query term its IDF and the (index term, class) postings to
  // read, best bound first. A prefix's df is the sum of its terms' (exact
  // unless two of them share a unit).
  struct Source {
    std::string term;
    uint8_t cls;
    double bound;  // IDF included
  };
  struct Plan {
    std::vector<Source> sources;
    double idf = 0;
    size_t expansions = 0;
  };
  std::vector<Plan> plans;
  for (const QueryTerm& q : terms) {
    std::vector<std::pair<std::string, ClassCounts>> expansions;
    auto add = [&](std::string term, std::string_view value) -> Status {
      ClassCounts counts;
      if (!DecodeClassCounts(value, &counts)) return DbError("search: statistics of term '" + term + "' unreadable");
      if (!counts.empty()) expansions.emplace_back(std::move(term), std::move(counts));
      return Status::Ok();
    };
    if (q.prefix) {
      auto it = NewIterator(kTerms);
      for (it->Seek(q.term); it->Valid() && HasPrefix(it->key(), q.term); it->Next()) {
        if (expansions.size() == kMaxPrefixTerms) {
          logger_->Warn("search: '" + q.term + "*' matches more than " + std::to_string(kMaxPrefixTerms) +
                        " terms; the first ones are searched");
          break;
        }
        if (Status s = add(it->key().ToString(), std::string_view(it->value().data(), it->value().size())); !s.ok())
          return s;
      }
      if (Status s = IteratorStatus(*it, kTerms); !s.ok()) return s;
    } else {
      auto value = Read(kTerms, q.term);
      if (!value.ok()) return value.status();
      if (*value)
        if (Status s = add(q.term, **value); !s.ok()) return s;
    }
    int64_t df = 0;
    for (const auto& [term, counts] : expansions)
      for (const auto& [cls, count] : counts) df += std::max<int64_t>(count, 0);
    if (df <= 0) continue;  // in no unit: matches nothing
    Plan plan;
    const double dfd = std::min(static_cast<double>(df), n);
    plan.idf = std::log(1.0 + (n - dfd + 0.5) / (dfd + 0.5));
    plan.expansions = expansions.size();
    for (const auto& [term, counts] : expansions)
      for (const auto& [cls, count] : counts)
        if (count > 0) plan.sources.push_back({term, cls, plan.idf * ClassBound(cls, avg_length)});
    std::stable_sort(plan.sources.begin(), plan.sources.end(),
                     [](const Source& a, const Source& b) { return a.bound > b.bound; });
    plans.push_back(std::move(plan));
  }
  if (plans.empty()) return hits;

  // Reads up to `budget` entries of one source, calling fn(unit, entry) for
  // each; returns how many were read.
  auto postings = NewIterator(kPostings);
  auto read_source = [&](const Source& source, size_t budget, auto&& fn) -> Result<size_t> {
    const std::string prefix = PostingClassPrefix(source.term, source.cls);
    size_t read = 0;
    for (postings->Seek(prefix); postings->Valid() && HasPrefix(postings->key(), prefix) && read < budget;
         postings->Next()) {
      rocksdb::Slice key = postings->key();
      if (key.size() != prefix.size() + 4) return DbError("search: malformed posting key of '" + source.term + "'");
      const uint64_t number = ReadBigEndian32(std::string_view(key.data() + prefix.size(), 4));
      std::string_view value(postings->value().data(), postings->value().size());
      while (!value.empty()) {
        PostingEntry e;
        if (!ReadPostingEntry(&value, &e)) return DbError("search: corrupt posting of '" + source.term + "'");
        ++read;
        const uint64_t code = e.paragraph == kTitleUnit ? 0 : uint64_t{e.paragraph} + 1;
        if (e.section > kUnitMask || code > kUnitMask) continue;
        fn(number << (2 * kUnitBits) | uint64_t{e.section} << kUnitBits | code, e);
      }
    }
    if (Status s = IteratorStatus(*postings, kPostings); !s.ok()) return s;
    return read;
  };
  auto weight = [&](const PostingEntry& e) {
    const double w = TermWeight(e.tf, e.length, avg_length);
    return e.paragraph == kTitleUnit ? w * kTitleWeight : w;
  };

  // Units with more of the query's words first, then by BM25; the unit
  // breaks ties so that results are stable.
  auto worse = [](const Candidate& a, const Candidate& b) {
    if (a.matched != b.matched) return a.matched < b.matched;
    if (a.score != b.score) return a.score < b.score;
    return a.unit > b.unit;
  };

  // Every candidate unit is examined at most once, best first: `examine`
  // applies the filters and appends a unit that passes to `hits`.
  struct DocInfo {
    bool keep = false;
    FilterRecord record;
    std::vector<bool> speaker_matches;  // per name of record.speakers, with a speaker filter
  };
  std::unordered_map<uint32_t, DocInfo> docs;
  std::unordered_map<std::string, std::optional<json>> items;
  const std::optional<std::string> speaker_filter = query.speaker ? std::optional(FoldForSearch(*query.speaker)) : std::nullopt;
  const std::optional<std::string> body_filter = query.body ? std::optional(FoldForSearch(*query.body)) : std::nullopt;
  // Whether the folded `text` contains `folded_filter`; memoized, as the same
  // speaker names and bodies recur in document after document and folding
  // (ICU) costs more than the rest of a filter check.
  std::unordered_map<std::string, bool> matched_texts;
  auto matches = [&](const std::string& folded_filter, const std::string& text) {
    auto [it, fresh] = matched_texts.try_emplace(folded_filter + '\0' + text, false);
    if (fresh) it->second = FoldForSearch(text).find(folded_filter) != std::string::npos;
    return it->second;
  };
  // With a speaker filter, the documents having a matching speaker, from the
  // speakers family: one short scan per matching name and one seek per other
  // name, so that the documents without one are passed over without a read.
  std::unordered_set<uint32_t> speaker_documents;
  if (speaker_filter) {
    auto it = NewIterator(kSpeakers);
    it->SeekToFirst();
    while (it->Valid()) {
      std::string_view key(it->key().data(), it->key().size());
      const size_t end = key.find('\0');
      if (end == std::string_view::npos || key.size() != end + 5) return DbError("search: malformed speaker index key");
      const std::string name(key.substr(0, end));
      if (name.find('\x01') == std::string::npos && !matches(*speaker_filter, name)) {
        const std::string last = name + '\0' + std::string(4, '\xff');  // the name's last possible key
        it->Seek(last);
        if (it->Valid() && it->key() == rocksdb::Slice(last)) it->Next();
        continue;
      }
      const std::string prefix = name + '\0';
      for (; it->Valid() && HasPrefix(it->key(), prefix); it->Next())
        speaker_documents.insert(ReadBigEndian32(std::string_view(it->key().data() + prefix.size(), 4)));
    }
    if (Status s = IteratorStatus(*it, kSpeakers); !s.ok()) return s;
  }
  auto examine = [&](const Candidate& c) -> Status {
    const auto number = static_cast<uint32_t>(c.unit >> (2 * kUnitBits));
    const auto section = static_cast<uint32_t>((c.unit >> kUnitBits) & kUnitMask);
    const auto code = static_cast<uint32_t>(c.unit & kUnitMask);
    const uint32_t paragraph = code == 0 ? kTitleUnit : code - 1;

    auto [doc_it, inserted] = docs.try_emplace(number);
    DocInfo& info = doc_it->second;
    if (inserted && speaker_filter && !speaker_documents.count(number)) {
      info.keep = false;  // no matching speaker: its record is not read
    } else if (inserted) {
      // One small point read per candidate document (keys.h, filters):
      // everything the filters and the hit's document fields need.
      auto value = Read(kFilters, NumberKey(number));
      if (!value.ok()) return value.status();
      if (*value) {  // absent: removed since its postings were read
        if (!DecodeFilterRecord(**value, &info.record))
          return DbError("search: filter record of document number " + std::to_string(number) + " unreadable");
        const std::optional<std::string>& date = info.record.date;
        info.keep = true;
        if ((query.from || query.to) && !date) info.keep = false;
        if (query.from && date && *date < *query.from) info.keep = false;
        if (query.to && date && date->substr(0, query.to->size()) > *query.to) info.keep = false;
        if (body_filter && info.keep && !matches(*body_filter, info.record.body.value_or(""))) info.keep = false;
        if (speaker_filter && info.keep) {  // no unit of a document without such a speaker is looked at
          info.speaker_matches.resize(info.record.speakers.size());
          info.keep = false;
          for (size_t k = 0; k < info.record.speakers.size(); ++k)
            if ((info.speaker_matches[k] = matches(*speaker_filter, info.record.speakers[k]))) info.keep = true;
        }
      }
    }
    // The unit's speaker from the filter record: units of other speakers
    // are rejected without reading their paragraph.
    if (info.keep && speaker_filter && paragraph != kTitleUnit) {
      const auto& sections = info.record.unit_speakers;
      const uint32_t code = section < sections.size() && paragraph < sections[section].size() ? sections[section][paragraph] : 0;
      if (code == 0 || !info.speaker_matches[code - 1]) return Status::Ok();
    }
    if (!info.keep || (paragraph == kTitleUnit && speaker_filter)) return Status::Ok();  // a title has no speaker

    SearchHit hit;
    const std::string& raw_id = info.record.raw_id;
    hit.doc_id = BytesToHex(raw_id);
    hit.date = info.record.date;
    hit.reference = info.record.reference;
    hit.score = c.score;
    const json* item = nullptr;
    if (section > 0) {
      std::string item_key = ItemKey(raw_id, section);
      auto [item_it, fresh] = items.try_emplace(item_key);
      if (fresh) {
        auto value = Read(kItems, item_key);
        if (!value.ok()) return value.status();
        if (*value) item_it->second = ParseObject(**value);
      }
      if (item_it->second) {
        item = &*item_it->second;
        hit.item_number = OptString(*item, "number");
        hit.item_title = OptString(*item, "title");
      }
    }
    std::string text;
    if (paragraph == kTitleUnit) {
      if (!item) {
        return Status::Ok();
      }
      text = hit.item_title.value_or("");
      auto page = item->find("page");
      hit.page = page != item->end() && page->is_number_integer() ? page->get<int>() : 0;
    } else {
      auto value = Read(kParagraphs, UnitKey(raw_id, section, paragraph));
      if (!value.ok()) return value.status();
      if (!*value) {  // removed meanwhile
        return Status::Ok();
      }
      auto p = ParagraphFromJson(**value);
      if (!p.ok()) return DbError(hit.doc_id.substr(0, 12) + ": stored paragraph unreadable");
      if (speaker_filter && (!p->speaker || !matches(*speaker_filter, *p->speaker))) {
        return Status::Ok();
      }
      hit.speaker = p->speaker;
      hit.page = p->page;
      text = std::move(p->text);
    }
    hit.snippet = MakeSnippet(text, terms);
    hits.push_back(std::move(hit));
  return Status::Ok();
  };
  // `ranked` is a heap (by `worse`) of the units not examined yet. Examines
  // them best first until `limit` hits are found or, with `above`, until the
  // best one left does not score above it.
  std::vector<Candidate> ranked;
  auto drain = [&](std::optional<double> above) -> Status {
    while (!ranked.empty() && static_cast<int>(hits.size()) < limit) {
      if (above && !(ranked.front().score > *above)) break;
      std::pop_heap(ranked.begin(), ranked.end(), worse);
      const Candidate c = ranked.back();
      ranked.pop_back();
      if (Status s = examine(c); !s.ok()) return s;
    }
    return Status::Ok();
  };

  if (plans.size() == 1 && plans[0].expansions == 1) {
    // One word: every unit's score is known as soon as its entry is read, and
    // nothing unread scores above the next source's bound. Reading stops once
    // `limit` hits that pass the filters score above it: the exact top hits
    // for a fraction of the postings of a common word.
    const Plan& plan = plans[0];
    size_t read = 0;
    for (size_t i = 0; i < plan.sources.size(); ++i) {
      auto r = read_source(plan.sources[i], kMaxEntriesPerTerm - read, [&](uint64_t unit, const PostingEntry& e) {
        ranked.push_back({unit, plan.idf * weight(e), 1});
        std::push_heap(ranked.begin(), ranked.end(), worse);
      });
      if (!r.ok()) return r.status();
      read += *r;
      if (read >= kMaxEntriesPerTerm) {
        logger_->Debug("search: read the cap of postings of '" + plan.sources[i].term + "'");
        break;
      }
      if (i + 1 == plan.sources.size()) break;
      // The units above the next bound are final: examined now, a hit found
      // here ranks before every unit not read yet. Relative slack: a bound
      // computed like the scores may round differently.
      if (Status s = drain(plan.sources[i + 1].bound * (1 + 1e-9)); !s.ok()) return s;
      if (static_cast<int>(hits.size()) >= limit) return hits;
    }
  } else {
    // Several words (or a prefix): every query term's postings are read, up
    // to the cap, best classes first, and added up per unit.
    std::unordered_map<uint64_t, Candidate> candidates;
    struct Found {
      uint64_t unit;
      uint32_t tf, length;
      bool title;
    };
    std::vector<Found> found;
    for (const Plan& plan : plans) {
      found.clear();
      size_t read = 0;
      for (const Source& source : plan.sources) {
        auto r = read_source(source, kMaxEntriesPerTerm - read, [&](uint64_t unit, const PostingEntry& e) {
          found.push_back({unit, e.tf, e.length, e.paragraph == kTitleUnit});
        });
        if (!r.ok()) return r.status();
        read += *r;
        if (read >= kMaxEntriesPerTerm) {
          logger_->Debug("search: read the cap of postings of '" + source.term + "'");
          break;
        }
      }
      if (plan.expansions > 1) {
        // Several terms may share the prefix and the unit: their frequencies add up.
        std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.unit < b.unit; });
        size_t kept = 0;
        for (size_t i = 0; i < found.size(); ++i) {
          if (kept > 0 && found[kept - 1].unit == found[i].unit) found[kept - 1].tf += found[i].tf;
          else found[kept++] = found[i];
        }
        found.resize(kept);
      }
      candidates.reserve(candidates.size() + found.size());
      for (const Found& f : found) {
        PostingEntry e;
        e.tf = f.tf;
        e.length = f.length;
        e.paragraph = f.title ? kTitleUnit : 0;
        Candidate& c = candidates[f.unit];
        c.unit = f.unit;
        c.score += plan.idf * weight(e);
        ++c.matched;
      }
    }
    ranked.reserve(candidates.size());
    for (const auto& entry : candidates) ranked.push_back(entry.second);
    std::make_heap(ranked.begin(), ranked.end(), worse);
  }
  if (Status s = drain(std::nullopt); !s.ok()) return s;
  return hits;
}

// --- Failures ---------------------------------------------------------------

Status RocksStore::RecordFailure(const FailureRecord& failure) {
  if (Status w = WritableOrError(); !w.ok()) return w;
  json j = {{"path", failure.path}, {"sha256", failure.sha256}, {"code", failure.code}, {"message", failure.message},
            {"recorded_at", failure.recorded_at.empty() ? NowIso() : failure.recorded_at}};
  rocksdb::WriteBatch batch;
  (void)batch.Put(cf(kFailures), failure.path, Dump(j));
  return Write(&batch, "record failure");
}

Status RocksStore::ClearFailure(const std::string& path) {
  if (Status w = WritableOrError(); !w.ok()) return w;
  rocksdb::WriteBatch batch;
  (void)batch.Delete(cf(kFailures), path);
  return Write(&batch, "clear failure");
}

Status RocksStore::ForEachFailure(const std::function<bool(const FailureRecord&)>& fn) {
  auto it = NewIterator(kFailures);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto j = ParseObject(std::string_view(it->value().data(), it->value().size()));
    if (!j) return DbError("failure record unreadable: " + it->key().ToString());
    FailureRecord f{String(*j, "path"), String(*j, "sha256"), String(*j, "code"), String(*j, "message"),
                    String(*j, "recorded_at")};
    if (!fn(f)) return Status::Ok();
  }
  return IteratorStatus(*it, kFailures);
}

// --- Stats ------------------------------------------------------------------

Result<StoreStats> RocksStore::Stats() {
  StoreStats stats;
  std::unordered_set<std::string> speakers;
  auto it = NewIterator(kSummaries);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto j = ParseObject(std::string_view(it->value().data(), it->value().size()));
    if (!j) return DbError("stored summary unreadable");
    ++stats.documents;
    stats.pages_text += Number(*j, "pages_text");
    stats.pages_ocr += Number(*j, "pages_ocr");
    stats.items += Number(*j, "items");
    stats.paragraphs += Number(*j, "paragraphs");
    if (auto s = j->find("speakers"); s != j->end() && s->is_array())
      for (const auto& name : *s)
        if (name.is_string()) speakers.insert(name.get<std::string>());
  }
  if (Status s = IteratorStatus(*it, kSummaries); !s.ok()) return s;
  stats.speakers = speakers.size();
  auto failures = NewIterator(kFailures);
  for (failures->SeekToFirst(); failures->Valid(); failures->Next()) ++stats.failures;
  if (Status s = IteratorStatus(*failures, kFailures); !s.ok()) return s;
  stats.db_bytes = DirectoryBytes(dir_);
  return stats;
}

// --- Remove -----------------------------------------------------------------

Status RocksStore::DeletePrefix(rocksdb::WriteBatch* batch, Family f, std::string_view prefix) {
  auto it = NewIterator(f);
  for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid() && HasPrefix(it->key(), prefix); it->Next())
    (void)batch->Delete(cf(f), it->key());
  return IteratorStatus(*it, f);
}

Status RocksStore::AddRemoval(rocksdb::WriteBatch* batch, const std::string& raw_id, uint64_t& units,
                              uint64_t& unit_terms, std::string* ingested_at, uint32_t* number) {
  const std::string hex = BytesToHex(raw_id);
  auto summary_value = Read(kSummaries, raw_id);
  if (!summary_value.ok()) return summary_value.status();
  if (!*summary_value) return Status(ErrorCode::kNotFound, hex + ": no such document");
  auto summary = ParseObject(**summary_value);
  if (!summary) return DbError(hex.substr(0, 12) + ": stored summary unreadable");
  auto found_number = summary->find("number");
  if (found_number == summary->end() || !found_number->is_number_unsigned())
    return DbError(hex.substr(0, 12) + ": stored summary has no document number");
  const auto doc_number = found_number->get<uint32_t>();
  auto terms = Read(kDocTerms, raw_id);
  if (!terms.ok()) return terms.status();
  // Postings are found through the terms recorded at Put, not by
  // re-deriving them: folding may differ between versions.
  const std::string term_list = terms->value_or("");
  std::string_view rest = term_list;
  DocTerm entry;
  while (!rest.empty()) {
    if (!ReadDocTerm(&rest, &entry)) return DbError(hex.substr(0, 12) + ": stored index term list unreadable");
    for (auto& [cls, count] : entry.counts) {
      (void)batch->Delete(cf(kPostings), PostingKey(entry.term, cls, doc_number));
      count = -count;
    }
    (void)batch->Merge(cf(kTerms), rocksdb::Slice(entry.term.data(), entry.term.size()), EncodeClassCounts(entry.counts));
  }
  (void)batch->Delete(cf(kNumbers), NumberKey(doc_number));
  (void)batch->Delete(cf(kFilters), NumberKey(doc_number));
  if (auto names = summary->find("speakers"); names != summary->end() && names->is_array())
    for (const auto& name : *names)
      if (name.is_string()) (void)batch->Delete(cf(kSpeakers), SpeakerKey(name.get<std::string>(), doc_number));
  if (number) *number = doc_number;
  for (Family f : {kPages, kItems, kParagraphs})
    if (Status s = DeletePrefix(batch, f, raw_id); !s.ok()) return s;
  (void)batch->Delete(cf(kDocuments), raw_id);
  (void)batch->Delete(cf(kSummaries), raw_id);
  (void)batch->Delete(cf(kDocTerms), raw_id);
  (void)batch->Delete(cf(kByDate), ByDateKey(OptString(*summary, "date"), raw_id));
  (void)batch->Delete(cf(kByIngest), ByIngestKey(String(*summary, "ingested_at"), raw_id));
  if (auto reference = OptString(*summary, "reference"))
    (void)batch->Delete(cf(kRefs), RefKey(FoldedReference(*reference), raw_id));
  units -= std::min(units, Number(*summary, "search_units"));
  unit_terms -= std::min(unit_terms, Number(*summary, "search_unit_terms"));
  if (ingested_at) *ingested_at = String(*summary, "ingested_at");
  return Status::Ok();
}

Status RocksStore::Remove(const std::vector<std::string>& ids) {
  if (Status w = WritableOrError(); !w.ok()) return w;
  std::vector<std::string> raw_ids;
  for (const auto& id : ids) {
    auto raw = IdToBytes(id);
    if (!raw) return Status(ErrorCode::kNotFound, id + ": not a stored document id");
    if (std::find(raw_ids.begin(), raw_ids.end(), *raw) == raw_ids.end()) raw_ids.push_back(*raw);
  }
  std::lock_guard<std::mutex> lock(write_mutex_);
  rocksdb::WriteBatch batch;
  uint64_t units = units_, unit_terms = unit_terms_;
  for (const auto& raw_id : raw_ids) {
    if (Status s = AddRemoval(&batch, raw_id, units, unit_terms); !s.ok()) return s;
    (void)batch.Delete(cf(kExtractions), raw_id);
    (void)batch.Delete(cf(kMeta), SourcePathKey(raw_id));
  }
  (void)WriteStatistics(&batch, units, unit_terms);
  if (Status s = Write(&batch, "remove documents"); !s.ok()) return s;
  units_ = units;
  unit_terms_ = unit_terms;
  return Status::Ok();
}

// --- Source paths -----------------------------------------------------------

Status RocksStore::SetSourcePath(const std::string& id, const std::string& path) {
  if (Status w = WritableOrError(); !w.ok()) return w;
  auto raw = IdToBytes(id);
  if (!raw) return Status(ErrorCode::kNotFound, id + ": not a stored document id");
  auto summary = Read(kSummaries, *raw);
  if (!summary.ok()) return summary.status();
  if (!*summary) return Status(ErrorCode::kNotFound, id + ": not stored");
  rocksdb::WriteBatch batch;
  (void)batch.Put(cf(kMeta), SourcePathKey(*raw), path);
  return Write(&batch, "record source path");
}

Result<std::optional<std::string>> RocksStore::GetSourcePath(const std::string& id) {
  auto raw = IdToBytes(id);
  if (!raw) return Status(ErrorCode::kNotFound, id + ": not a stored document id");
  return Read(kMeta, SourcePathKey(*raw));
}

// --- Verify -----------------------------------------------------------------

Result<VerifyReport> RocksStore::Verify() {
  VerifyReport report;
  auto problem = [&](std::string_view raw_id, const std::string& what) {
    if (report.problems.size() < kMaxVerifyProblems)
      report.problems.push_back((raw_id.empty() ? std::string("-") : BytesToHex(raw_id).substr(0, 12)) + ": " + what);
  };
  auto count_prefix = [&](Family f, std::string_view prefix) -> Result<size_t> {
    size_t n = 0;
    auto it = NewIterator(f);
    for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid() && HasPrefix(it->key(), prefix); it->Next()) ++n;
    if (Status s = IteratorStatus(*it, f); !s.ok()) return s;
    return n;
  };
  auto exists = [&](Family f, std::string_view key) -> Result<bool> {
    auto v = Read(f, key);
    if (!v.ok()) return v.status();
    return v->has_value();
  };

  std::unordered_set<std::string> stored;
  std::unordered_set<uint32_t> numbers;  // of the stored documents
  auto docs = NewIterator(kDocuments);
  for (docs->SeekToFirst(); docs->Valid(); docs->Next()) {
    const std::string raw_id = docs->key().ToString();
    stored.insert(raw_id);
    ++report.documents;
    auto doc = DocumentFromJson(std::string_view(docs->value().data(), docs->value().size()));
    if (!doc.ok()) {
      problem(raw_id, "document record unreadable");
      continue;
    }
    auto summary_value = Read(kSummaries, raw_id);
    if (!summary_value.ok()) return summary_value.status();
    std::optional<json> summary = *summary_value ? ParseObject(**summary_value) : std::nullopt;
    if (!summary) {
      problem(raw_id, "summary missing");
    } else {
      auto dated = exists(kByDate, ByDateKey(doc->metadata.date, raw_id));
      auto ingested = exists(kByIngest, ByIngestKey(String(*summary, "ingested_at"), raw_id));
      if (!dated.ok()) return dated.status();
      if (!ingested.ok()) return ingested.status();
      if (!*dated) problem(raw_id, "date index entry missing");
      if (!*ingested) problem(raw_id, "ingestion index entry missing");
    }
    size_t paragraphs = doc->preamble.size();
    for (const auto& item : doc->items) paragraphs += item.paragraphs.size();
    struct Expect {
      Family family;
      size_t count;
      const char* what;
    };
    for (const Expect& e : {Expect{kPages, doc->pages.size(), "page"}, Expect{kItems, doc->items.size(), "item"},
                            Expect{kParagraphs, paragraphs, "paragraph"}}) {
      auto n = count_prefix(e.family, raw_id);
      if (!n.ok()) return n.status();
      if (*n != e.count)
        problem(raw_id, std::to_string(*n) + " " + e.what + " records, the document has " + std::to_string(e.count));
    }
    // The index: the number entry, and every posting the term list names,
    // holding as many units as it says.
    const json* number_json = summary && summary->contains("number") ? &(*summary)["number"] : nullptr;
    if (!number_json || !number_json->is_number_unsigned()) {
      problem(raw_id, "document number missing");
      continue;
    }
    const auto number = number_json->get<uint32_t>();
    numbers.insert(number);
    auto numbered = Read(kNumbers, NumberKey(number));
    if (!numbered.ok()) return numbered.status();
    if (!*numbered || **numbered != raw_id) problem(raw_id, "document number entry missing");
    auto filter = Read(kFilters, NumberKey(number));
    if (!filter.ok()) return filter.status();
    if (!*filter) problem(raw_id, "filter record missing");
    else if (**filter != EncodeFilterRecord(FilterRecordOf(*doc, raw_id)))
      problem(raw_id, "filter record disagrees with the document");
    for (const std::string& name : FilterRecordOf(*doc, raw_id).speakers) {
      auto listed = exists(kSpeakers, SpeakerKey(name, number));
      if (!listed.ok()) return listed.status();
      if (!*listed) problem(raw_id, "speaker index entry missing");
    }
    auto terms = Read(kDocTerms, raw_id);
    if (!terms.ok()) return terms.status();
    if (!*terms) {
      problem(raw_id, "index term list missing");
      continue;
    }
    std::string_view rest = **terms;
    size_t missing = 0, wrong = 0;
    DocTerm entry;
    while (!rest.empty()) {
      if (!ReadDocTerm(&rest, &entry)) {
        problem(raw_id, "index term list unreadable");
        break;
      }
      for (const auto& [cls, count] : entry.counts) {
        auto posting = Read(kPostings, PostingKey(entry.term, cls, number));
        if (!posting.ok()) return posting.status();
        if (!*posting) {
          ++missing;
          continue;
        }
        std::string_view value = **posting;
        int64_t entries = 0;
        for (PostingEntry e; !value.empty(); ++entries)
          if (!ReadPostingEntry(&value, &e)) break;
        if (!value.empty() || entries != count) ++wrong;
      }
    }
    if (missing) problem(raw_id, std::to_string(missing) + " postings of its index terms missing");
    if (wrong) problem(raw_id, std::to_string(wrong) + " postings of its index terms unreadable or of another size");
  }
  if (Status s = IteratorStatus(*docs, kDocuments); !s.ok()) return s;

  // Records of documents that are not stored (a torn write would leave these).
  for (Family f : {kSummaries, kByDate, kByIngest, kRefs, kPages, kItems, kParagraphs, kDocTerms}) {
    const bool id_first = f == kSummaries || f == kDocTerms || f == kPages || f == kItems || f == kParagraphs;
    size_t orphans = 0;
    std::string example;
    auto it = NewIterator(f);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view key(it->key().data(), it->key().size());
      std::string_view raw_id = id_first ? key.substr(0, kIdBytes) : TrailingId(key);
      if (!stored.count(std::string(raw_id)) && orphans++ == 0) example = std::string(raw_id);
    }
    if (Status s = IteratorStatus(*it, f); !s.ok()) return s;
    if (orphans) problem(example, std::to_string(orphans) + " " + kFamilyNames[f] + " records of a document not stored");
  }
  {
    size_t orphans = 0;
    auto it = NewIterator(kNumbers);
    for (it->SeekToFirst(); it->Valid(); it->Next())
      if (!stored.count(it->value().ToString())) ++orphans;
    if (Status s = IteratorStatus(*it, kNumbers); !s.ok()) return s;
    if (orphans) problem("", std::to_string(orphans) + " document numbers of a document not stored");
  }
  {
    size_t orphans = 0;
    auto it = NewIterator(kFilters);
    for (it->SeekToFirst(); it->Valid(); it->Next())
      if (it->key().size() != 4 || !numbers.count(ReadBigEndian32(std::string_view(it->key().data(), 4)))) ++orphans;
    if (Status s = IteratorStatus(*it, kFilters); !s.ok()) return s;
    if (orphans) problem("", std::to_string(orphans) + " filter records of a document not stored");
  }
  {
    size_t orphans = 0;
    auto it = NewIterator(kSpeakers);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view key(it->key().data(), it->key().size());
      if (key.size() < 5 || key[key.size() - 5] != '\0' || !numbers.count(ReadBigEndian32(key.substr(key.size() - 4)))) ++orphans;
    }
    if (Status s = IteratorStatus(*it, kSpeakers); !s.ok()) return s;
    if (orphans) problem("", std::to_string(orphans) + " speaker index entries of a document not stored");
  }

  // Postings of documents not stored, and the term statistics against the
  // postings they count: both families are in term order, so one pass each.
  size_t orphans = 0, disagreeing = 0;
  std::string orphan_term, disagreeing_term;
  auto stats = NewIterator(kTerms);
  stats->SeekToFirst();
  auto compare_statistics = [&](const std::string* term, const ClassCounts& counted) {
    ClassCounts stated;
    while (stats->Valid() && (!term || stats->key().compare(*term) <= 0)) {
      const bool same = term && stats->key().compare(*term) == 0;
      const bool readable = DecodeClassCounts(std::string_view(stats->value().data(), stats->value().size()), &stated);
      if (!readable || stated != (same ? counted : ClassCounts{})) {
        if (disagreeing++ == 0) disagreeing_term = stats->key().ToString();
      }
      stats->Next();
      if (same) return;
    }
    if (term && !counted.empty() && disagreeing++ == 0) disagreeing_term = *term;  // postings without statistics
  };
  std::string term;
  ClassCounts counted;
  auto it = NewIterator(kPostings);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    const size_t end = key.find('\0');
    if (end == std::string_view::npos || key.size() != end + kPostingSuffixBytes) {
      problem("", "malformed postings key");
      continue;
    }
    std::string_view key_term = key.substr(0, end);
    if (key_term != term) {
      if (!term.empty()) compare_statistics(&term, counted);
      term = std::string(key_term);
      counted.clear();
    }
    const auto cls = static_cast<uint8_t>(key[end + 1]);
    if (!numbers.count(ReadBigEndian32(key.substr(end + 2))) && orphans++ == 0) orphan_term = term;
    std::string_view value(it->value().data(), it->value().size());
    int64_t entries = 0;
    for (PostingEntry e; !value.empty(); ++entries)
      if (!ReadPostingEntry(&value, &e)) break;
    if (counted.empty() || counted.back().first != cls) counted.emplace_back(cls, 0);
    counted.back().second += entries;
  }
  if (Status s = IteratorStatus(*it, kPostings); !s.ok()) return s;
  if (!term.empty()) compare_statistics(&term, counted);
  compare_statistics(nullptr, {});
  if (Status s = IteratorStatus(*stats, kTerms); !s.ok()) return s;
  if (orphans) problem("", std::to_string(orphans) + " postings of a document not stored (term '" + orphan_term + "')");
  if (disagreeing)
    problem("", std::to_string(disagreeing) + " term statistics disagree with the postings (term '" + disagreeing_term + "')");
  // Correction records: each names a document by its id and a field (the
  // rest of the record is the corrections unit's to read).
  Status corrections = ForEachCorrection([&](uint64_t number, std::string_view value) {
    auto j = ParseObject(value);
    const bool readable = j && j->contains("document") && (*j)["document"].is_string() &&
                          IdToBytes((*j)["document"].get<std::string>()) && j->contains("field") && (*j)["field"].is_string();
    if (!readable) problem("", "correction " + std::to_string(number) + " is unreadable");
    return true;
  });
  if (!corrections.ok()) return corrections;
  return report;
}

}  // namespace

int StoreSchemaVersion() { return kSchemaVersion; }

std::string NowIsoUtc() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& dir, const StoreOptions& options) {
  Logger* logger = options.logger ? options.logger : NullLogger();
  auto store = std::make_unique<RocksStore>(dir, options.read_only, logger);
  try {
    if (Status s = store->OpenDb(options); !s.ok()) return s;
  } catch (const std::exception& e) {  // RocksDB and the standard library may throw (bad_alloc, filesystem)
    return Status(ErrorCode::kDbError, dir + ": " + e.what());
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace protokoll
