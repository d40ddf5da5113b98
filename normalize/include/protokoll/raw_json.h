// RawDocument <-> compact JSON, so that the store can keep what ingest
// extracted and `reprocess` can derive again without the input file.
#pragma once

#include <string>
#include <string_view>

#include "protokoll/raw_document.h"
#include "protokoll/status.h"

namespace protokoll {

// Words are stored as arrays [text, x0, y0, x1, y1, font, size, flags, confidence]
// with fonts in a per-document table; numbers exact, so that deriving again
// gives exactly what was derived at ingest.
std::string RawDocumentToJson(const RawDocument& raw);
// kCorruption when the text is not what RawDocumentToJson wrote.
Result<RawDocument> RawDocumentFromJson(std::string_view json);

}  // namespace protokoll
