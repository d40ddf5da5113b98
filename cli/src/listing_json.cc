#include "protokoll/listing_json.h"

#include <nlohmann/json.hpp>

namespace protokoll {
namespace {
using nlohmann::ordered_json;

ordered_json OrNull(const std::optional<std::string>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }
// Invalid UTF-8 (a damaged file name) is replaced, never thrown on.
std::string Dump(const ordered_json& j) { return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace); }

}  // namespace

std::string MethodOf(const DocumentSummary& d) {
  if (d.pages_text > 0 && d.pages_ocr > 0) return "mixed";
  if (d.pages_ocr > 0) return "ocr";
  if (d.pages_text > 0) return "text";
  return "-";
}

std::string SummaryToJson(const DocumentSummary& d) {
  return Dump({{"id", d.id}, {"date", OrNull(d.date)}, {"reference", OrNull(d.reference)},
               {"body", OrNull(d.body)}, {"title", OrNull(d.title)}, {"pages", d.pages},
               {"method", MethodOf(d)}, {"file", d.file}, {"ingested_at", d.ingested_at},
               {"pipeline_version", d.pipeline_version}, {"language", OrNull(d.language)}});
}

std::string HitToJson(const SearchHit& h, const std::string& file) {
  return Dump({{"id", h.doc_id}, {"date", OrNull(h.date)}, {"reference", OrNull(h.reference)},
               {"item_number", OrNull(h.item_number)}, {"item_title", OrNull(h.item_title)},
               {"page", h.page}, {"speaker", OrNull(h.speaker)}, {"file", file},
               {"snippet", h.snippet}, {"score", h.score}});
}

std::string FailureToJson(const FailureRecord& f) {
  return Dump({{"path", f.path}, {"sha256", f.sha256.empty() ? ordered_json(nullptr) : ordered_json(f.sha256)},
               {"code", f.code}, {"message", f.message}, {"recorded_at", f.recorded_at}});
}

std::string StatsToJson(const StoreStats& s) {
  return Dump({{"documents", s.documents}, {"pages_text", s.pages_text}, {"pages_ocr", s.pages_ocr},
               {"items", s.items}, {"paragraphs", s.paragraphs}, {"speakers", s.speakers},
               {"failures", s.failures}, {"db_bytes", s.db_bytes}});
}

}  // namespace protokoll
