// libFuzzer: segmentation on laid-out lines, the stage with the most
// patterns. Each input line is one TextLine on a page of 40 lines; a
// leading '*' makes it bold, a leading '!' larger.
#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "protokoll/line_limit.h"
#include "protokoll/segment.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace protokoll;
  LaidOutDocument laid;
  laid.body_font_size = 11;
  laid.body_left = 56;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  int row = 0;
  while (!text.empty()) {
    const size_t end = std::min(text.find('\n'), text.size());
    std::string_view piece = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    TextLine line;
    line.font_size = 11;
    if (!piece.empty() && piece[0] == '*') line.bold = true, piece.remove_prefix(1);
    if (!piece.empty() && piece[0] == '!') line.font_size = 16, piece.remove_prefix(1);
    // The pipeline never hands segmentation a longer line (line_limit.h).
    line.text = std::string(piece.substr(0, kDefaultMaxLineChars));
    line.page = 1 + row / 40;
    line.first_on_page = row % 40 == 0;
    line.block = row;
    const double y = 60 + 18.0 * (row % 40);
    line.box = Box{56, y, 56 + 6.0 * static_cast<double>(piece.size() % 90), y + 11};
    line.gap_before = 7;
    if (line.page > static_cast<int>(laid.pages.size())) {
      laid.pages.emplace_back();
      laid.pages.back().number = line.page;
    }
    laid.lines.push_back(std::move(line));
    ++row;
  }
  Document doc;
  doc.source.file = "fuzz.pdf";
  doc.source.pages = static_cast<int>(laid.pages.size());
  HyphenationContext context;
  Segment(laid, context, NullLogger(), doc);
  return 0;
}
