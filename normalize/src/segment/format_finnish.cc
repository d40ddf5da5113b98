// Finnish municipal pöytäkirja / esityslista (Lapua and the other councils
// on the same case-management system). The rules, in one place:
// - Running header: "<Municipality> Pöytäkirja 5/2021 1 (28)" over
//   "<Organ> 26.10.2021": the title word and the reference follow each
//   other on one header line; the organ is the header line that carries the
//   meeting date, without the date.
// - Cover form: "Aika 26.10.2021, klo 17:32 - 18:56" (date, start, end),
//   "Paikka …" (place), "Käsitellyt asiat" (the list of contents, not items).
// - Attendance: "Saapuvilla olleet jäsenet" present ("…, varajäsen":
//   substitute; "…, puheenjohtaja": the chair), "Muut saapuvilla olleet"
//   present ("…, sihteeri": the secretary), "Poissa" absent; the list ends
//   at "Allekirjoitukset". Names are printed in natural order.
// - "Pöytäkirjan tarkastus": the adjusters, two names on one row.
// - Items: "§ 96 Title" (bold), the title continued on bold lines under it.
//   A § number printed twice is listed first in the contents: the item
//   starts where it is printed the second time.
// - Sections: "Ehdotus", "Päätös" (the decision, up to the next section),
//   "Esittelijä: Name, Role" (the presenter), the earlier handling of the
//   same case "Kaupunginhallitus, 03.11.2025, § 370", "Liitteet",
//   "Valmistelija / lisätiedot:", "Muutoksenhaku".
#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "protokoll/text.h"
#include "segment/common.h"
#include "segment/formats.h"

namespace protokoll::segment {
namespace {

bool IsFinnishHeading(const TextLine& line, int previous, Heading& out) {
  static const std::regex re(R"(^§\s*(\d{1,3})([a-z]?)\s+(\S.*)$)");
  std::string text(Trim(line.text));
  std::smatch m;
  if (!std::regex_match(text, m, re)) return false;
  std::string title = m[3].str();
  if (!StartsUpperLetter(title) || HasDottedLeaders(title)) return false;
  const int n = std::stoi(m[1].str());
  if (previous != 0 && (n <= previous || n > previous + 30)) return false;
  out.number = m[1].str() + m[2].str();
  out.title = title;
  return true;
}

// Section labels of an item.
bool IsSectionLabel(std::string_view text) {
  static const std::vector<std::string_view> kLabels = {
      "Ehdotus", "Esitys", "Liitteet", "Oheismateriaali", "Muutoksenhaku", "Tiedoksi", "Täytäntöönpano",
      "Valmistelija / lisätiedot:", "Valmistelijat / lisätiedot:", "Valmistelija", "Lisätiedot", "Käsittely",
      "Esteellisyys", "Merkittiin", "Toimenpiteet", "Selostus"};
  std::string_view t = Trim(text);
  for (auto l : kLabels)
    if (t == l) return true;
  return false;
}

// "Kaupunginhallitus, 03.11.2025, § 370": an earlier (or this) handling of the case.
bool IsHandlingLine(std::string_view text) {
  static const std::regex re(R"(^[A-ZÅÄÖ][^,]{2,60},\s*(?:§\s*\d{1,3}\s*,\s*)?\d{1,2}\.\d{1,2}\.\d{4}(?:\s*,\s*§\s*\d{1,3})?$)");
  std::string t(Trim(text));
  return std::regex_match(t, re);
}

enum class List { kNone, kMembers, kOthers, kAbsent, kAdjusters };

List ListOf(std::string_view text) {
  std::string t = ToLower(Trim(text));
  if (t == "saapuvilla olleet jäsenet" || t == "läsnä" || t == "läsnä olleet jäsenet" || t == "jäsenet") return List::kMembers;
  if (t == "muut saapuvilla olleet" || t == "muut läsnäolijat" || t == "muut läsnä olleet") return List::kOthers;
  if (t == "poissa" || t == "poissa olleet" || t == "poissa olleet jäsenet") return List::kAbsent;
  if (t == "pöytäkirjan tarkastus" || t == "pöytäkirjan tarkastajat") return List::kAdjusters;
  return List::kNone;
}

bool EndsList(std::string_view text) {
  std::string t = ToLower(Trim(text));
  return t == "allekirjoitukset" || t == "pöytäkirjan nähtävänäolo" || t == "puheenjohtaja" || t == "käsitellyt asiat" ||
         t == "käsiteltävät asiat";
}

bool HasRole(const std::vector<std::string>& parts, std::string_view role) {
  for (size_t i = 1; i < parts.size(); ++i)
    if (ToLower(parts[i]) == role) return true;
  return false;
}

// The cells of a table row: "Kati Lahnalampi      Ulla Tiitu".
std::vector<std::string> Cells(const TextLine& line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (const auto& c : line.cells) {
    out.emplace_back(Trim(std::string_view(line.text).substr(start, c.offset - start)));
    start = c.offset;
  }
  out.emplace_back(Trim(std::string_view(line.text).substr(start)));
  return out;
}

void ParseCover(std::span<const TextLine> header, Document& doc) {
  List list = List::kNone;
  for (const auto& line : header) {
    std::string text(Trim(line.text));
    if (text.empty()) continue;
    if (text.rfind("Aika ", 0) == 0 && !doc.metadata.date) {
      if (auto d = FindDate(text)) {
        doc.metadata.date = d->Iso();
        TimeSpan t = FindTimes(text);
        doc.metadata.start_time = t.start;
        doc.metadata.end_time = t.end;
      }
      continue;
    }
    if (text.rfind("Paikka ", 0) == 0 && !doc.metadata.place) {
      doc.metadata.place = std::string(Trim(std::string_view(text).substr(7)));
      continue;
    }
    if (List l = ListOf(text); l != List::kNone) {
      list = l;
      continue;
    }
    if (EndsList(text)) {
      list = List::kNone;
      continue;
    }
    if (list == List::kNone) continue;
    if (list == List::kAdjusters) {
      for (const auto& cell : Cells(line))
        if (LooksLikePersonName(cell)) doc.metadata.adjusters.push_back(cell);
      if (doc.metadata.adjusters.size() >= 2) list = List::kNone;
      continue;
    }
    auto parts = SplitOn(text, ',');
    if (parts.empty()) continue;
    std::string name = parts[0];
    bool remote = TakeRemoteMarker(name);
    if (!LooksLikePersonName(name)) continue;
    Attendee a;
    a.name = name;
    a.remote = remote;
    std::string role;
    for (size_t i = 1; i < parts.size(); ++i) role += (role.empty() ? "" : ", ") + parts[i];
    if (!role.empty()) a.role = role;
    if (list == List::kAbsent) {
      a.status = "absent";
    } else if (HasRole(parts, "varajäsen") || HasRole(parts, "varavaltuutettu")) {
      a.status = "substitute";
    } else {
      a.status = "present";
    }
    if (a.status != "absent" && HasRole(parts, "puheenjohtaja") && !doc.metadata.chair) doc.metadata.chair = a.name;
    if (a.status != "absent" && (HasRole(parts, "sihteeri") || HasRole(parts, "pöytäkirjanpitäjä")) && !doc.metadata.secretary)
      doc.metadata.secretary = a.name;
    doc.attendees.push_back(std::move(a));
  }
}

// Title, reference and organ from the running header.
void ParseRunningHeader(const LaidOutDocument& laid, Document& doc) {
  for (const auto& page : laid.pages) {
    if (!page.header) continue;
    static const std::regex title_re(R"((Pöytäkirja|Esityslista|Kokouskutsu|Päätöspöytäkirja)(?:\s+(\d{1,3}/\d{4}))?)");
    for (const auto& raw : SplitOn(*page.header, '\n')) {
      std::smatch m;
      if (std::regex_search(raw, m, title_re)) {
        if (!doc.metadata.title) doc.metadata.title = m[1].str();
        if (!doc.metadata.reference && m[2].matched) doc.metadata.reference = m[2].str();
        continue;
      }
      if (!doc.metadata.body && FindDate(raw)) {
        static const std::regex date_re(R"(\s*\d{1,2}\.\d{1,2}\.\d{4}.*$)");
        std::string organ = std::regex_replace(raw, date_re, "");
        if (StartsUpperLetter(organ) && organ.size() < 80) doc.metadata.body = std::string(Trim(organ));
      }
    }
    if (doc.metadata.title && doc.metadata.body) return;
  }
}

const SpeakerRules& FinnishSpeakerRules() {
  static const SpeakerRules rules{
      {"totesi", "esitti", "ehdotti", "kannatti", "alusti", "kertoi", "selosti", "esitteli", "kysyi", "vastasi",
       "avasi", "päätti", "ilmoitti", "huomautti", "korosti", "totesivat", "jätti", "pyysi", "lausui"},
      {"Puheenjohtaja", "Kaupunginjohtaja", "Esittelijä", "Kaupunginhallitus", "Lautakunta", "Valtuusto",
       "Kaupunginvaltuusto", "Sihteeri", "Ympäristölautakunta"},
      {}};
  return rules;
}

}  // namespace

int DetectFinnishPoytakirja(std::span<const TextLine> lines) {
  int score = 0, headings = 0;
  for (const auto& l : lines) {
    std::string_view t = Trim(l.text);
    if (t == "Käsitellyt asiat" || ListOf(t) == List::kMembers || ListOf(t) == List::kOthers ||
        t == "Pöytäkirjan tarkastus" || t == "Allekirjoitukset")
      score += 3;
    if (t.rfind("Aika ", 0) == 0 && t.find("klo") != std::string_view::npos) score += 3;
    if (t == "Päätös" || t == "Ehdotus") score += 1;
    if (t.rfind("Esittelijä:", 0) == 0) score += 1;
    Heading h;
    if (IsFinnishHeading(l, 0, h)) ++headings;
  }
  if (headings == 0 || score < 6) return 0;
  return score + std::min(headings, 10);
}

void ParseFinnishPoytakirja(const LaidOutDocument& laid, const HyphenationContext& context, Document& doc) {
  doc.language = "fi";
  std::span<const TextLine> lines = laid.lines;

  // The item list on the cover prints every § once; the items print them again.
  std::set<std::string> seen;
  size_t first_item = lines.size(), first_heading = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    Heading h;
    if (!IsFinnishHeading(lines[i], 0, h)) continue;
    if (first_heading == lines.size()) first_heading = i;
    if (seen.count(h.number)) {
      first_item = i;
      break;
    }
    seen.insert(h.number);
  }
  if (first_item == lines.size()) first_item = first_heading;
  std::span<const TextLine> header = lines.subspan(0, first_item);
  ParseCover(header, doc);
  ParseRunningHeader(laid, doc);
  if (!doc.metadata.date) {
    for (const auto& l : header)
      if (auto d = FindDate(l.text)) {
        doc.metadata.date = d->Iso();
        break;
      }
  }

  std::vector<TextLine> preamble_lines;
  bool in_contents = false;
  for (const auto& l : header) {
    std::string_view t = Trim(l.text);
    if (t == "Käsitellyt asiat" || t == "Käsiteltävät asiat") in_contents = true;
    if (ListOf(t) != List::kNone) in_contents = false;
    Heading h;
    if (in_contents || IsFinnishHeading(l, 0, h) || IsPageLabelLine(t)) continue;
    preamble_lines.push_back(l);
  }
  doc.preamble = BuildBodyParagraphs(preamble_lines, context);

  // The handling lines printed above a heading belong to the item under it:
  // move them after its title.
  std::vector<TextLine> body(lines.begin() + static_cast<std::ptrdiff_t>(first_item), lines.end());
  for (size_t i = 1; i < body.size(); ++i) {
    Heading h;
    if (!IsFinnishHeading(body[i], 0, h)) continue;
    size_t start = i;
    while (start > 0 && IsHandlingLine(body[start - 1].text) && body[start - 1].page == body[i].page) --start;
    if (start == i) continue;
    size_t end = i + 1;
    // The title's own continuation lines (bold, no gap) stay with it.
    while (end < body.size() && end <= i + 2 && body[end].bold && body[end].gap_before < 3 &&
           !IsHandlingLine(body[end].text))
      ++end;
    std::rotate(body.begin() + static_cast<std::ptrdiff_t>(start), body.begin() + static_cast<std::ptrdiff_t>(i),
                body.begin() + static_cast<std::ptrdiff_t>(end));
  }

  ItemRules rules;
  rules.heading = IsFinnishHeading;
  rules.decision_marker = [](std::string_view text, std::string& inline_text) {
    inline_text.clear();
    std::string_view t = Trim(text);
    return t == "Päätös" || t == "Päätökset" || t == "Päätös:";
  };
  rules.section_marker = [](const TextLine& line) {
    std::string_view t = Trim(line.text);
    if (IsSectionLabel(t) || IsHandlingLine(t)) return true;
    // "Kaupunginjohtajan ehdotus:" and the like: a short bold label.
    return line.bold && t.size() < 60 && !t.empty() && t.back() == ':' && SplitWords(t).size() <= 4;
  };
  rules.presenter_field = [](std::string_view text) -> std::optional<std::string> {
    static const std::regex re(R"(^Esittelijä\s*:\s*([^,]+))");
    std::string t(text);
    std::smatch m;
    if (!std::regex_search(t, m, re)) return std::nullopt;
    std::string name(Trim(m[1].str()));
    if (!LooksLikePersonName(name)) return std::nullopt;
    return name;
  };
  WalkResult walk = WalkItems(body, rules, context, doc);
  for (auto& item : doc.items) {
    std::vector<std::string> unique;
    for (auto& p : item.presenters)
      if (std::find(unique.begin(), unique.end(), p) == unique.end()) unique.push_back(p);
    item.presenters = std::move(unique);
  }
  AttributeSpeakers(doc, walk, FinnishSpeakerRules());
}

}  // namespace protokoll::segment
