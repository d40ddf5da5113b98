// Internal to ingest: which Tesseract models read a page, from the language
// of its text (language.h). The first reading of a document uses the
// configured default (swe+eng); a page identified in another language is
// read with that language's model, which reads it far better (a Danish scan:
// CER 0.016 with swe against 0.001 with dan, issue 14).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ocr_pool.h"
#include "protokoll/language.h"

namespace protokoll {

// The Tesseract language set for text in `iso` (ISO 639-1): the language's
// model with English for the English words minutes quote ("dan+eng"),
// "eng" for English; "" when no model is known for the language.
std::string OcrLanguagesFor(std::string_view iso);

// The language of an OCR reading's words; `hint` as for IdentifyLanguage.
LanguageGuess ReadingLanguage(const std::vector<RawLine>& lines, std::string_view hint = "");

// `base` reading in `languages` instead. The dictionary that judges whether a
// reading needs the whole language set is Swedish and English: on any other
// language it would call every page bad, so there confidence alone judges.
OcrPoolOptions WithLanguages(const OcrPoolOptions& base, const std::string& languages);

// "no_text_layer; dan+eng (document language da)": the method reason with
// the language set that read the page and why it was chosen.
std::string ReasonWithLanguages(std::string_view reason, std::string_view languages, std::string_view why);

}  // namespace protokoll
