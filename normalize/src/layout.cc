#include "protokoll/layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <regex>
#include <set>

#include "protokoll/text.h"

namespace protokoll {
namespace {

// Running lines live in these bands of the page (fractions of its height).
constexpr double kTopBand = 0.13;
constexpr double kBottomBand = 0.88;

struct PageLine {
  TextLine line;
  std::string key;  // masked form for repetition: lower case, digits as '#'
  enum Role { kBody, kHeader, kFooter, kLabel } role = kBody;
};

std::string LineText(const RawLine& raw) {
  std::string text;
  for (size_t i = 0; i < raw.words.size(); ++i) {
    const Word& w = raw.words[i];
    text += w.text;
    if (i + 1 == raw.words.size()) break;
    // Trust visible white space over the extractor's flag: a tab stop between
    // "1" and "Inledning" has no space character but is a word break.
    const double gap = raw.words[i + 1].box.x0 - w.box.x1;
    if (w.space_after || gap > 0.2 * std::max(w.font_size, 1.0)) text += ' ';
  }
  return NormalizeLineText(text);
}

// Font size and boldness by majority of characters, so one bold word does not make a bold line.
void DominantFont(const RawLine& raw, double& size, bool& bold) {
  std::map<double, size_t> sizes;
  size_t bold_chars = 0, chars = 0;
  for (const auto& w : raw.words) {
    sizes[std::round(w.font_size * 2) / 2] += w.text.size();
    chars += w.text.size();
    if (w.bold) bold_chars += w.text.size();
  }
  size = 0;
  size_t best = 0;
  for (const auto& [s, n] : sizes)
    if (n > best) best = n, size = s;
  bold = chars > 0 && bold_chars * 2 > chars;
}

// Letters only, digit runs as '#': "Sida 2"/"Sida 3" and an OCR'd
// "förvaltningen : 2 (4)" against "förvaltningen 1 (4)" all match.
std::string MaskKey(const std::string& text) {
  std::string lower = ToLower(text), key;
  bool in_digits = false;
  for (char c : lower) {
    if (c >= '0' && c <= '9') {
      if (!in_digits) key += '#';
      in_digits = true;
      continue;
    }
    in_digits = false;
    if (static_cast<unsigned char>(c) >= 0x80 || std::isalpha(static_cast<unsigned char>(c))) key += c;
  }
  return key;
}

// Printed page labels: "1 (5)", "Sida 2", "Sida 2 av 5", "Page 2 of 3", "2/5", "- 2 -", "2".
const std::regex& LabelPattern() {
  static const std::regex re(
      R"((\d{1,4}\s*\(\s*\d{1,4}\s*\))|((sida|side|sid\.|s\.|page|sivu|blad)\s*\d{1,4}(\s*(av|of|af|/|\()\s*\d{1,4}\)?)?)|(\d{1,4}\s*/\s*\d{1,4})|([-–]\s*\d{1,4}\s*[-–])|(\d{1,4}))",
      std::regex::icase | std::regex::optimize);
  return re;
}

// "3 (5)" and "3/5" are labels only when they read as page n of m; "1/2023" is a protocol number.
bool IsLabel(const std::string& text) {
  if (!std::regex_match(text, LabelPattern())) return false;
  static const std::regex pair(R"((\d+)\D+(\d+)\D*)");
  std::smatch m;
  if (std::regex_match(text, m, pair)) {
    long n = std::stol(m[1].str()), of = std::stol(m[2].str());
    return n >= 1 && n <= of && of < 1000;
  }
  return true;
}

// A label printed at the end of a running line: "Protokoll 3/2025   Sida 2".
bool SplitTrailingLabel(const std::string& text, std::string& rest, std::string& label) {
  static const std::regex re(
      R"(^(.*\S)\s+((\d{1,4}\s*\(\s*\d{1,4}\s*\))|((sida|side|page|sivu|blad)\s*\d{1,4}(\s*(av|of|af|/)\s*\d{1,4})?))$)",
      std::regex::icase | std::regex::optimize);
  std::smatch m;
  if (!std::regex_match(text, m, re)) return false;
  rest = m[1].str();
  label = m[2].str();
  return true;
}

// Poppler splits a printed line at wide gaps ("2 §" in the margin, then the
// title; "Datum" then the value at a tab stop). Consecutive pieces on one
// baseline, left to right, are one line.
std::vector<PageLine> MergeSameBaseline(std::vector<PageLine> lines, double page_width, double page_height) {
  // Poppler may emit another piece in between ("City of Riverton", "4.",
  // "Council Minutes …", "Public Works report …"), so look a few lines back.
  constexpr size_t kLookBack = 3;
  std::vector<PageLine> out;
  for (auto& l : lines) {
    bool merged = false;
    const Box& b = l.line.box;
    // In the running-line bands any distance and any stream order counts:
    // "Protokoll 3/2025 …      Sida 2" is one printed line.
    const bool band = b.y1 <= page_height * kTopBand || b.y0 >= page_height * kBottomBand;
    const size_t look_back = band ? out.size() : std::min(kLookBack, out.size());
    for (size_t back = 1; back <= look_back && !merged; ++back) {
      TextLine& prev = out[out.size() - back].line;
      const Box& a = prev.box;
      double overlap = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
      double smaller = std::min(a.height(), b.height());
      if (smaller > 0 && overlap >= 0.6 * smaller && b.x0 >= a.x1 - 2 && (band || b.x0 - a.x1 < 0.45 * page_width)) {
        prev.text += " " + l.line.text;
        prev.box = a.Union(b);
        prev.bold = prev.bold && l.line.bold;
        prev.font_size = std::max(prev.font_size, l.line.font_size);
        merged = true;
      }
    }
    if (!merged) out.push_back(std::move(l));
  }
  return out;
}

double Mode(const std::vector<double>& values, double step) {
  std::map<long, size_t> counts;
  for (double v : values) counts[std::lround(v / step)]++;
  long best = 0;
  size_t n = 0;
  for (const auto& [k, c] : counts)
    if (c > n) n = c, best = k;
  return static_cast<double>(best) * step;
}

void AppendLine(std::optional<std::string>& field, const std::string& text) {
  if (field) *field += "\n" + text;
  else field = text;
}

}  // namespace

LaidOutDocument LayOut(const RawDocument& raw) {
  LaidOutDocument out;
  std::vector<std::vector<PageLine>> pages;
  for (const auto& page : raw.pages) {
    std::vector<PageLine> lines;
    for (const auto& rl : page.lines) {
      PageLine pl;
      pl.line.text = LineText(rl);
      if (pl.line.text.empty()) continue;
      pl.line.page = page.number;
      pl.line.box = rl.box;
      DominantFont(rl, pl.line.font_size, pl.line.bold);
      pl.line.block = page.number * 10000 + rl.block;
      pl.line.ocr = page.method == PageMethod::kOcr;
      lines.push_back(std::move(pl));
    }
    lines = MergeSameBaseline(std::move(lines), page.width > 0 ? page.width : 595, page.height > 0 ? page.height : 842);
    for (auto& pl : lines) {
      // "1§ 30.01.2023 Sida 1" and "2§ 30.01.2023" are the same running line.
      std::string rest, label;
      pl.key = MaskKey(SplitTrailingLabel(pl.line.text, rest, label) ? rest : pl.line.text);
    }
    pages.push_back(std::move(lines));
  }

  // Count, per masked key, the pages where it stands in the top or bottom band.
  // By position, not by stream order: Poppler often emits a page's running
  // lines last ("Sida 2" at the top right after the body).
  auto in_top = [&](const RawPage& page, const PageLine& l) { return l.line.box.y1 <= page.height * kTopBand; };
  auto in_bottom = [&](const RawPage& page, const PageLine& l) { return l.line.box.y0 >= page.height * kBottomBand; };
  std::map<std::string, std::set<int>> top_pages, bottom_pages;
  for (size_t p = 0; p < pages.size(); ++p) {
    const auto& lines = pages[p];
    for (const auto& line : lines) {
      if (in_top(raw.pages[p], line)) top_pages[line.key].insert(raw.pages[p].number);
      if (in_bottom(raw.pages[p], line)) bottom_pages[line.key].insert(raw.pages[p].number);
    }
  }
  // Running: repeated on at least two pages and, in longer documents, on a
  // good share of them (attachments often lack the protocol's running lines).
  const size_t page_count = pages.size();
  const size_t min_repeats = std::max<size_t>(2, page_count >= 6 ? page_count / 5 : 2);
  auto running = [&](const std::map<std::string, std::set<int>>& counts, const std::string& key) {
    auto it = counts.find(key);
    return key.size() >= 1 && it != counts.end() && it->second.size() >= min_repeats;
  };

  for (size_t p = 0; p < pages.size(); ++p) {
    const RawPage& page = raw.pages[p];
    PageRecord record;
    record.number = page.number;
    record.method = std::string(PageMethodName(page.method));
    record.ocr_confidence = page.ocr_confidence;
    auto& lines = pages[p];
    for (auto& l : lines) {
      const bool top = in_top(page, l), bottom = in_bottom(page, l);
      if (!top && !bottom) continue;
      std::string rest, label;
      if (IsLabel(l.line.text) && !record.label) {
        // A label alone at the foot of the page is also the page's footer line.
        l.role = top ? PageLine::kLabel : PageLine::kFooter;
        record.label = l.line.text;
      } else if (running(top ? top_pages : bottom_pages, l.key)) {
        l.role = top ? PageLine::kHeader : PageLine::kFooter;
        // A label at the end of a header goes to the label; a footer keeps its whole line.
        if (SplitTrailingLabel(l.line.text, rest, label) && !record.label) {
          record.label = label;
          if (top) l.line.text = rest;
        }
      }
    }
    for (auto& l : lines) {
      if (l.role == PageLine::kHeader) AppendLine(record.header, l.line.text);
      if (l.role == PageLine::kFooter) AppendLine(record.footer, l.line.text);
    }
    out.pages.push_back(std::move(record));

    bool first = true;
    Box previous_box;
    for (auto& l : lines) {
      if (l.role != PageLine::kBody) continue;
      TextLine line = std::move(l.line);
      line.first_on_page = first;
      line.gap_before = first ? line.box.y0 : line.box.y0 - previous_box.y1;
      previous_box = line.box;
      first = false;
      out.lines.push_back(std::move(line));
    }
  }

  std::vector<double> sizes, lefts;
  for (const auto& l : out.lines) {
    sizes.push_back(l.font_size);
    lefts.push_back(l.box.x0);
  }
  out.body_font_size = sizes.empty() ? 0 : Mode(sizes, 0.5);
  out.body_left = lefts.empty() ? 0 : Mode(lefts, 2.0);
  return out;
}

}  // namespace protokoll
