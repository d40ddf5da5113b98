// The derivation from RawDocument to Document in one call: LayOut, Segment,
// the normalized text. Used by `extract`, `ingest` and `reprocess`.
#pragma once

#include "protokoll/logger.h"
#include "protokoll/paragraphs.h"
#include "protokoll/raw_document.h"
#include "protokoll/record.h"
#include "protokoll/segment.h"

namespace protokoll {

// Thread safety: reentrant. `dictionary` may be null (no dictionary evidence).
Document DeriveDocument(const RawDocument& raw, const Dictionary* dictionary, Logger* logger);
// The same with segment options (profiles off, another labeller: the evaluation).
Document DeriveDocument(const RawDocument& raw, const Dictionary* dictionary, Logger* logger,
                        const SegmentOptions& options);

}  // namespace protokoll
