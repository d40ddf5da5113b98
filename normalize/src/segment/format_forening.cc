// Swedish association minutes (föreningsprotokoll): a board meeting
// (styrelsemöte) or general meeting (årsstämma) of a samfällighet,
// bostadsrättsförening or other förening, typed in a word processor and
// often published as an office scan. All the rules of the format are here.
//
// Title page
//   - body: the association's name as printed at the top ("Stenålderns
//     samfällighet"); the first line of page 1, or the running header that
//     layout took off page 1, cut before the title word ("… PROTOKOLL");
//     "Protokoll från X-förenings årsstämma" gives X-förening.
//   - date and start time: the "Datum", "Tid" or "Datum och tid" field,
//     else the first date of the title page ("Kallelse till årsstämma
//     2023-04-27", "Måndag den 28 april 2025, kl. 19.10").
//   - attendees: "Närvarande:" present, "Frånvarande:" absent. Either a
//     comma list running over several lines, or one person per line:
//     name, role ("ordf", "ledamot", "suppleant"), address ("nr 125, gård 4").
//     Suppleanter who attend are present (they attend as themselves, not as
//     a named member's stand-in). A line indented under the label continues
//     the field; a line back at the label column ends it.
// Items
//   - "1. Title", "1 Title", "§ 1 Title", a table row "1. | Title"; the
//     numbers rise, all headings stand in one column (sub-lists and
//     appendix sections are indented or restart at 1, so they are no items).
//   - "Dagordning" followed later by "Noteringar": the agenda is a list and
//     the minutes proper follow "Noteringar"; only those are items. With no
//     "Noteringar", the "Dagordning" list is the items (a notice, kallelse).
//   - Scans lose heading numbers to OCR ("Information till medlemmar" with
//     no "7."). A gap in the numbers is filled from the agenda's titles when
//     there is an agenda, else from short title-like lines at the headings'
//     text column, but only when exactly as many such lines stand in the gap
//     as numbers are missing: never a guess between candidates.
//   - A number OCR'd as a separate line ("10." beside "Förslag …") joins the
//     line on its baseline; a title's "(Bilaga 2a & 2b)" on the next line
//     joins the title.
// Closing
//   - "Vid protokollet" / "Justeras": signatures, no speakers. Under them a
//     line of names over "Sekreterare  Ordförande" gives secretary and chair
//     where the names are attendees (by surname: signatures OCR badly).
#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "protokoll/text.h"
#include "segment/common.h"
#include "segment/formats.h"

namespace protokoll::segment {
namespace {

// Word stems that name an association ("samfällighetsförening", "Brf").
constexpr std::string_view kAssociationStems[] = {"samfällighet", "förening", "föreningen", "sällskap", "klubb",
                                                  "förbund", "brf", "kooperativ", "gille"};
// Meetings an association holds; evidence for the format near the top.
constexpr std::string_view kMeetingWords[] = {"styrelsemöte", "årsstämma", "årsmöte", "föreningsstämma",
                                              "extrastämma", "extra stämma", "konstituerande möte"};
// Words of the document's title, where the body's name ends.
constexpr std::string_view kTitleWords[] = {"protokoll", "kallelse", "dagordning", "styrelsemöte", "årsstämma",
                                            "årsmöte"};
// Roles printed after a name in the attendance list.
constexpr std::string_view kRoleWords[] = {
    "ordf",       "ordf.",        "ordförande", "förande",  "vice",        "v.",     "ledamot",      "ledamöter",
    "suppleant",  "suppl",        "suppl.",     "sekr",     "sekr.",       "sekreterare", "kassör",  "revisor",
    "adjungerad", "ledamot/sekr", "ledamot/sekr.", "sammankallande", "valberedning", "gårdsförman", "ersättare"};

std::string Lower(std::string_view s) { return ToLower(s); }

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

bool NamesAssociation(std::string_view text) {
  std::string lower = Lower(text);
  for (auto stem : kAssociationStems)
    if (Contains(lower, stem)) return true;
  return false;
}

bool NamesMeeting(std::string_view text) {
  std::string lower = Lower(text);
  for (auto w : kMeetingWords)
    if (Contains(lower, w)) return true;
  return false;
}

bool IsRoleWord(std::string_view word) {
  std::string w = Lower(word);
  while (!w.empty() && (w.back() == ',' || w.back() == ';')) w.pop_back();
  return std::find(std::begin(kRoleWords), std::end(kRoleWords), w) != std::end(kRoleWords);
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A line that is only `word`, with or without a colon, in any case.
bool IsLabelLine(std::string_view text, std::string_view word) {
  std::string t = Lower(Trim(text));
  while (!t.empty() && (t.back() == ':' || t.back() == '.')) t.pop_back();
  return Trim(t) == word;
}

// ---- headings ----

struct NumberedLine {
  int number = 0;
  std::string suffix;  // "a" in "12a"
  std::string title;
};

// "1. Title", "1 Title", "10.Title", "1. | Title", "§ 1 Title", "1 § Title".
bool ParseNumberedLine(std::string_view text, NumberedLine& out) {
  static const std::regex re(R"(^(?:§\s*)?(\d{1,2})([a-z]?)\s*(?:[.)]|\s§)?\s*\|?\s*(.*)$)");
  std::string t(Trim(text));
  std::smatch m;
  if (!std::regex_match(t, m, re)) return false;
  // "2022-12-14", "19.00", "6.4 Tempus": a date, a time or a sub-number, not a heading.
  const std::string after = t.substr(static_cast<size_t>(m.position(3)));
  const std::string between = t.substr(static_cast<size_t>(m.length(1) + m.position(1) + m.length(2)),
                                       static_cast<size_t>(m.position(3) - m.position(1) - m.length(1) - m.length(2)));
  if (between.find('.') != std::string::npos && !after.empty() && std::isdigit(static_cast<unsigned char>(after[0])))
    return false;
  out.number = std::stoi(m[1].str());
  out.suffix = m[2].str();
  out.title = std::string(Trim(m[3].str()));
  while (!out.title.empty() && (out.title[0] == '|' || out.title[0] == '.')) out.title = std::string(Trim(out.title.substr(1)));
  return true;
}

bool IsTitleLike(std::string_view title) {
  title = Trim(title);
  if (title.size() < 3 || title.size() > 120 || !StartsUpperLetter(title)) return false;
  if (EndsWithAny(title, ",;") || HasDottedLeaders(title)) return false;
  return true;
}

// A title line of a heading whose number OCR lost: short, capitalized, not a
// sentence, not cut off, opening a run of text.
bool HasGapAbove(const TextLine& line) { return line.gap_before > 0.6 * std::max(line.box.height(), 6.0); }

// `spaced`: the text around shows blank lines between its parts, so a title
// has one above it; else (a text layer with even spacing) the line before
// it closes a sentence.
bool IsUnnumberedTitleCandidate(std::span<const TextLine> lines, size_t i, bool spaced) {
  std::string_view t = Trim(lines[i].text);
  while (!t.empty() && (t.front() == '.' || t.front() == '|')) t = Trim(t.substr(1));
  if (t.size() < 3 || t.size() > 80 || !StartsUpperLetter(t)) return false;
  if (EndsWithAny(t, ".,;:!?-")) return false;
  auto words = SplitWords(t);
  static const std::set<std::string> kOpen = {"och", "av", "samt", "för", "till", "i", "om", "med", "på", "inom", "att"};
  if (kOpen.count(Lower(words.back())) != 0) return false;
  if (i + 1 < lines.size() && StartsLowerLetter(Trim(lines[i + 1].text))) return false;  // a sentence running on
  if (i == 0) return true;
  const TextLine& prev = lines[i - 1];
  const bool prev_closed = EndsWithAny(prev.text, ".!?") || prev.page != lines[i].page;
  return spaced ? HasGapAbove(lines[i]) : prev_closed;
}

std::string NormalizedTitle(std::string_view s) {
  std::string out;
  for (auto& w : SplitWords(Lower(s))) {
    while (!w.empty() && (w.back() == '.' || w.back() == ':')) w.pop_back();
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// ---- line repairs before the item walk ----

// `line` with new text: only the position and font are kept, as anything
// else layout records about the old text would no longer hold.
TextLine Rewritten(const TextLine& line, std::string text) {
  TextLine out;
  out.text = std::move(text);
  out.page = line.page;
  out.box = line.box;
  out.font_size = line.font_size;
  out.bold = line.bold;
  out.block = line.block;
  out.gap_before = line.gap_before;
  out.first_on_page = line.first_on_page;
  out.ocr = line.ocr;
  return out;
}

// A heading number printed (or OCR'd) as a line of its own joins the text on
// its baseline, wherever reading order put the two.
std::vector<TextLine> JoinDetachedNumbers(std::span<const TextLine> lines) {
  static const std::regex number_only(R"(^(§\s*)?\d{1,2}[a-z]?\s*[.)]?\s*(§)?$)");
  std::vector<TextLine> out;
  std::vector<bool> taken(lines.size(), false);
  std::vector<std::optional<std::string>> prefix(lines.size());
  std::vector<Box> number_box(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string text(Trim(lines[i].text));
    if (!std::regex_match(text, number_only)) continue;
    const double tolerance = std::max(3.0, 0.5 * std::max(lines[i].box.height(), 1.0));
    size_t best = lines.size();
    double best_dx = 1e9;
    for (size_t j = 0; j < lines.size(); ++j) {
      if (j == i || taken[j] || prefix[j] || lines[j].page != lines[i].page) continue;
      if (std::abs(lines[j].box.y0 - lines[i].box.y0) > tolerance) continue;
      const double dx = lines[j].box.x0 - lines[i].box.x1;
      if (dx < 0 || dx > 80 || !StartsUpperLetter(Trim(lines[j].text))) continue;
      if (dx < best_dx) best_dx = dx, best = j;
    }
    if (best == lines.size()) continue;
    taken[i] = true;
    prefix[best] = text;
    number_box[best] = lines[i].box;
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    if (taken[i]) continue;
    if (!prefix[i]) {
      out.push_back(lines[i]);
      continue;
    }
    TextLine l = Rewritten(lines[i], *prefix[i] + " " + std::string(Trim(lines[i].text)));
    l.box = number_box[i].Union(l.box);
    out.push_back(std::move(l));
  }
  return out;
}

// "a", "ww", "bo": specks and margin marks of a scan that OCR read as a line.
bool IsScanSpeck(std::string_view text) {
  text = Trim(text);
  return !text.empty() && text.size() <= 3 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// These minutes are one column (a table of Punkt | Vad | Ansvar at most), so
// the item region reads as rows top to bottom: a sub-point's "c)" meets its
// title, a responsible person's initials meet their row, whatever order the
// extractor gave the cells in.
std::vector<TextLine> ReadAsRows(std::span<const TextLine> lines) {
  std::vector<TextLine> out;
  for (const auto& row : BuildRows(lines)) {
    if (IsScanSpeck(row.Text())) continue;
    TextLine l = row.cells.size() == 1 ? row.First() : Rewritten(row.First(), row.Text());
    for (const auto* cell : row.cells) l.box = l.box.Union(cell->box);
    // The white space above, from the rows' own order.
    const bool first = out.empty() || out.back().page != l.page;
    l.first_on_page = first;
    l.gap_before = first ? l.box.y0 : l.box.y0 - out.back().box.y1;
    out.push_back(std::move(l));
  }
  return out;
}

// "BG", "JS/LJ": a responsible person's initials closing a row of a table
// with a "Föredragande"/"Ansvar" column. Removed from `text`.
std::optional<std::string> TakeInitials(std::string& text) {
  static const std::regex re(R"(^(.*\S)\s+\|?\s*([A-ZÅÄÖ]{2,3}(?:/[A-ZÅÄÖ]{2,3})*)$)");
  std::smatch m;
  std::string t(Trim(text));
  if (!std::regex_match(t, m, re)) return std::nullopt;
  std::string initials = m[2].str();
  text = m[1].str();
  while (!text.empty() && (text.back() == '|' || text.back() == ' ')) text.pop_back();
  return initials;
}

struct HeadingLine {
  size_t index;
  Heading heading;
};

// The numbered headings of the item region, in order: rising numbers (a gap
// allowed, for numbers OCR lost), all in the first heading's column.
std::vector<HeadingLine> FindNumberedHeadings(std::span<const TextLine> lines) {
  std::vector<HeadingLine> out;
  int previous = 0;
  double column = -1;
  for (size_t i = 0; i < lines.size(); ++i) {
    NumberedLine n;
    if (!ParseNumberedLine(lines[i].text, n) || !n.suffix.empty() || !IsTitleLike(n.title)) continue;
    const bool first = out.empty();
    if (first ? n.number > 2 : (n.number <= previous || n.number > previous + 12)) continue;
    if (!first && std::abs(lines[i].box.x0 - column) > 14) continue;
    if (first) column = lines[i].box.x0;
    out.push_back({i, Heading{std::to_string(n.number), n.title}});
    previous = n.number;
  }
  return out;
}

// Fills gaps in the heading numbers (see the file comment). `agenda`: the
// Dagordning's titles by number, when the minutes have one apart from their items.
void FillMissingHeadings(std::span<const TextLine> lines, const std::map<int, std::string>& agenda,
                         size_t region_end, std::vector<HeadingLine>& headings) {
  if (headings.empty()) return;
  const int last_expected = agenda.empty() ? 0 : agenda.rbegin()->first;
  std::vector<HeadingLine> added;
  for (size_t h = 0; h < headings.size(); ++h) {
    const int from = std::stoi(headings[h].heading.number);
    const int to = h + 1 < headings.size() ? std::stoi(headings[h + 1].heading.number) : last_expected + 1;
    if (to <= from + 1) continue;
    const size_t begin = headings[h].index + 1;
    const size_t end = h + 1 < headings.size() ? headings[h + 1].index : region_end;
    std::vector<int> missing;
    for (int k = from + 1; k < to; ++k) missing.push_back(k);
    // The agenda's own titles first.
    std::vector<int> unresolved;
    size_t search_from = begin;
    for (int k : missing) {
      auto it = agenda.find(k);
      bool found = false;
      if (it != agenda.end()) {
        const std::string want = NormalizedTitle(it->second);
        for (size_t i = search_from; i < end; ++i) {
          std::string_view t = Trim(lines[i].text);
          while (!t.empty() && (t.front() == '.' || t.front() == '|')) t = Trim(t.substr(1));
          if (NormalizedTitle(t) == want) {
            added.push_back({i, Heading{std::to_string(k), std::string(t)}});
            search_from = i + 1;
            found = true;
            break;
          }
        }
      }
      if (!found) unresolved.push_back(k);
    }
    if (unresolved.empty() || unresolved.size() != missing.size()) continue;
    // Else short title lines at the item text column, exactly as many as missing.
    // The column: the leftmost text, not counting a number's remains (". Val av").
    // A skewed scan drifts a few points down the page, so a line level with
    // its neighbours counts too.
    double text_column = 1e9;
    for (size_t i = begin; i < end; ++i) {
      std::string_view t = Trim(lines[i].text);
      if (!t.empty() && t.front() != '.' && t.front() != '|') text_column = std::min(text_column, lines[i].box.x0);
    }
    auto in_column = [&](size_t i) {
      const double x = lines[i].box.x0;
      if (x <= text_column + 6) return true;
      const double prev = i > begin ? lines[i - 1].box.x0 : x;
      const double next = i + 1 < end ? lines[i + 1].box.x0 : x;
      return x <= text_column + 15 && x <= std::min(prev, next) + 3;
    };
    bool spaced = false;
    for (size_t i = begin; i < end; ++i) spaced = spaced || (!lines[i].first_on_page && HasGapAbove(lines[i]));
    std::vector<size_t> candidates;
    for (size_t i = begin; i < end; ++i)
      if (in_column(i) && IsUnnumberedTitleCandidate(lines, i, spaced)) candidates.push_back(i);
    if (candidates.size() != unresolved.size()) continue;
    for (size_t c = 0; c < candidates.size(); ++c) {
      std::string_view t = Trim(lines[candidates[c]].text);
      while (!t.empty() && (t.front() == '.' || t.front() == '|')) t = Trim(t.substr(1));
      added.push_back({candidates[c], Heading{std::to_string(unresolved[c]), std::string(t)}});
    }
  }
  headings.insert(headings.end(), added.begin(), added.end());
  std::sort(headings.begin(), headings.end(), [](const HeadingLine& a, const HeadingLine& b) { return a.index < b.index; });
}

// "(Bilaga 2a & 2b)" under a heading finishes its title.
void JoinTitleContinuations(std::span<const TextLine> lines, std::vector<HeadingLine>& headings,
                            std::set<size_t>& consumed) {
  for (auto& h : headings) {
    const size_t next = h.index + 1;
    if (next >= lines.size() || lines[next].page != lines[h.index].page) continue;
    std::string_view t = Trim(lines[next].text);
    if (t.size() < 3 || t.front() != '(' || t.back() != ')' || t.size() > 40) continue;
    if (lines[next].box.x0 <= lines[h.index].box.x0) continue;
    h.heading.title += " " + std::string(t);
    consumed.insert(next);
  }
}

// ---- OCR repair ----
// Scans of these minutes often carry a poor OCR text layer ("Val av
// sekteterate", "Erik Ehn Blomgten"). A word the dictionary does not know is
// replaced only by the single known word that a usual OCR confusion gives
// (at most two letters), or, in a name, by the single known spelling of it
// elsewhere in the document that differs in one letter. Several candidates:
// the word stays as printed.

bool KnownWord(const HyphenationContext& context, std::string_view word) {
  return context.dictionary != nullptr && context.dictionary->KnowsIn(word, "sv");
}

std::string RepairTitleWord(const std::string& word, const HyphenationContext& context) {
  if (context.dictionary == nullptr || word.size() < 5 || HasDigit(word) || !StartsLowerLetter(word) ||
      KnownWord(context, word))
    return word;
  // Only the confusions these text layers show; "i"/"l" would turn
  // "mailadresser" (unknown to the dictionary) into "malladresser".
  static const std::map<char, char> kConfusions = {{'t', 'r'}, {'r', 't'}, {'c', 'e'}, {'e', 'c'}};
  std::vector<size_t> positions;
  for (size_t i = 0; i < word.size(); ++i)
    if (kConfusions.count(word[i])) positions.push_back(i);
  std::set<std::string> known;
  for (size_t a = 0; a < positions.size(); ++a) {
    std::string one = word;
    one[positions[a]] = kConfusions.at(word[positions[a]]);
    if (KnownWord(context, one)) known.insert(one);
    for (size_t b = a + 1; b < positions.size(); ++b) {
      std::string two = one;
      two[positions[b]] = kConfusions.at(word[positions[b]]);
      if (KnownWord(context, two)) known.insert(two);
    }
  }
  return known.size() == 1 ? *known.begin() : word;
}

std::string RepairTitle(const std::string& title, const HyphenationContext& context) {
  std::string out;
  for (const auto& w : SplitWords(title)) out += (out.empty() ? "" : " ") + RepairTitleWord(w, context);
  return out;
}

std::string RepairName(const std::string& name, const HyphenationContext& context) {
  if (context.dictionary == nullptr || context.document_words == nullptr) return name;
  std::string out;
  for (const auto& w : SplitWords(name)) {
    std::string repaired = w;
    if (!KnownWord(context, w) && w.size() >= 4) {
      const std::string lower = Lower(w);
      std::set<std::string> spellings;
      for (const auto& v : *context.document_words) {
        if (v.size() != lower.size() || v == lower) continue;
        size_t differences = 0;
        for (size_t i = 0; i < v.size() && differences < 2; ++i) differences += v[i] != lower[i];
        if (differences != 1) continue;
        std::string candidate = w.substr(0, w.size() - v.size()) + v;
        // The printed capital comes back: only the one differing letter changes.
        for (size_t i = 0; i < w.size(); ++i)
          if (Lower(std::string(1, w[i])) == std::string(1, v[i])) candidate[i] = w[i];
        if (KnownWord(context, candidate)) spellings.insert(candidate);
      }
      if (spellings.size() == 1) repaired = *spellings.begin();
    }
    out += (out.empty() ? "" : " ") + repaired;
  }
  return out;
}

// ---- title page ----

// The association's name in a title line, or "".
std::string BodyFromLine(std::string_view line) {
  auto words = SplitWords(Trim(line));
  size_t k = words.size();
  for (size_t i = 0; i < words.size(); ++i)
    if (NamesAssociation(words[i])) {
      k = i;
      break;
    }
  if (k == words.size()) return "";
  auto is_title_word = [](const std::string& w) {
    std::string l = Lower(w);
    return std::find(std::begin(kTitleWords), std::end(kTitleWords), l) != std::end(kTitleWords);
  };
  size_t start = k;
  while (start > 0 && StartsUpperLetter(words[start - 1]) && !is_title_word(words[start - 1]) &&
         !HasDigit(words[start - 1]))
    --start;
  size_t end = k + 1;
  // "Brf Solsidan", "Föreningen Gamla Lund": the name follows the stem.
  // Capitalized words only: "Brf Solsidan PROTOKOLL" stops at the capitals.
  auto capitalized = [](const std::string& w) {
    return w.size() > 1 && StartsUpperLetter(w) && std::none_of(w.begin() + 1, w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  };
  if (start == k) {
    while (end < words.size() && capitalized(words[end]) && !is_title_word(words[end]) && !HasDigit(words[end])) ++end;
  }
  std::string body;
  for (size_t i = start; i < end; ++i) body += (body.empty() ? "" : " ") + words[i];
  while (!body.empty() && (body.back() == ',' || body.back() == ':')) body.pop_back();
  // Genitive in "Protokoll från X-förenings årsstämma".
  for (std::string_view g : {"förenings", "ighets"})
    if (body.size() > g.size() && body.compare(body.size() - g.size(), g.size(), g) == 0) body.pop_back();
  return body;
}

struct PersonEntry {
  std::string name;
  std::optional<std::string> role;
};

// "Maria Terra ordf nr 125, gård 4", "Torgny Roxå Ordförande nr 71", "Samuel Intiso suppleant = nr 97".
std::optional<PersonEntry> ParsePersonRow(std::string_view text) {
  std::string value(Trim(text));
  TakeRemoteMarker(value);
  auto words = SplitWords(value);
  PersonEntry entry;
  size_t i = 0;
  std::vector<std::string> name;
  for (; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (IsRoleWord(w) || HasDigit(w) || !StartsUpperLetter(w) || w == "Nr") break;
    if (Lower(w) == "ord" && i + 1 < words.size() && Lower(words[i + 1]) == "förande") break;  // "Ord förande"
    name.push_back(w);
    if (w.back() == ',') break;
  }
  std::string joined;
  for (auto& w : name) joined += (joined.empty() ? "" : " ") + w;
  while (!joined.empty() && joined.back() == ',') joined.pop_back();
  if (!LooksLikePersonName(joined)) return std::nullopt;
  entry.name = joined;
  std::string role;
  for (; i < words.size() && IsRoleWord(words[i]); ++i) {
    std::string w = words[i];
    while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.pop_back();
    // "Ord förande": a word split by OCR.
    if (Lower(w) == "förande" && Lower(role) == "ord") {
      role += "förande";
      continue;
    }
    role += (role.empty() ? "" : " ") + Lower(w);
  }
  if (role.empty() && i < words.size() && Lower(words[i]) == "ord" && i + 1 < words.size() &&
      Lower(words[i + 1]) == "förande")
    role = "ordförande";
  if (!role.empty()) entry.role = role;
  return entry;
}

enum class AttendanceField { kNone, kPresent, kAbsent };

AttendanceField AttendanceLabel(std::string_view text, std::string& value) {
  struct Label {
    std::string_view word;
    AttendanceField field;
  };
  static const Label kLabels[] = {{"närvarande ledamöter", AttendanceField::kPresent},
                                  {"närvarande", AttendanceField::kPresent},
                                  {"deltagare", AttendanceField::kPresent},
                                  {"närvarade", AttendanceField::kPresent},
                                  {"frånvarande", AttendanceField::kAbsent},
                                  {"ej närvarande", AttendanceField::kAbsent},
                                  {"anmält förhinder", AttendanceField::kAbsent},
                                  {"förhinder", AttendanceField::kAbsent}};
  std::string t(Trim(text));
  while (!t.empty() && (t[0] == '|' || t[0] == ' ')) t.erase(0, 1);
  std::string lower = Lower(t);
  for (const auto& l : kLabels) {
    if (lower.compare(0, l.word.size(), l.word) != 0) continue;
    std::string_view rest = std::string_view(t).substr(l.word.size());
    if (!rest.empty() && rest[0] != ':' && rest[0] != ' ') continue;
    rest = Trim(rest);
    if (!rest.empty() && rest[0] == ':') rest = Trim(rest.substr(1));
    // "Närvarande: 42 fastigheter": a count, not a list.
    value = std::string(rest);
    return l.field;
  }
  return AttendanceField::kNone;
}

std::string StripTableRules(std::string_view s) {
  std::string out;
  for (auto& w : SplitWords(s))
    if (w != "|" && w != "=" && w != "—" && w != "-") out += (out.empty() ? "" : " ") + w;
  return out;
}

void AddAttendeeRows(const std::vector<std::string>& values, AttendanceField field, std::vector<Attendee>& attendees) {
  if (values.empty()) return;
  const std::string status = field == AttendanceField::kAbsent ? "absent" : "present";
  auto add = [&](const std::string& name, std::optional<std::string> role, bool remote) {
    for (const auto& a : attendees)
      if (a.name == name) return;
    Attendee a;
    a.name = name;
    a.role = std::move(role);
    a.remote = remote;
    a.status = status;
    attendees.push_back(std::move(a));
  };
  // A comma list, possibly wrapped: every piece but the last is a bare name.
  std::string joined;
  for (const auto& v : values) joined += (joined.empty() ? "" : " ") + v;
  auto pieces = SplitOn(joined, ',');
  const bool comma_list =
      pieces.size() > 1 && std::all_of(pieces.begin(), pieces.end(), [](const std::string& p) {
        std::string name = p;
        TakeRemoteMarker(name);
        return !HasDigit(name) && LooksLikePersonName(name);
      });
  if (comma_list) {
    for (auto& p : pieces) {
      std::string name = p;
      const bool remote = TakeRemoteMarker(name);
      add(name, std::nullopt, remote);
    }
    return;
  }
  for (const auto& v : values) {
    if (v.empty() || v[0] == '(') continue;  // "(Ulf närvarade vid punkterna 1 - 3)"
    std::string value = v;
    const bool remote = TakeRemoteMarker(value);
    if (auto entry = ParsePersonRow(value)) add(entry->name, entry->role, remote);
  }
}

// ---- closing ----

bool OpensSignatures(std::string_view text) {
  std::string lower = Lower(Trim(text));
  return lower.rfind("vid protokollet", 0) == 0 || lower.rfind("justeras", 0) == 0 ||
         lower.rfind("justerat", 0) == 0 || lower.rfind("protokollförare", 0) == 0;
}

// Names over "Sekreterare  Ordförande": secretary and chair, where the
// printed names are attendees (by surname, as signatures OCR badly).
void ReadSignatures(std::span<const TextLine> lines, Document& doc) {
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string lower = Lower(lines[i].text);
    const size_t secretary_at = lower.find("sekreterare");
    const size_t chair_at = lower.find("ordförande");
    if (secretary_at == std::string::npos || chair_at == std::string::npos) continue;
    const std::string& names = lines[i - 1].text;
    std::vector<std::pair<size_t, std::string>> found;
    for (const auto& a : doc.attendees) {
      const std::string last = LastName(a.name);
      if (last.size() < 2) continue;
      // The surname as a whole word.
      for (size_t at = names.find(last); at != std::string::npos; at = names.find(last, at + 1)) {
        const size_t after = at + last.size();
        if ((at == 0 || names[at - 1] == ' ') && (after == names.size() || names[after] == ' ')) {
          found.emplace_back(at, a.name);
          break;
        }
      }
    }
    std::sort(found.begin(), found.end());
    if (found.size() != 2) return;
    const bool secretary_first = secretary_at < chair_at;
    doc.metadata.secretary = found[secretary_first ? 0 : 1].second;
    doc.metadata.chair = found[secretary_first ? 1 : 0].second;
    return;
  }
}

ItemRules Rules(const std::map<const TextLine*, Heading>& headings) {
  ItemRules rules;
  rules.heading = [&headings](const TextLine& line, int, Heading& out) {
    auto it = headings.find(&line);
    if (it == headings.end()) return false;
    out = it->second;
    return true;
  };
  rules.decision_marker = [](std::string_view text, std::string& inline_text) {
    static const std::regex re(R"(^(Beslut|Beslutades|Beslöts)\s*:\s*(.*)$)");
    std::string t(Trim(text));
    std::smatch m;
    if (!std::regex_match(t, m, re)) return false;
    inline_text = m[2].str();
    return true;
  };
  // "a) Kräva in samfällighetsavgift": a sub-point's label, a paragraph of its
  // own. The signatures also end a title ("8. Nästa möte är …,").
  rules.section_marker = [](const TextLine& line) {
    if (OpensSignatures(line.text)) return true;
    static const std::regex re(R"(^[a-zA-Z][.)]\s+\S.*$)");
    std::string t(Trim(line.text));
    return t.size() <= 60 && !EndsWithAny(t, ".") && std::regex_match(t, re);
  };
  rules.secretary_marker = OpensSignatures;
  return rules;
}

}  // namespace

int DetectForeningsprotokoll(std::span<const TextLine> lines) {
  // Evidence that an association speaks: its name or its kind of meeting at the top.
  bool association = false;
  int score = 0;
  const size_t top = std::min<size_t>(lines.size(), 8);
  for (size_t i = 0; i < top; ++i) {
    if (NamesAssociation(lines[i].text) && lines[i].text.size() < 90) association = true;
    if (NamesMeeting(lines[i].text) && lines[i].text.size() < 90) association = true, score += 2;
  }
  if (!association) return 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = Trim(lines[i].text);
    if (IsLabelLine(t, "noteringar")) score += 3;
    if (IsLabelLine(t, "dagordning")) score += 2;
    if (t.rfind("Punkt |", 0) == 0 || t.rfind("Punkt Vad", 0) == 0) score += 3;
    std::string value;
    if (i < 40 && AttendanceLabel(t, value) != AttendanceField::kNone) score += 1;
    if (OpensSignatures(t)) score += 1;
  }
  return score >= 3 ? score : 0;
}

void ParseForeningsprotokoll(const LaidOutDocument& laid, const HyphenationContext& context, Document& doc) {
  doc.language = "sv";
  std::vector<TextLine> repaired = JoinDetachedNumbers(laid.lines);
  bool responsible_column = false;
  for (const auto& l : repaired)
    if (Contains(l.text, "Föredragande") || Contains(l.text, "Ansvar")) responsible_column = true;
  std::span<const TextLine> all = repaired;

  // Where the items are: after "Noteringar" when an agenda precedes it, else
  // after "Dagordning", else from the first heading.
  size_t agenda_at = all.size(), notes_at = all.size();
  for (size_t i = 0; i < all.size(); ++i) {
    if (agenda_at == all.size() && IsLabelLine(all[i].text, "dagordning")) agenda_at = i;
    if (notes_at == all.size() && IsLabelLine(all[i].text, "noteringar")) notes_at = i;
  }
  std::map<int, std::string> agenda;
  size_t region_start = 0;
  if (notes_at < all.size()) {
    region_start = notes_at + 1;
    if (agenda_at < notes_at)
      for (const auto& h : FindNumberedHeadings(all.subspan(agenda_at + 1, notes_at - agenda_at - 1)))
        agenda[std::stoi(h.heading.number)] = h.heading.title;
  } else if (agenda_at < all.size()) {
    region_start = agenda_at + 1;
  }
  std::vector<TextLine> region_rows = ReadAsRows(all.subspan(region_start));
  std::vector<std::optional<std::string>> initials(region_rows.size());
  if (responsible_column)
    for (size_t i = 0; i < region_rows.size(); ++i) {
      std::string text = region_rows[i].text;
      if ((initials[i] = TakeInitials(text))) region_rows[i] = Rewritten(region_rows[i], text);
    }
  std::span<const TextLine> region = region_rows;
  size_t region_end = region.size();
  for (size_t i = 0; i < region.size(); ++i)
    if (OpensSignatures(region[i].text)) {
      region_end = i;
      break;
    }
  std::vector<HeadingLine> headings = FindNumberedHeadings(region.subspan(0, region_end));
  FillMissingHeadings(region, agenda, region_end, headings);
  std::set<size_t> consumed;
  JoinTitleContinuations(region, headings, consumed);
  for (auto& h : headings) h.heading.title = RepairTitle(h.heading.title, context);

  const size_t first_item = headings.empty() ? region.size() : headings.front().index;

  // ---- title page ----
  // The agenda before "Noteringar" stays in the preamble; the fields end at it.
  std::vector<TextLine> header_lines(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(region_start));
  header_lines.insert(header_lines.end(), region.begin(), region.begin() + static_cast<std::ptrdiff_t>(first_item));
  std::span<const TextLine> header = header_lines;
  std::vector<std::string> top_lines;
  if (!laid.pages.empty() && laid.pages.front().header) top_lines.push_back(*laid.pages.front().header);
  for (size_t i = 0; i < header.size() && i < 8; ++i) top_lines.push_back(header[i].text);
  for (const auto& l : top_lines) {
    std::string body = BodyFromLine(l);
    if (!body.empty()) {
      doc.metadata.body = body;
      break;
    }
  }
  for (const auto& l : top_lines) {
    std::string lower = Lower(Trim(l));
    for (std::string_view kind : {"protokoll", "kallelse"})
      if (!doc.metadata.title && lower.find(kind) != std::string::npos)
        doc.metadata.title = std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])))) +
                             std::string(kind.substr(1));
  }

  std::vector<Row> rows = BuildRows(header);
  AttendanceField field = AttendanceField::kNone;
  double label_x = 0;
  std::vector<std::string> values;
  auto flush_attendees = [&]() {
    AddAttendeeRows(values, field, doc.attendees);
    values.clear();
  };
  std::optional<std::string> field_date_text;
  for (const auto& row : rows) {
    std::string text = StripTableRules(row.Text());
    std::string lower = Lower(text);
    std::string value;
    AttendanceField opened = AttendanceLabel(text, value);
    if (opened != AttendanceField::kNone) {
      flush_attendees();
      field = opened;
      label_x = row.First().box.x0;
      if (!value.empty()) values.push_back(value);
      continue;
    }
    if (field != AttendanceField::kNone) {
      if (row.First().box.x0 > label_x + 20) {
        values.push_back(text);
        continue;
      }
      flush_attendees();
      field = AttendanceField::kNone;
    }
    for (std::string_view label : {"datum och tid", "datum", "tid", "sammanträdestid", "mötestid"}) {
      if (lower.rfind(label, 0) != 0) continue;
      std::string rest = text.substr(label.size());
      if (!rest.empty() && rest[0] != ':' && rest[0] != ' ') continue;
      if (FindDate(rest) && !field_date_text) field_date_text = rest;
      if (!doc.metadata.start_time) doc.metadata.start_time = FindTimes(rest).start;
      break;
    }
    for (std::string_view label : {"plats", "lokal"})
      if (lower.rfind(label, 0) == 0 && text.size() > label.size() && text[label.size()] == ':' && !doc.metadata.place)
        doc.metadata.place = std::string(Trim(text.substr(label.size() + 1)));
  }
  flush_attendees();
  for (auto& a : doc.attendees) a.name = RepairName(a.name, context);
  if (field_date_text) {
    doc.metadata.date = FindDate(*field_date_text)->Iso();
  } else {
    for (const auto& l : top_lines) {
      if (auto d = FindDate(l)) {
        doc.metadata.date = d->Iso();
        if (!doc.metadata.start_time) doc.metadata.start_time = FindTimes(l).start;
        break;
      }
    }
    for (size_t i = 0; !doc.metadata.date && i < header.size(); ++i)
      if (auto d = FindDate(header[i].text)) {
        doc.metadata.date = d->Iso();
        if (!doc.metadata.start_time) doc.metadata.start_time = FindTimes(header[i].text).start;
      }
  }

  std::vector<TextLine> preamble_lines;
  for (const auto& l : header)
    if (!IsPageLabelLine(l.text)) preamble_lines.push_back(l);
  doc.preamble = BuildBodyParagraphs(preamble_lines, context);

  // ---- items ----
  std::vector<TextLine> item_lines;
  std::map<size_t, size_t> position;  // region index -> item_lines index
  for (size_t i = first_item; i < region.size(); ++i) {
    if (consumed.count(i)) continue;
    position[i] = item_lines.size();
    item_lines.push_back(region[i]);
  }
  std::map<const TextLine*, Heading> by_line;
  for (const auto& h : headings) by_line[&item_lines[position.at(h.index)]] = h.heading;
  ItemRules rules = Rules(by_line);
  WalkResult walk = WalkItems(item_lines, rules, context, doc);
  // The initials in a heading's row name its presenter: "BG" is Björn Goffeng
  // when exactly one attendee has those initials.
  auto by_initials = [&doc](const std::string& letters) -> std::string {
    std::string found;
    for (const auto& a : doc.attendees) {
      const std::string first = FirstName(a.name), last = LastName(a.name);
      if (letters.size() == 2 && first.compare(0, 1, letters, 0, 1) == 0 && last.compare(0, 1, letters, 1, 1) == 0) {
        if (!found.empty()) return letters;
        found = a.name;
      }
    }
    return found.empty() ? letters : found;
  };
  if (doc.items.size() == headings.size())
    for (size_t k = 0; k < headings.size(); ++k)
      if (const auto& letters = initials[headings[k].index])
        for (const auto& person : SplitOn(*letters, '/')) doc.items[k].presenters.push_back(by_initials(person));
  doc.metadata.secretary.reset();
  ReadSignatures(item_lines, doc);
  LearnRolesFromText(doc);
  AttributeSpeakers(doc, walk, SwedishSpeakerRules());
  FindNextMeeting(item_lines, {"nästa möte", "nästa styrelsemöte", "kommande möte"}, doc);
}

}  // namespace protokoll::segment
