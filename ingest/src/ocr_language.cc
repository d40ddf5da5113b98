#include "ocr_language.h"

namespace protokoll {

std::string OcrLanguagesFor(std::string_view iso) {
  // Debian's tesseract-ocr-* packages (scripts/packages.txt); nn reads with
  // the one Norwegian model there is.
  struct Model {
    std::string_view iso, model;
  };
  static constexpr Model kModels[] = {{"sv", "swe"}, {"da", "dan"}, {"nb", "nor"}, {"nn", "nor"},
                                      {"fi", "fin"}, {"de", "deu"}, {"fr", "fra"}};
  if (iso == "en") return "eng";
  for (const Model& m : kModels)
    if (m.iso == iso) return std::string(m.model) + "+eng";
  return "";
}

LanguageGuess ReadingLanguage(const std::vector<RawLine>& lines, std::string_view hint) {
  RawPage page;
  page.lines = lines;
  return IdentifyLanguage(PageText(page), hint);
}

OcrPoolOptions WithLanguages(const OcrPoolOptions& base, const std::string& languages) {
  OcrPoolOptions out = base;
  out.engine.languages = languages;
  const std::string first = languages.substr(0, languages.find('+'));
  if (first != "swe" && first != "eng") out.engine.lexicon = nullptr;
  return out;
}

std::string ReasonWithLanguages(std::string_view reason, std::string_view languages, std::string_view why) {
  std::string out(reason);
  out += "; ";
  out += languages;
  if (!why.empty()) {
    out += " (";
    out += why;
    out += ")";
  }
  return out;
}

}  // namespace protokoll
