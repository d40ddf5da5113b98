// Segment picks the format with the most evidence and lets its module read
// the document; a document no format recognises keeps all its text as
// preamble paragraphs, so nothing is lost.
#include "protokoll/segment.h"

#include <string>

#include "segment/common.h"
#include "segment/formats.h"

namespace protokoll {
namespace segment {

std::span<const Format> KnownFormats() {
  static const Format kFormats[] = {
      {"motesanteckningar", DetectMotesanteckningar, ParseMotesanteckningar},
      {"paragraf-protokoll", DetectParagrafProtokoll, ParseParagrafProtokoll},
      {"english-minutes", DetectEnglishMinutes, ParseEnglishMinutes},
      {"finnish-poytakirja", DetectFinnishPoytakirja, ParseFinnishPoytakirja},
      {"danish-referat", DetectDanishReferat, ParseDanishReferat},
      {"norwegian-valgprotokoll", DetectNorwegianValgprotokoll, ParseNorwegianValgprotokoll},
      {"foreningsprotokoll", DetectForeningsprotokoll, ParseForeningsprotokoll},
  };
  return kFormats;
}

}  // namespace segment

void Segment(const LaidOutDocument& laid, const HyphenationContext& context, Logger* logger, Document& doc) {
  doc.metadata = Metadata{};
  doc.attendees.clear();
  doc.items.clear();
  doc.preamble.clear();
  doc.language.clear();

  LaidOutDocument merged = laid;
  merged.lines = segment::MergeSplitHeadings(laid.lines);

  const segment::Format* best = nullptr;
  int best_score = 0;
  for (const auto& format : segment::KnownFormats()) {
    int score = format.detect(merged.lines);
    if (score > best_score) best_score = score, best = &format;
  }
  if (best == nullptr) {
    if (logger) logger->Debug("segment: no known minutes format; all text kept as preamble");
    doc.preamble = segment::BuildBodyParagraphs(merged.lines, context);
    return;
  }
  if (logger) logger->Debug("segment: format " + std::string(best->name) + " (score " + std::to_string(best_score) + ")");
  best->parse(merged, context, doc);
}

}  // namespace protokoll
