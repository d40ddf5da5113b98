#include "commands.h"

#include <algorithm>
#include <iostream>
#include <map>

#include "protokoll/corrections.h"
#include "protokoll/listing_json.h"

namespace protokoll::cli {
namespace {
std::string OrDash(const std::optional<std::string>& v) { return v && !v->empty() ? *v : "-"; }

// Every word as a prefix: "vårdplats" -> "vårdplats*"; "" when each already is.
std::string AsPrefixes(const std::string& text) {
  std::string out, word;
  bool changed = false;
  auto flush = [&] {
    if (word.empty()) return;
    if (word.back() != '*' && word.find('"') == std::string::npos && word != "OR") {
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
  // Every word must be in one paragraph: with OR between them, any.
  std::string words, any;
  bool has_or = false, quoted = query.text.find('"') != std::string::npos;
  for (size_t i = 0; i <= query.text.size(); ++i) {
    if (i < query.text.size() && query.text[i] != ' ' && query.text[i] != '\t') {
      words += query.text[i];
      continue;
    }
    if (words.empty()) continue;
    has_or = has_or || words == "OR";
    any += (any.empty() ? "" : " OR ") + words;
    words.clear();
  }
  if (!has_or && !quoted && any.find(" OR ") != std::string::npos) {
    SearchQuery q = query;
    q.text = any;
    auto hits = db.Search(q);
    if (hits.ok() && !hits->empty()) return "no paragraph holds every word; \"" + any + "\" finds those with any";
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

int ListCommand(Store& db, bool as_json, std::ostream& out) {
  if (!as_json) out << "id\tdate\treference\tbody\ttitle\tpages\tmethod\tfile\n";
  Status s = db.ForEachSummary([&](const DocumentSummary& d) {
    if (as_json) {
      out << SummaryToJson(d) << '\n';
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
    out << StatsToJson(*s) << '\n';
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
      out << FailureToJson(f) << '\n';
    } else {
      // Names may hold tabs and newlines: escaped, so that one failure stays one row.
      out << EscapeForLine(f.path) << '\t' << (f.sha256.empty() ? "-" : f.sha256) << '\t' << f.code << '\t'
          << EscapeForLine(f.message) << '\t' << f.recorded_at << '\n';
    }
    return static_cast<bool>(out);
  });
  return s.ok() ? kExitOk : ReportDbError(s);
}

int CorrectionsCommand(Store& db, const std::vector<std::string>& ids, bool conflicts_only, bool as_json,
                       std::ostream& out) {
  auto all = LoadCorrections(db);
  if (!all.ok()) return ReportDbError(all.status());
  if (!as_json) out << "number\tid\tfield\told\tnew\twho\tat\tpipeline\tstate\n";
  for (const Correction& c : *all) {
    if (!ids.empty() && std::find(ids.begin(), ids.end(), c.document) == ids.end()) continue;
    if (conflicts_only && (!c.conflict_value || !c.active())) continue;
    if (as_json) {
      out << CorrectionToJson(c) << '\n';
      continue;
    }
    std::string state = c.active() ? "active" : "undone by " + c.undone_by.value_or("?") + " " + c.undone_at.value_or("");
    if (c.active() && c.conflict_value)
      state = "conflict: pipeline " + c.conflict_pipeline_version.value_or("?") + " derives " + *c.conflict_value;
    out << c.number << '\t' << c.document.substr(0, 12) << '\t' << c.field << '\t' << c.old_value << '\t' << c.new_value
        << '\t' << c.who << '\t' << c.at << '\t' << c.pipeline_version << '\t' << state << '\n';
  }
  return kExitOk;
}

bool IsSearchLanguage(const std::string& language) {
  for (const char* known : {"sv", "da", "nb", "no", "nn", "fi", "en", "de", "fr"})
    if (language == known) return true;
  return false;
}

int SearchCommand(Store& db, SearchQuery query, bool as_json, std::ostream& out) {
  auto results = db.SearchWithCount(query);
  if (!results.ok()) return ReportDbError(results.status());
  const std::vector<SearchHit>* hits = &results->hits;
  const size_t shown = hits->size();
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
      out << HitToJson(h, file->second) << '\n';
      continue;
    }
    out << h.doc_id.substr(0, 12) << '\t' << OrDash(h.date) << '\t' << OrDash(h.reference) << '\t';
    if (h.item_number) out << *h.item_number << ' ' << OrDash(h.item_title);
    else out << '-';
    out << "\tp." << h.page << '\t' << OrDash(h.speaker) << '\t' << EscapeForLine(file->second) << "\n    " << h.snippet
        << '\n';
  }
  if (results->more > 0) {
    std::cerr << "protokoll: showing the best " << shown << " hits; " << (results->more_is_lower_bound ? "at least " : "")
              << results->more << " more (--limit N shows more)\n";
  } else if (hits->empty()) {
    std::cerr << "protokoll: no paragraph matches \"" << query.text << "\"; " << NothingFoundHint(db, query) << "\n";
  }
  return kExitOk;
}

}  // namespace protokoll::cli
