// The ingest worker pool (cli/src/jobs.cc): `ingest -j 2` stores what
// `ingest -j 1` stores, with documents in parallel and, for a single long
// document, its pages read on the core no other document needs.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "test_support.h"

namespace protokoll {
namespace {
namespace fs = std::filesystem;

class ParallelIngestTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::MakeTempDir("parallel-ingest"); }
  void TearDown() override { fs::remove_all(dir_); }

  // The export (sorted: its order is the order of ingestion) after `ingest -j jobs`.
  std::vector<std::string> Ingested(const std::vector<std::string>& inputs, int jobs) {
    const std::string db = dir_ + "/j" + std::to_string(jobs) + "-" + std::to_string(++runs_);
    std::vector<std::string> args = {testing::ProtokollBinary(), "--db", db, "ingest", "--quiet", "--ocr", "never",
                                     "-j", std::to_string(jobs)};
    args.insert(args.end(), inputs.begin(), inputs.end());
    auto r = testing::RunCommand(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto exported = testing::RunCommand({testing::ProtokollBinary(), "--db", db, "export"});
    EXPECT_EQ(exported.exit_code, 0);
    return testing::SortedLines(exported.out);
  }

  std::string dir_;
  int runs_ = 0;
};

TEST_F(ParallelIngestTest, TwoWorkersStoreWhatOneStores) {
  std::vector<std::string> inputs;
  for (const auto& e : fs::directory_iterator(testing::SourceDir() + "/samples"))
    if (e.path().extension() == ".pdf" && e.path().string().find("-scan") == std::string::npos)
      inputs.push_back(e.path().string());
  for (const char* name : {"fi-nykarleby-sv/personalsektionen_protokoll_29_05_2023_15_00_164658.pdf",
                           "us-alameda/alameda_citycouncil_2021-05-08.pdf", "fi-lapua"})
    if (std::string path = testing::CorpusFile(name); !path.empty()) inputs.push_back(path);
  const auto one = Ingested(inputs, 1);
  ASSERT_FALSE(one.empty());
  EXPECT_EQ(Ingested(inputs, 2), one);
  EXPECT_EQ(Ingested(inputs, 3), one);
}

TEST_F(ParallelIngestTest, OneLongDocumentOnTwoCoresIsStoredAsOnOne) {
  std::string pdf = testing::CorpusFile("fi-nykarleby-sv/personalsektionen_protokoll_29_05_2023_15_00_164658.pdf");
  if (pdf.empty()) pdf = testing::SourceDir() + "/samples/valfardsnamnden-protokoll-2025-04-14.pdf";
  const auto one = Ingested({pdf}, 1);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(Ingested({pdf}, 2), one);
}

}  // namespace
}  // namespace protokoll
