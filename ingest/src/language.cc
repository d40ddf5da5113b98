// Language identification with cld2 (Compact Language Detector 2): fast,
// thread safe, no model files to load, and it knows every language of the
// Nordic archives, which is why it was chosen over n-gram profiles of our own.
#include "protokoll/language.h"

// cld2's header uses FILE without including <cstdio>.
#include <cstdio>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <map>

namespace protokoll {
namespace {

// cld2's codes are ISO 639-1 where one exists, with a few old or private
// ones: "no" is what Norwegians write in Bokmål (nn is separate), "iw" and
// "in" are the pre-1989 codes of Hebrew and Indonesian, "xxx" unknown.
std::string IsoCode(CLD2::Language language) {
  if (language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::TG_UNKNOWN_LANGUAGE) return "";
  std::string code = CLD2::LanguageCode(language);
  if (code == "no") return "nb";
  if (code == "iw") return "he";
  if (code == "in") return "id";
  if (code == "un" || code == "xxx" || code.empty()) return "";
  return code;
}

// Letters (cld2's text bytes) below which a page's own guess is not trusted.
constexpr int kMinLettersToTell = 100;

}  // namespace

LanguageGuess IdentifyLanguage(std::string_view utf8_text, std::string_view hint) {
  LanguageGuess guess;
  if (utf8_text.empty()) return guess;
  CLD2::Language language3[3];
  int percent3[3] = {0, 0, 0};
  double scores3[3];
  int text_bytes = 0, valid_prefix = 0;
  bool reliable = false;
  // cld2 knows Bokmål by its old code only.
  const std::string hint_code = hint == "nb" ? "no" : std::string(hint);
  const CLD2::CLDHints hints = {hint_code.empty() ? nullptr : hint_code.c_str(), nullptr, CLD2::UNKNOWN_ENCODING,
                                CLD2::UNKNOWN_LANGUAGE};
  // CheckUTF8: text layers of damaged PDFs are not guaranteed valid UTF-8.
  CLD2::Language top = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      utf8_text.data(), static_cast<int>(utf8_text.size()), /*is_plain_text=*/true, &hints, /*flags=*/0, language3,
      percent3, scores3, /*resultchunkvector=*/nullptr, &text_bytes, &reliable, &valid_prefix);
  guess.code = IsoCode(top);
  if (guess.code.empty()) return guess;
  guess.percent = language3[0] == top ? percent3[0] : 0;
  // cld2 calls a single heading reliable ("Bilaga Stadsstyrelsen" is Danish
  // to it); a line or two of letters is not enough to tell neighbours apart.
  guess.reliable = reliable && text_bytes >= kMinLettersToTell;
  return guess;
}

std::string PageText(const RawPage& page) {
  std::string text;
  for (const auto& line : page.lines) {
    for (const auto& w : line.words) {
      text += w.text;
      text += ' ';
    }
    text += '\n';
  }
  return text;
}

namespace {

size_t TextBytes(const RawPage& page) {
  size_t bytes = 0;
  for (const auto& line : page.lines)
    for (const auto& w : line.words) bytes += w.text.size();
  return bytes;
}

// The language with the most text among the pages `counts` accepts.
template <typename Counts>
std::string MainLanguageOf(const std::vector<RawPage>& pages, Counts counts) {
  std::map<std::string, size_t> amount;
  for (size_t i = 0; i < pages.size(); ++i)
    if (!pages[i].language.empty() && counts(i)) amount[pages[i].language] += TextBytes(pages[i]);
  std::string best;
  size_t best_amount = 0;
  for (const auto& [code, bytes] : amount)
    if (bytes > best_amount) best = code, best_amount = bytes;
  return best;
}

}  // namespace

std::string MainLanguage(const std::vector<RawPage>& pages) {
  return MainLanguageOf(pages, [](size_t) { return true; });
}

void AssignPageLanguages(std::vector<RawPage>& pages) {
  std::vector<bool> open(pages.size(), false), unsure(pages.size(), false);
  for (size_t i = 0; i < pages.size(); ++i) {
    RawPage& page = pages[i];
    if (!page.language.empty() || page.lines.empty()) continue;  // decided before (by OCR), or no text
    open[i] = true;
    LanguageGuess guess = IdentifyLanguage(PageText(page));
    page.language = guess.code;  // an unsure guess is kept when the document offers nothing better
    unsure[i] = !guess.reliable;
  }
  const std::string main = MainLanguageOf(pages, [&](size_t i) { return !unsure[i]; });
  if (main.empty()) return;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (!open[i] || pages[i].language == main) continue;
    if (unsure[i]) {
      pages[i].language = main;
      continue;
    }
    // A page split between the document's language and a neighbour (Swedish
    // with Norwegian-looking words) is read again with the document's
    // language as a hint; a page really in another language (a Finnish
    // appendix) stays in it.
    LanguageGuess again = IdentifyLanguage(PageText(pages[i]), main);
    if (again.reliable) pages[i].language = again.code;
  }
}

}  // namespace protokoll
