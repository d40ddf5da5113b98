// Segment lets the publisher profile with the most evidence read the
// document; a document no profile recognises — the normal case — is read by
// the generic reader (reader/generic_reader.h) from the line labeller's
// labels and the word lists.
#include "protokoll/segment.h"

#include <algorithm>
#include <string>

#include "reader/generic_reader.h"
#include "reader/language_guess.h"
#include "reader/profile.h"
#include "reader/votes.h"
#include "segment/common.h"
#include "segment/formats.h"

namespace protokoll {
namespace segment {

std::span<const Format> KnownFormats() {
  // Sources per profile, from the git history and the file comments: the
  // documents each profile's rules were written from.
  static constexpr std::string_view kStockholm[] = {"se-region-stockholm"};
  static constexpr std::string_view kNykarleby[] = {"fi-nykarleby-sv"};
  static constexpr std::string_view kEnglish[] = {"us-city-bureau-chicago", "us-cleveland-city-record"};
  static constexpr std::string_view kLapua[] = {"fi-lapua"};
  static constexpr std::string_view kNordOdal[] = {"no-nord-odal-valgstyret"};
  static constexpr std::string_view kStenaldern[] = {"se-stenaldern-samfallighet"};
  static constexpr std::string_view kSv[] = {"sv"}, kEn[] = {"en"}, kFi[] = {"fi"},
                                    kNo[] = {"nb", "nn", "no"};
  static const Format kFormats[] = {
      {"motesanteckningar", DetectMotesanteckningar, ParseMotesanteckningar, kStockholm, kSv},
      {"paragraf-protokoll", DetectParagrafProtokoll, ParseParagrafProtokoll, kNykarleby, kSv},
      {"english-minutes", DetectEnglishMinutes, ParseEnglishMinutes, kEnglish, kEn, /*generic_competes=*/true},
      {"finnish-poytakirja", DetectFinnishPoytakirja, ParseFinnishPoytakirja, kLapua, kFi},
      {"norwegian-valgprotokoll", DetectNorwegianValgprotokoll, ParseNorwegianValgprotokoll, kNordOdal, kNo},
      {"foreningsprotokoll", DetectForeningsprotokoll, ParseForeningsprotokoll, kStenaldern, kSv},
  };
  return kFormats;
}

}  // namespace segment

std::vector<ProfileInfo> KnownProfiles() {
  std::vector<ProfileInfo> profiles;
  for (const auto& profile : reader::EmbeddedProfiles()) profiles.push_back({profile.name, profile.written_from});
  for (const auto& format : segment::KnownFormats()) {
    ProfileInfo info{std::string(format.name), {}};
    for (auto source : format.written_from) info.written_from.emplace_back(source);
    profiles.push_back(std::move(info));
  }
  return profiles;
}

namespace {

bool OtherLanguage(const segment::Format& format, const std::string& language) {
  if (language.empty()) return false;
  return std::find(format.languages.begin(), format.languages.end(), language) == format.languages.end();
}

bool Excluded(const segment::Format& format, const SegmentOptions& options) {
  for (auto source : format.written_from)
    if (std::find(options.excluded_sources.begin(), options.excluded_sources.end(), source) !=
        options.excluded_sources.end())
      return true;
  return false;
}

}  // namespace

namespace {

// What a format module left empty, the generic reader may know: its date,
// body, officers, place and times, and its attendees when the module found
// none. Items stay the module's. Run only when the date, the body or the
// attendees are missing (the labeller's pass costs CPU).
void FillGaps(const LaidOutDocument& merged, const SegmentOptions& options, Document& doc) {
  Metadata& m = doc.metadata;
  if (m.date && m.body && !doc.attendees.empty()) return;
  // The head and the end (signatures) of a long document hold what is
  // missing; reading only them bounds the labeller's cost.
  constexpr size_t kHeadLines = 200, kTailLines = 80;
  LaidOutDocument part;
  part.pages = merged.pages;
  part.body_font_size = merged.body_font_size;
  part.body_left = merged.body_left;
  const auto& lines = merged.lines;
  if (lines.size() <= kHeadLines + kTailLines) {
    part.lines = lines;
  } else {
    part.lines.assign(lines.begin(), lines.begin() + kHeadLines);
    part.lines.insert(part.lines.end(), lines.end() - kTailLines, lines.end());
  }
  Document generic;
  generic.language = doc.language;
  reader::ReadHeadOnly(part, options.labeller, generic);
  const Metadata& g = generic.metadata;
  for (auto field : {&Metadata::date, &Metadata::body, &Metadata::start_time, &Metadata::end_time, &Metadata::place,
                     &Metadata::chair, &Metadata::secretary, &Metadata::next_meeting})
    if (!(m.*field) && (g.*field)) m.*field = g.*field;
  // One name alone is weak evidence of a list (a notice's "Brf Solgläntan").
  if (doc.attendees.empty() && generic.attendees.size() >= 2) doc.attendees = std::move(generic.attendees);
}

// The generic reader's reading replaces a broad module's when it finds half
// as many items again and at least three more (a module that matched the
// document's words but not its outline).
bool GenericReadsMore(const LaidOutDocument& merged, const HyphenationContext& context, const SegmentOptions& options,
                      Document& doc) {
  const size_t module_items = doc.items.size();
  auto reads_more = [&](size_t generic_items) {
    return generic_items * 2 >= module_items * 3 && generic_items >= module_items + 3;
  };
  // A layout-only reading first (no labeller pass): where even the outline
  // it finds is no richer, the labeller's reading is not tried.
  Document probe;
  probe.language = doc.language;
  reader::ReadGeneric(merged, context, nullptr, probe);
  if (!reads_more(probe.items.size())) return false;
  Document generic;
  generic.language = doc.language;
  reader::ReadGeneric(merged, context, options.labeller, generic);
  if (!reads_more(generic.items.size())) return false;
  doc.metadata = std::move(generic.metadata);
  doc.attendees = std::move(generic.attendees);
  doc.items = std::move(generic.items);
  doc.preamble = std::move(generic.preamble);
  return true;
}

void SegmentStructure(const LaidOutDocument& laid, const HyphenationContext& context, Logger* logger, Document& doc,
                      const SegmentOptions& options) {
  const std::string language = doc.language;
  doc.metadata = Metadata{};
  doc.attendees.clear();
  doc.items.clear();
  doc.preamble.clear();

  LaidOutDocument merged = laid;
  merged.lines = segment::MergeSplitHeadings(laid.lines);

  // A publisher profile (data) first: it refines the generic reader.
  if (options.use_profiles)
    if (const reader::Profile* profile = reader::MatchProfile(merged.lines, options.excluded_sources)) {
      doc.language = language.empty() ? reader::GuessLanguageFromWords(merged.lines) : language;
      if (logger) logger->Debug("segment: generic reader with profile " + profile->name);
      reader::ReadGeneric(merged, context, options.labeller, doc, profile);
      return;
    }
  const segment::Format* best = nullptr;
  int best_score = 0;
  for (const auto& format : segment::KnownFormats()) {
    if (!options.use_profiles || Excluded(format, options) || OtherLanguage(format, language)) continue;
    int score = format.detect(merged.lines);
    if (score > best_score) best_score = score, best = &format;
  }
  if (best != nullptr) {
    if (logger) logger->Debug("segment: profile " + std::string(best->name) + " (score " + std::to_string(best_score) + ")");
    best->parse(merged, context, doc);
    if (doc.language.empty()) doc.language = language;
    // A profile that recognised the document but found no item read it
    // wrongly: the generic reader does better than a preamble.
    if (!doc.items.empty()) {
      // Fewer items than pages: the module may have missed the outline. The
      // second reading costs CPU, so only where it found few and on minutes
      // of ordinary length (a 48-page city record keeps the module's).
      constexpr size_t kCompetingPages = 30;
      const bool sparse = doc.items.size() < merged.pages.size() && merged.pages.size() <= kCompetingPages;
      if (best->generic_competes && sparse && options.generic_reader && GenericReadsMore(merged, context, options, doc))
        return;
      if (options.generic_reader) FillGaps(merged, options, doc);
      return;
    }
    if (logger) logger->Debug("segment: profile " + std::string(best->name) + " found no item; generic reader");
    doc.metadata = Metadata{};
    doc.attendees.clear();
    doc.preamble.clear();
  }
  doc.language = language.empty() ? reader::GuessLanguageFromWords(merged.lines) : language;
  if (!options.generic_reader) {
    doc.preamble = segment::BuildBodyParagraphs(merged.lines, context);
    return;
  }
  if (logger) logger->Debug("segment: generic reader (language " + doc.language + ")");
  reader::ReadGeneric(merged, context, options.labeller, doc);
}

}  // namespace

void Segment(const LaidOutDocument& laid, const HyphenationContext& context, Logger* logger, Document& doc,
             const SegmentOptions& options) {
  SegmentStructure(laid, context, logger, doc, options);
  reader::ReadDecisionOutcomes(doc);
}

}  // namespace protokoll
