// Snowball stemming (libstemmer) of folded words, by language, for the
// search index and queries. Private to store/: the index holds stems, so the
// stemmers' behaviour is part of the schema (keys.h, kSchemaVersion).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace protokoll::store_internal {

// Whether `language` (ISO 639-1) has a stemmer: sv, da, nb (and no, nn), fi, en, de, fr.
bool HasStemmer(std::string_view language);

// The stem of a word already folded with FoldForSearch, in `language`; the
// word itself when the language has none ("" included). Thread-safe (one
// stemmer per thread and language).
std::string Stem(std::string_view folded_word, std::string_view language);

// The index terms of a text in `language`: its words (SearchTerms), each stemmed.
std::vector<std::string> IndexTerms(std::string_view text, std::string_view language);

}  // namespace protokoll::store_internal
