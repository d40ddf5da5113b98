// English council minutes: a title in capitals ("MINUTES OF THE REGULAR
// MEETING OF THE … COUNCIL"), a date line, "Present:" / "Absent:" /
// "Apologies:" / "Also present:" lists, items "1. Title", decisions
// "RESOLVED: …" or "Resolved that …", "Councillor Smith presented …".
#include <algorithm>
#include <cmath>
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

// "IV" -> 4; 0 when `text` is not a Roman numeral up to 39.
int RomanValue(std::string_view text) {
  static const std::regex re("^X{0,3}(IX|IV|V?I{0,3})$");
  if (text.empty() || !std::regex_match(std::string(text), re)) return 0;
  int value = 0, last = 0;
  for (auto it = text.rbegin(); it != text.rend(); ++it) {
    int v = *it == 'I' ? 1 : *it == 'V' ? 5 : 10;
    value += v < last ? -v : v;
    last = std::max(last, v);
  }
  return value;
}

// Agenda points numbered "I." … "VI.". std::stoi cannot read the previous
// point from "IV", so the sequence is checked once over the whole document
// (RomanRun) and the heading test accepts only lines of that run.
bool RomanHeading(const TextLine& line, int& value, Heading& out) {
  static const std::regex re(R"(^([IVX]{1,6})\.\s+(.+)$)");
  std::string text(Trim(line.text));
  std::smatch m;
  if (!std::regex_match(text, m, re)) return false;
  value = RomanValue(m[1].str());
  std::string title = m[2].str();
  if (value == 0 || !StartsUpperLetter(title) || HasDottedLeaders(title) || title.size() > 120) return false;
  out.number = m[1].str();
  out.title = title;
  return true;
}

// The lines of the first run "I.", "II.", … in sequence (at least two).
std::vector<const TextLine*> RomanRun(std::span<const TextLine> lines) {
  std::vector<const TextLine*> run;
  for (const auto& line : lines) {
    int value = 0;
    Heading h;
    if (!RomanHeading(line, value, h)) continue;
    if (value == static_cast<int>(run.size()) + 1) {
      run.push_back(&line);
    } else if (run.size() >= 2) {
      break;
    } else {
      run.clear();
      if (value == 1) run.push_back(&line);
    }
  }
  if (run.size() < 2) run.clear();
  return run;
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

// A filled-in form: the value typed into a blank ("District Council ___")
// is a short line of its own on the blank's baseline, inside the line's
// width. It replaces the blank and leaves the lines.
std::vector<TextLine> FillFormBlanks(std::vector<TextLine> lines) {
  std::vector<bool> used(lines.size(), false);
  for (size_t i = 0; i < lines.size(); ++i) {
    size_t blank = lines[i].text.find("___");
    if (blank == std::string::npos) continue;
    for (size_t j = (i > 3 ? i - 3 : 0); j < lines.size() && j <= i + 3; ++j) {
      if (j == i || used[j] || lines[j].page != lines[i].page) continue;
      const std::string value(Trim(lines[j].text));
      if (value.empty() || value.size() > 12 || value.find("___") != std::string::npos) continue;
      if (std::abs(lines[j].box.y1 - lines[i].box.y1) > 0.6 * std::max(lines[i].box.height(), 1.0)) continue;
      if (lines[j].box.x0 < lines[i].box.x0 || lines[j].box.x1 > lines[i].box.x1) continue;
      size_t end = lines[i].text.find_first_not_of('_', blank);
      lines[i].text.replace(blank, (end == std::string::npos ? lines[i].text.size() : end) - blank, value);
      used[j] = true;
      break;
    }
  }
  std::vector<TextLine> out;
  for (size_t i = 0; i < lines.size(); ++i)
    if (!used[i]) out.push_back(std::move(lines[i]));
  return out;
}

// An agenda's own heading: "AGENDA", "AGENDA:", "MEETING AGENDA".
bool IsAgendaMarker(std::string_view text) {
  std::string t(Trim(text));
  while (!t.empty() && t.back() == ':') t.pop_back();
  return t.size() >= 6 && t.size() < 40 && t.compare(t.size() - 6, 6, "AGENDA") == 0;
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
    if (i < 60 && IsAgendaMarker(t)) score += 3;
  }
  return score >= 3 ? score : 0;
}

void ParseEnglishMinutes(const LaidOutDocument& laid, const HyphenationContext& context, Document& doc) {
  doc.language = "en";
  const std::vector<TextLine> prepared = FillFormBlanks(laid.lines);
  std::span<const TextLine> lines = prepared;
  const std::vector<const TextLine*> roman = RomanRun(lines);
  auto is_heading = [&roman](const TextLine& line, int previous, Heading& out) {
    if (IsHeading(line, previous, out)) return true;
    int value = 0;
    return std::find(roman.begin(), roman.end(), &line) != roman.end() && RomanHeading(line, value, out);
  };
  const size_t first_item = FirstHeading(lines, is_heading);
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

  // An agenda or notice: the meeting is the one announced last before its
  // "AGENDA" (a notice's own date comes first); a date without a year takes
  // the year of the first full date printed.
  const bool agenda = std::any_of(lines.begin(), lines.end(), [](const TextLine& l) { return IsAgendaMarker(l.text); });
  if (agenda) {
    int year = 0;
    for (const auto& l : lines)
      if (auto d = FindDate(l.text)) {
        year = d->year;
        break;
      }
    std::optional<std::string> date, start, body;
    for (size_t r = 0; r < rows.size(); ++r) {
      const std::string text = rows[r].Text();
      if (IsAgendaMarker(text)) break;
      if (auto d = FindDate(text, year)) {
        date = d->Iso();
        TimeSpan t = FindTimes(text);
        if (!t.start && r + 1 < rows.size()) t = FindTimes(rows[r + 1].Text());
        start = t.start;
      }
      static const std::regex meeting_re(R"(MEETING OF THE (.+?)(?: MEMBERS)?(?: OF THE .*)?$)");
      std::smatch m;
      if (IsCapitals(text) && std::regex_search(text, m, meeting_re)) body = TitleCase(m[1].str());
      static const std::regex notice_re(R"(given that (?:the )?(.+?) (?:will|shall) hold)");
      if (!body && std::regex_search(text, m, notice_re) && m[1].str().find("___") == std::string::npos) body = m[1].str();
    }
    if (date) doc.metadata.date = date, doc.metadata.start_time = start;
    if (body) doc.metadata.body = body;
  }

  std::vector<TextLine> preamble_lines;
  for (const auto& l : header)
    if (!IsPageLabelLine(l.text)) preamble_lines.push_back(l);
  doc.preamble = BuildBodyParagraphs(preamble_lines, context);

  ItemRules rules;
  rules.heading = is_heading;
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
