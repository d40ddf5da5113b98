// segment: the structure of a minutes document from its laid-out lines:
// metadata, attendees, agenda items with presenters, speakers, decisions.
#pragma once

#include "protokoll/layout.h"
#include "protokoll/logger.h"
#include "protokoll/paragraphs.h"
#include "protokoll/record.h"

namespace protokoll {

// Fills doc.metadata, attendees, items, preamble and language from `laid`
// (doc.pages and the source fields are left as they are).
// Thread safety: reentrant; `context` and `logger` are only read/used.
void Segment(const LaidOutDocument& laid, const HyphenationContext& context, Logger* logger,
             Document& doc);

}  // namespace protokoll
