// Gold facts to line labels (see labeller_training.h). Matching is on folded
// text (case, accents and punctuation away) so that a title written from the
// page matches the text layer's line whatever its typography.
#include <algorithm>

#include "protokoll/labeller_training.h"
#include "protokoll/text.h"
#include "reader/dates.h"
#include "reader/fuzzy.h"
#include "reader/lexicon.h"
#include "reader/numbering.h"
#include "segment/common.h"

namespace protokoll {
namespace {

using reader::Fold;

bool Contains(const std::string& haystack, const std::string& needle) {
  return !needle.empty() && haystack.find(needle) != std::string::npos;
}

struct LineText {
  std::string folded, title_folded, number;
  bool numbered = false;
};

// A contents entry's dotted leaders ("Title ........ 3"): never a heading.
bool HasLeaders(std::string_view text) {
  return text.find("....") != std::string_view::npos || text.find(". . .") != std::string_view::npos ||
         text.find("\u2026\u2026") != std::string_view::npos;
}

// The line matches the item: its text (without its number) opens the title
// or the title opens it, or (OCR'd or garbled) most of the title's words are
// on the line and little else; a printed number must agree (or start with
// the gold number: "118" is an OCR'd "11 §").
bool MatchesItem(const LineText& line, const std::string& number, const std::string& title) {
  if (line.numbered && !number.empty() && line.number != number && line.number.rfind(number, 0) != 0) return false;
  const std::string& text = line.title_folded;
  if (text.empty()) return false;
  if (title.empty()) return line.numbered && line.number == number;
  if (line.number == number || !line.numbered) return reader::SameTitle(text, title);
  // Another printed number (OCR): the words must carry it.
  return reader::MostWordsMatch(text, title);
}

}  // namespace

LaidOutDocument LinesForSegment(const LaidOutDocument& laid) {
  LaidOutDocument merged = laid;
  merged.lines = segment::MergeSplitHeadings(laid.lines);
  return merged;
}

std::vector<LineLabel> LabelLinesFromFacts(const LaidOutDocument& laid, const DocumentFacts& facts) {
  const auto& lines = laid.lines;
  const auto& lexicon = reader::CombinedLexicon();
  std::vector<LineLabel> labels(lines.size(), LineLabel::kOther);
  std::vector<LineText> texts(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    texts[i].folded = Fold(lines[i].text);
    if (auto number = reader::ParseItemNumber(lines[i].text, lexicon)) {
      texts[i].numbered = true;
      texts[i].number = number->number;
      texts[i].title_folded = Fold(number->title);
    } else {
      texts[i].title_folded = texts[i].folded;
    }
  }
  // Items, from the last backwards: each takes the last matching line before
  // the next item's line; earlier matches are contents entries.
  size_t limit = lines.size();
  size_t first_heading = lines.size(), last_heading = 0;
  for (size_t k = facts.items.size(); k-- > 0;) {
    const std::string title = Fold(facts.items[k].second);
    const std::string& number = facts.items[k].first;
    // A line printing the item's own number wins over an unnumbered line that
    // merely reads like the title (Lapua: "Pöytäkirja tarkastetaan …" in the
    // body of "§ 74 Pöytäkirjan tarkastajat"); then the last matching line.
    size_t picked = lines.size();
    for (int numbered_only = 1; numbered_only >= 0 && picked == lines.size(); --numbered_only)
      for (size_t i = limit; i-- > 0;)
        if (!HasLeaders(lines[i].text) && (!numbered_only || (texts[i].numbered && texts[i].number == number)) &&
            MatchesItem(texts[i], number, title)) {
          picked = i;
          break;
        }
    if (picked == lines.size()) continue;
    labels[picked] = LineLabel::kHeading;
    first_heading = std::min(first_heading, picked);
    last_heading = std::max(last_heading, picked);
    // The title's further lines.
    for (size_t j = picked + 1; j < limit && j <= picked + 3; ++j) {
      if (texts[j].folded.size() < 3 || !Contains(title, texts[j].folded) || texts[j].numbered) break;
      labels[j] = LineLabel::kHeading;
    }
    for (size_t i = 0; i < picked; ++i)
      if (labels[i] == LineLabel::kOther && MatchesItem(texts[i], number, title) && texts[i].folded.size() >= 4)
        labels[i] = LineLabel::kContents;
    limit = picked;
  }
  const size_t head_end = first_heading == lines.size() ? std::min<size_t>(lines.size(), 60) : first_heading;

  // Attendance: lines that hold an attendee's name (both parts), and the header just above a run of them.
  std::vector<std::pair<std::string, std::string>> names;  // folded first, last
  for (const auto& name : facts.attendees) {
    const std::string folded = Fold(name);
    const size_t space = folded.rfind(' ');
    names.emplace_back(space == std::string::npos ? "" : folded.substr(0, folded.find(' ')),
                       space == std::string::npos ? folded : folded.substr(space + 1));
  }
  const size_t attendance_end = std::max(head_end, std::min(lines.size(), last_heading + 1));
  for (size_t i = 0; i < attendance_end; ++i) {
    if (labels[i] != LineLabel::kOther) continue;
    const std::string padded = " " + texts[i].folded + " ";
    int hits = 0;
    for (const auto& [first, last] : names)
      if (Contains(padded, " " + last + " ") && (first.empty() || Contains(padded, " " + first + " ") ||
                                                 Contains(padded, " " + first.substr(0, 1) + " ")))
        ++hits;
    // Prose that mentions one attendee is no attendance line: a list line is short or holds several.
    const std::string_view trimmed = segment::Trim(lines[i].text);
    const bool sentence = !trimmed.empty() && trimmed.back() == '.';
    const bool listy = hits >= 2 || (hits == 1 && !sentence && segment::SplitWords(lines[i].text).size() <= 7);
    if (!listy) continue;
    labels[i] = LineLabel::kAttendance;
    for (size_t h = i; h-- > 0 && h + 3 > i;) {
      const std::string lower = ToLower(lines[h].text);
      if (lexicon.StartsWith("field.present", lower) || lexicon.StartsWith("field.absent", lower) ||
          lexicon.StartsWith("field.substitute", lower) || lexicon.StartsWith("field.other_present", lower)) {
        if (labels[h] == LineLabel::kOther) labels[h] = LineLabel::kAttendance;
        break;
      }
    }
  }
  // Metadata and title in the head: the lines that print a fact.
  const std::string place = facts.place ? Fold(*facts.place) : "";
  const std::string reference = facts.reference ? Fold(*facts.reference) : "";
  const std::string body = facts.body ? Fold(*facts.body) : "";
  for (size_t i = 0; i < head_end; ++i) {
    if (labels[i] != LineLabel::kOther) continue;
    const std::string& text = texts[i].folded;
    // Day-first, and month-first (US) where day-first finds no date.
    auto date = reader::FindDate(lines[i].text, lexicon, /*month_first=*/false);
    if (!date) date = reader::FindDate(lines[i].text, lexicon, /*month_first=*/true);
    auto times = reader::FindTimes(lines[i].text, lexicon);
    const bool fact = (facts.date && date && date->iso == *facts.date) ||
                      (facts.start_time && times.start && *times.start == *facts.start_time) ||
                      (place.size() >= 4 && Contains(text, place)) || (reference.size() >= 3 && Contains(text, reference));
    if (body.size() >= 4 && Contains(text, body) && text.size() <= body.size() + 40) labels[i] = LineLabel::kTitle;
    else if (fact) labels[i] = LineLabel::kMeta;
    else if (lexicon.StartsWith("doc.minutes", ToLower(lines[i].text)) && text.size() < 80) labels[i] = LineLabel::kTitle;
  }
  // Signatures after the last item: the officers' names and the role words under them.
  if (first_heading != lines.size()) {
    std::vector<std::string> officers;
    for (const auto& officer : {facts.chair, facts.secretary})
      if (officer) officers.push_back(Fold(*officer));
    for (size_t i = last_heading + 1; i < lines.size(); ++i) {
      if (labels[i] != LineLabel::kOther) continue;
      const std::string lower = ToLower(lines[i].text);
      bool hit = false;
      for (const auto& officer : officers) hit = hit || (Contains(texts[i].folded, officer) && texts[i].folded.size() < officer.size() + 30);
      if (hit || (texts[i].folded.size() < 30 && lexicon.StartsWith("signature", lower))) labels[i] = LineLabel::kSignature;
    }
  }
  return labels;
}

}  // namespace protokoll
