// protokoll: the command line. A thin layer over the job API (jobs.h,
// export.h): parse arguments, open the store, run, print data on stdout and
// logs on stderr, and map outcomes to the exit codes of CONTRACT.md.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "protokoll/corrections.h"
#include "protokoll/dates.h"
#include "protokoll/export.h"
#include "protokoll/jobs.h"
#include "protokoll/progress.h"
#include "protokoll/record_json.h"
#include "protokoll/serve.h"
#include "protokoll/show.h"
#include "shard_command.h"

namespace protokoll {
namespace {
using namespace cli;  // NOLINT: the exit codes

class SpdlogLogger final : public Logger {
 public:
  explicit SpdlogLogger(std::shared_ptr<spdlog::logger> logger) : logger_(std::move(logger)) {}
  // While set, log lines go through the progress display, above its bar.
  void set_display(ProgressDisplay* display) { display_ = display; }
  void Log(LogLevel level, std::string_view message) override {
    static constexpr spdlog::level::level_enum kLevels[] = {spdlog::level::debug, spdlog::level::info,
                                                            spdlog::level::warn, spdlog::level::err};
    static constexpr const char* kNames[] = {"debug", "info", "warning", "error"};
    const auto i = static_cast<size_t>(level);
    if (display_ != nullptr) {
      if (logger_->should_log(kLevels[i])) display_->Log(std::string(kNames[i]) + ": " + std::string(message));
      return;
    }
    logger_->log(kLevels[i], "{}", message);
  }

 private:
  std::shared_ptr<spdlog::logger> logger_;
  ProgressDisplay* display_ = nullptr;
};

std::string DefaultDb() {
  const char* env = std::getenv("PROTOKOLL_DB");
  return env && *env ? env : "./protokoll.db";
}

// Everything the command line can be given, filled by CLI11.
struct Args {
  std::string db = DefaultDb(), log_level = "warn";
  bool quiet = false, json = false;
  std::string ocr = "auto", lang;  // lang "": chosen per page
  // limits (ExtractOptions); defaults from there
  int64_t max_file_mb = static_cast<int64_t>(ExtractOptions{}.max_input_bytes >> 20);
  int max_pages = ExtractOptions{}.max_pages;
  int64_t max_page_megapixels = ExtractOptions{}.max_page_pixels / 1'000'000;
  int64_t max_image_megapixels = ExtractOptions{}.max_image_pixels / 1'000'000;
  int max_line_chars = static_cast<int>(ExtractOptions{}.max_line_chars);
  int max_page_seconds = ExtractOptions{}.max_page_seconds;
  int max_document_seconds = ExtractOptions{}.max_document_seconds;
  int64_t max_render_mb = ExtractOptions{}.max_render_bytes >> 20;
  // ingest
  std::vector<std::string> paths, include, exclude;
  int jobs = 1;
  bool recursive = false;
  std::string progress = "auto";
  // extract, show
  std::string file, id;
  // export
  std::string since, ingested_since, format = "jsonl", table;
  std::vector<std::string> ids;
  // search
  SearchQuery query;
  std::string speaker, body, from, to, search_lang;
  std::vector<std::string> words;
  // reprocess
  bool all = false;
  std::string reread_ocr;  // reprocess --ocr: read the files again
  // corrections, export --corrections
  bool conflicts = false, corrections = false;
  // serve
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::vector<std::string> tokens;
  bool allow_local_edits = false;
  // sharded ingest and import (shard_command.h)
  ShardArgs shard;
};

struct Commands {
  CLI::App *ingest, *extract, *list, *show, *exp, *search, *stats, *failures, *reprocess, *verify, *remove, *serve, *corrections;
};

std::string Examples(std::initializer_list<const char*> lines) {
  std::string out = "\nExamples:";
  for (const char* l : lines) out += std::string("\n  ") + l;
  return out + "\n";
}

constexpr const char* kIdHelp = "a document: an id prefix of at least 4 hex digits (as `list` shows it) or a reference";
constexpr const char* kDateHelp = "YYYY-MM-DD";

void AddOcr(CLI::App* cmd, Args& a) {
  cmd->add_option("--ocr", a.ocr, "when to OCR a page: auto (pages without a usable text layer), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--lang", a.lang, "Tesseract languages for every page, joined by + (e.g. swe+eng; default: each page's own language)");
  // Limits against hostile input: over one, a page gets a too_large warning or the file fails with too_large.
  auto limit = [&](const char* name, auto& value, const char* help, auto low, auto high) {
    cmd->add_option(name, value, help)->check(CLI::Range(low, high).description(""))->type_name("N")->capture_default_str()->group("Limits");
  };
  limit("--max-file-mb", a.max_file_mb, "files larger than this fail with too_large", 1, 1 << 20);
  limit("--max-pages", a.max_pages, "pages read per document (the rest: a too_large warning)", 1, 1'000'000);
  limit("--max-page-megapixels", a.max_page_megapixels, "a page rendered for OCR gets a lower resolution above this", 1, 1000);
  limit("--max-image-megapixels", a.max_image_megapixels, "images declaring more pixels fail with too_large, undecoded", 1, 10000);
  limit("--max-line-chars", a.max_line_chars, "longer lines are split (a too_large warning on the page)", 16,
        static_cast<int>(kDefaultMaxLineChars));
  limit("--max-page-seconds", a.max_page_seconds, "rendering or OCR of one page is stopped after this (page_failed)", 1, 86400);
  limit("--max-document-seconds", a.max_document_seconds, "pages not yet rendered or OCR'd after this keep their text layer (too_large)", 1, 864000);
  limit("--max-render-mb", a.max_render_mb, "memory a page's rendering may take, in its own process (too_large)", 64, 1 << 20);
}

void AddJson(CLI::App* cmd, Args& a) {
  cmd->add_flag("--json", a.json, "one JSON object per line instead of the table (default: a table with a header row)");
}

Commands DefineCommands(CLI::App& app, Args& a) {
  Commands c{};
  c.ingest = app.add_subcommand("ingest", "store files and folders (PDF, TIFF/PNG/JPEG, .txt)");
  c.ingest->add_option("-j,--jobs", a.jobs, "documents processed in parallel (1 to 64)")
      ->check(CLI::Range(1, 64).description(""))
      ->type_name("N")
      ->capture_default_str();
  AddOcr(c.ingest, a);
  c.ingest->add_flag("--recursive", a.recursive,
                     "descend into sub-folders (default: only a folder's own files; skipped sub-folders are named)");
  c.ingest->add_option("--include", a.include, "only files whose name (or path below the folder) matches GLOB; repeatable")
      ->type_name("GLOB")
      ->allow_extra_args(false);
  c.ingest->add_option("--exclude", a.exclude, "leave out files whose name (or path below the folder) matches GLOB; repeatable")
      ->type_name("GLOB")
      ->allow_extra_args(false);
  c.ingest->add_option("--progress", a.progress,
                       "auto (a bar when stderr is a terminal), bar, json (one object per input on stderr) or none")
      ->check(CLI::IsMember({"auto", "bar", "json", "none"}))
      ->capture_default_str();
  c.ingest->add_option("PATH", a.paths, "files or folders");
  AddShardOptions(c.ingest, a.shard);
  c.ingest->footer(Examples({"protokoll ingest samples/", "protokoll ingest -j 2 --recursive --include '*.pdf' archive/"}));

  c.extract = app.add_subcommand("extract", "print one document as JSON, without a database");
  AddOcr(c.extract, a);
  c.extract->add_option("FILE", a.file, "a PDF, image or .txt file")->required();
  c.extract->footer(Examples({"protokoll extract minutes.pdf > minutes.json", "protokoll extract --ocr never scan.pdf"}));

  c.list = app.add_subcommand("list", "one line per stored document: id, date, reference, body, title, pages, method, file");
  AddJson(c.list, a);
  c.list->footer(Examples({"protokoll list", "protokoll list --json | jq -r 'select(.method != \"text\") | .file'"}));

  c.show = app.add_subcommand("show", "a readable view of one document");
  c.show->add_option("ID", a.id, kIdHelp)->required();
  c.show->footer(Examples({"protokoll show b24339bb", "protokoll show 'HSN 2025-0125'"}));

  c.exp = app.add_subcommand("export", "stored documents as JSON Lines, Parla-CLARIN TEI or CSV");
  c.exp->add_option("--format", a.format, "jsonl (one document a line), tei (Parla-CLARIN TEI XML) or csv (with --table)")
      ->check(CLI::IsMember({"jsonl", "tei", "csv"}))
      ->capture_default_str();
  c.exp->add_option("--table", a.table, "CSV of documents, attendees, items, decisions or paragraphs (implies --format csv)")
      ->check(CLI::IsMember({"documents", "attendees", "items", "decisions", "paragraphs"}));
  c.exp->add_option("--since", a.since, "only meetings held on or after DATE (YYYY-MM-DD; undated documents are left out)")
      ->type_name("DATE");
  c.exp->add_option("--ingested-since", a.ingested_since,
                    "only documents ingested on or after DATE (YYYY-MM-DD or YYYY-MM-DDTHH:MM, UTC)")
      ->type_name("DATE");
  c.exp->add_flag("--corrections", a.corrections,
                  "every correction people made (also undone ones), one JSON object a line, for audit");
  c.exp->add_option("ID", a.ids, std::string(kIdHelp) + "; default: every stored document");
  c.exp->footer(Examples({"protokoll export --since 2025-01-01 > 2025.jsonl",
                          "protokoll export --format csv --table attendees > attendees.csv",
                          "protokoll export --format tei b24339bb > minutes.xml"}));

  c.search = app.add_subcommand("search", "paragraph hits, best first");
  c.search->add_option("--speaker", a.speaker, "only paragraphs spoken by NAME (part of the name is enough)")
      ->type_name("NAME");
  c.search->add_option("--body", a.body, "only documents of a body whose name contains TEXT")->type_name("TEXT");
  c.search->add_option("--from", a.from, "only meetings held on or after DATE (YYYY-MM-DD)")->type_name("DATE");
  c.search->add_option("--to", a.to, "only meetings held on or before DATE (YYYY-MM-DD)")->type_name("DATE");
  c.search->add_option("--limit", a.query.limit, "at most N hits (1 to 10000)")
      ->check(CLI::Range(1, 10000).description(""))
      ->type_name("N")
      ->capture_default_str();
  c.search->add_option("--lang", a.search_lang,
                       "stem the query in this language only: sv, da, nb, fi, en, de or fr (default: in each of them; "
                       "paragraphs are stemmed in their page's language)")
      ->type_name("LANG");
  AddJson(c.search, a);
  c.search->add_option("QUERY", a.words,
                       "words to find, all in one paragraph; inflections match (vårdplats finds vårdplatser); "
                       "A OR B for either; \"quoted words\" one after another; a trailing * makes a word a prefix "
                       "(vårdplats*)")
      ->required();
  c.search->footer(Examples({"protokoll search 'vårdplats*'",
                             "protokoll search '\"äldre vård\" OR hemtjänst'",
                             "protokoll search --speaker Maria --from 2025-01-01 --to 2025-06-30 kompetensförsörjning"}));

  c.stats = app.add_subcommand("stats", "counts: documents, pages by method, items, paragraphs, speakers, failures, size");
  AddJson(c.stats, a);
  c.stats->footer(Examples({"protokoll stats", "protokoll stats --json | jq .documents"}));
  c.failures = app.add_subcommand("failures", "inputs that failed: path, sha256, error code, message, when");
  AddJson(c.failures, a);
  c.failures->footer(Examples({"protokoll failures", "protokoll failures --json | jq -r 'select(.code == \"damaged_pdf\") | .path'"}));

  c.reprocess = app.add_subcommand("reprocess", "derive stored documents again from their stored extractions");
  c.reprocess->add_flag("--all", a.all, "every document derived by another pipeline version");
  c.reprocess->add_option("--ocr", a.reread_ocr,
                          "read the documents' files again (from where they were ingested, unchanged) with OCR: "
                          "auto (pages without a usable text layer) or always")
      ->check(CLI::IsMember({"auto", "always"}))
      ->type_name("MODE");
  c.reprocess->add_option("ID", a.ids, kIdHelp);
  c.reprocess->footer(Examples({"protokoll reprocess --all", "protokoll reprocess b24339bb",
                                "protokoll reprocess --ocr auto b24339bb"}));
  c.verify = app.add_subcommand("verify", "check that every stored document is whole; exit 3 with a report if not");
  c.verify->footer(Examples({"protokoll verify", "protokoll --db /srv/minutes.db verify"}));
  c.remove = app.add_subcommand("remove", "remove documents and their index entries in one atomic write");
  c.remove->add_option("ID", a.ids, kIdHelp)->required();
  c.remove->footer(Examples({"protokoll remove b24339bb", "protokoll remove 'HSN 2025-0125' 3f2a"}));
  c.corrections = app.add_subcommand("corrections", "corrections people made: who, when, field, old and new value");
  c.corrections->add_flag("--conflicts", a.conflicts, "only those a newer pipeline derived something else for");
  AddJson(c.corrections, a);
  c.corrections->add_option("ID", a.ids, std::string(kIdHelp) + "; default: every document");
  c.corrections->footer(Examples({"protokoll corrections", "protokoll corrections --conflicts --json"}));
  c.serve = app.add_subcommand("serve", "review pages and a JSON API under /api/ (works while an ingest runs)");
  c.serve->add_option("--port", a.port, "TCP port (0: any free one)")->check(CLI::Range(0, 65535).description(""))->capture_default_str();
  c.serve->add_option("--bind", a.bind, "address to listen on; anything but loopback needs a token")->capture_default_str();
  c.serve->add_option("--token", a.tokens,
                      "NAME:SECRET (or SECRET) every request must carry as 'Authorization: Bearer SECRET'; repeatable; "
                      "default: $PROTOKOLL_TOKEN")
      ->type_name("TOKEN")
      ->allow_extra_args(false);
  c.serve->add_flag("--allow-local-edits", a.allow_local_edits,
                    "corrections without a token, signed \"local\" (loopback only)");
  c.serve->footer(Examples({"protokoll serve   # then open http://127.0.0.1:8080/",
                            "PROTOKOLL_TOKEN=anna:s3cret protokoll serve --bind 0.0.0.0 --port 9000"}));
  return c;
}

Result<std::unique_ptr<Store>> OpenStore(const Args& a, bool read_only, Logger* logger) {
  StoreOptions options;
  options.read_only = read_only;
  options.create_if_missing = !read_only;
  options.logger = logger;
  return Store::Open(a.db, options);
}

int UsageError(const Status& s) {
  std::cerr << "protokoll: " << s.message() << "\n";
  return kExitUsage;
}

// Full ids for what the user typed (id prefixes or references); the exit
// code when one does not resolve, with one line on stderr.
std::optional<int> ResolveAll(Store& db, const std::vector<std::string>& given, std::vector<std::string>& ids) {
  for (const auto& g : given) {
    auto id = db.Resolve(g);
    if (!id.ok()) return id.status().code() == ErrorCode::kDbError ? ReportDbError(id.status()) : UsageError(id.status());
    ids.push_back(*id);
  }
  return std::nullopt;
}

ExtractOptions MakeExtractOptions(const Args& a) {
  ExtractOptions o;
  o.ocr = a.ocr == "always" ? OcrMode::kAlways : a.ocr == "never" ? OcrMode::kNever : OcrMode::kAuto;
  o.ocr_languages = a.lang;
  o.max_input_bytes = static_cast<uint64_t>(a.max_file_mb) << 20;
  o.max_pages = a.max_pages;
  o.max_page_pixels = a.max_page_megapixels * 1'000'000;
  o.max_image_pixels = a.max_image_megapixels * 1'000'000;
  o.max_line_chars = static_cast<size_t>(a.max_line_chars);
  o.max_page_seconds = a.max_page_seconds;
  o.max_document_seconds = a.max_document_seconds;
  o.max_render_bytes = a.max_render_mb << 20;
  return o;
}

int Ingest(const Args& a, SpdlogLogger& logger) {
  IngestJobOptions options;
  options.extract = MakeExtractOptions(a);
  options.recursive = a.recursive;
  options.workers = a.jobs;
  options.include = a.include;
  options.exclude = a.exclude;
  std::vector<std::string> paths = a.paths;
  ShardSpec spec;
  if (Status s = ApplyShardArgs(a.shard, paths, options, spec); !s.ok()) return UsageError(s);
  const bool sst_out = !a.shard.sst_out.empty();  // no database: SST files for `import`
  Result<std::unique_ptr<Store>> store = std::unique_ptr<Store>();
  if (!sst_out) store = OpenStore(a, false, &logger);
  if (!store.ok()) return ReportDbError(store.status());
  auto dictionary = OpenHunspellDictionaries(&logger);
  ProgressStyle style = ProgressStyle::kNone;
  if (a.progress == "json") style = ProgressStyle::kJson;
  else if (a.progress == "bar" || (a.progress == "auto" && !a.quiet && isatty(STDERR_FILENO))) style = ProgressStyle::kBar;
  ProgressDisplay display(style, [](std::string_view s) {
    std::fwrite(s.data(), 1, s.size(), stderr);
    std::fflush(stderr);
  });
  logger.set_display(&display);
  auto update = [&](const IngestProgress& p) { display.Update(p); };
  Result<IngestSummary> summary = IngestSummary{};
  if (sst_out) {
    auto shard = RunShardIngest(paths, ShardIngestOptions{options, spec, a.shard.sst_out}, dictionary.get(), &logger, update);
    summary = shard.ok() ? Result<IngestSummary>(shard->ingest) : Result<IngestSummary>(shard.status());
  } else {
    summary = RunIngest(paths, options, **store, dictionary.get(), &logger, update);
  }
  display.Finish();
  logger.set_display(nullptr);
  if (!summary.ok()) return ReportDbError(summary.status());
  if (!a.quiet && !summary->skipped_folders.empty()) {
    std::string names;
    for (const auto& folder : summary->skipped_folders) names += (names.empty() ? "" : ", ") + EscapeForLine(folder);
    std::cerr << "protokoll: skipped " << summary->skipped_folders.size() << " sub-folder"
              << (summary->skipped_folders.size() == 1 ? "" : "s") << " (--recursive reads them): " << names << "\n";
  }
  if (!a.quiet && !summary->skipped_entries.empty()) {
    std::cerr << "protokoll: skipped " << summary->skipped_entries.size() << " entr"
              << (summary->skipped_entries.size() == 1 ? "y" : "ies") << " that are not files:\n";
    for (const auto& entry : summary->skipped_entries) std::cerr << "  " << EscapeForLine(entry) << "\n";
  }
  if (!a.quiet) {
    char line[256];
    std::snprintf(line, sizeof line,
                  "%zu stored, %zu unchanged, %zu failed documents; %zu text pages, %zu OCR pages; %.1f s",
                  summary->stored, summary->unchanged, summary->failed, summary->text_pages, summary->ocr_pages,
                  summary->seconds);
    std::cout << line << (summary->other_shards ? "; " + std::to_string(summary->other_shards) + " inputs of other shards" : "")
              << "\n";
  }
  return summary->failed > 0 ? kExitSomeFailed : kExitOk;
}

int Export(Store& db, const Args& a, bool format_given) {
  ExportOptions options;
  options.format = a.format == "tei" ? ExportFormat::kTei : a.format == "csv" ? ExportFormat::kCsv : ExportFormat::kJsonl;
  if (!a.table.empty() && !format_given) options.format = ExportFormat::kCsv;  // --table alone means CSV
  if (options.format == ExportFormat::kCsv) {
    if (a.table.empty())
      return UsageError(Status(ErrorCode::kInvalidArgument,
                               "export --format csv needs --table " + std::string(CsvTableNames())));
    options.table = CsvTableFromName(a.table).value();
  } else if (!a.table.empty()) {
    return UsageError(Status(ErrorCode::kInvalidArgument, "--table goes with --format csv"));
  }
  if (!a.since.empty()) options.since = a.since;
  if (!a.ingested_since.empty()) options.ingested_since = a.ingested_since;
  // Every id is resolved before anything is written: a mistake leaves stdout empty.
  if (auto code = ResolveAll(db, a.ids, options.ids)) return *code;
  auto written = RunExport(db, options, [](std::string_view piece) {
    std::cout.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    return static_cast<bool>(std::cout);
  });
  std::cout.flush();
  if (!written.ok() && !std::cout) return kExitOk;  // the reader closed the pipe
  if (!written.ok()) return ReportDbError(written.status());
  if (*written == 0 && !a.quiet) std::cerr << "protokoll: no stored document matches; nothing exported\n";
  return kExitOk;
}

int Search(Store& db, Args a) {
  for (const auto& w : a.words) a.query.text += (a.query.text.empty() ? "" : " ") + w;
  if (a.query.text.find_first_not_of(" \t\n*\"") == std::string::npos)
    return UsageError(Status(ErrorCode::kInvalidArgument, "search needs at least one word to find"));
  if (!a.search_lang.empty()) {
    if (!IsSearchLanguage(a.search_lang))
      return UsageError(Status(ErrorCode::kInvalidArgument,
                               "--lang " + a.search_lang + ": no stemmer for it; one of sv, da, nb, fi, en, de, fr"));
    a.query.language = a.search_lang;
  }
  if (!a.speaker.empty()) a.query.speaker = a.speaker;
  if (!a.body.empty()) a.query.body = a.body;
  if (!a.from.empty()) a.query.from = a.from;
  if (!a.to.empty()) a.query.to = a.to;
  return SearchCommand(db, a.query, a.json, std::cout);
}

int Reprocess(Store& db, const Args& a, Logger& logger) {
  if (!a.all && a.ids.empty())
    return UsageError(Status(ErrorCode::kInvalidArgument, "reprocess needs --all or at least one ID"));
  std::vector<std::string> ids;
  if (auto code = ResolveAll(db, a.ids, ids)) return *code;
  auto dictionary = OpenHunspellDictionaries(&logger);
  if (!a.reread_ocr.empty() && a.all)
    return UsageError(Status(ErrorCode::kInvalidArgument, "reprocess --ocr reads files again: name the documents, not --all"));
  Args reread = a;
  reread.ocr = a.reread_ocr;
  auto summary = a.reread_ocr.empty() ? RunReprocess(db, ids, a.all, dictionary.get(), &logger)
                                      : RunReread(db, ids, MakeExtractOptions(reread), dictionary.get(), &logger);
  if (!summary.ok()) return ReportDbError(summary.status());
  if (!a.quiet)
    std::cout << summary->reprocessed << " reprocessed, " << summary->current << " current, " << summary->failed
              << " failed\n";
  return summary->failed > 0 ? kExitSomeFailed : kExitOk;
}

// Date options, checked before any database is opened.
Status CheckDates(const Args& a) {
  const std::pair<const char*, const std::string*> dates[] = {{"--from", &a.from}, {"--to", &a.to}, {"--since", &a.since}};
  for (const auto& [name, value] : dates)
    if (!value->empty())
      if (Status s = CheckDateOption(name, *value); !s.ok()) return s;
  if (!a.ingested_since.empty()) return CheckDateOption("--ingested-since", a.ingested_since, /*allow_time=*/true);
  return Status::Ok();
}

// The commands that work on an open database.
int RunOnStore(const Commands& c, const Args& a, Logger& logger) {
  // Everything but remove and reprocess only reads, and works while an ingest is writing.
  auto store = OpenStore(a, /*read_only=*/!*c.remove && !*c.reprocess, &logger);
  if (!store.ok()) return ReportDbError(store.status());
  Store& db = **store;
  if (*c.list) return ListCommand(db, a.json, std::cout);
  if (*c.stats) return StatsCommand(db, a.json, std::cout);
  if (*c.failures) return FailuresCommand(db, a.json, std::cout);
  if (*c.search) return Search(db, a);
  if (*c.exp && a.corrections) return CorrectionsCommand(db, {}, false, true, std::cout);
  if (*c.exp) return Export(db, a, c.exp->count("--format") > 0);
  if (*c.corrections) {
    std::vector<std::string> ids;
    if (auto code = ResolveAll(db, a.ids, ids)) return *code;
    return CorrectionsCommand(db, ids, a.conflicts, a.json, std::cout);
  }
  if (*c.reprocess) return Reprocess(db, a, logger);
  if (*c.show) {
    std::vector<std::string> ids;
    if (auto code = ResolveAll(db, {a.id}, ids)) return *code;
    auto doc = db.Get(ids[0]);
    if (!doc.ok()) return ReportDbError(doc.status());
    const std::string text = ShowText(*doc);
    std::cout << text << (text.empty() || text.back() == '\n' ? "" : "\n");
    return kExitOk;
  }
  if (*c.verify) {
    auto report = db.Verify();
    if (!report.ok()) return ReportDbError(report.status());
    for (const auto& problem : report->problems) std::cout << problem << "\n";
    std::cout << report->documents << " documents checked, " << report->problems.size() << " problems\n";
    return report->ok() ? kExitOk : kExitDb;
  }
  if (*c.remove) {
    std::vector<std::string> ids;
    if (auto code = ResolveAll(db, a.ids, ids)) return *code;
    Status s = db.Remove(ids);
    return s.ok() ? kExitOk : ReportDbError(s);
  }
  return kExitUsage;
}

// Serves until SIGINT or SIGTERM. The signals are blocked before the server's
// threads start, so that they all inherit the mask and only sigwait sees them.
int Serve(const Args& a, Logger& logger) {
  ServeOptions options;
  options.db = a.db;
  options.bind = a.bind;
  options.port = a.port;
  options.allow_local_edits = a.allow_local_edits;
  options.logger = &logger;
  std::vector<std::string> given = a.tokens;
  if (const char* env = std::getenv("PROTOKOLL_TOKEN"); given.empty() && env && *env) given.push_back(env);
  for (const auto& g : given) {
    auto token = ParseServeToken(g);
    if (!token.ok()) return UsageError(token.status());
    options.tokens.push_back(*token);
  }
  if (Status s = CheckServeOptions(options); !s.ok()) return UsageError(s);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  auto server = HttpServer::Start(options);
  if (!server.ok()) {
    if (server.status().code() == ErrorCode::kDbError) return ReportDbError(server.status());
    return UsageError(server.status());
  }
  if (!a.quiet)
    std::cerr << "protokoll: serving " << a.db << " on http://" << (a.bind.find(':') != std::string::npos ? "[" + a.bind + "]" : a.bind)
              << ":" << (*server)->port() << "/ (Ctrl-C stops)" << std::endl;
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  (*server)->Stop();
  return kExitOk;
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{"protokoll: meeting minutes into structured, searchable records", "protokoll"};
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", std::string("protokoll ") + std::string(PipelineVersion()));
  app.footer(
      "Dates are ISO 8601: YYYY-MM-DD. Documents are named by an id prefix of at least 4 hex digits or a reference.\n"
      "Exit codes: 0 ok, 1 some inputs failed, 2 usage error, 3 database error. `protokoll COMMAND --help` for more." +
      Examples({"protokoll ingest samples/ && protokoll list", "protokoll search --from 2025-01-01 'vårdplats*'"}));
  Args a;
  app.add_option("--db", a.db, "database directory (default: $PROTOKOLL_DB, else ./protokoll.db)")->type_name("DIR");
  app.add_option("--log-level", a.log_level, "debug, info, warn, error or off")
      ->check(CLI::IsMember({"debug", "info", "warn", "error", "off"}))
      ->capture_default_str();
  app.add_flag("--quiet", a.quiet, "no progress and no summary; only errors on stderr");
  const Commands c = DefineCommands(app, a);
  CLI::App* import = AddImportCommand(app, a.shard);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    // One line for every usage mistake, with where to read more.
    std::string where;
    for (const CLI::App* sub : app.get_subcommands()) where = " " + sub->get_name();
    std::cerr << "protokoll: " << e.what() << " (see protokoll" << where << " --help)\n";
    return kExitUsage;
  }
  if (Status s = CheckDates(a); !s.ok()) return UsageError(s);

  auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  auto spd = std::make_shared<spdlog::logger>("protokoll", sink);
  spd->set_pattern("%^%l%$: %v");
  spd->set_level(a.quiet ? spdlog::level::err : spdlog::level::from_str(a.log_level));
  SpdlogLogger logger(spd);

  if (*c.extract) {
    auto dictionary = OpenHunspellDictionaries(&logger);
    auto doc = ExtractDocument(a.file, MakeExtractOptions(a), dictionary.get(), &logger);
    if (!doc.ok()) {
      std::cerr << "protokoll: " << DescribeFailure(a.file, doc.status()) << "\n";
      return kExitSomeFailed;
    }
    std::cout << DocumentToJson(*doc, JsonOptions{2, false}) << "\n";
    return kExitOk;
  }
  if (*c.ingest) return Ingest(a, logger);
  if (*c.serve) return Serve(a, logger);
  if (*import) return ImportCommand(a.db, a.shard, a.quiet, logger);
  return RunOnStore(c, a, logger);
}

}  // namespace protokoll

int main(int argc, char** argv) { return protokoll::Main(argc, argv); }
