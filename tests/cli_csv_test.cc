// CSV export: RFC 4180 fields and rows, and the exports of the samples read
// back with Python's csv module.
#include "protokoll/csv.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace protokoll {
namespace {
namespace fs = std::filesystem;

TEST(CsvTest, FieldsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("Järntorget"), "Järntorget");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("säger \"nej\""), "\"säger \"\"nej\"\"\"");
  EXPECT_EQ(CsvField("rad ett\nrad två"), "\"rad ett\nrad två\"");
  EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
}

TEST(CsvTest, TablesByName) {
  EXPECT_EQ(*CsvTableFromName("decisions"), CsvTable::kDecisions);
  EXPECT_EQ(CsvTableFromName("people").status().code(), ErrorCode::kInvalidArgument);
}

TEST(CsvTest, EveryRowStartsWithDocumentFileAndPage) {
  Document d;
  d.id = std::string(64, 'c');
  d.source.file = "protokoll, maj.pdf";
  for (const char* method : {"text", "ocr"}) {
    PageRecord page;
    page.number = static_cast<int>(d.pages.size()) + 1;
    page.method = method;
    d.pages.push_back(page);
  }
  d.attendees.push_back(Attendee{"Karin Nilsson", "Förvaltningen", std::nullopt, true, "present"});
  Item item;
  item.number = "3";
  item.title = "Budget";
  item.page = 2;
  Paragraph p;
  p.text = "Hon sa \"ja\".";
  p.page = 2;
  p.speaker = "Karin Nilsson";
  p.speaker_source = "explicit";
  item.paragraphs.push_back(p);
  item.decisions.push_back(Decision{"Godkänns.", 2, Box{}});
  d.items.push_back(item);

  const std::string file = "\"protokoll, maj.pdf\"";
  EXPECT_EQ(CsvHeader(CsvTable::kDecisions), "document_id,file,page,item_number,item_title,text\r\n");
  EXPECT_EQ(DocumentToCsv(d, CsvTable::kDecisions), d.id + "," + file + ",2,3,Budget,Godkänns.\r\n");
  EXPECT_EQ(DocumentToCsv(d, CsvTable::kParagraphs),
            d.id + "," + file + ",2,3,1,Karin Nilsson,explicit,\"Hon sa \"\"ja\"\".\"\r\n");
  EXPECT_EQ(DocumentToCsv(d, CsvTable::kAttendees), d.id + "," + file + ",,Karin Nilsson,Förvaltningen,,present,true\r\n");
  EXPECT_NE(DocumentToCsv(d, CsvTable::kDocuments).find(file + ",2,mixed,"), std::string::npos);
  d.attendees.clear();
  EXPECT_EQ(DocumentToCsv(d, CsvTable::kAttendees), "");
}

// Every table of the born-digital samples, read back with Python's csv module:
// same row count as the JSON export says, the same columns on every row.
TEST(CsvExportTest, SamplesReadBackWithPythonCsv) {
  const std::string python = testing::FindProgram("python3");
  if (python.empty()) GTEST_SKIP() << "python3 is not installed";
  const std::string dir = testing::MakeTempDir("protokoll-csv");
  const std::string db = dir + "/db";
  std::vector<std::string> ingest{testing::ProtokollBinary(), "--db", db, "ingest", "--quiet"};
  for (const auto& e : fs::directory_iterator(testing::SourceDir() + "/samples"))
    if (e.path().extension() == ".pdf" && e.path().string().find("-scan") == std::string::npos)
      ingest.push_back(e.path().string());
  ASSERT_EQ(testing::RunCommand(ingest).exit_code, 0);

  // Expected counts from the JSON export.
  std::map<std::string, size_t> expected;
  auto jsonl = testing::RunCommand({testing::ProtokollBinary(), "--db", db, "export"});
  std::istringstream lines(jsonl.out);
  for (std::string line; std::getline(lines, line);) {
    auto doc = nlohmann::json::parse(line);
    expected["documents"] += 1;
    expected["attendees"] += doc["attendees"].size();
    expected["items"] += doc["items"].size();
    expected["paragraphs"] += doc["preamble"].size();
    for (const auto& item : doc["items"]) {
      expected["decisions"] += item["decisions"].size();
      expected["paragraphs"] += item["paragraphs"].size();
    }
  }
  ASSERT_EQ(expected["documents"], 3u);

  const std::string script = dir + "/read.py";
  std::ofstream(script) << "import csv, sys\n"
                           "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                           "    rows = list(csv.reader(f, strict=True))\n"
                           "assert rows[0][:3] in (['document_id', 'file', 'page'], ['document_id', 'file', 'pages']), rows[0]\n"
                           "assert all(len(r) == len(rows[0]) for r in rows), 'ragged rows'\n"
                           "assert all(len(r[0]) == 64 and r[1] for r in rows[1:]), 'id or file missing'\n"
                           "print(len(rows) - 1)\n";
  for (const char* table : {"documents", "attendees", "items", "decisions", "paragraphs"}) {
    auto csv = testing::RunCommand({testing::ProtokollBinary(), "--db", db, "export", "--format", "csv", "--table", table});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    const std::string path = dir + "/" + table + ".csv";
    std::ofstream(path, std::ios::binary) << csv.out;
    auto read = testing::RunCommand({python, script, path});
    EXPECT_EQ(read.exit_code, 0) << table << ": " << read.err;
    EXPECT_EQ(read.out, std::to_string(expected[table]) + "\n") << table;
  }
  EXPECT_GT(expected["decisions"], 0u);
  auto missing = testing::RunCommand({testing::ProtokollBinary(), "--db", db, "export", "--format", "csv"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.out, "");
  auto table_alone = testing::RunCommand({testing::ProtokollBinary(), "--db", db, "export", "--table", "items"});
  EXPECT_EQ(table_alone.exit_code, 0) << table_alone.err;
  EXPECT_EQ(table_alone.out.rfind(CsvHeader(CsvTable::kItems), 0), 0u);  // --table alone means CSV
  auto clash = testing::RunCommand({testing::ProtokollBinary(), "--db", db, "export", "--format", "tei", "--table", "items"});
  EXPECT_EQ(clash.exit_code, 2);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace protokoll
