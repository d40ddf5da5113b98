// Attendees from attendance lines: a header ("Närvarande:", "Til stede:",
// "Absent:", "Ersättare") sets the status of the names after it until the
// next header; names are split at cells, commas, semicolons and "and"
// words; a role printed beside a name ("Kari Nordmann, leder", "ordförande
// Anna Berg") and remote markers ("via Teams") are kept on the attendee.
// Where no list is printed, the roll call is read from the prose of the head
// ("Present were: A, members B and C. Member D was absent.").
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
    const size_t label = rest.find_first_not_of(" :-\xe2\x80\x93\x94");
    if (!status_inside.empty() && label < 6 && std::isalpha(static_cast<unsigned char>(rest[label])))
      best += inner, status = status_inside;
  }
  if (length) *length = best;
  return status;
}

// Pieces of a line that may each hold one person.
std::optional<Attendee> AttendeeOf(const ReaderContext& rc, std::string piece, const std::string& status,
                                   bool surname_alone);

// The words that join the last two names of a list ("A, B and C").
constexpr std::string_view kJoiners[] = {"og", "och", "and", "und", "ja", "&", "et"};

// "and Radding" -> "Radding": the last piece of "A, B, and C" after the comma.
std::string WithoutLeadingJoiner(std::string piece) {
  const std::string lower = ToLower(piece);
  for (std::string_view joiner : kJoiners)
    if (lower.size() > joiner.size() + 1 && lower.compare(0, joiner.size(), joiner) == 0 && lower[joiner.size()] == ' ')
      return std::string(Trim(piece.substr(joiner.size() + 1)));
  return piece;
}

std::vector<std::string> Pieces(const ReaderContext& rc, const TextLine& line, size_t skip) {
  std::string text = line.text.substr(std::min(skip, line.text.size()));
  std::vector<std::string> pieces;
  std::string current;
  auto push = [&] {
    std::string piece(Trim(current));
    while (!piece.empty() && std::string_view(":-•*").find(piece.front()) != std::string_view::npos)
      piece = std::string(Trim(piece.substr(1)));
    piece = WithoutLeadingJoiner(piece);
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
    for (std::string_view word : kJoiners) {
      const std::string joiner = " " + std::string(word) + " ";
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
// it; "mayor/chair", "commissioner / board member": roles joined by slashes
// are one); 0 when none.
size_t RoleLength(const ReaderContext& rc, const std::string& lower) {
  size_t total = 0, at = 0;
  while (at < lower.size()) {
    size_t best = 0;
    for (auto key : {"roles.member", "roles.other", "field.chair", "field.secretary"}) {
      size_t length = 0;
      if (rc.combined->StartsWith(key, std::string_view(lower).substr(at), &length)) best = std::max(best, length);
    }
    if (best == 0) break;
    size_t end = best;
    while (at + end < lower.size() && end < best + 2 && std::isalpha(static_cast<unsigned char>(lower[at + end]))) ++end;
    if (!(at + end >= lower.size() || lower[at + end] == ' ' || lower[at + end] == '/')) end = best;
    total = at + end;
    size_t next = lower.find_first_not_of(' ', total);
    if (next == std::string::npos || lower[next] != '/') break;
    at = lower.find_first_not_of(' ', next + 1);
    if (at == std::string::npos) break;
  }
  return total;
}

// A role word anywhere in `lower` ("city manager", "member, alameda usd board").
bool HasRoleWord(const ReaderContext& rc, const std::string& lower) {
  for (auto key : {"roles.member", "roles.other", "field.chair", "field.secretary"})
    if (rc.combined->Contains(key, lower)) return true;
  return false;
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
  // "Marie Gilmore – Mayor": a role after a dash.
  for (std::string_view dash : {" \u2013 ", " - ", " \u2014 "}) {
    const size_t at = piece.find(dash);
    if (at == std::string::npos || !IsPersonName(piece.substr(0, at))) continue;
    const std::string after(Trim(piece.substr(at + dash.size())));
    if (!HasRoleWord(rc, ToLower(after)) || std::any_of(after.begin(), after.end(), ::isdigit)) continue;
    attendee.role = after;
    piece = piece.substr(0, at);
    break;
  }
  // A role first ("ordförande Anna Berg", "Councilmember Daysog": a role
  // before a surname names a person), perhaps after a qualifier the lists do
  // not know ("Executive Secretary Karen Willis", "Councilmembers / Authority
  // Members / Commissioners deHaan").
  const std::string lower = ToLower(piece);
  for (size_t at = 0, words = 0; at < lower.size() && words < 6; ++words) {
    const size_t length = RoleLength(rc, lower.substr(at));
    if (length > 0 && at + length < piece.size()) {
      const std::string rest(Trim(piece.substr(at + length)));
      if (IsPersonName(rest) || IsSurname(rest)) {
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
  if (!IsPersonName(piece) && !((surname_alone || attendee.role) && IsSurname(piece))) return std::nullopt;
  // A form field read as a name ("Paikka Valtuustosali", "Datum 2024"): its
  // first word is a field label of the word lists.
  const std::string first = ToLower(segment::FirstName(piece));
  for (auto key : {"field.place", "field.date", "field.time", "field.body", "field.reference"}) {
    size_t length = 0;
    if (rc.combined->StartsWith(key, first, &length) && length >= first.size()) return std::nullopt;
  }
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
  // "Library Director", "Executive Secretary": words before a role word are
  // a title, not a name.
  if (const auto words = segment::SplitWords(lower); words.size() >= 2 && words.size() <= 4) {
    const size_t last = RoleLength(rc, words.back());
    const size_t cut = trimmed.rfind(' ');
    const bool letters = std::all_of(words.begin(), words.end(), [](const std::string& w) {
      return std::isalpha(static_cast<unsigned char>(w.front())) ||
             (static_cast<unsigned char>(w.front()) >= 0x80 && w.rfind("\u2013", 0) != 0 && w.rfind("\u2014", 0) != 0);
    });
    if (letters && last > 0 && last == words.back().size() && !IsPersonName(trimmed.substr(0, cut)))
      return Descriptor::kRole;
  }
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

// "City of Alameda", "Alameda USD Board of Education": capitalised words
// with a lower-case word inside, which no person's name has.
bool IsOrganisation(const std::string& piece) {
  const auto words = segment::SplitWords(piece);
  if (words.size() < 3 || words.size() > 8 || IsPersonName(piece)) return false;
  if (std::any_of(piece.begin(), piece.end(), [](char c) { return (c >= '0' && c <= '9') || c == '(' || c == ':'; }))
    return false;
  auto upper = [](const std::string& word) { return std::isupper(static_cast<unsigned char>(word.front())) != 0; };
  return upper(words.front()) && upper(words.back()) && !std::all_of(words.begin(), words.end(), upper);
}

// Adds the people of one attendance line under `status`.
void TakeLine(const ReaderContext& rc, const TextLine& line, size_t skip, const std::string& status, Document& doc) {
  // After a plural role ("Councilmembers Daysog, deHaan, Gilmore") the
  // pieces that follow may be surnames alone.
  bool surnames = false;
  int taken = 0;
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
    if (!attendee) {
      // "Beverly Johnson, Mayor, City of Alameda": what follows the person's
      // role on the line is where they come from.
      if (IsOrganisation(piece) && taken > 0 && !doc.attendees.empty() && !doc.attendees.back().organization)
        doc.attendees.back().organization = std::string(Trim(piece));
      continue;
    }
    ++taken;
    // "Chair Owens, Board Members Chan, Piziali": after a role and a
    // surname, the list goes on in surnames.
    if (attendee->role && attendee->name.find(' ') == std::string::npos) surnames = true;
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
    if (!AttendeeOf(rc, piece, "present", false)) {
      if (person && pieces.size() <= 3 && IsOrganisation(piece)) continue;
      return false;
    }
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

// A list that runs on past the end of line `i` (`text` so far): the line
// ends inside a name or after a comma or slash, and the next line is neither
// a header, a heading, nor a list of names of its own.
bool ContinuesOnNextLine(const ReaderContext& rc, const TextLine& text, size_t i) {
  if (text.text.empty() || text.text.size() >= 400 || i + 1 >= rc.views.size()) return false;
  const char last = text.text.back();
  if (!(std::isalpha(static_cast<unsigned char>(last)) || last == ',' || last == '/')) return false;
  const LineView& next = rc.views[i + 1];
  if (next.number && next.number->depth == 1) return false;
  if (!HeaderStatus(*rc.combined, ToLower(next.line->text), nullptr).empty() || next.P(LineLabel::kHeading) >= 0.5f)
    return false;
  return last == ',' || last == '/' || !IsNameList(rc, *next.line);
}


// ---- roll calls in prose ----
// "…called the meeting to order at 7:07 p.m. Present were: Vice-President
// Villareal, members Biggs, and Radding. Absent was member Dailey.",
// "Roll call was taken and members present were: …", "Member Franz was
// absent.", "Anto Aghapekian: Present." A label counts where a sentence or
// a field opens with it, where a colon follows it, or where it ends a
// sentence (the names then come before it).

// Where the sentence that runs from `from` ends: a full stop after a word
// of three letters or more ("p.m.", "Mr." and initials do not end one).
size_t SentenceEnd(const std::string& text, size_t from) {
  for (size_t at = text.find('.', from); at != std::string::npos; at = text.find('.', at + 1)) {
    if (at + 1 < text.size() && text[at + 1] != ' ') continue;
    const size_t space = text.rfind(' ', at);
    const size_t word = space == std::string::npos || space < from ? from : space + 1;
    const std::string_view w(text.data() + word, at - word);
    if (w.size() >= 3 && w.find('.') == std::string_view::npos) return at;
  }
  return text.size();
}

// A lower-case word at the end of a piece ("Rauk was" -> "Rauk"); more than
// one makes the piece a sentence ("Smith thanked the"): "" is returned.
std::string WithoutTrailingLowerWords(const std::string& piece) {
  auto words = segment::SplitWords(piece);
  size_t dropped = 0;
  while (!words.empty() && ToLower(words.back()) == words.back() && !std::isdigit(static_cast<unsigned char>(words.back()[0]))) {
    words.pop_back();
    ++dropped;
  }
  if (dropped > 1) return {};
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

struct LabelAt {
  size_t at = 0, length = 0;
  std::string status;
};

// Every attendance label at a word start of `lower`.
std::vector<LabelAt> LabelsIn(const Lexicon& lexicon, const std::string& lower) {
  std::vector<LabelAt> labels;
  for (size_t at = 0; at < lower.size(); ++at) {
    if (at > 0 && std::isalnum(static_cast<unsigned char>(lower[at - 1]))) continue;
    if (!std::isalpha(static_cast<unsigned char>(lower[at]))) continue;
    size_t length = 0;
    std::string status = HeaderStatus(lexicon, lower.substr(at), &length);
    if (status.empty()) continue;
    labels.push_back({at, length, status});
    at += length;
  }
  return labels;
}

// Adds the people `value` names under `status` when at least half of its
// pieces are people (surnames alone allowed: a roll call names members so).
void TakeProseNames(const ReaderContext& rc, const std::string& value, const std::string& status, bool single_ok,
                    Document& doc) {
  TextLine text;
  text.text = value;
  std::vector<Attendee> found;
  size_t pieces = 0;
  text.text = WithoutTrailingLowerWords(WithoutCount(value));  // "Neilsen and Soglin were"
  for (const auto& piece : Pieces(rc, text, 0)) {
    const std::string name = WithoutTrailingLowerWords(WithoutCount(piece));
    size_t none = 0;
    const std::string lower(Trim(ToLower(piece)));
    if (rc.combined->StartsWith("none", lower, &none) && none + 1 >= lower.size()) continue;  // "Absent: None."
    ++pieces;
    if (auto attendee = AttendeeOf(rc, name, status, true)) found.push_back(std::move(*attendee));
  }
  if (found.empty() || found.size() * 2 < pieces) return;
  // One name without a role after a label no colon marks ("Roll Call &
  // Quorum Determination") is too little to go on.
  if (found.size() == 1 && !found[0].role && !single_ok) return;
  for (auto& attendee : found)
    if (std::none_of(doc.attendees.begin(), doc.attendees.end(), [&](const Attendee& a) { return a.name == attendee.name; }))
      doc.attendees.push_back(std::move(attendee));
}

// The roll call in the prose of line `i` and the lines its sentences run on to.
void ReadProseRollCall(const ReaderContext& rc, size_t i, Document& doc) {
  std::string text = rc.views[i].line->text;
  const size_t first_line = text.size();
  for (size_t k = i + 1; k < rc.views.size() && k <= i + 3 && text.size() < 600; ++k) {
    const LineView& next = rc.views[k];
    if (next.P(LineLabel::kHeading) >= 0.5f || (next.number && next.number->depth == 1)) break;
    text += " " + next.line->text;
  }
  const std::string lower = ToLower(text);
  if (lower.size() != text.size()) return;  // offsets would not carry over
  const auto labels = LabelsIn(*rc.combined, lower);
  for (size_t l = 0; l < labels.size() && labels[l].at < first_line; ++l) {
    const auto& [at, length, status] = labels[l];
    const std::string_view before = Trim(std::string_view(text).substr(0, at));
    const std::string_view after = Trim(std::string_view(text).substr(at + length));
    // A sentence before it ends ("… 7:07 p.m. Present were"), not an item's number ("1. Roll Call").
    const size_t last_word = before.rfind(' ') == std::string_view::npos ? 0 : before.rfind(' ') + 1;
    const std::string_view word = before.substr(last_word);
    const bool opens = before.empty() || before.back() == ':' || before.back() == ';' ||
                       (before.back() == '.' && (word.size() >= 4 || word.find('.') + 1 < word.size()));
    const bool colon = !after.empty() && after.front() == ':';
    if (!after.empty() && after.front() == '.') {
      // "Member Franz was absent.", "Anto Aghapekian: Present.": the sentence before the label.
      size_t start = 0;
      for (size_t end = SentenceEnd(text, 0); end < at; end = SentenceEnd(text, end + 1)) start = end + 1;
      std::string names(Trim(text.substr(start, at - start)));
      const bool named = !names.empty() && names.back() == ':';
      while (!names.empty() && names.back() == ':') names.pop_back();
      TakeProseNames(rc, names, status, named, doc);
      continue;
    }
    if (!opens && !colon) continue;
    const size_t from = at + length;
    size_t to = SentenceEnd(text, from);
    if (l + 1 < labels.size()) to = std::min(to, labels[l + 1].at);
    std::string value(Trim(text.substr(from, to - from)));
    while (!value.empty() && (value.front() == ':' || value.front() == ',')) value = std::string(Trim(value.substr(1)));
    TakeProseNames(rc, value, status, colon, doc);
  }
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
    // "Present were A, B and C. Members D and E were absent.": sentences.
    if (!header.empty() && SentenceEnd(view.line->text, header_length) + 2 < view.line->text.size()) {
      for (size_t k = i; k < rc.views.size() && k <= i + 3; ++k) ReadProseRollCall(rc, k, doc);
      continue;
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
      while (names_on_line && i + 1 < rc.views.size() && ContinuesOnNextLine(rc, joined, i)) {
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
      // A list of names wrapped over lines under the header ("…, Jo" / "Kahuanui, …").
      TextLine joined = *view.line;
      size_t end = i;
      while (!IsNameList(rc, joined) && end + 1 < rc.views.size() && end < i + 3 && ContinuesOnNextLine(rc, joined, end)) {
        joined.text += " " + rc.views[++end].line->text;
        joined.cells.clear();
      }
      if (IsNameList(rc, joined) && view.P(LineLabel::kHeading) < 0.5f) {
        TakeLine(rc, joined, 0, block_status, doc);
        block_start = false;
        i = end;
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
  // No list: a roll call in the prose of the head (the first item's text).
  const size_t before_prose = doc.attendees.size();
  const size_t head_end = std::min(rc.views.size(), std::max<size_t>(limit == rc.views.size() ? 0 : limit, 60));
  for (size_t i = 0; i < head_end && before_prose == 0; ++i) {
    ReadProseRollCall(rc, i, doc);
    if (doc.attendees.empty()) continue;
    // The sentences after the first ("Absent was …", "Staff: …").
    for (size_t k = i + 1; k < rc.views.size() && k <= i + 3; ++k) ReadProseRollCall(rc, k, doc);
    break;
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
