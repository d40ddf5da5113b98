// The generic reader: the whole skeleton of a minutes document — title
// block and metadata, attendance, items, presenters, speakers, decisions,
// signatures, next meeting — for any publisher and language, from the line
// labeller's labels, the numbering library and the word lists. Profiles
// (segment/formats.h) only add what is peculiar to one publisher; a document
// no profile matches is read here, which is the normal case.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "protokoll/labeller.h"
#include "protokoll/layout.h"
#include "protokoll/paragraphs.h"
#include "protokoll/record.h"
#include "reader/lexicon.h"
#include "reader/numbering.h"
#include "reader/profile.h"

namespace protokoll::reader {

// What the reader knows of each line: the labeller's probabilities (or,
// without a model, layout-only estimates) and the numbering parsed once.
struct LineView {
  const TextLine* line = nullptr;
  std::optional<ItemNumber> number;  // the numbering the line opens with
  float p[kLineLabelCount] = {};
  float P(LineLabel label) const { return p[static_cast<int>(label)]; }
  LineLabel Best() const;
};

// An item heading found through the contents list, with the number the
// contents give it (the heading's own may be garbled or missing).
struct GuidedHeading {
  size_t line = 0;
  std::string number;
  std::string title;  // the contents entry's title, folded (reader/fuzzy.h)
};

struct ReaderContext {
  const LaidOutDocument* laid = nullptr;
  std::vector<LineView> views;  // one per laid->lines
  const Lexicon* language = nullptr;  // the document language's list, or the combined one
  const Lexicon* combined = nullptr;
  bool month_first = false;  // US dates "4/10/2025"
  const Profile* profile = nullptr;  // the publisher's profile, null in the normal case
  std::vector<GuidedHeading> guided;  // from the contents list; empty when it gives no guide
  double text_right = 0;  // where full lines of text end (the 90th percentile of right edges)
  // Spelling of the document's language (null: unknown, rules that need it
  // are skipped); with `dictionary_language` ("da"; "" for the default pair).
  const Dictionary* dictionary = nullptr;
  std::string dictionary_language;
};

// Every line's numbering (reader/line_features.cc), and the labeller's
// features given them: parsed once, used by the features and the decoders.
std::vector<std::optional<ItemNumber>> ParseNumbers(const LaidOutDocument& laid, const Lexicon& lexicon);
std::vector<float> LineFeatures(const LaidOutDocument& laid, const std::vector<std::optional<ItemNumber>>& numbers);

// Labels every line (with `labeller`, or layout-only without one).
ReaderContext MakeContext(const LaidOutDocument& laid, const LineLabeller* labeller, const std::string& language,
                          const Profile* profile = nullptr);

// Fills doc.metadata, attendees, items, preamble (doc.language is read).
void ReadGeneric(const LaidOutDocument& laid, const HyphenationContext& context, const LineLabeller* labeller,
                 Document& doc, const Profile* profile = nullptr);

// Metadata and attendees only (no items, paragraphs or speakers): what a
// format module's reading lacks is filled from this (segment.cc).
void ReadHeadOnly(const LaidOutDocument& laid, const LineLabeller* labeller, Document& doc);

// The parts, each in its own file.
// Headings named by the document's contents list (reader/contents.cc).
std::vector<GuidedHeading> HeadingsFromContents(const ReaderContext& rc);
// Indices of the lines that open items (reader/items.cc).
std::vector<size_t> FindHeadings(const ReaderContext& rc);
// Section headings set in capitals, spread through the document and not the
// template of every numbered item in `run` (reader/sections.cc).
std::vector<size_t> CapitalsSections(const ReaderContext& rc, const std::vector<size_t>& run);
// Under each section, the lines numbered 1, 2, 3… (or A, B, C…) afresh.
std::vector<size_t> SubItemsUnder(const ReaderContext& rc, const std::vector<size_t>& sections);
// Under each member of the numbered run, its sub-items "5a", "5b" / "5.1",
// "5.2" in sequence (reader/sections.cc).
std::vector<size_t> SubItemsOfRun(const ReaderContext& rc, const std::vector<size_t>& run);
// Items, their paragraphs and decisions, and the preamble (reader/items.cc).
void BuildItems(const ReaderContext& rc, const std::vector<size_t>& headings, const HyphenationContext& context,
                Document& doc);
// Metadata fields from labels, field words, prose and signatures (reader/metadata.cc).
void ReadMetadata(const ReaderContext& rc, const std::vector<size_t>& headings, Document& doc);
// Attendees from attendance lines (reader/attendees.cc).
void ReadAttendees(const ReaderContext& rc, const std::vector<size_t>& headings, Document& doc);
// Puts surname-first names the way the document prints them elsewhere (reader/attendees.cc).
void NameOrderFromDocument(const ReaderContext& rc, Document& doc);
// Presenters, speakers of paragraphs, votes (reader/speakers.cc).
void ReadSpeakers(const ReaderContext& rc, Document& doc);

// Shared helpers.
// "Kari Nordmann" / "Anna-Lena von Berg": two to five capitalised words.
bool IsPersonName(std::string_view text);
// The text after a field label ("Plats: Lokal 3" -> "Lokal 3"), "" when the
// line is the label only. `lower` is the line lower-cased.
std::string ValueAfterLabel(const TextLine& line, const Lexicon& lexicon, std::string_view key);

}  // namespace protokoll::reader
