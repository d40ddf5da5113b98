// Training data for the line labeller from annotated documents: the gold
// facts of a document (its items, attendees, metadata, as a person wrote them
// from the page) are aligned with its laid-out lines to give each line a
// label. This is how the gold set in tests/data/gold becomes the labeller's
// training data without labelling thousands of lines by hand.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "protokoll/labeller.h"
#include "protokoll/layout.h"

namespace protokoll {

struct DocumentFacts {
  std::vector<std::pair<std::string, std::string>> items;  // number, title
  std::vector<std::string> attendees;                      // natural-order names
  std::optional<std::string> date, start_time, place, reference, body, chair, secretary;
};

// The lines the segment stage reads (headings split over blocks joined), the
// same the labeller is applied to at run time.
LaidOutDocument LinesForSegment(const LaidOutDocument& laid);

// One LineLabel per line of `lines` (LinesForSegment's output): item headings
// by a monotone alignment of the gold items (an earlier mention of an item's
// title is a contents entry), attendance lines by the names they hold,
// metadata and title lines in the head by the facts they print, signature
// lines after the last item by the officers' names.
std::vector<LineLabel> LabelLinesFromFacts(const LaidOutDocument& lines, const DocumentFacts& facts);

}  // namespace protokoll
