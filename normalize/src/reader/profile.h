// Publisher profiles as data (normalize/profiles/*.txt, compiled in): what
// the generic reader should know of one publisher's minutes that its model
// and word lists cannot — the markers that recognise them, which numbering
// shapes open items, a body the pages never print in full. A new format is
// one such file; no C++.
//
//   name = langasand-byalag
//   written_from = se-langasand-byalag        # corpus sources it was written from
//   detect = långasands byalag | ...          # any of these (lower case) in the first 60 lines
//   headings = section | dotted               # shapes from the numbering library (numbering.h):
//                                             # dotted bare section keyword decimal roman letter case
//   unnumbered_headings = no                  # typographic headings without a number open items
//   body = Långasands Byalag                  # optional: the body when the page does not print it
//   language = sv                             # optional
#pragma once

#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "protokoll/layout.h"
#include "protokoll/status.h"
#include "reader/numbering.h"

namespace protokoll::reader {

struct Profile {
  std::string name;
  std::vector<std::string> written_from, detect;
  std::set<NumberShape> heading_shapes;  // empty: any shape
  bool unnumbered_headings = true;
  std::optional<std::string> body, language;
};

Result<Profile> ParseProfile(std::string_view text);
// The compiled-in profiles, parsed once. Thread-safe.
const std::vector<Profile>& EmbeddedProfiles();
// The first profile whose markers occur in the document's first lines and
// whose sources are not excluded; null when none (the normal case).
const Profile* MatchProfile(std::span<const TextLine> lines, const std::vector<std::string>& excluded_sources);

}  // namespace protokoll::reader
