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
  // kWindows1252: some bytes were not UTF-8 and were read as Windows-1252.
  TextEncoding encoding = TextEncoding::kUtf8;
  size_t foreign_bytes = 0;  // bytes read as Windows-1252
  size_t foreign_lines = 0;  // lines holding them
};

// UTF-16 with a BOM; otherwise UTF-8 (with or without BOM) sequence by
// sequence, where a byte that starts no valid UTF-8 sequence is read as
// Windows-1252 (which decodes every byte): a legacy Windows-1252 file reads
// whole, and one stray byte in a UTF-8 file costs that byte alone, not the
// whole file. CRLF and lone CR become LF.
Result<DecodedText> DecodeText(std::string_view bytes);

// One page per form feed; each non-blank line is a RawLine of words split at
// spaces and tabs (tabs advance to the next multiple of kTabStop columns).
// Lines separated by blank lines get different block numbers. A trailing
// blank page (a final form feed) is dropped.
std::vector<RawPage> LayOutText(std::string_view utf8);

}  // namespace protokoll
