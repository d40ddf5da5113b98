#include "protokoll/layout.h"

#include <algorithm>
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
// At most this many lines at each edge are candidates for running lines.
constexpr int kEdgeLines = 4;

struct PageLine {
  TextLine line;
  std::string key;  // masked form for repetition: lower case, digits as '#'
  enum Role { kBody, kHeader, kFooter, kLabel } role = kBody;
};

std::string LineText(const RawLine& raw) {
  std::string text;
  for (size_t i = 0; i < raw.words.size(); ++i) {
    text += raw.words[i].text;
    if (i + 1 < raw.words.size() && raw.words[i].space_after) text += ' ';
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
    if (c == ' ') continue;
    key += c;
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

bool IsLabel(const std::string& text) { return std::regex_match(text, LabelPattern()); }

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
      pl.key = MaskKey(pl.line.text);
      lines.push_back(std::move(pl));
    }
    pages.push_back(std::move(lines));
  }

  // Count, per masked key, the pages where it stands in the top or bottom band.
  auto in_top = [&](const RawPage& page, const PageLine& l, size_t index) {
    return index < kEdgeLines && l.line.box.y1 <= page.height * kTopBand;
  };
  auto in_bottom = [&](const RawPage& page, const PageLine& l, size_t index, size_t count) {
    return index + kEdgeLines >= count && l.line.box.y0 >= page.height * kBottomBand;
  };
  std::map<std::string, std::set<int>> top_pages, bottom_pages;
  for (size_t p = 0; p < pages.size(); ++p) {
    const auto& lines = pages[p];
    for (size_t i = 0; i < lines.size(); ++i) {
      if (in_top(raw.pages[p], lines[i], i)) top_pages[lines[i].key].insert(raw.pages[p].number);
      if (in_bottom(raw.pages[p], lines[i], i, lines.size()))
        bottom_pages[lines[i].key].insert(raw.pages[p].number);
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
    // Scan inwards from each edge: running lines and labels are contiguous with the edge.
    for (size_t i = 0; i < lines.size(); ++i) {
      auto& l = lines[i];
      if (!in_top(page, l, i)) break;
      std::string rest, label;
      if (IsLabel(l.line.text) && !record.label) {
        l.role = PageLine::kLabel;
        record.label = l.line.text;
      } else if (running(top_pages, l.key)) {
        l.role = PageLine::kHeader;
        if (SplitTrailingLabel(l.line.text, rest, label) && !record.label) {
          record.label = label;
          l.line.text = rest;
        }
      } else {
        continue;  // a title in the top band; later lines may still be running
      }
    }
    for (size_t k = lines.size(); k-- > 0;) {
      auto& l = lines[k];
      if (l.role != PageLine::kBody) break;
      if (!in_bottom(page, l, k, lines.size())) break;
      std::string rest, label;
      if (IsLabel(l.line.text) && !record.label) {
        l.role = PageLine::kLabel;
        record.label = l.line.text;
      } else if (running(bottom_pages, l.key)) {
        l.role = PageLine::kFooter;
        if (SplitTrailingLabel(l.line.text, rest, label) && !record.label) record.label = label;  // the footer keeps its whole line
      } else {
        break;
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
