// A logger is passed in, never global: library code reports through the
// Logger it was given, and the CLI adapts it to spdlog.
#pragma once

#include <string>
#include <string_view>

namespace protokoll {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

// Thread safety: implementations must accept calls from several threads at once.
class Logger {
 public:
  virtual ~Logger() = default;
  virtual void Log(LogLevel level, std::string_view message) = 0;

  void Debug(std::string_view m) { Log(LogLevel::kDebug, m); }
  void Info(std::string_view m) { Log(LogLevel::kInfo, m); }
  void Warn(std::string_view m) { Log(LogLevel::kWarn, m); }
  void Error(std::string_view m) { Log(LogLevel::kError, m); }
};

// Discards everything. Thread-safe.
Logger* NullLogger();

// A file name or message made safe for one line of a log or a
// tab-separated table: backslash, tab, newline, carriage return, other
// control characters and bytes that are not UTF-8 become escapes ("\\",
// "\t", "\n", "\r", "\x1b"); everything else is kept. A name with a newline
// cannot forge a line.
std::string EscapeForLine(std::string_view text);

}  // namespace protokoll
