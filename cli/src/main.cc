// protokoll: the command line. A thin layer over the job API (jobs.h): parse
// arguments, open the store, run, print data on stdout and logs on stderr,
// and map outcomes to the exit codes of CONTRACT.md.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "protokoll/jobs.h"
#include "protokoll/record_json.h"
#include "protokoll/show.h"
#include "protokoll/tei.h"

namespace protokoll {
namespace {

enum ExitCode { kExitOk = 0, kExitSomeFailed = 1, kExitUsage = 2, kExitDb = 3 };

class SpdlogLogger final : public Logger {
 public:
  explicit SpdlogLogger(std::shared_ptr<spdlog::logger> logger) : logger_(std::move(logger)) {}
  void Log(LogLevel level, std::string_view message) override {
    switch (level) {
      case LogLevel::kDebug: logger_->debug("{}", message); break;
      case LogLevel::kInfo: logger_->info("{}", message); break;
      case LogLevel::kWarn: logger_->warn("{}", message); break;
      case LogLevel::kError: logger_->error("{}", message); break;
    }
  }

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

struct GlobalOptions {
  std::string db;
  std::string log_level = "warn";
  bool quiet = false;
};

std::string DefaultDb() {
  const char* env = std::getenv("PROTOKOLL_DB");
  return env && *env ? env : "./protokoll.db";
}

std::string OrDash(const std::optional<std::string>& v) { return v && !v->empty() ? *v : "-"; }

// A one-line progress bar on stderr, only when stderr is a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled && isatty(STDERR_FILENO)) {}
  ~ProgressBar() { Finish(); }
  // Clears the bar so that what follows starts on a clean line.
  void Finish() {
    if (enabled_ && drawn_) std::fprintf(stderr, "\r\033[K");
    drawn_ = false;
  }
  void Update(const IngestProgress& p) {
    if (!enabled_ || p.total == 0) return;
    constexpr int kWidth = 30;
    int filled = static_cast<int>(kWidth * p.done / p.total);
    std::string name = p.current.substr(p.current.find_last_of('/') + 1);
    if (name.size() > 40) name = name.substr(0, 37) + "...";
    std::fprintf(stderr, "\r\033[K[%s%s] %zu/%zu %s", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, '.').c_str(), p.done, p.total, name.c_str());
    std::fflush(stderr);
    drawn_ = true;
  }

 private:
  bool enabled_;
  bool drawn_ = false;
};

Result<std::unique_ptr<Store>> OpenStore(const GlobalOptions& g, bool read_only, Logger* logger) {
  StoreOptions options;
  options.read_only = read_only;
  options.create_if_missing = !read_only;
  options.logger = logger;
  return Store::Open(g.db, options);
}

int ReportDbError(const Status& s) {
  std::cerr << "protokoll: " << s.ToString() << "\n";
  return kExitDb;
}

// Full ids for what the user typed (id prefixes or references); false, with
// the reason on stderr, when one does not resolve.
bool ResolveAll(Store& db, const std::vector<std::string>& given, std::vector<std::string>& ids) {
  for (const auto& g : given) {
    auto id = db.Resolve(g);
    if (!id.ok()) {
      std::cerr << "protokoll: " << g << ": " << id.status().ToString() << "\n";
      return false;
    }
    ids.push_back(*id);
  }
  return true;
}

ExtractOptions MakeExtractOptions(const std::string& ocr, const std::string& lang) {
  ExtractOptions o;
  o.ocr = ocr == "always" ? OcrMode::kAlways : ocr == "never" ? OcrMode::kNever : OcrMode::kAuto;
  o.ocr_languages = lang;
  return o;
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{"protokoll: meeting minutes into structured, searchable records"};
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions g;
  g.db = DefaultDb();
  app.add_option("--db", g.db, "database directory (default $PROTOKOLL_DB, else ./protokoll.db)");
  app.add_option("--log-level", g.log_level, "debug, info, warn, error or off")
      ->check(CLI::IsMember({"debug", "info", "warn", "error", "off"}));
  app.add_flag("--quiet", g.quiet, "no progress and no summary; only errors on stderr");

  std::string ocr = "auto", lang;  // lang "": chosen per page
  auto add_ocr = [&](CLI::App* cmd) {
    cmd->add_option("--ocr", ocr, "auto, always or never")->check(CLI::IsMember({"auto", "always", "never"}));
    cmd->add_option("--lang", lang, "Tesseract languages for every page, e.g. swe+eng (default: each page's language)");
  };

  auto* ingest = app.add_subcommand("ingest", "store files and folders (PDF, TIFF/PNG/JPEG, .txt)");
  std::vector<std::string> ingest_paths;
  int jobs = 1;
  bool recursive = false;
  ingest->add_option("-j,--jobs", jobs, "documents processed in parallel")->check(CLI::Range(1, 64));
  add_ocr(ingest);
  ingest->add_flag("--recursive", recursive, "descend into sub-folders");
  ingest->add_option("PATH", ingest_paths, "files or folders")->required();

  auto* extract = app.add_subcommand("extract", "print one document as JSON, without a database");
  std::string extract_file;
  add_ocr(extract);
  extract->add_option("FILE", extract_file)->required();

  auto* list = app.add_subcommand("list", "one line per stored document");
  auto* show = app.add_subcommand("show", "a readable view of one document");
  std::string show_id;
  show->add_option("ID", show_id, "id prefix (>= 8 hex) or reference")->required();

  auto* exp = app.add_subcommand("export", "JSON Lines, one stored document per line");
  std::string since, format = "jsonl";
  std::vector<std::string> export_ids;
  exp->add_option("--since", since, "only documents ingested on or after DATE");
  exp->add_option("--format", format, "jsonl (one document a line) or tei (Parla-CLARIN/TEI XML)")
      ->check(CLI::IsMember({"jsonl", "tei"}));
  exp->add_option("ID", export_ids);

  auto* search = app.add_subcommand("search", "paragraph hits, best first");
  SearchQuery query;
  std::string speaker, from, to, body;
  std::vector<std::string> words;
  search->add_option("--speaker", speaker);
  search->add_option("--body", body);
  search->add_option("--from", from);
  search->add_option("--to", to);
  search->add_option("--limit", query.limit)->check(CLI::Range(1, 10000));
  search->add_option("QUERY", words)->required();

  auto* stats = app.add_subcommand("stats", "counts");
  auto* failures = app.add_subcommand("failures", "inputs that failed");
  auto* reprocess = app.add_subcommand("reprocess", "derive stored documents again from their stored extractions");
  bool reprocess_all = false;
  std::vector<std::string> reprocess_ids;
  reprocess->add_flag("--all", reprocess_all, "every document derived by another pipeline version");
  reprocess->add_option("ID", reprocess_ids, "id prefixes (>= 8 hex) or references");
  auto* verify = app.add_subcommand("verify", "check that every stored document is whole; exit 3 with a report if not");
  auto* remove = app.add_subcommand("remove", "remove documents and their index entries");
  std::vector<std::string> remove_ids;
  remove->add_option("ID", remove_ids)->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  auto spd = std::make_shared<spdlog::logger>("protokoll", sink);
  spd->set_pattern("%^%l%$: %v");
  spd->set_level(g.quiet ? spdlog::level::err : spdlog::level::from_str(g.log_level));
  SpdlogLogger logger(spd);

  if (*extract) {
    auto dictionary = OpenHunspellDictionaries(&logger);
    auto doc = ExtractDocument(extract_file, MakeExtractOptions(ocr, lang), dictionary.get(), &logger);
    if (!doc.ok()) {
      std::cerr << "protokoll: " << extract_file << ": " << doc.status().ToString() << "\n";
      return kExitSomeFailed;
    }
    std::cout << DocumentToJson(*doc, JsonOptions{2, false}) << "\n";
    return kExitOk;
  }

  if (*ingest) {
    auto store = OpenStore(g, false, &logger);
    if (!store.ok()) return ReportDbError(store.status());
    auto dictionary = OpenHunspellDictionaries(&logger);
    IngestJobOptions options;
    options.extract = MakeExtractOptions(ocr, lang);
    options.recursive = recursive;
    options.workers = jobs;
    ProgressBar bar(!g.quiet);
    auto summary = RunIngest(ingest_paths, options, **store, dictionary.get(), &logger,
                             [&](const IngestProgress& p) { bar.Update(p); });
    bar.Finish();
    if (!summary.ok()) return ReportDbError(summary.status());
    if (!g.quiet) {
      char line[256];
      std::snprintf(line, sizeof line,
                    "%zu stored, %zu unchanged, %zu failed documents; %zu text pages, %zu OCR pages; %.1f s",
                    summary->stored, summary->unchanged, summary->failed, summary->text_pages, summary->ocr_pages,
                    summary->seconds);
      std::cout << line << "\n";
    }
    return summary->failed > 0 ? kExitSomeFailed : kExitOk;
  }

  // Everything but remove only reads, and works while an ingest is writing.
  auto store = OpenStore(g, /*read_only=*/!*remove && !*reprocess, &logger);
  if (!store.ok()) return ReportDbError(store.status());
  Store& db = **store;

  if (*list) {
    Status s = db.ForEachSummary([](const DocumentSummary& d) {
      std::cout << d.id.substr(0, 12) << '\t' << OrDash(d.date) << '\t' << OrDash(d.reference) << '\t'
                << OrDash(d.body) << '\t' << OrDash(d.title) << '\t' << d.pages << '\n';
      return true;
    });
    return s.ok() ? kExitOk : ReportDbError(s);
  }
  if (*show) {
    auto id = db.Resolve(show_id);
    if (!id.ok()) {
      std::cerr << "protokoll: " << show_id << ": " << id.status().ToString() << "\n";
      return id.status().code() == ErrorCode::kDbError ? kExitDb : kExitUsage;
    }
    auto doc = db.Get(*id);
    if (!doc.ok()) return ReportDbError(doc.status());
    std::cout << ShowText(*doc);
    return kExitOk;
  }
  if (*exp) {
    const bool tei = format == "tei";
    auto emit = [&](const Document& doc) {
      std::cout << (tei ? DocumentToTei(doc) : DocumentToJson(doc) + "\n");
      return static_cast<bool>(std::cout);
    };
    if (tei) std::cout << TeiCorpusHeader();
    Status s;
    if (!export_ids.empty()) {
      std::vector<std::string> ids;
      if (!ResolveAll(db, export_ids, ids)) return kExitUsage;
      for (const auto& id : ids) {
        auto doc = db.Get(id);
        if (!doc.ok()) return ReportDbError(doc.status());
        emit(*doc);
      }
    } else {
      std::optional<std::string> since_opt;
      if (!since.empty()) since_opt = since;
      // Streamed one document at a time; the database is never held in memory.
      s = db.ForEachDocumentJson(since_opt, [&](const std::string& json) {
        if (!tei) {
          std::cout << json << "\n";
          return static_cast<bool>(std::cout);
        }
        auto doc = DocumentFromJson(json);
        return doc.ok() ? emit(*doc) : false;
      });
    }
    if (tei) std::cout << TeiCorpusFooter();
    return s.ok() ? kExitOk : ReportDbError(s);
  }
  if (*search) {
    for (const auto& w : words) query.text += (query.text.empty() ? "" : " ") + w;
    if (!speaker.empty()) query.speaker = speaker;
    if (!body.empty()) query.body = body;
    if (!from.empty()) query.from = from;
    if (!to.empty()) query.to = to;
    auto hits = db.Search(query);
    if (!hits.ok()) return ReportDbError(hits.status());
    for (const auto& h : *hits) {
      std::cout << h.doc_id.substr(0, 12) << "  " << OrDash(h.date) << "  " << OrDash(h.reference);
      if (h.item_number) std::cout << "  " << *h.item_number << " " << OrDash(h.item_title);
      std::cout << "  p." << h.page;
      if (h.speaker) std::cout << "  " << *h.speaker;
      std::cout << "\n    " << h.snippet << "\n";
    }
    return kExitOk;
  }
  if (*stats) {
    auto s = db.Stats();
    if (!s.ok()) return ReportDbError(s.status());
    std::cout << "documents\t" << s->documents << "\npages_text\t" << s->pages_text << "\npages_ocr\t" << s->pages_ocr
              << "\nitems\t" << s->items << "\nparagraphs\t" << s->paragraphs << "\nspeakers\t" << s->speakers
              << "\nfailures\t" << s->failures << "\ndb_bytes\t" << s->db_bytes << "\n";
    return kExitOk;
  }
  if (*reprocess) {
    if (!reprocess_all && reprocess_ids.empty()) {
      std::cerr << "protokoll: reprocess needs --all or at least one ID\n";
      return kExitUsage;
    }
    std::vector<std::string> ids;
    if (!ResolveAll(db, reprocess_ids, ids)) return kExitUsage;
    auto dictionary = OpenHunspellDictionaries(&logger);
    auto summary = RunReprocess(db, ids, reprocess_all, dictionary.get(), &logger);
    if (!summary.ok()) return ReportDbError(summary.status());
    if (!g.quiet)
      std::cout << summary->reprocessed << " reprocessed, " << summary->current << " current, " << summary->failed
                << " failed\n";
    return summary->failed > 0 ? kExitSomeFailed : kExitOk;
  }
  if (*verify) {
    auto report = db.Verify();
    if (!report.ok()) return ReportDbError(report.status());
    for (const auto& problem : report->problems) std::cout << problem << "\n";
    std::cout << report->documents << " documents checked, " << report->problems.size() << " problems\n";
    return report->ok() ? kExitOk : kExitDb;
  }
  if (*failures) {
    Status s = db.ForEachFailure([](const FailureRecord& f) {
      std::cout << f.path << '\t' << (f.sha256.empty() ? "-" : f.sha256) << '\t' << f.code << '\t' << f.message
                << '\n';
      return true;
    });
    return s.ok() ? kExitOk : ReportDbError(s);
  }
  if (*remove) {
    std::vector<std::string> ids;
    if (!ResolveAll(db, remove_ids, ids)) return kExitUsage;
    Status s = db.Remove(ids);
    return s.ok() ? kExitOk : ReportDbError(s);
  }
  return kExitUsage;
}

}  // namespace protokoll

int main(int argc, char** argv) { return protokoll::Main(argc, argv); }
