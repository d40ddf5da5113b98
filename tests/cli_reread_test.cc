// Finding 1 of issue 11: a scan ingested with OCR off is stored without text
// but with a warning on each such page; ingested again with OCR on it is
// read again instead of "unchanged"; `reprocess --ocr` does it from the
// recorded file.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace protokoll {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

class CliRereadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("protokoll-reread");
    db_ = dir_ + "/db";
    // The shortest scan among the samples: OCR of every page takes a while.
    scan_ = dir_ + "/scan.pdf";
    fs::copy_file(testing::SourceDir() + "/samples/riverton-council-minutes-2025-03-04-scan.pdf", scan_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  testing::CommandResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {testing::ProtokollBinary(), "--db", db_});
    return testing::RunCommand(args);
  }
  json Exported() {
    auto r = Run({"export"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  }
  static size_t Words(const json& doc) { return doc["text"].get<std::string>().size(); }
  static size_t OcrPages(const json& doc) {
    size_t n = 0;
    for (const auto& p : doc["pages"]) n += p["method"] == "ocr";
    return n;
  }
  std::string dir_, db_, scan_;
};

TEST_F(CliRereadTest, AScanStoredWithoutOcrIsReadAgainWhenOcrIsOn) {
  auto off = Run({"ingest", "--ocr", "never", scan_});
  ASSERT_EQ(off.exit_code, 0) << off.err;
  json before = Exported();
  EXPECT_EQ(OcrPages(before), 0u);
  // Each page without text says why.
  size_t warned = 0;
  for (const auto& w : before["warnings"])
    if (w["code"] == "ocr_unavailable" && w["page"].is_number() &&
        w["message"].get<std::string>().find("OCR is off") != std::string::npos)
      ++warned;
  EXPECT_EQ(warned, before["pages"].size()) << before["warnings"].dump();

  // The same file with OCR never again: nothing to gain, unchanged.
  auto same = Run({"ingest", "--ocr", "never", scan_});
  EXPECT_NE(same.out.find("0 stored, 1 unchanged"), std::string::npos) << same.out;

  auto on = Run({"ingest", "--ocr", "auto", scan_});
  ASSERT_EQ(on.exit_code, 0) << on.err;
  EXPECT_NE(on.out.find("1 stored, 0 unchanged"), std::string::npos) << on.out;
  json after = Exported();
  EXPECT_EQ(after["id"], before["id"]);
  EXPECT_EQ(OcrPages(after), after["pages"].size());
  EXPECT_GT(Words(after), Words(before) + 500);
  EXPECT_TRUE(after["warnings"].empty()) << after["warnings"].dump();
  // Read by OCR now, it is unchanged the next time.
  auto again = Run({"ingest", "--ocr", "auto", scan_});
  EXPECT_NE(again.out.find("0 stored, 1 unchanged"), std::string::npos) << again.out;
  // reprocess derives from the new extraction, not the one without text.
  ASSERT_EQ(Run({"reprocess", before["id"].get<std::string>().substr(0, 8)}).exit_code, 0);
  EXPECT_EQ(OcrPages(Exported()), after["pages"].size());
}

TEST_F(CliRereadTest, ReprocessWithOcrReadsTheRecordedFileAgain) {
  ASSERT_EQ(Run({"ingest", "--ocr", "never", scan_}).exit_code, 0);
  const std::string id = Exported()["id"];
  auto r = Run({"reprocess", "--ocr", "auto", id.substr(0, 8)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 reprocessed"), std::string::npos) << r.out;
  json doc = Exported();
  EXPECT_EQ(OcrPages(doc), doc["pages"].size());
  EXPECT_EQ(Run({"reprocess", "--ocr", "auto", "--all"}).exit_code, 2);
  EXPECT_EQ(Run({"reprocess", "--ocr", "sometimes", id.substr(0, 8)}).exit_code, 2);
  // The file changed since: named, and the document fails (exit 1), unchanged.
  fs::remove(scan_);
  fs::copy_file(testing::SourceDir() + "/samples/riverton-council-minutes-2025-03-04.pdf", scan_);
  auto changed = Run({"reprocess", "--ocr", "always", id.substr(0, 8)});
  EXPECT_EQ(changed.exit_code, 1);
  EXPECT_NE(changed.err.find("has changed since it was ingested"), std::string::npos) << changed.err;
}

}  // namespace
}  // namespace protokoll
