#include "format.h"

#include <algorithm>
#include <cctype>

namespace protokoll {
namespace {

constexpr size_t kPdfHeaderWindow = 1024;  // PDF 1.7 (ISO 32000-1, annex H.3): header within the first 1024 bytes
constexpr size_t kTextSniffBytes = 64 * 1024;

bool StartsWith(std::string_view bytes, std::string_view magic) {
  return bytes.size() >= magic.size() && bytes.substr(0, magic.size()) == magic;
}

bool EndsWithNoCase(std::string_view name, std::string_view suffix) {
  if (name.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), name.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                    [](char a, char b) {
                      return std::tolower(static_cast<unsigned char>(a)) ==
                             std::tolower(static_cast<unsigned char>(b));
                    });
}

}  // namespace

bool LooksLikeText(std::string_view bytes) {
  std::string_view sample = bytes.substr(0, std::min(bytes.size(), kTextSniffBytes));
  size_t controls = 0;
  for (unsigned char c : sample) {
    if (c == 0) return false;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++controls;
  }
  // A stray control character (ESC, SUB at the end of old DOS files) is tolerated; binary data has many.
  return controls * 100 <= sample.size();
}

FormatGuess DetectFormat(std::string_view bytes, std::string_view file_name) {
  if (bytes.substr(0, std::min(bytes.size(), kPdfHeaderWindow)).find("%PDF-") != std::string_view::npos)
    return {InputFormat::kPdf, ""};
  if (StartsWith(bytes, "\x89PNG\r\n\x1a\n")) return {InputFormat::kPng, ""};
  if (StartsWith(bytes, "\xff\xd8\xff")) return {InputFormat::kJpeg, ""};
  if (StartsWith(bytes, std::string_view("II*\0", 4)) || StartsWith(bytes, std::string_view("MM\0*", 4)))
    return {InputFormat::kTiff, ""};
  if (EndsWithNoCase(file_name, ".txt")) {
    bool utf16_bom = StartsWith(bytes, "\xff\xfe") || StartsWith(bytes, "\xfe\xff");
    if (utf16_bom || LooksLikeText(bytes)) return {InputFormat::kText, ""};
    return {InputFormat::kUnknown, "named .txt but the bytes are binary, not text"};
  }
  if (EndsWithNoCase(file_name, ".pdf"))
    return {InputFormat::kUnknown, "not a PDF: no %PDF- header in the first 1024 bytes"};
  return {InputFormat::kUnknown,
          "not a PDF, PNG, JPEG or TIFF, and not a .txt file (formats are recognised by content)"};
}

std::string_view MediaTypeOf(InputFormat format) {
  switch (format) {
    case InputFormat::kPdf: return "application/pdf";
    case InputFormat::kPng: return "image/png";
    case InputFormat::kJpeg: return "image/jpeg";
    case InputFormat::kTiff: return "image/tiff";
    case InputFormat::kText: return "text/plain";
    case InputFormat::kUnknown: break;
  }
  return "";
}

bool IsImageFormat(InputFormat format) {
  return format == InputFormat::kPng || format == InputFormat::kJpeg || format == InputFormat::kTiff;
}

}  // namespace protokoll
