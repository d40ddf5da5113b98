// Character-level normalization and folding (ICU). Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace protokoll {

inline constexpr std::string_view kSoftHyphen = "\xC2\xAD";  // U+00AD

// NFC; ligature glyphs (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ) expanded; NBSP and other spaces to
// ' '; runs of white space collapsed; zero-width and control characters
// dropped; soft hyphens (U+00AD) inside a line removed; hyphen look-alikes
// (U+2010, U+2011) to '-'. At the very end of the line a soft hyphen is
// kept (it marks a break the typesetter made, see kSoftHyphen) and a minus
// sign (U+2212) becomes '-', so that line-end repair sees every break hyphen.
// Private-use glyphs of symbol fonts become the character they show
// (U+F0B7, U+F0A7 and other bullets: '•'); other private-use characters and
// U+FFFD are dropped. Input need not be valid UTF-8; invalid sequences are
// dropped too.
std::string NormalizeLineText(std::string_view utf8);

// Search folding the way a Swedish reader expects: case folded, accents
// removed ("é" -> "e", "ü" -> "u") except that å, ä, ö (and æ, ø) stay
// letters of their own.
std::string FoldForSearch(std::string_view utf8);

// Words of a text for indexing, by ICU word breaking, each folded with
// FoldForSearch; punctuation and spaces dropped.
std::vector<std::string> SearchTerms(std::string_view utf8);

// Lower-/upper-cases with ICU (root locale); no other changes.
std::string ToLower(std::string_view utf8);
std::string ToUpper(std::string_view utf8);

}  // namespace protokoll
