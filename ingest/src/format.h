// Internal to ingest: what an input is, decided from its bytes. The file name
// only matters for plain text, which has no magic number: a .txt name is the
// caller's claim that the bytes are text, and the bytes must agree.
#pragma once

#include <string>
#include <string_view>

namespace protokoll {

enum class InputFormat { kPdf, kPng, kJpeg, kTiff, kText, kUnknown };

struct FormatGuess {
  InputFormat format = InputFormat::kUnknown;
  // For kUnknown: why the input was not recognised, for the kUnsupportedFormat message.
  std::string reason;
};

// REQUIRES: !bytes.empty() (an empty input is kEmptyFile before detection).
FormatGuess DetectFormat(std::string_view bytes, std::string_view file_name);

// "application/pdf", "image/png", "image/jpeg", "image/tiff", "text/plain"; "" for kUnknown.
std::string_view MediaTypeOf(InputFormat format);

bool IsImageFormat(InputFormat format);

// True when the bytes can be plain text: no NUL bytes and few C0 controls
// other than tab, CR, LF and form feed (checked over the first 64 KiB).
bool LooksLikeText(std::string_view bytes);

}  // namespace protokoll
