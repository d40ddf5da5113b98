// The named library of item numberings the generic reader knows, parsed by
// hand (no std::regex: its recursion grows with the input): "3.", "3)",
// "§ 3", "3 §", "Punkt 3:", "Ad 3", "TOP 3", "Sak 12/2015", "1.1", "11a",
// Roman "IV.", letters "a)", case numbers "05-001". Keywords come from the
// word lists (item.keywords), so "Asia 3" or "Pkt. 3" need no code.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "reader/lexicon.h"

namespace protokoll::reader {

enum class NumberShape {
  kDotted,   // "3." "3)" "3:"
  kBare,     // "3 Title"
  kSection,  // "§ 3", "3 §", "§3"
  kKeyword,  // "Punkt 3", "TOP 3", "Ad 3:", "Item 3"
  kDecimal,  // "1.1", "2.3.1"
  kRoman,    // "IV." "IV)"
  kLetter,   // "a)" "b."
  kCase,     // "05-001", "12/2015"
};
inline constexpr int kNumberShapeCount = 8;

struct ItemNumber {
  NumberShape shape = NumberShape::kBare;
  std::string number;  // as the contract wants it: "3", "12a", "1.1", "IV", "05-001"
  std::string title;   // the rest of the line, trimmed of separators
  int value = -1;      // the leading integer (Roman converted), -1 when none
  int depth = 1;       // 2 for "1.1" and "11a", 3 for "1.1.1"
};

// The numbering at the start of `text`, or nullopt. `lexicon` supplies the
// keywords. A bare number needs a capitalised title after it; years,
// dates, times and amounts are not numbers of items.
std::optional<ItemNumber> ParseItemNumber(std::string_view text, const Lexicon& lexicon);

// OCR reads "195 §" as "1958" or "195&": when the first word of `text` is
// `number` and at most one more character, the rest of the line after it;
// otherwise nullopt.
std::optional<std::string_view> AfterGarbledNumber(std::string_view text, std::string_view number);

}  // namespace protokoll::reader
