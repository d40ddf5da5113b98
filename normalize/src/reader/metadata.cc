// Metadata from whatever the page offers, in order of evidence: a labelled
// field ("Datum: …", "Sted: …", "Protokollführer: …"), a line the model
// calls title block or metadata, prose ("Mötet öppnades kl. 19.05",
// "called to order at 9:08", "X valdes till ordförande"), the signature
// block, then the running headers. Every word comes from the lexicon.
#include <algorithm>
#include <map>

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

// The first (or with `last`, the last) run of two to four capitalised words
// that reads as a person's name, skipping words the lexicon knows (roles,
// labels).
std::optional<std::string> NameIn(const ReaderContext& rc, std::string_view text, bool last = false) {
  std::optional<std::string> found;
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
        // An item letter or number ("B Valg av møteleder") is no initial; a
        // word in capitals ("ÅRSMØTE FOR") is a heading's, not a name's; a
        // decision word opens a sentence ("Vedtak Som").
        const bool capitals = word.size() >= 3 && ToLower(word) != word && ToUpper(word) == word;
        if ((word.size() == 1 && words[i + k].size() == 1) || capitals ||
            std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
            rc.combined->StartsWith("decision", lower) || rc.combined->StartsWith("doc.minutes", lower))
          known = true;
        if (rc.combined->StartsWith("roles.member", lower) || rc.combined->StartsWith("field.chair", lower) ||
            rc.combined->StartsWith("field.secretary", lower) || rc.combined->Month(lower) != 0)
          known = true;
        candidate += (k ? " " : "") + word;
        // A comma inside the run ends the name ("Kari Nordmann, leder").
        if (k + 1 < n && !words[i + k].empty() && words[i + k].back() == ',') known = true;
      }
      if (!known && IsPersonName(candidate)) {
        if (!last) return candidate;
        found = candidate;
        i += n - 1;
        break;
      }
    }
  }
  return found;
}

// The value of a labelled field: after the label on the line, or the next line.
std::string FieldValue(const ReaderContext& rc, size_t i, std::string_view key) {
  std::string value = ValueAfterLabel(*rc.views[i].line, *rc.combined, key);
  // A label under a label ("Protokollführer:" / "Anw. Mitglieder:", a form
  // read column by column) is no value.
  if (value.empty() && i + 1 < rc.views.size()) value = std::string(Trim(rc.views[i + 1].line->text));
  if (!value.empty() && value.back() == ':') value.clear();
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

std::map<std::string, std::string> FormColumns(const ReaderContext& rc, const std::vector<size_t>& headings);
std::string FromCapitals(const std::string& phrase);
bool Capitalised(std::string_view word);
std::string StripPunctuation(std::string word);

void ReadPlaceAndReference(const ReaderContext& rc, const std::vector<size_t>& headings, Metadata& m) {
  const auto form = FormColumns(rc, headings);
  if (auto place = form.find("field.place"); place != form.end() && place->second.size() < 120) m.place = place->second;
  if (auto body = form.find("field.body"); body != form.end() && body->second.size() < 100) m.body = body->second;
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
      if (value.size() >= 2 && value.size() < 120) m.place = FromCapitals(value);
    }
    if (!m.reference && rc.combined->StartsWith("field.reference", lower)) {
      std::string value = ValueAfterLabel(*rc.views[i].line, *rc.combined, "field.reference");
      if (!value.empty() && value.size() < 40 && std::any_of(value.begin(), value.end(), ::isdigit)) m.reference = value;
    }
  }
}

// A form printed in two columns that the text layer reads one after the
// other: a run of bare labels ("Organ", "Sammanträdestid",
// "Sammanträdesplats", "Ärenden") and then as many values in the same order.
// Returns the value of each field key found so.
std::map<std::string, std::string> FormColumns(const ReaderContext& rc, const std::vector<size_t>& headings) {
  static const char* const kKeys[] = {"field.body",      "field.date",  "field.time",     "field.place",
                                      "field.reference", "field.chair", "field.secretary"};
  std::map<std::string, std::string> form;
  const size_t n = rc.views.size();
  size_t i = 0;
  while (i < n && IsHead(rc, headings, i)) {
    // The run of short lines from i, and which of them are bare field labels.
    std::vector<std::string> keys;
    size_t j = i, labels = 0;
    for (; j < n && segment::SplitWords(rc.views[j].line->text).size() <= 3; ++j) {
      const std::string lower = Lower(*rc.views[j].line);
      std::string key;
      // The title ("Protokoll") is no label of the form, whatever word it shares with one.
      for (const char* candidate : kKeys)
        if (rc.combined->StartsWith(candidate, lower) && rc.views[j].P(LineLabel::kTitle) < 0.5f &&
            ValueAfterLabel(*rc.views[j].line, *rc.combined, candidate).empty())
          key = candidate;
      if (key.empty() && FindDate(rc.views[j].line->text, *rc.combined, false)) break;  // a value, not a label
      labels += !key.empty();
      keys.push_back(key);
    }
    if (labels >= 2) {
      // Values start after the labels; where one value is a date or a time,
      // it anchors the pairing (the run may have swallowed a short value).
      size_t offset = keys.size();
      for (size_t a = 0; a < keys.size(); ++a) {
        if (keys[a] != "field.date" && keys[a] != "field.time") continue;
        size_t last_label = 0;
        for (size_t k = 0; k < keys.size(); ++k)
          if (!keys[k].empty()) last_label = k;
        for (size_t v = i + last_label + 1; v < std::min(n, i + 2 * keys.size() + 2); ++v) {
          const std::string& text = rc.views[v].line->text;
          if (FindDate(text, *rc.combined, false) || FindTimes(text, *rc.combined).start) {
            if (v > i + a) offset = v - i - a;
            break;
          }
        }
        break;
      }
      for (size_t k = 0; k < keys.size(); ++k)
        if (!keys[k].empty() && !form.count(keys[k]) && i + k + offset < n)
          form[keys[k]] = std::string(Trim(rc.views[i + k + offset].line->text));
      return form;
    }
    i = std::max(j, i + 1);
  }
  return form;
}

// The roles a signature line prints, in order ("ordförande protokollförare",
// "Chair      Secretary"): 'c' chair, 's' secretary; empty when the line
// holds anything else.
std::string RolesOnLine(const ReaderContext& rc, const std::string& lower) {
  std::string roles;
  size_t at = 0;
  while (at < lower.size()) {
    while (at < lower.size() && (lower[at] == ' ' || lower[at] == ',' || lower[at] == ':')) ++at;
    if (at >= lower.size()) break;
    const std::string_view rest(lower.c_str() + at, lower.size() - at);
    size_t chair = 0, secretary = 0, adjuster = 0;
    rc.combined->StartsWith("field.chair", rest, &chair);
    rc.combined->StartsWith("field.secretary", rest, &secretary);
    rc.combined->StartsWith("field.adjusters", rest, &adjuster);
    if (chair == 0 && secretary == 0 && adjuster == 0) return {};
    // An adjuster's column ("Vid protokollet  Ordförande  Justerare") holds a name for no officer.
    roles += adjuster > std::max(chair, secretary) ? 'x' : chair >= secretary ? 'c' : 's';
    at += std::max({chair, secretary, adjuster});
  }
  if (roles.find_first_not_of('x') == std::string::npos) return {};
  return roles;
}

// The names on a signature line, one per role: its cells when it has as
// many, else the words split evenly ("Emilia Haverinen Katarina Östman").
std::vector<std::string> NamesOnLine(const TextLine& line, size_t count) {
  std::vector<std::string> names;
  if (line.cells.size() + 1 == count) {
    size_t start = 0;
    for (const auto& cell : line.cells) {
      names.emplace_back(Trim(line.text.substr(start, cell.offset - start)));
      start = cell.offset;
    }
    names.emplace_back(Trim(line.text.substr(start)));
    return names;
  }
  const auto words = segment::SplitWords(line.text);
  if (count == 0 || words.size() % count != 0) return {};
  const size_t each = words.size() / count;
  for (size_t k = 0; k < count; ++k) {
    std::string name;
    for (size_t w = k * each; w < (k + 1) * each; ++w) name += (name.empty() ? "" : " ") + words[w];
    names.push_back(name);
  }
  return names;
}

// Signature blocks: a line of role words under (or over) a line of names,
// one name per role, in columns. Blocks after the last item first (where
// minutes are signed), then anywhere (a cover page's signatures).
void ReadSignatureColumns(const ReaderContext& rc, const std::vector<size_t>& headings, Metadata& m) {
  const size_t last = headings.empty() ? 0 : headings.back();
  for (int pass = 0; pass < 2; ++pass)
    for (size_t i = pass == 0 ? last : 0; i < (pass == 0 ? rc.views.size() : last); ++i) {
      const std::string lower(Trim(Lower(*rc.views[i].line)));
      const std::string roles = RolesOnLine(rc, lower);
      if (roles.empty() || roles.size() > 4) continue;
      for (size_t k : {i - 1, i + 1}) {
        if (k >= rc.views.size()) continue;
        const auto names = NamesOnLine(*rc.views[k].line, roles.size());
        // A signature may be garbled ("aria Terra"): each column on its own.
        if (names.size() != roles.size() || std::none_of(names.begin(), names.end(), [](const std::string& n) {
              return IsPersonName(n);
            }))
          continue;
        for (size_t r = 0; r < roles.size(); ++r) {
          if (roles[r] == 'x') continue;
          auto& slot = roles[r] == 'c' ? m.chair : m.secretary;
          if (!slot && IsPersonName(names[r])) slot = names[r];
        }
        break;
      }
    }
}

// A role printed with a qualifier before the officer's word ("Executive
// Secretary", "Board President"), unless the whole role is another member's
// ("Vice President", "Vice Chair" are roles.member values of their own).
bool RoleEndsInOfficer(const ReaderContext& rc, const std::string& role, std::string_view field) {
  size_t length = 0;
  if (rc.combined->StartsWith("roles.member", role, &length) && length == role.size() &&
      !rc.combined->StartsWith(field, role))
    return false;
  for (const auto& value : rc.combined->Values(field)) {
    if (value.empty() || value.back() == '*' || value.size() >= role.size()) continue;
    if (role.compare(role.size() - value.size(), value.size(), value) == 0 && role[role.size() - value.size() - 1] == ' ')
      return true;
  }
  return false;
}

// The chair named by role where the meeting is opened ("Chair Sandré
// Swanson called the meeting to order", "President Wasko called …",
// "Ordförande Carl Tönsgård öppnade mötet"): the capitalised words right
// after the chair's word, a surname alone when a lower-case word follows.
std::optional<std::string> ChairWhoOpened(const ReaderContext& rc) {
  for (size_t i = 0; i < rc.views.size(); ++i) {
    const std::string& text = rc.views[i].line->text;
    const std::string lower = ToLower(text);
    if (lower.size() != text.size() || !rc.combined->Contains("prose.open", lower)) continue;
    size_t length = 0;
    const size_t at = rc.combined->Find("field.chair", lower, &length);
    if (at == std::string::npos) continue;
    const auto words = segment::SplitWords(text.substr(at + length));
    std::string name;
    size_t n = 0;
    while (n < words.size() && n < 4 && Capitalised(words[n]) && !std::isdigit(static_cast<unsigned char>(words[n][0]))) {
      name += (n ? " " : "") + StripPunctuation(words[n]);
      if (words[n].back() == ',' || words[n].back() == '.') {
        ++n;
        break;
      }
      ++n;
    }
    const bool verb_follows = n < words.size() && !Capitalised(words[n]);
    if (n >= 2 && IsPersonName(name)) return name;
    if (n == 1 && verb_follows && name.size() >= 3) return name;
  }
  return std::nullopt;
}

// Chair and secretary: a labelled field, an attendee's role, prose, a signature.
void ReadOfficers(const ReaderContext& rc, const std::vector<size_t>& headings, Document& doc) {
  Metadata& m = doc.metadata;
  struct Officer {
    std::optional<std::string>* slot;
    std::string_view field, prose;
  };
  const auto form = FormColumns(rc, headings);
  for (Officer officer : {Officer{&m.chair, "field.chair", "prose.elected_chair"},
                          Officer{&m.secretary, "field.secretary", "prose.elected_secretary"}}) {
    if (auto value = form.find(std::string(officer.field)); value != form.end())
      if (IsPersonName(value->second)) *officer.slot = value->second;
    for (size_t i = 0; i < rc.views.size() && !*officer.slot; ++i) {
      const std::string lower = Lower(*rc.views[i].line);
      if (IsHead(rc, headings, i) && rc.combined->StartsWith(officer.field, lower))
        if (auto name = NameIn(rc, FieldValue(rc, i, officer.field))) *officer.slot = name;
    }
    // Any of the roles printed after the name ("Liisa Koski, hallintosihteeri, sihteeri").
    for (const auto& attendee : doc.attendees)
      if (!*officer.slot && attendee.role)
        for (const auto& role : segment::SplitOn(*attendee.role, ','))
          if (!*officer.slot && rc.combined->StartsWith(officer.field, ToLower(segment::Trim(role))))
            *officer.slot = attendee.name;
    for (const auto& attendee : doc.attendees)
      if (!*officer.slot && attendee.role && RoleEndsInOfficer(rc, ToLower(*attendee.role), officer.field))
        *officer.slot = attendee.name;
    for (size_t i = 0; i < rc.views.size() && !*officer.slot; ++i) {
      const std::string lower = Lower(*rc.views[i].line);
      size_t length = 0;
      const size_t at = rc.combined->Find(officer.prose, lower, &length);
      if (at == std::string::npos) continue;
      // "Anna Berg valdes till ordförande": the name before the words on the
      // line; "Til møteleder ble valgt Kari Nordmann" or an item "Valg av
      // møteleder" with the name in its text: after them, over two lines.
      const std::string& text = rc.views[i].line->text;
      if (auto name = NameIn(rc, text.substr(0, std::min(at, text.size())), /*last=*/true)) {
        *officer.slot = name;
        break;
      }
      std::string after = text.substr(std::min(at + length, text.size()));
      for (size_t k = i + 1; k < rc.views.size() && k <= i + 2; ++k) after += " " + rc.views[k].line->text;
      if (auto name = NameIn(rc, after)) *officer.slot = name;
    }
  }
  if (!m.chair) m.chair = ChairWhoOpened(rc);
  ReadSignatureColumns(rc, headings, m);
}

// An officer named as the attendance list names them: "Frostdahl-Blomqvist
// Siw" or "Mayor Johnson" is the attendee "Siw Frostdahl-Blomqvist".
void ResolveToAttendee(const Document& doc, std::optional<std::string>& officer) {
  if (!officer) return;
  const auto words = segment::SplitWords(*officer);
  for (const auto& attendee : doc.attendees) {
    if (attendee.name == *officer) return;
    const auto names = segment::SplitWords(attendee.name);
    if (names.size() < 2 || words.size() < 2) continue;
    // The same words in another order.
    auto sorted = [](std::vector<std::string> v) {
      std::sort(v.begin(), v.end());
      return v;
    };
    if (sorted(names) == sorted(words)) {
      officer = attendee.name;
      return;
    }
  }
}

bool Capitalised(std::string_view word) {
  if (word.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(word.front());
  if (c >= '0' && c <= '9') return true;  // "FB2", "2"
  const std::string first(word.substr(0, c < 0x80 ? 1 : c >= 0xE0 ? 3 : 2));
  return ToLower(first) != first;
}

std::string StripPunctuation(std::string word) {
  while (!word.empty() && std::string_view(",:;()\"").find(word.back()) != std::string_view::npos) word.pop_back();
  while (!word.empty() && std::string_view("(\"").find(word.front()) != std::string_view::npos) word.erase(0, 1);
  return word;
}

// "SAMEIET FB2" -> "Sameiet FB2": a name printed in capitals, in the case a
// sentence would give it (words with digits stay as printed).
std::string FromCapitals(const std::string& phrase) {
  if (ToUpper(phrase) != phrase) return phrase;
  std::string out;
  for (const auto& word : segment::SplitWords(phrase)) {
    const bool digits = std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
    std::string cased = digits ? word : ToLower(word);
    if (!digits && !cased.empty()) {
      const unsigned char c = static_cast<unsigned char>(cased.front());
      const size_t n = c < 0x80 ? 1 : c >= 0xE0 ? 3 : 2;
      cased = ToUpper(cased.substr(0, n)) + cased.substr(n);
    }
    out += (out.empty() ? "" : " ") + cased;
  }
  return out;
}

// An organisation's name on the line: a word of body.words ("förening",
// "Sameiet", "Council") with the capitalised words beside it ("Stenålderns
// samfällighetsförening", "Grundejerforeningen Borrehøj", "Hackzogtum Coburg
// e.V.", "Sameiet FB2"). Words of the document kind and dates end it.
std::optional<std::string> OrganisationIn(const ReaderContext& rc, const std::string& text) {
  const auto words = segment::SplitWords(text);
  for (size_t w = 0; w < words.size(); ++w) {
    std::string rest;
    for (size_t k = w; k < words.size(); ++k) rest += (k > w ? " " : "") + words[k];
    size_t length = 0;
    if (!rc.combined->StartsWith("body.words", ToLower(rest), &length)) continue;
    size_t end = w + 1;
    while (end < words.size() && ToLower(rest).size() > 0 &&
           std::string(rest).substr(0, length).find(' ') != std::string::npos && end - w < 3)
      ++end;  // a value of several words ("city council")
    auto stops = [&](const std::string& word) {
      const std::string lower = ToLower(StripPunctuation(word));
      return lower.empty() || rc.combined->StartsWith("doc.minutes", lower) ||
             rc.combined->StartsWith("doc.meeting", lower) ||
             rc.combined->StartsWith("doc.agenda", lower) || rc.combined->Month(lower) != 0 ||
             FindDate(word, *rc.language, rc.month_first).has_value();
    };
    // In a line of capitals every word is capitalised: the name goes back to
    // a short function word ("MINUTES OF THE ALAMEDA FREE LIBRARY BOARD").
    const bool capitals = ToUpper(text) == text;
    auto joins = [&](const std::string& word) {
      const std::string bare = StripPunctuation(word);
      const bool digit = std::any_of(bare.begin(), bare.end(), [](char c) { return c >= '0' && c <= '9'; });
      return !capitals || ((bare.size() > 3 || digit) && rc.combined->Month(ToLower(word)) == 0);
    };
    size_t begin = w;
    while (begin > 0 && Capitalised(words[begin - 1]) && joins(words[begin - 1]) && !stops(words[begin - 1]) &&
           words[begin - 1].back() != ',' && words[begin - 1].back() != ':' && w - begin < 3)
      --begin;
    while (end < words.size() && end - w < 4 && words[end - 1].back() != ',' && !stops(words[end]) &&
           joins(words[end]) &&
           (Capitalised(words[end]) || ToLower(words[end]) == "e.v.") &&
           !(words[end].back() == '.' && std::isdigit(static_cast<unsigned char>(words[end].front()))))
      ++end;
    // An address as a name ("Sameiet Folke Bernadottes vei 2", "Brf Storgatan 5"):
    // a street word and its number.
    auto is_number = [](const std::string& word) {
      return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (end > w + 1 && end + 1 < words.size() && !Capitalised(words[end]) && is_number(words[end + 1]))
      end += 2;
    std::string phrase;
    for (size_t k = begin; k < end; ++k) phrase += (k > begin ? " " : "") + words[k];
    phrase = StripPunctuation(phrase);
    // A lone common word ("styrelsen", "Board") names no one in particular.
    if (end - begin < 2 && !Capitalised(words[w])) continue;
    if (end - begin < 2 && ToUpper(phrase) == phrase) continue;
    if (phrase.size() >= 4 && phrase.size() < 80) return FromCapitals(phrase);
  }
  return std::nullopt;
}

// A label that ends at `length` is set off from its value by a colon, a
// column gap or a cell ("Committee: Finance", "Organ    Personalsektionen"),
// unlike a word that opens a sentence ("Board approval …", "COUNCIL CHAMBERS").
bool SetOff(const TextLine& line, size_t length) {
  if (length >= line.text.size()) return true;
  if (line.text.compare(length, 2, "  ") == 0 || line.text[length] == '\t') return true;
  for (const auto& cell : line.cells)
    if (cell.offset >= length && cell.offset <= length + 2) return true;
  const std::string_view rest = Trim(std::string_view(line.text).substr(length));
  return !rest.empty() && (rest.front() == ':' || rest.front() == '-');
}

// The body: the title block's words that are not the document kind or a date.
void ReadBody(const ReaderContext& rc, const std::vector<size_t>& headings, Metadata& m) {
  for (size_t i = 0; i < rc.views.size() && !m.body; ++i) {
    if (!IsHead(rc, headings, i)) continue;
    const std::string lower = Lower(*rc.views[i].line);
    size_t length = 0;
    if (rc.combined->StartsWith("field.body", lower, &length) && SetOff(*rc.views[i].line, length)) {
      const std::string value = ValueAfterLabel(*rc.views[i].line, *rc.combined, "field.body");
      if (value.size() >= 3 && value.size() < 100 && Capitalised(value)) m.body = value;
    }
  }
  if (m.body) return;
  // An organisation's name in the head, title lines first; a name of two
  // words or more ("Stenålderns samfällighetsförening") before a single word
  // ("Styrelsemöte").
  std::optional<std::string> single;
  for (int pass = 0; pass < 2 && !m.body; ++pass)
    for (size_t i = 0; i < rc.views.size() && i < 60 && !m.body; ++i) {
      const LineView& view = rc.views[i];
      const bool title = view.P(LineLabel::kTitle) >= 0.4f;
      if ((pass == 0) != title || (pass == 1 && !IsHead(rc, headings, i))) continue;
      const size_t words = segment::SplitWords(view.line->text).size();
      const std::string_view trimmed = Trim(view.line->text);
      const bool sentence = !trimmed.empty() && trimmed.back() == '.';
      if (!title && (words > 14 || (sentence && words > 6))) continue;  // prose
      auto found = OrganisationIn(rc, view.line->text);
      if (!found) continue;
      if (found->find(' ') != std::string::npos) m.body = found;
      else if (!single) single = found;
    }
  if (!m.body) m.body = single;
  if (m.body) return;
  const LineView* best = nullptr;
  for (size_t i = 0; i < rc.views.size() && i < 40; ++i) {
    const LineView& view = rc.views[i];
    if (view.line->page != rc.views.front().line->page || view.P(LineLabel::kTitle) < 0.4f) continue;
    if (best == nullptr || view.line->font_size > best->line->font_size + 0.5) best = &view;
  }
  // Without a line the model calls a title (plain text has no typography):
  // one of the first lines that opens with the document's kind ("REFERAT
  // Kultur- og Fritidsudvalget d. 05-03-2024", "Minutes of the Library Board").
  for (size_t i = 0; best == nullptr && i < rc.views.size() && i < 3; ++i) {
    size_t kind_length = 0;
    if (rc.combined->Find("doc.minutes", Lower(*rc.views[i].line), &kind_length) == 0 &&
        segment::SplitWords(rc.views[i].line->text).size() >= 2)
      best = &rc.views[i];
  }
  if (best == nullptr) return;
  std::string text = best->line->text;
  std::string lower = ToLower(text);
  size_t length = 0;
  const size_t kind = rc.combined->Find("doc.minutes", lower, &length);
  if (kind != std::string::npos && kind < 3) text = text.substr(kind + length), lower = lower.substr(kind + length);
  if (auto date = FindDate(text, *rc.language, rc.month_first)) text = text.substr(0, date->offset);
  // The word that introduced the date goes with it: "Kultur- og
  // Fritidsudvalget d. 05-03-2024", "Board of Trustees on May 5".
  for (auto words = segment::SplitWords(text); words.size() > 1;) {
    const std::string bare = StripPunctuation(words.back());
    if (bare.size() > 4 || (bare.size() > 3 && bare.back() != '.') || ToLower(bare) != bare) break;
    words.pop_back();
    text.clear();
    for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
  }
  text = std::string(Trim(text));
  while (!text.empty() && std::string_view(",:;-").find(text.back()) != std::string_view::npos) text.pop_back();
  text = std::string(Trim(text));
  // A form field ("Paikka Valtuustosali") the model took for a title names a place, not who met.
  const std::string first = ToLower(segment::FirstName(text));
  for (auto key : {"field.place", "field.date", "field.time", "field.reference"}) {
    size_t length = 0;
    if (rc.combined->StartsWith(key, first, &length) && length >= first.size()) return;
  }
  if (text.size() >= 3 && text.size() < 100) m.body = text;
}

// A running header repeats what the minutes are: "Lapuan kaupunki
// Pöytäkirja 5/2021" / "Ympäristölautakunta 26.10.2021". The reference is
// the number after the document's kind; the body the header line that
// ends with a date, without it. Layout removed these lines from
// the text and kept them per page.
void ReadFromRunningHeader(const ReaderContext& rc, Metadata& m) {
  const PageRecord* page = nullptr;
  for (const auto& p : rc.laid->pages)
    if (p.header && !p.header->empty()) {
      page = &p;
      break;
    }
  if (page == nullptr) return;
  for (const auto& line : segment::SplitOn(*page->header, '\n')) {
    const auto words = segment::SplitWords(line);
    for (size_t w = 0; !m.reference && w + 1 < words.size(); ++w) {
      const std::string lower = ToLower(words[w]);
      if (!rc.combined->StartsWith("doc.minutes", lower) && !rc.combined->StartsWith("doc.agenda", lower)) continue;
      const std::string& next = words[w + 1];
      const size_t slash = next.find('/');
      const bool digits_around = slash != std::string::npos && slash > 0 && slash + 1 < next.size() &&
                                 std::all_of(next.begin(), next.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '/'; });
      if (digits_around) m.reference = next;
    }
    if (m.body) continue;
    // The line ends with a date (the meeting's, or the notice's: "Kaupungin-
    // valtuusto 05.11.2025" over a meeting on the 10th).
    const auto date = FindDate(line, *rc.language, rc.month_first);
    if (!date || date->offset == 0 || date->offset + date->length + 1 < Trim(line).size()) continue;
    std::string organ(Trim(std::string_view(line).substr(0, date->offset)));
    const auto organ_words = segment::SplitWords(organ);
    const bool named = !organ_words.empty() && organ_words.size() <= 5 && Capitalised(organ_words.front()) &&
                       std::none_of(organ.begin(), organ.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    // "Regular Meeting of <date>" names the meeting, not who met.
    const std::string lower = ToLower(organ);
    const bool meeting = rc.combined->Contains("doc.meeting", lower) || rc.combined->StartsWith("doc.minutes", lower) ||
                         ToLower(organ_words.back()) == organ_words.back();
    if (named && !meeting) m.body = organ;
  }
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
  ResolveToAttendee(doc, m.chair);
  ResolveToAttendee(doc, m.secretary);
  ReadFromRunningHeader(rc, m);
  ReadBody(rc, headings, m);
  ReadNextMeeting(rc, m);
  for (const auto& view : rc.views)
    if (view.P(LineLabel::kTitle) >= 0.5f) {
      m.title = std::string(Trim(view.line->text));
      break;
    }
}

}  // namespace protokoll::reader
