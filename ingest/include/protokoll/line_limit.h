// Characters per line. Later stages match patterns against whole lines, and
// a line of ~22,000 characters once overflowed the stack there (issue 13);
// real minutes never print a line of more than a few hundred. A longer line
// (a minified blob, a .txt without line breaks, a hostile PDF) is split into
// lines of at most the limit, set one below the other like wrapped text.
#pragma once

#include <cstddef>

#include "protokoll/raw_document.h"

namespace protokoll {

// The default of ExtractOptions::max_line_chars and the cap normalize keeps
// when it joins pieces of a printed line.
inline constexpr size_t kDefaultMaxLineChars = 2000;

// Code points of the line as text: its words and the spaces between them.
size_t LineChars(const RawLine& line);

// Splits every line of more than `max_chars` code points (`max_chars` >= 16)
// at word breaks, a word longer than the limit at code point boundaries.
// The pieces stand one below the other at the line's left edge; the lines
// below move down and the page grows by the space the pieces take. Adds one
// kTooLarge warning per page it changed. Returns the lines split.
size_t SplitLongLines(RawDocument& doc, size_t max_chars = kDefaultMaxLineChars);

}  // namespace protokoll
