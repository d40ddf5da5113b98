// Finland-Swedish municipal §-protokoll (Nykarleby and its neighbours).
//
// The format's rules, in reading order:
// - Cover form: "Protokoll 2/2023" (title, reference), Organ, Sammanträdestid,
//   Sammanträdesplats, "Ärenden 13-24". A scanned cover is often followed by
//   the contents page's form with an intact text layer, whose Organ and
//   reference win over OCR's.
// - "Beslutande" ("Beslutande ordinarie" when OCR joins them): "[X]"/"[ ]"
//   present/absent in an ordinarie column, ticked ersättare substitute,
//   unticked ones left out; "Ersättare"; "Övriga närvarande" with roles.
//   Names are printed surname first; one printed in natural order stays so
//   when only that order occurs elsewhere; a name read through a broken
//   glyph map ("Martn") takes the whole word the document prints elsewhere
//   next to the same surname (NamesAsPrintedElsewhere).
// - Signatures (ordförande, protokollförare, two per OCR'd line too) and
//   protocol adjusters.
// - Table of contents ("Ärenden ... Sida"): "13 § Title ..... 1", leaders
//   typeset or OCR'd; "- Bil." lines are appendices. It confirms and
//   repairs the body's headings (FindTocHeadings) and is never an item list
//   itself. Without one, the heading rules below alone.
// - Items "39 § Title"; on OCR'd pages "§" reads as "8", "&", "$", "S"
//   ("148 Val av …"); a heading lost to OCR opens where the page's running
//   header names its number ("Protokoll 158 28.03.2023 Sida").
// - Decisions after "<Organ>s beslut:" / "Beslut:" up to the "_____" rule;
//   section labels ("Förslag:", "Stadsdirektörens förslag:") in the label
//   column.
// - Appended documents (pages without the protocol's running header) stay
//   with their §, but their § numbers are no items and nobody in them speaks.
// - Speakers: the Swedish rules of common.cc, plus a full name before a
//   reporting verb ("Frej Strang inlämnade en motion") as printed; two
//   attendees joined by "och" are the subject of a decision, not a speaker.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <set>
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
  if (t == "beslutande" || t == "närvarande ledamöter" || t.rfind("beslutande ordinarie", 0) == 0) return Section::kMembers;
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
  bool body_from_ocr = false;
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
    // "Protokoll 2/2023"; the contents page repeats it, which serves when
    // OCR misread the cover's number.
    if (!doc.metadata.title || !doc.metadata.reference) {
      bool title_row = false;
      for (std::string_view t : {"Protokoll", "Föredragningslista", "Kallelse", "Beslutsprotokoll"}) {
        if (auto v = field_value(t)) {
          title_row = true;
          if (!doc.metadata.title) doc.metadata.title = std::string(t);
          static const std::regex ref(R"(^\s*(\d{1,3}/\d{4})\s*$)");
          std::smatch m;
          if (!doc.metadata.reference && std::regex_match(*v, m, ref)) doc.metadata.reference = m[1].str();
        }
      }
      if (title_row) continue;
    }
    // A scanned cover is often followed by the contents page's form with an
    // intact text layer: its value wins over the OCR'd one.
    const bool read_by_ocr = std::all_of(row.cells.begin(), row.cells.end(), [](const TextLine* c) { return c->ocr; });
    if (auto v = field_value("Organ")) {
      if (!v->empty() && (!doc.metadata.body || (body_from_ocr && !read_by_ocr))) {
        doc.metadata.body = *v;
        body_from_ocr = read_by_ocr;
      }
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
      // OCR may join the section and its column headings: "Beslutande ordinarie ersättare".
      if (s == Section::kMembers && ToLower(text).find("ordinarie ersättare") != std::string::npos) two_column_heading = true;
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
          // OCR reads the two signatures as one line each: "Anna Caldén Johan
          // Svenlin" over "ordförande protokollförare"; names and roles pair up in order.
          std::vector<std::string> roles = SplitWords(role);
          std::vector<std::string> names{std::string(Trim(above->text))};
          if (roles.size() > 1) {
            names = SplitNameRun(Trim(above->text), doc.attendees);
            if (names.size() != roles.size()) continue;
          } else {
            roles = {role};
          }
          for (size_t k = 0; k < roles.size(); ++k) {
            if (RoleIsChair(roles[k])) set_once(doc.metadata.chair, names[k]);
            if (roles[k].find("protokollförare") != std::string::npos) set_once(doc.metadata.secretary, names[k]);
          }
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

// `label_column`: the line stands in the label column, left of the indented
// text that follows it ("Ordförande Emilia Haverinens förslag:" at 72 pt over
// text at 136 pt), which OCR'd pages show where boldness is unknown.
ItemRules Rules(double body_left, std::function<bool(const TextLine&)> label_column) {
  ItemRules rules;
  rules.heading = IsHeading;
  rules.decision_marker = IsDecisionMarker;
  rules.section_marker = [body_left, label_column](const TextLine& line) {
    std::string_view t = Trim(line.text);
    if (t.empty() || t.back() != ':' || t.size() > 70 || !StartsUpperLetter(t)) return false;
    if (SplitWords(t).size() > 6) return false;
    return line.bold || line.box.x0 + 10 < body_left || (label_column && label_column(line));
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

// ---- names ----

// Words of the document's lines, punctuation trimmed, in order per line.
std::vector<std::vector<std::string>> LineWords(std::span<const TextLine> lines) {
  std::vector<std::vector<std::string>> out;
  for (const auto& l : lines) {
    std::vector<std::string> words;
    for (auto w : SplitWords(l.text)) {
      while (!w.empty() && std::string_view(",.:;()[]\"'").find(w.back()) != std::string_view::npos) w.pop_back();
      while (!w.empty() && std::string_view("([\"'").find(w.front()) != std::string_view::npos) w.erase(0, 1);
      if (!w.empty()) words.push_back(std::move(w));
    }
    out.push_back(std::move(words));
  }
  return out;
}

size_t CountPhrase(const std::vector<std::vector<std::string>>& line_words, const std::vector<std::string>& phrase) {
  size_t count = 0;
  for (const auto& words : line_words)
    for (size_t i = 0; i + phrase.size() <= words.size(); ++i)
      if (std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<std::ptrdiff_t>(i))) ++count;
  return count;
}

// `longer` is `shorter` with one or two letters put back inside it: a glyph
// the broken map dropped ("Martn" / "Martin", "Kristna" / "Kristina"), not
// an ending ("Norrgård" / "Norrgårds").
bool LettersDroppedInside(const std::string& shorter, const std::string& longer) {
  if (longer.size() <= shorter.size() || longer.size() > shorter.size() + 4 || shorter.size() < 3) return false;
  if (longer.front() != shorter.front() || longer.back() != shorter.back()) return false;
  size_t j = 0;
  for (size_t i = 0; i < longer.size() && j < shorter.size(); ++i)
    if (longer[i] == shorter[j]) ++j;
  return j == shorter.size();
}

// Attendee names as the rest of the document prints them:
// - a name read through a broken glyph map on the cover ("Norrgård Martn")
//   takes the whole word where the document prints the same person in full
//   next to the same other name ("Stadsdirektör Martin Norrgårds förslag",
//   the signature stamp "Kristina Wikblad, Personalchef");
// - a name the list prints in natural order among surname-first ones
//   ("Emilia Ingman, planläggningschef") stays as printed when only that
//   order occurs elsewhere in the document.
void NamesAsPrintedElsewhere(std::span<const TextLine> lines, Document& doc) {
  const auto line_words = LineWords(lines);
  std::map<std::string, std::string> renamed;
  for (auto& a : doc.attendees) {
    std::vector<std::string> name = SplitWords(a.name);
    if (name.size() < 2) continue;
    const std::string before = a.name;
    // Inverted order: the list's "Emilia Ingman" was turned into "Ingman Emilia".
    std::vector<std::string> printed(name.begin() + static_cast<std::ptrdiff_t>(name.size() - 1), name.end());
    printed.insert(printed.end(), name.begin(), name.end() - 1);
    if (CountPhrase(line_words, name) == 0 && CountPhrase(line_words, printed) >= 2) name = printed;
    // Dropped glyphs, one word at a time, next to the name's other word.
    for (size_t k = 0; k < name.size(); ++k) {
      const size_t other = k + 1 < name.size() ? k + 1 : k - 1;
      std::map<std::string, int> candidates;
      for (const auto& words : line_words)
        for (size_t i = 0; i + 1 < words.size(); ++i) {
          const std::string& here = other > k ? words[i] : words[i + 1];
          const std::string& beside = other > k ? words[i + 1] : words[i];
          const bool same_other = beside == name[other] || beside == name[other] + "s";
          if (same_other && StartsUpperLetter(here) && LettersDroppedInside(name[k], here)) ++candidates[here];
        }
      if (candidates.empty() || CountPhrase(line_words, {name[std::min(k, other)], name[std::max(k, other)]}) > 1) continue;
      std::string best = std::max_element(candidates.begin(), candidates.end(), [](const auto& x, const auto& y) {
                           return x.second < y.second;
                         })->first;
      name[k] = best;
    }
    std::string joined;
    for (const auto& w : name) joined += (joined.empty() ? "" : " ") + w;
    if (joined == before) continue;
    // Not when it would become another attendee.
    if (std::any_of(doc.attendees.begin(), doc.attendees.end(), [&](const Attendee& b) { return b.name == joined; })) continue;
    a.name = joined;
    renamed[before] = joined;
  }
  auto rename = [&](std::optional<std::string>& field) {
    if (field && renamed.count(*field)) field = renamed[*field];
  };
  rename(doc.metadata.chair);
  rename(doc.metadata.secretary);
  for (auto& n : doc.metadata.adjusters)
    if (renamed.count(n)) n = renamed[n];
}

// ---- speakers ----

// Minutes report what someone not on the attendance list did: "Frej Strang
// inlämnade en motion …" (a motion's author). A full name (two or three
// capitalized words) before a reporting verb names the speaker as printed,
// or as the attendee of that full name. Paragraphs after it in the same
// item continue with that speaker, as AttributeSpeakers does.
void PrintedNameSpeakers(const WalkResult& walk, Document& doc) {
  static const std::vector<std::string_view> kVerbs = {
      "inlämnade", "lämnade", "redogjorde", "redogör", "föreslog", "föreslår", "informerade", "informerar",
      "berättade", "berättar", "presenterade", "presenterar", "framförde", "framför", "meddelade", "meddelar",
      "anmälde", "yrkade", "yrkar", "understödde", "påpekade", "frågade", "svarade", "konstaterade", "föredrog"};
  for (size_t k = 0; k < doc.items.size(); ++k) {
    Item& item = doc.items[k];
    for (size_t p = 0; p < item.paragraphs.size(); ++p) {
      Paragraph& para = item.paragraphs[p];
      const bool decision = k < walk.in_decision.size() && p < walk.in_decision[k].size() && walk.in_decision[k][p];
      if (decision || para.speaker_source == std::optional<std::string>("explicit")) continue;
      const auto words = SplitWords(para.text);
      std::optional<std::string> name;
      for (size_t n = 2; n <= 3 && n < words.size() && !name; ++n) {
        std::string candidate;
        for (size_t w = 0; w < n; ++w) candidate += (w ? " " : "") + words[w];
        if (!LooksLikePersonName(candidate)) continue;
        if (std::find(kVerbs.begin(), kVerbs.end(), ToLower(words[n])) == kVerbs.end()) continue;
        const int known = FindAttendee(doc.attendees, candidate, false);
        name = known >= 0 ? doc.attendees[static_cast<size_t>(known)].name : candidate;
      }
      if (!name) continue;
      para.speaker = *name, para.speaker_source = "explicit";
      for (size_t q = p + 1; q < item.paragraphs.size(); ++q) {
        Paragraph& next = item.paragraphs[q];
        const bool next_decision = k < walk.in_decision.size() && q < walk.in_decision[k].size() && walk.in_decision[k][q];
        const bool next_closing = k < walk.closing.size() && q < walk.closing[k].size() && walk.closing[k][q];
        if (next_decision || next_closing || next.speaker_source == std::optional<std::string>("explicit")) break;
        next.speaker = *name, next.speaker_source = "continued";
      }
    }
  }
}

// Pages of appended documents (a negotiation protocol, a printed web page,
// a letter): their § numbers are no items and the people they name do not
// speak at this meeting. A § page shows the protocol's running header
// ("Protokoll 30 § 29.05.2023 Sida", OCR'd "Protokoll 308 29.05.2023"),
// kept as the page header or, where the layout left it, among its first lines.
std::vector<bool> AppendixPages(const LaidOutDocument& laid, std::span<const TextLine> lines, int first_item_page) {
  static const std::regex running(
      R"((?:Protokoll|Föredragningslista|Foredragningslista|Beslutsprotokoll|Kallelse)\s+\S{1,6}(?:\s*§)?\s+\d{1,2}\.\d{1,2}\.\d{4})");
  std::vector<bool> section_page(laid.pages.size() + 1, false);
  bool any = false;
  for (size_t p = 0; p < laid.pages.size(); ++p)
    if (laid.pages[p].header && std::regex_search(*laid.pages[p].header, running)) section_page[p + 1] = any = true;
  std::vector<int> seen(laid.pages.size() + 1, 0);
  for (const auto& l : lines) {
    if (l.page < 1 || static_cast<size_t>(l.page) > laid.pages.size() || seen[static_cast<size_t>(l.page)]++ >= 3) continue;
    if (std::regex_search(l.text, running)) section_page[static_cast<size_t>(l.page)] = any = true;
  }
  std::vector<bool> appendix(laid.pages.size() + 1, false);
  if (!any) return appendix;
  for (size_t p = 1; p <= laid.pages.size(); ++p) appendix[p] = static_cast<int>(p) > first_item_page && !section_page[p];
  return appendix;
}

// "Helena Häggström och Kent Wikblad valdes till protokolljusterare": two
// attendees joined by "och" are the subject of a decision, not a speaker.
void NoSpeakerForNamePairs(Document& doc) {
  for (auto& item : doc.items) {
    std::optional<std::string> cleared;
    for (auto& para : item.paragraphs) {
      if (para.speaker_source == std::optional<std::string>("explicit")) {
        cleared.reset();
        const std::string& name = *para.speaker;
        if (para.text.compare(0, name.size() + 5, name + " och ") != 0) continue;
        const std::string rest = para.text.substr(name.size() + 5);
        if (!std::any_of(doc.attendees.begin(), doc.attendees.end(), [&](const Attendee& a) {
              return !a.name.empty() && rest.compare(0, a.name.size(), a.name) == 0;
            }))
          continue;
        cleared = name;
        para.speaker.reset(), para.speaker_source.reset();
      } else if (cleared && para.speaker == cleared && para.speaker_source == std::optional<std::string>("continued")) {
        para.speaker.reset(), para.speaker_source.reset();
      }
    }
  }
}

// ---- table of contents ----
//
// Nykarleby prints a table of contents on the cover ("Ärenden ... Sida")
// with an intact glyph map, while the § pages themselves are often OCR'd
// (a broken glyph map or a scan): their headings come out as "148 Val av
// protokolljusterare", "168 personalenkat 2022", or are lost. The contents
// list confirms and repairs the headings found in the body; it is never an
// item list by itself: an entry becomes an item only where the body shows
// its heading or a page's running header shows its number.

// A run of leaders between a contents title and its page number, as typeset
// ("......", "……") or as OCR reads it (". . . .", "_ _ _", "-----", "·····").
bool HasLeaderRun(std::string_view text, bool only_at_start = false) {
  int marks = 0, gaps = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '.' || c == '_' || c == '-') {
      ++marks;
    } else if (text.compare(i, 3, "\xE2\x80\xA6") == 0) {  // … U+2026
      marks += 3, i += 2;
    } else if (text.compare(i, 2, "\xC2\xB7") == 0) {  // · U+00B7
      ++marks, ++i;
    } else if (c == ' ' && marks > 0 && gaps < marks) {
      ++gaps;  // ". . ." or "_ _ _": single spaces between the marks
      continue;
    } else {
      if (only_at_start) return false;
      marks = 0, gaps = 0;
      continue;
    }
    if (marks >= 4) return true;
  }
  return false;
}

struct TocEntry {
  std::string number;  // "13", "12a"
  std::string title;
  int printed_page = 0;  // "Sida" column; 0 when unread
};

// Where the leaders of a contents line start (npos: none), and the page
// number after them. OCR may read the tail of the leaders as letters
// ("....ss.sssesese"), so the title ends at the first run of leaders.
size_t LeaderStart(const std::string& text, int& printed_page) {
  printed_page = 0;
  size_t start = std::string::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool mark = c == '.' || c == '_' || c == '-' || text.compare(i, 3, "\xE2\x80\xA6") == 0 ||
                      text.compare(i, 2, "\xC2\xB7") == 0;
    if (mark && HasLeaderRun(std::string_view(text).substr(i), /*only_at_start=*/true)) {
      start = i;
      break;
    }
  }
  if (start == std::string::npos) return start;
  static const std::regex page(R"((\d{1,4})\s*$)");
  std::smatch m;
  const std::string tail = text.substr(start);
  if (std::regex_search(tail, m, page)) printed_page = std::stoi(m[1].str());
  while (start > 0 && text[start - 1] == ' ') --start;
  return start;
}

// Entries "13 § Title ........ 1" of the contents lines; "- Bil. …"
// (appendices) and unnumbered lines ("Mötesuppgifter", "Anvisning för …")
// are not § entries. A title wrapped over two lines ends at the leaders.
std::vector<TocEntry> ParseToc(std::span<const TextLine> lines, const std::vector<bool>& is_toc) {
  static const std::regex numbered(R"(^(\d{1,3})([a-z]?)\s*(?:§|8|&|\$|S)\s*['‘’"]?\s*(\S.*)$)");
  std::vector<TocEntry> entries;
  std::optional<TocEntry> open;  // a numbered line whose leaders have not come yet
  auto close = [&]() {
    if (open) entries.push_back(std::move(*open));
    open.reset();
  };
  for (size_t i = 0; i < lines.size() && i < is_toc.size(); ++i) {
    if (!is_toc[i]) continue;
    std::string text(Trim(lines[i].text));
    int page = 0;
    const size_t leaders = LeaderStart(text, page);
    std::string head = leaders == std::string::npos ? text : std::string(Trim(text.substr(0, leaders)));
    std::smatch m;
    if (std::regex_match(head, m, numbered)) {
      close();
      open = TocEntry{m[1].str() + m[2].str(), m[3].str(), page};
      if (leaders != std::string::npos) close();
      continue;
    }
    if (open && !head.empty() && head[0] != '-' && !std::isdigit(static_cast<unsigned char>(head[0])) &&
        leaders != std::string::npos) {
      open->title += " " + head;
      open->printed_page = page;
    }
    close();
  }
  close();
  // Entries run in sequence; anything else is not this contents list.
  std::vector<TocEntry> ordered;
  for (auto& e : entries)
    if (ordered.empty() || std::stoi(e.number) > std::stoi(ordered.back().number)) ordered.push_back(std::move(e));
  return ordered;
}

// Lower case, accents and the Swedish letters folded to their base letter
// (OCR confuses "ä" and "a", "ö" and "é"), as code points.
std::u32string FoldForOcr(std::string_view text) {
  std::string folded = FoldForSearch(text);
  std::u32string out;
  for (size_t i = 0; i < folded.size();) {
    const unsigned char c = static_cast<unsigned char>(folded[i]);
    char32_t cp;
    size_t n;
    if (c < 0x80) cp = c, n = 1;
    else if ((c >> 5) == 0x6 && i + 1 < folded.size()) cp = ((c & 0x1F) << 6) | (folded[i + 1] & 0x3F), n = 2;
    else if ((c >> 4) == 0xE && i + 2 < folded.size())
      cp = ((c & 0x0F) << 12) | ((folded[i + 1] & 0x3F) << 6) | (folded[i + 2] & 0x3F), n = 3;
    else cp = 0xFFFD, n = 1;
    i += n;
    switch (cp) {
      case U'å': case U'ä': case U'à': case U'á': case U'â': case U'æ': cp = U'a'; break;
      case U'ö': case U'ø': case U'ó': case U'ò': case U'ô': cp = U'o'; break;
      case U'é': case U'è': case U'ë': case U'ê': cp = U'e'; break;
      case U'ü': case U'ú': cp = U'u'; break;
      default: break;
    }
    out += cp;
  }
  return out;
}

size_t EditDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// 1 for equal texts, 0 for nothing in common, by characters after FoldForOcr.
double Similarity(std::string_view a, std::string_view b) {
  const std::u32string fa = FoldForOcr(a), fb = FoldForOcr(b);
  const size_t longest = std::max(fa.size(), fb.size());
  if (longest == 0) return 1;
  return 1.0 - static_cast<double>(EditDistance(fa, fb)) / static_cast<double>(longest);
}

// The body prints the same title as the contents, misread word by word
// ("Anhallan om individuellt tillagg; dietkock", "beslutfrhet"), rather than
// a different wording ("Lägesrapport från välfärdsområdet" for "… från
// Österbottens välfärdsområde"), which stays as the body prints it.
bool SameTitleMisread(std::string_view body, std::string_view contents) {
  const auto body_words = SplitWords(body), contents_words = SplitWords(contents);
  if (body_words.empty() || body_words.size() != contents_words.size()) return false;
  for (size_t k = 0; k < body_words.size(); ++k)
    if (Similarity(body_words[k], contents_words[k]) < 0.5) return false;
  return true;
}

// The number a heading line opens with, as the text layer or OCR prints it:
// "13 §", "§ 13", "13§", "13 8", "138" ("§" read as "8" glued to the number),
// "13&", "13 $". Every reading is returned; the caller picks the one the
// contents list expects. `rest` receives the text after the number.
std::vector<std::string> NumberReadings(const std::string& text, std::string& rest, bool& has_paragraph_sign) {
  static const std::regex sign_first(R"(^§\s*(\d{1,3}[a-z]?)\s+(.*)$)");
  static const std::regex number_first(R"(^(\d{1,4})([a-z]?)\s*(§§|§|8|&|\$|S)?(?=\s|[^\d\w]|$)\s*['‘’"—–=\-|]*\s*(.*)$)");
  std::vector<std::string> readings;
  std::smatch m;
  has_paragraph_sign = false;
  if (std::regex_match(text, m, sign_first)) {
    has_paragraph_sign = true;
    rest = m[2].str();
    readings.push_back(m[1].str());
    return readings;
  }
  if (!std::regex_match(text, m, number_first)) return readings;
  const std::string digits = m[1].str(), letter = m[2].str(), sign = m[3].str();
  rest = m[4].str();
  has_paragraph_sign = sign == "§" || sign == "§§";
  readings.push_back(digits + letter);
  if (letter.empty() && digits.size() >= 2 && digits.back() == '8')
    readings.push_back(digits.substr(0, digits.size() - 1));  // "148" or "128&" for "14§", "12§"
  return readings;
}

// The running header of a § page: "Protokoll 14 § 28.03.2023 Sida",
// OCR'd "Protokoll 148 28.03.2023", "Föredragningslista 1918 26.09.2022".
// Appendix pages ("Bilaga Personalsektionen, 28.03.2023 § 19") are not § pages.
bool HeaderShowsNumber(const std::optional<std::string>& header, const std::string& number) {
  if (!header) return false;
  static const std::regex running(
      R"((?:Protokoll|Föredragningslista|Foredragningslista|Beslutsprotokoll|Kallelse)\s+(\d{1,4})\s*(§|8|&|\$|S)?\s+\d{1,2}\.\d{1,2}\.\d{4})");
  std::smatch m;
  if (!std::regex_search(*header, m, running)) return false;
  const std::string digits = m[1].str();
  if (digits == number) return true;
  return !m[2].matched && digits.size() == number.size() + 1 && digits.back() == '8' &&
         digits.compare(0, number.size(), number) == 0;
}

// Where each contents entry's § opens in the body.
struct TocHeading {
  size_t line;  // index in the body lines; or the first line of the page the header names
  std::string number, title;
  bool synthetic = false;  // no heading line: the page header names the §
};

// The page a running header names for a lost heading: a line near its top
// that opens with the § number (its title too misread to confirm) is the
// heading; otherwise the § opens at the top of the page.
TocHeading HeadingOnPage(std::span<const TextLine> lines, size_t page_start, size_t limit, const TocEntry& entry) {
  for (size_t j = page_start; j < limit && j < page_start + 8 && lines[j].page == lines[page_start].page; ++j) {
    std::string rest;
    bool sign = false;
    const auto readings = NumberReadings(std::string(Trim(lines[j].text)), rest, sign);
    if (std::find(readings.begin(), readings.end(), entry.number) == readings.end() || !StartsUpperLetter(rest)) continue;
    return TocHeading{j, entry.number, SameTitleMisread(rest, entry.title) ? entry.title : rest, false};
  }
  return TocHeading{page_start, entry.number, entry.title, true};
}

std::vector<TocHeading> FindTocHeadings(std::span<const TextLine> lines, size_t body_start,
                                        const std::vector<PageRecord>& pages, const std::vector<TocEntry>& toc) {
  std::vector<TocHeading> found;
  size_t next = 0;  // the first entry not yet found
  size_t i = body_start;
  auto page_header = [&](int page) -> const std::optional<std::string>& {
    static const std::optional<std::string> none;
    return page >= 1 && static_cast<size_t>(page) <= pages.size() ? pages[static_cast<size_t>(page) - 1].header : none;
  };
  for (; i < lines.size() && next < toc.size(); ++i) {
    const std::string text(Trim(lines[i].text));
    std::string rest;
    bool sign = false;
    const auto readings = NumberReadings(text, rest, sign);
    if (readings.empty() || HasLeaderRun(text)) continue;
    // The entry this line opens: the next one, or one a little later when an
    // earlier heading was lost.
    for (size_t k = next; k < toc.size() && k < next + 4; ++k) {
      if (std::find(readings.begin(), readings.end(), toc[k].number) == readings.end()) continue;
      // The first line of a heading wrapped in the body is a prefix of the contents title.
      const double similarity =
          std::max(Similarity(rest, toc[k].title),
                   Similarity(rest, toc[k].title.substr(0, std::min(toc[k].title.size(), rest.size() + 8))));
      // A printed "§" vouches for the heading; a misread one needs the title.
      if (!(sign && StartsUpperLetter(rest)) && similarity < 0.6) continue;
      // Headings lost between the last one found and this one: their page
      // headers may still name them.
      for (size_t lost = next; lost < k; ++lost) {
        for (size_t j = found.empty() ? body_start : found.back().line + 1; j < i; ++j) {
          if (j != body_start && lines[j - 1].page == lines[j].page) continue;  // the first line of a page
          if (!HeaderShowsNumber(page_header(lines[j].page), toc[lost].number)) continue;
          found.push_back(HeadingOnPage(lines, j, i, toc[lost]));
          break;
        }
      }
      found.push_back(TocHeading{i, toc[k].number, SameTitleMisread(rest, toc[k].title) ? toc[k].title : rest, false});
      next = k + 1;
      break;
    }
  }
  // Entries after the last heading found: by page header only.
  for (; next < toc.size(); ++next) {
    for (size_t j = found.empty() ? body_start : found.back().line + 1; j < lines.size(); ++j) {
      if (j > 0 && lines[j - 1].page == lines[j].page) continue;  // the first line of a page
      if (!HeaderShowsNumber(page_header(lines[j].page), toc[next].number)) continue;
      found.push_back(HeadingOnPage(lines, j, lines.size(), toc[next]));
      break;
    }
  }
  return found;
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
  // OCR reads specks of a scanned logo or a stray quote as lines of a few
  // points ("”", "Pak", "ON"): far below any printed text, not text at all.
  std::vector<TextLine> kept;
  kept.reserve(laid.lines.size());
  // The protocol's own running header left in the body ("Protokoll 19 §
  // 24.05.2023 Sida") and, on OCR'd pages, a line of the letterhead that
  // other pages' headers hold ("År NYKARLEBY" for "NYKARLEBY") are no text.
  static const std::regex running(
      R"(^(?:Protokoll|Föredragningslista|Foredragningslista|Beslutsprotokoll)\s+\S{1,6}(?:\s*§)?\s+\d{1,2}\.\d{1,2}\.\d{4}(?:\s+Sida)?(?:\s+\d{1,3})?$)");
  std::set<std::string> header_lines;
  for (const auto& page : laid.pages)
    if (page.header)
      for (const auto& h : SplitOn(*page.header, '\n'))
        if (h.size() >= 6) header_lines.insert(h);
  std::vector<int> seen_on_page(laid.pages.size() + 2, 0);
  for (const auto& l : laid.lines) {
    if (l.ocr && laid.body_font_size > 0 && l.font_size < 0.45 * laid.body_font_size) continue;
    const std::string text(Trim(l.text));
    const bool near_top = l.page >= 0 && static_cast<size_t>(l.page) < seen_on_page.size() &&
                          seen_on_page[static_cast<size_t>(l.page)]++ < 4;
    if (std::regex_match(text, running)) continue;
    if (l.ocr && near_top) {
      // Up to two short misread words before the letterhead text.
      auto words = SplitWords(text);
      bool letterhead = false;
      for (size_t skip = 0; skip <= 2 && skip < words.size() && !letterhead; ++skip) {
        if (skip > 0 && words[skip - 1].size() > 3) break;
        std::string tail;
        for (size_t w = skip; w < words.size(); ++w) tail += (tail.empty() ? "" : " ") + words[w];
        letterhead = header_lines.count(tail) > 0;
      }
      if (letterhead) continue;
    }
    kept.push_back(l);
    // A rule of dashes ("––––––––") closes a decision like "_____".
    static const std::regex dashes(R"(^(?:[-_–—]\s*){3,}$)");
    if (std::regex_match(text, dashes)) kept.back().text = "_____";
  }
  std::span<const TextLine> lines = kept;
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
    if (t == "Ärenden" || t == "Innehåll" || t == "Ärenden Sida" || t == "Innehållsförteckning" ||
        t == "Ärenden som skall behandlas" || t == "Ärenden som ska behandlas") {
      // "Ärenden 13-24" on the cover has its value in the same row.
      bool has_value = false;
      for (size_t j = 0; j < lines.size(); ++j)
        if (j != i && lines[j].page == lines[i].page && std::abs(lines[j].box.y0 - lines[i].box.y0) < 3 &&
            Trim(lines[j].text) != "Sida" && std::any_of(lines[j].text.begin(), lines[j].text.end(), [](char c) { return c >= '0' && c <= '9'; }))
          has_value = true;
      if (!has_value) toc_page = lines[i].page;
    }
    if (toc_page == lines[i].page || HasDottedLeaders(t) || HasLeaderRun(t)) {
      is_toc[i] = true;
      continue;
    }
    Heading h;
    if (IsHeading(lines[i], 0, h)) {
      first_item = i;
      break;
    }
  }

  // With a contents list, the headings it confirms (see FindTocHeadings);
  // without one, the heading rules alone.
  std::vector<TocEntry> toc = ParseToc(lines, is_toc);
  std::vector<TocHeading> toc_headings;
  if (!toc.empty()) {
    size_t body_start = 0;
    for (size_t i = 0; i < is_toc.size(); ++i)
      if (is_toc[i]) body_start = i + 1;
    toc_headings = FindTocHeadings(lines, body_start, laid.pages, toc);
    if (toc_headings.size() * 2 < toc.size()) toc_headings.clear();  // not this document's contents
  }
  std::vector<TextLine> body;       // the lines from the first item on, with a heading line where only a header names the §
  std::vector<size_t> heading_at;   // index in `body` of each of toc_headings
  if (!toc_headings.empty()) {
    first_item = toc_headings.front().line;
    size_t next = 0;
    for (size_t i = first_item; i < lines.size(); ++i) {
      while (next < toc_headings.size() && toc_headings[next].line == i) {
        if (toc_headings[next].synthetic) {
          TextLine heading_line = lines[i];
          heading_line.text = toc_headings[next].number + " § " + toc_headings[next].title;
          heading_line.box.y1 = heading_line.box.y0;
          heading_line.gap_before = 0;
          heading_at.push_back(body.size());
          body.push_back(std::move(heading_line));
        } else {
          heading_at.push_back(body.size());
        }
        ++next;
      }
      body.push_back(lines[i]);
    }
  } else {
    body.assign(lines.begin() + static_cast<std::ptrdiff_t>(first_item), lines.end());
  }

  std::span<const TextLine> header = lines.subspan(0, first_item);
  ParseCover(header, doc);
  NamesAsPrintedElsewhere(lines, doc);
  // "Protokoll 1/2023" repeated at the top of every page is a running header.
  for (size_t p = 0; p < laid.pages.size() && !doc.metadata.reference; ++p) {
    if (!laid.pages[p].header) continue;
    static const std::regex running(R"((Protokoll|Föredragningslista|Kallelse)\s+(\d{1,3}/\d{4}))");
    std::smatch m;
    if (std::regex_search(*laid.pages[p].header, m, running)) {
      if (!doc.metadata.title) doc.metadata.title = m[1].str();
      doc.metadata.reference = m[2].str();
    }
  }

  std::vector<TextLine> preamble_lines;
  for (size_t i = 0; i < first_item; ++i)
    if (!is_toc[i] && !IsPageLabelLine(lines[i].text) && !IsRuleLine(lines[i].text)) preamble_lines.push_back(lines[i]);
  doc.preamble = BuildBodyParagraphs(preamble_lines, context);

  ItemRules rules = Rules(laid.body_left, [&body](const TextLine& line) {
    const TextLine* first = body.data();
    if (&line < first || &line + 1 >= first + body.size()) return false;
    const TextLine& next = *(&line + 1);
    return next.page == line.page && next.box.x0 > line.box.x0 + 30;
  });
  if (!toc_headings.empty()) {
    // Only the confirmed headings open items: § numbers in appended
    // documents ("1 §" of a negotiation protocol) are not this body's items.
    rules.heading = [&body, &heading_at, &toc_headings](const TextLine& line, int, Heading& out) {
      const TextLine* first = body.data();
      if (&line < first || &line >= first + body.size()) return false;
      const size_t index = static_cast<size_t>(&line - first);
      auto it = std::find(heading_at.begin(), heading_at.end(), index);
      if (it == heading_at.end()) return false;
      const TocHeading& h = toc_headings[static_cast<size_t>(it - heading_at.begin())];
      out.number = h.number;
      out.title = h.title;
      return true;
    };
  }
  WalkResult walk = WalkItems(body, rules, context, doc);
  if (!toc_headings.empty() && doc.items.size() == toc_headings.size()) {
    // A title the contents list already gave whole is not continued by the
    // walker's next-line rules.
    for (size_t k = 0; k < doc.items.size(); ++k) {
      const auto entry = std::find_if(toc.begin(), toc.end(), [&](const TocEntry& e) { return e.number == toc_headings[k].number; });
      if (entry != toc.end() && (toc_headings[k].title == entry->title || SameTitleMisread(doc.items[k].title, entry->title)))
        doc.items[k].title = entry->title;
    }
  }
  for (auto& item : doc.items)
    for (auto& p : item.presenters)
      if (int a = FindAttendee(doc.attendees, p, false); a >= 0) p = doc.attendees[static_cast<size_t>(a)].name;
  AttributeSpeakers(doc, walk, SwedishSpeakerRules());
  PrintedNameSpeakers(walk, doc);
  NoSpeakerForNamePairs(doc);
  if (!doc.items.empty()) {
    const std::vector<bool> appendix = AppendixPages(laid, laid.lines, doc.items.front().page);
    for (auto& item : doc.items)
      for (auto& para : item.paragraphs)
        if (para.page >= 1 && static_cast<size_t>(para.page) < appendix.size() && appendix[static_cast<size_t>(para.page)])
          para.speaker.reset(), para.speaker_source.reset();
  }
  FindNextMeeting(body, {"nästa sammanträde hålls", "nästa möte hålls", "nästa sammanträde är"}, doc);
}

}  // namespace protokoll::segment
