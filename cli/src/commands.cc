#include "commands.h"

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

namespace protokoll::cli {
namespace {
using nlohmann::json;

std::string OrDash(const std::optional<std::string>& v) { return v && !v->empty() ? *v : "-"; }
json OrNull(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Search asks for one hit beyond the limit, to say whether there are more.
// (Counting them all would need the whole ranking: asking for 100 more
// doubled p99 latency in bench/store_bench at 10,000 documents.)
constexpr int kLookAhead = 1;

// Every word as a prefix: "vårdplats" -> "vårdplats*"; "" when each already is.
std::string AsPrefixes(const std::string& text) {
  std::string out, word;
  bool changed = false;
  auto flush = [&] {
    if (word.empty()) return;
    if (word.back() != '*' && word.find('"') == std::string::npos) {
      word += '*';
      changed = true;
    }
    out += (out.empty() ? "" : " ") + word;
    word.clear();
  };
  for (char c : text) {
    if (c == ' ' || c == '\t') flush();
    else word += c;
  }
  flush();
  return changed ? out : "";
}

// What to try when nothing was found, checked against the index: the words
// as prefixes, or the same words without the filters.
std::string NothingFoundHint(Store& db, SearchQuery query) {
  query.limit = 1;
  const std::string prefixes = AsPrefixes(query.text);
  if (!prefixes.empty()) {
    SearchQuery q = query;
    q.text = prefixes;
    auto hits = db.Search(q);
    if (hits.ok() && !hits->empty()) return "\"" + prefixes + "\" finds inflected forms too";
  }
  if (query.speaker || query.body || query.from || query.to) {
    SearchQuery q;
    q.text = query.text;
    q.limit = 1;
    auto hits = db.Search(q);
    if (hits.ok() && !hits->empty()) return "without --speaker, --body, --from and --to there are hits";
  }
  return "try a prefix (vårdplats*), another spelling or fewer words";
}

}  // namespace

int ReportDbError(const Status& s) {
  std::cerr << "protokoll: " << s.ToString() << "\n";
  return kExitDb;
}

std::string MethodOf(const DocumentSummary& d) {
  if (d.pages_text > 0 && d.pages_ocr > 0) return "mixed";
  if (d.pages_ocr > 0) return "ocr";
  if (d.pages_text > 0) return "text";
  return "-";
}

int ListCommand(Store& db, bool as_json, std::ostream& out) {
  if (!as_json) out << "id\tdate\treference\tbody\ttitle\tpages\tmethod\tfile\n";
  Status s = db.ForEachSummary([&](const DocumentSummary& d) {
    if (as_json) {
      out << Dump({{"id", d.id}, {"date", OrNull(d.date)}, {"reference", OrNull(d.reference)},
                   {"body", OrNull(d.body)}, {"title", OrNull(d.title)}, {"pages", d.pages},
                   {"method", MethodOf(d)}, {"file", d.file}, {"ingested_at", d.ingested_at},
                   {"pipeline_version", d.pipeline_version}})
          << '\n';
    } else {
      out << d.id.substr(0, 12) << '\t' << OrDash(d.date) << '\t' << OrDash(d.reference) << '\t' << OrDash(d.body)
          << '\t' << OrDash(d.title) << '\t' << d.pages << '\t' << MethodOf(d) << '\t' << EscapeForLine(d.file) << '\n';
    }
    return static_cast<bool>(out);
  });
  return s.ok() ? kExitOk : ReportDbError(s);
}

int StatsCommand(Store& db, bool as_json, std::ostream& out) {
  auto s = db.Stats();
  if (!s.ok()) return ReportDbError(s.status());
  const std::pair<const char*, uint64_t> rows[] = {
      {"documents", s->documents}, {"pages_text", s->pages_text}, {"pages_ocr", s->pages_ocr},
      {"items", s->items},         {"paragraphs", s->paragraphs}, {"speakers", s->speakers},
      {"failures", s->failures},   {"db_bytes", s->db_bytes}};
  if (as_json) {
    json j = json::object();
    for (const auto& [name, value] : rows) j[name] = value;
    out << Dump(j) << '\n';
  } else {
    out << "what\tcount\n";
    for (const auto& [name, value] : rows) out << name << '\t' << value << '\n';
  }
  return kExitOk;
}

int FailuresCommand(Store& db, bool as_json, std::ostream& out) {
  if (!as_json) out << "path\tsha256\tcode\tmessage\trecorded_at\n";
  Status s = db.ForEachFailure([&](const FailureRecord& f) {
    if (as_json) {
      out << Dump({{"path", f.path}, {"sha256", f.sha256.empty() ? json(nullptr) : json(f.sha256)},
                   {"code", f.code}, {"message", f.message}, {"recorded_at", f.recorded_at}})
          << '\n';
    } else {
      // Names may hold tabs and newlines: escaped, so that one failure stays one row.
      out << EscapeForLine(f.path) << '\t' << (f.sha256.empty() ? "-" : f.sha256) << '\t' << f.code << '\t'
          << EscapeForLine(f.message) << '\t' << f.recorded_at << '\n';
    }
    return static_cast<bool>(out);
  });
  return s.ok() ? kExitOk : ReportDbError(s);
}

int SearchCommand(Store& db, SearchQuery query, bool as_json, std::ostream& out) {
  const size_t limit = static_cast<size_t>(query.limit);
  query.limit += kLookAhead;
  auto hits = db.Search(query);
  if (!hits.ok()) return ReportDbError(hits.status());
  const size_t shown = std::min(limit, hits->size());
  if (!as_json && shown > 0) out << "id\tdate\treference\titem\tpage\tspeaker\tfile\n";
  std::map<std::string, std::string> files;  // by document id: a sample and its scan look alike otherwise
  for (size_t i = 0; i < shown; ++i) {
    const SearchHit& h = (*hits)[i];
    auto [file, fresh] = files.try_emplace(h.doc_id);
    if (fresh) {
      auto summary = db.GetSummary(h.doc_id);
      if (!summary.ok() && summary.status().code() == ErrorCode::kDbError) return ReportDbError(summary.status());
      if (summary.ok()) file->second = summary->file;
    }
    if (as_json) {
      out << Dump({{"id", h.doc_id}, {"date", OrNull(h.date)}, {"reference", OrNull(h.reference)},
                   {"item_number", OrNull(h.item_number)}, {"item_title", OrNull(h.item_title)},
                   {"page", h.page}, {"speaker", OrNull(h.speaker)}, {"file", file->second},
                   {"snippet", h.snippet}, {"score", h.score}})
          << '\n';
      continue;
    }
    out << h.doc_id.substr(0, 12) << '\t' << OrDash(h.date) << '\t' << OrDash(h.reference) << '\t';
    if (h.item_number) out << *h.item_number << ' ' << OrDash(h.item_title);
    else out << '-';
    out << "\tp." << h.page << '\t' << OrDash(h.speaker) << '\t' << EscapeForLine(file->second) << "\n    " << h.snippet
        << '\n';
  }
  if (hits->size() > shown) {
    std::cerr << "protokoll: showing the best " << shown << " hits; there are more (--limit N shows more)\n";
  } else if (hits->empty()) {
    std::cerr << "protokoll: no paragraph matches \"" << query.text << "\"; " << NothingFoundHint(db, query) << "\n";
  }
  return kExitOk;
}

}  // namespace protokoll::cli
