// Decisions' outcomes, printed votes and dissent, from the word lists
// (outcome.*, vote.*, dissent): "Motion carried 5-0", "Ayes: A, B, C. Noes:
// None.", "7 for, 2 imod, 1 undlod", "enhälligt", "X reserverar sig". Runs
// over every document, whichever reader made its items. A paragraph that
// records a vote or an outcome in an item without decisions becomes one.
#pragma once

#include "protokoll/record.h"

namespace protokoll::reader {

void ReadDecisionOutcomes(Document& doc);

}  // namespace protokoll::reader
