// Opening a Store: column families, their options, and the schema migration
// that rebuilds the search index of an older database (docs/storage.md).
#include <rocksdb/convenience.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>

#include <algorithm>
#include <filesystem>

#include "protokoll/record_json.h"
#include "store_impl.h"

namespace protokoll::store_internal {
namespace {

// Documents rebuilt per batch by a schema migration.
constexpr size_t kMigrationBatch = 200;

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

}  // namespace

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
  auto languages = Read(kMeta, kMetaLanguages);
  if (!languages.ok()) return languages.status();
  languages_ = SplitLanguages(languages->value_or(""));
  auto next_number = Read(kMeta, kMetaNextNumber);
  if (!next_number.ok()) return next_number.status();
  next_number_ = *next_number ? ReadFixed64(**next_number) : 0;
  logger_->Debug("store: opened " + dir_ + (read_only_ ? " read-only" : ""));
  return Status::Ok();
}

Status RocksStore::Migrate(int from, const std::shared_ptr<rocksdb::Cache>&) {
  // Version 1 keyed postings by the 32-byte id without impact classes and had
  // no term statistics or document numbers; version 2 had no filter records;
  // version 3 indexed words unstemmed.
  // Everything else is unchanged, so the index is rebuilt from the stored
  // documents, a batch at a time.
  (void)from;
  uint64_t units = 0, unit_terms = 0, documents = 0;
  uint32_t number = 0;
  PreparedDocument pending;
  std::vector<std::string> languages;
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
      languages = SplitLanguages(JoinLanguages(std::move(languages), pending.languages));
      if (Status w = Write(&pending.batch, "migration"); !w.ok()) return w;
      pending = PreparedDocument();
      logger_->Info("store: migration: " + std::to_string(documents) + " documents re-indexed");
    }
  }
  if (Status s = IteratorStatus(*it, kDocuments); !s.ok()) return s;
  units += pending.units;
  unit_terms += pending.unit_terms;
  (void)WriteStatistics(&pending.batch, units, unit_terms);
  (void)pending.batch.Put(cf(kMeta), std::string(kMetaLanguages), JoinLanguages(std::move(languages), pending.languages));
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


}  // namespace protokoll::store_internal
