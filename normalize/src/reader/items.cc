// Items from the labeller's heading lines: a heading is a line the model
// calls one; the numbering library reads its number (or none: typographic
// headings); a sequence check drops a number that runs backwards unless the
// model is sure. Titles continue over lines of the heading's own style.
#include <algorithm>
#include <cmath>
#include <map>

#include "protokoll/text.h"
#include "reader/fuzzy.h"
#include "reader/generic_reader.h"
#include "reader/numbering.h"
#include "segment/common.h"

namespace protokoll::reader {
namespace {

constexpr float kHeadingThreshold = 0.5f;

bool SameStyle(const TextLine& a, const TextLine& b) {
  return a.bold == b.bold && std::abs(a.font_size - b.font_size) < 0.6;
}

// The line continues the heading title above it rather than opening an item.
bool ContinuesTitle(const ReaderContext& rc, size_t previous, size_t i) {
  const TextLine& prev = *rc.views[previous].line;
  const TextLine& line = *rc.views[i].line;
  if (line.page != prev.page || line.first_on_page) return false;
  if (rc.views[i].number) return false;
  const double size = std::max(prev.font_size, 6.0);
  if (line.gap_before > 0.9 * size) return false;
  if (!SameStyle(prev, line)) return false;
  const std::string_view text = segment::Trim(prev.text);
  if (text.empty() || text.back() == '.' || text.back() == ':') return false;
  // A title wraps when its line is full; after a short one a line in capitals
  // opens text of its own ("3. Val av justerare" / "Fredrik väljs …").
  const std::string_view next = segment::Trim(line.text);
  const bool lower = !next.empty() && ToLower(next.substr(0, 1)) == next.substr(0, 1);
  const double width = rc.text_right - rc.laid->body_left;
  return lower || width <= 0 || prev.box.x1 >= rc.text_right - 0.25 * width;
}

// Whether a line with the model's heading probability `p` opens an item: the
// threshold, or a publisher profile's numbering (which lowers the bar for its
// own shapes and bars every other shape).
bool AcceptedByProfile(const ReaderContext& rc, const std::optional<ItemNumber>& number, float p) {
  const Profile* profile = rc.profile;
  if (profile == nullptr || profile->heading_shapes.empty()) return p >= kHeadingThreshold;
  if (!number) return profile->unnumbered_headings && p >= kHeadingThreshold;
  if (!profile->heading_shapes.count(number->shape)) return false;
  return p >= 0.2f && !number->title.empty();
}

// The document's item numbering, read from the sequence alone: the longest
// run of lines whose numbers of one shape go up by one (3, 4, 5…), each line
// opening with its number. Minutes number their items in one series through
// the document; list points inside an item make short runs, and a contents
// page's run is the model's to veto (its lines are labelled contents). The
// run is taken when it has at least `kMinimumRun` members and covers more of
// the document than a list would (or, `dense_allowed`, whatever it covers: a
// notice whose only structure is its agenda list). Returns the member lines
// (empty: none).
constexpr size_t kMinimumRun = 4;

std::vector<size_t> NumberedRun(const ReaderContext& rc, bool dense_allowed) {
  struct Candidate {
    size_t line;
    NumberShape shape;
    int value;
    float p;
  };
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < rc.views.size(); ++i) {
    const LineView& view = rc.views[i];
    if (view.P(LineLabel::kContents) > 0.5f || view.P(LineLabel::kSignature) > 0.5f) continue;
    const auto& number = view.number;
    if (!number || number->depth != 1 || number->value < 0 || number->shape == NumberShape::kLetter) continue;
    candidates.push_back({i, number->shape, number->value, view.P(LineLabel::kHeading)});
  }
  // score[k]: the best run ending at candidate k, each member weighing a
  // little for being there and more for the model's belief in it (so a long
  // agenda list the model doubts loses to the headings it trusts); from[k]
  // its predecessor.
  constexpr float kMemberWeight = 0.1f;
  constexpr float kMissingNumberCost = 0.15f;
  constexpr int kMaxStep = 4;
  const size_t n = candidates.size();
  std::vector<size_t> length(n, 1), from(n, n);
  std::vector<float> score(n);
  // The best run so far ending on each (shape, value): a candidate's
  // predecessor is one of the kMaxStep values below it, so the pass is
  // linear in the candidates (a city record numbers thousands of lines).
  std::map<std::pair<int, int>, size_t> best_ending;
  for (size_t k = 0; k < n; ++k) {
    score[k] = kMemberWeight + candidates[k].p;
    const int shape = static_cast<int>(candidates[k].shape);
    for (int step = 1; step <= kMaxStep; ++step) {
      // A few numbers may be missing from the text (a column the extractor
      // lost, items struck), at a cost per missing number.
      auto it = best_ending.find({shape, candidates[k].value - step});
      if (it == best_ending.end()) continue;
      const size_t j = it->second;
      const float gain = kMemberWeight + candidates[k].p - kMissingNumberCost * static_cast<float>(step - 1);
      if (score[j] + gain > score[k]) {
        length[k] = length[j] + 1;
        score[k] = score[j] + gain;
        from[k] = j;
      }
    }
    auto [it, fresh] = best_ending.emplace(std::pair{shape, candidates[k].value}, k);
    if (!fresh && score[k] >= score[it->second]) it->second = k;
  }
  size_t best = n;
  for (size_t k = 0; k < n; ++k)
    if (best == n || score[k] > score[best] || (score[k] == score[best] && length[k] > length[best])) best = k;
  if (best == n || length[best] < kMinimumRun) return {};
  std::vector<size_t> chain;  // candidate indices, first to last
  for (size_t k = best; k != n; k = from[k]) chain.push_back(k);
  std::reverse(chain.begin(), chain.end());
  std::vector<size_t> run;
  // The run's first item may follow a number the minutes skipped ("1.
  // Konstituering" before "3. Årsregnskap" when 2 was struck): one earlier
  // line of the shape, one or two below, that the model half believes.
  const Candidate& first = candidates[chain.front()];
  for (size_t k = 0; k < chain.front(); ++k) {
    const Candidate& c = candidates[k];
    if (c.shape == first.shape && (c.value == first.value - 1 || c.value == first.value - 2) && c.p >= 0.25f &&
        c.value >= 1) {
      run.push_back(c.line);
      break;
    }
  }
  for (size_t k : chain) run.push_back(candidates[k].line);
  // A list inside one item is dense; items spread over the document. A list
  // that continues an item's number ("1. Ekonomi" then points 2, 3, 4) has
  // most of its members on consecutive lines.
  if (dense_allowed) return run;
  const size_t span = run.back() - run.front();
  if (span < rc.views.size() / 5) return {};
  size_t adjacent = 0;
  for (size_t k = 1; k < run.size(); ++k) adjacent += run[k] == run[k - 1] + 1;
  if (adjacent * 2 > run.size() - 1) return {};
  return run;
}

// With a contents guide: its headings, and between them the headings the
// model is sure of whose numbering continues the guided one's ("TOP 5" that
// the contents printed without its number, "TOP 5.1" under it) — not an
// appendix's own numbering ("6.1 Inledning" inside § 20).
std::vector<size_t> GuidedHeadings(const ReaderContext& rc) {
  std::vector<size_t> headings;
  std::optional<ItemNumber> previous;
  size_t next = 0;
  const size_t last = rc.guided.back().line;
  for (size_t i = rc.guided.front().line; i <= last; ++i) {
    const auto& number = rc.views[i].number;
    if (next < rc.guided.size() && rc.guided[next].line == i) {
      headings.push_back(i);
      previous = number;
      ++next;
      continue;
    }
    if (!previous || !number || rc.views[i].P(LineLabel::kHeading) < kHeadingThreshold) continue;
    const bool continues = (number->shape == previous->shape && number->value == previous->value + 1) ||
                           (number->shape == NumberShape::kDecimal && number->value == previous->value) ||
                           (number->depth == 2 && number->value == previous->value && number->shape == previous->shape);
    if (!continues) continue;
    headings.push_back(i);
    previous = number;
  }
  return headings;
}

// The headings: the numbered run's lines, capitals sections and their
// sub-items, and the lines the model (or the profile) accepts.
std::vector<size_t> HeadingsAlongRun(const ReaderContext& rc, const std::vector<size_t>& numbered);

}  // namespace

std::vector<size_t> FindHeadings(const ReaderContext& rc) {
  if (!rc.guided.empty()) return GuidedHeadings(rc);
  std::vector<size_t> headings = HeadingsAlongRun(rc, NumberedRun(rc, false));
  // Little else: the document's numbered list, longer than what was found,
  // is its agenda (a notice: "1. Roll Call" … "7. Announcement").
  // Not when a heading numbered in the same shape stands outside it (the
  // list is then points inside an item: "1. Ekonomi" … "2. Övriga frågor").
  const std::vector<size_t> dense = NumberedRun(rc, true);
  if (dense.size() <= headings.size()) return headings;
  const NumberShape shape = rc.views[dense.front()].number->shape;
  for (size_t h : headings)
    if (rc.views[h].number && rc.views[h].number->shape == shape && !std::binary_search(dense.begin(), dense.end(), h))
      return headings;
  return HeadingsAlongRun(rc, dense);
}

namespace {

std::vector<size_t> HeadingsAlongRun(const ReaderContext& rc, const std::vector<size_t>& numbered) {
  // Capitals sections and their sub-items join the numbered run.
  const std::vector<size_t> sections = CapitalsSections(rc, numbered);
  std::vector<size_t> run = numbered;
  const std::vector<size_t> sub_numbered = SubItemsOfRun(rc, numbered);
  run.insert(run.end(), sub_numbered.begin(), sub_numbered.end());
  std::sort(run.begin(), run.end());
  if (!sections.empty()) {
    const std::vector<size_t> sub_items = SubItemsUnder(rc, sections);
    run.insert(run.end(), sections.begin(), sections.end());
    run.insert(run.end(), sub_items.begin(), sub_items.end());
    std::sort(run.begin(), run.end());
    run.erase(std::unique(run.begin(), run.end()), run.end());
  }
  size_t next_in_run = 0;
  std::vector<size_t> headings;
  int last_value = 0;
  NumberShape last_shape = NumberShape::kBare;
  bool have_numbered = false;
  for (size_t i = 0; i < rc.views.size(); ++i) {
    const LineView& view = rc.views[i];
    const float p = view.P(LineLabel::kHeading);
    const std::string_view text = segment::Trim(view.line->text);
    const auto& number = view.number;
    const bool in_run = next_in_run < run.size() && run[next_in_run] == i;
    if (in_run) ++next_in_run;
    if (!in_run && !AcceptedByProfile(rc, number, p)) continue;
    if (text.empty() || segment::IsPageLabelLine(text)) continue;
    if (!headings.empty() && headings.back() + 1 == i && ContinuesTitle(rc, headings.back(), i)) continue;
    if (number && number->depth == 1 && number->value >= 0) {
      // A number that runs backwards within the same numbering is a list
      // point or a reference, unless the model is sure.
      if (!in_run && have_numbered && number->shape == last_shape && number->value <= last_value && p < 0.9f)
        continue;
      last_value = number->value, last_shape = number->shape, have_numbered = true;
    }
    headings.push_back(i);
  }
  return headings;
}

// A paragraph that states a decision: it opens with a decision word
// ("Beslut:", "Vedtak:", "RESOLVED", "Päätös").
bool OpensDecision(const ReaderContext& rc, std::string_view text) {
  const std::string lower = ToLower(text.substr(0, std::min<size_t>(text.size(), 60)));
  size_t length = 0;
  if (!rc.combined->StartsWith("decision", lower, &length)) return false;
  // The word itself or with an ending ("beslutningen"), not a longer
  // compound: "Beslutningsforslag" (a motion) and "Beschlussvorlage" (a
  // draft) open no decision.
  size_t letters = 0;
  for (size_t i = length; i < lower.size() && letters <= 3; ++i) {
    const auto c = static_cast<unsigned char>(lower[i]);
    if (c == ' ' || c == ':' || c == '.' || c == ',' || c == ';' || c == '\n') break;
    if ((c & 0xC0) != 0x80) ++letters;
  }
  return letters <= 3;
}

// The paragraph is only a decision label ("Beslut:", "Vedtak"), its text follows.
bool IsBareLabel(std::string_view text) {
  text = segment::Trim(text);
  return text.size() < 40 && (text.empty() || text.back() == ':' || text.find(' ') == std::string_view::npos);
}

std::string StripTitle(std::string title) {
  while (!title.empty() && (title.back() == ':' || title.back() == ' ' || title.back() == '.')) title.pop_back();
  return title;
}

// "Recommendation to accept the Annual Review. Accepted": the outcome printed
// after the title's sentence belongs to the decision, not to the title.
std::string WithoutTrailingOutcome(const ReaderContext& rc, std::string title) {
  const size_t stop = title.rfind(". ");
  if (stop == std::string::npos) return title;
  const std::string tail = ToLower(segment::Trim(std::string_view(title).substr(stop + 2)));
  if (segment::SplitWords(tail).size() > 3) return title;
  for (auto key : {"outcome.adopted", "outcome.rejected", "outcome.tabled"})
    if (rc.combined->StartsWith(key, tail)) return title.substr(0, stop);
  return title;
}

}  // namespace

void BuildItems(const ReaderContext& rc, const std::vector<size_t>& headings, const HyphenationContext& context,
                Document& doc) {
  const auto& lines = rc.laid->lines;
  const size_t first = headings.empty() ? lines.size() : headings.front();
  doc.preamble = segment::BuildBodyParagraphs(std::span(lines).subspan(0, first), context);
  for (size_t k = 0; k < headings.size(); ++k) {
    const size_t h = headings[k];
    const size_t end = k + 1 < headings.size() ? headings[k + 1] : lines.size();
    const TextLine& line = lines[h];
    Item item;
    item.page = line.page;
    item.bbox = line.box;
    std::vector<std::string> title_lines;
    const auto& number = rc.views[h].number;
    if (number) {
      item.number = number->number;
      if (!number->title.empty()) title_lines.push_back(number->title);
    } else {
      title_lines.emplace_back(segment::Trim(line.text));
    }
    // The contents list's number wins over the heading's own (OCR'd "148" for
    // "14 §", "1958" for "195 §"), and its title says how long the title is.
    const GuidedHeading* guided = nullptr;
    for (const auto& g : rc.guided)
      if (g.line == h) guided = &g;
    if (guided) {
      if (!number || number->number != guided->number)
        if (auto after = AfterGarbledNumber(line.text, guided->number)) title_lines = {std::string(*after)};
      item.number = guided->number;
    }
    size_t j = h + 1;
    // A number alone on its line takes its title from the next line.
    if (title_lines.empty() && j < end) title_lines.emplace_back(segment::Trim(lines[j++].text));
    // A title as long as the contents entry's is complete when the next line
    // opens a sentence of its own ("I tur att justera …" under an OCR'd
    // heading of body style); a wrapped title goes on in lower case.
    auto complete = [&] {
      if (!guided || Fold(segment::JoinLines(title_lines, context)).size() < guided->title.size()) return false;
      const std::string_view next = segment::Trim(lines[j].text);
      return !next.empty() && ToLower(next.substr(0, 1)) != next.substr(0, 1);
    };
    while (j < end && j <= h + 3 && ContinuesTitle(rc, j - 1, j) && title_lines.front().size() < 160 && !complete())
      title_lines.emplace_back(segment::Trim(lines[j++].text));
    item.title = StripTitle(WithoutTrailingOutcome(rc, StripTitle(segment::JoinLines(title_lines, context))));
    item.paragraphs = segment::BuildBodyParagraphs(std::span(lines).subspan(j, end - j), context);
    size_t taken = item.paragraphs.size();  // the paragraph the last decision was read from
    for (size_t p = 0; p < item.paragraphs.size(); ++p) {
      if (p == taken || !OpensDecision(rc, item.paragraphs[p].text)) continue;
      // A bare label ("Beslutning", "Godkendt.") takes the next paragraph,
      // which is then not read a second time ("Beslutning" / "Godkendt.").
      taken = IsBareLabel(item.paragraphs[p].text) && p + 1 < item.paragraphs.size() ? p + 1 : p;
      // The presenter's line between the label and its text ("Päätös" /
      // "Esittelijä: …" / "Hyväksyi esityksen.") is not the decision.
      if (taken != p && taken + 1 < item.paragraphs.size() &&
          rc.combined->StartsWith("presenter", ToLower(item.paragraphs[taken].text.substr(0, 60))))
        ++taken;
      const Paragraph& source = item.paragraphs[taken];
      item.decisions.push_back(Decision{source.text, source.page, source.bbox});
    }
    doc.items.push_back(std::move(item));
  }
}

}  // namespace protokoll::reader
