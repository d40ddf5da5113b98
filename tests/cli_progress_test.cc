// The ingest progress display: bar text, JSON lines, and log lines that
// never land inside the bar.
#include "protokoll/progress.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace protokoll {
namespace {

IngestProgress At(size_t done, size_t total, size_t pages, double seconds, std::string relative) {
  IngestProgress p;
  p.done = done;
  p.total = total;
  p.current = "/data/" + relative;
  p.relative = std::move(relative);
  p.pages = pages;
  p.seconds = seconds;
  return p;
}

TEST(ProgressTest, BarShowsRelativePathPagesPerSecondAndEta) {
  EXPECT_EQ(ProgressDisplay::BarText(At(5, 10, 25, 10, "corpus/fi-lapua/SOURCE.txt")),
            "[##########..........] 5/10 2.5 pages/s ETA 0:10 corpus/fi-lapua/SOURCE.txt");
  EXPECT_EQ(ProgressDisplay::BarText(At(1, 100, 3, 40, "a.pdf")), "[....................] 1/100 0.1 pages/s ETA 1:06:00 a.pdf");
  const std::string long_path = std::string(80, 'x') + "/protokoll.pdf";
  const std::string bar = ProgressDisplay::BarText(At(10, 10, 1, 1, long_path));
  EXPECT_NE(bar.find("ETA 0:00 …"), std::string::npos) << bar;
  EXPECT_NE(bar.find("/protokoll.pdf"), std::string::npos);
}

TEST(ProgressTest, JsonLinesForOtherTools) {
  auto j = nlohmann::json::parse(ProgressDisplay::JsonLine(At(2, 4, 10, 5, "b.pdf")));
  EXPECT_EQ(j["done"], 2);
  EXPECT_EQ(j["total"], 4);
  EXPECT_EQ(j["file"], "/data/b.pdf");
  EXPECT_EQ(j["pages_per_second"], 2.0);
  EXPECT_EQ(j["eta_seconds"], 5);
}

TEST(ProgressTest, LogLinesArePrintedAboveTheBar) {
  std::string out;
  {
    ProgressDisplay display(ProgressStyle::kBar, [&](std::string_view s) { out += s; });
    display.Log("warning: before any bar");
    display.Update(At(1, 2, 1, 1, "a.pdf"));
    display.Log("warning: b.pdf: damaged_pdf");
  }  // finishing clears the bar
  const std::string bar = ProgressDisplay::BarText(At(1, 2, 1, 1, "a.pdf"));
  EXPECT_EQ(out, "warning: before any bar\n\r\033[K" + bar + "\r\033[Kwarning: b.pdf: damaged_pdf\n" + bar + "\r\033[K");
}

TEST(ProgressTest, NoneWritesOnlyLogLines) {
  std::string out;
  ProgressDisplay display(ProgressStyle::kNone, [&](std::string_view s) { out += s; });
  display.Update(At(1, 2, 1, 1, "a.pdf"));
  display.Log("error: x");
  display.Finish();
  EXPECT_EQ(out, "error: x\n");
}

}  // namespace
}  // namespace protokoll
