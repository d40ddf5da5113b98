// Key and value encodings of the store's column families. docs/storage.md
// is the specification; this header is its implementation, and the two must
// change together (with kSchemaVersion).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace protokoll::store_internal {

// Bumped whenever a key or value encoding changes meaning. Open() migrates a
// database of version kOldestMigratableVersion..kSchemaVersion-1 (writable
// opens only) and refuses any other version instead of misreading it.
inline constexpr int kSchemaVersion = 4;
inline constexpr int kOldestMigratableVersion = 1;

inline constexpr size_t kIdBytes = 32;  // raw SHA-256
// The paragraph index under which an item's title is indexed as a search unit.
inline constexpr uint32_t kTitleUnit = 0xFFFFFFFFu;
// Longest term kept in the index; longer "words" are noise (hashes, URLs).
inline constexpr size_t kMaxTermBytes = 96;

inline int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

inline bool IsHex(std::string_view s) {
  for (char c : s)
    if (HexValue(c) < 0) return false;
  return true;
}

// The 32 raw bytes of a 64-digit hex id; nullopt when it is not one.
inline std::optional<std::string> IdToBytes(std::string_view hex) {
  if (hex.size() != 2 * kIdBytes || !IsHex(hex)) return std::nullopt;
  std::string out(kIdBytes, '\0');
  for (size_t i = 0; i < kIdBytes; ++i)
    out[i] = static_cast<char>(HexValue(hex[2 * i]) * 16 + HexValue(hex[2 * i + 1]));
  return out;
}

inline std::string BytesToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

inline void AppendBigEndian32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xFF));
}

inline uint32_t ReadBigEndian32(std::string_view s) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[i]);
  return v;
}

inline void AppendFixed64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

inline uint64_t ReadFixed64(std::string_view s) {
  uint64_t v = 0;
  if (s.size() < 8) return 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[i]);
  return v;
}

inline void AppendVarint(std::string* out, uint32_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Reads one varint from the front of *in and advances it; false when truncated.
inline bool ReadVarint(std::string_view* in, uint32_t* v) {
  uint32_t result = 0;
  for (int shift = 0; shift <= 28 && !in->empty(); shift += 7) {
    auto byte = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    result |= static_cast<uint32_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) {
      *v = result;
      return true;
    }
  }
  return false;
}

inline void AppendVarint64(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}
inline bool ReadVarint64(std::string_view* in, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && !in->empty(); shift += 7) {
    auto byte = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    result |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) {
      *v = result;
      return true;
    }
  }
  return false;
}
inline uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

// terms: term -> its entry count per impact class, a sequence of (class byte,
// zigzag varint count) sorted by class, zero counts left out. Maintained by
// merge operands of the same form holding signed changes (TermStatsMerge in
// store.cc), so that Put and Remove never read it. The sum is the term's
// document frequency in units (BM25's df).
using ClassCounts = std::vector<std::pair<uint8_t, int64_t>>;
inline std::string EncodeClassCounts(const ClassCounts& counts) {
  std::string out;
  for (const auto& [cls, n] : counts) {
    if (n == 0) continue;
    out.push_back(static_cast<char>(cls));
    AppendVarint64(&out, ZigZag(n));
  }
  return out;
}
inline bool DecodeClassCounts(std::string_view in, ClassCounts* out) {
  out->clear();
  while (!in.empty()) {
    auto cls = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    uint64_t v = 0;
    if (!ReadVarint64(&in, &v)) return false;
    out->emplace_back(cls, UnZigZag(v));
  }
  return true;
}

// doc_terms: id -> for each distinct term of the document: term, 0x00, one
// byte n, then n pairs (class byte, varint number of the document's units in
// that class containing the term). Remove and Verify find every posting key
// and statistics change of the document through it, without re-deriving
// terms (folding may differ between versions).
struct DocTerm {
  std::string_view term;
  ClassCounts counts;
};
inline void AppendDocTerm(std::string* out, std::string_view term, const ClassCounts& counts) {
  out->append(term);
  out->push_back('\0');
  out->push_back(static_cast<char>(counts.size()));
  for (const auto& [cls, n] : counts) {
    out->push_back(static_cast<char>(cls));
    AppendVarint(out, static_cast<uint32_t>(n));
  }
}
// Reads one entry from the front of *in; false when malformed.
inline bool ReadDocTerm(std::string_view* in, DocTerm* t) {
  size_t end = in->find('\0');
  if (end == std::string_view::npos || end + 1 >= in->size()) return false;
  t->term = in->substr(0, end);
  in->remove_prefix(end + 1);
  size_t n = static_cast<unsigned char>(in->front());
  in->remove_prefix(1);
  t->counts.clear();
  for (size_t i = 0; i < n; ++i) {
    if (in->empty()) return false;
    auto cls = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    uint32_t count = 0;
    if (!ReadVarint(in, &count)) return false;
    t->counts.emplace_back(cls, count);
  }
  return true;
}

// pages: id + be32 page number.
inline std::string PageKey(std::string_view id, uint32_t page) {
  std::string k(id);
  AppendBigEndian32(&k, page);
  return k;
}

// items: id + be32 section (1-based item index; 0 is the preamble, which has no item record).
inline std::string ItemKey(std::string_view id, uint32_t section) { return PageKey(id, section); }

// paragraphs: id + be32 section + be32 paragraph index (0-based).
// A search unit has the same 40-byte key; kTitleUnit names an item's title.
inline std::string UnitKey(std::string_view id, uint32_t section, uint32_t paragraph) {
  std::string k(id);
  AppendBigEndian32(&k, section);
  AppendBigEndian32(&k, paragraph);
  return k;
}
inline constexpr size_t kUnitKeyBytes = kIdBytes + 8;

// Internal document numbers: 4 bytes instead of the 32-byte id in every
// posting. Assigned once per document (never reused), kept by Replace.
// numbers: be32 number -> raw id; the summary carries the number the other way.
inline std::string NumberKey(uint32_t number) {
  std::string k;
  AppendBigEndian32(&k, number);
  return k;
}

// Impact classes. Every posting entry (one search unit containing a term)
// belongs to one class given by whether the unit is an item title, a bucket
// of its term frequency and a bucket of the unit's length. A class bounds the
// BM25 term weight of its entries for any collection statistics: the weight
// grows with tf and falls with length, so the class's highest tf and lowest
// length give its bound (ClassBound in store.cc). Search reads a term's
// classes best bound first and can stop early.
inline constexpr uint32_t kTfBucketLow[] = {1, 2, 3, 4, 5, 6, 8, 11, 16};          // 9 buckets, last open
inline constexpr uint32_t kLengthBucketLow[] = {1, 3, 5, 7, 10, 14, 20, 28, 40, 56, 80, 112, 160, 224};  // 14
inline constexpr int kTfBuckets = 9, kLengthBuckets = 14;
inline constexpr int kClassesPerKind = kTfBuckets * kLengthBuckets;  // 126
inline constexpr int kClassCount = 2 * kClassesPerKind;              // 252: paragraphs, then titles

inline int BucketOf(const uint32_t* lows, int count, uint32_t v) {
  int b = 0;
  while (b + 1 < count && v >= lows[b + 1]) ++b;
  return b;
}
inline uint8_t ClassOf(bool title, uint32_t tf, uint32_t length) {
  return static_cast<uint8_t>((title ? kClassesPerKind : 0) + BucketOf(kTfBucketLow, kTfBuckets, tf) * kLengthBuckets +
                              BucketOf(kLengthBucketLow, kLengthBuckets, length));
}
inline bool ClassIsTitle(uint8_t c) { return c >= kClassesPerKind; }
// The highest tf of a class; 0 means unbounded (the last bucket).
inline uint32_t ClassTfHigh(uint8_t c) {
  int b = (c % kClassesPerKind) / kLengthBuckets;
  return b + 1 < kTfBuckets ? kTfBucketLow[b + 1] - 1 : 0;
}
inline uint32_t ClassLengthLow(uint8_t c) { return kLengthBucketLow[(c % kClassesPerKind) % kLengthBuckets]; }

// postings: term + 0x00 + class byte + be32 document number -> the entries
// of that document's units in that class. Terms never contain 0x00, so all
// postings of a term (term + 0x00) and of one class of it are adjacent.
inline std::string PostingTermPrefix(std::string_view term) {
  std::string k(term);
  k.push_back('\0');
  return k;
}
inline std::string PostingClassPrefix(std::string_view term, uint8_t cls) {
  std::string k = PostingTermPrefix(term);
  k.push_back(static_cast<char>(cls));
  return k;
}
inline std::string PostingKey(std::string_view term, uint8_t cls, uint32_t number) {
  std::string k = PostingClassPrefix(term, cls);
  AppendBigEndian32(&k, number);
  return k;
}
inline constexpr size_t kPostingSuffixBytes = 1 + 1 + 4;  // 0x00, class, number

// A posting value is a sequence of entries, one per unit (in unit order):
// varint section, varint paragraph code (0 = the item title, else paragraph
// index + 1), varint term frequency, varint unit length (terms).
struct PostingEntry {
  uint32_t section = 0, paragraph = 0, tf = 0, length = 0;
};

inline void AppendPostingEntry(std::string* out, uint32_t section, uint32_t paragraph, uint32_t tf, uint32_t length) {
  AppendVarint(out, section);
  AppendVarint(out, paragraph == kTitleUnit ? 0 : paragraph + 1);
  AppendVarint(out, tf);
  AppendVarint(out, length);
}

inline bool ReadPostingEntry(std::string_view* in, PostingEntry* e) {
  uint32_t code = 0;
  if (!ReadVarint(in, &e->section) || !ReadVarint(in, &code) || !ReadVarint(in, &e->tf) || !ReadVarint(in, &e->length))
    return false;
  e->paragraph = code == 0 ? kTitleUnit : code - 1;
  return true;
}

// filters: be32 document number -> what Search's filters and hits need of a
// document, so that a candidate costs one small point read instead of a
// summary (JSON) and a numbers lookup. Written in the document's batch from
// the same Document as its summary and paragraphs, removed with them.
//   raw id (32 bytes)
//   date, reference, body: each varint (length + 1), then the bytes; 0 = absent
//   varint S, then S names (varint length, bytes): the distinct paragraph
//     speakers, sorted, as stored (not folded: the query folds them, so that a
//     change of folding never makes a filter inexact)
//   varint section count, then per section (0 = preamble, k = item k) varint
//     paragraph count and per paragraph varint speaker code (0 = none, k =
//     name k-1)
//   (schema 4) the document's language (varint length, bytes), then varint P
//     and P page languages (varint length, bytes; page k at k-1, "" unknown):
//     a unit was stemmed in its page's language, else the document's, and
//     Search stems its words the same way to verify phrases and mark hits
struct FilterRecord {
  std::string raw_id;
  std::optional<std::string> date, reference, body;
  std::vector<std::string> speakers;
  std::vector<std::vector<uint32_t>> unit_speakers;  // [section][paragraph] -> speaker code
  std::string language;
  std::vector<std::string> page_languages;  // [page number - 1]
};

// The language a unit on `page` was indexed in: its page's, else the document's.
inline std::string_view UnitLanguage(const std::vector<std::string>& page_languages, std::string_view language, int page) {
  if (page >= 1 && static_cast<size_t>(page) <= page_languages.size() && !page_languages[page - 1].empty())
    return page_languages[page - 1];
  return language;
}

inline void AppendOptionalBytes(std::string* out, const std::optional<std::string>& v) {
  AppendVarint(out, v ? static_cast<uint32_t>(v->size()) + 1 : 0);
  if (v) out->append(*v);
}
inline bool ReadBytes(std::string_view* in, uint32_t n, std::string* out) {
  if (in->size() < n) return false;
  out->assign(in->data(), n);
  in->remove_prefix(n);
  return true;
}
inline bool ReadOptionalBytes(std::string_view* in, std::optional<std::string>* v) {
  uint32_t n = 0;
  if (!ReadVarint(in, &n)) return false;
  if (n == 0) {
    v->reset();
    return true;
  }
  v->emplace();
  return ReadBytes(in, n - 1, &**v);
}

inline std::string EncodeFilterRecord(const FilterRecord& r) {
  std::string out = r.raw_id;
  AppendOptionalBytes(&out, r.date);
  AppendOptionalBytes(&out, r.reference);
  AppendOptionalBytes(&out, r.body);
  AppendVarint(&out, static_cast<uint32_t>(r.speakers.size()));
  for (const auto& name : r.speakers) {
    AppendVarint(&out, static_cast<uint32_t>(name.size()));
    out.append(name);
  }
  AppendVarint(&out, static_cast<uint32_t>(r.unit_speakers.size()));
  for (const auto& section : r.unit_speakers) {
    AppendVarint(&out, static_cast<uint32_t>(section.size()));
    for (uint32_t code : section) AppendVarint(&out, code);
  }
  AppendVarint(&out, static_cast<uint32_t>(r.language.size()));
  out.append(r.language);
  AppendVarint(&out, static_cast<uint32_t>(r.page_languages.size()));
  for (const auto& language : r.page_languages) {
    AppendVarint(&out, static_cast<uint32_t>(language.size()));
    out.append(language);
  }
  return out;
}

// False when malformed: truncated, trailing bytes, or a speaker code naming
// no speaker. Counts are checked against the bytes left before allocating.
inline bool DecodeFilterRecord(std::string_view in, FilterRecord* r) {
  if (in.size() < kIdBytes) return false;
  r->raw_id.assign(in.data(), kIdBytes);
  in.remove_prefix(kIdBytes);
  if (!ReadOptionalBytes(&in, &r->date) || !ReadOptionalBytes(&in, &r->reference) || !ReadOptionalBytes(&in, &r->body))
    return false;
  uint32_t n = 0;
  if (!ReadVarint(&in, &n) || n > in.size()) return false;
  r->speakers.assign(n, std::string());
  for (auto& name : r->speakers) {
    uint32_t length = 0;
    if (!ReadVarint(&in, &length) || !ReadBytes(&in, length, &name)) return false;
  }
  if (!ReadVarint(&in, &n) || n > in.size()) return false;
  r->unit_speakers.assign(n, {});
  for (auto& section : r->unit_speakers) {
    uint32_t paragraphs = 0;
    if (!ReadVarint(&in, &paragraphs) || paragraphs > in.size()) return false;
    section.resize(paragraphs);
    for (auto& code : section)
      if (!ReadVarint(&in, &code) || code > r->speakers.size()) return false;
  }
  uint32_t length = 0;
  if (!ReadVarint(&in, &length) || !ReadBytes(&in, length, &r->language)) return false;
  if (!ReadVarint(&in, &n) || n > in.size()) return false;
  r->page_languages.assign(n, std::string());
  for (auto& language : r->page_languages)
    if (!ReadVarint(&in, &length) || !ReadBytes(&in, length, &language)) return false;
  return in.empty();
}

// speakers: speaker name (as printed) + 0x00 + be32
// document number -> empty, one per distinct paragraph speaker of a document.
// A speaker filter reads the numbers of the documents with a matching name
// here (skipping from name to name) instead of a filter record per candidate.
// A name holding 0x00 (never seen in real minutes) is keyed with 0x01 in its
// place, and Search takes every name holding 0x01 as a possible match: the
// index only narrows the documents, their filter records decide exactly.
inline std::string SpeakerKey(std::string_view name, uint32_t number) {
  std::string k(name);
  for (char& c : k)
    if (c == '\0') c = '\x01';
  k.push_back('\0');
  AppendBigEndian32(&k, number);
  return k;
}

// by_date: 0x01 + ISO date + 0x00 + id for dated documents, 0x02 + id for
// undated ones, so that a forward scan yields date order with undated last.
inline std::string ByDateKey(const std::optional<std::string>& date, std::string_view id) {
  std::string k;
  if (date && !date->empty()) {
    k.push_back('\x01');
    k.append(*date);
    k.push_back('\0');
  } else {
    k.push_back('\x02');
  }
  k.append(id);
  return k;
}

// by_ingest: ingested_at (ISO 8601 UTC) + 0x00 + id.
inline std::string ByIngestKey(std::string_view ingested_at, std::string_view id) {
  std::string k(ingested_at);
  k.push_back('\0');
  k.append(id);
  return k;
}

// refs: reference folded for search with white space removed + 0x00 + id.
inline std::string RefKey(std::string_view folded_reference, std::string_view id) {
  std::string k(folded_reference);
  k.push_back('\0');
  k.append(id);
  return k;
}

// The id is always the last kIdBytes of these index keys.
inline std::string_view TrailingId(std::string_view key) {
  return key.size() >= kIdBytes ? key.substr(key.size() - kIdBytes) : std::string_view();
}

// meta keys.
inline constexpr std::string_view kMetaSchemaVersion = "schema_version";
inline constexpr std::string_view kMetaUnits = "search_units";            // fixed64: indexed units
inline constexpr std::string_view kMetaUnitTerms = "search_unit_terms";   // fixed64: sum of unit lengths
inline constexpr std::string_view kMetaNextNumber = "next_document_number";  // fixed64: above every number used
// (schema 4) the languages with a stemmer that units were indexed in, sorted,
// joined by ',' ("en,sv"): Search stems a query in these. Never shrinks.
inline constexpr std::string_view kMetaLanguages = "search_languages";
inline std::vector<std::string> SplitLanguages(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    if (comma != 0) out.emplace_back(list.substr(0, comma));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}
// The union of two lists, sorted.
inline std::string JoinLanguages(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  std::string out;
  for (const auto& l : a) out += (out.empty() ? "" : ",") + l;
  return out;
}
// "source_path/" + raw id -> the absolute path the document's file was last ingested from.
inline std::string SourcePathKey(std::string_view raw_id) { return "source_path/" + std::string(raw_id); }
// "correction/" + be64 number -> a correction record (JSON, opaque to the store).
inline constexpr std::string_view kCorrectionPrefix = "correction/";
inline std::string CorrectionKey(uint64_t number) {
  std::string key(kCorrectionPrefix);
  AppendBigEndian32(&key, static_cast<uint32_t>(number >> 32));
  AppendBigEndian32(&key, static_cast<uint32_t>(number));
  return key;
}
inline constexpr std::string_view kMetaNextCorrection = "next_correction_number";  // fixed64

}  // namespace protokoll::store_internal
