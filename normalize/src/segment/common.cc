#include "segment/common.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>

#include "protokoll/text.h"

namespace protokoll::segment {
namespace {

size_t FirstCharLength(std::string_view s) {
  if (s.empty()) return 0;
  unsigned char c = static_cast<unsigned char>(s[0]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
  return std::min(n, s.size());
}

bool IsLetterStart(std::string_view s) {
  if (s.empty()) return false;
  unsigned char c = static_cast<unsigned char>(s[0]);
  return std::isalpha(c) || c >= 0xC3;  // Latin-1 letters and beyond
}

std::string Lower(std::string_view s) { return ToLower(s); }

}  // namespace

// ---- text ----

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  return Lower(s.substr(0, prefix.size())) == Lower(prefix);
}

bool StartsUpperLetter(std::string_view s) {
  if (!IsLetterStart(s)) return false;
  std::string first(s.substr(0, FirstCharLength(s)));
  return Lower(first) != first;
}

bool StartsLowerLetter(std::string_view s) {
  if (!IsLetterStart(s)) return false;
  std::string first(s.substr(0, FirstCharLength(s)));
  return Lower(first) == first;
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string> SplitOn(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(sep, i);
    if (j == std::string_view::npos) j = s.size();
    std::string_view part = Trim(s.substr(i, j - i));
    if (!part.empty()) out.emplace_back(part);
    i = j + 1;
  }
  return out;
}

bool EndsWithAny(std::string_view s, std::string_view chars) {
  s = Trim(s);
  return !s.empty() && chars.find(s.back()) != std::string_view::npos;
}

bool IsRuleLine(std::string_view s) {
  s = Trim(s);
  if (s.size() < 3) return false;
  size_t marks = static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return c == '_' || c == '-'; }));
  return marks >= 3 && marks + 2 >= s.size();  // "_____n" in a broken glyph map
}

bool HasDottedLeaders(std::string_view s) {
  return s.find(".....") != std::string_view::npos || s.find("\xE2\x80\xA6\xE2\x80\xA6") != std::string_view::npos ||
         s.find(". . . .") != std::string_view::npos;
}

bool IsPageLabelLine(std::string_view s) {
  static const std::regex re(R"((\d{1,4}\s*\(\s*\d{1,4}\s*\))|((sida|page|sivu)\s+\d{1,4}(\s+(av|of|/)\s+\d{1,4})?))",
                             std::regex::icase | std::regex::optimize);
  std::string t(Trim(s));
  return std::regex_match(t, re);
}

std::string JoinLines(const std::vector<std::string>& lines, const HyphenationContext& context) {
  std::string out;
  for (const auto& raw : lines) {
    std::string line(Trim(raw));
    if (line.empty()) continue;
    if (!out.empty() && out.back() == '-') {
      size_t left_start = out.rfind(' ');
      left_start = left_start == std::string::npos ? 0 : left_start + 1;
      std::string left = out.substr(left_start);
      size_t right_end = line.find(' ');
      std::string right = line.substr(0, right_end);
      HyphenRepair repair = DecideLineEndHyphen(left, right, context);
      out.resize(left_start);
      out += repair.result;
      if (right_end != std::string::npos) out += line.substr(right_end);
    } else {
      if (!out.empty()) out += ' ';
      out += line;
    }
  }
  return out;
}

// ---- dates and times ----

std::string DateParts::Iso() const {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

namespace {

int MonthNumber(std::string_view name) {
  static const std::map<std::string, int, std::less<>> kMonths = {
      {"januari", 1},  {"februari", 2}, {"mars", 3},      {"april", 4},    {"maj", 5},       {"juni", 6},
      {"juli", 7},     {"augusti", 8},  {"september", 9}, {"oktober", 10}, {"november", 11}, {"december", 12},
      {"january", 1},  {"february", 2}, {"march", 3},     {"may", 5},      {"june", 6},      {"july", 7},
      {"august", 8},   {"october", 10}, {"jan", 1},       {"feb", 2},      {"mar", 3},       {"apr", 4},
      {"jun", 6},      {"jul", 7},      {"aug", 8},       {"sep", 9},      {"sept", 9},      {"okt", 10},
      {"oct", 10},     {"nov", 11},     {"dec", 12},
      // Danish and Norwegian spellings.
      {"januar", 1},   {"februar", 2},  {"marts", 3},     {"mai", 5},      {"desember", 12}};
  auto it = kMonths.find(Lower(name));
  return it == kMonths.end() ? 0 : it->second;
}

bool Valid(const DateParts& d) { return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31; }

struct DateMatch {
  DateParts date;
  size_t pos = 0, len = 0;
};

std::optional<DateMatch> FindDateMatch(const std::string& lower, int default_year) {
  static const std::regex iso(R"((\d{4})-(\d{2})-(\d{2}))");
  static const std::regex dotted(R"((^|[^\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d))");
  static const std::regex day_month(
      R"((^|\W)(\d{1,2})(?::e|:a|e)?\.?\s+(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|march|may|june|july|august|october|januar|februar|marts|mai|desember|jan|feb|mar|apr|jun|jul|aug|sept?|okt|oct|nov|dec)\b\.?(,?\s+(\d{4}))?)");
  static const std::regex month_day(
      R"((^|\W)(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{1,2})(?:st|nd|rd|th)?(,?\s+(\d{4}))?)");
  std::vector<DateMatch> found;
  std::smatch m;
  if (std::regex_search(lower, m, iso)) {
    DateMatch d{{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])}, static_cast<size_t>(m.position(0)),
                static_cast<size_t>(m.length(0))};
    if (Valid(d.date)) found.push_back(d);
  }
  if (std::regex_search(lower, m, dotted)) {
    DateMatch d{{std::stoi(m[4]), std::stoi(m[3]), std::stoi(m[2])}, static_cast<size_t>(m.position(2)),
                static_cast<size_t>(m.length(0) - m.length(1))};
    if (Valid(d.date)) found.push_back(d);
  }
  if (std::regex_search(lower, m, day_month)) {
    DateMatch d{{m[5].matched ? std::stoi(m[5]) : default_year, MonthNumber(m[3].str()), std::stoi(m[2])},
                static_cast<size_t>(m.position(2)), static_cast<size_t>(m.length(0) - m.length(1))};
    if (Valid(d.date) && d.date.year != 0) found.push_back(d);
  }
  if (std::regex_search(lower, m, month_day)) {
    DateMatch d{{m[5].matched ? std::stoi(m[5]) : default_year, MonthNumber(m[2].str()), std::stoi(m[3])},
                static_cast<size_t>(m.position(2)), static_cast<size_t>(m.length(0) - m.length(1))};
    if (Valid(d.date) && d.date.year != 0) found.push_back(d);
  }
  if (found.empty()) return std::nullopt;
  return *std::min_element(found.begin(), found.end(),
                           [](const DateMatch& a, const DateMatch& b) { return a.pos < b.pos; });
}

}  // namespace

std::optional<DateParts> FindDate(std::string_view text, int default_year) {
  auto m = FindDateMatch(Lower(text), default_year);
  if (!m) return std::nullopt;
  return m->date;
}

TimeSpan FindTimes(std::string_view text) {
  std::string lower = Lower(text);
  // Take the dates out first: "14.4.2025" must not read as 14:04.
  while (auto m = FindDateMatch(lower, 1)) lower.replace(m->pos, m->len, " ");
  static const std::regex time_re(
      R"((^|[^\d])(\d{1,2})[:.](\d{2})(\s*([ap])\.?\s?m\.?)?(\s*(?:-|–|—|till|to)\s*(\d{1,2})[:.](\d{2})(\s*([ap])\.?\s?m\.?)?)?)");
  TimeSpan span;
  std::smatch m;
  if (!std::regex_search(lower, m, time_re)) return span;
  auto format = [](int h, int min, const std::string& ampm) -> std::optional<std::string> {
    if (ampm == "p" && h < 12) h += 12;
    if (ampm == "a" && h == 12) h = 0;
    if (h > 23 || min > 59) return std::nullopt;
    char buf[24];
    std::snprintf(buf, sizeof buf, "%02d:%02d", h, min);
    return std::string(buf);
  };
  std::string end_ampm = m[10].matched ? m[10].str() : "";
  std::string start_ampm = m[5].matched ? m[5].str() : end_ampm;
  span.start = format(std::stoi(m[2]), std::stoi(m[3]), start_ampm);
  if (m[6].matched) span.end = format(std::stoi(m[7]), std::stoi(m[8]), end_ampm);
  return span;
}

// ---- rows ----

std::string Row::Text() const {
  std::string out;
  for (const auto* c : cells) {
    if (!out.empty()) out += ' ';
    out += c->text;
  }
  return out;
}

std::string Row::Rest() const {
  std::string out;
  for (size_t i = 1; i < cells.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += cells[i]->text;
  }
  return out;
}

std::vector<Row> BuildRows(std::span<const TextLine> lines) {
  std::vector<Row> rows;
  std::vector<bool> used(lines.size(), false);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (used[i]) continue;
    Row row;
    row.cells.push_back(&lines[i]);
    used[i] = true;
    const double tolerance = std::max(2.0, 0.4 * std::max(lines[i].box.height(), 1.0));
    for (size_t j = i + 1; j < lines.size(); ++j) {
      if (used[j] || lines[j].page != lines[i].page) continue;
      if (std::abs(lines[j].box.y0 - lines[i].box.y0) <= tolerance && lines[j].box.height() > 0) {
        row.cells.push_back(&lines[j]);
        used[j] = true;
      }
    }
    std::sort(row.cells.begin(), row.cells.end(), [](const TextLine* a, const TextLine* b) { return a->box.x0 < b->box.x0; });
    rows.push_back(std::move(row));
  }
  // Reading order: page, then top to bottom.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.First().page != b.First().page) return a.First().page < b.First().page;
    return a.First().box.y0 < b.First().box.y0 - 0.5;
  });
  return rows;
}

// ---- people ----

bool TakeRemoteMarker(std::string& text) {
  static const std::regex re(
      R"(\s*(\((länk|distans|på distans|via teams|teams|zoom|via zoom|video|online|remote)\))|,?\s*\b(på distans|distans|via teams|via zoom|via länk|per länk|on line|online|remotely|by video)\b)",
      std::regex::icase);
  std::string lower = Lower(text);
  std::smatch m;
  if (!std::regex_search(lower, m, re)) return false;
  text.erase(static_cast<size_t>(m.position(0)), static_cast<size_t>(m.length(0)));
  text = std::string(Trim(text));
  while (!text.empty() && (text.back() == ',')) text = std::string(Trim(text.substr(0, text.size() - 1)));
  return true;
}

bool LooksLikePersonName(std::string_view text) {
  auto words = SplitWords(Trim(text));
  if (words.size() < 2 || words.size() > 5) return false;
  static const std::vector<std::string> kParticles = {"von", "af", "de", "van", "der", "den", "la", "di", "du"};
  int capitalized = 0;
  for (const auto& w : words) {
    if (std::any_of(w.begin(), w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == ':' || c == ';' || c == '/'; }))
      return false;
    if (StartsUpperLetter(w)) {
      ++capitalized;
    } else if (std::find(kParticles.begin(), kParticles.end(), w) == kParticles.end()) {
      return false;
    }
  }
  return capitalized >= 2 && StartsUpperLetter(words.back());
}

std::string FirstName(std::string_view name) {
  auto words = SplitWords(name);
  return words.empty() ? std::string() : words.front();
}

std::string LastName(std::string_view name) {
  auto words = SplitWords(name);
  return words.empty() ? std::string() : words.back();
}

std::string SurnameFirstToNatural(std::string_view name) {
  auto words = SplitWords(Trim(name));
  if (words.size() < 2) return std::string(Trim(name));
  std::string out;
  for (size_t i = 1; i < words.size(); ++i) out += words[i] + " ";
  return out + words[0];
}

int FindAttendee(const std::vector<Attendee>& attendees, std::string_view printed, bool allow_first_name) {
  std::string p(Trim(printed));
  for (size_t i = 0; i < attendees.size(); ++i)
    if (attendees[i].name == p) return static_cast<int>(i);
  if (!allow_first_name) return -1;
  int found = -1;
  for (size_t i = 0; i < attendees.size(); ++i) {
    if (FirstName(attendees[i].name) == p) {
      if (found >= 0) return -1;  // ambiguous
      found = static_cast<int>(i);
    }
  }
  return found;
}

std::vector<std::string> SplitNameRun(std::string_view text, const std::vector<Attendee>& attendees) {
  std::vector<std::string> out;
  std::string rest(Trim(text));
  while (!rest.empty()) {
    size_t best = 0;
    for (const auto& a : attendees)
      if (a.name.size() > best && rest.compare(0, a.name.size(), a.name) == 0 &&
          (rest.size() == a.name.size() || rest[a.name.size()] == ' ' || rest[a.name.size()] == ','))
        best = a.name.size();
    if (best == 0) {
      auto words = SplitWords(rest);
      size_t take = std::min<size_t>(2, words.size());
      std::string name;
      for (size_t i = 0; i < take; ++i) name += (i ? " " : "") + words[i];
      best = 0;
      for (size_t i = 0; i < take; ++i) best = rest.find(words[i], best) + words[i].size();
      out.push_back(name);
    } else {
      out.push_back(rest.substr(0, best));
    }
    rest = std::string(Trim(std::string_view(rest).substr(best)));
    while (!rest.empty() && (rest[0] == ',' || rest[0] == ' ')) rest.erase(0, 1);
    if (StartsWithNoCase(rest, "och ")) rest.erase(0, 4);
    if (StartsWithNoCase(rest, "and ")) rest.erase(0, 4);
  }
  return out;
}

// ---- items ----

namespace {

double LineWidth(const TextLine& l) { return l.box.x1 - l.box.x0; }

// A short capitalized line without closing punctuation, opening a run: a lead-in heading.
// A title line cut after a word that cannot end it: "… samt ändring av".
bool EndsWithOpenWord(std::string_view text) {
  static const std::vector<std::string> kOpen = {"och", "av", "samt", "för", "till", "i", "om", "med", "på", "inom",
                                                 "the", "of", "and", "for", "to", "on", "in"};
  auto words = SplitWords(Trim(text));
  return !words.empty() && std::find(kOpen.begin(), kOpen.end(), Lower(words.back())) != kOpen.end();
}

bool IsLeadIn(const TextLine& line, double widest) {
  std::string_view t = Trim(line.text);
  if (!StartsUpperLetter(t) || EndsWithAny(t, ".,;:!?-\xAD") || t.size() < 4) return false;
  return widest > 0 && LineWidth(line) < 0.75 * widest;
}

}  // namespace

std::vector<Paragraph> BuildBodyParagraphs(std::span<const TextLine> lines, const HyphenationContext& context) {
  std::vector<Paragraph> out;
  double widest = 0;
  for (const auto& l : lines) widest = std::max(widest, LineWidth(l));
  size_t start = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const bool opens_run = i == start || EndsWithAny(lines[i - 1].text, ".!?:");
    if (opens_run && i + 1 < lines.size() && IsLeadIn(lines[i], widest) && StartsUpperLetter(Trim(lines[i + 1].text))) {
      if (i > start) {
        auto part = BuildParagraphs(lines.subspan(start, i - start), context);
        out.insert(out.end(), part.begin(), part.end());
      }
      auto heading = BuildParagraphs(lines.subspan(i, 1), context);
      out.insert(out.end(), heading.begin(), heading.end());
      start = i + 1;
    }
  }
  if (start < lines.size()) {
    auto part = BuildParagraphs(lines.subspan(start), context);
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

WalkResult WalkItems(std::span<const TextLine> lines, const ItemRules& rules, const HyphenationContext& context,
                     Document& doc) {
  WalkResult walk;
  std::vector<TextLine> run;
  bool in_decision = false, closing = false;
  Decision* decision = nullptr;

  auto flush = [&]() {
    if (run.empty() || doc.items.empty()) {
      run.clear();
      return;
    }
    Item& item = doc.items.back();
    auto paragraphs = BuildBodyParagraphs(run, context);
    run.clear();
    for (auto& p : paragraphs) {
      if (in_decision && decision != nullptr) {
        if (!decision->text.empty()) decision->text += "\n";
        decision->text += p.text;
        if (decision->page == 0) decision->page = p.page, decision->bbox = p.bbox;
      }
      walk.in_decision.back().push_back(in_decision);
      walk.closing.back().push_back(closing);
      item.paragraphs.push_back(std::move(p));
      if (in_decision && rules.decision_is_one_paragraph) in_decision = false, decision = nullptr;
    }
  };
  auto open_decision = [&](const TextLine& line, const std::string& inline_text) {
    Item& item = doc.items.back();
    item.decisions.push_back(Decision{"", 0, {}});
    decision = &item.decisions.back();
    in_decision = true;
    if (!inline_text.empty()) {
      decision->text = inline_text;
      decision->page = line.page;
      decision->bbox = line.box;
    }
  };

  int previous_number = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const TextLine& line = lines[i];
    const std::string_view text = Trim(line.text);
    if (text.empty() || IsPageLabelLine(text)) continue;

    Heading heading;
    if (rules.heading(line, previous_number, heading)) {
      flush();
      in_decision = false, decision = nullptr, closing = false;
      Item item;
      item.number = heading.number;
      item.page = line.page;
      item.bbox = line.box;
      std::vector<std::string> title_lines{heading.title};
      // Title continuation: a lower-case start, or the heading's own font
      // (bold) continuing, or lines before a presenter line.
      size_t j = i + 1;
      auto is_name_line = [&](const TextLine& l) {
        std::string t(Trim(l.text));
        TakeRemoteMarker(t);
        if (LooksLikePersonName(t)) return true;
        auto parts = SplitOn(t, ',');
        return parts.size() > 1 && std::all_of(parts.begin(), parts.end(), [](const std::string& p) { return LooksLikePersonName(p); });
      };
      while (j < lines.size() && j <= i + 2) {
        const TextLine& next = lines[j];
        std::string_view nt = Trim(next.text);
        Heading dummy;
        if (nt.empty() || rules.heading(next, std::stoi("0" + heading.number.substr(0, heading.number.find_first_not_of("0123456789"))), dummy)) break;
        std::string ignored;
        if (rules.decision_marker(nt, ignored) || (rules.section_marker && rules.section_marker(next))) break;
        if (rules.presenter_field && rules.presenter_field(nt)) break;
        if (rules.presenter_line_after_title && is_name_line(next)) break;
        const TextLine& prev = lines[j - 1];
        const bool lower = StartsLowerLetter(nt);
        const bool same_font = next.bold && prev.bold && std::abs(next.font_size - prev.font_size) < 0.6 &&
                               next.gap_before < 1.2 * std::max(next.font_size, 6.0);
        const bool before_presenter = rules.presenter_line_after_title && j + 1 < lines.size() &&
                                      is_name_line(lines[j + 1]) && nt.size() < 60 && !EndsWithAny(nt, ".!?");
        const bool prev_open = EndsWithAny(prev.text, "/-,") || EndsWithOpenWord(prev.text);
        if (!(lower || same_font || before_presenter || prev_open)) break;
        title_lines.emplace_back(nt);
        ++j;
      }
      item.title = JoinLines(title_lines, context);
      if (rules.presenter_line_after_title && j < lines.size() && is_name_line(lines[j])) {
        std::string t(Trim(lines[j].text));
        TakeRemoteMarker(t);
        for (auto& part : SplitOn(t, ','))
          for (auto& name : SplitNameRun(part, doc.attendees)) item.presenters.push_back(name);
        ++j;
      }
      try {
        previous_number = std::stoi(heading.number);
      } catch (...) {
      }
      doc.items.push_back(std::move(item));
      walk.in_decision.emplace_back();
      walk.closing.emplace_back();
      i = j - 1;
      continue;
    }
    if (doc.items.empty()) continue;  // the caller handles lines before the first item

    if (rules.secretary_marker && rules.secretary_marker(text)) {
      flush();
      in_decision = false, decision = nullptr;
      closing = true;
      // The name follows on the same line or the next one.
      if (i + 1 < lines.size() && LooksLikePersonName(Trim(lines[i + 1].text))) {
        doc.metadata.secretary = std::string(Trim(lines[i + 1].text));
        ++i;
      }
      continue;
    }
    if (IsRuleLine(text)) {
      flush();
      in_decision = false, decision = nullptr;
      continue;
    }
    std::string inline_text;
    if (rules.decision_marker(text, inline_text)) {
      flush();
      open_decision(line, inline_text);
      if (rules.decision_is_one_paragraph) {
        run.push_back(line);  // the marker line opens the paragraph it decides
      } else {
        // The marker is a paragraph of its own that no decision text holds
        // and no person speaks.
        Decision* open = decision;
        decision = nullptr;
        run.push_back(line);
        flush();
        decision = open;
      }
      continue;
    }
    if (rules.section_marker && rules.section_marker(line)) {
      flush();
      in_decision = true, decision = nullptr;  // a label paragraph, no speaker
      run.push_back(line);
      flush();
      in_decision = false;
      continue;
    }
    if (rules.presenter_field) {
      if (auto name = rules.presenter_field(text)) {
        doc.items.back().presenters.push_back(*name);
      }
    }
    run.push_back(line);
  }
  flush();
  for (auto& item : doc.items) {
    item.decisions.erase(std::remove_if(item.decisions.begin(), item.decisions.end(),
                                        [](const Decision& d) { return d.text.empty(); }),
                         item.decisions.end());
  }
  return walk;
}

std::vector<TextLine> MergeSplitHeadings(std::span<const TextLine> lines) {
  static const std::regex number_only(R"(^(§\s*)?\d{1,3}[a-z]?\s*[.)]?\s*(§)?$)");
  std::vector<TextLine> out;
  std::vector<bool> taken(lines.size(), false);
  auto same_row = [](const TextLine& a, const TextLine& b) {
    const double tolerance = std::max(2.0, 0.4 * std::max(a.box.height(), 1.0));
    return a.page == b.page && std::abs(a.box.y0 - b.box.y0) <= tolerance;
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    if (taken[i]) continue;
    const TextLine& line = lines[i];
    std::string text(Trim(line.text));
    if (!std::regex_match(text, number_only)) {
      out.push_back(line);
      continue;
    }
    // The title on the number's baseline, a few lines on in reading order
    // (a running line may come between), or just before it.
    size_t partner = lines.size();
    for (size_t j = i + 1; j < lines.size() && j <= i + 3; ++j)
      if (same_row(line, lines[j]) && lines[j].box.x0 > line.box.x1 && StartsUpperLetter(Trim(lines[j].text))) {
        partner = j;
        break;
      }
    // Or the bold line right under a bold number ("188 §" / "Title").
    if (partner == lines.size() && i + 1 < lines.size() && line.bold && lines[i + 1].bold &&
        lines[i + 1].page == line.page && lines[i + 1].box.y0 - line.box.y1 < 0.8 * std::max(line.box.height(), 1.0) &&
        StartsUpperLetter(Trim(lines[i + 1].text)))
      partner = i + 1;
    if (partner < lines.size()) {
      TextLine merged = line;
      merged.text = text + " " + std::string(Trim(lines[partner].text));
      merged.box = line.box.Union(lines[partner].box);
      merged.bold = line.bold || lines[partner].bold;
      taken[partner] = true;
      out.push_back(std::move(merged));
      continue;
    }
    if (!out.empty() && same_row(out.back(), line) && out.back().box.x0 > line.box.x1 &&
        StartsUpperLetter(Trim(out.back().text))) {
      TextLine& previous = out.back();
      previous.text = text + " " + std::string(Trim(previous.text));
      previous.box = line.box.Union(previous.box);
      previous.bold = line.bold || previous.bold;
      continue;
    }
    out.push_back(line);
  }
  return out;
}

// ---- speakers ----

std::optional<std::string> ExplicitSpeaker(std::string_view text, const std::vector<Attendee>& attendees,
                                           const SpeakerRules& rules) {
  text = Trim(text);
  auto is_verb = [&](std::string_view word) {
    std::string w = Lower(word);
    while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.pop_back();
    return std::find(rules.verbs.begin(), rules.verbs.end(), w) != rules.verbs.end();
  };
  auto words = SplitWords(text);
  if (words.empty()) return std::nullopt;
  auto strip = [](std::string w) {
    while (!w.empty() && (w.back() == ',' || w.back() == ':' || w.back() == '.')) w.pop_back();
    return w;
  };
  // A full attendee name at the start, whatever follows.
  // Not when another attendee follows: "Maria Lindqvist, Johan Berglöf, …" is a list of names.
  auto another_follows = [&](std::string_view rest, const std::string& self) {
    rest = Trim(rest);
    if (rest.empty() || rest.front() != ',') return false;
    rest = Trim(rest.substr(1));
    for (const auto& b : attendees)
      if (b.name != self && !b.name.empty() && rest.compare(0, b.name.size(), b.name) == 0) return true;
    return false;
  };
  for (const auto& a : attendees) {
    if (a.name.empty() || text.size() < a.name.size() || text.compare(0, a.name.size(), a.name) != 0) continue;
    if (another_follows(text.substr(a.name.size()), a.name)) continue;
    if (text.size() == a.name.size() || !IsLetterStart(text.substr(a.name.size()))) return a.name;
  }
  // Honorific + surname, or honorific + full name: "Councillor Raman", "Mayor Okafor".
  for (auto h : rules.honorifics) {
    if (words.size() < 3 || strip(words[0]) != strip(std::string(h))) continue;
    for (const auto& a : attendees)
      if (LastName(a.name) == strip(words[1]) || (words.size() > 2 && LastName(a.name) == strip(words[2]) && FirstName(a.name) == words[1]))
        return a.name;
  }
  // A first name (or body) followed by a reporting verb: "Anders berättar att".
  if (words.size() >= 2 && is_verb(words[1])) {
    std::string first = strip(words[0]);
    int index = FindAttendee(attendees, first, /*allow_first_name=*/true);
    if (index >= 0) return attendees[static_cast<size_t>(index)].name;
    for (auto body : rules.bodies)
      if (first == body) return first;
  }
  // Swedish puts the verb second, so an opening adverbial moves the subject
  // after it: "Under diskussionen föreslog Emil Kronqvist …". Full names only.
  for (size_t v = 1; v <= 3 && v + 1 < words.size(); ++v) {
    if (!is_verb(words[v])) continue;
    std::string name = words[v + 1] + (v + 2 < words.size() ? " " + strip(words[v + 2]) : "");
    for (const auto& a : attendees)
      if (a.name == name) return a.name;
  }
  // "The Chair said", two-word bodies.
  if (words.size() >= 3 && is_verb(words[2])) {
    std::string two = words[0] + " " + strip(words[1]);
    for (auto body : rules.bodies)
      if (two == body) return two;
  }
  return std::nullopt;
}

void AttributeSpeakers(Document& doc, const WalkResult& walk, const SpeakerRules& rules) {
  for (size_t k = 0; k < doc.items.size(); ++k) {
    Item& item = doc.items[k];
    std::optional<std::string> current;
    std::string presenter = item.presenters.empty() ? std::string() : item.presenters.front();
    for (size_t p = 0; p < item.paragraphs.size(); ++p) {
      Paragraph& para = item.paragraphs[p];
      const bool decision = k < walk.in_decision.size() && p < walk.in_decision[k].size() && walk.in_decision[k][p];
      const bool closing = k < walk.closing.size() && p < walk.closing[k].size() && walk.closing[k][p];
      if (closing) {
        para.speaker.reset(), para.speaker_source.reset();
        current.reset();
        continue;
      }
      if (auto who = ExplicitSpeaker(para.text, doc.attendees, rules)) {
        para.speaker = *who, para.speaker_source = "explicit";
        current = who;
      } else if (decision) {
        // Decisions and section labels report the body, not a person.
        para.speaker.reset(), para.speaker_source.reset();
      } else if (current) {
        para.speaker = *current, para.speaker_source = "continued";
      } else if (!presenter.empty()) {
        para.speaker = presenter, para.speaker_source = "presenter";
      }
    }
  }
  for (auto& para : doc.preamble) {
    if (auto who = ExplicitSpeaker(para.text, doc.attendees, rules)) para.speaker = *who, para.speaker_source = "explicit";
  }
}

void LearnRolesFromText(Document& doc) {
  auto learn = [&](const Paragraph& p) {
    for (auto& a : doc.attendees) {
      if (a.role || p.text.compare(0, a.name.size() + 2, a.name + ", ") != 0) continue;
      std::string_view rest = std::string_view(p.text).substr(a.name.size() + 2);
      size_t comma = rest.find(',');
      if (comma == std::string_view::npos || comma > 60) continue;
      std::string_view role = Trim(rest.substr(0, comma));
      if (StartsLowerLetter(role)) a.role = std::string(role);
    }
  };
  for (const auto& p : doc.preamble) learn(p);
  for (const auto& item : doc.items)
    for (const auto& p : item.paragraphs) learn(p);
}

void FindNextMeeting(std::span<const TextLine> lines, const std::vector<std::string_view>& openers, Document& doc) {
  int year = 0;
  if (doc.metadata.date) year = std::stoi(doc.metadata.date->substr(0, 4));
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string lower = Lower(Trim(lines[i].text));
    bool opens = false;
    for (auto o : openers)
      if (lower.find(o) != std::string::npos) opens = true;
    if (!opens) continue;
    std::string text = lines[i].text;
    if (i + 1 < lines.size()) text += " " + lines[i + 1].text;  // "… will be held on Tuesday, March 18,\n2025"
    if (auto d = FindDate(text, year)) {
      doc.metadata.next_meeting = d->Iso();
      return;
    }
  }
}

}  // namespace protokoll::segment

namespace protokoll::segment {

const SpeakerRules& SwedishSpeakerRules() {
  static const SpeakerRules rules{
      {"berättar", "menar", "tror", "säger", "anser", "framför", "lyfter", "frågar", "undrar", "svarar", "informerar",
       "redogör", "redovisar", "presenterar", "föreslår", "påpekar", "konstaterar", "meddelar", "arbetar", "projektleder",
       "håller", "tar", "understryker", "betonar", "förklarar", "beskriver", "instämmer", "poängterar", "öppnar",
       "hälsar", "välkomnar", "avslutar", "efterfrågar", "tackar", "vill", "ser", "önskar", "uppger", "noterar",
       "tycker", "påminner", "summerar", "sammanfattar", "visar", "leder", "ansvarar", "ställer", "konstaterade",
       "öppnade", "avslutade", "föreslog", "berättade", "informerade", "redogjorde", "presenterade", "framförde"},
      {"Rådet", "Ordföranden", "Ordförande", "Nämnden", "Styrelsen", "Sekreteraren", "Föredraganden", "Mötet"},
      {}};
  return rules;
}

const SpeakerRules& EnglishSpeakerRules() {
  static const SpeakerRules rules{
      {"said", "asked", "noted", "presented", "replied", "reported", "expressed", "supported", "confirmed", "called",
       "explained", "stated", "suggested", "thanked", "opened", "closed", "welcomed", "proposed", "moved", "responded",
       "answered", "raised", "questioned", "informed", "advised", "updated", "introduced", "summarised", "summarized",
       "highlighted", "commented", "agreed", "recommended", "requested", "emphasised", "emphasized", "announced",
       "declared", "indicated", "stressed", "added", "observed", "outlined", "gave", "spoke", "says", "asks", "notes"},
      {"The Chair", "The Mayor", "The Clerk", "The Chairman", "The Chairperson", "Council", "The Council"},
      {"Councillor", "Councilor", "Cllr", "Cllr.", "Mayor", "Alderman", "Alderwoman", "Commissioner", "Trustee",
       "Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Chair", "President", "Director"}};
  return rules;
}

size_t FirstHeading(std::span<const TextLine> lines,
                    const std::function<bool(const TextLine&, int, Heading&)>& is_heading) {
  for (size_t i = 0; i < lines.size(); ++i) {
    Heading h;
    if (is_heading(lines[i], 0, h)) return i;
  }
  return lines.size();
}

}  // namespace protokoll::segment
