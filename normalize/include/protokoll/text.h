// Character-level normalization and folding (ICU). Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace protokoll {

// NFC; ligature glyphs (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ) expanded; NBSP and other spaces to
// ' '; runs of white space collapsed; zero-width and control characters
// dropped; soft hyphens (U+00AD) inside a line removed; hyphen look-alikes
// (U+2010, U+2011) to '-'. A soft hyphen at the very end is turned into '-'
// so that line-end repair treats it like any other break hyphen.
// Input need not be valid UTF-8; invalid sequences become U+FFFD.
std::string NormalizeLineText(std::string_view utf8);

// Search folding the way a Swedish reader expects: case folded, accents
// removed ("é" -> "e", "ü" -> "u") except that å, ä, ö (and æ, ø) stay
// letters of their own.
std::string FoldForSearch(std::string_view utf8);

// Words of a text for indexing, by ICU word breaking, each folded with
// FoldForSearch; punctuation and spaces dropped.
std::vector<std::string> SearchTerms(std::string_view utf8);

// Lower-cases with ICU (root locale); no other changes.
std::string ToLower(std::string_view utf8);

}  // namespace protokoll
