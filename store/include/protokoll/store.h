// store: the system of record in RocksDB. Content-addressed (a document is
// the SHA-256 of its bytes), idempotent (the same bytes are never written
// twice), one atomic WriteBatch per document, provenance on every record,
// and a search index written in the same batch as the document it indexes.
// RocksDB types stay in the .cc; see docs/storage.md for the layout.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/logger.h"
#include "protokoll/record.h"
#include "protokoll/status.h"

namespace protokoll {

struct StoreOptions {
  bool read_only = false;          // open as a read-only instance (works while another process writes)
  bool create_if_missing = true;   // ignored when read_only
  Logger* logger = nullptr;        // may be null; must outlive the Store
};

// The shortest id prefix Resolve accepts (CONTRACT version 1 said 8).
inline constexpr size_t kMinIdPrefix = 4;

enum class PutOutcome { kStored, kUnchanged };

struct FailureRecord {
  std::string path;
  std::string sha256;  // "" when the bytes could not be read
  std::string code;    // contract error code name
  std::string message;
  std::string recorded_at;  // ISO 8601 UTC, set by the store when empty
};

struct DocumentSummary {
  std::string id;
  std::optional<std::string> date, reference, body, title;
  int pages = 0;
  int pages_text = 0, pages_ocr = 0;  // pages read from the text layer / by OCR
  std::string file;
  std::string ingested_at;  // ISO 8601 UTC
  std::string pipeline_version;
  std::optional<std::string> language;  // ISO 639-1; nullopt when unknown or stored before it was kept
  std::optional<double> min_ocr_confidence;  // lowest mean confidence of an OCR'd page; nullopt: none
  int warnings = 0;                          // the document's warnings (damaged pages, ...)
};

// Query syntax (docs/storage.md, "Search"): words all in one paragraph (AND); "a OR b";
// "a quoted phrase" (its words one after another); a trailing '*' makes a
// word a prefix ("vårdplats*"). Words are stemmed (Snowball): "vårdplats"
// finds "vårdplatser".
struct SearchQuery {
  std::string text;
  std::optional<std::string> speaker;  // substring match on the folded speaker name
  std::optional<std::string> body;     // substring match on the folded body
  std::optional<std::string> from, to; // ISO dates, inclusive
  int limit = 20;
  // ISO 639-1: the query's words are stemmed in this language only. Default:
  // in every language with a stemmer (sv, da, nb, fi, en, de, fr), so that a
  // word finds its inflections in paragraphs of any of them.
  std::optional<std::string> language;
};

struct SearchHit {
  std::string doc_id;
  std::optional<std::string> date;
  std::optional<std::string> reference;
  std::optional<std::string> item_number, item_title;
  int page = 0;
  std::optional<std::string> speaker;
  std::string snippet;
  double score = 0;
};

struct SearchResults {
  std::vector<SearchHit> hits;  // at most the query's limit, best first
  uint64_t more = 0;            // further matching paragraphs (and titles) beyond the limit
  // `more` is a lower bound: counting stopped at the per-word cap of
  // postings read or of documents checked against the filters.
  bool more_is_lower_bound = false;
};

// What Verify found: a stored document is whole when its summary, date and
// ingestion index entries, every page, item and paragraph record and the
// postings of every term it was indexed under are present, and no record
// belongs to a document that is not stored.
struct VerifyReport {
  uint64_t documents = 0;             // documents checked
  std::vector<std::string> problems;  // one line each ("<id12>: 2 of 5 pages missing"); capped
  bool ok() const { return problems.empty(); }
};

struct StoreStats {
  uint64_t documents = 0, pages_text = 0, pages_ocr = 0, items = 0, paragraphs = 0;
  uint64_t speakers = 0;  // distinct speaker names
  uint64_t failures = 0;
  uint64_t db_bytes = 0;  // on-disk size of the database directory
};

// Sharded ingest (docs/scale.md): a shard's private store written out as one
// SST file per column family, and their import into another store.
struct SstFile {
  std::string family;  // the column family the file holds
  std::string path;
  uint64_t entries = 0;
};
struct ImportOutcome {
  size_t documents = 0;       // added
  size_t already_stored = 0;  // in the shard and already here: skipped
  size_t failures = 0;        // failure records taken over
};
// The schema version this build writes and reads (docs/storage.md).
int StoreSchemaVersion();
// Now as ISO 8601 UTC to the second ("2025-04-14T09:30:00Z"), as the store
// writes ingested_at and recorded_at.
std::string NowIsoUtc();

// Thread safety: a Store may be used from several threads at once.
class Store {
 public:
  // kDbError when the database cannot be opened (locked by another writer,
  // unreadable, or of an unknown schema version).
  static Result<std::unique_ptr<Store>> Open(const std::string& dir, const StoreOptions& options);
  virtual ~Store() = default;

  // Stores the whole document in one atomic batch, or nothing. kUnchanged
  // (and no write) when a document with doc.id is already stored.
  // `extraction` is the serialized extraction the document was derived from
  // (RawDocumentToJson); kept so that `reprocess` can re-derive without the
  // input file. May be empty.
  virtual Result<PutOutcome> Put(const Document& doc, std::string_view extraction) = 0;
  Result<PutOutcome> Put(const Document& doc) { return Put(doc, {}); }
  // The extraction stored with a document; kNotFound when there is none.
  virtual Result<std::string> GetExtraction(const std::string& id) = 0;
  // Replaces the derived records (document, pages, items, paragraphs, index
  // entries) of a stored document with `doc` in one atomic batch, keeping its
  // extraction and ingestion time. kNotFound when doc.id is not stored.
  virtual Status Replace(const Document& doc) = 0;
  virtual Result<bool> Contains(const std::string& id) = 0;
  virtual Result<Document> Get(const std::string& id) = 0;  // kNotFound when absent
  // A full id from a unique prefix of >= kMinIdPrefix hex digits, or from a
  // reference ("HSN 2025-0125"). kNotFound, or kInvalidArgument when
  // ambiguous (the message names each candidate by id12 and file).
  virtual Result<std::string> Resolve(const std::string& id_or_reference) = 0;

  // The summary `list` shows of one stored document; kNotFound when absent.
  virtual Result<DocumentSummary> GetSummary(const std::string& id) = 0;
  // Documents in order of date (undated last), then id. Stop by returning false.
  virtual Status ForEachSummary(const std::function<bool(const DocumentSummary&)>& fn) = 0;
  // Stored documents in order of ingestion, streamed; `since` (ISO date or
  // date-time, UTC) keeps those ingested then or later.
  virtual Status ForEachDocument(const std::optional<std::string>& since,
                                 const std::function<bool(const Document&)>& fn) = 0;
  // The same as contract JSON (one line each).
  virtual Status ForEachDocumentJson(const std::optional<std::string>& since,
                                     const std::function<bool(const std::string&)>& fn) = 0;

  virtual Result<SearchResults> SearchWithCount(const SearchQuery& query) = 0;
  // The hits alone.
  Result<std::vector<SearchHit>> Search(const SearchQuery& query) {
    auto results = SearchWithCount(query);
    if (!results.ok()) return results.status();
    return std::move(results->hits);
  }

  // A failed input, keyed by path; a later success for the same path clears it.
  virtual Status RecordFailure(const FailureRecord& failure) = 0;
  virtual Status ClearFailure(const std::string& path) = 0;
  virtual Status ForEachFailure(const std::function<bool(const FailureRecord&)>& fn) = 0;

  virtual Result<StoreStats> Stats() = 0;

  // Removes documents with their pages, items, paragraphs and index entries
  // in one atomic batch. kNotFound when an id is not stored.
  virtual Status Remove(const std::vector<std::string>& ids) = 0;

  // Where the document's file was read at ingest (an absolute path), so
  // that its pages can be shown again (`protokoll serve` re-reads it only
  // while its SHA-256 still matches). Kept across reprocess, removed with the
  // document. Set: kNotFound when the document is not stored.
  virtual Status SetSourcePath(const std::string& id, const std::string& path) = 0;
  // nullopt when none was recorded (documents ingested before paths were kept).
  virtual Result<std::optional<std::string>> GetSourcePath(const std::string& id) = 0;

  // Corrections people made (cli/include/protokoll/corrections.h defines
  // their JSON; the store keeps it as given). Each is its own record,
  // numbered in the order written, and kept when its document is removed so
  // that a re-ingest gets it back.
  struct CorrectionWrite {
    uint64_t number = 0;  // 0: a new record, numbered by the store
    std::string json;
  };
  // Replaces the document's derived records with `doc` (as Replace) and
  // writes the correction records, all in one atomic batch. Returns the
  // records' numbers in the order given. kNotFound when doc.id is not stored.
  virtual Result<std::vector<uint64_t>> ReplaceWithCorrections(const Document& doc,
                                                               const std::vector<CorrectionWrite>& corrections) = 0;
  // The same for a document read again from its file (OCR on pages stored
  // without it): its stored extraction is replaced by `extraction` too, so
  // that a later reprocess derives from what was read last.
  virtual Result<std::vector<uint64_t>> ReplaceReread(const Document& doc, std::string_view extraction,
                                                      const std::vector<CorrectionWrite>& corrections) = 0;
  // Every correction record in the order written.
  virtual Status ForEachCorrection(const std::function<bool(uint64_t number, std::string_view json)>& fn) = 0;
  // Writes every record, one SST file per non-empty column family, into the
  // existing folder `dir`, keys sorted: the output of a shard's private store.
  virtual Result<std::vector<SstFile>> WriteSstFiles(const std::string& dir) = 0;
  // Adds the documents of SST files written by WriteSstFiles in one atomic
  // ingestion: ids already stored are skipped, documents get numbers from
  // this store's counter, the search statistics are added up, the shard's
  // failure records are taken over and those of `stored_paths` cleared.
  // kInvalidArgument (and nothing written) when the files are not such a
  // shard of this schema version.
  virtual Result<ImportOutcome> ImportSstFiles(const std::vector<SstFile>& files,
                                               const std::vector<std::string>& stored_paths) = 0;

  // Checks every stored document for wholeness (`protokoll verify`). Reads
  // everything; an error only when the database itself cannot be read.
  virtual Result<VerifyReport> Verify() = 0;
};

}  // namespace protokoll
