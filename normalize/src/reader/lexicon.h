// Word lists per language (normalize/lexicon/<code>.txt, embedded at build
// time): field labels, month names, attendance and role words, decision and
// vote markers, reporting verbs, signature openers. The generic reader and
// the line features take every piece of language knowledge from here, so a
// new language is one data file (KEYS lists what it must define).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "protokoll/status.h"

namespace protokoll::reader {

class Lexicon {
 public:
  // Parses "key = value | value" lines; '#' starts a comment. Values are
  // lower-cased; a value ending in '*' matches any word it starts.
  static Result<Lexicon> Parse(std::string_view text, std::string code);

  const std::string& code() const { return code_; }
  bool Has(std::string_view key) const { return values_.count(std::string(key)) != 0; }
  // The values of `key` (empty when the key is missing).
  const std::vector<std::string>& Values(std::string_view key) const;

  // Where a value of `key` occurs in `lower` (lower-cased text) starting at a
  // word start and ending at a word end (or anywhere inside a word for
  // '*' values); the longest at the earliest position. npos when none.
  size_t Find(std::string_view key, std::string_view lower, size_t* length = nullptr) const;
  bool Contains(std::string_view key, std::string_view lower) const { return Find(key, lower) != std::string_view::npos; }
  // A value of `key` opens `lower` (after leading punctuation and spaces);
  // `length` receives the bytes up to the end of the value.
  bool StartsWith(std::string_view key, std::string_view lower, size_t* length = nullptr) const;
  // 1..12 for a month name or abbreviation (a trailing '.' allowed), else 0.
  int Month(std::string_view lower_word) const;

  // Adds every value of `other` (the union lexicon of all languages).
  void Merge(const Lexicon& other);

  // Every key's matches in one line at once, for callers that ask many keys
  // of the same line (the labeller's features): one pass over the line's
  // word starts instead of one per key. Same answers as Find/StartsWith.
  class LineMatches {
   public:
    size_t Find(int key, size_t* length = nullptr) const;
    bool Contains(int key) const { return Find(key) != std::string_view::npos; }
    bool StartsWith(int key, size_t* length = nullptr) const;

   private:
    friend class Lexicon;
    struct Match {
      uint32_t at = UINT32_MAX, length = 0, starts_length = 0;
    };
    std::vector<Match> by_key_;
  };
  // The id of `key` for LineMatches (-1 when the lexicon lacks it).
  int KeyId(std::string_view key) const;
  LineMatches MatchLine(std::string_view lower) const;

 private:
  // Values of each key by their first two bytes, so a lookup compares a
  // word start with the few values that can match it (the combined lexicon
  // has hundreds of values per key; every line is looked up many times).
  using FirstBytesIndex = std::unordered_map<uint16_t, std::vector<uint32_t>>;
  void BuildIndex();
  // The longest value of one key's index matching at byte `i` of `lower`.
  static size_t LongestAt(const FirstBytesIndex& index, const std::vector<std::string>& values, std::string_view lower,
                          size_t i);

  std::string code_;
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
  std::map<std::string, FirstBytesIndex, std::less<>> index_;
  // All keys at once: first two bytes -> (key id, value) for MatchLine.
  std::unordered_map<uint16_t, std::vector<std::pair<uint32_t, uint32_t>>> all_index_;
  std::vector<std::vector<std::string>> key_values_;  // by key id (a copy: Lexicon is copyable)
  std::map<std::string, int, std::less<>> key_ids_;
  std::vector<std::string> month_values_[12];  // months.1..12, for Month()
};

// The embedded word lists, by ISO 639-1 code ("sv", "da", "nb", "nn", "fi",
// "en", "de", "fr"). Null for a language without one. Thread-safe.
const Lexicon* LexiconFor(std::string_view code);
// All languages in one: used where the language is unknown, and for layout
// features that should not depend on a language guess.
const Lexicon& CombinedLexicon();
std::vector<std::string> LexiconLanguages();
// The keys every word list must define (normalize/lexicon/KEYS).
std::vector<std::string> LexiconKeys();
// The raw embedded text of one language's file ("" when none): for tests.
std::string_view LexiconSource(std::string_view code);

}  // namespace protokoll::reader
