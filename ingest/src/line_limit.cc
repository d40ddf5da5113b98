#include "protokoll/line_limit.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace protokoll {
namespace {

bool IsLead(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

size_t CodePoints(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), IsLead));
}

// A word longer than `max` code points as pieces of at most `max`, each
// with its share of the box along the line.
void CutWord(const Word& w, size_t cps, size_t max, std::vector<Word>& out) {
  size_t start = 0, before = 0, count = 0;
  for (size_t i = 0; i <= w.text.size(); ++i) {
    const bool boundary = i == w.text.size() || IsLead(w.text[i]);
    if (boundary && (count == max || i == w.text.size()) && i > start) {
      Word piece = w;
      piece.text = w.text.substr(start, i - start);
      piece.box.x0 = w.box.x0 + w.box.width() * static_cast<double>(before) / static_cast<double>(cps);
      piece.box.x1 = w.box.x0 + w.box.width() * static_cast<double>(before + count) / static_cast<double>(cps);
      piece.space_after = i == w.text.size() && w.space_after;
      out.push_back(std::move(piece));
      start = i;
      before += count;
      count = 0;
    }
    if (i < w.text.size() && boundary) ++count;
  }
}

// The pieces of a line of more than `max` code points, as wrapped text: the
// first where the line was, the others below it, each starting at its left edge.
std::vector<RawLine> SplitLine(const RawLine& line, size_t max) {
  std::vector<Word> words;
  for (const Word& w : line.words) {
    const size_t cps = CodePoints(w.text);
    if (cps <= max) words.push_back(w);
    else CutWord(w, cps, max, words);
  }
  std::vector<RawLine> pieces;
  size_t chars = 0;
  for (Word& w : words) {
    const size_t cps = CodePoints(w.text);
    if (pieces.empty() || chars + 1 + cps > max) {
      pieces.emplace_back();
      pieces.back().block = line.block;
      chars = cps;
    } else {
      chars += 1 + cps;
    }
    pieces.back().words.push_back(std::move(w));
  }
  const double pitch = 1.2 * std::max(line.box.height(), 1.0);
  for (size_t k = 0; k < pieces.size(); ++k) {
    RawLine& piece = pieces[k];
    const double dx = k == 0 ? 0 : line.box.x0 - piece.words.front().box.x0;
    const double dy = static_cast<double>(k) * pitch;
    for (Word& w : piece.words) w.box = Box{w.box.x0 + dx, w.box.y0 + dy, w.box.x1 + dx, w.box.y1 + dy};
    piece.box = piece.words.front().box;
    for (const Word& w : piece.words) piece.box = piece.box.Union(w.box);
  }
  return pieces;
}

// Splits the long lines of one page; returns how many and the longest.
std::pair<size_t, size_t> SplitPage(RawPage& page, size_t max) {
  // Where a split line ended (its bottom, as extracted) and how far it pushes what lies below.
  std::vector<std::pair<double, double>> pushes;
  std::vector<std::vector<RawLine>> split(page.lines.size());
  size_t count = 0, longest = 0;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    const size_t chars = LineChars(page.lines[i]);
    if (chars <= max) continue;
    split[i] = SplitLine(page.lines[i], max);
    const double pitch = 1.2 * std::max(page.lines[i].box.height(), 1.0);
    pushes.emplace_back(page.lines[i].box.y1, static_cast<double>(split[i].size() - 1) * pitch);
    ++count;
    longest = std::max(longest, chars);
  }
  if (count == 0) return {0, 0};
  std::sort(pushes.begin(), pushes.end());
  std::vector<double> total(pushes.size() + 1, 0);  // total[k]: pushes of the first k split lines
  for (size_t k = 0; k < pushes.size(); ++k) total[k + 1] = total[k] + pushes[k].second;
  // A line moves down by the pushes of every split line that ended above its top.
  auto shift = [&](double top) {
    auto end = std::lower_bound(pushes.begin(), pushes.end(), std::make_pair(top, -1e300));
    return total[static_cast<size_t>(end - pushes.begin())];
  };
  std::vector<RawLine> lines;
  lines.reserve(page.lines.size() + count);
  for (size_t i = 0; i < page.lines.size(); ++i) {
    const double dy = shift(page.lines[i].box.y0);
    std::vector<RawLine> own;
    if (split[i].empty()) own.push_back(std::move(page.lines[i]));
    else own = std::move(split[i]);
    for (RawLine& l : own) {
      if (dy != 0) {
        for (Word& w : l.words) w.box.y0 += dy, w.box.y1 += dy;
        l.box.y0 += dy, l.box.y1 += dy;
      }
      lines.push_back(std::move(l));
    }
  }
  page.lines = std::move(lines);
  page.height += total.back();
  return {count, longest};
}

}  // namespace

size_t LineChars(const RawLine& line) {
  size_t chars = line.words.empty() ? 0 : line.words.size() - 1;
  for (const Word& w : line.words) chars += CodePoints(w.text);
  return chars;
}

size_t SplitLongLines(RawDocument& doc, size_t max_chars) {
  max_chars = std::max<size_t>(max_chars, 16);
  size_t total = 0;
  for (RawPage& page : doc.pages) {
    const auto [count, longest] = SplitPage(page, max_chars);
    if (count == 0) continue;
    total += count;
    doc.warnings.push_back({ErrorCode::kTooLarge, page.number,
                            std::to_string(count) + " line(s) longer than " + std::to_string(max_chars) +
                                " characters (the longest " + std::to_string(longest) +
                                ") split into lines of at most " + std::to_string(max_chars)});
  }
  return total;
}

}  // namespace protokoll
