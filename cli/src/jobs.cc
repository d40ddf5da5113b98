#include "protokoll/jobs.h"

#include <fnmatch.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "protokoll/corrections.h"
#include "protokoll/pipeline.h"
#include "protokoll/raw_json.h"

namespace protokoll {
namespace {

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool Matches(const std::vector<std::string>& globs, const std::string& relative) {
  const std::string name = BaseName(relative);
  for (const auto& g : globs)
    if (fnmatch(g.c_str(), relative.c_str(), 0) == 0 || fnmatch(g.c_str(), name.c_str(), 0) == 0) return true;
  return false;
}

// The sub-folders of `dir` (sorted), which a folder ingest without recursion skips.
std::vector<std::string> SubFolders(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec)) out.push_back(it->path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Inputs in the order given, folders expanded in path order and filtered by
// the globs. A path that does not exist is kept: it fails later as
// not_found, in its place.
struct Input {
  std::string path, relative;  // relative: for the progress display
};

std::vector<Input> ExpandInputs(const std::vector<std::string>& paths, const IngestJobOptions& options,
                                FileSystem* fs, Logger* logger, std::vector<std::string>& skipped,
                                std::vector<std::string>& skipped_entries) {
  std::vector<Input> inputs;
  for (const auto& path : paths) {
    if (!fs->IsDirectory(path)) {
      inputs.push_back({path, path});
      continue;
    }
    auto files = fs->ListFiles(path, options.recursive, &skipped_entries);
    if (!files.ok()) {
      logger->Error(files.status().ToString());
      inputs.push_back({path, path});  // recorded as a failure of the folder itself
      continue;
    }
    if (!options.recursive) {
      auto folders = SubFolders(path);
      skipped.insert(skipped.end(), folders.begin(), folders.end());
    }
    const std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
    std::string folder = prefix.substr(0, prefix.size() - 1);
    folder = BaseName(folder);
    for (const auto& file : *files) {
      const std::string relative = file.rfind(prefix, 0) == 0 ? file.substr(prefix.size()) : BaseName(file);
      if (!options.include.empty() && !Matches(options.include, relative)) continue;
      if (Matches(options.exclude, relative)) continue;
      inputs.push_back({file, folder.empty() || folder == "." ? relative : folder + "/" + relative});
    }
  }
  return inputs;
}

// Where the file was found, for `serve` to show its pages. The latest path
// wins (the file may have moved); a failure here loses no record, so it is
// only logged.
void RecordSourcePath(Store& store, const std::string& id, const std::string& path, Logger* logger) {
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  Status s = store.SetSourcePath(id, ec ? path : absolute.lexically_normal().string());
  if (!s.ok()) logger->Warn(path + ": source path not recorded: " + s.ToString());
}

}  // namespace

std::string DescribeFailure(const std::string& path, const Status& status) {
  std::string message = status.message();
  if (message.rfind(path + ": ", 0) == 0) message.erase(0, path.size() + 2);
  return EscapeForLine(path) + ": " + std::string(ErrorCodeName(status.code())) +
         (message.empty() ? "" : ": " + EscapeForLine(message));
}

Result<Document> ExtractDocument(const std::string& path, const ExtractOptions& options, const Dictionary* dictionary,
                                 Logger* logger) {
  Extractor extractor(options, logger);
  auto raw = extractor.ExtractFile(path);
  if (!raw.ok()) return raw.status();
  return DeriveDocument(*raw, dictionary, logger);
}

// Whether OCR in `mode` would read more of a stored document than was read:
// pages stored without text because OCR was off, failed or was unavailable
// (issue 11: such a file ingested again is read again, not "unchanged").
bool WouldReadMore(Store& store, const std::string& id, OcrMode mode) {
  if (mode == OcrMode::kNever) return false;
  auto doc = store.Get(id);
  if (!doc.ok()) return false;
  return std::any_of(doc->pages.begin(), doc->pages.end(), [](const PageRecord& p) {
    return p.method_reason == "ocr_off" || p.method_reason == "ocr_failed" || p.method_reason == "ocr_unavailable";
  });
}

// Whether `raw`, read again, has text on a page the stored document holds
// without it: a page whose OCR fails again (the same deadline, the same
// damage) leaves the stored document as it was, and the input "unchanged".
bool ReadMoreThanStored(Store& store, const std::string& id, const RawDocument& raw) {
  auto doc = store.Get(id);
  if (!doc.ok()) return true;
  for (size_t i = 0; i < doc->pages.size() && i < raw.pages.size(); ++i) {
    const std::string& was = doc->pages[i].method_reason;
    const bool without_text = was == "ocr_off" || was == "ocr_failed" || was == "ocr_unavailable";
    if (without_text && !raw.pages[i].lines.empty()) return true;
  }
  return false;
}

// People's corrections of doc.id applied over what the pipeline derived, as
// the records to write with it; a conflict with the pipeline is logged.
Result<std::vector<Store::CorrectionWrite>> StoredCorrections(Store& store, Document& doc, Logger* logger) {
  auto corrections = LoadCorrections(store, doc.id);
  if (!corrections.ok()) return corrections.status();
  std::vector<Store::CorrectionWrite> changed;
  for (const Correction& c : ApplyCorrections(doc, *corrections)) {
    changed.push_back(Store::CorrectionWrite{c.number, CorrectionToJson(c)});
    if (c.conflict_value)
      logger->Warn(doc.id.substr(0, 12) + ": " + c.field + ": the pipeline now derives " + *c.conflict_value +
                   "; correction " + std::to_string(c.number) + " (" + c.new_value + ") kept");
  }
  return changed;
}

// Replaces a stored document by what was read again from its file.
Status ReplaceRead(Store& store, const RawDocument& raw, const Dictionary* dictionary, Logger* logger, Document* doc) {
  *doc = DeriveDocument(raw, dictionary, logger);
  auto changed = StoredCorrections(store, *doc, logger);
  if (!changed.ok()) return changed.status();
  return store.ReplaceReread(*doc, RawDocumentToJson(raw), *changed).status();
}

Result<IngestSummary> RunIngest(const std::vector<std::string>& paths, const IngestJobOptions& options, Store& store,
                                const Dictionary* dictionary, Logger* logger,
                                const std::function<void(const IngestProgress&)>& progress) {
  if (logger == nullptr) logger = NullLogger();
  const auto started = std::chrono::steady_clock::now();
  FileSystem* fs = DefaultFileSystem();
  IngestSummary summary;
  const std::vector<Input> inputs =
      ExpandInputs(paths, options, fs, logger, summary.skipped_folders, summary.skipped_entries);
  size_t pages = 0;  // guarded by mutex
  // Corrections outlive a removed document: one ingested again gets them back.
  auto corrections = LoadCorrections(store);
  if (!corrections.ok()) return corrections.status();

  std::mutex mutex;  // guards summary, progress, db_error
  Status db_error;
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  size_t done = 0;

  auto report = [&](InputOutcome::Kind kind, const std::string& path, const std::string& sha, const Status& why) {
    if (options.on_input) options.on_input(InputOutcome{kind, path, sha, why});
  };
  // Stored already and nothing more to read: the failure of an earlier try is cleared.
  auto unchanged = [&](const std::string& path, const std::string& sha, const std::string& why) {
    logger->Debug(EscapeForLine(path) + ": unchanged (" + sha.substr(0, 12) + ")" + why);
    (void)store.ClearFailure(path);
    RecordSourcePath(store, sha, path, logger);
    report(InputOutcome::kUnchanged, path, sha, Status::Ok());
    std::lock_guard<std::mutex> lock(mutex);
    ++summary.unchanged;
  };
  auto record_failure = [&](const std::string& path, const std::string& sha, const Status& status) {
    report(InputOutcome::kFailed, path, sha, status);
    logger->Warn(DescribeFailure(path, status));
    Status s = store.RecordFailure(FailureRecord{path, sha, std::string(ErrorCodeName(status.code())), status.message(), ""});
    std::lock_guard<std::mutex> lock(mutex);
    ++summary.failed;
    if (!s.ok() && db_error.ok()) db_error = s;
  };

  const int workers = std::max(1, std::min<int>(options.workers, static_cast<int>(inputs.size())));
  // Documents in parallel times OCR pages in parallel must not exceed the
  // cores: Tesseract instances beyond them only slow each other down.
  ExtractOptions extract = options.extract;
  if (extract.ocr_workers == 0) {
    const int cores = std::max(1u, std::thread::hardware_concurrency());
    extract.ocr_workers = std::max(1, cores / workers);
  }

  // A worker out of documents gives its core to the pages of a long document
  // still being read by another (extractor.h, CoreBudget): the last
  // documents of a batch do not leave cores idle.
  // With fewer inputs than -j, the cores no worker gets are free from the start.
  if (options.workers > 1) {
    extract.core_budget = std::make_shared<CoreBudget>();
    extract.core_budget->Release(options.workers - workers);
  }
  auto worker = [&] {
    Extractor extractor(extract, logger, fs);
    for (size_t i = next++; i < inputs.size() && !stop; i = next++) {
      const std::string& path = inputs[i].path;
      auto bytes = fs->ReadFile(path, options.extract.max_input_bytes);
      const std::string sha = bytes.ok() ? Sha256Hex(*bytes) : "";
      if (options.select && !options.select(path, sha)) {
        std::lock_guard<std::mutex> lock(mutex);
        ++summary.other_shards;
      } else if (!bytes.ok()) {
        record_failure(path, "", bytes.status());
      } else {
        auto known = store.Contains(sha);
        if (!known.ok()) {
          std::lock_guard<std::mutex> lock(mutex);
          if (db_error.ok()) db_error = known.status();
          stop = true;
        } else if (*known && !WouldReadMore(store, sha, extract.ocr)) {
          unchanged(path, sha, "");
        } else {
          auto raw = extractor.ExtractBytes(*bytes, BaseName(path));
          std::string().swap(*bytes);  // memory flat in document length: what is done with is freed at once
          Document reread;
          if (!raw.ok()) {
            record_failure(path, sha, raw.status());
          } else if (*known && !ReadMoreThanStored(store, sha, *raw)) {
            unchanged(path, sha, ": OCR read no more");
          } else if (*known) {  // stored, but OCR now reads pages it did not
            Status s = ReplaceRead(store, *raw, dictionary, logger, &reread);
            if (!s.ok() && s.code() != ErrorCode::kNotFound) {
              std::lock_guard<std::mutex> lock(mutex);
              if (db_error.ok()) db_error = s;
              stop = true;
            } else {
              (void)store.ClearFailure(path);
              RecordSourcePath(store, sha, path, logger);
              report(InputOutcome::kStored, path, sha, Status::Ok());
              logger->Info(EscapeForLine(path) + ": read again with OCR " + reread.id.substr(0, 12) +
                           " (pages had been stored without text)");
              std::lock_guard<std::mutex> lock(mutex);
              ++summary.stored;
              for (const auto& page : reread.pages) (page.method == "ocr" ? summary.ocr_pages : summary.text_pages)++;
              pages += reread.pages.size();
            }
          } else {
            Document doc = DeriveDocument(*raw, dictionary, logger);
            if (!corrections->empty()) {
              std::vector<Correction> own = *corrections;  // ApplyCorrections notes conflicts in them
              (void)ApplyCorrections(doc, own);
            }
            const std::string extraction = RawDocumentToJson(*raw);
            *raw = RawDocument();  // the words (about as large as their JSON) are not held through the write
            auto put = store.Put(doc, extraction);
            if (!put.ok()) {
              std::lock_guard<std::mutex> lock(mutex);
              if (db_error.ok()) db_error = put.status();
              stop = true;
            } else {
              (void)store.ClearFailure(path);
              RecordSourcePath(store, doc.id, path, logger);
              report(*put == PutOutcome::kStored ? InputOutcome::kStored : InputOutcome::kUnchanged, path, sha,
                     Status::Ok());
              std::lock_guard<std::mutex> lock(mutex);
              if (*put == PutOutcome::kStored) ++summary.stored;
              else ++summary.unchanged;
              for (const auto& page : doc.pages) (page.method == "ocr" ? summary.ocr_pages : summary.text_pages)++;
              pages += doc.pages.size();
              logger->Info(EscapeForLine(path) + ": stored " + doc.id.substr(0, 12) + " (" + std::to_string(doc.pages.size()) +
                           " pages, " + std::to_string(doc.items.size()) + " items)");
            }
          }
        }
      }
      std::lock_guard<std::mutex> lock(mutex);
      ++done;
      if (progress) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        progress(IngestProgress{done, inputs.size(), path, inputs[i].relative, pages, seconds});
      }
    }
    if (extract.core_budget) extract.core_budget->Release(1);
  };

  std::vector<std::thread> threads;
  for (int w = 1; w < workers; ++w) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();

  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!db_error.ok()) return Status(ErrorCode::kDbError, db_error.message());
  return summary;
}

Result<ReprocessSummary> RunReprocess(Store& store, const std::vector<std::string>& ids, bool all,
                                      const Dictionary* dictionary, Logger* logger) {
  if (logger == nullptr) logger = NullLogger();
  ReprocessSummary summary;
  std::vector<std::string> todo = ids;
  if (all) {
    const std::string current(PipelineVersion());
    Status s = store.ForEachSummary([&](const DocumentSummary& d) {
      if (std::find(todo.begin(), todo.end(), d.id) != todo.end()) return true;
      if (d.pipeline_version == current) ++summary.current;
      else todo.push_back(d.id);
      return true;
    });
    if (!s.ok()) return s;
  }
  for (const auto& id : todo) {
    auto extraction = store.GetExtraction(id);
    if (!extraction.ok()) {
      if (extraction.status().code() == ErrorCode::kDbError) return extraction.status();
      logger->Warn(id.substr(0, 12) + ": " + extraction.status().ToString());
      ++summary.failed;
      continue;
    }
    auto raw = RawDocumentFromJson(*extraction);
    if (!raw.ok()) {
      logger->Warn(id.substr(0, 12) + ": " + raw.status().ToString());
      ++summary.failed;
      continue;
    }
    Document doc = DeriveDocument(*raw, dictionary, logger);
    // People's corrections go over what the pipeline derived, in the same write.
    auto changed = StoredCorrections(store, doc, logger);
    if (!changed.ok()) return changed.status();
    if (Status s = store.ReplaceWithCorrections(doc, *changed).status(); !s.ok()) {
      if (s.code() == ErrorCode::kDbError) return s;
      logger->Warn(id.substr(0, 12) + ": " + s.ToString());
      ++summary.failed;
      continue;
    }
    logger->Info(id.substr(0, 12) + ": reprocessed with pipeline " + doc.pipeline_version);
    ++summary.reprocessed;
  }
  return summary;
}

Result<ReprocessSummary> RunReread(Store& store, const std::vector<std::string>& ids, const ExtractOptions& options,
                                   const Dictionary* dictionary, Logger* logger) {
  if (logger == nullptr) logger = NullLogger();
  ReprocessSummary summary;
  FileSystem* fs = DefaultFileSystem();
  Extractor extractor(options, logger, fs);
  for (const auto& id : ids) {
    auto fail = [&](const std::string& why) {
      logger->Warn(id.substr(0, 12) + ": " + why);
      ++summary.failed;
    };
    auto path = store.GetSourcePath(id);
    if (!path.ok()) return path.status();
    if (!*path) {
      fail("no file recorded for it; ingest the file again with --ocr");
      continue;
    }
    auto bytes = fs->ReadFile(**path, options.max_input_bytes);
    if (!bytes.ok() || Sha256Hex(*bytes) != id) {
      fail(EscapeForLine(**path) + (bytes.ok() ? " has changed since it was ingested" : ": " + bytes.status().ToString()) +
           "; give the file again: protokoll ingest --ocr auto FILE");
      continue;
    }
    auto raw = extractor.ExtractBytes(*bytes, BaseName(**path));
    if (!raw.ok()) {
      fail(raw.status().ToString());
      continue;
    }
    Document doc;
    if (Status s = ReplaceRead(store, *raw, dictionary, logger, &doc); !s.ok()) {
      if (s.code() == ErrorCode::kDbError) return s;
      fail(s.ToString());
      continue;
    }
    logger->Info(id.substr(0, 12) + ": read again from " + EscapeForLine(**path));
    ++summary.reprocessed;
  }
  return summary;
}

}  // namespace protokoll
