// Reprocessing support in the store: the stored extraction, and Replace,
// which swaps a document's derived records (and index entries) atomically.
#include <gtest/gtest.h>

#include <filesystem>

#include "protokoll/store.h"
#include "test_support.h"

namespace protokoll {
namespace {

Document Doc(const std::string& id, const std::string& word, const std::string& version) {
  Document d;
  d.id = id;
  d.source = SourceInfo{"a.pdf", 10, "application/pdf", 1};
  d.pipeline_version = version;
  d.metadata.date = "2025-04-10";
  d.metadata.reference = "HSN 2025-0125";
  d.pages.push_back(PageRecord{1, std::nullopt, "text", std::nullopt, std::nullopt, std::nullopt, "", ""});
  Item item;
  item.number = "1";
  item.title = "Inledning";
  item.page = 1;
  Paragraph p;
  p.text = "Rådet diskuterar " + word + ".";
  p.page = 1;
  item.paragraphs.push_back(p);
  d.items.push_back(item);
  d.text = p.text;
  return d;
}

class StoreReplaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("protokoll-replace");
    auto store = Store::Open(dir_ + "/db", StoreOptions{});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  size_t Hits(const std::string& word) {
    SearchQuery q;
    q.text = word;
    auto hits = store_->Search(q);
    EXPECT_TRUE(hits.ok());
    return hits.ok() ? hits->size() : 0;
  }
  std::string dir_;
  std::unique_ptr<Store> store_;
};

const std::string kId(64, 'c');

TEST_F(StoreReplaceTest, ExtractionIsKeptWithTheDocument) {
  ASSERT_TRUE(store_->Put(Doc(kId, "vårdköer", "0.0.9"), R"({"format":1})").ok());
  auto extraction = store_->GetExtraction(kId);
  ASSERT_TRUE(extraction.ok()) << extraction.status().ToString();
  EXPECT_EQ(*extraction, R"({"format":1})");
  const std::string other(64, 'd');
  ASSERT_TRUE(store_->Put(Doc(other, "x", "0.0.9")).ok());
  EXPECT_EQ(store_->GetExtraction(other).status().code(), ErrorCode::kNotFound);
}

TEST_F(StoreReplaceTest, ReplaceSwapsRecordsAndIndexEntriesKeepingTheRest) {
  ASSERT_TRUE(store_->Put(Doc(kId, "vårdköer", "0.0.9"), R"({"format":1})").ok());
  ASSERT_EQ(Hits("vårdköer"), 1u);
  ASSERT_TRUE(store_->Replace(Doc(kId, "kompetensförsörjning", "0.1.0")).ok());
  EXPECT_EQ(Hits("vårdköer"), 0u) << "the old index entries must go";
  EXPECT_EQ(Hits("kompetensförsörjning"), 1u);
  auto doc = store_->Get(kId);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->pipeline_version, "0.1.0");
  EXPECT_TRUE(store_->GetExtraction(kId).ok()) << "the extraction stays";
  auto report = store_->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems[0]);
  auto stats = store_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 1u);
  EXPECT_EQ(stats->paragraphs, 1u);
}

TEST_F(StoreReplaceTest, ReplaceOfAnUnknownDocumentIsNotFound) {
  EXPECT_EQ(store_->Replace(Doc(kId, "x", "0.1.0")).code(), ErrorCode::kNotFound);
}

TEST_F(StoreReplaceTest, RemoveTakesTheExtractionToo) {
  ASSERT_TRUE(store_->Put(Doc(kId, "x", "0.1.0"), R"({"format":1})").ok());
  ASSERT_TRUE(store_->Remove({kId}).ok());
  EXPECT_EQ(store_->GetExtraction(kId).status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace protokoll
