// Danish municipal referat / dagsorden (Aarhus on FirstAgenda, and the
// committee referats of the other Danish agenda systems). The rules, in one
// place:
// - Title line: "REFERAT Aarhus Byråd d. 27-08-2025": the title word, the
//   organ, the date after "d." / "den".
// - Form fields: "Mødedato Onsdag d. 27. august 2025 kl. 16:00" (date and
//   start), "Mødested …" (place), "Sluttidspunkt"/"Mødet sluttede kl.".
// - "Indholdsfortegnelse" lists the items with dotted leaders: not items.
// - Items: "Punkt 3: Title" (bold, continued on bold lines of the same
//   size); where no "Punkt" heading is printed, "3. Title" in sequence on a
//   bold line.
// - "Beslutning"/"Beslutninger": the decision, up to the next section:
//   a bold line shorter than the item headings ("Bilag", "Sagsforløb",
//   "Resume", "Indstilling", "Sagsfremstilling"), a line in capitals
//   ("BESLUTNINGSFORSLAG FRA DD") or a short label ending in ':' ("Baggrund:").
// - Attendance where printed: "Deltagere:"/"Til stede:" present,
//   "Fraværende:"/"Afbud:" absent, comma-separated names.
#include <algorithm>
#include <regex>

#include "protokoll/text.h"
#include "segment/common.h"
#include "segment/formats.h"

namespace protokoll::segment {
namespace {

bool IsPunktHeading(std::string_view text, Heading& out) {
  static const std::regex re(R"(^(?:Punkt|Pkt\.)\s+(\d{1,3})([a-z]?)\s*[:.]\s*(\S.*)$)");
  std::string t(Trim(text));
  std::smatch m;
  if (!std::regex_match(t, m, re)) return false;
  out.number = m[1].str() + m[2].str();
  out.title = m[3].str();
  return StartsUpperLetter(out.title) && !HasDottedLeaders(out.title);
}

bool IsNumberedHeading(const TextLine& line, int previous, Heading& out) {
  static const std::regex re(R"(^(\d{1,3})\.\s+(\S.*)$)");
  std::string t(Trim(line.text));
  std::smatch m;
  if (!line.bold || !std::regex_match(t, m, re)) return false;
  const int n = std::stoi(m[1].str());
  if (previous == 0 ? n > 2 : n != previous + 1) return false;
  out.number = m[1].str();
  out.title = m[2].str();
  return StartsUpperLetter(out.title) && !HasDottedLeaders(out.title);
}

bool IsCapitals(std::string_view text) {
  int upper = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
    if (c == 0xC3 && i + 1 < text.size()) {  // æ ø å are lower case in 0xA0..0xBF
      unsigned char d = static_cast<unsigned char>(text[i + 1]);
      if (d >= 0xA0) return false;
      ++upper;
    }
  }
  return upper >= 4;
}

bool IsDecisionLabel(std::string_view text) {
  std::string_view t = Trim(text);
  return t == "Beslutning" || t == "Beslutninger" || t == "Beslutning:" || t == "Afgørelse" || t == "Vedtagelse";
}

const SpeakerRules& DanishSpeakerRules() {
  static const SpeakerRules rules{
      {"orienterede", "fremlagde", "spurgte", "svarede", "foreslog", "bemærkede", "redegjorde", "oplyste",
       "præsenterede", "fortalte", "gennemgik", "understregede", "tilføjede", "anbefalede", "åbnede", "afsluttede",
       "takkede", "informerede", "nævnte", "påpegede"},
      {"Borgmesteren", "Formanden", "Udvalget", "Byrådet", "Direktøren", "Forvaltningen", "Magistraten"},
      {"Rådmand", "Borgmester"}};
  return rules;
}

}  // namespace

int DetectDanishReferat(std::span<const TextLine> lines) {
  int score = 0, headings = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = Trim(lines[i].text);
    Heading h;
    if (IsPunktHeading(t, h)) ++headings;
    if (IsDecisionLabel(t)) score += 1;
    if (t.rfind("Mødedato", 0) == 0 || t.rfind("Mødested", 0) == 0 || t == "Indholdsfortegnelse" ||
        t == "Sagsfremstilling" || t == "Sagsforløb" || t.rfind("Fraværende", 0) == 0)
      score += 2;
    if (i < 10 && (StartsWithNoCase(t, "referat") || StartsWithNoCase(t, "dagsorden"))) score += 2;
  }
  if (score < 4 || (headings == 0 && score < 8)) return 0;
  return score + 2 * std::min(headings, 10);
}

void ParseDanishReferat(const LaidOutDocument& laid, const HyphenationContext& context, Document& doc) {
  doc.language = "da";
  std::span<const TextLine> lines = laid.lines;
  bool punkt = false;
  for (const auto& l : lines) {
    Heading h;
    if (IsPunktHeading(l.text, h)) {
      punkt = true;
      break;
    }
  }
  auto is_heading = [punkt](const TextLine& line, int previous, Heading& out) {
    if (punkt) return IsPunktHeading(line.text, out);
    return IsNumberedHeading(line, previous, out);
  };
  const size_t first_item = FirstHeading(lines, is_heading);
  std::span<const TextLine> header = lines.subspan(0, first_item);

  enum class List { kNone, kPresent, kAbsent } list = List::kNone;
  std::vector<TextLine> preamble_lines;
  bool contents = false;
  for (const auto& line : header) {
    std::string text(Trim(line.text));
    if (text == "Indholdsfortegnelse") {
      contents = true;
      continue;
    }
    if (contents && (HasDottedLeaders(text) || std::all_of(text.begin(), text.end(), ::isdigit) || line.box.x0 > laid.body_left + 200))
      continue;
    contents = false;
    if (IsPageLabelLine(text)) continue;
    preamble_lines.push_back(line);
    static const std::regex title_re(R"(^(REFERAT|Referat|DAGSORDEN|Dagsorden|BESLUTNINGSPROTOKOL|Beslutningsprotokol)\s+(.+)$)");
    std::smatch m;
    if (!doc.metadata.title && std::regex_match(text, m, title_re)) {
      std::string title = ToLower(m[1].str());
      title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
      doc.metadata.title = title;
      static const std::regex organ_re(R"(^(.+?)\s+(?:d\.|den)\s+\d.*$)");
      std::string rest = m[2].str();
      std::smatch o;
      if (std::regex_match(rest, o, organ_re)) rest = o[1].str();
      static const std::regex mode_re(R"(\s+\d{1,2}[-.]\d{1,2}[-.]\d{4}.*$)");
      rest = std::regex_replace(rest, mode_re, "");
      if (!rest.empty() && rest.size() < 80) doc.metadata.body = rest;
      continue;
    }
    auto field = [&](std::string_view label) -> std::optional<std::string> {
      if (text.rfind(label, 0) != 0) return std::nullopt;
      std::string_view rest = Trim(std::string_view(text).substr(label.size()));
      if (!rest.empty() && rest.front() == ':') rest = Trim(rest.substr(1));
      return std::string(rest);
    };
    if (auto v = field("Mødedato"); v && !doc.metadata.date) {
      if (auto d = FindDate(*v)) doc.metadata.date = d->Iso();
      TimeSpan t = FindTimes(*v);
      doc.metadata.start_time = t.start;
      doc.metadata.end_time = t.end;
      continue;
    }
    if (auto v = field("Mødested"); v && !doc.metadata.place) {
      doc.metadata.place = *v;
      continue;
    }
    for (std::string_view label : {"Udvalg", "Organ"})
      if (auto v = field(label); v && !doc.metadata.body && !v->empty()) doc.metadata.body = *v;
    std::string rest;
    if (auto v = field("Fraværende"); v) list = List::kAbsent, rest = *v;
    else if (auto w = field("Afbud"); w) list = List::kAbsent, rest = *w;
    else if (auto x = field("Deltagere"); x) list = List::kPresent, rest = *x;
    else if (auto y = field("Til stede"); y) list = List::kPresent, rest = *y;
    else if (list != List::kNone) rest = text;
    if (list == List::kNone) continue;
    bool any = false;
    for (auto& piece : SplitOn(rest, ',')) {
      std::string name = piece;
      static const std::regex paren(R"(\s*\([^)]*\)\s*$)");
      name = std::regex_replace(name, paren, "");
      if (StartsWithNoCase(name, "og ")) name.erase(0, 3);
      if (!LooksLikePersonName(name)) continue;
      any = true;
      Attendee a;
      a.name = name;
      a.status = list == List::kAbsent ? "absent" : "present";
      doc.attendees.push_back(std::move(a));
    }
    if (!any && !rest.empty()) list = List::kNone;
  }
  if (!doc.metadata.date) {
    for (const auto& l : header)
      if (auto d = FindDate(l.text)) {
        doc.metadata.date = d->Iso();
        break;
      }
  }
  doc.preamble = BuildBodyParagraphs(preamble_lines, context);

  double heading_size = 0;
  if (first_item < lines.size()) heading_size = lines[first_item].font_size;
  ItemRules rules;
  rules.heading = is_heading;
  rules.decision_marker = [](std::string_view text, std::string& inline_text) {
    inline_text.clear();
    static const std::regex inline_re(R"(^Beslutning\s*:\s*(\S.*)$)");
    std::string t(Trim(text));
    std::smatch m;
    if (std::regex_match(t, m, inline_re)) {
      inline_text = m[1].str();
      return true;
    }
    return IsDecisionLabel(t);
  };
  rules.section_marker = [heading_size](const TextLine& line) {
    std::string_view t = Trim(line.text);
    if (t.empty() || t.size() > 70) return false;
    if (line.bold && SplitWords(t).size() <= 6 && (heading_size == 0 || line.font_size < heading_size - 0.5) &&
        !EndsWithAny(t, ".,"))
      return true;
    if (IsCapitals(t) && SplitWords(t).size() <= 10) return true;
    return t.back() == ':' && SplitWords(t).size() <= 3 && StartsUpperLetter(t);
  };
  WalkResult walk = WalkItems(lines.subspan(first_item), rules, context, doc);
  AttributeSpeakers(doc, walk, DanishSpeakerRules());
}

}  // namespace protokoll::segment
