// Internal to ingest: plain text as pages of positioned words.
//
// Text has no geometry, so it gets a synthetic but consistent one: a
// monospace grid of kCharWidth points per character and kLineHeight points
// per line, from a margin at the top-left corner. Blank lines still advance
// y and leading spaces shift x, so normalize sees paragraph breaks and
// indentation in the same terms as on a PDF page.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "protokoll/raw_document.h"
#include "protokoll/status.h"

namespace protokoll {

struct TextGrid {
  static constexpr double kCharWidth = 6;
  static constexpr double kLineHeight = 12;
  static constexpr double kFontSize = 10;
  static constexpr double kMargin = 36;
  static constexpr double kMinPageWidth = 595;   // A4
  static constexpr double kMinPageHeight = 842;  // A4
  static constexpr int kTabStop = 8;
};

enum class TextEncoding { kUtf8, kUtf16, kWindows1252 };

struct DecodedText {
  std::string utf8;  // BOM stripped, line ends normalised to "\n"
  TextEncoding encoding = TextEncoding::kUtf8;
};

// UTF-8 (with or without BOM), UTF-16 with a BOM, and otherwise
// Windows-1252, which decodes every byte. CRLF and lone CR become LF.
Result<DecodedText> DecodeText(std::string_view bytes);

// One page per form feed; each non-blank line is a RawLine of words split at
// spaces and tabs (tabs advance to the next multiple of kTabStop columns).
// Lines separated by blank lines get different block numbers. A trailing
// blank page (a final form feed) is dropped.
std::vector<RawPage> LayOutText(std::string_view utf8);

}  // namespace protokoll
