// The RocksDB-backed Store. Layout and encodings: docs/storage.md and keys.h.
#include "protokoll/store.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
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
#include <unordered_set>

#include "keys.h"
#include "protokoll/record_json.h"
#include "protokoll/text.h"
#include "stemming.h"
#include "store_impl.h"

namespace protokoll::store_internal {

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
namespace {
json BoxJson(const Box& b) {
  auto r = [](double v) { return std::round(v * 10.0) / 10.0; };
  return json::array({r(b.x0), r(b.y0), r(b.x1), r(b.y1)});
}
}  // namespace

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
std::optional<json> ParseObject(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

namespace {
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
}  // namespace

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
  r.language = doc.language;
  for (const PageRecord& page : doc.pages) {
    if (page.number < 1 || page.number > 100000 || page.language.empty()) continue;  // a bound on a bogus number
    if (r.page_languages.size() < static_cast<size_t>(page.number)) r.page_languages.resize(page.number);
    r.page_languages[page.number - 1] = page.language;
  }
  return r;
}

namespace {
// The lowest mean confidence of the document's OCR'd pages; null when none was OCR'd.
json MinOcrConfidence(const Document& doc) {
  std::optional<double> low;
  for (const PageRecord& p : doc.pages)
    if (p.ocr_confidence && (!low || *p.ocr_confidence < *low)) low = *p.ocr_confidence;
  return low ? json(*low) : json(nullptr);
}
}  // namespace

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

  // Each unit is stemmed in its page's language (keys.h, FilterRecord).
  const FilterRecord filter = FilterRecordOf(doc, raw_id);
  // Indexes one search unit: term frequencies plus the unit's length, which BM25 needs.
  auto index_unit = [&](std::string_view text, uint32_t section, uint32_t paragraph, int page) {
    std::map<std::string, uint32_t> tf;
    uint32_t length = 0;
    for (auto& term : IndexTerms(text, UnitLanguage(filter.page_languages, filter.language, page))) {
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
      index_unit(p.text, section, i, p.page);
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
    index_unit(item.title, section, kTitleUnit, item.page);
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
  (void)b.Put(cf(kFilters), NumberKey(number), EncodeFilterRecord(filter));
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
  auto note = [&](const std::string& language) {
    if (HasStemmer(language) && std::find(out.languages.begin(), out.languages.end(), language) == out.languages.end())
      out.languages.push_back(language);
  };
  note(filter.language);
  for (const std::string& language : filter.page_languages) note(language);
  return Status::Ok();
}

std::optional<std::vector<std::string>> RocksStore::NewLanguages(rocksdb::WriteBatch* batch,
                                                                 const PreparedDocument& prepared) {
  std::vector<std::string> known = SearchLanguages();
  bool fresh = false;
  for (const auto& language : prepared.languages)
    fresh = fresh || std::find(known.begin(), known.end(), language) == known.end();
  if (!fresh) return std::nullopt;
  const std::string joined = JoinLanguages(std::move(known), prepared.languages);
  (void)batch->Put(cf(kMeta), std::string(kMetaLanguages), joined);
  return SplitLanguages(joined);
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
  auto languages = NewLanguages(&prepared.batch, prepared);
  if (Status w = Write(&prepared.batch, "store document " + doc.id.substr(0, 12)); !w.ok()) return w;
  units_ = units;
  unit_terms_ = unit_terms;
  CommitLanguages(std::move(languages));
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

Result<std::vector<uint64_t>> RocksStore::ReplaceAll(const Document& doc, std::optional<std::string_view> extraction,
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
  if (extraction) (void)prepared.batch.Put(cf(kExtractions), *raw_id, rocksdb::Slice(extraction->data(), extraction->size()));
  auto languages = NewLanguages(&prepared.batch, prepared);
  if (Status w = Write(&prepared.batch, "replace document " + doc.id.substr(0, 12)); !w.ok()) return w;
  units_ = units;
  unit_terms_ = unit_terms;
  CommitLanguages(std::move(languages));
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

}  // namespace protokoll::store_internal

namespace protokoll {

using store_internal::RocksStore;
using store_internal::kSchemaVersion;

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
