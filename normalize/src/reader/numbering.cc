#include "reader/numbering.h"

#include <cctype>

#include "protokoll/text.h"

namespace protokoll::reader {
namespace {

constexpr std::string_view kSection = "\u00a7";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view SkipSpaces(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  return s;
}

// Separators between a number and its title: spaces, ':', '-', '–', '.'.
std::string_view SkipTitleSeparators(std::string_view s) {
  for (;;) {
    s = SkipSpaces(s);
    // '=' and '|' are OCR's readings of a dash or a rule beside the number.
    if (!s.empty() && (s.front() == ':' || s.front() == '-' || s.front() == '.' || s.front() == '=' || s.front() == '|')) {
      s.remove_prefix(1);
      continue;
    }
    if (s.rfind("\u2013", 0) == 0 || s.rfind("\u2014", 0) == 0) {
      s.remove_prefix(3);
      continue;
    }
    return s;
  }
}

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(s.front());
  if (c < 0x80) return std::isupper(c) != 0 || c == '"' || c == '\'' || c == '(';
  // Non-ASCII: upper when lower-casing changes it (Å, Ä, Ö, Æ, Ø, Ü...).
  const size_t length = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : 2;
  const std::string first(s.substr(0, length));
  return ToLower(first) != first || s.rfind("\u201c", 0) == 0 || s.rfind("\u201d", 0) == 0;
}

int RomanValue(std::string_view roman) {
  int total = 0, previous = 0;
  for (auto it = roman.rbegin(); it != roman.rend(); ++it) {
    int v = 0;
    switch (*it) {
      case 'I': v = 1; break;
      case 'V': v = 5; break;
      case 'X': v = 10; break;
      case 'L': v = 50; break;
      default: return -1;
    }
    total += v < previous ? -v : v;
    previous = std::max(previous, v);
  }
  return total;
}

// Digits with optional ".N" parts, a letter suffix or a "/YYYY" or "-NNN" case
// part. Returns the consumed length (0: no number).
size_t ScanNumber(std::string_view s, ItemNumber& out) {
  size_t i = 0;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i == 0 || i > 4) return 0;
  out.value = std::stoi(std::string(s.substr(0, i)));
  out.number = std::string(s.substr(0, i));
  out.depth = 1;
  // Decimal parts "1.1", "2.3.1" (not "10.11.2025", not "18.00").
  size_t end = i;
  int parts = 1;
  while (end + 1 < s.size() && s[end] == '.' && IsDigit(s[end + 1])) {
    size_t j = end + 1;
    while (j < s.size() && IsDigit(s[j])) ++j;
    const std::string_view part = s.substr(end + 1, j - end - 1);
    if (part.size() > 2 || (part.size() == 2 && part[0] == '0')) return 0;  // a date or a time
    ++parts;
    end = j;
  }
  if (parts > 1) {
    if (parts > 3) return 0;
    out.number = std::string(s.substr(0, end));
    out.depth = parts;
    out.shape = NumberShape::kDecimal;
    return end;
  }
  // Case numbers "05-001", "12/2015".
  if (end + 1 < s.size() && (s[end] == '-' || s[end] == '/') && IsDigit(s[end + 1])) {
    size_t j = end + 1;
    while (j < s.size() && IsDigit(s[j])) ++j;
    if (j - end - 1 >= 2 && j - end - 1 <= 4 && (j >= s.size() || !IsDigit(s[j]))) {
      // "10-11-2025" / "10/11/2025" are dates: a second separator follows.
      if (j < s.size() && (s[j] == '-' || s[j] == '/' || s[j] == '.') && j + 1 < s.size() && IsDigit(s[j + 1])) return 0;
      out.number = std::string(s.substr(0, j));
      out.shape = NumberShape::kCase;
      // The running number is the part that is not a year: "12/2015" -> 12,
      // "05-003" -> 3 (a year's file 3).
      const std::string second(s.substr(end + 1, j - end - 1));
      const int second_value = std::stoi(second);
      if (!(second.size() == 4 && second_value >= 1900 && second_value <= 2100)) out.value = second_value;
      return j;
    }
  }
  // A letter suffix "11a", "5 b" is not taken (too ambiguous), "11a" is.
  if (end < s.size() && std::islower(static_cast<unsigned char>(s[end])) &&
      (end + 1 >= s.size() || !std::isalpha(static_cast<unsigned char>(s[end + 1])))) {
    out.number += s[end];
    out.depth = 2;
    ++end;
  }
  return end;
}

std::optional<ItemNumber> Finish(ItemNumber number, std::string_view rest, bool needs_title_case) {
  rest = SkipTitleSeparators(rest);
  if (needs_title_case && !rest.empty() && !StartsUpper(rest)) return std::nullopt;
  number.title = std::string(rest);
  while (!number.title.empty() && (number.title.back() == ' ' || number.title.back() == ':')) number.title.pop_back();
  return number;
}

std::optional<ItemNumber> ParseAfterKeyword(std::string_view rest) {
  ItemNumber number;
  number.shape = NumberShape::kKeyword;
  rest = SkipSpaces(rest);
  if (rest.rfind(kSection, 0) == 0) rest = SkipSpaces(rest.substr(kSection.size()));
  if (rest.rfind("nr", 0) == 0 || rest.rfind("Nr", 0) == 0) rest = SkipSpaces(SkipTitleSeparators(rest.substr(2)));
  const size_t length = ScanNumber(rest, number);
  if (length == 0) return std::nullopt;
  if (number.shape != NumberShape::kCase && number.shape != NumberShape::kDecimal) number.shape = NumberShape::kKeyword;
  rest.remove_prefix(length);
  if (!rest.empty() && (rest.front() == '.' || rest.front() == ')' || rest.front() == ':')) rest.remove_prefix(1);
  if (!rest.empty() && !IsSpace(rest.front())) return std::nullopt;
  return Finish(number, rest, false);
}

std::optional<ItemNumber> ParseBracketed(std::string_view text) {
  const char close = text.front() == '(' ? ')' : ']';
  std::string_view inner = text.substr(1);
  if (!inner.empty() && inner.front() == '*') inner.remove_prefix(1);
  ItemNumber number;
  number.shape = NumberShape::kBare;
  const size_t length = ScanNumber(inner, number);
  if (length == 0 || length >= inner.size() || inner[length] != close) return std::nullopt;
  if (number.shape == NumberShape::kBare) number.shape = NumberShape::kDotted;
  if (number.value > 300 && number.shape != NumberShape::kCase) return std::nullopt;
  std::string_view rest = inner.substr(length + 1);
  if (!rest.empty() && !IsSpace(rest.front())) return std::nullopt;
  return Finish(number, rest, true);
}

bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }

std::optional<ItemNumber> ParseUpperLetter(std::string_view text) {
  if (text.size() < 4 || !IsUpperAscii(text[0])) return std::nullopt;
  ItemNumber number;
  // "A. Title", "B) Title": a capital title must follow (not "A. Smith" alone:
  // the title needs two words).
  if ((text[1] == '.' || text[1] == ')') && IsSpace(text[2])) {
    const std::string_view rest = SkipSpaces(text.substr(2));
    if (rest.find(' ') == std::string_view::npos) return std::nullopt;
    number.shape = NumberShape::kLetter;
    number.number = std::string(1, text[0]);
    number.value = text[0] - 'A' + 1;
    return Finish(number, rest, true);
  }
  // "A1 Title", "B12 Title" (a section letter and a number).
  size_t i = 1;
  while (i < text.size() && i < 4 && IsDigit(text[i])) ++i;
  if (i == 1 || i >= text.size() || !IsSpace(text[i])) return std::nullopt;
  number.shape = NumberShape::kCase;
  number.number = std::string(text.substr(0, i));
  number.value = std::stoi(std::string(text.substr(1, i - 1)));
  return Finish(number, text.substr(i), true);
}

}  // namespace

std::optional<ItemNumber> ParseItemNumber(std::string_view text, const Lexicon& lexicon) {
  text = SkipSpaces(text);
  if (text.empty()) return std::nullopt;
  // "§ 3 Title", "§3."
  if (text.rfind(kSection, 0) == 0) {
    ItemNumber number;
    std::string_view rest = SkipSpaces(text.substr(kSection.size()));
    const size_t length = ScanNumber(rest, number);
    if (length == 0) return std::nullopt;
    number.shape = NumberShape::kSection;
    rest.remove_prefix(length);
    if (!rest.empty() && (rest.front() == '.' || rest.front() == ':')) rest.remove_prefix(1);
    if (!rest.empty() && !IsSpace(rest.front())) return std::nullopt;
    return Finish(number, rest, false);
  }
  // A keyword from the word lists: "Punkt 3:", "TOP 3", "Ad 3", "Sak 12/2015".
  const std::string lower = ToLower(text.substr(0, std::min<size_t>(text.size(), 40)));
  size_t keyword_length = 0;
  if (!IsDigit(text.front()) && lexicon.StartsWith("item.keywords", lower, &keyword_length) &&
      keyword_length < lower.size()) {
    std::string_view rest = text.substr(keyword_length);
    if (!rest.empty() && rest.front() == '.') rest.remove_prefix(1);  // "Pkt. 3"
    if (auto parsed = ParseAfterKeyword(rest)) return parsed;
  }
  // Roman "IV. Title", "II) Title".
  size_t roman = 0;
  while (roman < text.size() && roman < 6 && std::string_view("IVXL").find(text[roman]) != std::string_view::npos) ++roman;
  if (roman > 0 && roman < text.size() && (text[roman] == '.' || text[roman] == ')') &&
      (roman + 1 >= text.size() || IsSpace(text[roman + 1]))) {
    ItemNumber number;
    number.shape = NumberShape::kRoman;
    number.number = std::string(text.substr(0, roman));
    number.value = RomanValue(number.number);
    if (number.value > 0 && number.value <= 40) return Finish(number, text.substr(roman + 1), true);
  }
  // A letter "a) Title" / "b. Title".
  if (text.size() >= 3 && std::islower(static_cast<unsigned char>(text[0])) && (text[1] == ')' || text[1] == '.') &&
      IsSpace(text[2])) {
    ItemNumber number;
    number.shape = NumberShape::kLetter;
    number.number = std::string(1, text[0]);
    number.value = text[0] - 'a' + 1;
    return Finish(number, text.substr(2), true);
  }
  // Bracketed "(3) Title", "[3] Title", "(05-003) Title"; a '*' inside
  // ("(*05-004)") marks a consent item in US minutes.
  if (text.front() == '(' || text.front() == '[') return ParseBracketed(text);
  // An upper-case letter "A. Title" / "B) Title", or a letter code "A1 Title".
  if (auto lettered = ParseUpperLetter(text)) return lettered;
  if (!IsDigit(text.front())) return std::nullopt;
  ItemNumber number;
  number.shape = NumberShape::kBare;
  const size_t length = ScanNumber(text, number);
  if (length == 0) return std::nullopt;
  std::string_view rest = text.substr(length);
  if (number.shape == NumberShape::kBare) {
    if (!rest.empty() && (rest.front() == '.' || rest.front() == ')' || rest.front() == ':')) {
      number.shape = NumberShape::kDotted;
      rest.remove_prefix(1);
    } else if (SkipSpaces(rest).rfind(kSection, 0) == 0) {  // "3 § Title"
      number.shape = NumberShape::kSection;
      rest = SkipSpaces(rest).substr(kSection.size());
    }
  }
  if (!rest.empty() && !IsSpace(rest.front())) return std::nullopt;
  // Years and amounts are no item numbers; a bare number wants a capital.
  if (number.value > 300 && number.shape != NumberShape::kCase) return std::nullopt;
  const bool needs_case = number.shape == NumberShape::kBare || number.shape == NumberShape::kDotted ||
                          number.shape == NumberShape::kDecimal;
  return Finish(number, rest, needs_case);
}

std::optional<std::string_view> AfterGarbledNumber(std::string_view text, std::string_view number) {
  text = SkipSpaces(text);
  const size_t space = text.find(' ');
  if (number.empty() || space == std::string_view::npos || space > number.size() + 1 || text.rfind(number, 0) != 0)
    return std::nullopt;
  return SkipTitleSeparators(text.substr(space + 1));
}

}  // namespace protokoll::reader
