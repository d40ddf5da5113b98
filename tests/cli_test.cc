// The command line as a user drives it: exit codes, batches with bad input,
// idempotent re-ingest, and the data commands over a real database.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "protokoll/corrections.h"
#include "protokoll/store.h"
#include "test_support.h"

namespace protokoll {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using testing::RunCommand;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("protokoll-cli");
    db_ = dir_ + "/db";
  }
  void TearDown() override { fs::remove_all(dir_); }

  testing::CommandResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {testing::ProtokollBinary(), "--db", db_});
    return RunCommand(args);
  }
  static std::string Samples() { return testing::SourceDir() + "/samples"; }
  static std::vector<std::string> SamplePdfs() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(Samples()))
      if (e.path().extension() == ".pdf") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  // The born-digital samples: quick to ingest (no OCR).
  static std::vector<std::string> BornDigitalPdfs() {
    std::vector<std::string> out;
    for (const auto& p : SamplePdfs())
      if (p.find("-scan") == std::string::npos) out.push_back(p);
    return out;
  }
  static std::vector<std::string> Lines(const std::string& s) {
    std::vector<std::string> lines;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) lines.push_back(line);
    return lines;
  }

  std::string dir_, db_;
};

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Run({}).exit_code, 2);
  EXPECT_EQ(Run({"no-such-command"}).exit_code, 2);
  EXPECT_EQ(Run({"ingest"}).exit_code, 2);
  EXPECT_EQ(Run({"ingest", "--ocr", "sometimes", "x.pdf"}).exit_code, 2);
  EXPECT_EQ(Run({"--help"}).exit_code, 0);
}

TEST_F(CliTest, DatabaseThatCannotBeOpenedExitsThree) {
  std::ofstream(dir_ + "/not-a-dir") << "x";
  auto r = RunCommand({testing::ProtokollBinary(), "--db", dir_ + "/not-a-dir", "ingest", BornDigitalPdfs().at(0)});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(Run({"list"}).exit_code, 3);  // read commands on a database that does not exist
}

TEST_F(CliTest, IngestSamplesThenReingestIsUnchanged) {
  auto pdfs = SamplePdfs();
  ASSERT_GE(pdfs.size(), 3u);
  auto first = Run({"ingest", "--quiet", Samples()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto listed = Run({"list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(Lines(listed.out).size(), pdfs.size() + 1);  // a header row, then one line a document

  auto exported = Run({"export"});
  ASSERT_EQ(exported.exit_code, 0);
  auto again = Run({"ingest", Samples()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("0 stored, " + std::to_string(pdfs.size()) + " unchanged, 0 failed"), std::string::npos)
      << again.out;
  EXPECT_EQ(Run({"export"}).out, exported.out);

  for (const auto& line : Lines(exported.out)) {
    json doc = json::parse(line);
    EXPECT_EQ(doc["schema"], "protokoll/1");
    for (const char* key : {"id", "source", "pipeline_version", "language", "metadata", "attendees", "pages",
                            "items", "preamble", "text", "warnings"})
      EXPECT_TRUE(doc.contains(key)) << key;
    EXPECT_EQ(doc["id"].get<std::string>().size(), 64u);
  }
}

TEST_F(CliTest, BadInputsAreRecordedAndTheBatchGoesOn) {
  const std::string bad = testing::SourceDir() + "/tests/data/bad";
  ASSERT_TRUE(fs::exists(bad + "/encrypted.pdf"));
  // Something already stored must survive the bad batch unchanged.
  auto good = BornDigitalPdfs().at(0);
  ASSERT_EQ(Run({"ingest", "--quiet", good}).exit_code, 0);
  auto before = Run({"export"}).out;

  const std::string batch = dir_ + "/batch";
  fs::create_directory(batch);
  for (const char* name : {"empty.pdf", "text-named.pdf", "truncated.pdf", "encrypted.pdf"})
    fs::copy_file(bad + "/" + name, batch + "/" + name);
  fs::copy_file(BornDigitalPdfs().at(1), batch + "/good.pdf");
  auto r = Run({"ingest", batch, dir_ + "/missing.pdf"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("1 stored, 0 unchanged, 5 failed"), std::string::npos) << r.out;

  auto failures = Run({"failures"});
  ASSERT_EQ(failures.exit_code, 0);
  std::map<std::string, std::string> code_by_file;
  for (const auto& line : Lines(failures.out)) {
    std::vector<std::string> cols;
    std::istringstream in(line);
    for (std::string c; std::getline(in, c, '\t');) cols.push_back(c);
    ASSERT_GE(cols.size(), 4u) << line;
    code_by_file[fs::path(cols[0]).filename().string()] = cols[2];
  }
  EXPECT_EQ(code_by_file["empty.pdf"], "empty_file");
  EXPECT_EQ(code_by_file["text-named.pdf"], "unsupported_format");
  EXPECT_EQ(code_by_file["truncated.pdf"], "damaged_pdf");
  EXPECT_EQ(code_by_file["encrypted.pdf"], "encrypted_pdf");
  EXPECT_EQ(code_by_file["missing.pdf"], "not_found");

  auto after = Run({"export"}).out;
  EXPECT_NE(after.find(Lines(before).at(0)), std::string::npos) << "the stored document changed";
  EXPECT_EQ(Lines(after).size(), 2u);
  auto stats = Run({"stats"});
  EXPECT_NE(stats.out.find("failures\t5"), std::string::npos) << stats.out;
}

TEST_F(CliTest, ExtractPrintsOneContractDocument) {
  auto r = Run({"extract", BornDigitalPdfs().at(0)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json doc = json::parse(r.out);
  EXPECT_EQ(doc["schema"], "protokoll/1");
  EXPECT_GT(doc["pages"].size(), 0u);
  EXPECT_FALSE(fs::exists(db_)) << "extract must not create a database";
  auto bad = Run({"extract", testing::SourceDir() + "/tests/data/bad/encrypted.pdf"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("encrypted_pdf"), std::string::npos) << bad.err;
  auto missing = Run({"extract", dir_ + "/missing.pdf"});
  EXPECT_EQ(missing.err, "protokoll: " + dir_ + "/missing.pdf: not_found: no such file\n");  // the path once
}

TEST_F(CliTest, ShowSearchAndExportById) {
  std::vector<std::string> args{"ingest", "--quiet"};
  for (const auto& p : BornDigitalPdfs()) args.push_back(p);
  ASSERT_EQ(Run(args).exit_code, 0);
  auto listed = Lines(Run({"list", "--json"}).out);
  ASSERT_FALSE(listed.empty());
  std::string id12 = json::parse(listed[0])["id"].get<std::string>().substr(0, 12);
  auto shown = Run({"show", id12.substr(0, 8)});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find(id12), std::string::npos);
  EXPECT_EQ(Run({"show", "0000000000"}).exit_code, 2);
  auto four = Run({"show", id12.substr(0, 4)});  // four hex digits are enough when unique
  EXPECT_EQ(four.exit_code, 0) << four.err;
  EXPECT_NE(four.out.find(id12), std::string::npos);

  auto one = Run({"export", id12});
  ASSERT_EQ(one.exit_code, 0);
  ASSERT_EQ(Lines(one.out).size(), 1u);
  EXPECT_EQ(json::parse(one.out)["id"].get<std::string>().substr(0, 12), id12);

  auto verified = Run({"verify"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
  EXPECT_NE(verified.out.find(std::to_string(listed.size()) + " documents checked, 0 problems"), std::string::npos)
      << verified.out;

  // Reprocessing derives again from the stored extraction: same pipeline, same records.
  auto before = Run({"export"}).out;
  auto reprocessed = Run({"reprocess", id12});
  EXPECT_EQ(reprocessed.exit_code, 0) << reprocessed.err;
  EXPECT_NE(reprocessed.out.find("1 reprocessed, 0 current, 0 failed"), std::string::npos) << reprocessed.out;
  EXPECT_EQ(Run({"export"}).out, before);
  auto all = Run({"reprocess", "--all"});
  EXPECT_NE(all.out.find("0 reprocessed, " + std::to_string(listed.size()) + " current"), std::string::npos) << all.out;
  EXPECT_EQ(Run({"reprocess"}).exit_code, 2);

  auto tei = Run({"export", "--format", "tei"});
  EXPECT_EQ(tei.exit_code, 0);
  EXPECT_EQ(tei.out.rfind("<?xml", 0), 0u);
  EXPECT_NE(tei.out.find("<teiCorpus"), std::string::npos);
  EXPECT_NE(tei.out.find("<u who=\"#"), std::string::npos);
  EXPECT_NE(tei.out.find("</teiCorpus>"), std::string::npos);

  auto hits = Run({"search", "--limit", "3", "och"});
  EXPECT_EQ(hits.exit_code, 0) << hits.err;
  EXPECT_FALSE(hits.out.empty());
}

TEST_F(CliTest, DatesAreValidatedAndCompareAsDates) {
  // Usage errors, before any database is opened.
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"search", "--from", "2025-13-45", "och"},
           {"search", "--from", "yesterday", "och"},
           {"search", "--to", "14.4.2025", "och"},
           {"search", "--from", "2025-02-29", "och"},
           {"export", "--since", "garbage"},
           {"export", "--ingested-since", "2025-01-01 10:00"}}) {
    auto r = Run(args);
    EXPECT_EQ(r.exit_code, 2) << args[2];
    EXPECT_EQ(Lines(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find("YYYY-MM-DD"), std::string::npos) << r.err;
  }
  std::vector<std::string> args{"ingest", "--quiet"};
  for (const auto& p : BornDigitalPdfs()) args.push_back(p);  // meetings of 2025-03-04, 2025-03-13, 2025-04-14
  ASSERT_EQ(Run(args).exit_code, 0);
  auto count = [&](std::vector<std::string> a) {
    auto r = Run(a);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Lines(r.out).size();
  };
  // --since is the meeting date, --ingested-since the time of ingest.
  EXPECT_EQ(count({"export", "--since", "2025-03-05"}), 2u);
  EXPECT_EQ(count({"export", "--since", "2025-04-14"}), 1u);
  EXPECT_EQ(count({"export", "--since", "2025-04-15"}), 0u);
  EXPECT_EQ(count({"export", "--ingested-since", "2000-01-01"}), 3u);
  EXPECT_EQ(count({"export", "--ingested-since", "2000-01-01T00:00Z"}), 3u);
  EXPECT_EQ(count({"export", "--ingested-since", "9999-01-01"}), 0u);
  auto dated = Run({"search", "--json", "--limit", "100", "--from", "2025-04-01", "--to", "2025-04-30", "och"});
  ASSERT_EQ(dated.exit_code, 0) << dated.err;
  ASSERT_FALSE(Lines(dated.out).empty());
  for (const auto& line : Lines(dated.out)) EXPECT_EQ(json::parse(line)["date"], "2025-04-14") << line;
}

TEST_F(CliTest, ListSearchStatsAndFailuresAsTablesWithHeadersOrJson) {
  std::vector<std::string> args{"ingest", "--quiet", dir_ + "/missing.pdf"};
  for (const auto& p : BornDigitalPdfs()) args.push_back(p);
  ASSERT_EQ(Run(args).exit_code, 1);

  auto table = Lines(Run({"list"}).out);
  ASSERT_EQ(table.size(), 4u);
  EXPECT_EQ(table[0], "id\tdate\treference\tbody\ttitle\tpages\tmethod\tfile");
  EXPECT_NE(table[1].find("\ttext\t"), std::string::npos) << table[1];
  for (const auto& line : Lines(Run({"list", "--json"}).out)) {
    json d = json::parse(line);
    EXPECT_EQ(d["id"].get<std::string>().size(), 64u);
    EXPECT_EQ(d["method"], "text");
    EXPECT_NE(d["file"].get<std::string>().find(".pdf"), std::string::npos);
  }
  auto stats = Run({"stats", "--json"});
  EXPECT_EQ(json::parse(stats.out)["documents"], 3);
  EXPECT_EQ(Lines(Run({"stats"}).out).at(0), "what\tcount");
  auto failures = Lines(Run({"failures", "--json"}).out);
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(json::parse(failures[0])["code"], "not_found");
  EXPECT_EQ(Lines(Run({"failures"}).out).at(0), "path\tsha256\tcode\tmessage\trecorded_at");

  auto hits = Run({"search", "--json", "--limit", "2", "och"});
  ASSERT_EQ(hits.exit_code, 0) << hits.err;
  ASSERT_EQ(Lines(hits.out).size(), 2u);
  EXPECT_TRUE(json::parse(Lines(hits.out)[0]).contains("snippet"));
  EXPECT_NE(json::parse(Lines(hits.out)[0])["file"].get<std::string>().find(".pdf"), std::string::npos);
  auto table_hits = Lines(Run({"search", "--limit", "1", "och"}).out);
  ASSERT_EQ(table_hits.size(), 3u);  // header, hit, snippet
  EXPECT_EQ(table_hits[0], "id\tdate\treference\titem\tpage\tspeaker\tfile");
  EXPECT_NE(table_hits[1].find(".pdf"), std::string::npos) << table_hits[1];
  // Cut at --limit, and said so with the exact number left.
  const size_t all_hits = Lines(Run({"search", "--json", "--limit", "1000", "och"}).out).size();
  ASSERT_GT(all_hits, 2u);
  EXPECT_NE(hits.err.find("best 2 hits; " + std::to_string(all_hits - 2) + " more"), std::string::npos) << hits.err;
  // Every word by default, either word with OR.
  const size_t both = Lines(Run({"search", "--json", "--limit", "1000", "och att"}).out).size();
  const size_t either = Lines(Run({"search", "--json", "--limit", "1000", "och OR att"}).out).size();
  EXPECT_LE(both, all_hits);
  EXPECT_GE(either, all_hits);
  EXPECT_EQ(Run({"search", "--lang", "xx", "och"}).exit_code, 2);
  auto apart = Run({"search", "och zzyzxqq"});  // each word somewhere, never both in one paragraph
  EXPECT_NE(apart.err.find("\"och OR zzyzxqq\" finds those with any"), std::string::npos) << apart.err;
  EXPECT_EQ(Run({"search", "\"\""}).exit_code, 2);  // only quotes: nothing to find
  auto none = Run({"search", "zzyzxqq"});
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_EQ(none.out, "");
  EXPECT_NE(none.err.find("no paragraph matches"), std::string::npos) << none.err;
  // The hint is checked against the index: a prefix that finds, or the filters that exclude.
  auto stem = Run({"search", "vårdplatslä"});  // a part of "vårdplatsläget"
  EXPECT_NE(stem.err.find("\"vårdplatslä*\" finds inflected forms too"), std::string::npos) << stem.err;
  auto filtered = Run({"search", "--from", "2030-01-01", "och"});
  EXPECT_NE(filtered.err.find("without --speaker, --body, --from and --to there are hits"), std::string::npos)
      << filtered.err;
  EXPECT_EQ(Run({"search", ""}).exit_code, 2);  // an empty query is a usage error
}

TEST_F(CliTest, HelpVersionAndOneLineErrors) {
  auto version = Run({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("protokoll ", 0), 0u) << version.out;
  for (const char* cmd : {"ingest", "extract", "list", "show", "export", "search", "stats", "failures", "reprocess",
                          "verify", "remove"}) {
    auto help = Run({cmd, "--help"});
    EXPECT_EQ(help.exit_code, 0) << cmd;
    EXPECT_NE(help.out.find("Examples:"), std::string::npos) << cmd;
  }
  auto search = Run({"search", "--help"}).out;
  for (const char* what : {"--speaker", "--from", "--to", "--limit", "YYYY-MM-DD", "QUERY"})
    EXPECT_NE(search.find(what), std::string::npos) << what;
  EXPECT_NE(search.find("20"), std::string::npos) << "the default of --limit";
  auto bad = Run({"search", "--limit", "0", "x"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(Lines(bad.err).size(), 1u) << bad.err;

  ASSERT_EQ(Run({"ingest", "--quiet", BornDigitalPdfs().at(0)}).exit_code, 0);
  auto unknown = Run({"show", "0000000000"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(Lines(unknown.err).size(), 1u) << unknown.err;
  EXPECT_EQ(std::count(unknown.err.begin(), unknown.err.end(), '0'), 10) << "the id once: " << unknown.err;
}

TEST_F(CliTest, FolderIngestNamesSkippedSubFoldersAndFiltersByGlob) {
  const std::string folder = dir_ + "/in";
  fs::create_directories(folder + "/older/2019");
  const auto pdfs = BornDigitalPdfs();
  fs::copy_file(pdfs.at(0), folder + "/a.pdf");
  fs::copy_file(pdfs.at(1), folder + "/b-draft.pdf");
  fs::copy_file(pdfs.at(2), folder + "/older/c.pdf");
  std::ofstream(folder + "/notes.txt") << "Inga anteckningar.\n";

  auto r = Run({"ingest", "--include", "*.pdf", "--exclude", "*-draft*", folder});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 stored, 0 unchanged, 0 failed"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("skipped 1 sub-folder (--recursive reads them): " + folder + "/older\n"), std::string::npos) << r.err;

  auto all = Run({"ingest", "--recursive", "--progress", "json", "--include", "*.pdf", folder});
  EXPECT_EQ(all.exit_code, 0) << all.err;
  EXPECT_NE(all.out.find("2 stored, 1 unchanged, 0 failed"), std::string::npos) << all.out;
  EXPECT_EQ(all.err.find("skipped"), std::string::npos) << all.err;
  auto progress = Lines(all.err);  // --progress=json: one object per input
  ASSERT_EQ(progress.size(), 3u) << all.err;
  EXPECT_EQ(json::parse(progress.back())["done"], 3);
  EXPECT_EQ(json::parse(progress.back())["total"], 3);
}

TEST_F(CliTest, CorrectionsAreListedShownAndExportedForAudit) {
  ASSERT_EQ(Run({"ingest", "--quiet", BornDigitalPdfs().at(0)}).exit_code, 0);
  const std::string id = json::parse(Lines(Run({"list", "--json"}).out).at(0))["id"];
  EXPECT_EQ(Lines(Run({"corrections"}).out).size(), 1u);  // the header row only
  {
    auto store = Store::Open(db_, StoreOptions{});
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(RunCorrect(**store, id, "metadata.place", "\"Rådhuset, Sal Å\"", "anna").ok());
  }
  auto listed = Run({"corrections", "--json", id.substr(0, 8)});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  auto lines = Lines(listed.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(json::parse(lines[0])["new"], "Rådhuset, Sal Å");
  EXPECT_EQ(json::parse(lines[0])["who"], "anna");
  EXPECT_TRUE(Lines(Run({"corrections", "--conflicts", "--json"}).out).empty());
  EXPECT_NE(Run({"show", id.substr(0, 8)}).out.find("Rådhuset, Sal Å"), std::string::npos);
  auto audit = Lines(Run({"export", "--corrections"}).out);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(json::parse(audit[0])["field"], "metadata.place");
  json exported = json::parse(Run({"export", id.substr(0, 8)}).out);
  EXPECT_EQ(exported["metadata"]["corrected"], true);
  EXPECT_EQ(Run({"reprocess", id.substr(0, 8)}).exit_code, 0);
  EXPECT_NE(Run({"show", id.substr(0, 8)}).out.find("Rådhuset, Sal Å"), std::string::npos);
  EXPECT_EQ(Run({"verify"}).exit_code, 0);
}

TEST_F(CliTest, ServeRefusesUnsafeOptions) {
  ASSERT_EQ(Run({"ingest", "--quiet", BornDigitalPdfs().at(0)}).exit_code, 0);
  EXPECT_EQ(Run({"serve", "--bind", "0.0.0.0"}).exit_code, 2);  // other machines need a token
  EXPECT_EQ(Run({"serve", "--bind", "0.0.0.0", "--token", "a:x", "--allow-local-edits"}).exit_code, 2);
  EXPECT_EQ(Run({"serve", "--token", "bad name:x"}).exit_code, 2);
  EXPECT_EQ(Run({"serve", "--port", "70000"}).exit_code, 2);
  db_ = dir_ + "/absent";
  EXPECT_EQ(Run({"serve", "--port", "0"}).exit_code, 3);
}

}  // namespace
}  // namespace protokoll
