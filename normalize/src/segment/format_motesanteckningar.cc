// Region Stockholm "Mötesanteckningar" (HSN): a title line with the
// reference, the body's name, a field table (Datum, Tid, Plats,
// Närvarande grouped by organisation), numbered items whose title may run
// over two lines followed by a presenter line, "Vid anteckningarna" + the
// secretary, "Nästa möte …".
#include <algorithm>
#include <regex>

#include "protokoll/text.h"
#include "segment/common.h"
#include "segment/formats.h"

namespace protokoll::segment {
namespace {

constexpr std::string_view kTitleWords[] = {"mötesanteckningar", "minnesanteckningar", "anteckningar", "mötesprotokoll"};

enum class Field { kNone, kDate, kTime, kPlace, kPresent, kAbsent, kChair, kSecretary, kAdjusters };

struct FieldLabel {
  std::string_view label;
  Field field;
};
constexpr FieldLabel kFields[] = {
    {"Datum", Field::kDate},           {"Tid", Field::kTime},          {"Plats", Field::kPlace},
    {"Lokal", Field::kPlace},          {"Närvarande", Field::kPresent}, {"Deltagare", Field::kPresent},
    {"Frånvarande", Field::kAbsent},   {"Förhinder", Field::kAbsent},   {"Ordförande", Field::kChair},
    {"Sekreterare", Field::kSecretary}, {"Justerare", Field::kAdjusters}};

// The field a row opens and the value printed after the label.
Field RowField(const Row& row, std::string& value) {
  std::string text = row.Text();
  for (const auto& f : kFields) {
    if (text.compare(0, f.label.size(), f.label) != 0) continue;
    std::string_view rest = std::string_view(text).substr(f.label.size());
    if (!rest.empty() && rest[0] != ' ' && rest[0] != ':') continue;
    if (!rest.empty() && rest[0] == ':') rest.remove_prefix(1);
    value = std::string(Trim(rest));
    return f.field;
  }
  return Field::kNone;
}

bool IsTitleLine(std::string_view text, std::string& title, std::string& rest) {
  std::string lower = ToLower(Trim(text));
  for (auto word : kTitleWords) {
    if (lower.compare(0, word.size(), word) != 0) continue;
    if (lower.size() > word.size() && lower[word.size()] != ' ') continue;
    std::string printed(Trim(text).substr(0, std::string_view(Trim(text)).find(' ')));
    // Printed in capitals: the title is the word in sentence case.
    const size_t first = (static_cast<unsigned char>(printed[0]) < 0x80) ? 1 : 2;
    title = printed.substr(0, first) + ToLower(printed.substr(first));
    rest = std::string(Trim(std::string_view(Trim(text)).substr(printed.size())));
    return true;
  }
  return false;
}

std::optional<std::string> FindReference(std::string_view text) {
  static const std::regex re(R"(([A-ZÅÄÖ]{2,8})\s+(\d{4}-\d{2,5}))");
  std::string t(text);
  std::smatch m;
  if (!std::regex_search(t, m, re)) return std::nullopt;
  return m[1].str() + " " + m[2].str();
}

bool IsHeading(const TextLine& line, int previous, Heading& out) {
  static const std::regex re(R"(^(\d{1,2})([a-z]?)[.)]?\s*(.*)$)");
  std::string text(Trim(line.text));
  std::smatch m;
  if (!std::regex_match(text, m, re)) return false;
  std::string title = m[3].str();
  const int number = std::stoi(m[1].str());
  const bool sequence = previous == 0 ? number <= 2 : (number == previous + 1 || (number == previous && !m[2].str().empty()));
  if (!sequence || !StartsUpperLetter(title) || EndsWithAny(title, ",;")) return false;
  if (title.size() > 120 || HasDottedLeaders(title)) return false;
  out.number = m[1].str() + m[2].str();
  out.title = title;
  return true;
}

void AddAttendees(std::string_view text, Field field, std::optional<std::string>& organization,
                  std::vector<Attendee>& attendees) {
  std::string line(Trim(text));
  size_t colon = line.find(':');
  if (colon != std::string::npos && colon <= 40 && line.substr(0, colon).find(',') == std::string::npos &&
      StartsUpperLetter(line)) {
    organization = std::string(Trim(std::string_view(line).substr(0, colon)));
    line = line.substr(colon + 1);
  }
  for (auto& piece : SplitOn(line, ',')) {
    std::string name = piece;
    bool remote = TakeRemoteMarker(name);
    if (LooksLikePersonName(name)) {
      Attendee a;
      a.name = name;
      a.organization = organization;
      a.remote = remote;
      a.status = field == Field::kAbsent ? "absent" : "present";
      attendees.push_back(std::move(a));
    } else if (!attendees.empty() && StartsLowerLetter(name) && !attendees.back().role) {
      attendees.back().role = name;
      attendees.back().remote = attendees.back().remote || remote;
    }
  }
}

ItemRules Rules() {
  ItemRules rules;
  rules.heading = IsHeading;
  rules.decision_marker = [](std::string_view text, std::string& inline_text) {
    static const std::regex re(R"(^(Beslut|Rådet beslutar|Beslutades)\s*:\s*(.*)$)");
    std::string t(text);
    std::smatch m;
    if (!std::regex_match(t, m, re)) return false;
    inline_text = m[2].str();
    return true;
  };
  rules.presenter_line_after_title = true;
  rules.secretary_marker = [](std::string_view text) {
    for (std::string_view m : {"Vid anteckningarna", "Vid protokollet", "Antecknat av", "Antecknare", "Sekreterare"})
      if (Trim(text) == m) return true;
    return false;
  };
  return rules;
}

}  // namespace

int DetectMotesanteckningar(std::span<const TextLine> lines) {
  int score = 0;
  const size_t n = std::min<size_t>(lines.size(), 60);
  for (size_t i = 0; i < n; ++i) {
    std::string title, rest;
    if (IsTitleLine(lines[i].text, title, rest)) score += 3;
    std::string_view t = Trim(lines[i].text);
    if (t.rfind("Närvarande", 0) == 0 || t.rfind("Datum ", 0) == 0 || t == "Datum") score += 1;
  }
  for (const auto& l : lines)
    if (Trim(l.text) == "Vid anteckningarna") score += 2;
  return score >= 3 ? score : 0;
}

void ParseMotesanteckningar(const LaidOutDocument& laid, const HyphenationContext& context, Document& doc) {
  doc.language = "sv";
  std::span<const TextLine> lines = laid.lines;
  ItemRules rules = Rules();

  const size_t first_item = FirstHeading(lines, IsHeading);
  std::span<const TextLine> header = lines.subspan(0, first_item);

  // Title page: rows, so that a label and its value printed as separate blocks meet again.
  std::vector<Row> rows = BuildRows(header);
  Field field = Field::kNone;
  std::optional<std::string> organization;
  bool title_seen = false, body_done = false;
  std::vector<std::string> body_lines;
  for (const auto& row : rows) {
    std::string text = row.Text();
    if (IsPageLabelLine(text) || IsPageLabelLine(row.First().text)) continue;
    std::string title, rest;
    if (!title_seen && IsTitleLine(row.First().text, title, rest)) {
      title_seen = true;
      doc.metadata.title = title;
      if (auto ref = FindReference(text)) doc.metadata.reference = *ref;
      continue;
    }
    if (!title_seen) continue;
    if (!doc.metadata.reference) {
      if (auto ref = FindReference(text); ref && text.size() < 30) {
        doc.metadata.reference = *ref;
        continue;
      }
    }
    std::string value;
    Field opened = RowField(row, value);
    if (opened != Field::kNone) {
      body_done = true;
      field = opened;
      organization.reset();
    } else {
      value = text;
      if (!body_done) {
        body_lines.push_back(text);
        continue;
      }
    }
    if (value.empty()) continue;
    switch (field) {
      case Field::kDate:
        if (auto d = FindDate(value); d && !doc.metadata.date) doc.metadata.date = d->Iso();
        break;
      case Field::kTime: {
        TimeSpan t = FindTimes(value);
        if (!doc.metadata.start_time) doc.metadata.start_time = t.start;
        if (!doc.metadata.end_time) doc.metadata.end_time = t.end;
        break;
      }
      case Field::kPlace:
        doc.metadata.place = doc.metadata.place ? *doc.metadata.place + ", " + value : value;
        break;
      case Field::kPresent:
      case Field::kAbsent:
        AddAttendees(value, field, organization, doc.attendees);
        break;
      case Field::kChair:
        doc.metadata.chair = value;
        break;
      case Field::kSecretary:
        doc.metadata.secretary = value;
        break;
      case Field::kAdjusters:
        for (auto& name : SplitNameRun(value, doc.attendees)) doc.metadata.adjusters.push_back(name);
        break;
      case Field::kNone:
        break;
    }
  }
  if (!body_lines.empty()) doc.metadata.body = JoinLines(body_lines, context);

  // Preamble: the title page as paragraphs, without page labels.
  std::vector<TextLine> preamble_lines;
  for (const auto& l : header)
    if (!IsPageLabelLine(l.text)) preamble_lines.push_back(l);
  doc.preamble = BuildBodyParagraphs(preamble_lines, context);

  // Presenter names resolve to attendees' full names.
  WalkResult walk = WalkItems(lines.subspan(first_item), rules, context, doc);
  for (auto& item : doc.items)
    for (auto& p : item.presenters)
      if (int a = FindAttendee(doc.attendees, p, true); a >= 0) p = doc.attendees[static_cast<size_t>(a)].name;
  LearnRolesFromText(doc);
  AttributeSpeakers(doc, walk, SwedishSpeakerRules());
  FindNextMeeting(lines, {"nästa möte", "nästa sammanträde"}, doc);
}

}  // namespace protokoll::segment
