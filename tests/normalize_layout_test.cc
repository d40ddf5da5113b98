#include "protokoll/layout.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_support.h"

namespace protokoll {
namespace {

RawPage MakePage(int number, int of, const std::vector<std::string>& body, bool footer = true) {
  RawPage page;
  page.number = number;
  page.width = 595;
  page.height = 842;
  page.lines.push_back(testing::MakeRawLine("Hälso- och sjukvårdsförvaltningen", 56, 40, 9));
  page.lines.push_back(testing::MakeRawLine(std::to_string(number) + " (" + std::to_string(of) + ")", 500, 40, 9));
  page.lines.push_back(testing::MakeRawLine("Styrning och stöd", 56, 52, 9));
  double y = 150;
  for (const auto& text : body) {
    page.lines.push_back(testing::MakeRawLine(text, 56, y));
    y += 14;
  }
  if (footer) page.lines.push_back(testing::MakeRawLine("Protokoll 3/2025 Sida " + std::to_string(number), 56, 800, 8));
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
    page.lines.push_back(testing::MakeRawLine("Hälso- och sjukvårdsförvaltningen " + std::to_string(p) + " (2)", 56, 40, 9));
    page.lines.push_back(testing::MakeRawLine("Text " + std::to_string(p), 56, 200));
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
  RawLine line = testing::MakeRawLine("1 Inledning", 56, 300);
  line.words[0].space_after = false;
  line.words[1].box.x0 = 90;  // a tab stop away
  RawLine touching = testing::MakeRawLine("slutenvård skapacitet", 56, 320);
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
  page.lines.push_back(testing::MakeRawLine("1 (5)", 500, 30));
  page.lines.push_back(testing::MakeRawLine("Text", 56, 200));
  raw.pages.push_back(page);
  LaidOutDocument laid = LayOut(raw);
  EXPECT_EQ(laid.pages[0].label, "1 (5)");
  ASSERT_EQ(laid.lines.size(), 1u);
  EXPECT_EQ(laid.lines[0].text, "Text");
}


RawPage EmptyPage(int number) {
  RawPage page;
  page.number = number;
  page.width = 595;
  page.height = 842;
  return page;
}

std::vector<std::string> BodyTexts(const LaidOutDocument& laid) {
  std::vector<std::string> body;
  for (const auto& l : laid.lines) body.push_back(l.text);
  return body;
}

// A speaker's tag that happens to start several pages also stands in the
// middle of others: body text, not a running header.
TEST(LayOutTest, SpeakerTagStartingPagesStaysInTheBody) {
  RawDocument raw;
  for (int p = 1; p <= 8; ++p) {
    RawPage page = EmptyPage(p);
    page.lines.push_back(testing::MakeRawLine("○委員長（平山たかお）", 56, 60));
    page.lines.push_back(testing::MakeRawLine("Text " + std::to_string(p), 56, 200));
    if (p % 2 == 0) page.lines.push_back(testing::MakeRawLine("○委員長（平山たかお）", 56, 400));
    raw.pages.push_back(page);
  }
  LaidOutDocument laid = LayOut(raw);
  const auto body = BodyTexts(laid);
  EXPECT_EQ(std::count(body.begin(), body.end(), "○委員長（平山たかお）"), 12);
  for (const auto& page : laid.pages) EXPECT_FALSE(page.header.has_value());
}

// A protocol's cover header stands on its two cover pages only, the topmost
// line of both; the § pages have their own running header.
TEST(LayOutTest, CoverHeaderOnTwoPagesIsRemoved) {
  RawDocument raw;
  for (int p = 1; p <= 8; ++p) {
    RawPage page = EmptyPage(p);
    if (p <= 2) page.lines.push_back(testing::MakeRawLine("Protokoll 2/2023", 71, 78));
    else page.lines.push_back(testing::MakeRawLine("Protokoll " + std::to_string(10 + p) + " § 28.03.2023 Sida", 71, 78));
    page.lines.push_back(testing::MakeRawLine("Text " + std::to_string(p), 71, 200));
    raw.pages.push_back(page);
  }
  LaidOutDocument laid = LayOut(raw);
  EXPECT_EQ(laid.pages[0].header, "Protokoll 2/2023");
  EXPECT_EQ(laid.pages[1].header, "Protokoll 2/2023");
  EXPECT_EQ(laid.pages[5].header, "Protokoll 16 § 28.03.2023 Sida");
  ASSERT_EQ(laid.lines.size(), 8u);
  EXPECT_EQ(laid.lines[0].text, "Text 1");
}

// An attachment printed twice repeats its first lines on two pages; those are
// copies of body text, not running lines.
TEST(LayOutTest, LinesRepeatedOnCopiedPagesStayInTheBody) {
  RawDocument raw;
  for (int p = 1; p <= 8; ++p) {
    RawPage page = EmptyPage(p);
    if (p == 2 || p == 6) {
      page.lines.push_back(testing::MakeRawLine("Anhållan till personalsektionen", 70, 72));
      page.lines.push_back(testing::MakeRawLine("Vi anhåller om att sektionen", 70, 200));
      page.lines.push_back(testing::MakeRawLine("behandlar frågan om lönerna", 70, 214));
      page.lines.push_back(testing::MakeRawLine("vid sitt nästa möte.", 70, 228));
    } else {
      page.lines.push_back(testing::MakeRawLine("Text " + std::to_string(p), 70, 200));
    }
    raw.pages.push_back(page);
  }
  LaidOutDocument laid = LayOut(raw);
  const auto body = BodyTexts(laid);
  EXPECT_EQ(std::count(body.begin(), body.end(), "Anhållan till personalsektionen"), 2);
}

// A header on the only page with a text layer carries its own "n(m)" label.
TEST(LayOutTest, HeaderWithItsOwnPageLabelOnOnePage) {
  RawDocument raw;
  RawPage first = EmptyPage(1);
  first.lines.push_back(testing::MakeRawLine("Stenålderns samfällighetsförening PROTOKOLL 1(2)", 56, 40));
  first.lines.push_back(testing::MakeRawLine("Datum", 56, 200));
  raw.pages.push_back(first);
  raw.pages.push_back(EmptyPage(2));
  LaidOutDocument laid = LayOut(raw);
  EXPECT_EQ(laid.pages[0].header, "Stenålderns samfällighetsförening PROTOKOLL");
  EXPECT_EQ(laid.pages[0].label, "1(2)");
  EXPECT_EQ(BodyTexts(laid), std::vector<std::string>{"Datum"});
}

// Browser prints emit the right half of the running line first.
TEST(LayOutTest, RunningLinePiecesInReverseStreamOrder) {
  RawDocument raw;
  for (int p = 1; p <= 3; ++p) {
    RawPage page = EmptyPage(p);
    page.lines.push_back(testing::MakeRawLine("会議録表示", 318, 16));
    page.lines.push_back(testing::MakeRawLine("2024/11/05 1:34", 24, 16));
    page.lines.push_back(testing::MakeRawLine("Text " + std::to_string(p), 56, 200));
    raw.pages.push_back(page);
  }
  LaidOutDocument laid = LayOut(raw);
  EXPECT_EQ(laid.pages[0].header, "2024/11/05 1:34 会議録表示");
  EXPECT_EQ(laid.lines.size(), 3u);
}


// Words at explicit x positions on one line of a 12 pt font, each flagged as followed by a space.
RawLine SpacedLine(const std::vector<std::pair<std::string, double>>& words_at, double width_per_char, double y) {
  RawLine line;
  for (const auto& [text, x] : words_at) {
    Word word;
    word.text = text;
    word.box = Box{x, y, x + width_per_char * static_cast<double>(text.size()), y + 12};
    word.font_size = 12;
    word.space_after = true;
    line.words.push_back(word);
  }
  line.box = Box{line.words.front().box.x0, y, line.words.back().box.x1, y + 12};
  return line;
}

// Letter-spaced text comes as one-letter words: evenly spaced letters rejoin
// into words, and word spaces, wider than the letters' spacing, stay.
TEST(LayOutTest, LetterSpacedTextIsRejoined) {
  std::vector<std::pair<std::string, double>> words;
  double x = 100;
  for (std::string part : {"O", "fficial"}) {
    words.push_back({part, x});
    x += 6.0 * static_cast<double>(part.size()) + 0.8;
  }
  x += 5;  // a word space
  words.push_back({"of", x});
  x += 12 + 5.5;
  for (std::string part : {"Cleve", "l", "a", "n", "d"}) {
    words.push_back({part, x});
    x += 6.0 * static_cast<double>(part.size()) + 0.8;
  }
  RawPage page = EmptyPage(1);
  page.lines.push_back(SpacedLine(words, 6, 300));
  // Ordinary one-letter words at ordinary word spaces are left alone.
  page.lines.push_back(SpacedLine({{"a", 100}, {"b", 109}, {"c", 118}, {"och", 127}}, 6, 320));
  RawDocument raw;
  raw.pages.push_back(page);
  LaidOutDocument laid = LayOut(raw);
  EXPECT_EQ(BodyTexts(laid), (std::vector<std::string>{"Official of Cleveland", "a b c och"}));
}

// Wide gaps make cells. Three cells, or two whose break lines up with a
// neighbour's, are table rows; prose with one short cell far to its right
// carries a side note, even when the extractor emits that cell a block later.
TEST(LayOutTest, TableRowsAndSideNotes) {
  RawPage page = EmptyPage(1);
  auto add = [&](RawLine line, int block) {
    line.block = block;
    page.lines.push_back(std::move(line));
  };
  add(SpacedLine({{"Namn", 60}, {"Uppdrag", 200}, {"Närvaro", 340}}, 6, 200), 1);
  add(SpacedLine({{"Anna", 60}, {"Berg", 90}, {"ordförande", 200}, {"[X]", 340}}, 6, 216), 1);
  add(SpacedLine({{"Datum", 60}, {"2025-04-14", 200}}, 6, 260), 2);
  add(SpacedLine({{"Plats", 60}, {"Stadshuset", 200}}, 6, 276), 2);
  add(SpacedLine({{"Styrelsen", 60}, {"beslutar", 120}, {"att", 172}, {"teckna", 196}, {"avtal.", 240}}, 6, 320), 3);
  add(SpacedLine({{"Tid", 60}, {"Kl", 200}, {"13", 216}}, 6, 360), 4);
  add(SpacedLine({{"klasserna.", 60}, {".", 200}, {":", 210}}, 6, 400), 5);
  add(SpacedLine({{"BG", 470}}, 6, 320), 6);  // the side note, a block of its own, emitted late
  RawDocument raw;
  raw.pages.push_back(page);
  LaidOutDocument laid = LayOut(raw);
  ASSERT_EQ(BodyTexts(laid), (std::vector<std::string>{"Namn Uppdrag Närvaro", "Anna Berg ordförande [X]",
                                                       "Datum 2025-04-14", "Plats Stadshuset",
                                                       "Styrelsen beslutar att teckna avtal. BG", "Tid Kl 13",
                                                       "klasserna. . :"}));
  const auto& lines = laid.lines;
  EXPECT_TRUE(lines[0].table_row);
  EXPECT_EQ(lines[0].cells.size(), 2u);
  EXPECT_TRUE(lines[1].table_row);
  ASSERT_EQ(lines[1].cells.size(), 2u);
  EXPECT_EQ(lines[1].text.substr(lines[1].cells[0].offset), "ordförande [X]");
  EXPECT_DOUBLE_EQ(lines[1].cells[0].x0, 200);
  EXPECT_TRUE(lines[2].table_row);  // lines up with the next line's break
  EXPECT_TRUE(lines[3].table_row);
  EXPECT_FALSE(lines[4].table_row);
  EXPECT_TRUE(lines[4].side_note);
  ASSERT_EQ(lines[4].cells.size(), 1u);
  EXPECT_EQ(lines[4].text.substr(lines[4].cells[0].offset), "BG");
  EXPECT_FALSE(lines[5].table_row);  // a label at a tab stop, alone: no table
  EXPECT_FALSE(lines[5].side_note);
  EXPECT_TRUE(lines[6].cells.empty());  // OCR'd specks are no cells
}

// A column of several lines beside another (substitutes beside members)
// keeps its lines together instead of lending its short ones to rows.
TEST(LayOutTest, AColumnBlockIsNotTakenApartIntoRows) {
  RawPage page = EmptyPage(1);
  auto add = [&](RawLine line, int block) {
    line.block = block;
    page.lines.push_back(std::move(line));
  };
  add(SpacedLine({{"[X]", 60}, {"Sandvik", 80}, {"Henrik,", 130}, {"ordförande", 180}}, 6, 200), 1);
  add(SpacedLine({{"[X]", 60}, {"Ahlskog", 80}, {"Mats", 130}}, 6, 216), 1);
  add(SpacedLine({{"[X]", 60}, {"Nyman", 80}, {"Sofia", 130}}, 6, 232), 1);
  add(SpacedLine({{"[X]", 60}, {"Granholm", 80}, {"Peter", 140}}, 6, 248), 1);
  add(SpacedLine({{"[", 330}, {"]", 336}, {"Holm", 346}, {"Jonas", 376}}, 6, 200), 2);
  add(SpacedLine({{"[X]", 330}, {"Kronqvist", 350}}, 6, 216), 2);
  RawDocument raw;
  raw.pages.push_back(page);
  LaidOutDocument laid = LayOut(raw);
  EXPECT_EQ(BodyTexts(laid), (std::vector<std::string>{"[X] Sandvik Henrik, ordförande", "[X] Ahlskog Mats",
                                                       "[X] Nyman Sofia", "[X] Granholm Peter", "[ ] Holm Jonas",
                                                       "[X] Kronqvist"}));
}

// A numbered list exported with its markers as a block of their own beside
// the titles ("I." … "III." then the three titles): each marker joins the
// title on its baseline. A block of markers without titles beside them stays.
TEST(LayOutTest, AColumnOfListMarkersJoinsTheTitles) {
  RawPage page = EmptyPage(1);
  auto add = [&](RawLine line, int block) {
    line.block = block;
    page.lines.push_back(std::move(line));
  };
  add(SpacedLine({{"I.", 72}}, 6, 300), 1);
  add(SpacedLine({{"II.", 72}}, 6, 316), 1);
  add(SpacedLine({{"III.", 72}}, 6, 332), 1);
  add(SpacedLine({{"Call", 108}, {"to", 132}, {"Order", 146}}, 6, 300), 2);
  add(SpacedLine({{"Public", 108}, {"Comment", 140}}, 6, 316), 2);
  add(SpacedLine({{"Adjournment", 108}}, 6, 332), 2);
  add(SpacedLine({{"1.", 72}}, 6, 400), 3);
  add(SpacedLine({{"2.", 72}}, 6, 416), 3);
  RawDocument raw;
  raw.pages.push_back(page);
  LaidOutDocument laid = LayOut(raw);
  EXPECT_EQ(BodyTexts(laid), (std::vector<std::string>{"I. Call to Order", "II. Public Comment", "III. Adjournment",
                                                       "1.", "2."}));
}

// The cover's short form of a running header ("Föredragningslista 16/2022"
// over "Föredragningslista 188 § 26.09.2022 Sida" on the other pages) is a
// header too; a short body line with the same first word is not.
TEST(LayOutTest, CoverFormOfARunningHeaderIsAHeader) {
  RawDocument raw;
  for (int p = 1; p <= 4; ++p) {
    RawPage page = EmptyPage(p);
    const std::string top = p == 1 ? "Föredragningslista 16/2022" : "Föredragningslista " + std::to_string(186 + p) + " § 26.09.2022 Sida";
    page.lines.push_back(testing::MakeRawLine(top, 57, 83, 10));
    page.lines.push_back(testing::MakeRawLine(p == 2 ? "Föredragningslista godkänns" : "Text på sidan " + std::to_string(p) + ".", 57, 300));
    raw.pages.push_back(page);
  }
  LaidOutDocument laid = LayOut(raw);
  EXPECT_EQ(laid.pages[0].header, "Föredragningslista 16/2022");
  EXPECT_EQ(laid.pages[1].header, "Föredragningslista 188 § 26.09.2022 Sida");
  EXPECT_EQ(BodyTexts(laid), (std::vector<std::string>{"Text på sidan 1.", "Föredragningslista godkänns",
                                                       "Text på sidan 3.", "Text på sidan 4."}));
}

}  // namespace
}  // namespace protokoll

namespace protokoll {
namespace {

// Issue 14, requirement 5, from the Alameda, Hackzogtum and library-board
// minutes: a running line just outside the old bands, a footer whose page
// number the last page leaves out, and a header whose words a capitals title
// repeats in the middle of page 1. A cover title in the wider band, larger
// than the body, stays in the body.
TEST(LayOutTest, RunningLinesOfTheNewSources) {
  RawDocument raw;
  for (int p = 1; p <= 4; ++p) {
    RawPage page = EmptyPage(p);
    if (p == 1) page.lines.push_back(testing::MakeRawLine("MINUTES OF THE", 200, 150, 14));
    if (p > 1) page.lines.push_back(testing::MakeRawLine("Minutes of the", 56, 52, 10));
    page.lines.push_back(testing::MakeRawLine("MV 24.04.2016 des Vereins e.V.", 56, 100, 11));  // ends at 13.2 %
    page.lines.push_back(testing::MakeRawLine("Text " + std::to_string(p), 56, 300));
    page.lines.push_back(testing::MakeRawLine("More text", 56, 320));
    if (p <= 2) page.lines.push_back(testing::MakeRawLine("Protokoll 3/2025", 56, 112, 15));  // a title, ends at 15.1 %
    page.lines.push_back(testing::MakeRawLine("Regular Meeting", 56, 740, 8));  // starts at 87.9 %
    page.lines.push_back(testing::MakeRawLine(p < 4 ? "Alameda City Council " + std::to_string(p) : "Alameda City Council",
                                              56, 750, 8));
    raw.pages.push_back(page);
  }
  LaidOutDocument laid = LayOut(raw);
  const auto body = BodyTexts(laid);
  EXPECT_EQ(std::count(body.begin(), body.end(), "Protokoll 3/2025"), 2);  // the title, larger than the body
  EXPECT_EQ(std::count(body.begin(), body.end(), "MINUTES OF THE"), 1);
  EXPECT_EQ(std::count(body.begin(), body.end(), "Minutes of the"), 0);
  EXPECT_EQ(std::count(body.begin(), body.end(), "MV 24.04.2016 des Vereins e.V."), 0);
  for (const auto& text : body) EXPECT_EQ(text.find("Alameda City Council"), std::string::npos) << text;
  EXPECT_EQ(std::count(body.begin(), body.end(), "Regular Meeting"), 0);
  EXPECT_EQ(body.size(), 11u);
  ASSERT_EQ(laid.pages.size(), 4u);
  EXPECT_EQ(laid.pages[3].footer.value_or(""), "Regular Meeting\nAlameda City Council");
  EXPECT_EQ(PageText(laid, 3), laid.pages[2].header.value_or("") + "\nText 3\nMore text\n");
}

}  // namespace
}  // namespace protokoll
