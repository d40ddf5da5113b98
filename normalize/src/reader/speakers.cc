// Speakers: who a paragraph reports, from the attendee list and the
// lexicon's reporting, proposal and seconding verbs (segment's shared
// attribution: full names, "Anders berättar", honorific + surname); the
// presenter of an item from a presenter field ("Föredragande: X").
#include <algorithm>

#include "protokoll/text.h"
#include "reader/generic_reader.h"
#include "segment/common.h"

namespace protokoll::reader {
namespace {

segment::SpeakerRules RulesFrom(const Lexicon& lexicon) {
  segment::SpeakerRules rules;
  for (auto key : {"verbs.report", "verbs.propose", "verbs.second"})
    for (const auto& verb : lexicon.Values(key))
      if (verb.find(' ') == std::string::npos && verb.back() != '*') rules.verbs.push_back(verb);
  for (auto key : {"roles.member", "field.chair"})
    for (const auto& role : lexicon.Values(key))
      if (role.find(' ') == std::string::npos) rules.honorifics.push_back(role);
  return rules;
}

}  // namespace

void ReadSpeakers(const ReaderContext& rc, Document& doc) {
  // The rules keep string_views into the lexicon, which lives for the program.
  static const segment::SpeakerRules combined = RulesFrom(CombinedLexicon());
  segment::WalkResult walk;
  for (auto& item : doc.items) {
    walk.in_decision.emplace_back(item.paragraphs.size(), false);
    walk.closing.emplace_back(item.paragraphs.size(), false);
    for (size_t p = 0; p < item.paragraphs.size(); ++p) {
      const std::string lower = ToLower(item.paragraphs[p].text.substr(0, 80));
      if (rc.combined->StartsWith("decision", lower)) walk.in_decision.back()[p] = true;
      if (rc.combined->StartsWith("presenter", lower) && item.presenters.empty()) {
        std::string value = item.paragraphs[p].text;
        const size_t colon = value.find(':');
        if (colon != std::string::npos && colon < 40) value = value.substr(colon + 1);
        for (const auto& piece : segment::SplitOn(value, ','))
          if (IsPersonName(piece)) {
            item.presenters.push_back(piece);
            break;
          }
      }
    }
  }
  segment::AttributeSpeakers(doc, walk, combined);
  segment::LearnRolesFromText(doc);
}

}  // namespace protokoll::reader
