// Metadata from whatever the page offers, in order of evidence: a labelled
// field ("Datum: …", "Sted: …", "Protokollführer: …"), a line the model
// calls title block or metadata, prose ("Mötet öppnades kl. 19.05",
// "called to order at 9:08", "X valdes till ordförande"), the signature
// block, then the running headers. Every word comes from the lexicon.
#include <algorithm>

#include "protokoll/text.h"
#include "reader/dates.h"
#include "reader/generic_reader.h"
#include "segment/common.h"

namespace protokoll::reader {
namespace {

using segment::Trim;

bool IsHead(const ReaderContext& rc, const std::vector<size_t>& headings, size_t i) {
  const size_t first = headings.empty() ? std::min<size_t>(rc.views.size(), 60) : headings.front();
  return i < first || rc.views[i].P(LineLabel::kMeta) >= 0.5f || rc.views[i].P(LineLabel::kTitle) >= 0.5f;
}

std::string Lower(const TextLine& line) { return ToLower(line.text); }

// The first run of two to four capitalised words that reads as a person's
// name, skipping words the lexicon knows (roles, labels).
std::optional<std::string> NameIn(const ReaderContext& rc, std::string_view text) {
  auto words = segment::SplitWords(text);
  auto clean = [](std::string w) {
    while (!w.empty() && std::string_view(",.:;()").find(w.back()) != std::string_view::npos) w.pop_back();
    while (!w.empty() && (w.front() == '(' || w.front() == '"')) w.erase(0, 1);
    return w;
  };
  for (size_t i = 0; i < words.size(); ++i) {
    for (size_t n = std::min<size_t>(4, words.size() - i); n >= 2; --n) {
      std::string candidate;
      bool known = false;
      for (size_t k = 0; k < n; ++k) {
        const std::string word = clean(words[i + k]);
        const std::string lower = ToLower(word);
        if (rc.combined->StartsWith("roles.member", lower) || rc.combined->StartsWith("field.chair", lower) ||
            rc.combined->StartsWith("field.secretary", lower) || rc.combined->Month(lower) != 0)
          known = true;
        candidate += (k ? " " : "") + word;
        // A comma inside the run ends the name ("Kari Nordmann, leder").
        if (k + 1 < n && !words[i + k].empty() && words[i + k].back() == ',') known = true;
      }
      if (!known && IsPersonName(candidate)) return candidate;
    }
  }
  return std::nullopt;
}

// The value of a labelled field: after the label on the line, or the next line.
std::string FieldValue(const ReaderContext& rc, size_t i, std::string_view key) {
  std::string value = ValueAfterLabel(*rc.views[i].line, *rc.combined, key);
  if (value.empty() && i + 1 < rc.views.size()) value = std::string(Trim(rc.views[i + 1].line->text));
  return value;
}

void ReadDateAndTimes(const ReaderContext& rc, const std::vector<size_t>& headings, Metadata& m) {
  const auto& views = rc.views;
  auto date_in = [&](std::string_view text) { return FindDate(text, *rc.language, rc.month_first); };
  // Labelled fields first, then title/meta lines, then the head, then anywhere early.
  for (int pass = 0; pass < 4 && !m.date; ++pass) {
    for (size_t i = 0; i < views.size() && !m.date; ++i) {
      const bool head = IsHead(rc, headings, i);
      const std::string lower = Lower(*views[i].line);
      const bool take = pass == 0   ? head && rc.combined->StartsWith("field.date", lower)
                        : pass == 1 ? views[i].P(LineLabel::kMeta) + views[i].P(LineLabel::kTitle) >= 0.5f
                        : pass == 2 ? head
                                    : i < 120;
      if (!take) continue;
      std::string text = views[i].line->text;
      if (pass == 0 && i + 1 < views.size()) text += " " + views[i + 1].line->text;
      if (auto date = date_in(text)) m.date = date->iso;
    }
  }
  if (!m.date)
    for (const auto& page : rc.laid->pages)
      if (page.header)
        if (auto date = date_in(*page.header)) {
          m.date = date->iso;
          break;
        }
  for (size_t i = 0; i < views.size() && !m.start_time; ++i) {
    const std::string lower = Lower(*views[i].line);
    const bool labelled = IsHead(rc, headings, i) && (rc.combined->StartsWith("field.time", lower) ||
                                                      rc.combined->StartsWith("field.date", lower));
    const bool meta = IsHead(rc, headings, i) && views[i].P(LineLabel::kMeta) >= 0.5f;
    if (!labelled && !meta) continue;
    std::string text = views[i].line->text;
    if (labelled && i + 1 < views.size()) text += " " + views[i + 1].line->text;
    const FoundTimes times = FindTimes(text, *rc.combined);
    if (times.start) m.start_time = times.start, m.end_time = times.end;
  }
  for (size_t i = 0; i < views.size(); ++i) {
    const std::string lower = Lower(*views[i].line);
    if (!m.start_time && rc.combined->Contains("prose.open", lower)) {
      std::string text = views[i].line->text + (i + 1 < views.size() ? " " + views[i + 1].line->text : "");
      if (auto start = FindTimes(text, *rc.combined).start) m.start_time = start;
    }
    if (!m.end_time && i > views.size() / 3 && rc.combined->Contains("prose.close", lower)) {
      std::string text = views[i].line->text + (i + 1 < views.size() ? " " + views[i + 1].line->text : "");
      if (auto end = FindTimes(text, *rc.combined).start) m.end_time = end;
    }
  }
}

void ReadPlaceAndReference(const ReaderContext& rc, const std::vector<size_t>& headings, Metadata& m) {
  for (size_t i = 0; i < rc.views.size(); ++i) {
    if (!IsHead(rc, headings, i)) continue;
    const std::string lower = Lower(*rc.views[i].line);
    if (!m.place && rc.combined->StartsWith("field.place", lower)) {
      std::string value = FieldValue(rc, i, "field.place");
      // "Tid och plats: 10 april 2025 kl. 13.00, Lokal 3": the place is what is not the date or time.
      if (auto date = FindDate(value, *rc.language, rc.month_first)) value.erase(date->offset, date->length);
      const size_t comma = value.rfind(',');
      if (FindTimes(value, *rc.combined).start && comma != std::string::npos) value = value.substr(comma + 1);
      value = std::string(Trim(value));
      while (!value.empty() && std::string_view(",;-").find(value.front()) != std::string_view::npos)
        value = std::string(Trim(value.substr(1)));
      if (value.size() >= 2 && value.size() < 120) m.place = value;
    }
    if (!m.reference && rc.combined->StartsWith("field.reference", lower)) {
      std::string value = ValueAfterLabel(*rc.views[i].line, *rc.combined, "field.reference");
      if (!value.empty() && value.size() < 40 && std::any_of(value.begin(), value.end(), ::isdigit)) m.reference = value;
    }
  }
}

// Chair and secretary: a labelled field, an attendee's role, prose, a signature.
void ReadOfficers(const ReaderContext& rc, const std::vector<size_t>& headings, Document& doc) {
  Metadata& m = doc.metadata;
  struct Officer {
    std::optional<std::string>* slot;
    std::string_view field, prose;
  };
  for (Officer officer : {Officer{&m.chair, "field.chair", "prose.elected_chair"},
                          Officer{&m.secretary, "field.secretary", "prose.elected_secretary"}}) {
    for (size_t i = 0; i < rc.views.size() && !*officer.slot; ++i) {
      const std::string lower = Lower(*rc.views[i].line);
      if (IsHead(rc, headings, i) && rc.combined->StartsWith(officer.field, lower))
        if (auto name = NameIn(rc, FieldValue(rc, i, officer.field))) *officer.slot = name;
    }
    for (const auto& attendee : doc.attendees)
      if (!*officer.slot && attendee.role && rc.combined->StartsWith(officer.field, ToLower(*attendee.role)))
        *officer.slot = attendee.name;
    for (size_t i = 0; i < rc.views.size() && !*officer.slot; ++i) {
      const std::string lower = Lower(*rc.views[i].line);
      if (!rc.combined->Contains(officer.prose, lower)) continue;
      std::string text = rc.views[i].line->text;
      if (i + 1 < rc.views.size()) text += " " + rc.views[i + 1].line->text;
      if (auto name = NameIn(rc, text)) *officer.slot = name;
    }
    // Signature block: a role word alone under (or over) a name.
    const size_t from = headings.empty() ? 0 : headings.back();
    for (size_t i = from; i < rc.views.size() && !*officer.slot; ++i) {
      const std::string lower(Trim(Lower(*rc.views[i].line)));
      size_t length = 0;
      if (!rc.combined->StartsWith(officer.field, lower, &length) || lower.size() > length + 2) continue;
      for (size_t k : {i - 1, i + 1})
        if (k < rc.views.size() && k != static_cast<size_t>(-1))
          if (auto name = NameIn(rc, rc.views[k].line->text); name && !*officer.slot) *officer.slot = name;
    }
  }
}

// The body: the title block's words that are not the document kind or a date.
void ReadBody(const ReaderContext& rc, const std::vector<size_t>& headings, Metadata& m) {
  for (size_t i = 0; i < rc.views.size() && !m.body; ++i) {
    if (!IsHead(rc, headings, i)) continue;
    const std::string lower = Lower(*rc.views[i].line);
    if (rc.combined->StartsWith("field.body", lower)) {
      const std::string value = ValueAfterLabel(*rc.views[i].line, *rc.combined, "field.body");
      if (value.size() >= 3 && value.size() < 100) m.body = value;
    }
  }
  if (m.body) return;
  const LineView* best = nullptr;
  for (size_t i = 0; i < rc.views.size() && i < 40; ++i) {
    const LineView& view = rc.views[i];
    if (view.line->page != rc.views.front().line->page || view.P(LineLabel::kTitle) < 0.4f) continue;
    if (best == nullptr || view.line->font_size > best->line->font_size + 0.5) best = &view;
  }
  if (best == nullptr) return;
  std::string text = best->line->text;
  std::string lower = ToLower(text);
  size_t length = 0;
  const size_t kind = rc.combined->Find("doc.minutes", lower, &length);
  if (kind != std::string::npos && kind < 3) text = text.substr(kind + length), lower = lower.substr(kind + length);
  if (auto date = FindDate(text, *rc.language, rc.month_first)) text = text.substr(0, date->offset);
  text = std::string(Trim(text));
  while (!text.empty() && std::string_view(",:;-").find(text.back()) != std::string_view::npos) text.pop_back();
  text = std::string(Trim(text));
  if (text.size() >= 3 && text.size() < 100) m.body = text;
}

void ReadNextMeeting(const ReaderContext& rc, Metadata& m) {
  const int year = m.date ? std::stoi(m.date->substr(0, 4)) : 0;
  for (size_t i = 0; i < rc.views.size(); ++i) {
    if (!rc.combined->Contains("field.next_meeting", Lower(*rc.views[i].line))) continue;
    std::string text = rc.views[i].line->text;
    if (i + 1 < rc.views.size()) text += " " + rc.views[i + 1].line->text;
    if (auto date = FindDate(text, *rc.language, rc.month_first, year)) {
      if (!m.date || date->iso > *m.date) {
        m.next_meeting = date->iso;
        return;
      }
    }
  }
}

}  // namespace

void ReadMetadata(const ReaderContext& rc, const std::vector<size_t>& headings, Document& doc) {
  Metadata& m = doc.metadata;
  ReadDateAndTimes(rc, headings, m);
  ReadPlaceAndReference(rc, headings, m);
  ReadOfficers(rc, headings, doc);
  ReadBody(rc, headings, m);
  ReadNextMeeting(rc, m);
  for (const auto& view : rc.views)
    if (view.P(LineLabel::kTitle) >= 0.5f) {
      m.title = std::string(Trim(view.line->text));
      break;
    }
}

}  // namespace protokoll::reader
