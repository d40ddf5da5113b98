// Fuzzy title matching shared by the contents guide (reader/contents.cc) and
// the training labels (reader/training_labels.cc): text written twice in one
// document (a contents entry and its heading) or once by a person from the
// page image (gold) and once by a text layer or OCR (the line) differs in
// case, accents, punctuation and a few letters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace protokoll::reader {

// Letters and digits only, single spaces, case and accents folded.
std::string Fold(std::string_view text);

// The words of a folded text of three letters or more.
std::vector<std::string> Tokens(const std::string& folded);

// Two folded words are the same when equal, or (OCR and broken glyph maps
// lose or change a letter) when they share their first three letters and
// differ in length by at most one.
bool SameWord(const std::string& a, const std::string& b);

// Most of the folded `title`'s words are in `text`, its first word first,
// and little else is (a heading, not prose that mentions the same words).
bool MostWordsMatch(const std::string& text, const std::string& title);

// A line's folded title `text` is the folded `title`: one opens the other
// (titles wrap and contents entries are cut), or most of the title's words
// are on the line, the first one first, and little else.
bool SameTitle(const std::string& text, const std::string& title);

}  // namespace protokoll::reader
