// segment: the structure of a minutes document from its laid-out lines:
// metadata, attendees, agenda items with presenters, speakers, decisions.
#pragma once

#include <string>
#include <vector>

#include "protokoll/labeller.h"
#include "protokoll/layout.h"
#include "protokoll/logger.h"
#include "protokoll/paragraphs.h"
#include "protokoll/record.h"

namespace protokoll {

struct SegmentOptions {
  // The line labeller the generic reader uses; null: layout-only estimates.
  const LineLabeller* labeller = LineLabeller::Builtin();
  // Publisher profiles (segment/formats.h). Off: every document is read by
  // the generic reader alone.
  bool use_profiles = true;
  // Profiles written from these corpus sources are switched off (the
  // leave-one-source-out evaluation: the source under test contributes nothing).
  std::vector<std::string> excluded_sources;
  // Off: a document no profile matches keeps its text as preamble paragraphs
  // only (how protokoll worked before the generic reader; for before/after figures).
  bool generic_reader = true;
};

// Fills doc.metadata, attendees, items, preamble from `laid` (doc.pages and
// the source fields are left as they are). doc.language, when already set
// (the language stage), chooses the word lists; a profile may refine it.
// Thread safety: reentrant; `context` and `logger` are only read/used.
void Segment(const LaidOutDocument& laid, const HyphenationContext& context, Logger* logger,
             Document& doc, const SegmentOptions& options = {});

// The names of the publisher profiles and the corpus sources each was
// written from, for the evaluation and the notes.
struct ProfileInfo {
  std::string name;
  std::vector<std::string> written_from;
};
std::vector<ProfileInfo> KnownProfiles();

}  // namespace protokoll
