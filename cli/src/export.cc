#include "protokoll/export.h"

#include <map>

#include "protokoll/corrections.h"
#include "protokoll/record_json.h"
#include "protokoll/tei.h"

namespace protokoll {
namespace {

Status OutputClosed() { return Status(ErrorCode::kInvalidArgument, "output closed"); }

bool Selected(const Document& doc, const ExportOptions& o) {
  if (!o.since) return true;
  return doc.metadata.date && *doc.metadata.date >= *o.since;
}

}  // namespace

Result<size_t> RunExport(Store& store, const ExportOptions& options,
                         const std::function<bool(std::string_view)>& sink) {
  TeiCorpusWriter tei(sink);
  size_t written = 0;
  // The stored records carry the corrections; JSON also marks the records corrected.
  std::map<std::string, std::vector<std::string>> corrected;
  if (options.format == ExportFormat::kJsonl) {
    auto corrections = LoadCorrections(store);
    if (!corrections.ok()) return corrections.status();
    for (const auto& c : *corrections)
      if (c.active()) corrected[c.document].push_back(c.field);
  }
  Status emitted;  // the first failure while writing a document
  auto emit = [&](const Document& doc) {
    if (!Selected(doc, options)) return true;
    switch (options.format) {
      case ExportFormat::kJsonl:
        if (auto marks = corrected.find(doc.id); marks != corrected.end()) {
          if (!sink(MarkCorrected(DocumentToJson(doc), marks->second) + "\n")) emitted = OutputClosed();
        } else if (!sink(DocumentToJson(doc) + "\n")) {
          emitted = OutputClosed();
        }
        break;
      case ExportFormat::kCsv:
        if (!sink(DocumentToCsv(doc, options.table))) emitted = OutputClosed();
        break;
      case ExportFormat::kTei:
        if (written == 0) emitted = tei.Begin();  // only once there is a document to hold
        if (emitted.ok()) emitted = tei.Add(doc);
        break;
    }
    if (emitted.ok()) ++written;
    return emitted.ok();
  };

  if (options.format == ExportFormat::kCsv && !sink(CsvHeader(options.table))) return OutputClosed();
  Status s;
  if (!options.ids.empty()) {
    for (const auto& id : options.ids) {
      auto doc = store.Get(id);
      if (!doc.ok()) {
        s = doc.status();
        break;
      }
      if (!emit(*doc)) break;
    }
  } else {
    s = store.ForEachDocument(options.ingested_since, emit);
  }
  // A TEI export is closed even after a failure, so what was written stays well-formed.
  Status end = options.format == ExportFormat::kTei && written > 0 ? tei.End() : Status::Ok();
  if (!s.ok()) return s;
  if (!emitted.ok()) return emitted;
  if (!end.ok()) return end;
  return written;
}

}  // namespace protokoll
