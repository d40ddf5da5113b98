// What an ingest shows while it runs: a one-line bar for people (relative
// path, pages/s, ETA) with log lines printed above it, never into it; or
// one JSON object per input for other tools (--progress=json).
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "protokoll/jobs.h"

namespace protokoll {

enum class ProgressStyle { kNone, kBar, kJson };

class ProgressDisplay {
 public:
  // `write` receives everything, e.g. fwrite to stderr. Thread-safe.
  ProgressDisplay(ProgressStyle style, std::function<void(std::string_view)> write);
  ~ProgressDisplay();

  void Update(const IngestProgress& p);
  // A log line (without its newline): with a bar drawn, the bar is cleared,
  // the line printed, and the bar drawn again below it.
  void Log(std::string_view line);
  // Clears the bar so that what follows starts on a clean line.
  void Finish();

  // The bar's text (no control characters): "[####......] 3/10 12.5 pages/s ETA 0:42 corpus/a.pdf".
  static std::string BarText(const IngestProgress& p);
  // One JSON object, without a newline.
  static std::string JsonLine(const IngestProgress& p);

 private:
  ProgressStyle style_;
  std::function<void(std::string_view)> write_;
  std::mutex mutex_;
  std::string bar_;  // what is drawn now; "" when nothing is
};

}  // namespace protokoll
