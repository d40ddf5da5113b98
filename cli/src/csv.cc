#include "protokoll/csv.h"

#include <array>
#include <initializer_list>

namespace protokoll {
namespace {

constexpr std::array<std::string_view, 5> kNames = {"documents", "attendees", "items", "decisions", "paragraphs"};

std::string_view Opt(const std::optional<std::string>& v) { return v ? std::string_view(*v) : std::string_view(); }

// One CRLF-terminated row of already unquoted values.
void Row(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) out += ',';
    out += CsvField(f);
    first = false;
  }
  out += "\r\n";
}

std::string Join(const std::vector<std::string>& values, std::string_view separator) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += separator;
    out += v;
  }
  return out;
}

// "text", "ocr", or "mixed" when the pages were read both ways; "" without pages.
std::string Method(const Document& doc) {
  std::string method;
  for (const auto& p : doc.pages) {
    if (method.empty()) method = p.method;
    else if (method != p.method) return "mixed";
  }
  return method;
}

void ParagraphRows(std::string& out, const Document& doc, const Item* item, const std::vector<Paragraph>& paragraphs) {
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const Paragraph& p = paragraphs[i];
    Row(out, {doc.id, doc.source.file, std::to_string(p.page), item ? std::string_view(item->number) : "",
              std::to_string(i + 1), Opt(p.speaker), Opt(p.speaker_source), p.text});
  }
}

}  // namespace

Result<CsvTable> CsvTableFromName(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<CsvTable>(i);
  return Status(ErrorCode::kInvalidArgument,
                "unknown CSV table \"" + std::string(name) + "\" (expected " + std::string(CsvTableNames()) + ")");
}

std::string_view CsvTableNames() { return "documents|attendees|items|decisions|paragraphs"; }

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string CsvHeader(CsvTable table) {
  std::string out;
  switch (table) {
    case CsvTable::kDocuments:
      Row(out, {"document_id", "file", "pages", "method", "language", "title", "body", "reference", "date",
                "start_time", "end_time", "place", "chair", "secretary", "attendees", "items"});
      break;
    case CsvTable::kAttendees:
      Row(out, {"document_id", "file", "page", "name", "organization", "role", "status", "remote"});
      break;
    case CsvTable::kItems:
      Row(out, {"document_id", "file", "page", "number", "title", "presenters", "paragraphs", "decisions"});
      break;
    case CsvTable::kDecisions:
      Row(out, {"document_id", "file", "page", "item_number", "item_title", "text"});
      break;
    case CsvTable::kParagraphs:
      Row(out, {"document_id", "file", "page", "item_number", "paragraph", "speaker", "speaker_source", "text"});
      break;
  }
  return out;
}

std::string DocumentToCsv(const Document& doc, CsvTable table) {
  std::string out;
  const Metadata& m = doc.metadata;
  switch (table) {
    case CsvTable::kDocuments:
      Row(out, {doc.id, doc.source.file, std::to_string(doc.pages.size()), Method(doc), doc.language, Opt(m.title),
                Opt(m.body), Opt(m.reference), Opt(m.date), Opt(m.start_time), Opt(m.end_time), Opt(m.place),
                Opt(m.chair), Opt(m.secretary), std::to_string(doc.attendees.size()),
                std::to_string(doc.items.size())});
      break;
    case CsvTable::kAttendees:
      // The record keeps no page for an attendee: the page field is empty.
      for (const auto& a : doc.attendees)
        Row(out, {doc.id, doc.source.file, "", a.name, Opt(a.organization), Opt(a.role), a.status,
                  a.remote ? "true" : "false"});
      break;
    case CsvTable::kItems:
      for (const auto& item : doc.items)
        Row(out, {doc.id, doc.source.file, std::to_string(item.page), item.number, item.title,
                  Join(item.presenters, "; "), std::to_string(item.paragraphs.size()),
                  std::to_string(item.decisions.size())});
      break;
    case CsvTable::kDecisions:
      for (const auto& item : doc.items)
        for (const auto& d : item.decisions)
          Row(out, {doc.id, doc.source.file, std::to_string(d.page), item.number, item.title, d.text});
      break;
    case CsvTable::kParagraphs:
      ParagraphRows(out, doc, nullptr, doc.preamble);
      for (const auto& item : doc.items) ParagraphRows(out, doc, &item, item.paragraphs);
      break;
  }
  return out;
}

}  // namespace protokoll
