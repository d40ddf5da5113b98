#include "text_input.h"

#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

namespace protokoll {
namespace {

// Windows-1252's 0x80..0x9F; the five bytes it leaves undefined become U+FFFD.
constexpr uint16_t kCp1252High[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

void AppendUtf8(std::string& out, UChar32 c) {
  char buffer[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, 4, c, error);
  if (!error) out.append(buffer, static_cast<size_t>(length));
}

// UTF-8 sequence by sequence; a byte that starts no valid sequence (a
// Windows-1252 "ä" in an otherwise UTF-8 file, an encoded surrogate) is
// read as Windows-1252, alone: the rest of the file keeps its UTF-8.
std::string DecodeUtf8OrCp1252(std::string_view s, size_t& foreign_bytes, size_t& foreign_lines) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(s.size());
  bool line_counted = false;
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, length, c);
    if (c >= 0) {
      out.append(s.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
      if (c == '\n') line_counted = false;
      continue;
    }
    i = start + 1;
    const uint8_t byte = p[start];
    AppendUtf8(out, byte >= 0x80 && byte < 0xA0 ? kCp1252High[byte - 0x80] : byte);
    ++foreign_bytes;
    if (!line_counted) ++foreign_lines, line_counted = true;
  }
  return out;
}

Result<std::string> ConvertToUtf8(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  // Windows-1252 and UTF-16 never need more than 3 output bytes per input byte.
  std::string out(bytes.size() * 3 + 4, '\0');
  int32_t written = ucnv_convert("UTF-8", charset, out.data(), static_cast<int32_t>(out.size()),
                                 bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status))
    return Status(ErrorCode::kUnsupportedFormat,
                  std::string("cannot decode text as ") + charset + ": " + u_errorName(status));
  out.resize(static_cast<size_t>(written));
  return out;
}

std::string NormaliseLineEnds(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

bool IsBlank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\v';
  });
}

// Code points in a valid UTF-8 string: one grid cell each.
int CountCodePoints(std::string_view s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

struct PageBuilder {
  RawPage page;
  int line_index = 0;   // grid row of the next line
  int max_columns = 0;
  int block = 0;
  bool previous_blank = true;

  void AddLine(std::string_view line) {
    int row = line_index++;
    if (IsBlank(line)) {
      if (!previous_blank) ++block;
      previous_blank = true;
      return;
    }
    previous_blank = false;
    RawLine raw;
    raw.block = block;
    double y0 = TextGrid::kMargin + row * TextGrid::kLineHeight;
    double y1 = y0 + TextGrid::kFontSize;
    int column = 0;
    size_t i = 0;
    while (i < line.size()) {
      char c = line[i];
      if (c == ' ' || c == '\v') {
        ++column;
        ++i;
        if (!raw.words.empty()) raw.words.back().space_after = true;
        continue;
      }
      if (c == '\t') {
        column = (column / TextGrid::kTabStop + 1) * TextGrid::kTabStop;
        ++i;
        if (!raw.words.empty()) raw.words.back().space_after = true;
        continue;
      }
      size_t end = line.find_first_of(" \t\v", i);
      if (end == std::string_view::npos) end = line.size();
      std::string_view text = line.substr(i, end - i);
      int cells = CountCodePoints(text);
      Word word;
      word.text = std::string(text);
      word.box = Box{TextGrid::kMargin + column * TextGrid::kCharWidth, y0,
                     TextGrid::kMargin + (column + cells) * TextGrid::kCharWidth, y1};
      word.font = "monospace";
      word.font_size = TextGrid::kFontSize;
      word.space_after = false;  // set when whitespace follows
      raw.words.push_back(std::move(word));
      column += cells;
      i = end;
    }
    max_columns = std::max(max_columns, column);
    raw.box = raw.words.front().box;
    for (const Word& w : raw.words) raw.box = raw.box.Union(w.box);
    page.lines.push_back(std::move(raw));
  }

  RawPage Finish(int number) {
    page.number = number;
    page.width = std::max(TextGrid::kMinPageWidth, 2 * TextGrid::kMargin + max_columns * TextGrid::kCharWidth);
    page.height = std::max(TextGrid::kMinPageHeight, 2 * TextGrid::kMargin + line_index * TextGrid::kLineHeight);
    page.method = PageMethod::kText;
    page.method_reason = "plain_text";
    return std::move(page);
  }
};

}  // namespace

Result<DecodedText> DecodeText(std::string_view bytes) {
  DecodedText decoded;
  std::string utf8;
  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xff\xfe" || bytes.substr(0, 2) == "\xfe\xff")) {
    // ICU's "UTF-16" converter reads the BOM to choose the byte order and drops it.
    auto converted = ConvertToUtf8(bytes, "UTF-16");
    if (!converted.ok()) return converted.status();
    utf8 = std::move(*converted);
    decoded.encoding = TextEncoding::kUtf16;
    if (utf8.rfind("\xef\xbb\xbf", 0) == 0) utf8.erase(0, 3);
  } else {
    if (bytes.rfind("\xef\xbb\xbf", 0) == 0) bytes.remove_prefix(3);
    utf8 = DecodeUtf8OrCp1252(bytes, decoded.foreign_bytes, decoded.foreign_lines);
    if (decoded.foreign_bytes > 0) decoded.encoding = TextEncoding::kWindows1252;
  }
  decoded.utf8 = NormaliseLineEnds(utf8);
  return decoded;
}

std::vector<RawPage> LayOutText(std::string_view utf8) {
  std::vector<RawPage> pages;
  size_t page_start = 0;
  while (page_start <= utf8.size()) {
    size_t page_end = utf8.find('\f', page_start);
    bool last = page_end == std::string_view::npos;
    if (last) page_end = utf8.size();
    std::string_view page_text = utf8.substr(page_start, page_end - page_start);
    // A form feed usually ends its line ("...\f\n"): the newline belongs to the break.
    if (!pages.empty() && !page_text.empty() && page_text.front() == '\n') page_text.remove_prefix(1);
    bool blank_tail = last && !pages.empty() && page_text.find_first_not_of(" \t\v\n") == std::string_view::npos;
    if (!blank_tail) {
      PageBuilder builder;
      size_t line_start = 0;
      // A trailing newline ends the last line; it does not start another one.
      if (!page_text.empty() && page_text.back() == '\n') page_text.remove_suffix(1);
      while (line_start <= page_text.size()) {
        size_t line_end = page_text.find('\n', line_start);
        if (line_end == std::string_view::npos) line_end = page_text.size();
        builder.AddLine(page_text.substr(line_start, line_end - line_start));
        line_start = line_end + 1;
      }
      pages.push_back(builder.Finish(static_cast<int>(pages.size()) + 1));
    }
    if (last) break;
    page_start = page_end + 1;
  }
  return pages;
}

}  // namespace protokoll
