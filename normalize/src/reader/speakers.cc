// Speakers: who a paragraph reports. In order: segment's shared attribution
// (a full attendee name opening the paragraph, "Anders berättar", honorific
// + surname), then a name printed before a reporting, proposal or seconding
// verb of the word lists ("Styreleder Kari Nordmann orienterte", "M. Prest
// reported", "Anna föreslog") resolved to an attendee by surname, initial or
// unique first name, else kept as printed; a role word before a verb
// ("Ordföranden informerade", "The Chair said") is the chair when known.
// Presenters come from a presenter field ("Föredragande: X").
#include <algorithm>
#include <cctype>

#include "protokoll/text.h"
#include "reader/generic_reader.h"
#include "segment/common.h"

namespace protokoll::reader {
namespace {

segment::SpeakerRules RulesFrom(const Lexicon& lexicon) {
  segment::SpeakerRules rules;
  for (auto key : {"verbs.report", "verbs.propose", "verbs.second"})
    for (const auto& verb : lexicon.Values(key))
      if (verb.find(' ') == std::string::npos && verb.back() != '*') rules.verbs.push_back(verb);
  return rules;
}

std::string Strip(std::string word) {
  while (!word.empty() && std::string_view(",.:;()\"").find(word.back()) != std::string_view::npos) word.pop_back();
  while (!word.empty() && std::string_view("(\"").find(word.front()) != std::string_view::npos) word.erase(0, 1);
  return word;
}

bool Capitalised(const std::string& word) {
  if (word.empty()) return false;
  const auto c = static_cast<unsigned char>(word[0]);
  const size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  const std::string first = word.substr(0, n);
  return ToLower(first) != first;
}

// "ønsket", "stated": a word that starts with a lower-case letter (not a
// digit or a sign: "Kristelig Folkeparti 19" is a table row).
bool StartsLowerWord(const std::string& word) {
  if (word.empty()) return false;
  const auto c = static_cast<unsigned char>(word[0]);
  if (c < 0x80) return c >= 'a' && c <= 'z';
  const size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  const std::string first = word.substr(0, n);
  return ToUpper(first) != first;
}

bool IsVerb(const ReaderContext& rc, const std::string& word) {
  const std::string lower = ToLower(Strip(word));
  for (auto key : {"verbs.report", "verbs.propose", "verbs.second"})
    if (rc.combined->StartsWith(key, lower)) {
      size_t length = 0;
      rc.combined->StartsWith(key, lower, &length);
      if (length == lower.size()) return true;
    }
  return false;
}

// How many words from `i` a role of the word lists covers ("Vice Mayor",
// "Board Member", "Ordföranden"); 0 when none starts there.
size_t RoleWordsAt(const ReaderContext& rc, const std::vector<std::string>& words, size_t i) {
  if (i >= words.size()) return 0;
  std::string rest;
  for (size_t k = i; k < words.size() && k < i + 3; ++k) {
    if (k > i) rest += ' ';
    rest += ToLower(Strip(words[k]));
  }
  size_t best = 0;
  for (auto key : {"roles.member", "roles.other", "field.chair", "field.secretary"}) {
    size_t length = 0;
    if (rc.combined->StartsWith(key, rest, &length)) best = std::max(best, length);
  }
  if (best == 0) return 0;
  // Whole words only, with a definite ending ("ordförande-n") allowed.
  size_t covered = 0, at = 0;
  while (at < rest.size() && covered < 3) {
    const size_t space = rest.find(' ', at);
    const size_t end = space == std::string::npos ? rest.size() : space;
    if (best + 2 < end) break;
    ++covered;
    if (best <= end + 2) break;
    at = end + 1;
  }
  return covered;
}

// The attendee a printed run of name words means: the full name, surname
// with a matching initial or first name, or a unique first name.
std::optional<std::string> Resolve(const std::vector<Attendee>& attendees, const std::vector<std::string>& run) {
  if (run.empty()) return std::nullopt;
  const std::string last = run.back();
  const std::string first = run.front();
  std::vector<const Attendee*> candidates;
  for (const auto& a : attendees) {
    const std::string a_last = segment::LastName(a.name), a_first = segment::FirstName(a.name);
    if (run.size() == 1) {
      if (a_first == first || a_last == first) candidates.push_back(&a);
    } else if (a_last == last && (a_first == first || (first.size() <= 2 && a_first.rfind(first.substr(0, 1), 0) == 0))) {
      candidates.push_back(&a);
    }
  }
  if (candidates.size() == 1) return candidates.front()->name;
  return std::nullopt;
}

// An initial keeps its period ("Florian O."): it is how the minutes name the person.
std::string NameWord(const std::string& word) {
  std::string stripped = Strip(word);
  if (stripped.size() == 1 && word.size() >= 2 && word[1] == '.') stripped += '.';
  return stripped;
}

std::string Joined(const std::vector<std::string>& run) {
  std::string out;
  for (const auto& word : run) out += (out.empty() ? "" : " ") + word;
  return out;
}

// "Florian O." and "Kari Nordmann" read as a person; "O." alone does not.
bool IsNameRun(const std::vector<std::string>& run) {
  if (run.size() < 2) return false;
  if (run.size() == 2 && run[1].size() == 2 && run[1][1] == '.' && run[0].size() >= 3) return true;
  return IsPersonName(Joined(run));
}

// The people the document names in full: attendees, chair and secretary.
std::vector<Attendee> KnownPeople(const Document& doc) {
  std::vector<Attendee> people = doc.attendees;
  for (const auto& officer : {doc.metadata.chair, doc.metadata.secretary})
    if (officer && officer->find(' ') != std::string::npos &&
        std::none_of(people.begin(), people.end(), [&](const Attendee& a) { return a.name == *officer; })) {
      Attendee person;
      person.name = *officer;
      people.push_back(person);
    }
  return people;
}

// Every word of `run` a common word of the document's language in lower
// case ("Havnens Perle", "Partiet Sentrum"): a noun phrase set in capitals
// as Danish and German set nouns, not a name ("Jørgen Foss": "jørgen" is
// no word). False without a dictionary, and for initials.
bool CommonWord(const ReaderContext& rc, const std::string& word) {
  const std::string lower = ToLower(word);
  return rc.dictionary_language.empty() || !rc.dictionary->HasLanguage(rc.dictionary_language)
             ? rc.dictionary->Knows(lower)
             : rc.dictionary->KnowsIn(lower, rc.dictionary_language);
}

bool AllCommonWords(const ReaderContext& rc, const std::vector<std::string>& run) {
  if (rc.dictionary == nullptr) return false;
  for (const auto& word : run)
    if (word.size() <= 2 || word.back() == '.' || !CommonWord(rc, word)) return false;
  return true;
}

// "I", "Enligt", "TS", "HI.": the run's first word is a common word or a
// short run of capitals — a sentence or a label begins there, not a first
// name (first names that are also words, "Björn", need a verb).
bool OpensSentence(const ReaderContext& rc, const std::string& word) {
  const std::string stripped = Strip(word);
  if (!stripped.empty() && stripped.size() <= 3 && ToUpper(stripped) == stripped) return true;
  return rc.dictionary != nullptr && word.back() != '.' && CommonWord(rc, word);
}

// A reporting verb among the `span` words from `i`.
bool VerbWithin(const ReaderContext& rc, const std::vector<std::string>& words, size_t i, size_t span) {
  for (size_t k = i; k < words.size() && k < i + span; ++k)
    if (IsVerb(rc, words[k])) return true;
  return false;
}

// A paragraph that is a contact line ("Mirva Korpi mirva.korpi@lapua.fi
// Ympäristöinsinööri") or a labelled field ("Postadress: PB 29", "Bilaga:
// Motion", "Esittelijä: Satu Kankare") names a person without reporting
// what they said.
bool ReportsNothing(std::string_view text) {
  const std::string_view head = text.substr(0, std::min<size_t>(text.size(), 120));
  if (head.find('@') != std::string_view::npos || head.find("www.") != std::string_view::npos) return true;
  // No word in lower case: a list of names or a table row ("Kati Lahnalampi
  // Ulla Tiitu", "Partiet Sentrum 6 2 8"). A short label ending in ':'
  // ("Stadsdirektör Martin Norrgårds förslag:") heads what follows.
  const auto words = segment::SplitWords(head);
  if (std::none_of(words.begin(), words.end(), [](const std::string& w) { return StartsLowerWord(w); })) return true;
  if (words.size() <= 6 && text.size() == head.size() && !words.empty() && words.back().back() == ':') return true;
  const size_t colon = head.find(':');
  if (colon == std::string_view::npos) return false;
  const auto before = segment::SplitWords(head.substr(0, colon));
  return !before.empty() && before.size() <= 2;
}

std::optional<std::string> FindSpeaker(const ReaderContext& rc, const Document& doc, std::string_view text,
                                       const segment::SpeakerRules& rules) {
  if (ReportsNothing(text)) return std::nullopt;
  if (auto who = segment::ExplicitSpeaker(text, doc.attendees, rules)) return who;
  const auto words = segment::SplitWords(text.substr(0, std::min<size_t>(text.size(), 200)));
  const std::vector<Attendee> people = KnownPeople(doc);
  for (size_t start = 0; start < 4 && start < words.size(); ++start) {
    size_t i = start;
    bool role = false;
    for (size_t covered; i < start + 4 && (covered = RoleWordsAt(rc, words, i)) > 0;) i += covered, role = true;
    std::vector<std::string> run;
    while (i < words.size() && run.size() < 4 && Capitalised(words[i]) && !IsVerb(rc, words[i]) &&
           (run.empty() || words[i - 1].back() != ',')) {
      run.push_back(NameWord(words[i]));
      ++i;
    }
    // A paragraph that opens with a person's name and goes on in lower case
    // ("Bjørg Fimreite ønsket…", "Ivan Chiu, Architect, stated…") reports
    // that person, whatever the verb: the word lists need not know it.
    // After a comma the apposition must lead to a reporting verb ("Ivan
    // Chiu, Architect, stated"): "Solveig Munk, Enhedslisten" and "Jan
    // Sjögren Ledamot, två år" are lists.
    const bool after_comma = !run.empty() && words[i - 1].back() == ',';
    const bool opens = start == 0 && !run.empty() && i < words.size() &&
                       (after_comma ? VerbWithin(rc, words, i, 5) : StartsLowerWord(words[i]));
    if (opens && IsNameRun(run)) {
      if (auto resolved = Resolve(people, run)) return resolved;
      // A name nobody in the document bears reports only with more evidence
      // than its place: a role before it or a reporting verb after it. Alone,
      // "Havnens Perle har…", "I Koski samlas…" (capitalised nouns, a
      // preposition) read the same as a person.
      if (role || IsVerb(rc, words[i]) || (!AllCommonWords(rc, run) && !OpensSentence(rc, run.front())))
        return Joined(run);
    }
    if (opens && run.size() == 1 && (role || !people.empty()))
      if (auto resolved = Resolve(people, run)) return resolved;
    if (i >= words.size() || !IsVerb(rc, words[i])) continue;
    if (run.empty() && role) {
      // "Ordföranden informerade": the chair, when the minutes name one.
      if (doc.metadata.chair && rc.combined->StartsWith("field.chair", ToLower(Strip(words[start]))))
        return doc.metadata.chair;
      continue;
    }
    if (run.empty()) continue;
    if (auto resolved = Resolve(people, run)) return resolved;
    if (run.size() >= 2 && IsPersonName(segment::Trim(std::string(run[0] + " " + run[1] + (run.size() > 2 ? " " + run[2] : "")))))
      return run.size() > 2 ? run[0] + " " + run[1] + " " + run[2] : run[0] + " " + run[1];
    // "Vice Mayor Gilmore stated": the surname as printed after a role.
    if (run.size() == 1 && (role || (people.empty() && start == 0))) return run[0];
  }
  return std::nullopt;
}

}  // namespace

void ReadSpeakers(const ReaderContext& rc, Document& doc) {
  static const segment::SpeakerRules rules = RulesFrom(CombinedLexicon());
  for (auto& item : doc.items) {
    std::optional<std::string> current;
    for (auto& paragraph : item.paragraphs) {
      const std::string lower = ToLower(paragraph.text.substr(0, 80));
      if (rc.combined->StartsWith("presenter", lower) && item.presenters.empty()) {
        std::string value = paragraph.text;
        const size_t colon = value.find(':');
        if (colon != std::string::npos && colon < 40) value = value.substr(colon + 1);
        for (const auto& piece : segment::SplitOn(value, ','))
          if (IsPersonName(piece)) {
            item.presenters.push_back(piece);
            break;
          }
        continue;
      }
      if (auto who = FindSpeaker(rc, doc, paragraph.text, rules)) {
        paragraph.speaker = *who, paragraph.speaker_source = "explicit";
        current = who;
      } else if (rc.combined->StartsWith("decision", lower)) {
        current.reset();  // a decision reports the body, not a person
      } else if (current) {
        paragraph.speaker = *current, paragraph.speaker_source = "continued";
      } else if (!item.presenters.empty()) {
        paragraph.speaker = item.presenters.front(), paragraph.speaker_source = "presenter";
      }
    }
  }
  for (auto& paragraph : doc.preamble)
    if (auto who = FindSpeaker(rc, doc, paragraph.text, rules)) paragraph.speaker = *who, paragraph.speaker_source = "explicit";
  segment::LearnRolesFromText(doc);
}

}  // namespace protokoll::reader
