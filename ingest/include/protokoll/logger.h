// A logger is passed in, never global: library code reports through the
// Logger it was given, and the CLI adapts it to spdlog.
#pragma once

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

}  // namespace protokoll
