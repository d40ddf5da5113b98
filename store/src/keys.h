// Key and value encodings of the store's column families. docs/storage.md
// is the specification; this header is its implementation, and the two must
// change together (with kSchemaVersion).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace protokoll::store_internal {

// Bumped whenever a key or value encoding changes meaning. Open() refuses a
// database of another version instead of misreading it.
inline constexpr int kSchemaVersion = 1;

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

// postings: term + 0x00 + id -> the units of that document containing the
// term. Terms never contain 0x00, so all postings of a term (and of every
// term with a given prefix) are adjacent. One key per (term, document)
// rather than per (term, unit): fewer keys to insert, and Remove deletes a
// posting by key instead of scanning for it.
inline std::string PostingKey(std::string_view term, std::string_view id) {
  std::string k;
  k.reserve(term.size() + 1 + id.size());
  k.append(term);
  k.push_back('\0');
  k.append(id);
  return k;
}

// A posting value is a sequence of entries, one per unit:
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

}  // namespace protokoll::store_internal
