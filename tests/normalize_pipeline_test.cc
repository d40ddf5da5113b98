#include "protokoll/pipeline.h"

#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include "protokoll/paragraphs.h"

#include "test_support.h"

namespace protokoll {
namespace {

class CapturingLogger : public Logger {
 public:
  void Log(LogLevel level, std::string_view message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    entries.emplace_back(level, std::string(message));
  }
  std::vector<std::pair<LogLevel, std::string>> entries;

 private:
  std::mutex mutex_;
};

RawDocument OnePage(const std::vector<std::string>& body) {
  RawDocument raw;
  raw.file_name = "test.pdf";
  RawPage page;
  page.number = 1;
  page.width = 595;
  page.height = 842;
  double y = 150;
  for (const auto& text : body) {
    page.lines.push_back(testing::MakeRawLine(text, 56, y));
    y += 14;
  }
  raw.pages.push_back(page);
  return raw;
}

// Without a dictionary, "kvarg-|plumpen" has no evidence either way: it is
// joined by default, kept as such in the repairs, and the log names it.
TEST(PipelineTest, LogsUndecidedLineEndHyphens) {
  CapturingLogger logger;
  Document doc = DeriveDocument(OnePage({"Det var en lång kvarg-", "plumpen i sjön och hälso-", "och sjukvård."}),
                                /*dictionary=*/nullptr, &logger);
  std::vector<HyphenRepair> repairs;
  for (const auto& p : doc.preamble) repairs.insert(repairs.end(), p.repairs.begin(), p.repairs.end());
  for (const auto& item : doc.items)
    for (const auto& p : item.paragraphs) repairs.insert(repairs.end(), p.repairs.begin(), p.repairs.end());
  ASSERT_EQ(repairs.size(), 2u);
  EXPECT_EQ(repairs[0].rule, kUndecidedHyphenRule);
  EXPECT_EQ(repairs[0].result, "kvargplumpen");
  EXPECT_NE(repairs[1].rule, kUndecidedHyphenRule);  // "hälso-|och" is decided: kept

  int named = 0, counted = 0;
  for (const auto& [level, message] : logger.entries) {
    if (level == LogLevel::kDebug && message.find("\"kvarg-|plumpen\"") != std::string::npos &&
        message.find("page 1") != std::string::npos)
      ++named;
    if (level == LogLevel::kInfo && message.find("test.pdf: 1 line-end hyphen(s) undecided") != std::string::npos)
      ++counted;
    EXPECT_EQ(message.find("hälso-|och"), std::string::npos) << message;
  }
  EXPECT_EQ(named, 1);
  EXPECT_EQ(counted, 1);
}

TEST(PipelineTest, NothingUndecidedLogsNothingAboutHyphens) {
  CapturingLogger logger;
  DeriveDocument(OnePage({"Inga avstavningar här.", "Bara hela ord."}), nullptr, &logger);
  for (const auto& [level, message] : logger.entries) EXPECT_EQ(message.find("undecided"), std::string::npos) << message;
}

// Pages carry the language identified in ingest; an extraction stored
// before pages had one (language "") is identified here. The document's
// language is the one with the most text when no format decides it.
TEST(PipelineTest, PagesAndDocumentGetTheirLanguage) {
  RawDocument raw = OnePage({"Lautakunta päättää hyväksyä talousarvion ensi vuodelle esityksen mukaisesti.",
                             "Puheenjohtaja totesi kokouksen laillisesti koolle kutsutuksi ja päätösvaltaiseksi."});
  RawPage second = raw.pages[0];
  second.number = 2;
  second.language = "sv";  // as ingest decided it: kept, not identified again
  second.lines.pop_back();  // less text than page 1
  raw.pages.push_back(second);
  RawPage blank;
  blank.number = 3;
  raw.pages.push_back(blank);
  Document doc = DeriveDocument(raw, nullptr, nullptr);
  ASSERT_EQ(doc.pages.size(), 3u);
  EXPECT_EQ(doc.pages[0].language, "fi");
  EXPECT_EQ(doc.pages[1].language, "sv");
  EXPECT_EQ(doc.pages[2].language, "");
  EXPECT_EQ(doc.language, "fi");
}

}  // namespace
}  // namespace protokoll
