#include "reader/dates.h"

#include <cctype>
#include <cstdio>
#include <vector>

#include "protokoll/text.h"

namespace protokoll::reader {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

struct Token {
  std::string text;  // lower case
  size_t offset = 0, length = 0;
  bool number = false;
  int value = 0;
  char after = ' ';  // the byte right after the token
};

// Words and numbers of `lower`, with the byte that follows each.
std::vector<Token> Tokenize(std::string_view lower) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < lower.size()) {
    const unsigned char c = static_cast<unsigned char>(lower[i]);
    if (IsDigit(lower[i])) {
      size_t j = i;
      while (j < lower.size() && IsDigit(lower[j])) ++j;
      Token t{std::string(lower.substr(i, j - i)), i, j - i, true, 0, j < lower.size() ? lower[j] : ' '};
      t.value = t.length <= 4 ? std::stoi(t.text) : -1;
      tokens.push_back(std::move(t));
      i = j;
    } else if (std::isalpha(c) || c >= 0x80) {
      size_t j = i;
      while (j < lower.size() && (std::isalpha(static_cast<unsigned char>(lower[j])) ||
                                  static_cast<unsigned char>(lower[j]) >= 0x80) &&
             lower.compare(j, 3, "\u2013") != 0 && lower.compare(j, 2, "\u00a0") != 0)
        ++j;
      if (j == i) j = i + 1;
      tokens.push_back(Token{std::string(lower.substr(i, j - i)), i, j - i, false, 0, j < lower.size() ? lower[j] : ' '});
      i = j;
    } else {
      ++i;
    }
  }
  return tokens;
}

bool ValidDate(int y, int m, int d) { return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31; }

std::string Iso(int y, int m, int d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
  return buffer;
}

int FullYear(const Token& t) {
  if (t.length == 4) return t.value;
  if (t.length == 2) return t.value + (t.value < 70 ? 2000 : 1900);
  return -1;
}

// Numeric: Y-M-D, D.M.Y, D/M/Y (M/D/Y when month_first), D-M-Y.
std::optional<FoundDate> NumericAt(const std::vector<Token>& t, size_t k, bool month_first) {
  if (k + 2 >= t.size() || !t[k].number || !t[k + 1].number || !t[k + 2].number) return std::nullopt;
  const char s1 = t[k].after, s2 = t[k + 1].after;
  if (s1 != s2 || (s1 != '-' && s1 != '.' && s1 != '/')) return std::nullopt;
  if (t[k + 1].offset != t[k].offset + t[k].length + 1 || t[k + 2].offset != t[k + 1].offset + t[k + 1].length + 1)
    return std::nullopt;
  int y, m, d;
  if (t[k].length == 4) {
    y = t[k].value, m = t[k + 1].value, d = t[k + 2].value;
  } else {
    y = FullYear(t[k + 2]);
    int a = t[k].value, b = t[k + 1].value;
    if (t[k].length > 2 || t[k + 1].length > 2) return std::nullopt;
    const bool swap = (month_first && a <= 12 && b <= 31) || (b > 12 && a <= 12);
    m = swap ? a : b;
    d = swap ? b : a;
  }
  if (!ValidDate(y, m, d)) return std::nullopt;
  const size_t end = t[k + 2].offset + t[k + 2].length;
  return FoundDate{Iso(y, m, d), t[k].offset, end - t[k].offset, true};
}

// Written: "10 april 2025", "10. april", "april 10, 2025", "10 huhtikuuta 2025".
std::optional<FoundDate> WrittenAt(const std::vector<Token>& t, size_t k, const Lexicon& lexicon, int default_year) {
  auto year_at = [&](size_t i) { return i < t.size() && t[i].number && t[i].length == 4 ? t[i].value : 0; };
  if (t[k].number && t[k].value >= 1 && t[k].value <= 31 && t[k].length <= 2 && k + 1 < t.size() && !t[k + 1].number) {
    const int month = lexicon.Month(t[k + 1].text);
    if (month != 0) {
      int year = year_at(k + 2);
      const size_t last = year ? k + 2 : k + 1;
      if (!year) year = default_year;
      if (year && ValidDate(year, month, t[k].value))
        return FoundDate{Iso(year, month, t[k].value), t[k].offset, t[last].offset + t[last].length - t[k].offset,
                         year_at(k + 2) != 0};
    }
  }
  if (!t[k].number && k + 1 < t.size() && t[k + 1].number && t[k + 1].length <= 2) {
    const int month = lexicon.Month(t[k].text);
    // Only long month names lead ("may 5" yes, "mar 5" too; "a 5" no).
    if (month != 0 && t[k].length >= 3) {
      int year = year_at(k + 2);
      const size_t last = year ? k + 2 : k + 1;
      if (!year) year = default_year;
      if (year && ValidDate(year, month, t[k + 1].value))
        return FoundDate{Iso(year, month, t[k + 1].value), t[k].offset, t[last].offset + t[last].length - t[k].offset,
                         year_at(k + 2) != 0};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<FoundDate> FindDate(std::string_view text, const Lexicon& lexicon, bool month_first, int default_year) {
  const std::string lower = ToLower(text);
  const auto tokens = Tokenize(lower);
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (auto numeric = NumericAt(tokens, k, month_first)) return numeric;
    if (auto written = WrittenAt(tokens, k, lexicon, default_year)) return written;
  }
  return std::nullopt;
}

namespace {

struct TimeAt {
  int hour = -1, minute = 0;
  size_t end = 0;
  bool colon = false, meridiem = false;
};

// "18.00", "18:00", "7:05 p.m.", "9 am" at `i` (a digit).
TimeAt ScanTime(std::string_view s, size_t i) {
  TimeAt time;
  size_t j = i;
  while (j < s.size() && IsDigit(s[j])) ++j;
  if (j - i == 0 || j - i > 2) return time;
  // A digit or a '.'/':' with digits before: part of a date or a larger number.
  if (i > 0 && (IsDigit(s[i - 1]) || ((s[i - 1] == '.' || s[i - 1] == '/' || s[i - 1] == '-') && i > 1 && IsDigit(s[i - 2]))))
    return time;
  int hour = std::stoi(std::string(s.substr(i, j - i))), minute = 0;
  bool colon = false, has_minutes = false;
  if (j + 2 < s.size() && (s[j] == ':' || s[j] == '.') && IsDigit(s[j + 1]) && IsDigit(s[j + 2]) &&
      (j + 3 >= s.size() || !IsDigit(s[j + 3]))) {
    colon = s[j] == ':';
    minute = (s[j + 1] - '0') * 10 + (s[j + 2] - '0');
    has_minutes = true;
    j += 3;
    // "10.11.2025": a date, not a time.
    if (j + 1 < s.size() && (s[j] == '.' || s[j] == '/') && IsDigit(s[j + 1])) return time;
  }
  size_t k = j;
  while (k < s.size() && s[k] == ' ') ++k;
  bool meridiem = false;
  if (k + 1 < s.size() && (s[k] == 'a' || s[k] == 'p') &&
      (s[k + 1] == 'm' || (s[k + 1] == '.' && k + 2 < s.size() && s[k + 2] == 'm'))) {
    size_t e = k + (s[k + 1] == 'm' ? 2 : 3);
    if (e < s.size() && s[e] == '.') ++e;
    if (e >= s.size() || !std::isalpha(static_cast<unsigned char>(s[e]))) {
      meridiem = true;
      if (s[k] == 'p' && hour < 12) hour += 12;
      if (s[k] == 'a' && hour == 12) hour = 0;
      j = e;
    }
  }
  if (!has_minutes && !meridiem) return time;
  if (hour > 23 || minute > 59) return time;
  time.hour = hour, time.minute = minute, time.end = j, time.colon = colon, time.meridiem = meridiem;
  return time;
}

std::string Hhmm(const TimeAt& t) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", t.hour, t.minute);
  return buffer;
}

}  // namespace

FoundTimes FindTimes(std::string_view text, const Lexicon& lexicon) {
  const std::string lower = ToLower(text);
  FoundTimes found;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (!IsDigit(lower[i]) || (i > 0 && IsDigit(lower[i - 1]))) continue;
    TimeAt time = ScanTime(lower, i);
    if (time.hour < 0) continue;
    // A time word just before ("kl. 18.00", "klo 17", "at 7:00") or after ("9.08 Uhr").
    const std::string_view before = std::string_view(lower).substr(i >= 12 ? i - 12 : 0, i >= 12 ? 12 : i);
    const std::string_view after = std::string_view(lower).substr(time.end, 6);
    const bool word = lexicon.Contains("prose.time_words", before) || lexicon.StartsWith("prose.time_words", after);
    if (!time.colon && !time.meridiem && !word) {
      i = time.end;
      continue;
    }
    if (!found.start) {
      found.start = Hhmm(time);
      // A range: "18.00-20.15", "18.00 – 20.15", "kl. 15.00 til 17.00".
      size_t j = time.end;
      while (j < lower.size() && (lower[j] == ' ' || lower[j] == '-')) ++j;
      if (lower.compare(j, 3, "\u2013") == 0) j += 3;
      for (std::string_view joiner : {"til ", "till ", "to ", "bis ", "until ", "- "})
        if (lower.compare(j, joiner.size(), joiner) == 0) j += joiner.size();
      while (j < lower.size() && lower[j] == ' ') ++j;
      for (std::string_view word2 : {"kl. ", "kl ", "klo ", "klockan "})
        if (lower.compare(j, word2.size(), word2) == 0) j += word2.size();
      if (j < lower.size() && IsDigit(lower[j])) {
        TimeAt end = ScanTime(lower, j);
        if (end.hour >= 0) {
          found.end = Hhmm(end);
          return found;
        }
      }
      i = time.end;
      continue;
    }
    found.end = Hhmm(time);
    return found;
  }
  return found;
}

}  // namespace protokoll::reader
