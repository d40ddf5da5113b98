// What ingest hands to normalize: the words of each page with their geometry,
// before any text repair. Coordinates are PDF points (1/72 inch) with the
// origin at the page's top-left corner, y growing downwards, after the page's
// rotation has been applied (so x runs along the printed lines).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protokoll/status.h"

namespace protokoll {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  // The smallest box holding both.
  Box Union(const Box& other) const;
  bool operator==(const Box&) const = default;
};

struct Word {
  std::string text;  // UTF-8 as the text layer or OCR gave it; no repair yet
  Box box;
  std::string font;  // font name without subset prefix; "" when unknown
  double font_size = 0;
  bool bold = false;
  bool space_after = true;  // false when the next word on the line touches this one
  float confidence = -1;    // OCR word confidence 0..100; -1 for a text layer
};

// A line as the extractor grouped it: words on one baseline, left to right.
struct RawLine {
  std::vector<Word> words;
  Box box;
  int block = 0;  // lines of one text block share a number (page-local)
};

enum class PageMethod { kText, kOcr };

struct RawPage {
  int number = 0;  // 1-based
  double width = 0, height = 0;  // points, after rotation
  int rotation = 0;              // degrees the page is displayed rotated: 0, 90, 180, 270
  PageMethod method = PageMethod::kText;
  std::string method_reason;     // why this method was chosen, for the log and audit
  std::optional<double> ocr_confidence;  // mean word confidence 0..100 when OCR'd
  std::vector<RawLine> lines;    // in reading order
  // ISO 639-1 code of the page's language ("sv", "fi", "nb", ...), identified
  // from its text (language.h); "" when the page has no text or it is unknown.
  std::string language;
};

struct RawWarning {
  ErrorCode code = ErrorCode::kPageFailed;
  std::optional<int> page;
  std::string message;
};

struct RawDocument {
  std::string sha256;      // hex of the input's bytes
  std::string file_name;   // base name of the input
  uint64_t bytes = 0;
  std::string media_type;  // "application/pdf", "text/plain", "image/png", ...
  std::vector<RawPage> pages;
  std::vector<RawWarning> warnings;
};

std::string_view PageMethodName(PageMethod method);  // "text" / "ocr"

}  // namespace protokoll
