// Finland-Swedish municipal §-protokoll (Nykarleby and its neighbours):
// a cover page form (Organ, Sammanträdestid, Sammanträdesplats, Ärenden),
// "Beslutande" with "[X]"/"[ ]" in an ordinarie and an ersättare column,
// "Övriga närvarande" with roles, signatures (ordförande,
// protokollförare), protocol adjusters; a table of contents with dotted
// leaders; items "39 § Title"; decisions after "<Organ>s beslut:" up to
// the "_____" rule.
#include <algorithm>
#include <cmath>
#include <regex>

#include "protokoll/text.h"
#include "segment/common.h"
#include "segment/formats.h"

namespace protokoll::segment {
namespace {

const std::regex& HeadingPattern() {
  static const std::regex re(R"(^(?:(\d{1,3})([a-z]?)\s*§|§\s*(\d{1,3})([a-z]?))\s*(.*)$)");
  return re;
}

// Tesseract often reads "§" as "8", "&", "$" or "S": "27 & Meddelanden",
// "4 8 Val av …", or glued to the number, "48 Val av …" for "4§ Val av …".
// Only for OCR'd lines, and the glued form only where the number continues
// the sequence (or opens it), so that a real "48 Val av" later on is not mistaken.
bool IsOcrHeading(const std::string& text, int previous, Heading& out) {
  static const std::regex separate(R"(^(\d{1,3})\s+(?:[8&$S]|§§)\s*['‘’"]?\s*(.+)$)");
  static const std::regex glued(R"(^(\d{1,2})8\s*['‘’"]?\s*(.+)$)");
  std::smatch m;
  std::string number, title;
  if (std::regex_match(text, m, separate)) {
    number = m[1].str(), title = m[2].str();
  } else if (std::regex_match(text, m, glued) && (previous == 0 || std::stoi(m[1].str()) == previous + 1)) {
    number = m[1].str(), title = m[2].str();
  } else {
    return false;
  }
  if (HasDottedLeaders(title) || !StartsUpperLetter(title)) return false;
  const int n = std::stoi(number);
  if (previous != 0 && (n <= previous || n > previous + 20)) return false;
  out.number = number;
  out.title = title;
  return true;
}

bool IsHeading(const TextLine& line, int previous, Heading& out) {
  std::string text(Trim(line.text));
  std::smatch m;
  if (!std::regex_match(text, m, HeadingPattern())) return line.ocr && IsOcrHeading(text, previous, out);
  std::string number = m[1].matched && m[1].length() ? m[1].str() + m[2].str() : m[3].str() + m[4].str();
  std::string title = m[5].str();
  if (title.empty() || HasDottedLeaders(title) || !StartsUpperLetter(title)) return false;
  const int n = std::stoi(number);
  if (previous != 0 && (n < previous || n > previous + 20)) return false;
  out.number = number;
  out.title = title;
  return true;
}

bool IsDecisionMarker(std::string_view text, std::string& inline_text) {
  static const std::regex re(R"(^(?:[^:]{2,80}\s+)?[Bb]eslut\s*:\s*(.*)$)");
  std::string t(Trim(text));
  std::smatch m;
  if (!std::regex_match(t, m, re)) return false;
  inline_text = m[1].str();
  return inline_text.empty();  // "Beslut: …" inside running text is prose
}

// Natural order name, role and remote flag from "Frostdahl-Blomqvist Siw, ordförande, på distans".
struct Listed {
  std::string name;
  std::optional<std::string> role;
  bool remote = false;
};
Listed ParseListed(std::string_view text) {
  Listed out;
  std::string t(Trim(text));
  out.remote = TakeRemoteMarker(t);
  auto parts = SplitOn(t, ',');
  if (parts.empty()) return out;
  out.name = SurnameFirstToNatural(parts[0]);
  std::string role;
  for (size_t i = 1; i < parts.size(); ++i) {
    // Attendance times ("kl. 16.15 – 17.30", "21–24 §") are not roles.
    if (std::any_of(parts[i].begin(), parts[i].end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    if (!role.empty()) role += ", ";
    role += parts[i];
  }
  if (!role.empty()) out.role = role;
  return out;
}

bool RoleIsChair(const std::string& role) {
  std::string r = ToLower(role);
  return r.find("ordförande") != std::string::npos && r.find("vice") == std::string::npos;
}
bool RoleIsSecretary(const std::string& role) {
  std::string r = ToLower(role);
  return r.find("protokollförare") != std::string::npos || r.find("prot.förare") != std::string::npos ||
         r.find("sekreterare") != std::string::npos;
}

enum class Section { kNone, kMembers, kSubstitutes, kOthers, kSignatures, kAdjusters, kToc };

Section SectionOf(std::string_view text) {
  std::string t = ToLower(Trim(text));
  if (t == "beslutande" || t == "närvarande ledamöter") return Section::kMembers;
  if (t == "ersättare" || t == "ersätare" || t == "närvarande ersättare") return Section::kSubstitutes;
  if (t.rfind("övriga närvarande", 0) == 0) return Section::kOthers;
  if (t.find("underskrift") != std::string::npos || t.find("underskrif") != std::string::npos) return Section::kSignatures;
  if (t.find("protokolljustering") != std::string::npos || t == "justering" || t == "protokolljusterare" ||
      t == "justerare")
    return Section::kAdjusters;
  return Section::kNone;
}

const std::regex& MarkerPattern() {
  static const std::regex re(R"(\[\s*([xX✓]?)\s*\])");
  return re;
}

void ParseCover(std::span<const TextLine> header, Document& doc) {
  std::vector<Row> rows = BuildRows(header);
  Section section = Section::kNone;
  double substitute_x = -1;          // x of the "ersättare" column heading
  bool two_column_heading = false;   // "ordinarie ersättare" printed as one line
  const TextLine* previous_row_first = nullptr;
  std::vector<const TextLine*> previous_cells;
  for (const auto& row : rows) {
    const std::string text = row.Text();
    const std::string first(Trim(row.First().text));
    const std::string rest = row.Rest();
    auto set_once = [](std::optional<std::string>& field, const std::string& value) {
      if (!field && !value.empty()) field = value;
    };
    // Form fields of the cover.
    auto field_value = [&](std::string_view label) -> std::optional<std::string> {
      if (first == label) return rest;
      if (first.rfind(std::string(label) + " ", 0) == 0) return std::string(Trim(std::string_view(text).substr(label.size())));
      return std::nullopt;
    };
    if (!doc.metadata.title) {
      for (std::string_view t : {"Protokoll", "Föredragningslista", "Kallelse", "Beslutsprotokoll"}) {
        if (auto v = field_value(t)) {
          doc.metadata.title = std::string(t);
          static const std::regex ref(R"(\d{1,3}/\d{4})");
          std::smatch m;
          if (std::regex_search(*v, m, ref)) doc.metadata.reference = m[0].str();
        }
      }
      if (doc.metadata.title) continue;
    }
    if (auto v = field_value("Organ")) {
      set_once(doc.metadata.body, *v);
      section = Section::kNone;
      continue;
    }
    if (auto v = field_value("Sammanträdestid")) {
      if (!doc.metadata.date) {
        if (auto d = FindDate(*v)) doc.metadata.date = d->Iso();
        TimeSpan t = FindTimes(*v);
        doc.metadata.start_time = t.start;
        doc.metadata.end_time = t.end;
      }
      continue;
    }
    if (auto v = field_value("Sammanträdesplats")) {
      set_once(doc.metadata.place, *v);
      continue;
    }
    if (field_value("Ärenden")) {
      section = Section::kNone;
      continue;
    }
    if (Section s = SectionOf(text); s != Section::kNone) {
      section = s;
      previous_cells.clear();
      continue;
    }
    if (Section s = SectionOf(first); s != Section::kNone && row.cells.size() > 1) section = s;

    switch (section) {
      case Section::kMembers: {
        // Column headings "ordinarie" / "ersättare".
        std::string lower = ToLower(text);
        if (lower.rfind("ordinarie", 0) == 0 || lower.rfind("ersättare", 0) == 0) {
          for (const auto* c : row.cells)
            if (ToLower(Trim(c->text)).rfind("ersättare", 0) == 0) substitute_x = c->box.x0;
          two_column_heading = row.cells.size() == 1 && lower.find("ersättare") != std::string::npos &&
                               lower.rfind("ordinarie", 0) == 0;
          break;
        }
        for (const auto* cell : row.cells) {
          std::string ct = cell->text;
          std::sregex_iterator it(ct.begin(), ct.end(), MarkerPattern()), end;
          std::vector<std::pair<size_t, bool>> marks;
          for (; it != end; ++it)
            marks.emplace_back(static_cast<size_t>(it->position(0) + it->length(0)), it->str(1).size() > 0);
          if (marks.empty()) continue;
          for (size_t k = 0; k < marks.size(); ++k) {
            size_t stop = k + 1 < marks.size() ? ct.rfind('[', marks[k + 1].first - 1) : ct.size();
            std::string piece = ct.substr(marks[k].first, stop - marks[k].first);
            const bool substitute_column =
                (substitute_x >= 0 && cell->box.x0 >= substitute_x - 15) || (two_column_heading && k == 1);
            if (substitute_column && !marks[k].second) continue;  // a deputy who was not called in
            Listed l = ParseListed(piece);
            if (l.name.empty()) continue;
            Attendee a;
            a.name = l.name;
            a.role = l.role;
            a.remote = l.remote;
            a.status = substitute_column ? "substitute" : (marks[k].second ? "present" : "absent");
            if (a.status != "absent" && a.role && RoleIsChair(*a.role)) set_once(doc.metadata.chair, a.name);
            doc.attendees.push_back(std::move(a));
          }
        }
        break;
      }
      case Section::kSubstitutes:
      case Section::kOthers:
        for (const auto* cell : row.cells) {
          Listed l = ParseListed(cell->text);
          if (l.name.empty() || !LooksLikePersonName(l.name)) continue;
          Attendee a;
          a.name = l.name;
          a.role = l.role;
          a.remote = l.remote;
          a.status = section == Section::kSubstitutes ? "substitute" : "present";
          if (a.role && RoleIsSecretary(*a.role) && ToLower(*a.role).find("protokollförare") != std::string::npos)
            set_once(doc.metadata.secretary, a.name);
          if (a.role && ToLower(*a.role).find("prot.förare") != std::string::npos) set_once(doc.metadata.secretary, a.name);
          doc.attendees.push_back(std::move(a));
        }
        break;
      case Section::kSignatures:
        // A role printed under a name: "Siw Frostdahl-Blomqvist" / "ordförande".
        for (const auto* cell : row.cells) {
          std::string role = ToLower(Trim(cell->text));
          const TextLine* above = nullptr;
          for (const auto* p : previous_cells)
            if (std::abs(p->box.x0 - cell->box.x0) < 20) above = p;
          if (!above) continue;
          if (RoleIsChair(role)) set_once(doc.metadata.chair, std::string(Trim(above->text)));
          if (role.find("protokollförare") != std::string::npos) set_once(doc.metadata.secretary, std::string(Trim(above->text)));
        }
        break;
      case Section::kAdjusters:
        if (!doc.metadata.adjusters.empty() && previous_row_first && previous_row_first->page != row.First().page) break;
        for (const auto* cell : row.cells) {
          std::string t(Trim(cell->text));
          if (ToLower(t).find("justerare") != std::string::npos) continue;
          if (std::any_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
          auto names = SplitNameRun(t, doc.attendees);
          if (!std::all_of(names.begin(), names.end(), [](const std::string& n) { return LooksLikePersonName(n); })) continue;
          for (auto& n : names) doc.metadata.adjusters.push_back(n);
        }
        break;
      default:
        break;
    }
    previous_cells = row.cells;
    previous_row_first = &row.First();
  }
  // The secretary and chair signed; fall back on the attendance roles.
  for (const auto& a : doc.attendees)
    if (!doc.metadata.secretary && a.role && RoleIsSecretary(*a.role) && a.status != "absent") doc.metadata.secretary = a.name;
}

ItemRules Rules(double body_left) {
  ItemRules rules;
  rules.heading = IsHeading;
  rules.decision_marker = IsDecisionMarker;
  rules.section_marker = [body_left](const TextLine& line) {
    std::string_view t = Trim(line.text);
    if (t.empty() || t.back() != ':' || t.size() > 70 || !StartsUpperLetter(t)) return false;
    if (SplitWords(t).size() > 6) return false;
    return line.bold || line.box.x0 + 10 < body_left;
  };
  rules.presenter_field = [](std::string_view text) -> std::optional<std::string> {
    static const std::regex re(R"(^Föredragande\s*:\s*(.+)$)");
    std::string t(text);
    std::smatch m;
    if (!std::regex_match(t, m, re)) return std::nullopt;
    // "socialdirektör Annika Back": the capitalized words at the end.
    auto words = SplitWords(m[1].str());
    size_t start = words.size();
    while (start > 0 && StartsUpperLetter(words[start - 1])) --start;
    if (words.size() - start < 2) return std::nullopt;
    std::string name;
    for (size_t i = start; i < words.size(); ++i) name += (name.empty() ? "" : " ") + words[i];
    return name;
  };
  return rules;
}

}  // namespace

int DetectParagrafProtokoll(std::span<const TextLine> lines) {
  int score = 0, headings = 0;
  for (const auto& l : lines) {
    std::string_view t = Trim(l.text);
    if (t.rfind("Sammanträdestid", 0) == 0 || t.rfind("Sammanträdesplats", 0) == 0 || t == "Beslutande") score += 2;
    std::smatch m;
    std::string s(t);
    Heading ocr_heading;  // OCR reads "§" as "8", "&", "$" or "S"; the parser accepts those, so must detection
    if ((std::regex_match(s, m, HeadingPattern()) && !HasDottedLeaders(s)) || (l.ocr && IsOcrHeading(s, 0, ocr_heading)))
      ++headings;
    std::string ignored;
    if (IsDecisionMarker(t, ignored) && t.size() > 8) score += 1;
  }
  if (headings == 0) return 0;
  return score + std::min(headings, 10);
}

void ParseParagrafProtokoll(const LaidOutDocument& laid, const HyphenationContext& context, Document& doc) {
  doc.language = "sv";
  std::span<const TextLine> lines = laid.lines;
  // Finnish municipalities print the same § layout in Finnish (Lapua).
  for (size_t i = 0; i < lines.size() && i < 200; ++i) {
    std::string lower = ToLower(lines[i].text);
    if (lower.find("pöytäkirja") != std::string::npos || lower.find("kokousaika") != std::string::npos ||
        lower.find("esityslista") != std::string::npos || lower.find("päätös") != std::string::npos) {
      doc.language = "fi";
      break;
    }
  }

  // The first heading outside the table of contents. A contents list starts
  // at "Ärenden" with no value (or "Sida") and runs to the end of its page.
  size_t first_item = lines.size();
  int toc_page = 0;
  std::vector<bool> is_toc(lines.size(), false);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = Trim(lines[i].text);
    if ((t == "Ärenden" || t == "Innehåll" || t == "Ärenden Sida" || t == "Innehållsförteckning")) {
      // "Ärenden 13-24" on the cover has its value in the same row.
      bool has_value = false;
      for (size_t j = 0; j < lines.size(); ++j)
        if (j != i && lines[j].page == lines[i].page && std::abs(lines[j].box.y0 - lines[i].box.y0) < 3 &&
            Trim(lines[j].text) != "Sida" && std::any_of(lines[j].text.begin(), lines[j].text.end(), [](char c) { return c >= '0' && c <= '9'; }))
          has_value = true;
      if (!has_value) toc_page = lines[i].page;
    }
    if (toc_page == lines[i].page || HasDottedLeaders(t)) {
      is_toc[i] = true;
      continue;
    }
    Heading h;
    if (IsHeading(lines[i], 0, h)) {
      first_item = i;
      break;
    }
  }
  std::span<const TextLine> header = lines.subspan(0, first_item);
  ParseCover(header, doc);
  // "Protokoll 1/2023" repeated at the top of every page is a running header.
  for (size_t p = 0; p < laid.pages.size() && !doc.metadata.title; ++p) {
    if (!laid.pages[p].header) continue;
    static const std::regex running(R"((Protokoll|Föredragningslista|Kallelse)\s+(\d{1,3}/\d{4}))");
    std::smatch m;
    if (std::regex_search(*laid.pages[p].header, m, running)) {
      doc.metadata.title = m[1].str();
      doc.metadata.reference = m[2].str();
    }
  }

  std::vector<TextLine> preamble_lines;
  for (size_t i = 0; i < first_item; ++i)
    if (!is_toc[i] && !IsPageLabelLine(lines[i].text) && !IsRuleLine(lines[i].text)) preamble_lines.push_back(lines[i]);
  doc.preamble = BuildBodyParagraphs(preamble_lines, context);

  WalkResult walk = WalkItems(lines.subspan(first_item), Rules(laid.body_left), context, doc);
  for (auto& item : doc.items)
    for (auto& p : item.presenters)
      if (int a = FindAttendee(doc.attendees, p, false); a >= 0) p = doc.attendees[static_cast<size_t>(a)].name;
  AttributeSpeakers(doc, walk, SwedishSpeakerRules());
  FindNextMeeting(lines.subspan(first_item), {"nästa sammanträde hålls", "nästa möte hålls", "nästa sammanträde är"}, doc);
}

}  // namespace protokoll::segment
