// segment internals shared by the per-format modules: text helpers, dates
// and times, rows of the title page, attendee names, the item walker and
// speaker attribution. Nothing here is format-specific; the formats pass
// their rules in (see formats.h).
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/layout.h"
#include "protokoll/logger.h"
#include "protokoll/paragraphs.h"
#include "protokoll/record.h"

namespace protokoll::segment {

// ---- text ----
std::string_view Trim(std::string_view s);
bool StartsWithNoCase(std::string_view s, std::string_view prefix);  // prefix is ASCII or lower-case
bool StartsUpperLetter(std::string_view s);
bool StartsLowerLetter(std::string_view s);
std::vector<std::string> SplitWords(std::string_view s);
std::vector<std::string> SplitOn(std::string_view s, char sep);  // trimmed, empties dropped
bool EndsWithAny(std::string_view s, std::string_view chars);
// "_____", "-----": a rule that closes a decision in §-protokoll.
bool IsRuleLine(std::string_view s);
// A table-of-contents entry: dotted leaders ("Title ........ 3").
bool HasDottedLeaders(std::string_view s);
// A printed page label standing alone: "1 (5)", "Sida 2", "Page 2 of 3".
bool IsPageLabelLine(std::string_view s);
// Joins lines of a title or field value, repairing line-end hyphens.
std::string JoinLines(const std::vector<std::string>& lines, const HyphenationContext& context);

// ---- dates and times ----
struct DateParts {
  int year = 0, month = 0, day = 0;  // year 0: not printed
  std::string Iso() const;           // "2025-04-10"; REQUIRES year != 0
};
// The first date in `text`: "10 april 2025", "Torsdagen den 10 april",
// "28.3.2023", "2025-04-10", "March 4, 2025", "4 March 2025". A date without
// a year takes `default_year` (0: the date is rejected).
std::optional<DateParts> FindDate(std::string_view text, int default_year = 0);
struct TimeSpan {
  std::optional<std::string> start, end;  // "HH:MM"
};
// Times after the dates are taken out: "Kl. 13:00-14:30", "kl. 15.02–16.55",
// "7:00 p.m.".
TimeSpan FindTimes(std::string_view text);

// ---- title-page rows ----
// Lines on one baseline of one page, left to right: the extractor gives a
// two-column form ("Organ" | "Personalsektionen") as separate blocks.
struct Row {
  std::vector<const TextLine*> cells;
  std::string Text() const;  // the cells joined by one space
  const TextLine& First() const { return *cells.front(); }
  // The cells after the first, joined ("" when the row has one cell).
  std::string Rest() const;
};
std::vector<Row> BuildRows(std::span<const TextLine> lines);

// ---- people ----
// "Karin Nilsson (länk)" -> remote; markers removed from `text`.
bool TakeRemoteMarker(std::string& text);
// Two to five words, each capitalized (particles such as "von" allowed), no digits.
bool LooksLikePersonName(std::string_view text);
// The first word of a name ("Sven Erik Wånell" -> "Sven").
std::string FirstName(std::string_view name);
std::string LastName(std::string_view name);
// "Frostdahl-Blomqvist Siw" -> "Siw Frostdahl-Blomqvist".
std::string SurnameFirstToNatural(std::string_view name);
// Index of the attendee a printed name refers to (full name, or a unique
// first name when `allow_first_name`), or -1.
int FindAttendee(const std::vector<Attendee>& attendees, std::string_view printed, bool allow_first_name);
// Splits "Marika Holmberg Tobias Wik" into known attendee names; unknown
// text becomes names of two words each.
std::vector<std::string> SplitNameRun(std::string_view text, const std::vector<Attendee>& attendees);

// ---- items ----
struct Heading {
  std::string number, title;
};

// Index of the first line that opens an item (lines.size() when none).
size_t FirstHeading(std::span<const TextLine> lines,
                    const std::function<bool(const TextLine&, int, Heading&)>& is_heading);

// What a format tells the item walker.
struct ItemRules {
  // The line opens an item: number and first title line. `expected` is the
  // previous item's number (0 before the first item) for sequence checks.
  std::function<bool(const TextLine&, int previous_number, Heading&)> heading;
  // The line opens a decision ("Välfärdsnämndens beslut:", "RESOLVED:").
  // `inline_text` receives decision text printed on the marker line itself.
  std::function<bool(std::string_view, std::string& inline_text)> decision_marker;
  // The line opens another section of an item ("Förslag:", "Behandling:"),
  // which also ends a decision.
  std::function<bool(const TextLine&)> section_marker;
  // A decision runs to the end of its paragraph (English) instead of to the
  // next marker or rule line (§-protokoll).
  bool decision_is_one_paragraph = false;
  // "Föredragande: socialdirektör Annika Back" -> "Annika Back".
  std::function<std::optional<std::string>(std::string_view)> presenter_field;
  // A presenter may be printed alone on the line after the title (Region Stockholm).
  bool presenter_line_after_title = false;
  // The signature block: "Vid anteckningarna" + name. Returns true and the
  // role ("secretary") when the line opens it.
  std::function<bool(std::string_view)> secretary_marker;
};

struct WalkResult {
  // Paragraphs in decision sections, per item: these report the body's
  // decision, not a person.
  std::vector<std::vector<bool>> in_decision;
  std::vector<std::vector<bool>> closing;  // after the signature block
};

// Splits `lines` (from the first heading on) into doc.items.
WalkResult WalkItems(std::span<const TextLine> lines, const ItemRules& rules, const HyphenationContext& context,
                     Document& doc);

// Paragraphs from a run of body lines; also splits off short unpunctuated
// lead-in lines ("Rådets fråga angående status") that BuildParagraphs keeps
// with the following sentence when they share a font.
std::vector<Paragraph> BuildBodyParagraphs(std::span<const TextLine> lines, const HyphenationContext& context);

// A heading number printed as its own block ("4." | "Title", "1§" | "Title")
// joined to the title on its baseline, so that headings are one line.
std::vector<TextLine> MergeSplitHeadings(std::span<const TextLine> lines);

// ---- speakers ----
struct SpeakerRules {
  std::vector<std::string_view> verbs;   // lower case: "berättar", "said"
  std::vector<std::string_view> bodies;  // as printed: "Rådet", "Ordföranden"
  std::vector<std::string_view> honorifics;  // "Councillor", "Cllr", "Mr."
};
// Who a paragraph's opening names, resolved to an attendee where possible.
std::optional<std::string> ExplicitSpeaker(std::string_view text, const std::vector<Attendee>& attendees,
                                           const SpeakerRules& rules);
// Fills speaker/speaker_source of every item paragraph (see CONTRACT.md).
void AttributeSpeakers(Document& doc, const WalkResult& walk, const SpeakerRules& rules);
// "Anders Ahlsson, hälso- och sjukvårdsdirektör, öppnar" gives the role of an attendee without one.
void LearnRolesFromText(Document& doc);

// Next meeting from a line that announces it, with the meeting's year as default.
void FindNextMeeting(std::span<const TextLine> lines, const std::vector<std::string_view>& openers, Document& doc);

}  // namespace protokoll::segment

namespace protokoll::segment {
// Reporting verbs and speaking bodies, per language.
const SpeakerRules& SwedishSpeakerRules();
const SpeakerRules& EnglishSpeakerRules();
}  // namespace protokoll::segment
