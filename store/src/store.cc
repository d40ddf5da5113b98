// The RocksDB-backed Store. Layout and encodings: docs/storage.md and keys.h.
#include "protokoll/store.h"

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
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
  kFamilyCount
};
constexpr const char* kFamilyNames[kFamilyCount] = {"meta",  "documents",  "summaries", "by_date",
                                                     "by_ingest", "refs", "pages", "items",
                                                     "paragraphs", "postings", "doc_terms", "failures",
                                                     "extractions"};

// BM25 parameters (the usual ones); a title hit weighs as much as two
// paragraph hits, since a title names what the whole item is about.
constexpr double kBm25K1 = 1.2, kBm25B = 0.75, kTitleWeight = 2.0;
// Upper bound on postings read per query term, so that a query for a word in
// every paragraph ("och") costs bounded memory; the rest of that term's
// postings then do not contribute (its IDF is near zero anyway).
constexpr size_t kMaxPostingsPerTerm = 2'000'000;
constexpr int kMaxLimit = 1000;
constexpr size_t kMaxVerifyProblems = 1000;

Status DbError(std::string message) { return Status(ErrorCode::kDbError, std::move(message)); }
Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  return DbError(std::string(what) + ": " + s.ToString());
}

std::string NowIso() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

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

// What Put writes for one document, computed before the write lock is taken.
struct PreparedDocument {
  std::string id;  // raw bytes
  rocksdb::WriteBatch batch;
  uint64_t units = 0, unit_terms = 0;
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
  Status ForEachSummary(const std::function<bool(const DocumentSummary&)>& fn) override;
  Status ForEachDocumentJson(const std::optional<std::string>& since,
                             const std::function<bool(const std::string&)>& fn) override;
  Result<std::vector<SearchHit>> Search(const SearchQuery& query) override;
  Status RecordFailure(const FailureRecord& failure) override;
  Status ClearFailure(const std::string& path) override;
  Status ForEachFailure(const std::function<bool(const FailureRecord&)>& fn) override;
  Result<StoreStats> Stats() override;
  Status Remove(const std::vector<std::string>& ids) override;
  Result<VerifyReport> Verify() override;

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
  Status Prepare(const Document& doc, const std::string& raw_id, const std::string& ingested_at, PreparedDocument& out);
  // Adds the deletion of a stored document's derived records to `batch` and
  // takes its search statistics off `units`/`unit_terms`. REQUIRES: write_mutex_ held.
  Status AddRemoval(rocksdb::WriteBatch* batch, const std::string& raw_id, uint64_t& units, uint64_t& unit_terms,
                    std::string* ingested_at = nullptr);
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
  if (f == kDocuments || f == kSummaries || f == kDocTerms || f == kFailures || f == kMeta)
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  // Documents are large JSON: zstd at every level. The rest: lz4 while hot,
  // zstd once at the bottom level where most bytes end up.
  o.compression = f == kDocuments || f == kExtractions ? strong : fast;
  o.bottommost_compression = strong;
  if (f == kPostings) o.write_buffer_size = 128 << 20;
  return o;
}

Status RocksStore::OpenDb(const StoreOptions& options) {
  rocksdb::DBOptions dbo;
  dbo.create_if_missing = !read_only_ && options.create_if_missing;
  dbo.max_background_jobs = 2;
  dbo.keep_log_file_num = 4;
  dbo.max_total_wal_size = 256 << 20;
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
  if (**version != std::to_string(kSchemaVersion))
    return DbError(dir_ + ": database schema version " + **version + ", this build reads version " +
                   std::to_string(kSchemaVersion) + "; use a matching protokoll build or re-ingest");
  for (int f = 0; f < kFamilyCount; ++f) {
    if (handles_[f]) continue;
    if (read_only_) return DbError(dir_ + ": column family " + kFamilyNames[f] + " missing");
    rocksdb::ColumnFamilyHandle* h = nullptr;
    rocksdb::Status c = db_->CreateColumnFamily(FamilyOptions(static_cast<Family>(f), cache), kFamilyNames[f], &h);
    if (!c.ok()) return FromRocks(c, "create column family");
    handles_[f] = h;
  }
  auto units = Read(kMeta, kMetaUnits);
  auto unit_terms = Read(kMeta, kMetaUnitTerms);
  if (!units.ok()) return units.status();
  if (!unit_terms.ok()) return unit_terms.status();
  units_ = *units ? ReadFixed64(**units) : 0;
  unit_terms_ = *unit_terms ? ReadFixed64(**unit_terms) : 0;
  logger_->Debug("store: opened " + dir_ + (read_only_ ? " read-only" : ""));
  return Status::Ok();
}

// --- Put --------------------------------------------------------------------

Status RocksStore::Prepare(const Document& doc, const std::string& raw_id, const std::string& ingested_at,
                           PreparedDocument& out) {
  out.id = raw_id;
  rocksdb::WriteBatch& b = out.batch;
  // term -> the encoded unit entries of its one posting for this document.
  std::map<std::string, std::string> postings;
  std::set<std::string> speakers;
  uint64_t paragraph_count = 0, pages_text = 0, pages_ocr = 0;

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
    ++out.units;
    out.unit_terms += length;
    for (const auto& [term, count] : tf) AppendPostingEntry(&postings[term], section, paragraph, count, length);
  };
  auto put_paragraphs = [&](const std::vector<Paragraph>& paragraphs, uint32_t section) {
    for (uint32_t i = 0; i < paragraphs.size(); ++i) {
      const Paragraph& p = paragraphs[i];
      std::string key = UnitKey(raw_id, section, i);
      (void)b.Put(cf(kParagraphs), key, ParagraphToJson(p, /*include_repairs=*/true));
      index_unit(p.text, section, i);
      if (p.speaker) speakers.insert(*p.speaker);
      ++paragraph_count;
    }
  };

  (void)b.Put(cf(kDocuments), raw_id, DocumentToJson(doc, JsonOptions{-1, true}));
  for (const PageRecord& page : doc.pages) {
    json pj = {{"number", page.number}, {"label", OptJson(page.label)}, {"method", page.method},
               {"ocr_confidence", page.ocr_confidence ? json(*page.ocr_confidence) : json(nullptr)},
               {"header", OptJson(page.header)}, {"footer", OptJson(page.footer)}};
    (void)b.Put(cf(kPages), PageKey(raw_id, static_cast<uint32_t>(std::max(page.number, 0))), Dump(pj));
    (page.method == "ocr" ? pages_ocr : pages_text)++;
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
    (void)b.Put(cf(kItems), ItemKey(raw_id, section), Dump(ij));
    index_unit(item.title, section, kTitleUnit);
    put_paragraphs(item.paragraphs, section);
  }

  json summary = {{"date", OptJson(doc.metadata.date)},
                  {"reference", OptJson(doc.metadata.reference)},
                  {"body", OptJson(doc.metadata.body)},
                  {"title", OptJson(doc.metadata.title)},
                  {"pages", doc.pages.empty() ? static_cast<uint64_t>(std::max(doc.source.pages, 0)) : doc.pages.size()},
                  {"file", doc.source.file},
                  {"ingested_at", ingested_at},
                  {"pipeline_version", doc.pipeline_version},
                  {"pages_text", pages_text},
                  {"pages_ocr", pages_ocr},
                  {"items", doc.items.size()},
                  {"paragraphs", paragraph_count},
                  {"speakers", std::vector<std::string>(speakers.begin(), speakers.end())},
                  {"search_units", out.units},
                  {"search_unit_terms", out.unit_terms}};
  (void)b.Put(cf(kSummaries), raw_id, Dump(summary));
  (void)b.Put(cf(kByDate), ByDateKey(doc.metadata.date, raw_id), rocksdb::Slice());
  (void)b.Put(cf(kByIngest), ByIngestKey(ingested_at, raw_id), rocksdb::Slice());
  if (doc.metadata.reference && !FoldedReference(*doc.metadata.reference).empty())
    (void)b.Put(cf(kRefs), RefKey(FoldedReference(*doc.metadata.reference), raw_id), rocksdb::Slice());
  std::string terms;
  for (const auto& [term, entries] : postings) {
    (void)b.Put(cf(kPostings), PostingKey(term, raw_id), entries);
    terms.append(term);
    terms.push_back('\0');
  }
  (void)b.Put(cf(kDocTerms), raw_id, terms);
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

  PreparedDocument prepared;
  if (Status s = Prepare(doc, *raw_id, NowIso(), prepared); !s.ok()) return s;
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

Status RocksStore::Replace(const Document& doc) {
  if (Status w = WritableOrError(); !w.ok()) return w;
  auto raw_id = IdToBytes(doc.id);
  if (!raw_id) return Status(ErrorCode::kNotFound, doc.id + ": not a stored document id");
  std::lock_guard<std::mutex> lock(write_mutex_);
  // Deletions first, then the new records: in a WriteBatch the later write wins.
  PreparedDocument prepared;
  uint64_t units = units_, unit_terms = unit_terms_;
  std::string ingested_at;
  if (Status s = AddRemoval(&prepared.batch, *raw_id, units, unit_terms, &ingested_at); !s.ok()) return s;
  if (Status s = Prepare(doc, *raw_id, ingested_at.empty() ? NowIso() : ingested_at, prepared); !s.ok()) return s;
  units += prepared.units;
  unit_terms += prepared.unit_terms;
  (void)WriteStatistics(&prepared.batch, units, unit_terms);
  if (Status w = Write(&prepared.batch, "replace document " + doc.id.substr(0, 12)); !w.ok()) return w;
  units_ = units;
  unit_terms_ = unit_terms;
  return Status::Ok();
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
  if (text.size() >= 8 && text.size() <= 64 && IsHex(text)) {
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
  if (candidates.empty()) return Status(ErrorCode::kNotFound, given + ": no stored document has this id or reference");
  if (candidates.size() > 1) {
    std::string names;
    for (const auto& c : candidates) names += (names.empty() ? "" : ", ") + c;
    return Status(ErrorCode::kInvalidArgument, given + ": ambiguous, matches " + names);
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
  return d;
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
    if (!fn(DocumentToJson(*doc))) return Status::Ok();
  }
  return IteratorStatus(*it, kByIngest);
}

// --- Search -----------------------------------------------------------------

Result<std::vector<SearchHit>> RocksStore::Search(const SearchQuery& query) {
  std::vector<QueryTerm> terms = ParseQuery(query.text);
  std::vector<SearchHit> hits;
  if (terms.empty()) return hits;
  const int limit = query.limit <= 0 ? 20 : std::min(query.limit, kMaxLimit);
  const double n = static_cast<double>(std::max<uint64_t>(units_, 1));
  const double avg_length = units_ ? static_cast<double>(unit_terms_) / static_cast<double>(units_) : 1.0;

  // While scoring, a unit is a packed number: the index of its document in
  // doc_ids (28 bits), its section (18 bits) and its paragraph code (18 bits:
  // 0 = title, else paragraph + 1). Far cheaper to hash than the 40-byte key;
  // units beyond these bounds (no real minutes have them) are not scored.
  constexpr int kCodeBits = 18;
  constexpr uint64_t kCodeMask = (1u << kCodeBits) - 1;
  std::vector<std::string> doc_ids;
  std::unordered_map<std::string, uint32_t> doc_index;
  std::unordered_map<uint64_t, Candidate> candidates;
  auto it = NewIterator(kPostings);
  for (const QueryTerm& term : terms) {
    struct Found {
      uint64_t unit;
      uint32_t tf, length;
    };
    std::vector<Found> found;
    const std::string seek = term.prefix ? term.term : term.term + '\0';
    size_t read = 0;
    for (it->Seek(seek); it->Valid() && HasPrefix(it->key(), seek); it->Next()) {
      rocksdb::Slice key = it->key();
      if (key.size() < kIdBytes + 1) continue;
      if (++read > kMaxPostingsPerTerm) {
        logger_->Warn("search: '" + term.term + "' has more postings than are read per term; the rest are ignored");
        break;
      }
      auto [index_it, added] = doc_index.try_emplace(std::string(key.data() + key.size() - kIdBytes, kIdBytes),
                                                     static_cast<uint32_t>(doc_ids.size()));
      if (added) doc_ids.push_back(index_it->first);
      const uint64_t doc = index_it->second;
      if (doc >= (1u << 28)) continue;
      std::string_view value(it->value().data(), it->value().size());
      while (!value.empty()) {
        PostingEntry e;
        if (!ReadPostingEntry(&value, &e)) return DbError("search: corrupt posting of '" + term.term + "'");
        const uint64_t code = e.paragraph == kTitleUnit ? 0 : uint64_t{e.paragraph} + 1;
        if (e.section > kCodeMask || code > kCodeMask) continue;
        found.push_back({doc << (2 * kCodeBits) | uint64_t{e.section} << kCodeBits | code, e.tf, e.length});
      }
    }
    if (Status s = IteratorStatus(*it, kPostings); !s.ok()) return s;
    if (term.prefix) {
      // Several terms may share the prefix and the unit: their frequencies add up.
      std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.unit < b.unit; });
      size_t out = 0;
      for (size_t i = 0; i < found.size(); ++i) {
        if (out > 0 && found[out - 1].unit == found[i].unit) found[out - 1].tf += found[i].tf;
        else found[out++] = found[i];
      }
      found.resize(out);
    }
    const double df = static_cast<double>(found.size());
    const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
    candidates.reserve(candidates.size() + found.size());
    for (const Found& f : found) {
      const double tf = f.tf, length = f.length;
      double score = idf * tf * (kBm25K1 + 1) / (tf + kBm25K1 * (1 - kBm25B + kBm25B * length / avg_length));
      if ((f.unit & kCodeMask) == 0) score *= kTitleWeight;
      Candidate& c = candidates[f.unit];
      c.unit = f.unit;
      c.score += score;
      ++c.matched;
    }
  }

  std::vector<Candidate> ranked;
  ranked.reserve(candidates.size());
  for (const auto& entry : candidates) ranked.push_back(entry.second);
  candidates.clear();
  // Units with more of the query's words first, then by BM25; the unit
  // breaks ties so that results are stable.
  auto worse = [](const Candidate& a, const Candidate& b) {
    if (a.matched != b.matched) return a.matched < b.matched;
    if (a.score != b.score) return a.score < b.score;
    return a.unit > b.unit;
  };
  std::make_heap(ranked.begin(), ranked.end(), worse);

  struct DocInfo {
    bool keep = false;
    std::optional<std::string> date, reference;
  };
  std::unordered_map<std::string, DocInfo> docs;
  std::unordered_map<std::string, std::optional<json>> items;
  const std::optional<std::string> speaker_filter = query.speaker ? std::optional(FoldForSearch(*query.speaker)) : std::nullopt;
  const std::optional<std::string> body_filter = query.body ? std::optional(FoldForSearch(*query.body)) : std::nullopt;

  while (!ranked.empty() && static_cast<int>(hits.size()) < limit) {
    std::pop_heap(ranked.begin(), ranked.end(), worse);
    Candidate c = ranked.back();
    ranked.pop_back();
    const std::string& raw_id = doc_ids[c.unit >> (2 * kCodeBits)];
    const auto section = static_cast<uint32_t>((c.unit >> kCodeBits) & kCodeMask);
    const auto code = static_cast<uint32_t>(c.unit & kCodeMask);
    const uint32_t paragraph = code == 0 ? kTitleUnit : code - 1;

    auto [doc_it, inserted] = docs.try_emplace(raw_id);
    if (inserted) {
      auto value = Read(kSummaries, raw_id);
      if (!value.ok()) return value.status();
      std::optional<json> j = *value ? ParseObject(**value) : std::nullopt;
      if (j) {
        DocInfo& info = doc_it->second;
        info.date = OptString(*j, "date");
        info.reference = OptString(*j, "reference");
        info.keep = true;
        if ((query.from || query.to) && !info.date) info.keep = false;
        if (query.from && info.date && *info.date < *query.from) info.keep = false;
        if (query.to && info.date && info.date->substr(0, query.to->size()) > *query.to) info.keep = false;
        if (body_filter && FoldForSearch(String(*j, "body")).find(*body_filter) == std::string::npos) info.keep = false;
      }
    }
    if (!doc_it->second.keep) continue;
    if (paragraph == kTitleUnit && speaker_filter) continue;  // a title has no speaker

    SearchHit hit;
    hit.doc_id = BytesToHex(raw_id);
    hit.date = doc_it->second.date;
    hit.reference = doc_it->second.reference;
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
      if (!item) continue;
      text = hit.item_title.value_or("");
      auto page = item->find("page");
      hit.page = page != item->end() && page->is_number_integer() ? page->get<int>() : 0;
    } else {
      auto value = Read(kParagraphs, UnitKey(raw_id, section, paragraph));
      if (!value.ok()) return value.status();
      if (!*value) continue;  // removed meanwhile
      auto p = ParagraphFromJson(**value);
      if (!p.ok()) return DbError(hit.doc_id.substr(0, 12) + ": stored paragraph unreadable");
      if (speaker_filter && (!p->speaker || FoldForSearch(*p->speaker).find(*speaker_filter) == std::string::npos))
        continue;
      hit.speaker = p->speaker;
      hit.page = p->page;
      text = std::move(p->text);
    }
    hit.snippet = MakeSnippet(text, terms);
    hits.push_back(std::move(hit));
  }
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
                              uint64_t& unit_terms, std::string* ingested_at) {
  const std::string hex = BytesToHex(raw_id);
  auto summary_value = Read(kSummaries, raw_id);
  if (!summary_value.ok()) return summary_value.status();
  if (!*summary_value) return Status(ErrorCode::kNotFound, hex + ": no such document");
  auto summary = ParseObject(**summary_value);
  if (!summary) return DbError(hex.substr(0, 12) + ": stored summary unreadable");
  auto terms = Read(kDocTerms, raw_id);
  if (!terms.ok()) return terms.status();
  // Postings are found through the terms recorded at Put, not by
  // re-deriving them: folding may differ between versions.
  const std::string term_list = terms->value_or("");
  std::string_view rest = term_list;
  while (!rest.empty()) {
    size_t end = rest.find('\0');
    std::string_view term = rest.substr(0, end);
    (void)batch->Delete(cf(kPostings), PostingKey(term, raw_id));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
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
  }
  (void)WriteStatistics(&batch, units, unit_terms);
  if (Status s = Write(&batch, "remove documents"); !s.ok()) return s;
  units_ = units;
  unit_terms_ = unit_terms;
  return Status::Ok();
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
    auto terms = Read(kDocTerms, raw_id);
    if (!terms.ok()) return terms.status();
    if (!*terms) {
      problem(raw_id, "index term list missing");
      continue;
    }
    std::string_view rest = **terms;
    size_t missing = 0;
    while (!rest.empty()) {
      size_t end = rest.find('\0');
      auto present = exists(kPostings, PostingKey(rest.substr(0, end), raw_id));
      if (!present.ok()) return present.status();
      if (!*present) ++missing;
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
    if (missing) problem(raw_id, std::to_string(missing) + " index terms without postings");
  }
  if (Status s = IteratorStatus(*docs, kDocuments); !s.ok()) return s;

  // Records of documents that are not stored (a torn write would leave these).
  for (Family f : {kSummaries, kByDate, kByIngest, kRefs, kPages, kItems, kParagraphs, kDocTerms, kPostings}) {
    const bool id_first = f == kSummaries || f == kDocTerms || f == kPages || f == kItems || f == kParagraphs;
    const bool term_first = f == kPostings;
    size_t orphans = 0;
    std::string example, example_term;
    auto it = NewIterator(f);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view key(it->key().data(), it->key().size());
      std::string_view raw_id = id_first ? key.substr(0, kIdBytes) : TrailingId(key);
      if (!stored.count(std::string(raw_id)) && orphans++ == 0) {
        example = std::string(raw_id);
        if (term_first) example_term = std::string(key.substr(0, key.find('\0')));
      }
    }
    if (Status s = IteratorStatus(*it, f); !s.ok()) return s;
    if (orphans)
      problem(example, std::to_string(orphans) + " " + kFamilyNames[f] + " records of a document not stored" +
                           (example_term.empty() ? "" : " (term '" + example_term + "')"));
  }
  return report;
}

}  // namespace

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
