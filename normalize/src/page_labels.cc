#include "page_labels.h"

#include <array>
#include <cctype>

namespace protokoll {
namespace {

// The white space of std::regex's \s in the classic locale.
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A cursor over the text; every step moves forward, so a parse is linear.
struct Cursor {
  std::string_view s;
  size_t i = 0;

  bool AtEnd() const { return i == s.size(); }
  void SkipSpace() {
    while (i < s.size() && IsSpace(s[i])) ++i;
  }
  bool Char(char c) {
    if (i < s.size() && s[i] == c) return ++i, true;
    return false;
  }
  // A run of characters `accept` takes, min..max long. The whole run is
  // taken: what follows a number in these patterns is never a digit, so a
  // shorter match could not go on either.
  template <typename Accept>
  bool Run(size_t min, size_t max, Accept accept, std::string_view* out = nullptr) {
    const size_t start = i;
    while (i < s.size() && accept(s[i])) ++i;
    if (out) *out = s.substr(start, i - start);
    return i - start >= min && i - start <= max;
  }
  bool Digits(size_t min, size_t max, std::string_view* out = nullptr) { return Run(min, max, IsDigit, out); }
  // One of `words`, ASCII case-insensitively; the first that fits.
  template <size_t N>
  bool Word(const std::array<std::string_view, N>& words) {
    for (std::string_view w : words) {
      if (s.size() - i < w.size()) continue;
      bool same = true;
      for (size_t k = 0; k < w.size() && same; ++k)
        same = std::tolower(static_cast<unsigned char>(s[i + k])) == w[k];
      if (same) return i += w.size(), true;
    }
    return false;
  }
};

// None of these words is a prefix of another, so the first that fits is the only one.
constexpr std::array<std::string_view, 7> kLabelWords = {"sida", "side", "sid.", "s.", "page", "sivu", "blad"};
constexpr std::array<std::string_view, 5> kTrailingWords = {"sida", "side", "page", "sivu", "blad"};
constexpr std::array<std::string_view, 5> kOfWords = {"av", "of", "af", "/", "("};
constexpr std::array<std::string_view, 4> kTrailingOfWords = {"av", "of", "af", "/"};

// "n (m)" to the end.
bool NumberOfNumber(Cursor c) {
  if (!c.Digits(1, 4)) return false;
  c.SkipSpace();
  if (!c.Char('(')) return false;
  c.SkipSpace();
  if (!c.Digits(1, 4)) return false;
  c.SkipSpace();
  return c.Char(')') && c.AtEnd();
}

// "Sida n", "Sida n av m" to the end; `full`: the words and forms of a
// whole-line label (also "sid.", "s.", "Sida n (m)"), else those of a trailing one.
bool WordLabel(Cursor c, bool full) {
  if (full ? !c.Word(kLabelWords) : !c.Word(kTrailingWords)) return false;
  c.SkipSpace();
  if (!c.Digits(1, 4)) return false;
  if (c.AtEnd()) return true;
  c.SkipSpace();
  if (full ? !c.Word(kOfWords) : !c.Word(kTrailingOfWords)) return false;
  c.SkipSpace();
  if (!c.Digits(1, 4)) return false;
  if (full) c.Char(')');
  return c.AtEnd();
}

bool LabelShape(std::string_view text) {
  if (NumberOfNumber({text}) || WordLabel({text}, /*full=*/true)) return true;
  Cursor slash{text};
  if (slash.Digits(1, 4)) {
    if (slash.AtEnd()) return true;  // "2"
    slash.SkipSpace();
    if (slash.Char('/')) {
      slash.SkipSpace();
      if (slash.Digits(1, 4) && slash.AtEnd()) return true;
    }
  }
  Cursor dashes{text};
  if (!dashes.Char('-')) return false;
  dashes.SkipSpace();
  if (!dashes.Digits(1, 4)) return false;
  dashes.SkipSpace();
  return dashes.Char('-') && dashes.AtEnd();
}

// The last split of `text` into a prefix ending in a non-space character
// (with no line break in it), white space, and a suffix that `suffix`
// accepts: the split a greedy "^(.*\S)\s+(SUFFIX)$" finds. Returns the
// suffix's start, or npos.
template <typename Accept>
size_t LastSplit(std::string_view text, Accept suffix) {
  size_t line_break = text.find_first_of("\n\r");
  if (line_break == std::string_view::npos) line_break = text.size();
  for (size_t k = std::min(line_break, text.size() - 1); k >= 1; --k) {
    if (!IsSpace(text[k]) || IsSpace(text[k - 1])) continue;
    Cursor c{text, k};
    c.SkipSpace();
    if (suffix(c)) return c.i;
  }
  return std::string_view::npos;
}

}  // namespace

bool IsPageLabel(std::string_view text) {
  if (!LabelShape(text)) return false;
  // Two digit runs, the first at the start ("3 (5)", "3/5"): page n of m.
  Cursor c{text};
  std::string_view first, second;
  if (!c.Digits(1, 4, &first)) return true;
  while (!c.AtEnd() && !IsDigit(c.s[c.i])) ++c.i;
  if (!c.Digits(1, 4, &second) || second.empty()) return true;
  while (!c.AtEnd() && !IsDigit(c.s[c.i])) ++c.i;
  if (!c.AtEnd()) return true;
  const long n = std::stol(std::string(first)), of = std::stol(std::string(second));
  return n >= 1 && n <= of && of < 1000;
}

bool SplitTrailingPageLabel(std::string_view text, std::string& rest, std::string& label) {
  if (text.size() < 3) return false;
  const size_t at = LastSplit(text, [](const Cursor& c) { return NumberOfNumber(c) || WordLabel(c, false); });
  if (at == std::string_view::npos) return false;
  size_t end = at;
  while (end > 0 && IsSpace(text[end - 1])) --end;
  rest = std::string(text.substr(0, end));
  label = std::string(text.substr(at));
  return true;
}

bool EndsWithOwnPageLabel(std::string_view text, std::string& number, std::string& of) {
  if (text.size() < 3) return false;
  std::string_view n, m;
  auto own = [&](Cursor c) {
    auto marks = [](char ch) { return IsDigit(ch) || ch == 'l' || ch == 'I' || ch == 'i' || ch == 'r' || ch == '|'; };
    if (!c.Run(1, 3, marks, &n)) return false;
    c.SkipSpace();
    if (!c.Char('(')) return false;
    c.SkipSpace();
    if (!c.Digits(1, 3, &m)) return false;
    c.SkipSpace();
    return c.Char(')') && c.AtEnd();
  };
  if (LastSplit(text, own) == std::string_view::npos) return false;
  number = std::string(n);
  of = std::string(m);
  return true;
}

}  // namespace protokoll
