#include "reader/lexicon.h"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <utility>

#include "protokoll/text.h"
#include "reader/embedded_data.h"

namespace protokoll::reader {
namespace {

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Bytes of a separator at `i` that is not part of a word: ASCII non-alnum,
// and the common non-ASCII punctuation (dashes, quotes, bullets, NBSP).
size_t SeparatorLength(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return (std::isalnum(c) != 0) ? 0 : 1;
  // Every listed separator starts with 0xC2 or 0xE2: letters (å, ø, ü…) are
  // answered without comparing (this runs for every byte of every line).
  if (c != 0xC2 && c != 0xE2) return 0;
  static constexpr std::string_view kPunct[] = {"\u2013", "\u2014", "\u2019", "\u201d", "\u201c", "\u00bb",
                                               "\u00ab", "\u2022", "\u00a0", "\u00b7", "\u2026", "\u00a7"};
  for (auto p : kPunct)
    if (s.compare(i, p.size(), p) == 0) return p.size();
  return 0;
}

bool WordStartAt(std::string_view s, size_t i) {
  if (i == 0) return true;
  // The byte before i ends a separator when it is ASCII non-alnum or the last
  // byte of a listed multi-byte separator.
  for (size_t back = 1; back <= 3 && back <= i; ++back) {
    const size_t length = SeparatorLength(s, i - back);
    if (length == back) return true;
    if (back == 1 && static_cast<unsigned char>(s[i - 1]) < 0x80) return length == 1;
  }
  return false;
}

bool WordEndAt(std::string_view s, size_t i) { return i >= s.size() || SeparatorLength(s, i) > 0; }

// Where `value` matches `lower` at `i`; its byte length, or 0.
size_t MatchAt(std::string_view lower, size_t i, std::string_view value) {
  const bool prefix = !value.empty() && value.back() == '*';
  if (prefix) value.remove_suffix(1);
  if (value.empty() || lower.compare(i, value.size(), value) != 0) return 0;
  size_t end = i + value.size();
  if (prefix) {
    while (end < lower.size() && SeparatorLength(lower, end) == 0) ++end;
    return end - i;
  }
  // A value may end in punctuation itself ("kl.", "j.nr"); then no word end is needed.
  const unsigned char last = static_cast<unsigned char>(value.back());
  if (last < 0x80 && std::isalnum(last) == 0) return value.size();
  return WordEndAt(lower, end) ? value.size() : 0;
}

}  // namespace

Result<Lexicon> Lexicon::Parse(std::string_view text, std::string code) {
  Lexicon lexicon;
  lexicon.code_ = std::move(code);
  int line_number = 0;
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++line_number;
    const size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = TrimView(line);
    if (line.empty()) continue;
    const size_t equals = line.find('=');
    if (equals == std::string_view::npos)
      return Status(ErrorCode::kUnreadable, "lexicon " + lexicon.code_ + " line " + std::to_string(line_number) +
                                                ": no '=' in \"" + std::string(line) + "\"");
    const std::string key(TrimView(line.substr(0, equals)));
    auto& values = lexicon.values_[key];
    std::string_view rest = line.substr(equals + 1);
    while (!rest.empty()) {
      const size_t bar = rest.find('|');
      const std::string_view value = TrimView(rest.substr(0, bar));
      rest.remove_prefix(bar == std::string_view::npos ? rest.size() : bar + 1);
      if (!value.empty()) values.push_back(ToLower(value));
    }
  }
  lexicon.BuildIndex();
  return lexicon;
}

namespace {
uint16_t FirstBytes(std::string_view s, size_t i) {
  const auto a = static_cast<unsigned char>(s[i]);
  const auto b = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
  return static_cast<uint16_t>(a << 8 | b);
}
}  // namespace

void Lexicon::BuildIndex() {
  index_.clear();
  all_index_.clear();
  key_values_.clear();
  key_ids_.clear();
  for (const auto& [key, values] : values_) {
    const auto id = static_cast<uint32_t>(key_values_.size());
    key_ids_[key] = static_cast<int>(id);
    key_values_.push_back(values);
    auto& index = index_[key];
    for (uint32_t v = 0; v < values.size(); ++v) {
      std::string_view value = values[v];
      if (value.back() == '*') value.remove_suffix(1);
      if (value.empty()) continue;
      if (value.size() == 1) {
        // One-byte values ("§" is two bytes; "h", "ad"...): index under every second byte.
        for (int b = 0; b < 256; ++b) {
          const auto bytes = static_cast<uint16_t>(static_cast<unsigned char>(value[0]) << 8 | b);
          index[bytes].push_back(v);
          all_index_[bytes].emplace_back(id, v);
        }
        continue;
      }
      index[FirstBytes(value, 0)].push_back(v);
      all_index_[FirstBytes(value, 0)].emplace_back(id, v);
    }
  }
  for (int month = 1; month <= 12; ++month) month_values_[month - 1] = Values("months." + std::to_string(month));
}

int Lexicon::KeyId(std::string_view key) const {
  auto found = key_ids_.find(key);
  return found == key_ids_.end() ? -1 : found->second;
}

Lexicon::LineMatches Lexicon::MatchLine(std::string_view lower) const {
  LineMatches matches;
  matches.by_key_.resize(key_values_.size());
  // Where StartsWith looks: after leading separators ("§" is a value, not one).
  size_t start = 0;
  while (start < lower.size()) {
    const size_t separator = SeparatorLength(lower, start);
    if (separator == 0 || lower.compare(start, 2, "\u00a7") == 0) break;
    start += separator;
  }
  for (size_t i = 0; i < lower.size(); ++i) {
    if (SeparatorLength(lower, i) > 0 && lower.compare(i, 2, "\u00a7") != 0) continue;
    if (!WordStartAt(lower, i)) continue;
    auto bucket = all_index_.find(FirstBytes(lower, i));
    if (bucket == all_index_.end()) continue;
    for (const auto& [key, value] : bucket->second) {
      auto& match = matches.by_key_[key];
      if (match.at != UINT32_MAX && match.at != i && i != start) continue;
      const size_t length = MatchAt(lower, i, key_values_[key][value]);
      if (length == 0) continue;
      if (match.at == UINT32_MAX || match.at == i) {
        match.at = static_cast<uint32_t>(i);
        match.length = std::max<uint32_t>(match.length, static_cast<uint32_t>(length));
      }
      if (i == start) match.starts_length = std::max<uint32_t>(match.starts_length, static_cast<uint32_t>(start + length));
    }
  }
  return matches;
}

size_t Lexicon::LineMatches::Find(int key, size_t* length) const {
  if (key < 0 || static_cast<size_t>(key) >= by_key_.size() || by_key_[key].at == UINT32_MAX)
    return std::string_view::npos;
  if (length) *length = by_key_[key].length;
  return by_key_[key].at;
}

bool Lexicon::LineMatches::StartsWith(int key, size_t* length) const {
  if (key < 0 || static_cast<size_t>(key) >= by_key_.size() || by_key_[key].starts_length == 0) return false;
  if (length) *length = by_key_[key].starts_length;
  return true;
}

size_t Lexicon::LongestAt(const FirstBytesIndex& index, const std::vector<std::string>& values,
                          std::string_view lower, size_t i) {
  auto bucket = index.find(FirstBytes(lower, i));
  if (bucket == index.end()) return 0;
  size_t best = 0;
  for (uint32_t v : bucket->second) best = std::max(best, MatchAt(lower, i, values[v]));
  return best;
}

const std::vector<std::string>& Lexicon::Values(std::string_view key) const {
  static const std::vector<std::string> kNone;
  auto found = values_.find(key);
  return found == values_.end() ? kNone : found->second;
}

size_t Lexicon::Find(std::string_view key, std::string_view lower, size_t* length) const {
  // One look-up of the key per call: Find runs for every line many times.
  auto index = index_.find(key);
  if (index == index_.end()) return std::string_view::npos;
  const auto& values = values_.find(key)->second;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (SeparatorLength(lower, i) > 0 && lower.compare(i, 2, "\u00a7") != 0) continue;
    if (!WordStartAt(lower, i)) continue;
    const size_t best = LongestAt(index->second, values, lower, i);
    if (best > 0) {
      if (length) *length = best;
      return i;
    }
  }
  return std::string_view::npos;
}

bool Lexicon::StartsWith(std::string_view key, std::string_view lower, size_t* length) const {
  size_t start = 0;
  while (start < lower.size()) {
    const size_t separator = SeparatorLength(lower, start);
    if (separator == 0) break;
    // "§" is a separator for word matching but a value of item.keywords.
    if (lower.compare(start, 2, "\u00a7") == 0) break;
    start += separator;
  }
  if (start >= lower.size()) return false;
  auto index = index_.find(key);
  if (index == index_.end()) return false;
  const size_t best = LongestAt(index->second, values_.find(key)->second, lower, start);
  if (best == 0) return false;
  if (length) *length = start + best;
  return true;
}

int Lexicon::Month(std::string_view word) const {
  while (!word.empty() && (word.back() == '.' || word.back() == ',')) word.remove_suffix(1);
  if (word.empty()) return 0;
  for (int month = 1; month <= 12; ++month)
    for (const auto& value : month_values_[month - 1])
      if (MatchAt(word, 0, value) == word.size()) return month;
  return 0;
}

void Lexicon::Merge(const Lexicon& other) {
  for (const auto& [key, values] : other.values_) {
    auto& mine = values_[key];
    for (const auto& value : values)
      if (std::find(mine.begin(), mine.end(), value) == mine.end()) mine.push_back(value);
  }
  BuildIndex();
}

namespace {

struct Registry {
  std::map<std::string, Lexicon, std::less<>> by_code;
  Lexicon combined;
};

const Registry& TheRegistry() {
  static const Registry registry = [] {
    Registry r;
    for (size_t i = 0; i < data::kLexiconCount; ++i) {
      auto parsed = Lexicon::Parse(data::kLexicons[i].second, std::string(data::kLexicons[i].first));
      // The files are checked by tests/segment_lexicon_test.cc; a file that
      // does not parse is left out rather than stopping the pipeline.
      if (!parsed.ok()) continue;
      r.combined.Merge(parsed.value());
      r.by_code.emplace(std::string(data::kLexicons[i].first), std::move(parsed.value()));
    }
    return r;
  }();
  return registry;
}

}  // namespace

const Lexicon* LexiconFor(std::string_view code) {
  const auto& registry = TheRegistry();
  auto found = registry.by_code.find(code);
  return found == registry.by_code.end() ? nullptr : &found->second;
}

const Lexicon& CombinedLexicon() { return TheRegistry().combined; }

std::vector<std::string> LexiconLanguages() {
  std::vector<std::string> codes;
  for (size_t i = 0; i < data::kLexiconCount; ++i) codes.emplace_back(data::kLexicons[i].first);
  return codes;
}

std::vector<std::string> LexiconKeys() {
  std::vector<std::string> keys;
  std::string_view text = data::kLexiconKeys;
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    std::string_view line = TrimView(text.substr(0, newline));
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (!line.empty() && line.front() != '#') keys.emplace_back(line);
  }
  return keys;
}

std::string_view LexiconSource(std::string_view code) {
  for (size_t i = 0; i < data::kLexiconCount; ++i)
    if (data::kLexicons[i].first == code) return data::kLexicons[i].second;
  return {};
}

}  // namespace protokoll::reader
