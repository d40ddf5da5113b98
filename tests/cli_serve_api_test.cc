// serve's JSON API as a function (ServeApi::Handle), over a store made by a
// real ingest of sample PDFs: every endpoint against what the store itself
// says, bad ids, traversal attempts, tokens, and a page image only from an
// unchanged file at its ingest path.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "protokoll/jobs.h"
#include "protokoll/record_json.h"
#include "protokoll/serve.h"
#include "test_support.h"

namespace protokoll {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

const char* const kRiverton = "riverton-council-minutes-2025-03-04.pdf";
const char* const kValfard = "valfardsnamnden-protokoll-2025-04-14.pdf";
const char* const kChanged = "hsn-2025-0311-motesanteckningar.pdf";  // edited after ingest

json Parse(const ApiResponse& r) {
  json j = json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << r.body.substr(0, 200);
  return j;
}

std::string ErrorCodeOf(const ApiResponse& r) {
  json j = Parse(r);
  return j.contains("error") ? j["error"].value("code", "") : "";
}

class ServeApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::MakeTempDir("protokoll-serve-api"));
    const std::string files = *dir_ + "/files";
    fs::create_directories(files);
    for (const char* name : {kRiverton, kValfard, kChanged})
      fs::copy_file(testing::SourceDir() + "/samples/" + name, files + "/" + name);
    std::ofstream(files + "/empty.pdf").close();  // a failure to list
    auto store = Store::Open(*dir_ + "/db", StoreOptions{});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    IngestJobOptions options;
    options.extract = testing::TextOnly();
    auto summary = RunIngest({files}, options, **store, nullptr, NullLogger());
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    ASSERT_EQ(summary->stored, 3u);
    // A document stored without a file path (as by an older version).
    Document pathless;
    pathless.id = std::string(64, 'c');
    pathless.source = SourceInfo{"pathless.pdf", 10, "application/pdf", 1};
    pathless.pipeline_version = std::string(PipelineVersion());
    pathless.pages.push_back(PageRecord{});
    pathless.pages.back().number = 1;
    pathless.pages.back().method = "ocr";
    ASSERT_TRUE((*store)->Put(pathless).ok());
    // Edit one file after ingest: its bytes are no longer the document's.
    std::ofstream(files + "/" + kChanged, std::ios::app) << "%% edited\n";
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }

  static ServeOptions Options() {
    ServeOptions o;
    o.db = *dir_ + "/db";
    o.port = 0;
    return o;
  }
  std::unique_ptr<ServeApi> OpenApi(const ServeOptions& o) {
    auto api = ServeApi::Open(o);
    EXPECT_TRUE(api.ok()) << api.status().ToString();
    return api.ok() ? std::move(*api) : nullptr;
  }
  void SetUp() override {
    api_ = OpenApi(Options());
    ASSERT_NE(api_, nullptr);
    StoreOptions ro;
    ro.read_only = true;
    auto store = Store::Open(*dir_ + "/db", ro);
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
  }
  ApiResponse Get(const std::string& path, std::vector<std::pair<std::string, std::string>> query = {}) {
    ApiRequest r;
    r.path = path;
    r.query = std::move(query);
    return api_->Handle(r);
  }
  // The full id of the stored document read from `file`.
  std::string IdOf(const std::string& file) {
    std::string id;
    EXPECT_TRUE(store_->ForEachSummary([&](const DocumentSummary& d) {
      if (d.file == file) id = d.id;
      return id.empty();
    }).ok());
    EXPECT_FALSE(id.empty()) << file;
    return id;
  }

  static std::string* dir_;
  std::unique_ptr<ServeApi> api_;
  std::unique_ptr<Store> store_;
};
std::string* ServeApiTest::dir_ = nullptr;

TEST_F(ServeApiTest, StatsAndFailuresSayWhatTheStoreSays) {
  ApiResponse r = Get("/api/stats");
  ASSERT_EQ(r.status, 200) << r.body;
  json stats = Parse(r);
  auto expected = store_->Stats();
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(stats["documents"], expected->documents);
  EXPECT_EQ(stats["paragraphs"], expected->paragraphs);
  EXPECT_EQ(stats["failures"], expected->failures);

  json failures = Parse(Get("/api/failures"))["failures"];
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0]["code"], "empty_file");
  EXPECT_NE(failures[0]["path"].get<std::string>().find("empty.pdf"), std::string::npos);
}

TEST_F(ServeApiTest, DocumentListFilters) {
  json all = Parse(Get("/api/documents"));
  EXPECT_EQ(all["total"], 4);
  ASSERT_EQ(all["documents"].size(), 4u);
  // Body, case-insensitively and with Swedish capitals folded.
  json valfard = Parse(Get("/api/documents", {{"body", "VÄLFÄRDS"}}));
  ASSERT_EQ(valfard["total"], 1) << valfard.dump();
  EXPECT_EQ(valfard["documents"][0]["file"], kValfard);
  // Date range: both ends inclusive; undated documents fall outside any range.
  json march = Parse(Get("/api/documents", {{"from", "2025-03-01"}, {"to", "2025-03-31"}}));
  for (const auto& d : march["documents"]) EXPECT_EQ(d["date"].get<std::string>().substr(0, 7), "2025-03");
  EXPECT_EQ(march["total"], 2);
  EXPECT_EQ(Parse(Get("/api/documents", {{"from", "2025-03-04"}, {"to", "2025-03-04"}}))["total"], 1);
  // Method and language, as `list --json` reports them.
  json text = Parse(Get("/api/documents", {{"method", "text"}}));
  EXPECT_EQ(text["total"], 3);
  json ocr = Parse(Get("/api/documents", {{"method", "ocr"}}));
  ASSERT_EQ(ocr["total"], 1);
  EXPECT_EQ(ocr["documents"][0]["file"], "pathless.pdf");
  json english = Parse(Get("/api/documents", {{"language", "en"}}));
  ASSERT_EQ(english["total"], 1);
  EXPECT_EQ(english["documents"][0]["file"], kRiverton);
  // Needs review: here only the undated document.
  json review = Parse(Get("/api/documents", {{"needs_review", "1"}}));
  ASSERT_EQ(review["total"], 1);
  EXPECT_EQ(review["documents"][0]["file"], "pathless.pdf");
  for (const auto& d : all["documents"]) EXPECT_EQ(d["needs_review"], d["date"].is_null()) << d["file"];
  // Paging.
  json second = Parse(Get("/api/documents", {{"offset", "1"}, {"limit", "1"}}));
  EXPECT_EQ(second["total"], 4);
  ASSERT_EQ(second["documents"].size(), 1u);
  EXPECT_EQ(second["documents"][0]["id"], all["documents"][1]["id"]);
  // Mistakes are 400s that say what is wrong.
  EXPECT_EQ(Get("/api/documents", {{"from", "14.4.2025"}}).status, 400);
  EXPECT_EQ(ErrorCodeOf(Get("/api/documents", {{"method", "scan"}})), "invalid_argument");
  EXPECT_EQ(Get("/api/documents", {{"limit", "0"}}).status, 400);
  EXPECT_EQ(Get("/api/documents", {{"limit", "1e3"}}).status, 400);
}

TEST_F(ServeApiTest, OneDocumentIsTheContractJson) {
  const std::string id = IdOf(kRiverton);
  ApiResponse r = Get("/api/documents/" + id);
  ASSERT_EQ(r.status, 200) << r.body;
  auto doc = store_->Get(id);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(r.body, DocumentToJson(*doc));
  EXPECT_EQ(Parse(r)["schema"], "protokoll/1");
  // An id prefix works too; the repairs audit only when asked for.
  ApiResponse prefix = Get("/api/documents/" + id.substr(0, 8), {{"repairs", "1"}});
  ASSERT_EQ(prefix.status, 200);
  EXPECT_EQ(prefix.body, DocumentToJson(*doc, JsonOptions{-1, true}));
}

TEST_F(ServeApiTest, BadIdsAreRefusedWithTheirCodes) {
  EXPECT_EQ(Get("/api/documents/" + std::string(64, 'e')).status, 404);
  EXPECT_EQ(ErrorCodeOf(Get("/api/documents/" + std::string(64, 'e'))), "not_found");
  EXPECT_EQ(Get("/api/documents/abc").status, 400);   // shorter than a prefix may be
  EXPECT_EQ(Get("/api/documents/ABCDEF12").status, 400);  // ids are lower-case hex
  EXPECT_EQ(Get("/api/documents/HSN 2025-0311").status, 400);  // references are not paths
  EXPECT_EQ(Get("/api/documents/" + std::string(65, 'a')).status, 400);
  EXPECT_EQ(Get("/api/nothing").status, 404);
  EXPECT_EQ(Get("/api/documents/" + IdOf(kRiverton) + "/words").status, 404);
}

TEST_F(ServeApiTest, NoPathReachesAFile) {
  const std::string id = IdOf(kRiverton);
  for (const std::string& path : std::vector<std::string>{
           "/api/documents/../../etc/passwd", "/api/documents/" + id + "/pages/../../../../etc/passwd",
        "/../../etc/passwd", "/etc/passwd", "/api/documents//etc/passwd", "/api/documents/" + id + "/pages/..\\..\\x.png",
        "/api/documents/" + id + "/pages//etc/passwd", "/" + *dir_ + "/files/" + kRiverton, "etc/passwd",
        "/api/documents/" + id + "/pages/" + *dir_ + "/files/" + kRiverton}) {
    ApiResponse r = Get(path);
    EXPECT_GE(r.status, 400) << path;
    EXPECT_LT(r.status, 500) << path;
    EXPECT_EQ(r.content_type.rfind("application/json", 0), 0u) << path;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("%PDF"), std::string::npos) << path;
  }
}

TEST_F(ServeApiTest, PageImagesComeFromTheUnchangedIngestFile) {
  const std::string id = IdOf(kRiverton);
  ApiResponse r = Get("/api/documents/" + id.substr(0, 12) + "/pages/1.png");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "image/png");
  EXPECT_EQ(r.body.compare(0, 4, "\x89PNG"), 0);
  auto dpi = std::find_if(r.headers.begin(), r.headers.end(), [](const auto& h) { return h.first == "X-Protokoll-Dpi"; });
  ASSERT_NE(dpi, r.headers.end());
  EXPECT_EQ(dpi->second, "100");
  ApiResponse half = Get("/api/documents/" + id + "/pages/1.png", {{"dpi", "50"}});
  ASSERT_EQ(half.status, 200);
  EXPECT_LT(half.body.size(), r.body.size());
  // Pages the document does not have, and names that are no page.
  EXPECT_EQ(Get("/api/documents/" + id + "/pages/99.png").status, 404);
  EXPECT_EQ(Get("/api/documents/" + id + "/pages/0.png").status, 400);
  EXPECT_EQ(Get("/api/documents/" + id + "/pages/1.jpg").status, 404);
  EXPECT_EQ(Get("/api/documents/" + id + "/pages/-1.png").status, 400);
  EXPECT_EQ(Get("/api/documents/" + id + "/pages/1.png", {{"dpi", "5000"}}).status, 400);
  // The edited file is not shown as the stored document's page.
  ApiResponse changed = Get("/api/documents/" + IdOf(kChanged) + "/pages/1.png");
  EXPECT_EQ(changed.status, 409) << changed.body;
  EXPECT_EQ(ErrorCodeOf(changed), "unreadable");
  // No path recorded: say how to get one.
  ApiResponse pathless = Get("/api/documents/" + std::string(64, 'c') + "/pages/1.png");
  EXPECT_EQ(pathless.status, 404);
  EXPECT_NE(Parse(pathless)["error"]["message"].get<std::string>().find("ingest the file again"), std::string::npos);
}

TEST_F(ServeApiTest, AMovedFileShowsNoPage) {
  const std::string files = *dir_ + "/files/";
  fs::rename(files + kValfard, files + "moved.pdf");
  ApiResponse r = Get("/api/documents/" + IdOf(kValfard) + "/pages/1.png");
  fs::rename(files + "moved.pdf", files + kValfard);
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(ErrorCodeOf(r), "not_found");
}

TEST_F(ServeApiTest, SearchTakesTheCommandLineOptions) {
  SearchQuery q;
  q.text = "council";
  q.limit = 50;
  auto expected = store_->Search(q);
  ASSERT_TRUE(expected.ok());
  ASSERT_GE(expected->size(), 2u);
  json all = Parse(Get("/api/search", {{"q", "council"}, {"limit", "50"}}));
  ASSERT_EQ(all["hits"].size(), expected->size());
  EXPECT_EQ(all["more"], false);
  for (size_t i = 0; i < expected->size(); ++i) {
    EXPECT_EQ(all["hits"][i]["id"], (*expected)[i].doc_id);
    EXPECT_EQ(all["hits"][i]["page"], (*expected)[i].page);
    EXPECT_EQ(all["hits"][i]["file"], kRiverton);
  }
  json one = Parse(Get("/api/search", {{"q", "council"}, {"limit", "1"}}));
  EXPECT_EQ(one["hits"].size(), 1u);
  EXPECT_EQ(one["more"], true);
  // Filters narrow; a date range outside every meeting finds nothing.
  EXPECT_TRUE(Parse(Get("/api/search", {{"q", "council"}, {"from", "2030-01-01"}}))["hits"].empty());
  EXPECT_TRUE(Parse(Get("/api/search", {{"q", "council"}, {"body", "välfärd"}}))["hits"].empty());
  EXPECT_EQ(Get("/api/search", {{"q", "  "}}).status, 400);
  EXPECT_EQ(Get("/api/search").status, 400);
  EXPECT_EQ(Get("/api/search", {{"q", "council"}, {"to", "2025-02-30"}}).status, 400);
  EXPECT_EQ(Get("/api/search", {{"q", std::string(1001, 'a')}}).status, 413);
  EXPECT_EQ(ErrorCodeOf(Get("/api/search", {{"q", std::string(1001, 'a')}})), "too_large");
}

TEST_F(ServeApiTest, TheReviewPagesAreBuiltIn) {
  ApiResponse index = Get("/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type.rfind("text/html", 0), 0u);
  EXPECT_NE(index.body.find("/app.js"), std::string::npos);
  // Byte for byte what is in the source tree: the build embeds, never alters.
  const std::string assets = testing::SourceDir() + "/cli/src/serve/assets/";
  EXPECT_EQ(index.body, testing::ReadFileOrDie(assets + "index.html"));
  EXPECT_EQ(Get("/app.js").body, testing::ReadFileOrDie(assets + "app.js"));
  EXPECT_EQ(Get("/style.css").body, testing::ReadFileOrDie(assets + "style.css"));
  EXPECT_EQ(Get("/app.js").content_type.rfind("text/javascript", 0), 0u);
  EXPECT_EQ(Get("/app.js.map").status, 404);
}

TEST_F(ServeApiTest, WritesNeedATokenOrLocalEdits) {
  ApiRequest r;
  r.method = "POST";
  r.path = "/api/documents/" + IdOf(kRiverton) + "/corrections";
  r.content_type = "application/json";
  r.body = R"({"field": "metadata.date", "value": "2025-03-05"})";
  ApiResponse refused = api_->Handle(r);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(ErrorCodeOf(refused), "forbidden");
  r.method = "PUT";
  EXPECT_EQ(api_->Handle(r).status, 405);
  r.method = "POST";
  r.path = "/";
  EXPECT_EQ(api_->Handle(r).status, 405);
}

// Corrections over the API, on a database of their own.
TEST(ServeCorrectionsTest, CorrectReadUndoOverTheApi) {
  const std::string dir = testing::MakeTempDir("protokoll-serve-corrections");
  fs::create_directories(dir + "/files");
  fs::copy_file(testing::SourceDir() + "/samples/" + kRiverton, dir + "/files/" + kRiverton);
  std::string id;
  {
    auto store = Store::Open(dir + "/db", StoreOptions{});
    ASSERT_TRUE(store.ok());
    IngestJobOptions options;
    options.extract = testing::TextOnly();
    ASSERT_TRUE(RunIngest({dir + "/files"}, options, **store, nullptr, NullLogger()).ok());
    ASSERT_TRUE((*store)->ForEachSummary([&](const DocumentSummary& d) {
      id = d.id;
      return false;
    }).ok());
  }
  ServeOptions o;
  o.db = dir + "/db";
  o.tokens = {ServeToken{"anna", "s3cret"}};
  auto api = ServeApi::Open(o);
  ASSERT_TRUE(api.ok());
  auto call = [&](const std::string& method, const std::string& path, const std::string& body,
                  const std::string& type = "application/json") {
    ApiRequest r;
    r.method = method;
    r.path = path;
    r.body = body;
    r.content_type = type;
    r.authorization = "Bearer s3cret";
    return (*api)->Handle(r);
  };
  const std::string corrections = "/api/documents/" + id.substr(0, 12) + "/corrections";
  ApiResponse made = call("POST", corrections, R"({"field": "metadata.date", "value": "2025-03-05"})");
  ASSERT_EQ(made.status, 201) << made.body;
  json c = Parse(made);
  EXPECT_EQ(c["who"], "anna");
  EXPECT_EQ(c["new"], "2025-03-05");
  json doc = Parse(call("GET", "/api/documents/" + id, ""));
  EXPECT_EQ(doc["metadata"]["date"], "2025-03-05");
  EXPECT_EQ(doc["metadata"]["corrected"], true);
  EXPECT_FALSE(doc["attendees"][0].contains("corrected"));
  EXPECT_EQ(Parse(call("GET", corrections, ""))["corrections"].size(), 1u);
  EXPECT_EQ(Parse(call("GET", "/api/corrections", ""))["corrections"].size(), 1u);
  ApiRequest conflicts;
  conflicts.path = "/api/corrections";
  conflicts.query = {{"conflicts", "1"}};
  conflicts.authorization = "Bearer s3cret";
  EXPECT_EQ(Parse((*api)->Handle(conflicts))["corrections"].size(), 0u);  // the pipeline has not disagreed
  // Mistakes: their codes, and nothing written.
  EXPECT_EQ(call("POST", corrections, R"({"field": "metadata.date", "value": "5 mars"})").status, 400);
  EXPECT_EQ(call("POST", corrections, R"({"field": "metadata.nonsense", "value": "x"})").status, 400);
  EXPECT_EQ(call("POST", corrections, R"({"field": "attendees[99].name", "value": "x"})").status, 404);
  EXPECT_EQ(call("POST", corrections, "{not json").status, 400);
  EXPECT_EQ(call("POST", corrections, R"({"value": "x"})").status, 400);
  EXPECT_EQ(call("POST", corrections, R"({"field": "metadata.date", "value": "2025-03-06"})", "text/plain").status, 415);
  EXPECT_EQ(call("POST", "/api/documents/" + std::string(64, 'f') + "/corrections",
                 R"({"field": "metadata.date", "value": "2025-03-06"})").status, 404);
  EXPECT_EQ(call("POST", corrections, std::string(o.max_body_bytes + 1, ' ')).status, 413);
  EXPECT_EQ(Parse(call("GET", corrections, ""))["corrections"].size(), 1u);
  // While another process holds the database for writing, a write waits for it to finish.
  {
    auto writer = Store::Open(dir + "/db", StoreOptions{});
    ASSERT_TRUE(writer.ok());
    ApiResponse busy = call("POST", corrections, R"({"field": "metadata.date", "value": "2025-03-06"})");
    EXPECT_EQ(busy.status, 503) << busy.body;
    EXPECT_EQ(ErrorCodeOf(busy), "db_error");
  }
  // Undo restores what the pipeline derived.
  ApiResponse undone = call("POST", "/api/corrections/" + std::to_string(c["number"].get<int>()) + "/undo", "{}");
  ASSERT_EQ(undone.status, 200) << undone.body;
  EXPECT_EQ(Parse(undone)["undone_by"], "anna");
  doc = Parse(call("GET", "/api/documents/" + id, ""));
  EXPECT_EQ(doc["metadata"]["date"], c["old"]);
  EXPECT_FALSE(doc["metadata"].contains("corrected"));
  EXPECT_EQ(call("POST", "/api/corrections/99/undo", "{}").status, 404);
  EXPECT_EQ(call("POST", "/api/corrections/x/undo", "{}").status, 400);
  api->reset();
  fs::remove_all(dir);
}

TEST_F(ServeApiTest, ATokenGuardsEveryApiRequest) {
  ServeOptions o = Options();
  o.tokens = {ServeToken{"anna", "s3cret-1"}, ServeToken{"bo", "other"}};
  auto api = OpenApi(o);
  ASSERT_NE(api, nullptr);
  ApiRequest r;
  r.path = "/api/stats";
  ApiResponse missing = api->Handle(r);
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(ErrorCodeOf(missing), "unauthorized");
  EXPECT_TRUE(std::any_of(missing.headers.begin(), missing.headers.end(),
                          [](const auto& h) { return h.first == "WWW-Authenticate"; }));
  for (const std::string wrong : std::vector<std::string>{"Bearer s3cret-2", "Bearer s3cret-1x", "Bearer ", "Basic s3cret-1", "s3cret-1"}) {
    r.authorization = wrong;
    EXPECT_EQ(api->Handle(r).status, 401) << wrong;
  }
  r.authorization = "Bearer s3cret-1";
  EXPECT_EQ(api->Handle(r).status, 200);
  r.authorization = "Bearer other";
  EXPECT_EQ(api->Handle(r).status, 200);
  r.authorization.clear();
  r.cookie = "theme=dark; protokoll_token=s3cret-1";
  EXPECT_EQ(api->Handle(r).status, 200);
  r.cookie = "xprotokoll_token=s3cret-1";
  EXPECT_EQ(api->Handle(r).status, 401);
  // The page shell holds no data and asks for the token itself.
  ApiRequest page;
  page.path = "/";
  EXPECT_EQ(api->Handle(page).status, 200);
}

TEST(ServeOptionsTest, OtherMachinesNeedAToken) {
  ServeOptions o;
  o.db = "unused";
  EXPECT_TRUE(CheckServeOptions(o).ok());
  o.bind = "0.0.0.0";
  EXPECT_EQ(CheckServeOptions(o).code(), ErrorCode::kInvalidArgument);
  o.tokens.push_back(ServeToken{"token", "x"});
  EXPECT_TRUE(CheckServeOptions(o).ok());
  o.allow_local_edits = true;
  EXPECT_EQ(CheckServeOptions(o).code(), ErrorCode::kInvalidArgument);
  o.bind = "127.0.0.1";
  EXPECT_TRUE(CheckServeOptions(o).ok());
  o.port = 70000;
  EXPECT_EQ(CheckServeOptions(o).code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(IsLoopback("::1"));
  EXPECT_TRUE(IsLoopback("127.0.0.2"));
  EXPECT_FALSE(IsLoopback("10.0.0.1"));
  EXPECT_FALSE(IsLoopback("1270.0.0.1"));
}

TEST(ServeOptionsTest, TokensHaveANameForCorrections) {
  auto named = ParseServeToken("anna:s3:cret");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->name, "anna");
  EXPECT_EQ(named->secret, "s3:cret");
  auto bare = ParseServeToken("s3cret");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->name, "token");
  EXPECT_FALSE(ParseServeToken("").ok());
  EXPECT_FALSE(ParseServeToken("anna:").ok());
  EXPECT_FALSE(ParseServeToken("an na:x").ok());
}

TEST(ServeOpenTest, NoDatabaseIsADbError) {
  ServeOptions o;
  o.db = testing::MakeTempDir("protokoll-serve-none") + "/absent";
  EXPECT_EQ(ServeApi::Open(o).status().code(), ErrorCode::kDbError);
  fs::remove_all(fs::path(o.db).parent_path());
}

TEST(ServeOpenTest, DocumentsWrittenWhileServingAppear) {
  const std::string dir = testing::MakeTempDir("protokoll-serve-live");
  auto writer = Store::Open(dir + "/db", StoreOptions{});
  ASSERT_TRUE(writer.ok());
  ServeOptions o;
  o.db = dir + "/db";
  o.refresh_seconds = 0;  // every request sees the latest writes
  auto api = ServeApi::Open(o);  // while the writer holds the lock
  ASSERT_TRUE(api.ok()) << api.status().ToString();
  ApiRequest r;
  r.path = "/api/documents";
  EXPECT_EQ(json::parse((*api)->Handle(r).body)["total"], 0);
  Document d;
  d.id = std::string(64, 'd');
  d.source = SourceInfo{"d.pdf", 1, "application/pdf", 1};
  d.pipeline_version = std::string(PipelineVersion());
  ASSERT_TRUE((*writer)->Put(d).ok());
  EXPECT_EQ(json::parse((*api)->Handle(r).body)["total"], 1);
  api->reset();
  writer->reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace protokoll
