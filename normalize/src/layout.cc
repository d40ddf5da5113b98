#include "protokoll/layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include "page_labels.h"
#include "protokoll/line_limit.h"
#include "protokoll/text.h"

namespace protokoll {
namespace {

// Running lines live in these bands of the page (fractions of its height).
constexpr double kTopBand = 0.13;
constexpr double kBottomBand = 0.88;
// Where a running line no larger than the body text may stand (a little
// wider than the bands where lines merge at any distance): the Hackzogtum
// header ends at 13.2 % of the page, the first of Alameda's three footer
// lines starts at 87.8 %. Repetition on the pages, and absence from their
// middles, still decide.
constexpr double kRunningTopBand = 0.15;
constexpr double kRunningBottomBand = 0.86;
// White space wider than this many ems inside a printed line is a tab stop or
// a table's column gap, not a word space (justified text stays well below).
constexpr double kCellGapEms = 2.0;
// A cell this short (words, bytes) beside prose is a side note ("BG", "JS/LJ").
constexpr size_t kSideNoteWords = 3;
constexpr size_t kSideNoteBytes = 24;

struct PageLine {
  TextLine line;
  std::string key;  // masked form for repetition: lower case, digits as '#'
  std::string exact_key;  // the same with its digits
  std::string cased_key;  // the masked form in its own case: "MINUTES OF THE" is not "Minutes of the"
  int column = 0;         // text column on a multi-column page; pieces of one line share it
  enum Role { kBody, kHeader, kFooter, kLabel } role = kBody;
};

// One letter, in any script: "C", "l", "å".
bool IsSingleLetter(const std::string& word) {
  if (word.empty()) return false;
  const auto lead = static_cast<unsigned char>(word[0]);
  if (lead < 0x80) return word.size() == 1 && std::isalpha(lead);
  const size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  return word.size() == length;
}

// The gap between the letters of letter-spaced text ("C l e v e l a n d"): at
// least three one-letter words in a row, evenly spaced by much less than a
// word space. 0 when the line has none.
double LetterSpacing(const RawLine& raw) {
  const auto& words = raw.words;
  for (size_t i = 0; i < words.size(); ++i) {
    size_t j = i;
    while (j < words.size() && IsSingleLetter(words[j].text)) ++j;
    if (j - i >= 3) {
      double low = 1e9, high = 0;
      for (size_t k = i; k + 1 < j; ++k) {
        const double gap = words[k + 1].box.x0 - words[k].box.x1;
        low = std::min(low, gap), high = std::max(high, gap);
      }
      const double size = std::max(words[i].font_size, 1.0);
      if (low >= 0 && high <= 0.12 * size && high <= 1.5 * low + 0.05 * size) return high;
    }
    i = std::max(i, j);
  }
  return 0;
}

std::string LineText(const RawLine& raw) {
  // In letter-spaced text the extractor sees every letter as a word; gaps no
  // wider than the letters' own spacing join ("O fficial", "Cleve l a n d").
  const double letter_gap = LetterSpacing(raw);
  std::string text;
  for (size_t i = 0; i < raw.words.size(); ++i) {
    const Word& w = raw.words[i];
    text += w.text;
    if (i + 1 == raw.words.size()) break;
    // Trust visible white space over the extractor's flag: a tab stop between
    // "1" and "Inledning" has no space character but is a word break.
    const double gap = raw.words[i + 1].box.x0 - w.box.x1;
    if (letter_gap > 0 && gap <= 1.5 * letter_gap) continue;
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
// With keep_digits the digits stay: "Stenåldersvägen 1 4 516" and "… 85 4 516"
// then differ while "Ramboll – X" and "Ramboll - X" still agree.
std::string MaskKey(const std::string& text, bool keep_digits = false, bool keep_case = false) {
  std::string lower = keep_case ? text : ToLower(text), key;
  bool in_digits = false;
  for (size_t i = 0; i < lower.size(); ++i) {
    const char c = lower[i];
    // U+2000..U+206F (dashes, quotes, bullets, ellipsis) are punctuation like '-'.
    if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < lower.size() &&
        (static_cast<unsigned char>(lower[i + 1]) == 0x80 || static_cast<unsigned char>(lower[i + 1]) == 0x81)) {
      i += 2;
      in_digits = false;
      continue;
    }
    if (c >= '0' && c <= '9') {
      if (keep_digits) key += c;
      else if (!in_digits) key += '#';
      in_digits = true;
      continue;
    }
    in_digits = false;
    if (static_cast<unsigned char>(c) >= 0x80 || std::isalpha(static_cast<unsigned char>(c))) key += c;
  }
  return key;
}

// Reading order of multi-column pages (the Cleveland City Record sets three
// columns, and Poppler may interleave them). An XY-cut: a region splits
// into columns at vertical white gaps that run its full height, else into a
// top and a bottom part at its widest horizontal white gap, recursively;
// the leaves are read in order. Only splits into columns of prose count,
// wide and long enough that a two-column table (names and roles, figures)
// keeps its rows; a page without one keeps the extractor's order entirely.
struct ColumnCut {
  const std::vector<PageLine>& lines;
  double page_width;
  std::vector<std::vector<size_t>> leaves;  // reading order
  std::vector<int> leaf_column;             // the column each leaf lies in
  int columns = 0;                          // column ids handed out
  bool split = false;                       // some region split into columns

  static constexpr double kMinGutter = 4;        // points of white between columns
  static constexpr size_t kMinColumnLines = 15;  // lines in every column
  static constexpr int kMaxDepth = 64;

  bool Prose(const std::vector<size_t>& group) const {
    if (group.size() < kMinColumnLines) return false;
    double left = 1e9, right = 0;
    size_t chars = 0;
    for (size_t i : group) {
      left = std::min(left, lines[i].line.box.x0);
      right = std::max(right, lines[i].line.box.x1);
      chars += lines[i].line.text.size();
    }
    return right - left >= 0.2 * page_width && chars >= 15 * group.size();
  }

  std::vector<std::vector<size_t>> VerticalSplit(std::vector<size_t> region) const {
    std::sort(region.begin(), region.end(),
              [&](size_t a, size_t b) { return lines[a].line.box.x0 < lines[b].line.box.x0; });
    std::vector<std::vector<size_t>> groups(1);
    double covered = lines[region[0]].line.box.x1;
    for (size_t i : region) {
      const Box& b = lines[i].line.box;
      if (b.x0 - covered >= kMinGutter && !groups.back().empty()) groups.emplace_back();
      groups.back().push_back(i);
      covered = std::max(covered, b.x1);
    }
    return groups;
  }

  void Cut(std::vector<size_t> region, int column, int depth) {
    std::sort(region.begin(), region.end());  // the extractor's order within a leaf
    if (region.size() >= 2 * kMinColumnLines && depth < kMaxDepth) {
      auto groups = VerticalSplit(region);
      if (groups.size() >= 2 && std::all_of(groups.begin(), groups.end(), [&](const auto& g) { return Prose(g); })) {
        split = true;
        for (auto& g : groups) Cut(std::move(g), ++columns, depth + 1);
        return;
      }
    }
    if (region.size() >= 2 && depth < kMaxDepth) {
      std::vector<size_t> by_y = region;
      std::sort(by_y.begin(), by_y.end(),
                [&](size_t a, size_t b) { return lines[a].line.box.y0 < lines[b].line.box.y0; });
      double covered = lines[by_y[0]].line.box.y1, widest = 0;
      size_t at = 0;
      for (size_t k = 1; k < by_y.size(); ++k) {
        const Box& b = lines[by_y[k]].line.box;
        if (b.y0 - covered > widest) widest = b.y0 - covered, at = k;
        covered = std::max(covered, b.y1);
      }
      if (at > 0) {
        Cut(std::vector<size_t>(by_y.begin(), by_y.begin() + static_cast<long>(at)), column, depth + 1);
        Cut(std::vector<size_t>(by_y.begin() + static_cast<long>(at), by_y.end()), column, depth + 1);
        return;
      }
    }
    leaves.push_back(std::move(region));
    leaf_column.push_back(column);
  }
};

// Puts a multi-column page's pieces in column order and tags their column;
// leaves any other page as it is.
std::vector<PageLine> OrderColumns(std::vector<PageLine> lines, double page_width) {
  if (lines.size() < 2 * ColumnCut::kMinColumnLines) return lines;
  ColumnCut cut{lines, page_width, {}, {}, 0, false};
  std::vector<size_t> all(lines.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  cut.Cut(std::move(all), 0, 0);
  if (!cut.split) return lines;
  std::vector<PageLine> out;
  out.reserve(lines.size());
  for (size_t leaf = 0; leaf < cut.leaves.size(); ++leaf)
    for (size_t i : cut.leaves[leaf]) {
      out.push_back(std::move(lines[i]));
      out.back().column = cut.leaf_column[leaf];
    }
  return out;
}

size_t WordCount(std::string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// A list marker alone: "3." "12)" "IV." "b)" — digits, Roman numerals or
// one letter, closed by '.' or ')'.
bool IsListMarker(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.size() < 2 || text.size() > 6 || (text.back() != '.' && text.back() != ')')) return false;
  const std::string_view body = text.substr(0, text.size() - 1);
  const bool digits = std::all_of(body.begin(), body.end(), [](char c) { return c >= '0' && c <= '9'; });
  const bool roman = std::all_of(body.begin(), body.end(), [](char c) { return std::strchr("IVXLC", c) && c; });
  const bool letter = body.size() == 1 && std::isalpha(static_cast<unsigned char>(body[0]));
  return !body.empty() && (digits || roman || letter);
}

bool HasAlnum(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80) != 0; });
}

// The line's text, its cells (see TextLine::cells) found at gaps wider than
// kCellGapEms. A "cell" of punctuation alone (OCR'd specks, dot leaders) is
// no cell: it stays with the text before it.
std::string CellText(const RawLine& raw, std::vector<TextLine::Cell>& cells) {
  cells.clear();
  std::string text;
  size_t begin = 0;
  for (size_t i = 0; i <= raw.words.size(); ++i) {
    const bool end = i == raw.words.size();
    if (!end && (i == 0 || raw.words[i].box.x0 - raw.words[i - 1].box.x1 <
                               kCellGapEms * std::max(raw.words[i - 1].font_size, 1.0)))
      continue;
    if (i == begin) continue;
    RawLine piece;
    piece.words.assign(raw.words.begin() + static_cast<long>(begin), raw.words.begin() + static_cast<long>(i));
    const std::string part = LineText(piece);
    if (!part.empty()) {
      if (!text.empty()) {
        if (HasAlnum(part) && HasAlnum(text)) cells.push_back({text.size() + 1, piece.words.front().box.x0});
        text += ' ';
      }
      text += part;
    }
    begin = i;
  }
  return text;
}

PageLine LineFromRaw(const RawLine& raw, int page, bool ocr) {
  PageLine pl;
  pl.line.text = CellText(raw, pl.line.cells);
  pl.line.page = page;
  pl.line.box = raw.box;
  DominantFont(raw, pl.line.font_size, pl.line.bold);
  pl.line.block = page * 10000 + raw.block;
  pl.line.ocr = ocr;
  return pl;
}

size_t CodePoints(std::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Pieces are joined only up to the characters-per-line limit (line_limit.h):
// later stages match patterns against whole lines, and a hostile page may
// set thousands of pieces on one baseline.
bool FitOnOneLine(const TextLine& a, const TextLine& b) {
  return CodePoints(a.text) + 1 + CodePoints(b.text) <= kDefaultMaxLineChars;
}

// Appends `second` to `first` (or puts it before, with `before`): text,
// both lines' cells with a new cell where the gap between them is wide, the
// union of the boxes and the larger font size. Boldness is the caller's.
void JoinPieces(TextLine& first, const TextLine& second, bool before) {
  const TextLine& left = before ? second : first;
  const TextLine& right = before ? first : second;
  const double size = std::max(std::max(left.font_size, right.font_size), 1.0);
  std::vector<TextLine::Cell> cells = left.cells;
  const size_t shift = left.text.size() + 1;
  if (right.box.x0 - left.box.x1 >= kCellGapEms * size) cells.push_back({shift, right.box.x0});
  for (auto cell : right.cells) cells.push_back({cell.offset + shift, cell.x0});
  first.text = left.text + " " + right.text;
  first.cells = std::move(cells);
  first.box = first.box.Union(second.box);
  first.font_size = std::max(first.font_size, second.font_size);
}

// Poppler splits a printed line at wide gaps ("2 §" in the margin, then the
// title; "Datum" then the value at a tab stop). Consecutive pieces on one
// baseline, left to right, are one line.
std::vector<PageLine> MergeSameBaseline(std::vector<PageLine> lines, double page_width, double page_height,
                                        bool text_layer) {
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
      if (out[out.size() - back].column != l.column) continue;
      TextLine& prev = out[out.size() - back].line;
      const Box& a = prev.box;
      double overlap = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
      double smaller = std::min(a.height(), b.height());
      if (smaller <= 0 || overlap < 0.6 * smaller) continue;
      const bool right = b.x0 >= a.x1 - 2 && (band || b.x0 - a.x1 < 0.45 * page_width);
      // Browser prints emit "会議録表示" before the "2024/11/05 1:34" left of it.
      // Only adjacent short pieces: in the bands of a multi-column page the
      // next line may start in the column to the left.
      const bool left = band && back == 1 && b.x1 <= a.x0 + 2 && prev.text.size() + l.line.text.size() <= 40;
      if ((right || left) && FitOnOneLine(prev, l.line)) {
        prev.bold = prev.bold && l.line.bold;
        JoinPieces(prev, l.line, /*before=*/!right);
        merged = true;
      }
    }
    if (!merged) out.push_back(std::move(l));
  }
  // A short piece may come a whole block earlier or later than the rest of
  // its printed line: a table's side column ("BG" under "Föredragande/
  // Ansvar"), a list marker ("c)") set apart from its text. It belongs to the
  // line on its baseline, wherever that stands in the stream (on a text
  // layer: Tesseract already puts a line together, and a block of one
  // line there is as often a speck as a word). Only a piece
  // that is a block of its own: a block of several lines is a column of its
  // own (the "ersättare" beside the "ordinarie"), whose lines stay together.
  std::map<int, size_t> block_lines;
  std::map<int, bool> marker_block;  // every line of the block a list marker
  for (const auto& pl : out) {
    ++block_lines[pl.line.block];
    auto [it, fresh] = marker_block.emplace(pl.line.block, true);
    it->second = it->second && IsListMarker(pl.line.text);
  }
  for (size_t i = 0; text_layer && i < out.size();) {
    const TextLine& piece = out[i].line;
    const Box& b = piece.box;
    const bool band = b.y1 <= page_height * kTopBand || b.y0 >= page_height * kBottomBand;
    size_t partner = out.size();
    double nearest = 0.7 * page_width;  // a table may span the page
    // A column of list markers ("I." "II." "III." set as a block of their
    // own beside the titles, as word processors export numbered lists)
    // joins line by line like a single piece.
    const bool alone = block_lines[piece.block] == 1 || marker_block[piece.block];
    if (!band && alone && WordCount(piece.text) <= kSideNoteWords && piece.text.size() <= kSideNoteBytes) {
      for (size_t j = 0; j < out.size(); ++j) {
        if (j == i || out[j].column != out[i].column) continue;
        const Box& a = out[j].line.box;
        const double overlap = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
        const double smaller = std::min(a.height(), b.height());
        if (smaller <= 0 || overlap < 0.6 * smaller) continue;
        const double distance = b.x0 >= a.x1 - 2 ? b.x0 - a.x1 : a.x0 >= b.x1 - 2 ? a.x0 - b.x1 : -1;
        if (distance >= 0 && distance < nearest) nearest = distance, partner = j;
      }
    }
    if (partner == out.size() || !FitOnOneLine(out[partner].line, piece)) {
      ++i;
      continue;
    }
    TextLine& line = out[partner].line;
    const bool before = b.x0 < line.box.x0;
    JoinPieces(line, piece, before);
    out.erase(out.begin() + static_cast<long>(i));
    if (partner < i) continue;  // the next piece moved to i
  }
  return out;
}

// Marks a page's body lines that are table rows or carry a side note; see
// TextLine::table_row and TextLine::side_note.
void MarkCells(std::vector<TextLine*>& body) {
  auto aligned = [](const TextLine* other, double x0, double size) {
    if (other == nullptr) return false;
    return std::any_of(other->cells.begin(), other->cells.end(),
                       [&](const TextLine::Cell& c) { return std::abs(c.x0 - x0) <= 1.5 * size; });
  };
  for (size_t i = 0; i < body.size(); ++i) {
    TextLine& line = *body[i];
    if (line.cells.empty()) continue;
    if (line.cells.size() >= 2) {
      line.table_row = true;
      continue;
    }
    const double size = std::max(line.font_size, 1.0);
    const TextLine* before = i > 0 ? body[i - 1] : nullptr;
    const TextLine* after = i + 1 < body.size() ? body[i + 1] : nullptr;
    const double x0 = line.cells.front().x0;
    if (aligned(before, x0, size) || aligned(after, x0, size)) {
      line.table_row = true;
      continue;
    }
    const size_t offset = line.cells.front().offset;
    const std::string_view note = std::string_view(line.text).substr(offset);
    const std::string_view prose = std::string_view(line.text).substr(0, offset);
    if (WordCount(note) <= kSideNoteWords && note.size() <= kSideNoteBytes && WordCount(prose) > kSideNoteWords)
      line.side_note = true;
  }
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
      PageLine pl = LineFromRaw(rl, page.number, page.method == PageMethod::kOcr);
      if (pl.line.text.empty()) continue;
      lines.push_back(std::move(pl));
    }
    // Tesseract's page layout analysis already reads an OCR'd page block by
    // block in reading order; only a text layer's order needs the XY-cut.
    if (page.method != PageMethod::kOcr) lines = OrderColumns(std::move(lines), page.width > 0 ? page.width : 595);
    lines = MergeSameBaseline(std::move(lines), page.width > 0 ? page.width : 595, page.height > 0 ? page.height : 842,
                              page.method != PageMethod::kOcr);
    for (auto& pl : lines) {
      // "1§ 30.01.2023 Sida 1" and "2§ 30.01.2023" are the same running line.
      std::string rest, label;
      pl.key = MaskKey(SplitTrailingPageLabel(pl.line.text, rest, label) ? rest : pl.line.text);
      // A bare page number ending a running line ("Alameda City Council 2")
      // is not part of it: the last page may print the line without one.
      if (pl.key.size() >= 4 && pl.key.back() == '#' && pl.key[pl.key.size() - 2] != '#') pl.key.pop_back();
      pl.exact_key = MaskKey(pl.line.text, /*keep_digits=*/true);
      pl.cased_key = MaskKey(pl.line.text, /*keep_digits=*/false, /*keep_case=*/true);
    }
    pages.push_back(std::move(lines));
  }

  // Count, per masked key, the pages where it stands in the top or bottom band.
  // By position, not by stream order: Poppler often emits a page's running
  // lines last ("Sida 2" at the top right after the body).
  // Beyond the merge bands only lines no larger than the body text count: a
  // cover title ("Protokoll 3/2025" in 15 pt at 13.5 % of the page) is not a
  // running line however often it is printed.
  std::vector<double> all_sizes;
  for (const auto& lines : pages)
    for (const auto& l : lines) all_sizes.push_back(l.line.font_size);
  const double body_size = all_sizes.empty() ? 0 : Mode(all_sizes, 0.5);
  auto small = [&](const PageLine& l) { return l.line.font_size <= body_size + 0.5; };
  auto in_top = [&](const RawPage& page, const PageLine& l) {
    return l.line.box.y1 <= page.height * kTopBand || (l.line.box.y1 <= page.height * kRunningTopBand && small(l));
  };
  auto in_bottom = [&](const RawPage& page, const PageLine& l) {
    return l.line.box.y0 >= page.height * kBottomBand || (l.line.box.y0 >= page.height * kRunningBottomBand && small(l));
  };
  // The middle of pages is counted per form as printed, case included: a
  // title in capitals ("MINUTES OF THE" on page 1) is not the running header
  // "Minutes of the" standing in the middle of a page.
  std::map<std::string, std::set<int>> top_pages, bottom_pages, middle_pages;
  std::map<std::string, std::set<std::string>> band_forms;  // key -> its cased forms in the bands
  for (size_t p = 0; p < pages.size(); ++p) {
    const int number = raw.pages[p].number;
    for (const auto& line : pages[p]) {
      const bool top = in_top(raw.pages[p], line), bottom = in_bottom(raw.pages[p], line);
      if (top) top_pages[line.key].insert(number);
      if (bottom) bottom_pages[line.key].insert(number);
      if (top || bottom) band_forms[line.key].insert(line.cased_key);
      if (!top && !bottom) middle_pages[line.cased_key].insert(number);
    }
  }
  // Running: the same masked line in the same band on three pages or more
  // (two in a short document). Not a share of the pages: attachments (browser
  // prints, reports) bring their own running lines for a stretch of pages.
  // What also stands in the middle of pages, at least once for every four
  // pages in the band, is body text that happens to start pages (a speaker's
  // tag "○委員長（…）", a table's section "Gård 2"); a report's title page
  // repeating its running title once is not.
  const bool short_document = pages.size() < 6;
  auto band_count = [](const std::map<std::string, std::set<int>>& counts, const std::string& key) {
    auto it = counts.find(key);
    return it == counts.end() ? size_t{0} : it->second.size();
  };
  auto middle_count = [&](const std::string& key) {
    std::set<int> in_middle;
    if (auto forms = band_forms.find(key); forms != band_forms.end())
      for (const auto& form : forms->second)
        if (auto it = middle_pages.find(form); it != middle_pages.end()) in_middle.insert(it->second.begin(), it->second.end());
    return in_middle.size();
  };
  auto repeated = [&](const std::map<std::string, std::set<int>>& counts, const std::string& key, size_t at_least) {
    const size_t band = band_count(counts, key);
    return !key.empty() && band >= at_least && middle_count(key) * 4 < band;
  };
  auto strongly_running = [&](const std::map<std::string, std::set<int>>& counts, const std::string& key) {
    return repeated(counts, key, short_document ? 2 : 3);
  };
  // Pages that share a third of their lines, word for word, are copies (an
  // attachment printed twice): a line repeated on copies is not repeated by
  // the layout.
  std::vector<std::set<std::string>> page_texts(pages.size());
  for (size_t p = 0; p < pages.size(); ++p)
    for (const auto& line : pages[p]) page_texts[p].insert(line.line.text);
  auto copies = [&](int first, int second) {
    const auto& a = page_texts[static_cast<size_t>(first - 1)];
    const auto& b = page_texts[static_cast<size_t>(second - 1)];
    size_t common = 0;
    for (const auto& text : a) common += b.count(text);
    return common >= 3 && common * 3 >= std::min(a.size(), b.size());
  };
  // Two pages suffice where the line reads the same, digits included, and is
  // the outermost one of both pages, running lines beyond it aside (a
  // protocol's cover header under an attachment stamp; the second line of a
  // two-line running title), and the pages are no copies. Two pages are not enough otherwise: a table's column
  // heads or a recurring heading may also start two pages.
  std::set<std::string> two_page_top, two_page_bottom;
  auto running = [&](const std::map<std::string, std::set<int>>& counts, const std::string& key) {
    const auto& accepted = &counts == &top_pages ? two_page_top : two_page_bottom;
    return strongly_running(counts, key) || accepted.count(key) > 0;
  };
  std::map<std::string, std::set<std::string>> exact_top, exact_bottom;  // masked key -> its texts in the band
  for (int round = 0; round < 3; ++round) {  // each round may uncover the next line inwards
    std::map<std::string, std::set<int>> outermost_top, outermost_bottom;
    for (size_t p = 0; p < pages.size(); ++p) {
      const auto& lines = pages[p];
      for (const auto& line : lines) {
        const bool top = in_top(raw.pages[p], line), bottom = in_bottom(raw.pages[p], line);
        if (!top && !bottom) continue;
        const Box& b = line.line.box;
        const bool outermost = std::none_of(lines.begin(), lines.end(), [&](const PageLine& other) {
          const bool beyond = top ? other.line.box.y1 <= b.y0 + 1 : other.line.box.y0 >= b.y1 - 1;
          return beyond && &other != &line && !running(top ? top_pages : bottom_pages, other.key);
        });
        if (outermost) (top ? outermost_top : outermost_bottom)[line.key].insert(raw.pages[p].number);
        if (round == 0) (top ? exact_top : exact_bottom)[line.key].insert(line.exact_key);
      }
    }
    size_t accepted_before = two_page_top.size() + two_page_bottom.size();
    auto accept = [&](const std::map<std::string, std::set<int>>& counts,
                      const std::map<std::string, std::set<int>>& outermost,
                      std::map<std::string, std::set<std::string>>& exact, std::set<std::string>& accepted) {
      for (const auto& [key, in_band] : outermost) {
        if (!repeated(counts, key, 2) || strongly_running(counts, key) || exact[key].size() != 1) continue;
        const auto& all = counts.find(key)->second;
        if (in_band == all && !copies(*all.begin(), *all.rbegin())) accepted.insert(key);
      }
    };
    accept(top_pages, outermost_top, exact_top, two_page_top);
    accept(bottom_pages, outermost_bottom, exact_bottom, two_page_bottom);
    if (two_page_top.size() + two_page_bottom.size() == accepted_before) break;
  }

  // A header printed on one page only is still a header when it is the top
  // line of its page (running lines above aside) and carries its own "n(m)"
  // label for this page of this document ("… PROTOKOLL 1(2)"; on page 1 an
  // OCR'd 'l', 'I', 'i', 'r' or '|' reads as 1), or when it is the short
  // cover form of a running header: "Föredragningslista 16/2022" on page 1
  // only, over "Föredragningslista 190 § 26.09.2022 Sida" on the others
  // (at most three words, the same first word).
  auto first_word = [](const std::string& text) { return ToLower(text.substr(0, text.find(' '))); };
  std::set<std::string> running_first_words;
  for (size_t p = 0; p < pages.size(); ++p)
    for (const auto& line : pages[p])
      if (in_top(raw.pages[p], line) && running(top_pages, line.key) && first_word(line.line.text).size() >= 4)
        running_first_words.insert(first_word(line.line.text));
  auto single_page_header = [&](size_t p, const PageLine& line) {
    const Box& b = line.line.box;
    for (const auto& other : pages[p])
      if (&other != &line && other.line.box.y1 <= b.y0 + 1 && !running(top_pages, other.key)) return false;
    if (WordCount(line.line.text) <= 3 && running_first_words.count(first_word(line.line.text)) > 0) return true;
    std::string n, of;
    if (EndsWithOwnPageLabel(line.line.text, n, of)) {
      const bool digits = std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; });
      const long number = digits ? std::stol(n) : (n.size() == 1 ? 1 : 0);
      if (number == raw.pages[p].number && std::stol(of) == static_cast<long>(pages.size())) return true;
    }
    return false;
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
      if (IsPageLabel(l.line.text) && !record.label) {
        // A label alone at the foot of the page is also the page's footer line.
        l.role = top ? PageLine::kLabel : PageLine::kFooter;
        record.label = l.line.text;
      } else if (running(top ? top_pages : bottom_pages, l.key) || (top && single_page_header(p, l))) {
        l.role = top ? PageLine::kHeader : PageLine::kFooter;
        // A label at the end of a header goes to the label; a footer keeps its whole line.
        if (SplitTrailingPageLabel(l.line.text, rest, label) && !record.label) {
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

    std::vector<TextLine*> body;
    for (auto& l : lines)
      if (l.role == PageLine::kBody) body.push_back(&l.line);
    MarkCells(body);
    bool first = true;
    Box previous_box;
    for (TextLine* l : body) {
      TextLine line = std::move(*l);
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

std::string PageText(const LaidOutDocument& laid, int page) {
  std::string out;
  for (const PageRecord& record : laid.pages)
    if (record.number == page && record.header) out += *record.header + "\n";
  for (const TextLine& line : laid.lines)
    if (line.page == page) out += line.text + "\n";
  return out;
}

}  // namespace protokoll
