// `protokoll export --format csv --table T`: RFC 4180 CSV (UTF-8, CRLF line
// ends, fields quoted when they hold a comma, quote, CR or LF, quotes
// doubled) with a header row. Every row starts with the document id, the
// file name and the page, so that rows of different tables join:
//   documents   document_id,file,pages,method,language,title,body,reference,date,
//               start_time,end_time,place,chair,secretary,attendees,items
//   attendees   document_id,file,page,name,organization,role,status,remote
//               (page empty: the record keeps none for an attendee)
//   items       document_id,file,page,number,title,presenters,paragraphs,decisions
//   decisions   document_id,file,page,item_number,item_title,text
//   paragraphs  document_id,file,page,item_number,paragraph,speaker,speaker_source,text
// Absent values are empty fields; presenters are joined by "; ".
#pragma once

#include <string>
#include <string_view>

#include "protokoll/record.h"
#include "protokoll/status.h"

namespace protokoll {

enum class CsvTable { kDocuments, kAttendees, kItems, kDecisions, kParagraphs };

// "documents", "attendees", "items", "decisions", "paragraphs";
// kInvalidArgument for anything else.
Result<CsvTable> CsvTableFromName(std::string_view name);
// The names CsvTableFromName accepts, "|"-separated (for --help).
std::string_view CsvTableNames();

// One field as RFC 4180 wants it: as is, or quoted with quotes doubled.
std::string CsvField(std::string_view value);
// The header row, CRLF-terminated.
std::string CsvHeader(CsvTable table);
// The rows one document contributes to `table`, each CRLF-terminated; ""
// when it has none (a document without attendees has no attendee rows).
std::string DocumentToCsv(const Document& doc, CsvTable table);

}  // namespace protokoll
