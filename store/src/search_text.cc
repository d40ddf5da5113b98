#include "search_text.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <memory>

#include "keys.h"
#include "protokoll/text.h"

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

// Word spans of `text` whose folded form matches a query term; the same
// breaking rules as SearchTerms.
std::vector<Span> MatchingWords(const icu::UnicodeString& text, const std::vector<QueryTerm>& terms) {
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
    std::string folded = FoldForSearch(ToUtf8(piece));
    for (const auto& t : terms) {
      if (TermMatches(t, folded)) {
        spans.push_back({start, end});
        break;
      }
    }
  }
  return spans;
}

bool IsSpace(UChar c) { return u_isUWhiteSpace(c); }

}  // namespace

std::vector<QueryTerm> ParseQuery(std::string_view text) {
  std::vector<QueryTerm> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    size_t j = i;
    while (j < text.size() && !(text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r')) ++j;
    std::string_view word = text.substr(i, j - i);
    i = j;
    bool prefix = false;
    while (!word.empty() && word.back() == '*') {
      prefix = true;
      word.remove_suffix(1);
    }
    if (word.empty()) continue;
    std::vector<std::string> terms = SearchTerms(word);
    for (size_t k = 0; k < terms.size(); ++k) {
      if (terms[k].empty() || terms[k].size() > kMaxTermBytes) continue;
      QueryTerm q{terms[k], prefix && k + 1 == terms.size()};
      if (std::find(out.begin(), out.end(), q) == out.end()) out.push_back(std::move(q));
    }
  }
  return out;
}

bool TermMatches(const QueryTerm& query, std::string_view folded_word) {
  if (query.prefix) return folded_word.substr(0, query.term.size()) == query.term;
  return folded_word == query.term;
}

std::string MakeSnippet(std::string_view utf8, const std::vector<QueryTerm>& terms, int width) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  // One line: a snippet is printed under the hit.
  for (int32_t k = 0; k < text.length(); ++k)
    if (text[k] == '\n' || text[k] == '\r' || text[k] == '\t') text.setCharAt(k, ' ');
  std::vector<Span> spans = MatchingWords(text, terms);
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
