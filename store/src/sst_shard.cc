// Shard SST files: writing a shard's private store out, and importing it.
// The layout is docs/storage.md's; what import changes is in docs/scale.md.
#include "sst_shard.h"

#include <rocksdb/options.h>
#include <rocksdb/sst_file_reader.h>
#include <rocksdb/sst_file_writer.h>

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "keys.h"

namespace protokoll::store_internal {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

Status Invalid(std::string message) { return Status(ErrorCode::kInvalidArgument, std::move(message)); }
Status DbError(std::string message) { return Status(ErrorCode::kDbError, std::move(message)); }
Status FromRocks(const rocksdb::Status& s, const std::string& what) { return DbError(what + ": " + s.ToString()); }

// Where a family's key names its document; import drops the records of
// documents already stored and renumbers the rest through it.
enum class Layout {
  kMeta,            // counters and the schema version: recomputed by import
  kIdKey,           // key = raw id
  kIdPrefix,        // key = raw id + ...
  kIdTrailing,      // key = ... + raw id
  kNumberKey,       // key = be32 document number
  kNumberTrailing,  // key = ... + be32 document number
  kTerms,           // term -> per-class counts, merged
  kFailures,        // input path -> failure record
};
struct FamilyLayout {
  const char* name;
  Layout layout;
};
// Every family of schema version 3. A family not listed here (a later
// schema's) makes import refuse the shard rather than guess its keys.
constexpr FamilyLayout kLayouts[] = {
    {"meta", Layout::kMeta},           {"documents", Layout::kIdKey},       {"summaries", Layout::kIdKey},
    {"by_date", Layout::kIdTrailing},  {"by_ingest", Layout::kIdTrailing},  {"refs", Layout::kIdTrailing},
    {"pages", Layout::kIdPrefix},      {"items", Layout::kIdPrefix},        {"paragraphs", Layout::kIdPrefix},
    {"postings", Layout::kNumberTrailing}, {"doc_terms", Layout::kIdKey},   {"failures", Layout::kFailures},
    {"extractions", Layout::kIdKey},   {"terms", Layout::kTerms},           {"numbers", Layout::kNumberKey},
    {"filters", Layout::kNumberKey},   {"speakers", Layout::kNumberTrailing},
};

const FamilyLayout* LayoutOf(std::string_view family) {
  for (const auto& l : kLayouts)
    if (family == l.name) return &l;
  return nullptr;
}

rocksdb::ColumnFamilyHandle* HandleOf(const std::vector<rocksdb::ColumnFamilyHandle*>& handles, std::string_view name) {
  for (auto* h : handles)
    if (h && h->GetName() == name) return h;
  return nullptr;
}

std::string_view View(const rocksdb::Slice& s) { return std::string_view(s.data(), s.size()); }

// An SST file opened on its first record, so that a family with none
// leaves no file (SstFileWriter refuses to finish an empty one).
class LazyWriter {
 public:
  LazyWriter(rocksdb::Options options, rocksdb::ColumnFamilyHandle* family, std::string path)
      : options_(std::move(options)), family_(family), path_(std::move(path)) {}
  enum class Op { kPut, kMerge, kDelete };
  Status Add(Op op, std::string_view key, std::string_view value) {
    if (!writer_) {
      writer_ = std::make_unique<rocksdb::SstFileWriter>(rocksdb::EnvOptions(), options_, family_);
      if (auto s = writer_->Open(path_); !s.ok()) return FromRocks(s, path_);
    }
    const rocksdb::Slice k(key.data(), key.size()), v(value.data(), value.size());
    rocksdb::Status s = op == Op::kPut ? writer_->Put(k, v) : op == Op::kMerge ? writer_->Merge(k, v) : writer_->Delete(k);
    if (!s.ok()) return FromRocks(s, path_);
    ++entries_;
    return Status::Ok();
  }
  // The number of records written; 0 means no file.
  Result<uint64_t> Finish() {
    if (!writer_) return uint64_t{0};
    if (auto s = writer_->Finish(); !s.ok()) return FromRocks(s, path_);
    return entries_;
  }
  const std::string& path() const { return path_; }

 private:
  rocksdb::Options options_;
  rocksdb::ColumnFamilyHandle* family_;
  std::string path_;
  std::unique_ptr<rocksdb::SstFileWriter> writer_;
  uint64_t entries_ = 0;
};

// One shard file, opened and checked.
struct Source {
  const FamilyLayout* layout = nullptr;
  rocksdb::ColumnFamilyHandle* target = nullptr;
  std::string path;
  std::unique_ptr<rocksdb::SstFileReader> reader;
  // Calls fn(key, value) for every record in key order; fn returns a Status.
  template <typename Fn>
  Status ForEach(Fn&& fn) const {
    std::unique_ptr<rocksdb::Iterator> it(reader->NewIterator(rocksdb::ReadOptions()));
    for (it->SeekToFirst(); it->Valid(); it->Next())
      if (Status s = fn(View(it->key()), View(it->value())); !s.ok()) return s;
    return it->status().ok() ? Status::Ok() : Invalid(path + ": unreadable: " + it->status().ToString());
  }
};

Result<Source> OpenSource(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& handles, const SstFile& file) {
  Source source;
  source.layout = LayoutOf(file.family);
  if (!source.layout) return Invalid(file.path + ": column family \"" + file.family + "\" is not one of this schema's");
  source.target = HandleOf(handles, file.family);
  if (!source.target) return DbError("the database has no column family " + file.family);
  source.path = file.path;
  source.reader = std::make_unique<rocksdb::SstFileReader>(db->GetOptions(source.target));
  if (auto s = source.reader->Open(file.path); !s.ok()) return Invalid(file.path + ": not a readable SST file: " + s.ToString());
  if (auto s = source.reader->VerifyChecksum(); !s.ok()) return Invalid(file.path + ": damaged: " + s.ToString());
  auto properties = source.reader->GetTableProperties();
  if (file.entries > 0 && (!properties || properties->num_entries != file.entries))
    return Invalid(file.path + ": holds " + std::to_string(properties ? properties->num_entries : 0) + " records, " +
                   std::to_string(file.entries) + " expected");
  return source;
}

// What import decided about the shard's documents.
struct Plan {
  std::unordered_map<uint32_t, std::optional<uint32_t>> numbers;  // shard number -> new number; nullopt: left out
  std::unordered_set<std::string> kept, skipped;                  // raw ids
  // Per-class counts of the documents left out, taken off the shard's term statistics.
  std::map<std::string, std::map<uint8_t, int64_t>, std::less<>> minus;
  uint64_t units = 0, unit_terms = 0;  // of the documents kept
  size_t failures = 0;
};

// Reads the shard's numbers and decides per document: stored here already
// (skipped) or new (numbered from the counter, in shard order, so that keys
// ending in a number stay sorted).
Status PlanDocuments(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* documents, const Source* numbers, Plan& plan,
                     std::atomic<uint64_t>* next_number) {
  std::vector<uint32_t> kept_numbers;
  if (numbers) {
    Status s = numbers->ForEach([&](std::string_view key, std::string_view id) -> Status {
      if (key.size() != 4 || id.size() != kIdBytes) return Invalid(numbers->path + ": a record is not number -> id");
      if (plan.kept.count(std::string(id)) || plan.skipped.count(std::string(id)))
        return Invalid(numbers->path + ": document " + BytesToHex(id).substr(0, 12) + " numbered twice");
      rocksdb::PinnableSlice value;
      rocksdb::Status found = db->Get(rocksdb::ReadOptions(), documents, rocksdb::Slice(id.data(), id.size()), &value);
      if (!found.ok() && !found.IsNotFound()) return FromRocks(found, "read documents");
      const uint32_t number = ReadBigEndian32(key);
      if (found.ok()) {
        plan.skipped.emplace(id);
        plan.numbers[number] = std::nullopt;
      } else {
        plan.kept.emplace(id);
        kept_numbers.push_back(number);
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
  }
  const uint64_t base = next_number->fetch_add(kept_numbers.size());
  if (base + kept_numbers.size() > uint64_t{UINT32_MAX} + 1) return DbError("store: document numbers exhausted");
  for (size_t i = 0; i < kept_numbers.size(); ++i) plan.numbers[kept_numbers[i]] = static_cast<uint32_t>(base + i);
  return Status::Ok();
}

// The term counts of the documents left out, to take off the shard's totals.
Status PlanMinus(const Source* doc_terms, Plan& plan) {
  if (!doc_terms || plan.skipped.empty()) return Status::Ok();
  return doc_terms->ForEach([&](std::string_view key, std::string_view value) -> Status {
    if (!plan.skipped.count(std::string(key))) return Status::Ok();
    DocTerm entry;
    while (!value.empty()) {
      if (!ReadDocTerm(&value, &entry)) return Invalid(doc_terms->path + ": a term list does not decode");
      for (const auto& [cls, n] : entry.counts) plan.minus[std::string(entry.term)][cls] += n;
    }
    return Status::Ok();
  });
}

// The record as the importing database stores it: nullopt when it belongs
// to a document left out. `op` may turn into a merge (terms).
Result<std::optional<std::string>> RewriteKey(const Source& source, std::string_view key, const Plan& plan) {
  auto by_id = [&](std::string_view id) -> Result<std::optional<std::string>> {
    if (id.size() != kIdBytes) return Invalid(source.path + ": a key holds no document id");
    if (plan.kept.count(std::string(id))) return std::optional<std::string>(std::string(key));
    if (plan.skipped.count(std::string(id))) return std::optional<std::string>();
    return Invalid(source.path + ": a record of document " + BytesToHex(id).substr(0, 12) + " that the shard does not number");
  };
  auto by_number = [&](size_t at) -> Result<std::optional<std::string>> {
    auto found = plan.numbers.find(ReadBigEndian32(key.substr(at)));
    if (found == plan.numbers.end()) return Invalid(source.path + ": a record of a document number the shard does not give");
    if (!found->second) return std::optional<std::string>();
    std::string out(key.substr(0, at));
    AppendBigEndian32(&out, *found->second);
    return std::optional<std::string>(std::move(out));
  };
  switch (source.layout->layout) {
    case Layout::kIdKey: return by_id(key);
    case Layout::kIdPrefix: return by_id(key.substr(0, std::min(key.size(), kIdBytes)));
    case Layout::kIdTrailing: return by_id(TrailingId(key));
    case Layout::kNumberKey:
      if (key.size() != 4) return Invalid(source.path + ": a key is not a document number");
      return by_number(0);
    case Layout::kNumberTrailing:
      if (key.size() < 5) return Invalid(source.path + ": a key ends in no document number");
      return by_number(key.size() - 4);
    default: return std::optional<std::string>(std::string(key));
  }
}

// A summary with the document's new number; its statistics go to plan.
Result<std::string> RewriteSummary(const Source& source, std::string_view value, const Plan& plan, Plan& totals) {
  json j = json::parse(value, nullptr, /*allow_exceptions=*/false);
  auto number = j.is_object() ? j.find("number") : j.end();
  if (!j.is_object() || number == j.end() || !number->is_number_unsigned())
    return Invalid(source.path + ": a summary without a document number");
  auto renumbered = plan.numbers.find(number->get<uint32_t>());
  if (renumbered == plan.numbers.end() || !renumbered->second)
    return Invalid(source.path + ": a summary's document number is not the shard's");
  *number = *renumbered->second;
  auto count = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number_unsigned() ? it->get<uint64_t>() : 0;
  };
  totals.units += count("search_units");
  totals.unit_terms += count("search_unit_terms");
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// A term's statistics without the documents left out; "" when none remain.
Result<std::string> RewriteTerms(const Source& source, std::string_view key, std::string_view value, const Plan& plan) {
  ClassCounts counts;
  if (!DecodeClassCounts(value, &counts)) return Invalid(source.path + ": term statistics do not decode");
  auto minus = plan.minus.find(key);
  if (minus != plan.minus.end())
    for (auto& [cls, n] : counts)
      if (auto m = minus->second.find(cls); m != minus->second.end()) n -= m->second;
  return EncodeClassCounts(counts);
}

// Rewrites one shard file into `writer`.
Status RewriteFamily(const Source& source, const Plan& plan, Plan& totals, LazyWriter& writer) {
  const bool summaries = std::string_view(source.layout->name) == "summaries";
  return source.ForEach([&](std::string_view key, std::string_view value) -> Status {
    if (source.layout->layout == Layout::kTerms) {
      auto counts = RewriteTerms(source, key, value, plan);
      if (!counts.ok()) return counts.status();
      // A merge operand: the importing store's counts of the term add up with it.
      return counts->empty() ? Status::Ok() : writer.Add(LazyWriter::Op::kMerge, key, *counts);
    }
    auto new_key = RewriteKey(source, key, plan);
    if (!new_key.ok()) return new_key.status();
    if (!*new_key) return Status::Ok();
    if (!summaries) return writer.Add(LazyWriter::Op::kPut, **new_key, value);
    auto summary = RewriteSummary(source, value, plan, totals);
    if (!summary.ok()) return summary.status();
    return writer.Add(LazyWriter::Op::kPut, **new_key, *summary);
  });
}

// The shard's failure records, and deletions of this store's records of the
// paths the shard stored (a later success clears a failure, as in ingest).
Status RewriteFailures(const Source* source, const std::vector<std::string>& stored_paths, Plan& totals,
                       LazyWriter& writer) {
  std::map<std::string, std::optional<std::string>> records;
  for (const auto& path : stored_paths) records[path] = std::nullopt;
  if (source) {
    Status s = source->ForEach([&](std::string_view key, std::string_view value) -> Status {
      records[std::string(key)] = std::string(value);
      ++totals.failures;
      return Status::Ok();
    });
    if (!s.ok()) return s;
  }
  for (const auto& [path, value] : records)
    if (Status s = value ? writer.Add(LazyWriter::Op::kPut, path, *value) : writer.Add(LazyWriter::Op::kDelete, path, "");
        !s.ok())
      return s;
  return Status::Ok();
}

// The shard's meta records must name this build's schema version.
// `languages` gets the shard's stemmed languages (kMetaLanguages).
Status CheckMeta(const Source* meta, std::string* languages) {
  if (!meta) return Invalid("the shard has no meta records (no schema version)");
  std::optional<std::string> version;
  Status s = meta->ForEach([&](std::string_view key, std::string_view value) -> Status {
    if (key == kMetaSchemaVersion) version = std::string(value);
    if (key == kMetaLanguages) *languages = std::string(value);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (version != std::to_string(kSchemaVersion))
    return Invalid(meta->path + ": shard of schema version " + version.value_or("(none)") + ", this build writes version " +
                   std::to_string(kSchemaVersion));
  return Status::Ok();
}

}  // namespace

Result<std::vector<SstFile>> WriteShardFiles(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& handles,
                                             const std::string& dir) {
  std::vector<SstFile> out;
  const rocksdb::Snapshot* snapshot = db->GetSnapshot();
  Status failed;
  for (const auto& layout : kLayouts) {
    rocksdb::ColumnFamilyHandle* h = HandleOf(handles, layout.name);
    if (!h) continue;
    rocksdb::ReadOptions ro;
    ro.snapshot = snapshot;
    ro.fill_cache = false;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, h));
    // No family handle in the file: it is ingested into another database's family.
    LazyWriter writer(db->GetOptions(h), nullptr, dir + "/" + layout.name + ".sst");
    for (it->SeekToFirst(); it->Valid() && failed.ok(); it->Next()) {
      // A term whose counts all went back to zero is no statistic.
      if (layout.layout == Layout::kTerms && it->value().empty()) continue;
      failed = writer.Add(LazyWriter::Op::kPut, View(it->key()), View(it->value()));
    }
    if (failed.ok() && !it->status().ok()) failed = FromRocks(it->status(), std::string("scan ") + layout.name);
    if (!failed.ok()) break;
    auto entries = writer.Finish();
    if (!entries.ok()) {
      failed = entries.status();
      break;
    }
    if (*entries > 0) out.push_back(SstFile{layout.name, writer.path(), *entries});
  }
  db->ReleaseSnapshot(snapshot);
  if (!failed.ok()) return failed;
  return out;
}

Result<ImportOutcome> ImportShardFiles(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& handles,
                                       const std::string& db_dir, const std::vector<SstFile>& files,
                                       const std::vector<std::string>& stored_paths, ImportCounters& counters,
                                       Logger* logger) {
  std::map<std::string, Source> sources;
  for (const auto& file : files) {
    if (sources.count(file.family)) return Invalid(file.path + ": a second file of column family " + file.family);
    auto source = OpenSource(db, handles, file);
    if (!source.ok()) return source.status();
    sources.emplace(file.family, std::move(*source));
  }
  auto find = [&](const char* family) -> const Source* {
    auto it = sources.find(family);
    return it == sources.end() ? nullptr : &it->second;
  };
  std::string shard_languages;
  if (Status s = CheckMeta(find("meta"), &shard_languages); !s.ok()) return s;
  rocksdb::ColumnFamilyHandle* documents = HandleOf(handles, "documents");
  if (!documents) return DbError("the database has no column family documents");

  Plan plan;
  if (Status s = PlanDocuments(db, documents, find("numbers"), plan, counters.next_number); !s.ok()) return s;
  if (Status s = PlanMinus(find("doc_terms"), plan); !s.ok()) return s;

  const std::string staging = db_dir + "/import.tmp";
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec) return DbError(staging + ": cannot create: " + ec.message());
  auto cleanup = [&] { fs::remove_all(staging, ec); };

  Plan totals;
  std::vector<rocksdb::IngestExternalFileArg> args;
  auto add = [&](rocksdb::ColumnFamilyHandle* h, LazyWriter& writer) -> Status {
    auto entries = writer.Finish();
    if (!entries.ok()) return entries.status();
    if (*entries == 0) return Status::Ok();
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = h;
    arg.external_files = {writer.path()};
    arg.options.move_files = true;
    args.push_back(std::move(arg));
    return Status::Ok();
  };
  for (const auto& [family, source] : sources) {
    if (source.layout->layout == Layout::kMeta || source.layout->layout == Layout::kFailures) continue;
    LazyWriter writer(db->GetOptions(source.target), source.target, staging + "/" + family + ".sst");
    Status s = RewriteFamily(source, plan, totals, writer);
    if (s.ok()) s = add(source.target, writer);
    if (!s.ok()) {
      cleanup();
      return s;
    }
  }
  rocksdb::ColumnFamilyHandle* failures = HandleOf(handles, "failures");
  if (failures) {
    LazyWriter writer(db->GetOptions(failures), failures, staging + "/failures.sst");
    Status s = RewriteFailures(find("failures"), stored_paths, totals, writer);
    if (s.ok()) s = add(failures, writer);
    if (!s.ok()) {
      cleanup();
      return s;
    }
  }
  const uint64_t units = counters.units + totals.units, unit_terms = counters.unit_terms + totals.unit_terms;
  if (!plan.kept.empty()) {
    // The collection statistics and the counter, in the same ingestion as the documents they count.
    rocksdb::ColumnFamilyHandle* meta = HandleOf(handles, "meta");
    LazyWriter writer(db->GetOptions(meta), meta, staging + "/meta.sst");
    std::map<std::string, std::string> values;
    AppendFixed64(&values[std::string(kMetaNextNumber)], counters.next_number->load());
    AppendFixed64(&values[std::string(kMetaUnits)], units);
    AppendFixed64(&values[std::string(kMetaUnitTerms)], unit_terms);
    counters.languages = JoinLanguages(SplitLanguages(counters.languages), SplitLanguages(shard_languages));
    values[std::string(kMetaLanguages)] = counters.languages;
    Status s;
    for (const auto& [key, value] : values)
      if (s.ok()) s = writer.Add(LazyWriter::Op::kPut, key, value);
    if (s.ok()) s = add(meta, writer);
    if (!s.ok()) {
      cleanup();
      return s;
    }
  }
  if (!args.empty()) {
    rocksdb::Status s = db->IngestExternalFiles(args);
    if (!s.ok()) {
      cleanup();
      return FromRocks(s, "import shard");
    }
  }
  cleanup();
  counters.units = units;
  counters.unit_terms = unit_terms;
  logger->Debug("store: imported " + std::to_string(plan.kept.size()) + " documents, " +
                std::to_string(plan.skipped.size()) + " already stored");
  return ImportOutcome{plan.kept.size(), plan.skipped.size(), totals.failures};
}

}  // namespace protokoll::store_internal
