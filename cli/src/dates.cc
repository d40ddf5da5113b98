#include "protokoll/dates.h"

namespace protokoll {
namespace {

bool Digits(std::string_view s, size_t at, size_t n, int& value) {
  if (at + n > s.size()) return false;
  value = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

bool IsIsoDate(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!Digits(s, 0, 4, y) || !Digits(s, 5, 2, m) || !Digits(s, 8, 2, d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool IsIsoDateTime(std::string_view s) {
  if (s.size() == 10) return IsIsoDate(s);
  if (s.size() < 16 || !IsIsoDate(s.substr(0, 10)) || s[10] != 'T') return false;
  std::string_view rest = s.substr(11);
  if (!rest.empty() && rest.back() == 'Z') rest.remove_suffix(1);
  int h = 0, min = 0, sec = 0;
  if (rest.size() != 5 && rest.size() != 8) return false;
  if (!Digits(rest, 0, 2, h) || rest[2] != ':' || !Digits(rest, 3, 2, min)) return false;
  if (rest.size() == 8 && (rest[5] != ':' || !Digits(rest, 6, 2, sec))) return false;
  return h < 24 && min < 60 && sec < 60;
}

Status CheckDateOption(std::string_view option, std::string_view value, bool allow_time) {
  if (allow_time ? IsIsoDateTime(value) : IsIsoDate(value)) return Status::Ok();
  return Status(ErrorCode::kInvalidArgument,
                std::string(option) + ": \"" + std::string(value) + "\" is not a date; use YYYY-MM-DD" +
                    (allow_time ? " or YYYY-MM-DDTHH:MM (UTC)" : "") + ", e.g. 2025-04-14");
}

}  // namespace protokoll
