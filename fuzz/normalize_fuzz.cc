// libFuzzer: normalize and segment on raw words. The bytes become a
// RawDocument: '\f' starts a page, '\n' a line, ' ' a word; each word's box
// and font come from the bytes before it, so geometry is as hostile as text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "protokoll/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace protokoll;
  RawDocument raw;
  raw.sha256 = "fuzz";
  raw.file_name = "fuzz.pdf";
  raw.media_type = "application/pdf";
  raw.bytes = size;
  auto page = [&] {
    raw.pages.emplace_back();
    raw.pages.back().number = static_cast<int>(raw.pages.size());
    raw.pages.back().width = 595;
    raw.pages.back().height = 842;
  };
  page();
  double x = 40, y = 40;
  uint8_t seed = 0;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    RawPage& p = raw.pages.back();
    if (p.lines.empty()) p.lines.emplace_back();
    RawLine& line = p.lines.back();
    Word w;
    w.text = word;
    w.font_size = 4 + seed % 20;
    w.bold = (seed & 0x40) != 0;
    const double width = 5.0 * static_cast<double>(word.size());
    w.box = Box{x, y, x + width, y + w.font_size};
    x += width + (seed % 7);
    line.words.push_back(w);
    line.box = line.words.size() == 1 ? w.box : line.box.Union(w.box);
    line.block = seed % 5;
    word.clear();
  };
  for (size_t i = 0; i < size; ++i) {
    const char c = static_cast<char>(data[i]);
    if (c == ' ') {
      flush();
    } else if (c == '\n') {
      flush();
      raw.pages.back().lines.emplace_back();
      x = 40 + seed % 50;
      y += 8 + seed % 30;
    } else if (c == '\f') {
      flush();
      if (raw.pages.size() < 50) page();
      y = seed % 100;
    } else {
      word += c;
    }
    seed = static_cast<uint8_t>(seed * 31 + data[i]);
  }
  flush();
  for (RawPage& p : raw.pages)
    std::erase_if(p.lines, [](const RawLine& l) { return l.words.empty(); });
  Document doc = DeriveDocument(raw, nullptr, NullLogger());
  (void)doc;
  return 0;
}
