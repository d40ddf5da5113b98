// English council minutes: a title in capitals ("MINUTES OF THE REGULAR
// MEETING OF THE … COUNCIL"), a date line, "Present:" / "Absent:" /
// "Apologies:" / "Also present:" lists, items "1. Title", decisions
// "RESOLVED: …" or "Resolved that …", "Councillor Smith presented …".
#include <algorithm>
#include <regex>

#include "protokoll/text.h"
#include "segment/common.h"
#include "segment/formats.h"

namespace protokoll::segment {
namespace {

// "… the meeting adjourn at 8:41 p.m." / "Meeting adjourned at 21.05" -> "20:41" / "21:05".
std::optional<std::string> AdjournmentTime(const Document& doc) {
  static const std::regex re(R"(adjourn\w*\s+at\s+(\d{1,2})[:.](\d{2})\s*(a\.?\s?m\.?|p\.?\s?m\.?)?)", std::regex::icase);
  std::vector<const std::string*> texts;
  for (const auto& item : doc.items) {
    for (const auto& p : item.paragraphs) texts.push_back(&p.text);
    for (const auto& d : item.decisions) texts.push_back(&d.text);
  }
  for (const std::string* text : texts) {
    std::smatch m;
    if (!std::regex_search(*text, m, re)) continue;
    int hour = std::stoi(m[1].str());
    const std::string meridiem = ToLower(m[3].str());
    if (!meridiem.empty() && meridiem[0] == 'p' && hour < 12) hour += 12;
    if (!meridiem.empty() && meridiem[0] == 'a' && hour == 12) hour = 0;
    if (hour > 23) continue;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%s", hour, m[2].str().c_str());
    return std::string(buf);
  }
  return std::nullopt;
}

}  // namespace

namespace {

enum class List { kNone, kPresent, kAbsent, kAlso };

struct ListLabel {
  std::string_view label;
  List list;
};
constexpr ListLabel kLists[] = {{"Present:", List::kPresent},        {"Members present:", List::kPresent},
                                {"Attendees:", List::kPresent},      {"Absent:", List::kAbsent},
                                {"Apologies:", List::kAbsent},       {"Apologies for absence:", List::kAbsent},
                                {"Regrets:", List::kAbsent},         {"Members absent:", List::kAbsent},
                                {"Also present:", List::kAlso},      {"In attendance:", List::kAlso},
                                {"Staff present:", List::kAlso},     {"Officers present:", List::kAlso}};

// Titles that precede a name and say what the person is.
constexpr std::string_view kTitles[] = {"Deputy Mayor", "Mayor",  "Councillors", "Councillor", "Councilors",
                                        "Councilor",    "Cllrs",  "Cllr",        "Aldermen",   "Alderman",
                                        "Commissioners", "Commissioner", "Trustees", "Trustee"};
constexpr std::string_view kRoleWords[] = {"Manager", "Director", "Clerk",    "Officer", "Secretary", "Engineer",
                                           "Solicitor", "Treasurer", "Chief", "Planner", "Attorney", "Administrator",
                                           "Auditor", "Superintendent", "Coordinator", "Head", "Advisor", "Adviser"};

std::string Singular(std::string_view title) {
  std::string t(title);
  if (t == "Aldermen") return "Alderman";
  if (t.size() > 1 && t.back() == 's') t.pop_back();
  return t;
}

bool IsRole(std::string_view text) {
  for (auto w : kRoleWords)
    if (text.find(w) != std::string_view::npos) return true;
  return StartsLowerLetter(text);
}

struct ListState {
  List list = List::kNone;
  std::optional<std::string> title;  // "Councillor" carried over a list
};

void AddPeople(std::string_view text, ListState& state, Document& doc) {
  for (auto& raw : SplitOn(text, ',')) {
    std::string piece = raw;
    bool remote = TakeRemoteMarker(piece);
    // Parenthesised roles: "(Chair)", "(Recording Secretary)".
    std::optional<std::string> paren;
    static const std::regex paren_re(R"(\s*\(([^)]*)\)\s*$)");
    std::smatch m;
    if (std::regex_search(piece, m, paren_re)) {
      paren = m[1].str();
      piece.erase(static_cast<size_t>(m.position(0)));
    }
    if (piece.rfind("and ", 0) == 0) piece.erase(0, 4);
    std::optional<std::string> title;
    for (auto t : kTitles) {
      if (piece.rfind(std::string(t) + " ", 0) == 0) {
        title = Singular(t);
        piece = std::string(Trim(std::string_view(piece).substr(t.size())));
        if (t.back() == 's') state.title = title;  // "Councillors A, B, C"
        break;
      }
    }
    if (!title) title = state.title;
    if (!doc.attendees.empty() && IsRole(piece) && !doc.attendees.back().role) {
      doc.attendees.back().role = paren ? piece + " (" + *paren + ")" : piece;  // the role as printed
      if (paren && ToLower(*paren).find("secretary") != std::string::npos) doc.metadata.secretary = doc.attendees.back().name;
      continue;
    }
    if (!LooksLikePersonName(piece)) {
      if (!doc.attendees.empty() && !doc.attendees.back().role && !piece.empty()) doc.attendees.back().role = piece;
      if (!doc.attendees.empty() && paren && ToLower(*paren).find("secretary") != std::string::npos)
        doc.metadata.secretary = doc.attendees.back().name;
      continue;
    }
    Attendee a;
    a.name = piece;
    a.role = title;
    a.remote = remote;
    a.status = state.list == List::kAbsent ? "absent" : "present";
    if (paren) {
      std::string p = ToLower(*paren);
      if (p.find("chair") != std::string::npos) doc.metadata.chair = a.name;
      if (p.find("secretary") != std::string::npos || p.find("minute") != std::string::npos) doc.metadata.secretary = a.name;
      if (!a.role) a.role = *paren;
    }
    doc.attendees.push_back(std::move(a));
  }
}

bool IsHeading(const TextLine& line, int previous, Heading& out) {
  static const std::regex re(R"(^(\d{1,2})([a-z]?)[.)]\s*(.+)$)");
  std::string text(Trim(line.text));
  std::smatch m;
  if (!std::regex_match(text, m, re)) return false;
  const int number = std::stoi(m[1].str());
  const bool sequence = previous == 0 ? number <= 2 : number == previous + 1;
  std::string title = m[3].str();
  if (!sequence || !StartsUpperLetter(title) || HasDottedLeaders(title) || title.size() > 120) return false;
  out.number = m[1].str() + m[2].str();
  out.title = title;
  return true;
}

std::string TitleCase(std::string_view capitals) {
  static const std::vector<std::string> kSmall = {"of", "the", "and", "for", "in", "on", "at", "to", "a", "an"};
  std::string out;
  auto words = SplitWords(capitals);
  for (size_t i = 0; i < words.size(); ++i) {
    std::string w = ToLower(words[i]);
    if (i == 0 || std::find(kSmall.begin(), kSmall.end(), w) == kSmall.end()) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    out += (i ? " " : "") + w;
  }
  return out;
}

bool IsCapitals(std::string_view text) {
  bool letters = false;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letters = true;
  }
  return letters;
}

}  // namespace

int DetectEnglishMinutes(std::span<const TextLine> lines) {
  int score = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = Trim(lines[i].text);
    for (const auto& l : kLists)
      if (t.rfind(l.label, 0) == 0) score += 2;
    if (t.rfind("RESOLVED", 0) == 0 || t.rfind("Resolved that", 0) == 0) score += 1;
    if (i < 10 && (t.find("MINUTES") != std::string_view::npos || t.rfind("Minutes of", 0) == 0)) score += 2;
  }
  return score >= 3 ? score : 0;
}

void ParseEnglishMinutes(const LaidOutDocument& laid, const HyphenationContext& context, Document& doc) {
  doc.language = "en";
  std::span<const TextLine> lines = laid.lines;
  const size_t first_item = FirstHeading(lines, IsHeading);
  std::span<const TextLine> header = lines.subspan(0, first_item);
  std::vector<Row> rows = BuildRows(header);
  std::vector<std::string> title_lines;
  ListState state;
  bool after_date = false;
  for (const auto& row : rows) {
    std::string text = row.Text();
    if (IsPageLabelLine(text)) continue;
    if (!doc.metadata.date && IsCapitals(text) && title_lines.size() < 4) {
      title_lines.push_back(text);
      continue;
    }
    bool opened = false;
    for (const auto& l : kLists) {
      if (text.rfind(l.label, 0) == 0) {
        state = ListState{l.list, std::nullopt};
        text = std::string(Trim(std::string_view(text).substr(l.label.size())));
        opened = true;
        break;
      }
    }
    if (!opened && state.list == List::kNone) {
      if (!doc.metadata.date) {
        if (auto d = FindDate(text)) {
          doc.metadata.date = d->Iso();
          TimeSpan t = FindTimes(text);
          doc.metadata.start_time = t.start;
          doc.metadata.end_time = t.end;
          after_date = true;
          continue;
        }
      }
      if (after_date && !doc.metadata.place) {
        for (std::string_view label : {"Location:", "Place:", "Venue:"})
          if (text.rfind(label, 0) == 0) text = std::string(Trim(std::string_view(text).substr(label.size())));
        doc.metadata.place = text;
      }
      continue;
    }
    if (!text.empty()) AddPeople(text, state, doc);
  }
  if (!title_lines.empty()) {
    std::string title = TitleCase(JoinLines(title_lines, context));
    doc.metadata.title = title;
    static const std::regex body_re(R"(\b(?:meeting|session) of the (.+)$)", std::regex::icase);
    std::smatch m;
    if (std::regex_search(title, m, body_re)) doc.metadata.body = m[1].str();
  }

  std::vector<TextLine> preamble_lines;
  for (const auto& l : header)
    if (!IsPageLabelLine(l.text)) preamble_lines.push_back(l);
  doc.preamble = BuildBodyParagraphs(preamble_lines, context);

  ItemRules rules;
  rules.heading = IsHeading;
  rules.decision_marker = [](std::string_view text, std::string& inline_text) {
    inline_text.clear();
    // A motion with its text ("Moved by …, seconded by …, that …") is what was decided;
    // "Moved by …:" before a RESOLVED only introduces it.
    return text.rfind("RESOLVED", 0) == 0 || text.rfind("Resolved that", 0) == 0 || text.rfind("Resolved:", 0) == 0 ||
           text.rfind("It was resolved", 0) == 0 || text.rfind("DECISION:", 0) == 0 || text.rfind("Decision:", 0) == 0 ||
           (text.rfind("Moved by ", 0) == 0 && text.find(" that ") != std::string_view::npos);
  };
  rules.decision_is_one_paragraph = true;
  WalkResult walk = WalkItems(lines.subspan(first_item), rules, context, doc);

  // "Councillor Smith presented the recommendations …": a presenter.
  const SpeakerRules& speakers = EnglishSpeakerRules();
  for (auto& item : doc.items) {
    for (size_t p = 0; p < item.paragraphs.size() && p < 2 && item.presenters.empty(); ++p) {
      const std::string& text = item.paragraphs[p].text;
      size_t at = text.find(" presented ");
      if (at == std::string::npos || at > 80) continue;
      if (auto who = ExplicitSpeaker(text, doc.attendees, speakers)) item.presenters.push_back(*who);
    }
  }
  AttributeSpeakers(doc, walk, speakers);
  FindNextMeeting(lines.subspan(first_item), {"next regular meeting", "next meeting"}, doc);
  if (!doc.metadata.end_time) doc.metadata.end_time = AdjournmentTime(doc);
}

}  // namespace protokoll::segment
