// Document <-> JSON text in the exact shape of CONTRACT.md. nlohmann::json
// stays inside the .cc; callers see strings.
#pragma once

#include <string>
#include <string_view>

#include "protokoll/record.h"
#include "protokoll/status.h"

namespace protokoll {

struct JsonOptions {
  int indent = -1;  // -1: one line (JSON Lines); >= 0: pretty-printed
  // Include each paragraph's "repairs" (hyphenation audit). Off in the
  // contract view, on in the stored form so nothing is lost.
  bool include_repairs = false;
};

std::string DocumentToJson(const Document& doc, const JsonOptions& options = {});
// Parses what DocumentToJson wrote. kCorruption when the text is not a
// protokoll/1 document.
Result<Document> DocumentFromJson(std::string_view json);

std::string ParagraphToJson(const Paragraph& p, bool include_repairs = false);
Result<Paragraph> ParagraphFromJson(std::string_view json);

}  // namespace protokoll
