// Query parsing, matching and snippets for Search. Words are broken, folded
// and stemmed the way the index was built (protokoll/text.h, stemming.h), so
// a query word matches exactly the words that produced the postings.
//
// A query is a conjunction of clauses: "vård budget" needs both words in a
// unit. A clause is one word or phrase, or several joined by the word OR
// ("hemtjänst OR färdtjänst"). A quoted phrase ("\"äldre vård\"") needs its
// words one after another; so does a word that breaks into several
// ("covid-19"). A trailing '*' makes a word a prefix ("vårdplats*").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace protokoll::store_internal {

// Query words beyond this many are ignored (a unit's words are a 64-bit set).
inline constexpr size_t kMaxQueryWords = 64;

struct QueryWord {
  std::string folded;              // as typed, folded ("vårdplatserna")
  std::vector<std::string> terms;  // the index terms it matches: its stems in the query's languages, and itself
  bool prefix = false;             // "vårdplats*": every index term starting with `folded`
  bool operator==(const QueryWord&) const = default;
};

// An alternative of a clause: all its words in a unit, with `phrase` one
// right after the other.
struct QueryGroup {
  std::vector<uint32_t> words;  // indexes into ParsedQuery::words
  bool phrase = false;
};

struct QueryClause {
  std::vector<QueryGroup> alternatives;  // any one of them
};

struct ParsedQuery {
  std::vector<QueryWord> words;
  std::vector<QueryClause> clauses;  // every one of them
  bool has_phrase = false;
  bool empty() const { return clauses.empty(); }
};

// `languages`: those whose stems of each word are searched (ISO 639-1).
ParsedQuery ParseQuery(std::string_view text, const std::vector<std::string>& languages);

// Whether a unit holding the query words in `present` (bit i: words[i])
// satisfies every clause, phrases taken as plain AND. Exact when the query
// has no phrase; otherwise MatchesText decides.
bool Satisfies(const ParsedQuery& query, uint64_t present);

// Whether `text`, indexed in `language`, satisfies the query, phrases included.
bool MatchesText(const ParsedQuery& query, std::string_view text, std::string_view language);

// About `width` characters of `text` around the first word matching a query
// word, every matching word marked «like this», "…" where text was cut. The
// start of the text when nothing matches.
std::string MakeSnippet(std::string_view text, const ParsedQuery& query, std::string_view language, int width = 160);

}  // namespace protokoll::store_internal
