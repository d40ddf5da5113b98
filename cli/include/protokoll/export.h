// `protokoll export`: stored documents as JSON Lines, Parla-CLARIN TEI or
// CSV, streamed one document at a time to a sink.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/csv.h"
#include "protokoll/status.h"
#include "protokoll/store.h"

namespace protokoll {

enum class ExportFormat { kJsonl, kTei, kCsv };

struct ExportOptions {
  ExportFormat format = ExportFormat::kJsonl;
  CsvTable table = CsvTable::kDocuments;  // with kCsv
  std::vector<std::string> ids;           // full ids, in this order; empty: every stored document
  // Meeting date on or after (ISO date); a document without a date is left out.
  std::optional<std::string> since;
  // Ingested on or after (ISO date or date-time, UTC).
  std::optional<std::string> ingested_since;
};

// Writes the export to `sink` (false from the sink stops it) and returns
// how many documents it wrote. Without ids, documents come in order of
// ingestion. Callers validate the dates and resolve the ids first, so that a
// mistake never leaves half an export. A TEI export of no document writes
// nothing (a <teiCorpus> must hold a <TEI>); CSV always has its header row.
// kDbError when the store fails; kInvalidArgument when the output closes.
Result<size_t> RunExport(Store& store, const ExportOptions& options,
                         const std::function<bool(std::string_view)>& sink);

}  // namespace protokoll
