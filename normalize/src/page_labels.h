// Internal to normalize: printed page labels ("1 (5)", "Sida 2 av 5",
// "2/5", "- 2 -"), recognised by hand-written scanners. They replace
// std::regex, whose matcher recurses once per character: a line of ~22,000
// characters overflowed the stack (issue 13). Every function here is linear
// in its input and does not recurse.
#pragma once

#include <string>
#include <string_view>

namespace protokoll {

// The whole text is a page label: "1 (5)", "Sida 2", "Sida 2 av 5",
// "s. 2", "Page 2 of 3", "2/5", "- 2 -", "2" (1 to 4 digits per number,
// words case-insensitive). "3 (5)" and "3/5" count only when they read as
// page n of m (n <= m < 1000): "1/2023" is a protocol number.
bool IsPageLabel(std::string_view text);

// A label printed at the end of a running line: "Protokoll 3/2025   Sida 2"
// gives rest "Protokoll 3/2025" and label "Sida 2". The label is "n (m)" or
// "sida|side|page|sivu|blad n [av|of|af|/ m]", after white space; the last
// such split wins. False (outputs untouched) when the line has none.
bool SplitTrailingPageLabel(std::string_view text, std::string& rest, std::string& label);

// A line ending in its own "n (m)" label after white space, as a header on
// one page prints it ("… PROTOKOLL 1(2)"); OCR may read the 1 as l, I, i, r
// or '|'. Sets `number` to n as printed (1 to 3 characters) and `of` to m
// (1 to 3 digits).
bool EndsWithOwnPageLabel(std::string_view text, std::string& number, std::string& of);

}  // namespace protokoll
