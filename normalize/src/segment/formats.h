// The minutes formats segment knows. Each is a small module: how to
// recognise it (a score) and how to read its title page and items with the
// shared machinery of common.h. A new council's format is one more entry.
#pragma once

#include <span>
#include <string_view>

#include "protokoll/layout.h"
#include "protokoll/paragraphs.h"
#include "protokoll/record.h"

namespace protokoll::segment {

struct Format {
  std::string_view name;
  // 0: not this format; higher: more evidence.
  int (*detect)(std::span<const TextLine> lines);
  // Fills metadata, attendees, items, preamble, language.
  void (*parse)(const LaidOutDocument& laid, const HyphenationContext& context, Document& doc);
  // The corpus sources (../shared/corpus folders) its rules were written
  // from: switched off when one of them is under test (bench/segment_eval --loso).
  std::span<const std::string_view> written_from;
  // The languages of its documents: a profile does not claim a document the
  // language stage identified as another language (a Swedish association's
  // rules on Norwegian minutes).
  std::span<const std::string_view> languages;
  // Its detection claims documents well beyond the publishers it was
  // written from ("Minutes" and "Present:" in any English minutes): its
  // reading is checked against the generic reader's, which wins when it finds
  // clearly more items.
  bool generic_competes = false;
};

// Region Stockholm "MÖTESANTECKNINGAR": numbered items, presenter lines,
// attendees grouped by organisation.
int DetectMotesanteckningar(std::span<const TextLine> lines);
void ParseMotesanteckningar(const LaidOutDocument& laid, const HyphenationContext& context, Document& doc);

// Finland-Swedish municipal §-protokoll (Nykarleby): cover page form,
// "[X]" attendance, "39 § Title" items, "<Organ>s beslut:" decisions.
int DetectParagrafProtokoll(std::span<const TextLine> lines);
void ParseParagrafProtokoll(const LaidOutDocument& laid, const HyphenationContext& context, Document& doc);

// English council minutes: "Present:", "1. Title", "RESOLVED:".
int DetectEnglishMinutes(std::span<const TextLine> lines);
void ParseEnglishMinutes(const LaidOutDocument& laid, const HyphenationContext& context, Document& doc);

// Swedish association minutes (samfällighet, förening): the association's
// name on top, "Närvarande:"/"Frånvarande:", numbered points, "Dagordning"
// and "Noteringar", "Vid protokollet"/"Justeras" (format_forening.cc).
int DetectForeningsprotokoll(std::span<const TextLine> lines);
void ParseForeningsprotokoll(const LaidOutDocument& laid, const HyphenationContext& context, Document& doc);

// Finnish municipal pöytäkirja (Lapua): running header with organ and
// reference, "Aika"/"Paikka", "Saapuvilla olleet jäsenet", "§ 96 Title",
// "Päätös" (rules at the top of format_finnish.cc).
int DetectFinnishPoytakirja(std::span<const TextLine> lines);
void ParseFinnishPoytakirja(const LaidOutDocument& laid, const HyphenationContext& context, Document& doc);

// Norwegian valgprotokoll (EVA): "A1 Valgstyret" form sections, members
// table, date from the running footer (rules at the top of
// format_norwegian.cc).
int DetectNorwegianValgprotokoll(std::span<const TextLine> lines);
void ParseNorwegianValgprotokoll(const LaidOutDocument& laid, const HyphenationContext& context, Document& doc);

std::span<const Format> KnownFormats();

}  // namespace protokoll::segment
