// Language identification of page text. The identifier (cld2) stays in
// ingest/src/language.cc; callers see ISO 639-1 codes only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "protokoll/raw_document.h"

namespace protokoll {

struct LanguageGuess {
  std::string code;      // ISO 639-1 ("sv", "fi", "da", "nb", "nn", "en", ...); "" unknown
  int percent = 0;       // share of the text's letters in that language, 0..100
  bool reliable = false;  // the identifier's own judgement: clearly ahead of the runner-up
};

// The main language of UTF-8 text. Invalid UTF-8 and text without letters
// give code ""; text too short to tell neighbours apart (under ~100 letters)
// is never `reliable`. `hint`: the ISO 639-1 code the text is expected in
// (the document's language), which wins where the text is close between it
// and a neighbour. Thread safety: reentrant.
LanguageGuess IdentifyLanguage(std::string_view utf8_text, std::string_view hint = "");

// A page's words joined by spaces, lines by newlines: what IdentifyLanguage reads.
std::string PageText(const RawPage& page);

// The main language of the pages: the language with the most letters among
// pages whose language is set; "" when none is.
std::string MainLanguage(const std::vector<RawPage>& pages);

// Sets RawPage::language on every page that has text and none yet: the
// page's own language when the identifier is sure of it (read again with the
// document's main language as hint when it differs); otherwise (a signature
// page, a page of names and numbers) the document's main language, which is
// the better guess for a page too short to tell. Pages without text keep "".
void AssignPageLanguages(std::vector<RawPage>& pages);

}  // namespace protokoll
