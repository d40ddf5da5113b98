// Query parsing and snippets for Search. Folding and word breaking are the
// ones the index was built with (protokoll/text.h), so a query term matches
// exactly the words that produced the postings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace protokoll::store_internal {

struct QueryTerm {
  std::string term;     // folded like the index (SearchTerms)
  bool prefix = false;  // the word ended in '*'
  bool operator==(const QueryTerm&) const = default;
};

// Words of a query, folded; "vårdplats*" -> {"vårdplats", prefix}. Duplicates
// removed; terms longer than the index keeps are dropped.
std::vector<QueryTerm> ParseQuery(std::string_view text);

bool TermMatches(const QueryTerm& query, std::string_view folded_word);

// About `width` characters of `text` around the first word matching one of
// `terms`, every matching word marked «like this», "…" where text was cut.
// The start of the text when nothing matches.
std::string MakeSnippet(std::string_view text, const std::vector<QueryTerm>& terms, int width = 160);

}  // namespace protokoll::store_internal
