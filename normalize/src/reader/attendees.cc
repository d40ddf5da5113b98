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
  // "ROLL CALL – Present: …": a second label after the first says more.
  if (best > 0 && best < lower.size()) {
    size_t inner = 0;
    const std::string rest = lower.substr(best);
    const std::string status_inside = HeaderStatus(lexicon, rest, &inner);
    if (!status_inside.empty() && rest.find_first_not_of(" :-\xe2\x80\x93\x94") < 6) best += inner, status = status_inside;
  }
  if (length) *length = best;
  return status;
}

// Pieces of a line that may each hold one person.
std::optional<Attendee> AttendeeOf(const ReaderContext& rc, std::string piece, const std::string& status,
                                   bool surname_alone);

std::vector<std::string> Pieces(const ReaderContext& rc, const TextLine& line, size_t skip) {
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
      // Each side a person, a role before it allowed ("Jose Villaflor and
      // Executive Secretary Karen Willis", "Daysog and Mayor Johnson").
      if (at != std::string::npos && AttendeeOf(rc, piece.substr(0, at), "present", true) &&
          AttendeeOf(rc, piece.substr(at + joiner.size()), "present", true)) {
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
// "Mayor Johnson – 5." -> "Mayor Johnson": a count after a roll call.
std::string WithoutCount(std::string piece) {
  piece = std::string(Trim(piece));
  while (!piece.empty() && (piece.back() == '.' || std::isdigit(static_cast<unsigned char>(piece.back())))) piece.pop_back();
  piece = std::string(Trim(piece));
  for (std::string_view dash : {" \u2013", " -"})
    if (piece.size() > dash.size() && piece.compare(piece.size() - dash.size(), dash.size(), dash) == 0)
      piece = std::string(Trim(piece.substr(0, piece.size() - dash.size())));
  return piece;
}

// The bytes a role word opens `lower` with ("councilmember", "board members",
// "ordföranden": a plural or definite ending of up to two letters belongs to
// it); 0 when none.
size_t RoleLength(const ReaderContext& rc, const std::string& lower) {
  size_t best = 0;
  for (auto key : {"roles.member", "roles.other", "field.chair", "field.secretary"}) {
    size_t length = 0;
    if (rc.combined->StartsWith(key, lower, &length)) best = std::max(best, length);
  }
  if (best == 0) return 0;
  size_t end = best;
  while (end < lower.size() && end < best + 2 && std::isalpha(static_cast<unsigned char>(lower[end]))) ++end;
  return end >= lower.size() || lower[end] == ' ' ? end : best;
}

// A surname alone ("Daysog", "deHaan") where a plural role introduced it:
// one word of letters with a capital in it.
bool IsSurname(std::string_view word) {
  if (word.size() < 3 || word.find(' ') != std::string_view::npos) return false;
  bool capital = false;
  for (unsigned char c : word) {
    if (!(std::isalpha(c) || c >= 0x80 || c == '-' || c == '\'')) return false;
    capital = capital || std::isupper(c);
  }
  return capital;
}

std::optional<Attendee> AttendeeOf(const ReaderContext& rc, std::string piece, const std::string& status,
                                   bool surname_alone) {
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
  piece = WithoutCount(piece);
  // A role first ("ordförande Anna Berg", "Councilmember Daysog"), perhaps
  // after a qualifier the lists do not know ("Executive Secretary Karen Willis").
  const std::string lower = ToLower(piece);
  for (size_t at = 0, words = 0; at < lower.size() && words < 3; ++words) {
    const size_t length = RoleLength(rc, lower.substr(at));
    if (length > 0 && at + length < piece.size()) {
      const std::string rest(Trim(piece.substr(at + length)));
      if (IsPersonName(rest) || (surname_alone && IsSurname(rest))) {
        attendee.role = std::string(Trim(piece.substr(0, at + length)));
        piece = rest;
        break;
      }
    }
    const size_t space = lower.find(' ', at);
    if (space == std::string::npos) break;
    at = space + 1;
  }
  // Cells after the name ("Anna Berg   ordförande") arrive as their own pieces.
  if (!IsPersonName(piece) && !(surname_alone && IsSurname(piece))) return std::nullopt;
  attendee.name = piece;
  return attendee;
}

bool IsRoleOnly(const ReaderContext& rc, const std::string& piece) {
  const std::string lower(Trim(ToLower(piece)));
  const size_t length = RoleLength(rc, lower);
  return length > 0 && length + 1 >= lower.size();
}

// A piece after a name that only describes it: a remote marker ("distans",
// "via Teams"), a time ("kl. 16.15 – 17.30"), or lower-case words (a title
// the word lists do not know: "välfärdschef", "stadsstyrelsens representant").
enum class Descriptor { kNone, kRemote, kRole, kOther };

Descriptor DescriptorOf(const ReaderContext& rc, const std::string& piece) {
  const std::string trimmed(Trim(piece));
  if (trimmed.empty()) return Descriptor::kOther;
  const std::string lower = ToLower(trimmed);
  size_t length = 0;
  if (rc.combined->StartsWith("remote", lower, &length) && length + 1 >= lower.size()) return Descriptor::kRemote;
  if (IsRoleOnly(rc, trimmed)) return Descriptor::kRole;
  if (std::any_of(trimmed.begin(), trimmed.end(), [](char c) { return c >= '0' && c <= '9'; })) return Descriptor::kOther;
  if (lower == trimmed && segment::SplitWords(trimmed).size() <= 4) return Descriptor::kRole;
  return Descriptor::kNone;
}

}  // namespace

namespace {

// A form's checkbox before a name: "[X] Name" was there, "[ ] Name" was not.
// Returns the status it sets ("" without a box) and strips it from `piece`.
std::string TakeCheckbox(std::string& piece) {
  static const std::pair<std::string_view, const char*> kBoxes[] = {
      {"[X]", "present"}, {"[x]", "present"}, {"\u2612", "present"}, {"\u2611", "present"},
      {"[ ]", "absent"},  {"[]", "absent"},   {"\u2610", "absent"}};
  const std::string_view trimmed = Trim(piece);
  for (const auto& [box, status] : kBoxes)
    if (trimmed.rfind(box, 0) == 0) {
      piece = std::string(Trim(trimmed.substr(box.size())));
      return status;
    }
  return {};
}

// Adds the people of one attendance line under `status`.
void TakeLine(const ReaderContext& rc, const TextLine& line, size_t skip, const std::string& status, Document& doc) {
  // After a plural role ("Councilmembers Daysog, deHaan, Gilmore") the
  // pieces that follow may be surnames alone.
  bool surnames = false;
  for (auto piece : Pieces(rc, line, skip)) {
    {
      const std::string lower = ToLower(std::string(Trim(piece)));
      const size_t role = RoleLength(rc, lower);
      if (role > 1 && lower[role - 1] == 's') surnames = true;
    }
    const std::string boxed = TakeCheckbox(piece);
    piece = WithoutCount(piece);
    switch (DescriptorOf(rc, piece)) {
      case Descriptor::kRemote:
        if (!doc.attendees.empty()) doc.attendees.back().remote = true;
        continue;
      case Descriptor::kRole:
        if (!doc.attendees.empty() && !doc.attendees.back().role) doc.attendees.back().role = std::string(Trim(piece));
        continue;
      case Descriptor::kOther: continue;
      case Descriptor::kNone: break;
    }
    auto attendee = AttendeeOf(rc, piece, boxed.empty() || status != "present" ? status : boxed, surnames);
    if (!attendee) continue;
    const bool known = std::any_of(doc.attendees.begin(), doc.attendees.end(),
                                   [&](const Attendee& a) { return a.name == attendee->name; });
    if (!known) doc.attendees.push_back(std::move(*attendee));
  }
}

// Every piece of the line is a person (with or without a role) or a role alone.
bool IsNameList(const ReaderContext& rc, const TextLine& line) {
  const auto pieces = Pieces(rc, line, 0);
  if (pieces.empty()) return false;
  bool person = false;
  // A line in capitals is a heading, not a list of names.
  if (ToUpper(line.text) == line.text) return false;
  for (auto piece : pieces) {
    TakeCheckbox(piece);
    if (DescriptorOf(rc, piece) != Descriptor::kNone) continue;
    if (!AttendeeOf(rc, piece, "present", false)) return false;
    person = true;
  }
  return person;
}

// A header ("Närvarande", "Saapuvilla olleet jäsenet:", "Present:") that
// stands alone or is followed by names on its own line.
bool IsBlockHeader(const TextLine& line, size_t length) {
  if (length == 0) return false;
  const std::string_view rest = Trim(std::string_view(line.text).substr(std::min(length, line.text.size())));
  if (rest.empty() || rest == ":") return true;
  return rest.front() == ':' || IsPersonName(rest.substr(0, rest.find(',')));
}

}  // namespace

// Two ways in: lines the labeller calls attendance before the second item
// (the head of the minutes), and anywhere, a block that a header opens and
// lines of names continue ("Saapuvilla olleet jäsenet" and a name a line),
// whatever the model thinks of each name line: the header word and the run
// of names decide together.
void ReadAttendees(const ReaderContext& rc, const std::vector<size_t>& headings, Document& doc) {
  const size_t limit = headings.size() > 1 ? headings[1] : rc.views.size();
  std::string status = "present";
  std::string block_status;  // non-empty inside a header's block
  bool block_start = false;  // the line before was the header
  for (size_t i = 0; i < rc.views.size(); ++i) {
    const LineView& view = rc.views[i];
    const std::string lower = ToLower(view.line->text);
    size_t header_length = 0;
    std::string header = HeaderStatus(*rc.combined, lower, &header_length);
    // A numbered item that is the roll call: "3. ROLL CALL: Present: …".
    if (header.empty() && view.number && view.number->depth == 1 && !view.number->title.empty()) {
      const size_t at = view.line->text.find(view.number->title);
      size_t length = 0;
      if (at != std::string::npos && at < 12) {
        header = HeaderStatus(*rc.combined, ToLower(view.number->title), &length);
        header_length = at + length;
      }
    }
    if (!header.empty() && IsBlockHeader(*view.line, header_length) && lower.size() < 200) {
      block_status = header;
      block_start = true;
      status = header;
      // A list wrapped over lines ("…, Board Members Dean Batchelor, Jose" /
      // "Villaflor and …"): a line ending inside a name continues on the next.
      TextLine joined = *view.line;
      std::string_view after_label = Trim(std::string_view(view.line->text).substr(std::min(header_length, view.line->text.size())));
      while (!after_label.empty() && (after_label.front() == ':' || after_label.front() == '-')) after_label = Trim(after_label.substr(1));
      const bool names_on_line = !after_label.empty();
      while (names_on_line && i + 1 < rc.views.size() && !joined.text.empty() &&
             (std::isalpha(static_cast<unsigned char>(joined.text.back())) || joined.text.back() == ',') &&
             joined.text.size() < 400) {
        const std::string next_lower = ToLower(rc.views[i + 1].line->text);
        if (!HeaderStatus(*rc.combined, next_lower, nullptr).empty() ||
            rc.views[i + 1].P(LineLabel::kHeading) >= 0.5f)
          break;
        joined.text += " " + rc.views[++i].line->text;
        joined.cells.clear();
      }
      const size_t before = doc.attendees.size();
      TakeLine(rc, joined, header_length, header, doc);
      // "Absent: None." names no one and opens no block.
      if (names_on_line && doc.attendees.size() == before) block_status.clear();
      continue;
    }
    if (!block_status.empty()) {
      if (IsNameList(rc, *view.line) && view.P(LineLabel::kHeading) < 0.5f) {
        TakeLine(rc, *view.line, 0, block_status, doc);
        block_start = false;
        continue;
      }
      // A qualifier under the header ("ordinarie", "members") before the names.
      const bool qualifier = block_start && segment::SplitWords(view.line->text).size() <= 2 && !lower.empty() &&
                             lower.size() < 30 && !IsPersonName(view.line->text);
      block_start = false;
      if (qualifier) continue;
      block_status.clear();
    }
    if (i >= limit || view.P(LineLabel::kAttendance) < 0.5f) continue;
    if (ToUpper(view.line->text) == view.line->text) continue;  // a heading in capitals
    if (!header.empty()) status = header;
    TakeLine(rc, *view.line, header.empty() ? 0 : header_length, status, doc);
  }
}

namespace {

// "Haverinen Emilia" -> "Emilia Haverinen": the last word first.
std::string LastWordFirst(const std::string& name) {
  const size_t space = name.rfind(' ');
  if (space == std::string::npos) return name;
  return name.substr(space + 1) + " " + name.substr(0, space);
}

}  // namespace

void NameOrderFromDocument(const ReaderContext& rc, Document& doc) {
  // Lists printed surname first ("Haverinen Emilia") are found by the same
  // people printed the other way elsewhere in the document (signatures,
  // prose): the majority of such evidence decides for the whole list.
  std::string text;
  for (const auto& view : rc.views) text += " " + view.line->text + " ";
  auto occurrences = [&](const std::string& name) {
    int count = 0;
    for (size_t at = text.find(" " + name); at != std::string::npos; at = text.find(" " + name, at + 1)) ++count;
    return count;
  };
  int reversed = 0, same = 0;
  for (const auto& attendee : doc.attendees) {
    if (attendee.name.find(' ') == std::string::npos) continue;
    reversed += occurrences(LastWordFirst(attendee.name)) > 0;
    same += occurrences(attendee.name) > 1;  // beyond the list itself
  }
  if (reversed <= same) return;
  for (auto& attendee : doc.attendees) attendee.name = LastWordFirst(attendee.name);
}

}  // namespace protokoll::reader
