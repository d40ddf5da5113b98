// The export job over a real store: selection by meeting date and by id,
// and what each format writes when nothing, or too much, goes wrong.
#include "protokoll/export.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "test_support.h"

namespace protokoll {
namespace {

Document Doc(char fill, std::optional<std::string> date) {
  Document d;
  d.id = std::string(64, fill);
  d.source = SourceInfo{std::string(1, fill) + ".pdf", 10, "application/pdf", 1};
  d.pipeline_version = std::string(PipelineVersion());
  d.language = "sv";
  d.metadata.date = std::move(date);
  PageRecord page;
  page.number = 1;
  d.pages.push_back(page);
  Item item;
  item.number = "1";
  item.title = "Mötets öppnande";
  item.page = 1;
  Paragraph p;
  p.text = "Ordföranden öppnar mötet.";
  p.page = 1;
  item.paragraphs.push_back(p);
  d.items.push_back(item);
  return d;
}

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("protokoll-export");
    auto store = Store::Open(dir_ + "/db", StoreOptions{});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    for (const auto& d : {Doc('a', "2025-03-04"), Doc('b', "2025-04-14"), Doc('c', std::nullopt)})
      ASSERT_TRUE(store_->Put(d).ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  // The export as one string, and how many documents it wrote.
  std::pair<std::string, size_t> Export(const ExportOptions& options) {
    std::string out;
    auto n = RunExport(*store_, options, [&](std::string_view s) {
      out += s;
      return true;
    });
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return {out, n.ok() ? *n : 0};
  }
  std::string dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(ExportTest, SinceIsTheMeetingDateAndLeavesUndatedOut) {
  ExportOptions o;
  EXPECT_EQ(Export(o).second, 3u);
  o.since = "2025-03-05";
  auto [out, n] = Export(o);
  EXPECT_EQ(n, 1u);
  EXPECT_NE(out.find(std::string(64, 'b')), std::string::npos);
  o.since = "2025-03-04";  // inclusive
  EXPECT_EQ(Export(o).second, 2u);
  o.since.reset();
  o.ingested_since = "9999-01-01";
  EXPECT_EQ(Export(o).second, 0u);
}

TEST_F(ExportTest, IdsInTheOrderGiven) {
  ExportOptions o;
  o.ids = {std::string(64, 'c'), std::string(64, 'a')};
  auto [out, n] = Export(o);
  EXPECT_EQ(n, 2u);
  EXPECT_LT(out.find(std::string(64, 'c')), out.find(std::string(64, 'a')));
}

TEST_F(ExportTest, NothingSelectedWritesNoTeiButACsvHeader) {
  ExportOptions o;
  o.since = "2099-01-01";
  o.format = ExportFormat::kTei;
  EXPECT_EQ(Export(o), std::make_pair(std::string(), size_t{0}));
  o.format = ExportFormat::kCsv;
  o.table = CsvTable::kItems;
  EXPECT_EQ(Export(o).first, CsvHeader(CsvTable::kItems));
}

TEST_F(ExportTest, AClosedOutputStopsTheExport) {
  ExportOptions o;
  o.format = ExportFormat::kTei;
  int calls = 0;
  auto n = RunExport(*store_, o, [&](std::string_view) { return ++calls < 2; });
  EXPECT_EQ(n.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_LE(calls, 3);  // Begin, the failing document, and End's attempt
}

}  // namespace
}  // namespace protokoll
