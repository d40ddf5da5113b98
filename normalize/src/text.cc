#include "protokoll/text.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>

namespace protokoll {
namespace {

const icu::Normalizer2* Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  return nfc;
}

const icu::Normalizer2* Nfd() {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  return nfd;
}

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// Ligature glyphs that NFC keeps but a reader (and a search) does not want.
const char16_t* LigatureExpansion(UChar32 c) {
  switch (c) {
    case 0xFB00: return u"ff";
    case 0xFB01: return u"fi";
    case 0xFB02: return u"fl";
    case 0xFB03: return u"ffi";
    case 0xFB04: return u"ffl";
    case 0xFB05: return u"st";
    case 0xFB06: return u"st";
    case 0x0132: return u"IJ";
    case 0x0133: return u"ij";
    default: return nullptr;
  }
}

// Symbol and Wingdings fonts draw their glyphs at private-use code points
// (U+F000 + the font's byte) when the PDF maps them to no Unicode: the
// bullets of Word lists. The character each one shows; other private-use
// code points show nothing a reader could type and are dropped.
const char16_t* SymbolFontGlyph(UChar32 c) {
  switch (c) {
    case 0xF0B7:  // Symbol bullet
    case 0xF0A7:  // Wingdings small square
    case 0xF06E:  // Wingdings black square
    case 0xF0A8:  // Wingdings square
    case 0xF076:  // Wingdings diamond bullet
    case 0xF0D8:  // Wingdings arrowhead
      return u"\u2022";
    case 0xF0FC: return u"\u2713";  // Wingdings check mark
    case 0xF02D: return u"-";       // Symbol minus (as a dash in lists)
    default: return nullptr;
  }
}

bool IsPrivateUse(UChar32 c) { return (c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000; }

bool IsSpaceLike(UChar32 c) {
  return c == ' ' || c == '\t' || c == 0x00A0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

bool IsInvisible(UChar32 c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF ||
         (c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0);
}

}  // namespace

std::string NormalizeLineText(std::string_view utf8) {
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString out;
  bool pending_space = false;
  bool ends_soft_hyphen = false;
  for (int32_t i = 0; i < in.length();) {
    UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if (IsSpaceLike(c)) {
      pending_space = !out.isEmpty();
      continue;
    }
    if (IsInvisible(c)) continue;
    // U+FFFD: a glyph without Unicode, or bytes that were no UTF-8. Nothing
    // is known of what it showed; ingest warns of the page (extractor.cc).
    if (c == 0xFFFD) continue;
    const char16_t* symbol = IsPrivateUse(c) ? SymbolFontGlyph(c) : nullptr;
    if (IsPrivateUse(c) && symbol == nullptr) continue;
    if (c == 0x00AD) {
      // Only a soft hyphen that ends the line is a break; elsewhere it is invisible.
      ends_soft_hyphen = true;
      continue;
    }
    ends_soft_hyphen = false;
    if (pending_space) {
      out.append(static_cast<UChar>(' '));
      pending_space = false;
    }
    if (symbol != nullptr) {
      out.append(icu::UnicodeString(symbol));
      continue;
    }
    if (c == 0x2010 || c == 0x2011) c = '-';
    if (const char16_t* lig = LigatureExpansion(c)) {
      out.append(icu::UnicodeString(lig));
      continue;
    }
    out.append(c);
  }
  // A minus sign at the end of a line is a hyphen drawn with the wrong glyph.
  if (!ends_soft_hyphen && out.length() > 1 && out.char32At(out.length() - 1) == 0x2212)
    out.setCharAt(out.length() - 1, u'-');
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString nfc = Nfc()->normalize(out, status);
  if (U_FAILURE(status)) nfc = out;
  std::string result = ToUtf8(nfc);
  if (ends_soft_hyphen && !result.empty()) result += kSoftHyphen;
  return result;
}

std::string FoldForSearch(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  s.foldCase();
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed = Nfd()->normalize(s, status);
  if (U_FAILURE(status)) return ToUtf8(s);
  icu::UnicodeString kept;
  UChar32 base = 0;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) {
      // å, ä, ö are letters of their own in Swedish: keep ring over a and
      // diaeresis over a/o; every other accent folds away ("é" -> "e").
      bool swedish_letter = (c == 0x030A && base == 'a') || (c == 0x0308 && (base == 'a' || base == 'o'));
      if (!swedish_letter) continue;
    } else {
      base = c;
    }
    kept.append(c);
  }
  status = U_ZERO_ERROR;
  icu::UnicodeString composed = Nfc()->normalize(kept, status);
  return ToUtf8(U_FAILURE(status) ? kept : composed);
}

std::vector<std::string> SearchTerms(std::string_view utf8) {
  // Creating a break iterator costs far more than using one: keep one per thread.
  thread_local std::unique_ptr<icu::BreakIterator> words = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale("sv"), status));
    if (U_FAILURE(status)) it.reset();
    return it;
  }();
  std::vector<std::string> terms;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (!words) return terms;
  words->setText(text);
  int32_t start = words->first();
  for (int32_t end = words->next(); end != icu::BreakIterator::DONE; start = end, end = words->next()) {
    if (words->getRuleStatus() == UBRK_WORD_NONE) continue;  // spaces and punctuation
    icu::UnicodeString piece;
    text.extractBetween(start, end, piece);
    std::string folded = FoldForSearch(ToUtf8(piece));
    if (!folded.empty()) terms.push_back(std::move(folded));
  }
  return terms;
}

std::string ToLower(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  s.toLower(icu::Locale::getRoot());
  return ToUtf8(s);
}

std::string ToUpper(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  s.toUpper(icu::Locale::getRoot());
  return ToUtf8(s);
}

}  // namespace protokoll
