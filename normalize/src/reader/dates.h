// Dates and times in any language with a word list: numeric forms
// ("2025-04-10", "10.4.2025", "4/10/2025", "10-04-2025") and written ones
// ("10 april 2025", "10. april 2025", "April 10, 2025", "10 huhtikuuta
// 2025"), month names from the lexicon. Times: "kl. 18.00", "18:00",
// "7:05 p.m.", "klo 17.00-19.30", "9.08 Uhr". Hand-written scanners, no
// std::regex (linear in the input).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "reader/lexicon.h"

namespace protokoll::reader {

struct FoundDate {
  std::string iso;  // "2025-04-10"
  size_t offset = 0, length = 0;  // in the searched text
  bool has_year = true;
};
// The first date in `text`. `month_first`: "4/10/2025" is April 10 (US).
// A date without a year takes `default_year` (0: such dates are skipped).
std::optional<FoundDate> FindDate(std::string_view text, const Lexicon& lexicon, bool month_first = false,
                                  int default_year = 0);

struct FoundTimes {
  std::optional<std::string> start, end;  // "HH:MM"
};
// Times in `text`: a range "18.00-20.15" gives both; a lone time gives start.
// A time needs a ':' or a time word around it (lexicon prose.time_words) or
// an a.m./p.m., so that "3.5" or "2.30 kr" are not times.
FoundTimes FindTimes(std::string_view text, const Lexicon& lexicon);

}  // namespace protokoll::reader
