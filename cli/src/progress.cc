#include "protokoll/progress.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace protokoll {
namespace {

constexpr const char* kClearLine = "\r\033[K";

// Seconds as "m:ss" or "h:mm:ss".
std::string Duration(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  char out[32];
  if (s >= 3600) std::snprintf(out, sizeof out, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(out, sizeof out, "%ld:%02ld", s / 60, s % 60);
  return out;
}

// The last `max` bytes of a path, "…" in front when cut (never inside a UTF-8 sequence).
std::string Tail(const std::string& path, size_t max) {
  if (path.size() <= max) return path;
  size_t from = path.size() - max;
  while (from < path.size() && (static_cast<unsigned char>(path[from]) & 0xC0) == 0x80) ++from;
  return "…" + path.substr(from);
}

double Eta(const IngestProgress& p) {
  return p.done == 0 ? 0 : p.seconds / static_cast<double>(p.done) * static_cast<double>(p.total - p.done);
}

double PagesPerSecond(const IngestProgress& p) { return p.seconds > 0 ? static_cast<double>(p.pages) / p.seconds : 0; }

}  // namespace

ProgressDisplay::ProgressDisplay(ProgressStyle style, std::function<void(std::string_view)> write)
    : style_(style), write_(std::move(write)) {}

ProgressDisplay::~ProgressDisplay() { Finish(); }

std::string ProgressDisplay::BarText(const IngestProgress& p) {
  constexpr size_t kWidth = 20;
  const size_t filled = p.total == 0 ? 0 : kWidth * p.done / p.total;
  char stats[96];
  std::snprintf(stats, sizeof stats, "%zu/%zu %.1f pages/s ETA %s", p.done, p.total, PagesPerSecond(p),
                p.done < p.total ? Duration(Eta(p)).c_str() : "0:00");
  std::string out(1, '[');
  out.append(filled, '#');
  out.append(kWidth - filled, '.');
  out += "] ";
  out += stats;
  out += ' ';
  // A name's newline or terminal escape must not break the bar (issue 13).
  out += Tail(EscapeForLine(p.relative.empty() ? p.current : p.relative), 50);
  return out;
}

std::string ProgressDisplay::JsonLine(const IngestProgress& p) {
  nlohmann::json j = {{"done", p.done},
                      {"total", p.total},
                      {"file", p.current},
                      {"pages", p.pages},
                      {"seconds", std::round(p.seconds * 10) / 10},
                      {"pages_per_second", std::round(PagesPerSecond(p) * 10) / 10},
                      {"eta_seconds", std::lround(Eta(p))}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void ProgressDisplay::Update(const IngestProgress& p) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (style_ == ProgressStyle::kJson) {
    write_(JsonLine(p) + "\n");
  } else if (style_ == ProgressStyle::kBar && p.total > 0) {
    bar_ = BarText(p);
    write_(kClearLine + bar_);
  }
}

void ProgressDisplay::Log(std::string_view line) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (bar_.empty()) {
    write_(std::string(line) + "\n");
    return;
  }
  write_(kClearLine + std::string(line) + "\n" + bar_);
}

void ProgressDisplay::Finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!bar_.empty()) write_(kClearLine);
  bar_.clear();
}

}  // namespace protokoll
