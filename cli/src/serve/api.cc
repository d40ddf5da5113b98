// The JSON API of `protokoll serve`. Every /api/ path names documents by
// their hex id only (no file name, no reference), so no part of a request
// can reach a file: the only file read is the one the store recorded at
// ingest, and only while its SHA-256 is the document's id (page_cache.h).
//
//   GET /api/stats                          counts, as `stats --json`
//   GET /api/failures                       {"failures": [...]}, as `failures --json`
//   GET /api/documents?body=&from=&to=&method=&language=&needs_review=1&offset=&limit=
//                                           {"total", "offset", "documents": [...]} as `list --json`,
//                                           each with "needs_review": no date, a warning, or an
//                                           OCR page below 85 % mean confidence
//   GET /api/documents/ID[?repairs=1]       one document in the contract's schema
//   GET /api/documents/ID/pages/N.png[?dpi=] the page as PNG; X-Protokoll-Dpi says its resolution
//   GET /api/search?q=&speaker=&body=&from=&to=&limit=
//                                           {"hits": [...], "more": bool}, as `search --json`
//   GET /api/documents/ID/corrections       {"corrections": [...]} of one document
//   GET /api/corrections[?conflicts=1]      {"corrections": [...]}, as `corrections --json`
//   POST /api/documents/ID/corrections      {"field", "value"} -> 201 and the correction
//   POST /api/corrections/N/undo            -> the correction, undone
// Writes need a token, or --allow-local-edits on loopback (signed "local"),
// and a JSON body (Content-Type: application/json), which no other web page
// can send without the browser asking this server first.
// Errors: {"error": {"code", "message"}} with the contract's codes (plus
// invalid_argument, unauthorized, forbidden) and a matching HTTP status.
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <mutex>

#include "assets.h"
#include "page_cache.h"
#include "protokoll/corrections.h"
#include "protokoll/dates.h"
#include "protokoll/listing_json.h"
#include "protokoll/record_json.h"
#include "protokoll/serve.h"
#include "protokoll/store.h"

namespace protokoll {
namespace {
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr int kDefaultDpi = 100;
constexpr size_t kMaxQueryText = 1000;  // search words; longer is a mistake or an attack

ApiResponse Json(std::string body, int status = 200) {
  ApiResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

ApiResponse Error(int status, std::string_view code, std::string_view message) {
  return Json(ErrorJson(code, message), status);
}

// The HTTP status of a failed Status.
ApiResponse ErrorFrom(const Status& s) {
  switch (s.code()) {
    case ErrorCode::kNotFound:
    case ErrorCode::kUnsupportedFormat: return Error(404, ErrorCodeName(s.code()), s.message());
    case ErrorCode::kInvalidArgument: return Error(400, "invalid_argument", s.message());
    case ErrorCode::kTooLarge: return Error(413, "too_large", s.message());
    case ErrorCode::kCorruption: return Error(409, "unreadable", s.message());
    case ErrorCode::kDbError: return Error(503, "db_error", s.message());
    default: return Error(500, ErrorCodeName(s.code()), s.message());
  }
}

std::vector<std::string> Segments(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 1;  // after the leading '/'
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool IsHexId(std::string_view s) {
  if (s.size() < kMinIdPrefix || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// Case folding for filters: ASCII and the Latin-1 capitals (Å, Ä, Ö, É, ...),
// which is what body names of the Nordic minutes need.
std::string Fold(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c + 32);
    if (c == 0xC3 && i + 1 < out.size()) {
      unsigned char n = static_cast<unsigned char>(out[i + 1]);
      if (n >= 0x80 && n <= 0x9E && n != 0x97) out[i + 1] = static_cast<char>(n + 0x20);
      ++i;
    }
  }
  return out;
}

// Below this mean OCR confidence a page is worth a second look (the review pages agree).
constexpr double kLowConfidence = 85;

// "Needs review": no meeting date, a warning (a damaged page, ...), or an OCR'd page read with low confidence.
bool NeedsReview(const DocumentSummary& d) {
  return !d.date || d.warnings > 0 || (d.min_ocr_confidence && *d.min_ocr_confidence < kLowConfidence);
}

// Appends one element to a JSON array's comma-separated inside.
void AppendItem(std::string& list, const std::string& item) {
  if (!list.empty()) list += ',';
  list += item;
}

// A whole number in [low, high]; nullopt for anything else ("", "3x", "-1").
std::optional<int> ParseInt(std::string_view s, int low, int high) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v < low || v > high) return std::nullopt;
  return v;
}

// Constant time in the length of `given`, so that timing tells nothing about the secret.
bool SameSecret(std::string_view given, std::string_view secret) {
  unsigned char diff = given.size() == secret.size() ? 0 : 1;
  for (size_t i = 0; i < given.size(); ++i)
    diff |= static_cast<unsigned char>(given[i] ^ (i < secret.size() ? secret[i] : 0));
  return diff == 0;
}

}  // namespace

std::string ErrorJson(std::string_view code, std::string_view message) {
  return json{{"error", {{"code", code}, {"message", message}}}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<ServeToken> ParseServeToken(std::string_view given) {
  const size_t colon = given.find(':');
  ServeToken t{"token", std::string(colon == std::string_view::npos ? given : given.substr(colon + 1))};
  if (colon != std::string_view::npos) t.name = std::string(given.substr(0, colon));
  if (t.secret.empty()) return Status(ErrorCode::kInvalidArgument, "--token: the token is empty");
  if (t.name.empty() || t.name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
                            std::string::npos)
    return Status(ErrorCode::kInvalidArgument, "--token NAME:SECRET: the name may hold letters, digits, '.', '_', '-'");
  return t;
}

bool IsLoopback(std::string_view address) {
  return address == "localhost" || address == "::1" || address == "[::1]" || address.rfind("127.", 0) == 0;
}

Status CheckServeOptions(const ServeOptions& o) {
  if (o.port < 0 || o.port > 65535) return Status(ErrorCode::kInvalidArgument, "--port must be 0 to 65535");
  if (!IsLoopback(o.bind) && o.tokens.empty())
    return Status(ErrorCode::kInvalidArgument, "--bind " + o.bind +
                                                   " serves other machines: give a token (--token or PROTOKOLL_TOKEN)");
  if (!IsLoopback(o.bind) && o.allow_local_edits)
    return Status(ErrorCode::kInvalidArgument, "--allow-local-edits works only on a loopback address");
  return Status::Ok();
}

struct ServeApi::Impl {
  ServeOptions options;
  Logger* logger;
  serve::PageCache pages;
  std::mutex store_mutex;  // guards store and opened
  std::shared_ptr<Store> store;
  Clock::time_point opened;

  explicit Impl(const ServeOptions& o)
      : options(o), logger(o.logger ? o.logger : NullLogger()), pages(o.page_cache_bytes, o.max_page_pixels, logger) {}

  // The read-only view, opened again once it is older than refresh_seconds so
  // that documents an ingest adds appear. A failed re-open keeps the old view.
  Result<std::shared_ptr<Store>> CurrentStore() {
    std::lock_guard<std::mutex> lock(store_mutex);
    const auto age = std::chrono::duration<double>(Clock::now() - opened).count();
    if (store && age < options.refresh_seconds) return store;
    StoreOptions so;
    so.read_only = true;
    so.create_if_missing = false;
    so.logger = logger;
    auto fresh = Store::Open(options.db, so);
    if (!fresh.ok()) {
      if (!store) return fresh.status();
      logger->Warn("serve: re-opening the database failed, still showing the earlier view: " + fresh.status().ToString());
    } else {
      store = std::shared_ptr<Store>(std::move(*fresh));
    }
    opened = Clock::now();
    return store;
  }

  std::optional<std::string> Param(const ApiRequest& r, std::string_view name) const {
    for (const auto& [k, v] : r.query)
      if (k == name) return v;
    return std::nullopt;
  }

  // The name of the valid token the request carries (Bearer header or the
  // protokoll_token cookie the review pages set); nullopt when none.
  std::optional<std::string> TokenName(const ApiRequest& r) const {
    std::vector<std::string> given;
    if (r.authorization.rfind("Bearer ", 0) == 0) given.push_back(r.authorization.substr(7));
    for (size_t at = r.cookie.find("protokoll_token="); at != std::string::npos;
         at = r.cookie.find("protokoll_token=", at + 1)) {
      if (at > 0 && r.cookie[at - 1] != ' ' && r.cookie[at - 1] != ';') continue;
      const size_t start = at + 16, end = r.cookie.find(';', start);
      given.push_back(r.cookie.substr(start, end == std::string::npos ? std::string::npos : end - start));
    }
    for (const auto& g : given)
      for (const auto& t : options.tokens)
        if (SameSecret(g, t.secret)) return t.name;
    return std::nullopt;
  }

  ApiResponse Handle(const ApiRequest& r);
  ApiResponse Documents(Store& db, const ApiRequest& r);
  ApiResponse Document(Store& db, const std::string& id, const ApiRequest& r);
  ApiResponse Page(Store& db, const std::string& id, const std::string& name, const ApiRequest& r);
  ApiResponse Search(Store& db, const ApiRequest& r);
  ApiResponse Failures(Store& db);
  ApiResponse Corrections(Store& db, const std::optional<std::string>& id, bool conflicts_only);
  ApiResponse Write(const ApiRequest& r, const std::vector<std::string>& seg, const std::string& who);
  std::mutex write_mutex;  // one writable open at a time
};

ApiResponse ServeApi::Impl::Corrections(Store& db, const std::optional<std::string>& id, bool conflicts_only) {
  auto all = LoadCorrections(db, id);
  if (!all.ok()) return ErrorFrom(all.status());
  std::string list;
  for (const auto& c : *all)
    if (!conflicts_only || (c.active() && c.conflict_value)) AppendItem(list, CorrectionToJson(c));
  return Json("{\"corrections\":[" + list + "]}");
}

// A correction or an undo: the database is opened for writing only for it,
// so that an ingest can hold it the rest of the time.
ApiResponse ServeApi::Impl::Write(const ApiRequest& r, const std::vector<std::string>& seg, const std::string& who) {
  if (r.content_type.rfind("application/json", 0) != 0)
    return Error(415, "invalid_argument", "send the correction as JSON (Content-Type: application/json)");
  json body = json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) return Error(400, "invalid_argument", "the body is not a JSON object");
  std::lock_guard<std::mutex> lock(write_mutex);
  StoreOptions so;
  so.create_if_missing = false;
  so.logger = logger;
  auto store = Store::Open(options.db, so);
  if (!store.ok())
    return Error(503, "db_error", "the database cannot be written now (is an ingest running?); try again when it has finished: " +
                                      store.status().message());
  Result<Correction> done = Status(ErrorCode::kNotFound, "no such API path");
  if (seg.size() == 4 && seg[1] == "documents" && seg[3] == "corrections") {
    auto id = (*store)->Resolve(seg[2]);
    if (!id.ok()) return ErrorFrom(id.status());
    auto field = body.find("field");
    if (field == body.end() || !field->is_string() || !body.contains("value"))
      return Error(400, "invalid_argument", "a correction is {\"field\": \"metadata.date\", \"value\": ...}");
    done = RunCorrect(**store, *id, field->get<std::string>(), body["value"].dump(), who);
  } else if (seg.size() == 4 && seg[1] == "corrections" && seg[3] == "undo") {
    auto number = ParseInt(seg[2], 1, 999'999'999);
    if (!number) return Error(400, "invalid_argument", "a correction number is a whole number from 1");
    done = RunUndo(**store, static_cast<uint64_t>(*number), who);
  }
  if (!done.ok()) return ErrorFrom(done.status());
  {
    std::lock_guard<std::mutex> view(store_mutex);
    opened = Clock::time_point();  // the next read sees the write
  }
  logger->Info("serve: " + who + " " + (seg[1] == "corrections" ? "undid correction " : "corrected ") +
               done->document.substr(0, 12) + " " + done->field);
  return Json(CorrectionToJson(*done), seg[1] == "corrections" ? 200 : 201);
}

ApiResponse ServeApi::Impl::Documents(Store& db, const ApiRequest& r) {
  const auto body = Param(r, "body"), from = Param(r, "from"), to = Param(r, "to");
  const auto method = Param(r, "method"), language = Param(r, "language");
  const bool review_only = Param(r, "needs_review").value_or("") == "1";
  for (const auto& [name, value] : {std::pair{"from", from}, std::pair{"to", to}})
    if (value && !value->empty())
      if (Status s = CheckDateOption(name, *value); !s.ok()) return ErrorFrom(s);
  if (method && !method->empty() && *method != "text" && *method != "ocr" && *method != "mixed")
    return Error(400, "invalid_argument", "method: text, ocr or mixed");
  const auto offset = ParseInt(Param(r, "offset").value_or("0"), 0, 100'000'000);
  const auto limit = ParseInt(Param(r, "limit").value_or("200"), 1, 1000);
  if (!offset || !limit) return Error(400, "invalid_argument", "offset: 0 or more; limit: 1 to 1000");
  const std::string folded_body = body ? Fold(*body) : "";
  size_t total = 0;
  std::string list;
  Status s = db.ForEachSummary([&](const DocumentSummary& d) {
    if (!folded_body.empty() && Fold(d.body.value_or("")).find(folded_body) == std::string::npos) return true;
    if (from && !from->empty() && (!d.date || *d.date < *from)) return true;
    if (to && !to->empty() && (!d.date || *d.date > *to)) return true;
    if (method && !method->empty() && MethodOf(d) != *method) return true;
    if (language && !language->empty() && d.language.value_or("") != *language) return true;
    const bool review = NeedsReview(d);
    if (review_only && !review) return true;
    if (total >= static_cast<size_t>(*offset) && total < static_cast<size_t>(*offset + *limit)) {
      std::string item = SummaryToJson(d);  // `list --json`'s object, and whether it needs review
      item.insert(item.size() - 1, std::string(",\"needs_review\":") + (review ? "true" : "false"));
      AppendItem(list, item);
    }
    ++total;
    return true;
  });
  if (!s.ok()) return ErrorFrom(s);
  return Json("{\"total\":" + std::to_string(total) + ",\"offset\":" + std::to_string(*offset) + ",\"documents\":[" +
              list + "]}");
}

ApiResponse ServeApi::Impl::Document(Store& db, const std::string& id, const ApiRequest& r) {
  auto doc = db.Get(id);
  if (!doc.ok()) return ErrorFrom(doc.status());
  const bool repairs = Param(r, "repairs").value_or("") == "1";
  auto corrections = LoadCorrections(db, id);
  if (!corrections.ok()) return ErrorFrom(corrections.status());
  return Json(MarkCorrected(DocumentToJson(*doc, JsonOptions{-1, repairs}), CorrectedFields(*corrections)));
}

ApiResponse ServeApi::Impl::Page(Store& db, const std::string& id, const std::string& name, const ApiRequest& r) {
  if (name.size() < 5 || name.substr(name.size() - 4) != ".png")
    return Error(404, "not_found", "pages are served as N.png");
  const auto page = ParseInt(name.substr(0, name.size() - 4), 1, 100000);
  if (!page) return Error(400, "invalid_argument", "a page number is a whole number from 1");
  const auto dpi = ParseInt(Param(r, "dpi").value_or(std::to_string(kDefaultDpi)), 36, 300);
  if (!dpi) return Error(400, "invalid_argument", "dpi: 36 to 300");
  auto summary = db.GetSummary(id);
  if (!summary.ok()) return ErrorFrom(summary.status());
  if (*page > summary->pages) return Error(404, "not_found", "the document has " + std::to_string(summary->pages) + " pages");
  auto path = db.GetSourcePath(id);
  if (!path.ok()) return ErrorFrom(path.status());
  if (!*path)
    return Error(404, "not_found", summary->file + ": no file path was recorded at ingest; ingest the file again to record it");
  auto image = pages.Get(id, **path, *page, *dpi);
  if (!image.ok()) return ErrorFrom(Status(image.status().code(), summary->file + ": " + image.status().message()));
  ApiResponse out;
  out.content_type = "image/png";
  out.body = (*image)->png;
  out.headers = {{"X-Protokoll-Dpi", std::to_string((*image)->dpi)}, {"Cache-Control", "private, max-age=300"}};
  return out;
}

ApiResponse ServeApi::Impl::Search(Store& db, const ApiRequest& r) {
  SearchQuery q;
  q.text = Param(r, "q").value_or("");
  if (q.text.size() > kMaxQueryText) return Error(413, "too_large", "the query is longer than 1000 bytes");
  if (q.text.find_first_not_of(" \t\n*") == std::string::npos)
    return Error(400, "invalid_argument", "q: at least one word to find");
  const std::pair<const char*, std::optional<std::string>*> filters[] = {
      {"speaker", &q.speaker}, {"body", &q.body}, {"from", &q.from}, {"to", &q.to}};
  for (const auto& [name, field] : filters)
    if (auto v = Param(r, name); v && !v->empty()) *field = *v;
  for (const auto* date : {&q.from, &q.to})
    if (*date)
      if (Status s = CheckDateOption(date == &q.from ? "from" : "to", **date); !s.ok()) return ErrorFrom(s);
  const auto limit = ParseInt(Param(r, "limit").value_or("20"), 1, 1000);
  if (!limit) return Error(400, "invalid_argument", "limit: 1 to 1000");
  q.limit = *limit + 1;  // one more says whether there are more
  auto hits = db.Search(q);
  if (!hits.ok()) return ErrorFrom(hits.status());
  const bool more = hits->size() > static_cast<size_t>(*limit);
  std::map<std::string, std::string> files;
  std::string list;
  for (size_t i = 0; i < hits->size() && i < static_cast<size_t>(*limit); ++i) {
    const SearchHit& h = (*hits)[i];
    auto [file, fresh] = files.try_emplace(h.doc_id);
    if (fresh)
      if (auto summary = db.GetSummary(h.doc_id); summary.ok()) file->second = summary->file;
    AppendItem(list, HitToJson(h, file->second));
  }
  return Json("{\"hits\":[" + list + "],\"more\":" + (more ? "true" : "false") + "}");
}

ApiResponse ServeApi::Impl::Failures(Store& db) {
  std::string list;
  Status s = db.ForEachFailure([&](const FailureRecord& f) {
    AppendItem(list, FailureToJson(f));
    return true;
  });
  if (!s.ok()) return ErrorFrom(s);
  return Json("{\"failures\":[" + list + "]}");
}

ApiResponse ServeApi::Impl::Handle(const ApiRequest& r) {
  if (r.path.empty() || r.path[0] != '/') return Error(400, "invalid_argument", "a path starts with /");
  const std::vector<std::string> seg = Segments(r.path);
  for (const auto& s : seg)
    if (s == ".." || s == "." || s.find('\\') != std::string::npos || s.find('\0') != std::string::npos)
      return Error(400, "invalid_argument", "paths hold no '.', '..' or '\\' parts");
  if (seg.empty() || seg[0] != "api") {
    if (r.method != "GET") return Error(405, "invalid_argument", "only GET here");
    if (auto asset = serve::FindAsset(r.path)) {
      ApiResponse out;
      out.content_type = std::string(asset->content_type);
      out.body = std::string(asset->content);
      out.headers = {{"Cache-Control", "no-cache"}, {"X-Content-Type-Options", "nosniff"}};
      return out;
    }
    return Error(404, "not_found", "no such page");
  }
  // Every /api/ request carries the token when there is one.
  const std::optional<std::string> who = TokenName(r);
  if (!options.tokens.empty() && !who) {
    ApiResponse out = Error(401, "unauthorized", "this server needs a token: Authorization: Bearer TOKEN");
    out.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"protokoll\"");
    return out;
  }
  if (r.method == "POST") {
    if (r.body.size() > options.max_body_bytes) return Error(413, "too_large", "the request body is too large");
    std::optional<std::string> writer = who;
    if (!writer && options.allow_local_edits && IsLoopback(options.bind)) writer = "local";
    if (!writer)
      return Error(403, "forbidden", "corrections need a token (serve --token) or serve --allow-local-edits on loopback");
    return Write(r, seg, *writer);
  }
  if (r.method != "GET") return Error(405, "invalid_argument", "this path is read with GET");
  auto db = CurrentStore();
  if (!db.ok()) return ErrorFrom(db.status());
  Store& store = **db;
  const size_t n = seg.size();
  if (n == 2 && seg[1] == "stats") {
    auto stats = store.Stats();
    return stats.ok() ? Json(StatsToJson(*stats)) : ErrorFrom(stats.status());
  }
  if (n == 2 && seg[1] == "failures") return Failures(store);
  if (n == 2 && seg[1] == "search") return Search(store, r);
  if (n == 2 && seg[1] == "documents") return Documents(store, r);
  if (n == 2 && seg[1] == "corrections") return Corrections(store, std::nullopt, Param(r, "conflicts").value_or("") == "1");
  if (n >= 3 && seg[1] == "documents") {
    if (!IsHexId(seg[2])) return Error(400, "invalid_argument", "a document id is 4 to 64 hex digits");
    auto id = store.Resolve(seg[2]);
    if (!id.ok()) return ErrorFrom(id.status());
    if (n == 3) return Document(store, *id, r);
    if (n == 4 && seg[3] == "corrections") return Corrections(store, *id, false);
    if (n == 5 && seg[3] == "pages") return Page(store, *id, seg[4], r);
  }
  return Error(404, "not_found", "no such API path");
}

ServeApi::ServeApi(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ServeApi::~ServeApi() = default;

Result<std::unique_ptr<ServeApi>> ServeApi::Open(const ServeOptions& options) {
  if (Status s = CheckServeOptions(options); !s.ok()) return s;
  auto impl = std::make_unique<Impl>(options);
  auto store = impl->CurrentStore();
  if (!store.ok()) return store.status();
  return std::unique_ptr<ServeApi>(new ServeApi(std::move(impl)));
}

ApiResponse ServeApi::Handle(const ApiRequest& request) { return impl_->Handle(request); }

}  // namespace protokoll
