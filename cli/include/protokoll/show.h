// The human-readable summary `protokoll show` prints: metadata, attendees,
// items with presenters, speakers and the gist of each decision. For reading;
// the whole record is in `extract` / `export`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "protokoll/record.h"

namespace protokoll {

std::string ShowText(const Document& doc);

// The first line of `text`, cut at a word boundary at most `max_bytes` in
// (never inside a UTF-8 sequence) and marked " …" when cut.
std::string Gist(std::string_view text, size_t max_bytes = 200);

}  // namespace protokoll
