// The read-only commands' output (private to the protokoll executable):
// a table with a header row for people, or one JSON object per line (--json)
// for scripts. Each returns an exit code of CONTRACT.md.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "protokoll/store.h"

namespace protokoll::cli {

enum ExitCode { kExitOk = 0, kExitSomeFailed = 1, kExitUsage = 2, kExitDb = 3 };

// "protokoll: <message>" on stderr; kExitDb.
int ReportDbError(const Status& s);

int ListCommand(Store& db, bool json, std::ostream& out);
int StatsCommand(Store& db, bool json, std::ostream& out);
int FailuresCommand(Store& db, bool json, std::ostream& out);
// Prints up to query.limit hits and, on stderr, that there are more when
// there are, or a hint when there are none.
// Corrections of `ids` (all when empty), only those in conflict with `conflicts_only`.
int CorrectionsCommand(Store& db, const std::vector<std::string>& ids, bool conflicts_only, bool json, std::ostream& out);
int SearchCommand(Store& db, SearchQuery query, bool json, std::ostream& out);
// Whether `protokoll search --lang` has a stemmer for this ISO 639-1 code.
bool IsSearchLanguage(const std::string& language);

}  // namespace protokoll::cli
