#include "reader/votes.h"

#include <cctype>

#include "protokoll/text.h"
#include "reader/lexicon.h"
#include "segment/common.h"

namespace protokoll::reader {
namespace {

int ReadInt(std::string_view s, size_t& i) {
  int value = 0, digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && digits < 4) value = value * 10 + (s[i++] - '0'), ++digits;
  return digits ? value : -1;
}

// The tally after a vote word: "Ayes: A, B and C" (names), "for: 7" or "for 7" (a count).
// `end` bounds the tally (the next vote word).
VoteTally TallyAfter(std::string_view text, size_t at, size_t end) {
  VoteTally tally;
  std::string_view rest = text.substr(at, end - at);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':' || rest.front() == '-')) rest.remove_prefix(1);
  const size_t stop = rest.find_first_of(".;\n");
  rest = rest.substr(0, stop);
  size_t i = 0;
  const int number = ReadInt(rest, i);
  if (number >= 0) {
    tally.count = number;
    return tally;
  }
  // "Daysog, Matarrese and Johnson - 3": the printed count after the names.
  std::optional<int> printed;
  for (std::string_view dash : {" - ", " \u2013 "}) {
    const size_t at_dash = rest.rfind(dash);
    if (at_dash == std::string_view::npos) continue;
    size_t k = at_dash + dash.size();
    const int value = ReadInt(rest, k);
    if (value >= 0) printed = value, rest = rest.substr(0, at_dash);
  }
  static constexpr std::string_view kNone[] = {"none", "ingen", "ei", "keine", "aucun", "ingen.", "none."};
  auto add = [&](std::string_view name) {
    name = segment::Trim(name);
    if (name.empty() || name.size() > 60 || segment::SplitWords(name).size() > 5) return;
    const std::string lower_name = ToLower(name);
    for (auto none : kNone)
      if (lower_name == none) return;
    tally.names.emplace_back(name);
  };
  for (auto& part : segment::SplitOn(rest, ',')) {
    std::string_view remaining = part;
    for (std::string_view joiner : {" and ", " og ", " och ", " und ", " ja "}) {
      const size_t j = remaining.find(joiner);
      if (j != std::string_view::npos) {
        add(remaining.substr(0, j));
        remaining = remaining.substr(j + joiner.size());
      }
    }
    add(remaining);
  }
  if (printed) {
    tally.count = printed;
    return tally;
  }
  const std::string lower_rest = ToLower(segment::Trim(rest));
  for (auto none : kNone)
    if (lower_rest == none) tally.count = 0;
  if (!tally.names.empty()) tally.count = static_cast<int>(tally.names.size());
  return tally;
}

std::optional<Vote> FindVote(const std::string& text, const Lexicon& lexicon) {
  const std::string lower = ToLower(text);
  if (lower.size() != text.size()) return std::nullopt;  // case folding changed lengths: offsets would not line up
  struct Hit {
    size_t at = std::string::npos, length = 0;
  } hits[3];
  const char* keys[3] = {"vote.for", "vote.against", "vote.abstain"};
  for (int k = 0; k < 3; ++k) hits[k].at = lexicon.Find(keys[k], lower, &hits[k].length);
  Vote vote;
  bool any = false;
  for (int k = 0; k < 3; ++k) {
    if (hits[k].at == std::string::npos) continue;
    const size_t start = hits[k].at + hits[k].length;
    // "12 for, 3 mot": the count before the word.
    if (hits[k].at >= 2 && lower[hits[k].at - 1] == ' ' && std::isdigit(static_cast<unsigned char>(lower[hits[k].at - 2]))) {
      size_t from = hits[k].at - 2;
      while (from > 0 && std::isdigit(static_cast<unsigned char>(lower[from - 1]))) --from;
      size_t i = from;
      VoteTally tally;
      tally.count = ReadInt(lower, i);
      (k == 0 ? vote.in_favour : k == 1 ? vote.against : vote.abstain) = tally;
      any = true;
      continue;
    }
    // Only a labelled tally ("Ayes:", "for: 7", "Nej 2") is a vote, not the word in prose.
    if (start >= lower.size() || !(lower[start] == ':' || (lower[start] == ' ' && start + 1 < lower.size() &&
                                                          std::isdigit(static_cast<unsigned char>(lower[start + 1])))))
      continue;
    size_t end = lower.size();
    for (int o = 0; o < 3; ++o)
      if (hits[o].at != std::string::npos && hits[o].at > hits[k].at) end = std::min(end, hits[o].at);
    VoteTally tally = TallyAfter(text, start, end);
    if (!tally.count.has_value() && tally.names.empty()) continue;
    (k == 0 ? vote.in_favour : k == 1 ? vote.against : vote.abstain) = tally;
    any = true;
  }
  // "carried 5-0", "(4-1-1)".
  if (!any && lexicon.Contains("outcome.adopted", lower) + lexicon.Contains("outcome.rejected", lower)) {
    for (size_t i = 0; i + 2 < lower.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(lower[i])) || (i && std::isdigit(static_cast<unsigned char>(lower[i - 1])))) continue;
      size_t j = i;
      const int a = ReadInt(lower, j);
      if (j + 1 >= lower.size() || lower[j] != '-' || !std::isdigit(static_cast<unsigned char>(lower[j + 1]))) continue;
      ++j;
      const int b = ReadInt(lower, j);
      if (a > 60 || b > 60 || (j < lower.size() && (lower[j] == '/' || lower[j] == '.'))) continue;
      vote.in_favour.count = a, vote.against.count = b;
      if (j + 1 < lower.size() && lower[j] == '-' && std::isdigit(static_cast<unsigned char>(lower[j + 1]))) {
        ++j;
        vote.abstain.count = ReadInt(lower, j);
      }
      return vote;
    }
  }
  if (!any) return std::nullopt;
  return vote;
}

// An outcome word that states what happened, not what a motion asks for:
// "that the agenda be approved" is the motion, "CARRIED" the outcome.
bool States(const Lexicon& lexicon, std::string_view key, std::string_view lower) {
  size_t length = 0;
  for (size_t from = 0; from < lower.size();) {
    const size_t at = lexicon.Find(key, lower.substr(from), &length);
    if (at == std::string_view::npos) return false;
    const size_t absolute = from + at;
    const std::string_view before = lower.substr(absolute >= 8 ? absolute - 8 : 0, absolute >= 8 ? 8 : absolute);
    if (!before.ends_with(" be ") && !before.ends_with(" to ") && !before.ends_with("shall ")) return true;
    from = absolute + std::max<size_t>(length, 1);
  }
  return false;
}

std::optional<std::string> OutcomeOf(const std::string& lower, const Lexicon& lexicon) {
  if (States(lexicon, "outcome.rejected", lower)) return "rejected";
  if (States(lexicon, "outcome.tabled", lower)) return "tabled";
  if (States(lexicon, "outcome.adopted", lower) || lexicon.Contains("vote.unanimous", lower)) return "adopted";
  return std::nullopt;
}

}  // namespace

void ReadDecisionOutcomes(Document& doc) {
  const Lexicon& lexicon = CombinedLexicon();
  for (auto& item : doc.items) {
    Decision* current = nullptr;
    for (const auto& paragraph : item.paragraphs) {
      const std::string lower = ToLower(paragraph.text);
      for (auto& decision : item.decisions)
        if (decision.text.rfind(paragraph.text.substr(0, 40), 0) == 0 || paragraph.text.rfind(decision.text.substr(0, 40), 0) == 0)
          current = &decision;
      auto vote = FindVote(paragraph.text, lexicon);
      auto outcome = OutcomeOf(lower, lexicon);
      if (current == nullptr && (vote || (outcome && lexicon.StartsWith("decision", lower)))) {
        item.decisions.push_back(Decision{paragraph.text, paragraph.page, paragraph.bbox});
        current = &item.decisions.back();
      }
      if (current == nullptr) continue;
      if (vote && !current->vote) current->vote = vote;
      if (outcome && !current->outcome) current->outcome = outcome;
      if (lexicon.Contains("dissent", lower))
        for (const auto& attendee : doc.attendees)
          if (!attendee.name.empty() && paragraph.text.find(attendee.name) != std::string::npos)
            current->dissent.push_back(attendee.name);
    }
  }
}

}  // namespace protokoll::reader
