// OCR of real image-only scans against hand-made transcriptions
// (tests/data/ocr_truth, written from the page images without looking at
// any OCR output; conventions in its README.md). Each page's character error
// rate must stay within its measured value + 0.005, and be no worse than
// plain `tesseract page.pgm - -l swe` on the same 300 dpi grey rendering
// when the tesseract command is installed (issue 3).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "../ingest/src/pdf_render.h"
#include "protokoll/jobs.h"
#include "protokoll/paragraphs.h"
#include "protokoll/text.h"
#include "test_support.h"

namespace protokoll {
namespace {
namespace fs = std::filesystem;

struct ScannedPage {
  const char* stem;  // file in corpus/se-stenaldern-samfallighet, without ".pdf"
  int page;
  // Measured 2026-11-23, Debian 12's Tesseract 5.3.0 through protokoll
  // (--lang swe+eng read as "swe" first, margin marks recovered, 300 dpi):
  // 0.0150, 0.0184, 0.0076; plain `tesseract -l swe` on the same renderings:
  // 0.0194, 0.0184, 0.0180 (bench/ocr_cer.sh). Before pages were read in the
  // first language alone, swe+eng gave 0.0203, 0.0304, 0.0218 ("gård" read
  // "gard"); the margin pass brought back 20160816's list numbers.
  double measured_cer;
};

constexpr ScannedPage kPages[] = {
    {"Protokoll-styrelsemote-2014-01-09", 1, 0.0150},
    {"Protokoll_styrelsemote_20200608", 1, 0.0184},
    {"styrelsemote_20160816", 1, 0.0076},
};
// Room for a character or two of difference, not for a regression.
constexpr double kSlack = 0.005;

void PrintTo(const ScannedPage& scan, std::ostream* os) { *os << scan.stem << " p" << scan.page; }

double Cer(const std::string& reference, const std::string& hypothesis) {
  return testing::CharacterErrorRate(reference, hypothesis, testing::Whitespace::kCollapse);
}

// The text of one page in document order: its running header (the
// transcriptions keep the letterhead; whether layout calls it a header is
// not what OCR accuracy measures), preamble paragraphs, then each item's
// heading ("<number>. <title>") and paragraphs on that page. Same selection
// as bench/ocr_cer.sh.
std::string PageText(const Document& doc, int page) {
  std::string out;
  auto add = [&out](const std::string& text) { out += text + "\n"; };
  for (const PageRecord& record : doc.pages)
    if (record.number == page && record.header) add(*record.header);
  for (const Paragraph& p : doc.preamble)
    if (p.page == page) add(p.text);
  for (const Item& item : doc.items) {
    if (item.page == page) add(item.number + ". " + item.title);
    for (const Paragraph& p : item.paragraphs)
      if (p.page == page) add(p.text);
  }
  return out;
}

// The tesseract executable on PATH, or "".
std::string TesseractCommand() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (size_t start = 0; start <= dirs.size();) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    const fs::path candidate = fs::path(dirs.substr(start, end - start)) / "tesseract";
    if (!candidate.parent_path().empty() && fs::exists(candidate)) return candidate.string();
    start = end + 1;
  }
  return "";
}

// Plain `tesseract <page> - -l swe` on page `page` of `pdf` rendered as
// protokoll renders it for OCR (300 dpi grey); nullopt without the command.
std::optional<std::string> TesseractCliText(const fs::path& pdf, int page) {
  const std::string tesseract = TesseractCommand();
  if (tesseract.empty()) return std::nullopt;
  const std::string bytes = testing::ReadFileOrDie(pdf.string());
  auto renderer = PdfRenderer::Open(bytes, NullLogger());
  EXPECT_TRUE(renderer.ok()) << renderer.status().ToString();
  if (!renderer.ok()) return std::nullopt;
  auto image = (*renderer)->Render(page - 1, 300);
  EXPECT_TRUE(image.ok()) << image.status().ToString();
  if (!image.ok()) return std::nullopt;
  const std::string dir = testing::MakeTempDir("ocr-cli");
  const std::string pgm = dir + "/page.pgm";
  {
    std::ofstream out(pgm, std::ios::binary);
    out << "P5\n" << image->image.width << " " << image->image.height << "\n255\n";
    out.write(reinterpret_cast<const char*>(image->image.pixels.data()),
              static_cast<std::streamsize>(image->image.pixels.size()));
  }
  // Tesseract's own threads off, as protokoll runs it (same results, less load).
  setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);
  testing::CommandResult run = testing::RunCommand({tesseract, pgm, "-", "-l", "swe", "--dpi", "300"});
  fs::remove_all(dir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  if (run.exit_code != 0) return std::nullopt;
  return run.out;
}

TEST(CerTest, CountsCodePointsNotBytes) {
  EXPECT_DOUBLE_EQ(Cer("gård", "gard"), 0.25);
  EXPECT_DOUBLE_EQ(Cer("a  b\nc", "a b c"), 0.0);
  EXPECT_DOUBLE_EQ(Cer("abcd", ""), 1.0);
}

class OcrRealScansTest : public ::testing::TestWithParam<ScannedPage> {
 protected:
};

TEST_P(OcrRealScansTest, CerWithinMeasuredBound) {
  const std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "no shared corpus";
  const ScannedPage& scan = GetParam();
  const fs::path pdf = fs::path(corpus) / "se-stenaldern-samfallighet" / (std::string(scan.stem) + ".pdf");
  if (!fs::exists(pdf)) GTEST_SKIP() << "not in the corpus: " << pdf;
  const std::string truth = testing::ReadFileOrDie(testing::SourceDir() + "/tests/data/ocr_truth/" +
                                                   scan.stem + "-p" + std::to_string(scan.page) + ".txt");

  auto doc = ExtractDocument(pdf.string(), ExtractOptions{}, testing::SharedDictionary(), NullLogger());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  for (const PageRecord& page : doc->pages) EXPECT_EQ(page.method, "ocr") << "page " << page.number;

  const std::string text = PageText(*doc, scan.page);
  ASSERT_FALSE(text.empty());
  const double cer = Cer(truth, text);
  EXPECT_LE(cer, scan.measured_cer + kSlack) << "page text:\n" << text;

  const std::optional<std::string> cli = TesseractCliText(pdf, scan.page);
  if (!cli) {
    std::printf("CER %s p%d: protokoll %.4f (measured %.4f); no tesseract command to compare with\n", scan.stem,
                scan.page, cer, scan.measured_cer);
    return;
  }
  const double cli_cer = Cer(truth, *cli);
  std::printf("CER %s p%d: protokoll %.4f (measured %.4f), tesseract -l swe %.4f\n", scan.stem, scan.page, cer,
              scan.measured_cer, cli_cer);
  EXPECT_LE(cer, cli_cer) << "protokoll reads worse than plain tesseract; page text:\n" << text;
}

INSTANTIATE_TEST_SUITE_P(StenalderScans, OcrRealScansTest, ::testing::ValuesIn(kPages),
                         [](const ::testing::TestParamInfo<ScannedPage>& info) {
                           std::string name = std::string(info.param.stem) + "_p" + std::to_string(info.param.page);
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace protokoll
