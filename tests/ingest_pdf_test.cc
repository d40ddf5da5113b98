// The PDF text path: words, boxes, fonts, line grouping and coordinates on
// PDFs built here byte by byte, so every expected position is known exactly;
// then every corpus PDF (skipped when the corpus is absent).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "../ingest/src/pdf_text.h"  // internal: the OutputIntent bypass and font-name helpers
#include "protokoll/extractor.h"
#include "test_support.h"

namespace protokoll {
namespace {

// These tests are about the text path: the per-page OCR decision (tested
// with the OCR code) stays out of the way.
using testing::TextOnly;

struct PageSpec {
  double width = 595, height = 842;
  int rotate = 0;
  std::string content;  // content stream; /F1 Helvetica, /F2 Helvetica-Bold, /F3 subset-tagged bold
};

// A minimal valid PDF: classic xref table, WinAnsi base-14 fonts.
// `catalog_extra` is spliced into the catalog dictionary; `extra_objects`
// are appended after the pages (their numbers follow the pages' objects).
std::string BuildPdf(const std::vector<PageSpec>& pages, const std::string& catalog_extra = "",
                     const std::vector<std::string>& extra_objects = {}) {
  std::vector<std::string> objects;
  objects.push_back("<< /Type /Catalog /Pages 2 0 R " + catalog_extra + " >>");
  std::string kids;
  for (size_t i = 0; i < pages.size(); ++i) kids += std::to_string(6 + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /QWERTY+Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  for (const PageSpec& p : pages) {
    size_t content_obj = objects.size() + 2;
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::to_string(p.width) + " " +
                      std::to_string(p.height) + "] /Rotate " + std::to_string(p.rotate) +
                      " /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> /Contents " +
                      std::to_string(content_obj) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(p.content.size()) + " >>\nstream\n" + p.content +
                      "\nendstream");
  }
  for (const std::string& o : extra_objects) objects.push_back(o);
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// Text at (x, y_from_top) on an upright page of height h.
std::string Text(const std::string& font, double size, double x, double y_from_top, const std::string& s,
                 double h = 842) {
  return "BT /" + font + " " + std::to_string(size) + " Tf " + std::to_string(x) + " " +
         std::to_string(h - y_from_top) + " Td (" + s + ") Tj ET\n";
}

RawDocument ExtractOrDie(const std::string& pdf) {
  Extractor extractor(TextOnly(), NullLogger());
  auto doc = extractor.ExtractBytes(pdf, "built.pdf");
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? std::move(doc).value() : RawDocument{};
}

std::vector<Word> AllWords(const RawPage& page) {
  std::vector<Word> words;
  for (const RawLine& line : page.lines)
    for (const Word& w : line.words) words.push_back(w);
  return words;
}

using testing::LineText;

// Helvetica advance widths (AFM, 1/1000 em) of the letters used below.
constexpr double kHelloWidth12 = (722 + 556 + 222 + 222 + 556) / 1000.0 * 12;  // "Hello" at 12 pt

TEST(IngestPdf, WordBoxIsTopLeftOriginInPoints) {
  PageSpec page;
  page.content = Text("F1", 12, 72, 100, "Hello world");
  RawDocument doc = ExtractOrDie(BuildPdf({page}));
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.media_type, "application/pdf");
  const RawPage& p = doc.pages[0];
  EXPECT_EQ(p.number, 1);
  EXPECT_DOUBLE_EQ(p.width, 595);
  EXPECT_DOUBLE_EQ(p.height, 842);
  EXPECT_EQ(p.rotation, 0);
  EXPECT_EQ(p.method, PageMethod::kText);
  std::vector<Word> words = AllWords(p);
  ASSERT_EQ(words.size(), 2u);
  const Word& hello = words[0];
  EXPECT_EQ(hello.text, "Hello");
  EXPECT_NEAR(hello.box.x0, 72, 0.5);
  EXPECT_NEAR(hello.box.x1, 72 + kHelloWidth12, 0.5);
  // The baseline is 100 pt from the top: the glyphs' box ends just below it
  // (descent) and starts about one font size above it.
  EXPECT_GE(hello.box.y1, 100);
  EXPECT_LE(hello.box.y1, 100 + 0.35 * 12);
  EXPECT_LE(hello.box.y0, 100 - 0.6 * 12);
  EXPECT_GE(hello.box.y0, 100 - 1.1 * 12);
  EXPECT_EQ(hello.font, "Helvetica");
  EXPECT_NEAR(hello.font_size, 12, 0.01);
  EXPECT_FALSE(hello.bold);
  EXPECT_TRUE(hello.space_after);
  EXPECT_FLOAT_EQ(hello.confidence, -1);
  EXPECT_EQ(words[1].text, "world");
  EXPECT_GT(words[1].box.x0, hello.box.x1);
}

TEST(IngestPdf, RotatedPageCoordinatesFollowTheDisplayedPage) {
  // /Rotate 90 turns the page clockwise for display: 842 wide, 595 high.
  // Text drawn upwards in user space (Tm 0 1 -1 0) reads left to right on the
  // displayed page; user (ux, uy) lands at displayed (x = uy, y = ux).
  PageSpec page;
  page.rotate = 90;
  page.content = "BT /F1 12 Tf 0 1 -1 0 100 200 Tm (Hello) Tj ET\n";
  RawDocument doc = ExtractOrDie(BuildPdf({page}));
  ASSERT_EQ(doc.pages.size(), 1u);
  const RawPage& p = doc.pages[0];
  EXPECT_EQ(p.rotation, 90);
  EXPECT_DOUBLE_EQ(p.width, 842);
  EXPECT_DOUBLE_EQ(p.height, 595);
  std::vector<Word> words = AllWords(p);
  ASSERT_EQ(words.size(), 1u);
  EXPECT_NEAR(words[0].box.x0, 200, 0.5);
  EXPECT_NEAR(words[0].box.x1, 200 + kHelloWidth12, 0.5);
  EXPECT_GE(words[0].box.y1, 100);
  EXPECT_LE(words[0].box.y1, 100 + 0.35 * 12);
  EXPECT_LT(words[0].box.y0, 100 - 0.6 * 12);
}

TEST(IngestPdf, FontsBoldAndSubsetPrefix) {
  PageSpec page;
  page.content = Text("F2", 14, 72, 80, "Protokoll") + Text("F3", 11, 72, 110, "Subset") +
                 Text("F1", 11, 72, 140, "Plain");
  RawDocument doc = ExtractOrDie(BuildPdf({page}));
  ASSERT_EQ(doc.pages.size(), 1u);
  std::map<std::string, Word> by_text;
  for (const Word& w : AllWords(doc.pages[0])) by_text[w.text] = w;
  ASSERT_EQ(by_text.size(), 3u);
  EXPECT_EQ(by_text["Protokoll"].font, "Helvetica-Bold");
  EXPECT_TRUE(by_text["Protokoll"].bold);
  EXPECT_NEAR(by_text["Protokoll"].font_size, 14, 0.01);
  EXPECT_EQ(by_text["Subset"].font, "Helvetica-Bold");  // "QWERTY+" removed
  EXPECT_TRUE(by_text["Subset"].bold);
  EXPECT_EQ(by_text["Plain"].font, "Helvetica");
  EXPECT_FALSE(by_text["Plain"].bold);
}

TEST(IngestPdf, LineEndHyphenIsKeptAndNonAsciiDecoded) {
  PageSpec page;
  // WinAnsi: \344 is "ä", \366 is "ö".
  page.content = Text("F1", 11, 72, 100, "Styrelsen har sammantr\\344-") + Text("F1", 11, 72, 114, "det i m\\366tet.");
  RawDocument doc = ExtractOrDie(BuildPdf({page}));
  ASSERT_EQ(doc.pages.size(), 1u);
  const RawPage& p = doc.pages[0];
  ASSERT_EQ(p.lines.size(), 2u);
  EXPECT_EQ(LineText(p.lines[0]), "Styrelsen har sammanträ-");
  EXPECT_EQ(p.lines[0].words.back().text, "sammanträ-");
  EXPECT_EQ(LineText(p.lines[1]), "det i mötet.");
  EXPECT_EQ(p.lines[0].block, p.lines[1].block);
}

TEST(IngestPdf, LinesAreGroupedLeftToRightAndColumnsAreBlocks) {
  PageSpec page;
  const std::vector<std::string> left = {"Left one alpha", "Left two beta", "Left three gamma"};
  const std::vector<std::string> right = {"Right one delta", "Right two epsilon", "Right three zeta"};
  for (size_t i = 0; i < 3; ++i) {
    page.content += Text("F1", 10, 72, 100 + 13 * i, left[i]);
    page.content += Text("F1", 10, 330, 100 + 13 * i, right[i]);
  }
  // A paragraph further down, after a gap, spanning the page.
  page.content += Text("F1", 10, 72, 300, "A separate paragraph below both columns");
  RawDocument doc = ExtractOrDie(BuildPdf({page}));
  ASSERT_EQ(doc.pages.size(), 1u);
  const RawPage& p = doc.pages[0];
  ASSERT_EQ(p.lines.size(), 7u);
  std::map<std::string, const RawLine*> by_text;
  for (const RawLine& line : p.lines) by_text[LineText(line)] = &line;
  for (const auto& s : left) ASSERT_TRUE(by_text.count(s)) << s;
  for (const auto& s : right) ASSERT_TRUE(by_text.count(s)) << s;
  ASSERT_TRUE(by_text.count("A separate paragraph below both columns"));
  int left_block = by_text[left[0]]->block, right_block = by_text[right[0]]->block;
  EXPECT_NE(left_block, right_block);
  for (const auto& s : left) EXPECT_EQ(by_text[s]->block, left_block) << s;
  for (const auto& s : right) EXPECT_EQ(by_text[s]->block, right_block) << s;
  int para_block = by_text["A separate paragraph below both columns"]->block;
  EXPECT_NE(para_block, left_block);
  EXPECT_NE(para_block, right_block);
  for (const RawLine& line : p.lines) {
    for (size_t i = 1; i < line.words.size(); ++i)
      EXPECT_GT(line.words[i].box.x0, line.words[i - 1].box.x1) << LineText(line);
    Box expected = line.words.front().box;
    for (const Word& w : line.words) expected = expected.Union(w.box);
    EXPECT_EQ(line.box, expected);
  }
}

TEST(IngestPdf, PagesAreNumberedInOrder) {
  std::vector<PageSpec> pages(3);
  for (int i = 0; i < 3; ++i) pages[i].content = Text("F1", 11, 72, 100, "Sida" + std::to_string(i + 1));
  pages[2].width = 842;
  pages[2].height = 595;
  pages[2].content = Text("F1", 11, 72, 100, "Sida3", 595);
  RawDocument doc = ExtractOrDie(BuildPdf(pages));
  ASSERT_EQ(doc.pages.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(doc.pages[i].number, i + 1);
    ASSERT_EQ(AllWords(doc.pages[i]).size(), 1u);
    EXPECT_EQ(AllWords(doc.pages[i])[0].text, "Sida" + std::to_string(i + 1));
  }
  EXPECT_DOUBLE_EQ(doc.pages[2].width, 842);
  EXPECT_DOUBLE_EQ(doc.pages[2].height, 595);
  EXPECT_TRUE(doc.warnings.empty());
}

TEST(IngestPdf, PageWithoutTextYieldsAnEmptyPage) {
  std::vector<PageSpec> pages(2);
  pages[0].content = Text("F1", 11, 72, 100, "Text");
  pages[1].content = "0 0 m 100 100 l S\n";
  RawDocument doc = ExtractOrDie(BuildPdf(pages));
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_TRUE(doc.pages[1].lines.empty());
}

TEST(IngestPdf, FontNameHelpers) {
  EXPECT_EQ(CleanFontName("ABCDEF+Calibri-Bold"), "Calibri-Bold");
  EXPECT_EQ(CleanFontName("Abcdef+Calibri"), "Abcdef+Calibri");  // not a subset tag
  EXPECT_EQ(CleanFontName("Arial\xe9"), "Arial\xc3\xa9");     // Latin-1 read as such
  EXPECT_TRUE(IsBoldFontName("Arial-BoldMT"));
  EXPECT_TRUE(IsBoldFontName("Calibri,Bold"));
  EXPECT_TRUE(IsBoldFontName("SourceSansPro-Semibold"));
  EXPECT_TRUE(IsBoldFontName("Arial-Black"));
  EXPECT_TRUE(IsBoldFontName("Avenir-Heavy"));
  EXPECT_TRUE(IsBoldFontName("FranklinGothic-Demi"));
  EXPECT_FALSE(IsBoldFontName("NotoSansCJKjp-DemiLight"));
  EXPECT_FALSE(IsBoldFontName("TimesNewRomanPSMT"));
}

// Poppler rebuilds a wrong cross-reference table without a word (issue 13).
TEST(IngestPdf, WrongCrossReferenceOffsetsAreFound) {
  const std::string good =
      "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n2 0 obj\n<< >>\nendobj\nxref\n0 3\n"
      "0000000000 65535 f \n0000000009 00000 n \n0000000045 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R >>\n"
      "startxref\n66\n%%EOF\n";
  ASSERT_EQ(good.substr(9, 7), "1 0 obj");
  ASSERT_EQ(good.substr(45, 7), "2 0 obj");
  ASSERT_EQ(good.substr(66, 4), "xref");
  EXPECT_EQ(CheckXrefTable(good), "");
  std::string shifted = good;
  shifted.replace(shifted.find("0000000045"), 10, "0000000047");
  EXPECT_EQ(CheckXrefTable(shifted), "1 of 2 cross-reference entries checked point to the wrong place");
  std::string lost = good;
  lost.replace(lost.find("startxref\n66"), 12, "startxref\n60");
  EXPECT_EQ(CheckXrefTable(lost), "startxref does not point to a cross-reference table");
  EXPECT_EQ(CheckXrefTable("%PDF-1.4\n"), "");  // no startxref: HasTrailerAtEnd's to tell
}

TEST(IngestPdf, HideOutputIntentsKeepsEveryOffset) {
  std::string pdf = "1 0 obj << /Type /Catalog /OutputIntents [2 0 R] /OutputIntentsX 1 >> endobj";
  std::string before = pdf;
  EXPECT_TRUE(HideOutputIntents(pdf));
  EXPECT_EQ(pdf.size(), before.size());
  EXPECT_EQ(pdf.find("/OutputIntents "), std::string::npos);
  EXPECT_NE(pdf.find("/OutputIntentX [2 0 R]"), std::string::npos);
  EXPECT_NE(pdf.find("/OutputIntentsX 1"), std::string::npos);  // another key, left alone
  std::string none = "1 0 obj << /Type /Catalog >> endobj";
  EXPECT_FALSE(HideOutputIntents(none));
}

class CollectingLogger : public Logger {
 public:
  void Log(LogLevel, std::string_view m) override {
    std::lock_guard<std::mutex> lock(mu_);
    all_ += std::string(m) + "\n";
  }
  std::string all() {
    std::lock_guard<std::mutex> lock(mu_);
    return all_;
  }

 private:
  std::mutex mu_;
  std::string all_;
};

TEST(IngestPdf, OutputIntentProfileIsNeverLoadedForText) {
  // Poppler would parse this (broken) ICC profile for every page and complain
  // ("read ICCBased color space profile error"); the text path hides it.
  PageSpec page;
  page.content = Text("F1", 12, 72, 100, "Hello world");
  std::string profile = "<< /N 3 /Length 17 >>\nstream\nnot an ICC profil\nendstream";
  std::string pdf = BuildPdf({page, page},
                             "/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /DestOutputProfile 8 0 R >>]",
                             {profile});
  CollectingLogger logger;
  Extractor extractor(TextOnly(), &logger);
  auto doc = extractor.ExtractBytes(pdf, "intent.pdf");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(doc->pages.size(), 2u);
  EXPECT_EQ(AllWords(doc->pages[1]).size(), 2u);
  EXPECT_EQ(logger.all().find("ICC"), std::string::npos) << logger.all();
  EXPECT_TRUE(doc->warnings.empty());
  EXPECT_EQ(doc->sha256, Sha256Hex(pdf));  // the hash is of the bytes as given
}

std::vector<std::string> CorpusPdfs() {
  std::vector<std::string> pdfs;
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) return pdfs;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
    std::string ext = entry.path().extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (entry.is_regular_file() && ext == ".pdf") pdfs.push_back(entry.path().string());
  }
  std::sort(pdfs.begin(), pdfs.end());
  return pdfs;
}

TEST(IngestPdfCorpus, EveryCorpusPdfOpens) {
  std::vector<std::string> pdfs = CorpusPdfs();
  if (pdfs.empty()) GTEST_SKIP() << "corpus not present";
  ExtractOptions text_only;
  text_only.ocr = OcrMode::kNever;  // OCR of every scanned corpus page takes minutes; ocr_*_test covers it
  Extractor extractor(text_only, NullLogger());
  for (const std::string& path : pdfs) {
    auto doc = extractor.ExtractFile(path);
    ASSERT_TRUE(doc.ok()) << path << ": " << doc.status().ToString();
    EXPECT_FALSE(doc->pages.empty()) << path;
    EXPECT_EQ(doc->media_type, "application/pdf");
    for (const RawPage& page : doc->pages) {
      EXPECT_GT(page.width, 0) << path;
      EXPECT_GT(page.height, 0) << path;
      for (const RawLine& line : page.lines) {
        ASSERT_FALSE(line.words.empty()) << path;
        for (const Word& w : line.words) {
          EXPECT_FALSE(w.text.empty());
          EXPECT_LE(w.box.x0, w.box.x1);
          EXPECT_LE(w.box.y0, w.box.y1);
        }
      }
    }
  }
}

TEST(IngestPdfCorpus, NykarlebyMinutesHaveWordsOnEveryPage) {
  const std::string path = testing::CorpusFile("fi-nykarleby-sv/ungdomsfullmaktige_protokoll_30_01_2023_16_15_153457.pdf");
  if (path.empty()) GTEST_SKIP() << "corpus file not present";
  Extractor extractor(TextOnly(), NullLogger());
  auto doc = extractor.ExtractFile(path);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_GE(doc->pages.size(), 2u);
  std::string all;
  for (const RawPage& page : doc->pages) {
    EXPECT_FALSE(page.lines.empty()) << "page " << page.number;
    for (const RawLine& line : page.lines) all += LineText(line) + "\n";
  }
  // Swedish-language minutes: § numbering and the body's name are in the text layer.
  EXPECT_NE(all.find("§"), std::string::npos);
  EXPECT_NE(all.find("ungdomsfullmäktige"), std::string::npos) << all.substr(0, 2000);
}

}  // namespace
}  // namespace protokoll
