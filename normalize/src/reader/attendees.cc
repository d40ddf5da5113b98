// Attendees from attendance lines: a header ("Närvarande:", "Til stede:",
// "Absent:", "Ersättare") sets the status of the names after it until the
// next header; names are split at cells, commas, semicolons and "and"
// words; a role printed beside a name ("Kari Nordmann, leder", "ordförande
// Anna Berg") and remote markers ("via Teams") are kept on the attendee.
#include <algorithm>

#include "protokoll/text.h"
#include "reader/generic_reader.h"
#include "segment/common.h"

namespace protokoll::reader {
namespace {

using segment::Trim;

// The status a header line sets, or "" when the line is no header.
std::string HeaderStatus(const Lexicon& lexicon, const std::string& lower, size_t* length) {
  // Longer labels first: "övriga närvarande" before "närvarande".
  size_t best = 0;
  std::string status;
  for (auto [key, value] : {std::pair{"field.other_present", "present"}, std::pair{"field.absent", "absent"},
                            std::pair{"field.substitute", "substitute"}, std::pair{"field.present", "present"}}) {
    size_t n = 0;
    if (lexicon.StartsWith(key, lower, &n) && n > best) best = n, status = value;
  }
  if (length) *length = best;
  return status;
}

// Pieces of a line that may each hold one person.
std::vector<std::string> Pieces(const TextLine& line, size_t skip) {
  std::string text = line.text.substr(std::min(skip, line.text.size()));
  std::vector<std::string> pieces;
  std::string current;
  auto push = [&] {
    std::string piece(Trim(current));
    while (!piece.empty() && std::string_view(":-•*").find(piece.front()) != std::string_view::npos)
      piece = std::string(Trim(piece.substr(1)));
    if (!piece.empty()) pieces.push_back(piece);
    current.clear();
  };
  size_t cell = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    // Cell breaks of the line (table columns) split pieces too.
    while (cell < line.cells.size() && line.cells[cell].offset <= i + skip) {
      if (line.cells[cell].offset == i + skip) push();
      ++cell;
    }
    const char c = text[i];
    if (c == ',' || c == ';' || c == '\t') {
      push();
      continue;
    }
    current += c;
  }
  push();
  // "A og B", "A och B", "A and B", "A und B", "A ja B".
  std::vector<std::string> out;
  for (const auto& piece : pieces) {
    size_t start = 0;
    const std::string lower = ToLower(piece);
    for (std::string_view joiner : {" og ", " och ", " and ", " und ", " ja ", " & ", " et "}) {
      size_t at = lower.find(joiner);
      if (at != std::string::npos && IsPersonName(piece.substr(0, at)) &&
          IsPersonName(piece.substr(at + joiner.size()))) {
        out.push_back(piece.substr(0, at));
        out.push_back(piece.substr(at + joiner.size()));
        start = std::string::npos;
        break;
      }
    }
    if (start == 0) out.push_back(piece);
  }
  return out;
}

// A piece as an attendee: the name, a role word before or after it, a
// parenthesised party or organisation, a remote marker.
std::optional<Attendee> AttendeeOf(const ReaderContext& rc, std::string piece, const std::string& status) {
  Attendee attendee;
  attendee.status = status;
  attendee.remote = segment::TakeRemoteMarker(piece);
  {
    const std::string lower = ToLower(piece);
    size_t at = 0, length = 0;
    if ((at = rc.combined->Find("remote", lower, &length)) != std::string::npos && at > 0) {
      attendee.remote = true;
      piece = piece.substr(0, at);
    }
  }
  const size_t open = piece.find('(');
  if (open != std::string::npos) {
    const size_t close = piece.find(')', open);
    std::string inside = piece.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
    if (!inside.empty()) attendee.organization = std::string(Trim(inside));
    piece = piece.substr(0, open) + (close == std::string::npos ? "" : piece.substr(close + 1));
  }
  piece = std::string(Trim(piece));
  // A role word first ("ordförande Anna Berg", "Councilmember Daysog").
  std::string lower = ToLower(piece);
  size_t length = 0;
  for (auto key : {"roles.member", "roles.other", "field.chair", "field.secretary"})
    if (rc.combined->StartsWith(key, lower, &length) && length < piece.size() && IsPersonName(piece.substr(length))) {
      attendee.role = std::string(Trim(piece.substr(0, length)));
      piece = std::string(Trim(piece.substr(length)));
      break;
    }
  // Cells after the name ("Anna Berg   ordförande") arrive as their own pieces.
  if (!IsPersonName(piece)) return std::nullopt;
  attendee.name = piece;
  return attendee;
}

bool IsRoleOnly(const ReaderContext& rc, const std::string& piece) {
  const std::string lower(Trim(ToLower(piece)));
  size_t length = 0;
  for (auto key : {"roles.member", "roles.other", "field.chair", "field.secretary"})
    if (rc.combined->StartsWith(key, lower, &length) && length + 1 >= lower.size()) return true;
  return false;
}

}  // namespace

void ReadAttendees(const ReaderContext& rc, const std::vector<size_t>& headings, Document& doc) {
  const size_t limit = headings.size() > 1 ? headings[1] : rc.views.size();
  std::string status = "present";
  for (size_t i = 0; i < limit; ++i) {
    const LineView& view = rc.views[i];
    const std::string lower = ToLower(view.line->text);
    size_t header_length = 0;
    const std::string header = HeaderStatus(*rc.combined, lower, &header_length);
    if (view.P(LineLabel::kAttendance) < 0.5f) continue;
    if (!header.empty()) status = header;
    for (const auto& piece : Pieces(*view.line, header.empty() ? 0 : header_length)) {
      if (IsRoleOnly(rc, piece)) {
        if (!doc.attendees.empty() && !doc.attendees.back().role)
          doc.attendees.back().role = std::string(Trim(piece));
        continue;
      }
      auto attendee = AttendeeOf(rc, piece, status);
      if (!attendee) continue;
      const bool known = std::any_of(doc.attendees.begin(), doc.attendees.end(),
                                     [&](const Attendee& a) { return a.name == attendee->name; });
      if (!known) doc.attendees.push_back(std::move(*attendee));
    }
  }
}

}  // namespace protokoll::reader
