// The date formats the command line accepts: ISO 8601 only, checked against
// the calendar, so that a mistyped date is a usage error and never an empty
// result. ISO dates compare correctly as strings once they are valid.
#pragma once

#include <string>
#include <string_view>

#include "protokoll/status.h"

namespace protokoll {

// YYYY-MM-DD, a real calendar day (2024-02-29 yes, 2025-02-29 no).
bool IsIsoDate(std::string_view s);
// An ISO date, or a date-time in UTC: YYYY-MM-DDTHH:MM[:SS][Z].
bool IsIsoDateTime(std::string_view s);
// OK, or kInvalidArgument naming the option and the expected format:
// "--from: \"14.4.2025\" is not a date; use YYYY-MM-DD, e.g. 2025-04-14".
Status CheckDateOption(std::string_view option, std::string_view value, bool allow_time = false);

}  // namespace protokoll
