#include "protokoll/layout.h"

#include <gtest/gtest.h>

#include <sstream>

namespace protokoll {
namespace {

RawLine MakeLine(const std::string& text, double x0, double y0, double size = 11) {
  RawLine line;
  std::istringstream words(text);
  std::string w;
  double x = x0;
  while (words >> w) {
    Word word;
    word.text = w;
    word.box = Box{x, y0, x + 6.0 * static_cast<double>(w.size()), y0 + size};
    word.font_size = size;
    x = word.box.x1 + 3;
    line.words.push_back(word);
  }
  line.box = Box{x0, y0, x, y0 + size};
  return line;
}

RawPage MakePage(int number, int of, const std::vector<std::string>& body, bool footer = true) {
  RawPage page;
  page.number = number;
  page.width = 595;
  page.height = 842;
  page.lines.push_back(MakeLine("Hälso- och sjukvårdsförvaltningen", 56, 40, 9));
  page.lines.push_back(MakeLine(std::to_string(number) + " (" + std::to_string(of) + ")", 500, 40, 9));
  page.lines.push_back(MakeLine("Styrning och stöd", 56, 52, 9));
  double y = 150;
  for (const auto& text : body) {
    page.lines.push_back(MakeLine(text, 56, y));
    y += 14;
  }
  if (footer) page.lines.push_back(MakeLine("Protokoll 3/2025 Sida " + std::to_string(number), 56, 800, 8));
  return page;
}

TEST(LayOutTest, RemovesRunningLinesAndLabelsKeepsThemOnPages) {
  RawDocument raw;
  raw.pages.push_back(MakePage(1, 3, {"MÖTESANTECKNINGAR HSN 2025-0125", "Första stycket."}));
  raw.pages.push_back(MakePage(2, 3, {"Andra sidans text."}));
  raw.pages.push_back(MakePage(3, 3, {"Tredje sidans text."}));
  LaidOutDocument laid = LayOut(raw);
  ASSERT_EQ(laid.pages.size(), 3u);
  for (int p = 0; p < 3; ++p) {
    EXPECT_EQ(laid.pages[p].label, std::to_string(p + 1) + " (3)");
    EXPECT_EQ(laid.pages[p].header, "Hälso- och sjukvårdsförvaltningen\nStyrning och stöd");
    EXPECT_EQ(laid.pages[p].footer, "Protokoll 3/2025 Sida " + std::to_string(p + 1));
  }
  std::vector<std::string> body;
  for (const auto& l : laid.lines) body.push_back(l.text);
  EXPECT_EQ(body, (std::vector<std::string>{"MÖTESANTECKNINGAR HSN 2025-0125", "Första stycket.",
                                            "Andra sidans text.", "Tredje sidans text."}));
  EXPECT_TRUE(laid.lines[0].first_on_page);
  EXPECT_FALSE(laid.lines[1].first_on_page);
  EXPECT_NEAR(laid.lines[1].gap_before, 3.0, 1e-9);
  EXPECT_DOUBLE_EQ(laid.body_font_size, 11);
}

TEST(LayOutTest, HeadingRepeatedInTheBodyIsNotAHeader) {
  RawDocument raw;
  for (int p = 1; p <= 3; ++p) {
    RawPage page = MakePage(p, 3, {"Beslut", "Text på sidan."}, false);
    raw.pages.push_back(page);
  }
  LaidOutDocument laid = LayOut(raw);
  int beslut = 0;
  for (const auto& l : laid.lines) beslut += l.text == "Beslut";
  EXPECT_EQ(beslut, 3);
}

TEST(LayOutTest, LabelOnTheHeaderLineIsSplitOff) {
  RawDocument raw;
  for (int p = 1; p <= 2; ++p) {
    RawPage page;
    page.number = p;
    page.width = 595;
    page.height = 842;
    page.lines.push_back(MakeLine("Hälso- och sjukvårdsförvaltningen " + std::to_string(p) + " (2)", 56, 40, 9));
    page.lines.push_back(MakeLine("Text " + std::to_string(p), 56, 200));
    raw.pages.push_back(page);
  }
  LaidOutDocument laid = LayOut(raw);
  EXPECT_EQ(laid.pages[1].label, "2 (2)");
  EXPECT_EQ(laid.pages[1].header, "Hälso- och sjukvårdsförvaltningen");
  ASSERT_EQ(laid.lines.size(), 2u);
}

TEST(LayOutTest, TabGapIsASpaceTouchingWordsAreNot) {
  RawDocument raw;
  RawPage page;
  page.number = 1;
  page.width = 595;
  page.height = 842;
  RawLine line = MakeLine("1 Inledning", 56, 300);
  line.words[0].space_after = false;
  line.words[1].box.x0 = 90;  // a tab stop away
  RawLine touching = MakeLine("slutenvård skapacitet", 56, 320);
  touching.words[0].space_after = false;
  touching.words[1].box.x0 = touching.words[0].box.x1 + 0.5;
  page.lines = {line, touching};
  raw.pages.push_back(page);
  LaidOutDocument laid = LayOut(raw);
  ASSERT_EQ(laid.lines.size(), 2u);
  EXPECT_EQ(laid.lines[0].text, "1 Inledning");
  EXPECT_EQ(laid.lines[1].text, "slutenvårdskapacitet");
}

TEST(LayOutTest, SinglePageLabelRemovedWithoutRepetition) {
  RawDocument raw;
  RawPage page;
  page.number = 1;
  page.width = 595;
  page.height = 842;
  page.lines.push_back(MakeLine("1 (5)", 500, 30));
  page.lines.push_back(MakeLine("Text", 56, 200));
  raw.pages.push_back(page);
  LaidOutDocument laid = LayOut(raw);
  EXPECT_EQ(laid.pages[0].label, "1 (5)");
  ASSERT_EQ(laid.lines.size(), 1u);
  EXPECT_EQ(laid.lines[0].text, "Text");
}

}  // namespace
}  // namespace protokoll
