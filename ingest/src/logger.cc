#include "protokoll/logger.h"

#include <unicode/utf8.h>

namespace protokoll {
namespace {
class DiscardingLogger final : public Logger {
 public:
  void Log(LogLevel, std::string_view) override {}
};
}  // namespace

Logger* NullLogger() {
  static DiscardingLogger logger;
  return &logger;
}

std::string EscapeForLine(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  auto hex = [&](uint8_t byte) {
    out += "\\x";
    out += kHex[byte >> 4];
    out += kHex[byte & 15];
  };
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, length, c);
    if (c < 0) {
      i = start + 1;
      hex(p[start]);
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7f) {
      hex(static_cast<uint8_t>(c));
    } else {
      out.append(text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    }
  }
  return out;
}

}  // namespace protokoll
