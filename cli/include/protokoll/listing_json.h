// The JSON objects of `list`, `search`, `failures` and `stats --json`, one
// object each, shared by the command line and `serve`'s /api/ so that both
// say the same thing in the same shape.
#pragma once

#include <string>

#include "protokoll/store.h"

namespace protokoll {

// "text", "ocr", "mixed" or "-" from a summary's page counts.
std::string MethodOf(const DocumentSummary& d);

// {"id", "date", "reference", "body", "title", "pages", "method", "file",
//  "ingested_at", "pipeline_version", "language"}
std::string SummaryToJson(const DocumentSummary& d);
// {"id", "date", "reference", "item_number", "item_title", "page", "speaker",
//  "file", "snippet", "score"}
std::string HitToJson(const SearchHit& h, const std::string& file);
// {"path", "sha256" (null when unread), "code", "message", "recorded_at"}
std::string FailureToJson(const FailureRecord& f);
// {"documents", "pages_text", "pages_ocr", "items", "paragraphs", "speakers", "failures", "db_bytes"}
std::string StatsToJson(const StoreStats& s);

}  // namespace protokoll
