// The page-label scanners (normalize/src/page_labels.h) against the
// std::regex patterns they replaced, on many random short lines built from
// the pieces labels are made of, and on lines far longer than std::regex's
// recursion survives.
#include "page_labels.h"

#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <string>
#include <vector>

namespace protokoll {
namespace {

// The patterns as normalize/src/layout.cc had them before issue 13.
bool RegexIsLabel(const std::string& text) {
  static const std::regex re(
      R"((\d{1,4}\s*\(\s*\d{1,4}\s*\))|((sida|side|sid\.|s\.|page|sivu|blad)\s*\d{1,4}(\s*(av|of|af|/|\()\s*\d{1,4}\)?)?)|(\d{1,4}\s*/\s*\d{1,4})|([-–]\s*\d{1,4}\s*[-–])|(\d{1,4}))",
      std::regex::icase | std::regex::optimize);
  if (!std::regex_match(text, re)) return false;
  static const std::regex pair(R"((\d+)\D+(\d+)\D*)");
  std::smatch m;
  if (std::regex_match(text, m, pair)) {
    long n = std::stol(m[1].str()), of = std::stol(m[2].str());
    return n >= 1 && n <= of && of < 1000;
  }
  return true;
}

bool RegexSplit(const std::string& text, std::string& rest, std::string& label) {
  static const std::regex re(
      R"(^(.*\S)\s+((\d{1,4}\s*\(\s*\d{1,4}\s*\))|((sida|side|page|sivu|blad)\s*\d{1,4}(\s*(av|of|af|/)\s*\d{1,4})?))$)",
      std::regex::icase | std::regex::optimize);
  std::smatch m;
  if (!std::regex_match(text, m, re)) return false;
  rest = m[1].str();
  label = m[2].str();
  return true;
}

bool RegexOwnLabel(const std::string& text, std::string& n, std::string& of) {
  static const std::regex own(R"(^.*\S\s+([0-9lIir|]{1,3})\s*\(\s*(\d{1,3})\s*\)$)");
  std::smatch m;
  if (!std::regex_match(text, m, own)) return false;
  n = m[1].str();
  of = m[2].str();
  return true;
}

TEST(PageLabels, AgreeWithTheRegexesTheyReplaced) {
  const std::vector<std::string> pieces = {"1",  "2",   "5",    "0",    "12",   "999", "2023", "12345", " ",
                                           "  ", "\t",  "\n",   "(",    ")",    "/",   "-",    "Sida",  "sida",
                                           "SIDE", "sid.", "s.", "Page", "of",  "av",  "AF",   "sivu",  "Blad",
                                           "x",  "Protokoll", "l", "I", "i",   "r",   "|",    "\xE2\x80\x93", "."};
  const std::vector<std::string> tails = {" 1 (5)", " l(2)", "  Sida 2", " sida 2 av 3", "\t3 ( 4 )", " I (1)",
                                          " 12/5", " page 10 of 12", " |(3)", " 2 (2)", " Blad 4/5", " 1234 (5)"};
  std::uniform_int_distribution<size_t> tail_piece(0, tails.size() - 1);
  std::mt19937 random(13);
  std::uniform_int_distribution<size_t> piece(0, pieces.size() - 1), count(1, 7);
  int labels = 0, splits = 0, owns = 0;
  for (int round = 0; round < 60000; ++round) {
    std::string text;
    for (size_t k = count(random); k > 0; --k) text += pieces[piece(random)];
    // Every other line ends in something close to a label, which random pieces rarely make.
    if (round % 2 == 1) text += tails[tail_piece(random)] + (round % 6 == 1 ? pieces[piece(random)] : "");
    SCOPED_TRACE("\"" + text + "\"");
    const bool label = RegexIsLabel(text);
    ASSERT_EQ(IsPageLabel(text), label);
    labels += label;

    std::string rest, tail, rest2, tail2;
    const bool split = RegexSplit(text, rest, tail);
    ASSERT_EQ(SplitTrailingPageLabel(text, rest2, tail2), split);
    if (split) {
      EXPECT_EQ(rest2, rest);
      EXPECT_EQ(tail2, tail);
      ++splits;
    }
    std::string n, of, n2, of2;
    const bool own = RegexOwnLabel(text, n, of);
    ASSERT_EQ(EndsWithOwnPageLabel(text, n2, of2), own);
    if (own) {
      EXPECT_EQ(n2, n);
      EXPECT_EQ(of2, of);
      ++owns;
    }
  }
  // The random lines must exercise every branch, not only the refusals.
  EXPECT_GT(labels, 100);
  EXPECT_GT(splits, 100);
  EXPECT_GT(owns, 20);
}

TEST(PageLabels, ExamplesFromMinutes) {
  EXPECT_TRUE(IsPageLabel("1 (5)"));
  EXPECT_TRUE(IsPageLabel("Sida 2 av 5"));
  EXPECT_TRUE(IsPageLabel("2/5"));
  EXPECT_FALSE(IsPageLabel("1/2023"));
  EXPECT_FALSE(IsPageLabel("6 (5)"));
  std::string rest, label;
  ASSERT_TRUE(SplitTrailingPageLabel("Protokoll 3/2025   Sida 2", rest, label));
  EXPECT_EQ(rest, "Protokoll 3/2025");
  EXPECT_EQ(label, "Sida 2");
  std::string n, of;
  ASSERT_TRUE(EndsWithOwnPageLabel("KOMMUNSTYRELSEN PROTOKOLL l(2)", n, of));
  EXPECT_EQ(n, "l");
  EXPECT_EQ(of, "2");
}

// std::regex overflowed the stack on lines of ~22,000 characters (issue 13).
TEST(PageLabels, LinesOfAMillionCharacters) {
  std::string word(1'000'000, 'a');
  std::string spaced;
  for (int i = 0; i < 200'000; ++i) spaced += "ab 1 ";
  std::string rest, label, n, of;
  EXPECT_FALSE(IsPageLabel(word));
  EXPECT_FALSE(SplitTrailingPageLabel(word, rest, label));
  EXPECT_FALSE(EndsWithOwnPageLabel(word, n, of));
  ASSERT_TRUE(SplitTrailingPageLabel(spaced + "x Sida 3", rest, label));
  EXPECT_EQ(label, "Sida 3");
  EXPECT_EQ(rest.size(), spaced.size() + 1);
  EXPECT_TRUE(EndsWithOwnPageLabel(spaced + "x 3 (4)", n, of));
}

}  // namespace
}  // namespace protokoll
