// Plain text input: decoding, pages and the synthetic monospace geometry.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "protokoll/extractor.h"
#include "protokoll/line_limit.h"
#include "test_support.h"
#include "../ingest/src/text_input.h"

namespace protokoll {
namespace {

// These tests are about the text path: the per-page OCR decision (tested
// with the OCR code) stays out of the way.
using testing::TextOnly;

RawDocument ExtractText(const std::string& bytes, const std::string& name = "notes.txt") {
  Extractor extractor(TextOnly(), NullLogger());
  auto doc = extractor.ExtractBytes(bytes, name);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? std::move(doc).value() : RawDocument{};
}

using testing::LineText;

constexpr double kChar = 6, kLine = 12, kMargin = 36;

TEST(IngestTextInput, GridGeometry) {
  RawDocument doc = ExtractText("Rubrik\n\n  Indragen rad\nNästa\n");
  EXPECT_EQ(doc.media_type, "text/plain");
  ASSERT_EQ(doc.pages.size(), 1u);
  const RawPage& page = doc.pages[0];
  EXPECT_EQ(page.number, 1);
  EXPECT_DOUBLE_EQ(page.width, 595);
  EXPECT_DOUBLE_EQ(page.height, 842);
  EXPECT_EQ(page.method, PageMethod::kText);
  ASSERT_EQ(page.lines.size(), 3u);
  // Row 0, row 2 (the blank line still advances y), row 3.
  EXPECT_DOUBLE_EQ(page.lines[0].box.y0, kMargin);
  EXPECT_DOUBLE_EQ(page.lines[1].box.y0, kMargin + 2 * kLine);
  EXPECT_DOUBLE_EQ(page.lines[2].box.y0, kMargin + 3 * kLine);
  // Two leading spaces shift x by two cells; "Indragen" is 8 cells wide.
  const Word& indented = page.lines[1].words[0];
  EXPECT_EQ(indented.text, "Indragen");
  EXPECT_DOUBLE_EQ(indented.box.x0, kMargin + 2 * kChar);
  EXPECT_DOUBLE_EQ(indented.box.x1, kMargin + 10 * kChar);
  EXPECT_DOUBLE_EQ(indented.font_size, 10);
  EXPECT_TRUE(indented.space_after);
  EXPECT_DOUBLE_EQ(page.lines[1].words[1].box.x0, kMargin + 11 * kChar);
  // "Nästa" is five characters, not six bytes.
  EXPECT_DOUBLE_EQ(page.lines[2].words[0].box.x1, kMargin + 5 * kChar);
  // The blank line separates blocks; adjacent lines share one.
  EXPECT_NE(page.lines[0].block, page.lines[1].block);
  EXPECT_EQ(page.lines[1].block, page.lines[2].block);
}

TEST(IngestTextInput, BomAndCrlf) {
  RawDocument doc = ExtractText("\xef\xbb\xbfM\xc3\xb6te\r\nrad tv\xc3\xa5\r\n");
  ASSERT_EQ(doc.pages.size(), 1u);
  ASSERT_EQ(doc.pages[0].lines.size(), 2u);
  EXPECT_EQ(LineText(doc.pages[0].lines[0]), "Möte");
  EXPECT_EQ(LineText(doc.pages[0].lines[1]), "rad två");
}

TEST(IngestTextInput, Windows1252Fallback) {
  // "Mötet öppnades – kl 13" in Windows-1252 (0x96 is an en dash there).
  RawDocument doc = ExtractText("M\xf6tet \xf6ppnades \x96 kl 13\n");
  ASSERT_EQ(doc.pages.size(), 1u);
  ASSERT_EQ(doc.pages[0].lines.size(), 1u);
  EXPECT_EQ(LineText(doc.pages[0].lines[0]), "Mötet öppnades – kl 13");
}

// One stray byte in a UTF-8 file costs that byte alone (issue 13): the
// other lines keep their UTF-8, and the document says what was guessed.
TEST(IngestTextInput, InvalidUtf8IsDecodedPerSequence) {
  auto decoded = DecodeText("M\xc3\xb6te i V\xe4ster\xe5s\nOrdf\xc3\xb6rande\n\xed\xa0\x80 rad\n");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->utf8, "Möte i Västerås\nOrdförande\ní\xc2\xa0€ rad\n");
  EXPECT_EQ(decoded->encoding, TextEncoding::kWindows1252);
  EXPECT_EQ(decoded->foreign_bytes, 5u);
  EXPECT_EQ(decoded->foreign_lines, 2u);
  RawDocument doc = ExtractText("M\xc3\xb6te i V\xe4ster\xe5s\n");
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_EQ(doc.warnings[0].code, ErrorCode::kUnreadable);
  EXPECT_NE(doc.warnings[0].message.find("Windows-1252"), std::string::npos);
}

// Lines beyond the characters-per-line limit are split, text kept (issue 13).
TEST(IngestTextInput, LongLinesAreSplit) {
  std::string long_line;
  for (int i = 0; i < 3000; ++i) long_line += "ord" + std::to_string(i % 10) + " ";
  long_line += std::string(5000, 'x');
  RawDocument doc = ExtractText("Rubrik\n" + long_line + "\nSlut\n");
  ASSERT_EQ(doc.pages.size(), 1u);
  const auto& lines = doc.pages[0].lines;
  size_t chars = 0;
  for (const auto& line : lines) {
    EXPECT_LE(LineChars(line), kDefaultMaxLineChars);
    chars += LineChars(line);
  }
  EXPECT_GT(lines.size(), 10u);
  EXPECT_EQ(LineText(lines.back()), "Slut");
  // The pieces stand one below the other, and the last line below them all.
  for (size_t i = 1; i < lines.size(); ++i) EXPECT_GT(lines[i].box.y0, lines[i - 1].box.y0);
  EXPECT_GE(chars, long_line.size() - 3000);  // every character kept; spaces at the breaks dropped
  ASSERT_FALSE(doc.warnings.empty());
  EXPECT_EQ(doc.warnings[0].code, ErrorCode::kTooLarge);
  EXPECT_EQ(doc.warnings[0].page, 1);
}

TEST(IngestTextInput, Utf16WithBom) {
  std::string utf16le("\xff\xfeH\0\xe4\0j\0\n\0", 10);  // "Häj\n"
  RawDocument doc = ExtractText(utf16le);
  ASSERT_EQ(doc.pages.size(), 1u);
  ASSERT_EQ(doc.pages[0].lines.size(), 1u);
  EXPECT_EQ(LineText(doc.pages[0].lines[0]), "Häj");
}

TEST(IngestTextInput, FormFeedStartsAPage) {
  RawDocument doc = ExtractText("Sida ett\n\fSida tv\xc3\xa5\nmer\n\f");
  ASSERT_EQ(doc.pages.size(), 2u);  // the trailing form feed opens no page
  EXPECT_EQ(doc.pages[0].number, 1);
  EXPECT_EQ(doc.pages[1].number, 2);
  ASSERT_EQ(doc.pages[1].lines.size(), 2u);
  EXPECT_EQ(LineText(doc.pages[1].lines[0]), "Sida två");
  EXPECT_DOUBLE_EQ(doc.pages[1].lines[0].box.y0, kMargin);  // each page starts at the top
}

TEST(IngestTextInput, LongPagesGrowTallerAndWider) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "rad " + std::to_string(i) + "\n";
  text += std::string(150, 'x') + "\n";
  RawDocument doc = ExtractText(text);
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_DOUBLE_EQ(doc.pages[0].height, 2 * kMargin + 101 * kLine);
  EXPECT_DOUBLE_EQ(doc.pages[0].width, 2 * kMargin + 150 * kChar);
  for (const RawLine& line : doc.pages[0].lines) {
    EXPECT_LE(line.box.y1, doc.pages[0].height);
    EXPECT_LE(line.box.x1, doc.pages[0].width);
  }
}

TEST(IngestTextInput, TabsAdvanceToTabStops) {
  RawDocument doc = ExtractText("a\tb\n");
  ASSERT_EQ(doc.pages.size(), 1u);
  ASSERT_EQ(doc.pages[0].lines[0].words.size(), 2u);
  EXPECT_DOUBLE_EQ(doc.pages[0].lines[0].words[1].box.x0, kMargin + 8 * kChar);
}

TEST(IngestTextInput, UppercaseExtensionIsText) {
  RawDocument doc = ExtractText("Hej\n", "NOTES.TXT");
  EXPECT_EQ(doc.media_type, "text/plain");
  EXPECT_EQ(doc.pages.size(), 1u);
}

TEST(IngestTextInput, CorpusMeetingNotes) {
  const std::string path = testing::CorpusFile("se-region-stockholm/HSN-2025-0125-motesanteckningar.txt");
  if (path.empty()) GTEST_SKIP() << "corpus file not present";
  Extractor extractor(TextOnly(), NullLogger());
  auto doc = extractor.ExtractFile(path);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->media_type, "text/plain");
  EXPECT_EQ(doc->file_name, "HSN-2025-0125-motesanteckningar.txt");
  ASSERT_FALSE(doc->pages.empty());
  std::string all;
  size_t lines = 0;
  for (const RawPage& page : doc->pages) {
    double last_y = -1;
    for (const RawLine& line : page.lines) {
      ++lines;
      EXPECT_GT(line.box.y0, last_y);  // top to bottom
      last_y = line.box.y0;
      all += LineText(line) + "\n";
    }
  }
  EXPECT_GT(lines, 20u);
  EXPECT_NE(all.find("MÖTESANTECKNINGAR"), std::string::npos) << all.substr(0, 500);
  EXPECT_NE(all.find("HSN 2025-0125"), std::string::npos);
}

}  // namespace
}  // namespace protokoll
