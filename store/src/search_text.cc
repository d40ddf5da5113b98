#include "search_text.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <memory>

#include "keys.h"
#include "protokoll/text.h"
#include "stemming.h"

namespace protokoll::store_internal {
namespace {

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

struct Span {
  int32_t start, end;  // UTF-16 offsets
};

// Whether the index term `term` (a word of a unit, folded and stemmed)
// is query word `w`.
bool WordMatches(const QueryWord& w, std::string_view term) {
  if (w.prefix) return term.substr(0, w.folded.size()) == w.folded;
  return std::find(w.terms.begin(), w.terms.end(), term) != w.terms.end();
}

// The query words (bit i: words[i]) that `term` is.
uint64_t MatchMask(const ParsedQuery& q, std::string_view term) {
  uint64_t mask = 0;
  for (size_t i = 0; i < q.words.size(); ++i)
    if (WordMatches(q.words[i], term)) mask |= uint64_t{1} << i;
  return mask;
}

// Word spans of `text` that are query words; the same breaking, folding and
// stemming as the index (SearchTerms, IndexTerms).
std::vector<Span> MatchingWords(const icu::UnicodeString& text, const ParsedQuery& query, std::string_view language) {
  thread_local std::unique_ptr<icu::BreakIterator> words = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale("sv"), status));
    if (U_FAILURE(status)) it.reset();
    return it;
  }();
  std::vector<Span> spans;
  if (!words) return spans;
  words->setText(text);
  int32_t start = words->first();
  for (int32_t end = words->next(); end != icu::BreakIterator::DONE; start = end, end = words->next()) {
    if (words->getRuleStatus() == UBRK_WORD_NONE) continue;
    icu::UnicodeString piece;
    text.extractBetween(start, end, piece);
    const std::string folded = FoldForSearch(ToUtf8(piece));
    if (!folded.empty() && MatchMask(query, Stem(folded, language)) != 0) spans.push_back({start, end});
  }
  return spans;
}

bool IsQuote(std::string_view text, size_t i, size_t* length) {
  static constexpr std::string_view kQuotes[] = {"\"", "\u201C", "\u201D", "\u201E"};  // " “ ” „
  for (std::string_view q : kQuotes)
    if (text.substr(i, q.size()) == q) {
      *length = q.size();
      return true;
    }
  return false;
}

struct Token {
  std::string text;
  bool quoted = false;
};

// Unquoted words split at white space; a quoted span is one token. An
// unclosed quote runs to the end.
std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0, quote = 0;
  auto space = [&](size_t k) { return text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\r'; };
  while (i < text.size()) {
    if (space(i)) {
      ++i;
      continue;
    }
    if (IsQuote(text, i, &quote)) {
      size_t j = i + quote, close = 0;
      while (j < text.size() && !IsQuote(text, j, &close)) ++j;
      tokens.push_back({std::string(text.substr(i + quote, j - i - quote)), true});
      i = j < text.size() ? j + close : j;
      continue;
    }
    size_t j = i;
    while (j < text.size() && !space(j) && !IsQuote(text, j, &quote)) ++j;
    tokens.push_back({std::string(text.substr(i, j - i)), false});
    i = j;
  }
  return tokens;
}

bool IsSpace(UChar c) { return u_isUWhiteSpace(c); }

}  // namespace

ParsedQuery ParseQuery(std::string_view text, const std::vector<std::string>& languages) {
  ParsedQuery q;
  std::vector<Token> tokens = Tokenize(text);
  bool join = false;  // the previous token was OR
  for (size_t t = 0; t < tokens.size(); ++t) {
    Token& token = tokens[t];
    // OR between two words is the operator; first or last it is a word.
    if (!token.quoted && token.text == "OR" && t > 0 && t + 1 < tokens.size() && !q.clauses.empty()) {
      join = true;
      continue;
    }
    bool prefix = false;
    while (!token.text.empty() && token.text.back() == '*') {
      prefix = true;
      token.text.pop_back();
    }
    std::vector<std::string> folded = SearchTerms(token.text);
    QueryGroup group;
    group.phrase = token.quoted || folded.size() > 1;
    for (size_t k = 0; k < folded.size(); ++k) {
      if (folded[k].empty() || folded[k].size() > kMaxTermBytes) continue;
      QueryWord w;
      w.folded = folded[k];
      w.prefix = prefix && k + 1 == folded.size();
      w.terms.push_back(w.folded);
      if (!w.prefix)
        for (const auto& language : languages) {
          std::string stem = Stem(w.folded, language);
          if (std::find(w.terms.begin(), w.terms.end(), stem) == w.terms.end()) w.terms.push_back(std::move(stem));
        }
      auto found = std::find(q.words.begin(), q.words.end(), w);
      if (found == q.words.end()) {
        if (q.words.size() == kMaxQueryWords) continue;
        found = q.words.insert(q.words.end(), std::move(w));
      }
      group.words.push_back(static_cast<uint32_t>(found - q.words.begin()));
    }
    if (group.words.size() < 2) group.phrase = false;
    if (group.words.empty()) {
      join = false;
      continue;
    }
    q.has_phrase = q.has_phrase || group.phrase;
    if (join) q.clauses.back().alternatives.push_back(std::move(group));
    else q.clauses.push_back(QueryClause{{std::move(group)}});
    join = false;
  }
  return q;
}

bool Satisfies(const ParsedQuery& query, uint64_t present) {
  for (const QueryClause& clause : query.clauses) {
    bool any = false;
    for (const QueryGroup& g : clause.alternatives) {
      bool all = true;
      for (uint32_t w : g.words) all = all && (present >> w & 1);
      any = any || all;
    }
    if (!any) return false;
  }
  return !query.clauses.empty();
}

bool MatchesText(const ParsedQuery& query, std::string_view text, std::string_view language) {
  std::vector<uint64_t> masks;  // per word of the text
  uint64_t present = 0;
  for (const std::string& term : IndexTerms(text, language)) {
    masks.push_back(MatchMask(query, term));
    present |= masks.back();
  }
  auto group_matches = [&](const QueryGroup& g) {
    if (!g.phrase) {
      for (uint32_t w : g.words)
        if (!(present >> w & 1)) return false;
      return true;
    }
    for (size_t at = 0; at + g.words.size() <= masks.size(); ++at) {
      size_t k = 0;
      while (k < g.words.size() && (masks[at + k] >> g.words[k] & 1)) ++k;
      if (k == g.words.size()) return true;
    }
    return false;
  };
  for (const QueryClause& clause : query.clauses)
    if (std::none_of(clause.alternatives.begin(), clause.alternatives.end(), group_matches)) return false;
  return !query.clauses.empty();
}

std::string MakeSnippet(std::string_view utf8, const ParsedQuery& query, std::string_view language, int width) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  // One line: a snippet is printed under the hit.
  for (int32_t k = 0; k < text.length(); ++k)
    if (text[k] == '\n' || text[k] == '\r' || text[k] == '\t') text.setCharAt(k, ' ');
  std::vector<Span> spans = MatchingWords(text, query, language);
  const int32_t length = text.length();
  int32_t begin = 0;
  if (!spans.empty()) {
    // Some context before the first hit, a word boundary as the cut.
    begin = std::max<int32_t>(0, spans.front().start - width / 3);
    if (begin > 0) {
      while (begin < spans.front().start && !IsSpace(text[begin - 1])) ++begin;
    }
  }
  int32_t end = std::min<int32_t>(length, begin + width);
  if (end < length) {
    int32_t cut = end;
    while (cut > begin && !IsSpace(text[cut - 1])) --cut;
    if (!spans.empty() && cut <= spans.front().end) cut = std::max(end, std::min(length, spans.front().end));
    if (cut > begin) end = cut;
  }
  icu::UnicodeString out;
  if (begin > 0) out.append(u'…');
  int32_t at = begin;
  for (const Span& s : spans) {
    if (s.end <= begin) continue;
    if (s.start >= end) break;
    int32_t from = std::max(s.start, begin), to = std::min(s.end, end);
    out.append(text, at, from - at);
    out.append(u'«');
    out.append(text, from, to - from);
    out.append(u'»');
    at = to;
  }
  out.append(text, at, end - at);
  // Trailing spaces before the ellipsis look like a rendering fault.
  while (out.length() > 0 && IsSpace(out[out.length() - 1])) out.truncate(out.length() - 1);
  if (end < length) out.append(u'…');
  return ToUtf8(out);
}

}  // namespace protokoll::store_internal
