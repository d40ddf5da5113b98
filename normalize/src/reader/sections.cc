// Section headings set in capitals ("CONSENT CALENDAR", "NEW BUSINESS",
// "ADJOURNMENT") and the sub-items numbered under them ("A.", "B." again
// under each section): an agenda's outline as many English-language bodies
// print it, without numbers on its top level. The layout decides, not the
// words: a family of short lines in capitals standing apart from the prose,
// spread through the document. Where the document has its own numbered run,
// a capitals family that recurs inside most items is the items' template
// ("INDSTILLING FRA …" under every item), not a level above them.
//
// Written from the us-alameda gold documents (library board, historical
// advisory board, city council); figures for that source after this are not
// unseen ones.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <string>

#include "protokoll/text.h"
#include "reader/generic_reader.h"
#include "segment/common.h"

namespace protokoll::reader {
namespace {

constexpr size_t kMaxHeadingBytes = 80;
constexpr size_t kMaxHeadingWords = 10;
constexpr size_t kMinimumFamily = 3;

// Letters mostly in capitals, enough of them, and letters most of the line
// (not "NKBY/302/00.01.03.01/2022").
bool SetInCapitals(std::string_view text) {
  size_t letters = 0, upper = 0, visible = 0;
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    UChar32 c = 0;
    U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
    if (c < 0 || u_isspace(c)) continue;
    ++visible;
    if (!u_isalpha(c)) continue;
    ++letters;
    upper += u_isupper(c) ? 1 : 0;
  }
  return letters >= 4 && upper * 10 >= letters * 9 && letters * 2 >= visible;
}

// A short line in capitals that stands as a heading: not a label that
// introduces what follows ("AGENDA:", "VEDTAK:"), not a decision or field
// word, not what the model is sure is the title block, a field, contents
// or a signature.
bool CapitalsHeading(const ReaderContext& rc, size_t i) {
  const LineView& view = rc.views[i];
  const std::string_view text = segment::Trim(view.line->text);
  if (text.size() > kMaxHeadingBytes || segment::SplitWords(text).size() > kMaxHeadingWords) return false;
  if (text.back() == ':' || text.back() == ',' || !SetInCapitals(text)) return false;
  if (segment::IsPageLabelLine(text)) return false;
  for (auto label : {LineLabel::kTitle, LineLabel::kMeta, LineLabel::kContents, LineLabel::kSignature})
    if (view.P(label) > 0.5f) return false;
  const std::string lower = ToLower(text);
  for (auto key : {"decision", "field.date", "field.time", "field.place"})
    if (rc.combined->StartsWith(key, lower)) return false;
  return true;
}

// The document's first line of substance after its title block: the first
// line the model does not call title or field.
size_t AfterTitleBlock(const ReaderContext& rc) {
  for (size_t i = 0; i < rc.views.size(); ++i) {
    const LineLabel best = rc.views[i].Best();
    if (best != LineLabel::kTitle && best != LineLabel::kMeta) return i;
  }
  return rc.views.size();
}

}  // namespace

std::vector<size_t> CapitalsSections(const ReaderContext& rc, const std::vector<size_t>& run) {
  std::vector<size_t> family;
  for (size_t i = AfterTitleBlock(rc); i < rc.views.size(); ++i) {
    if (rc.views[i].number || !CapitalsHeading(rc, i)) continue;  // numbered lines are the numbering's
    // A heading wrapped over two lines is one heading.
    if (!family.empty() && family.back() + 1 == i && rc.views[i].line->page == rc.views[i - 1].line->page) continue;
    family.push_back(i);
  }
  if (family.size() < kMinimumFamily) return {};
  // Sections have names of their own: a line printed again and again
  // ("BALLERUP") or a first word most of them share ("BESLUTNINGSFORSLAG FRA
  // DD", "… FRA V") is a running label or a template, not a section.
  std::map<std::string, size_t> texts, first_words;
  for (size_t i : family) {
    const std::string lower = ToLower(segment::Trim(rc.views[i].line->text));
    ++texts[lower];
    ++first_words[segment::SplitWords(lower).front()];
  }
  std::erase_if(family, [&](size_t i) { return texts[ToLower(segment::Trim(rc.views[i].line->text))] > 1; });
  for (const auto& [word, count] : first_words)
    if (count * 2 > family.size()) return {};
  // An agenda's outline names standard sections ("ROLL CALL", "NEW
  // BUSINESS", "ÖVRIGA FRÅGOR": the word list's item.other_business);
  // a notice's parts ("MEETING INFORMATION") or a balance sheet's do not.
  size_t standard = 0;
  for (size_t i : family)
    standard += rc.combined->StartsWith("item.other_business", ToLower(segment::Trim(rc.views[i].line->text)));
  if (standard < 2 || family.size() < kMinimumFamily) return {};
  // Spread through the document, not one page's table of capitals.
  if (family.back() - family.front() < rc.views.size() / 4) return {};
  if (family.size() * 4 > rc.views.size()) return {};  // a document set in capitals
  if (!run.empty()) {
    // The items' own template: a capitals line between most pairs of
    // consecutive numbered items.
    size_t gaps_with = 0, f = 0;
    for (size_t k = 0; k + 1 < run.size(); ++k) {
      while (f < family.size() && family[f] < run[k]) ++f;
      gaps_with += f < family.size() && family[f] < run[k + 1];
    }
    if (gaps_with * 2 > run.size() - 1) return {};
    // Past the numbered run, only what closes it ("ADJOURNMENT"), not an
    // appendix's headings.
    const size_t reach = run.back() + (run.back() - run.front()) / std::max<size_t>(run.size() - 1, 1) * 2;
    std::erase_if(family, [&](size_t i) { return i > reach; });
  }
  return family;
}

namespace {

// The sub-number of "5a" (1), "5c" (3), "5.2" (2); 0 for anything else.
int SubIndex(const ItemNumber& number) {
  if (number.depth != 2 || number.number.empty()) return 0;
  const char last = number.number.back();
  if (last >= 'a' && last <= 'z') return last - 'a' + 1;
  const size_t dot = number.number.rfind('.');
  if (dot == std::string::npos || dot + 1 >= number.number.size()) return 0;
  return std::atoi(number.number.c_str() + dot + 1);
}

// Under each of the `parents`, up to the next: the lines whose position
// (`index` of their number, 0 for none) goes 1, 2, 3… in one shape.
template <typename Index>
std::vector<size_t> SequencesUnder(const ReaderContext& rc, const std::vector<size_t>& parents, Index index) {
  std::vector<size_t> items;
  for (size_t k = 0; k < parents.size(); ++k) {
    const size_t end = k + 1 < parents.size() ? parents[k + 1] : rc.views.size();
    std::optional<NumberShape> shape;
    int expected = 1;
    for (size_t i = parents[k] + 1; i < end; ++i) {
      const auto& number = rc.views[i].number;
      if (!number || number->title.empty() || index(*number, parents[k]) != expected) continue;
      if (shape && number->shape != *shape) continue;
      shape = number->shape;
      ++expected;
      items.push_back(i);
    }
  }
  return items;
}

}  // namespace

std::vector<size_t> SubItemsUnder(const ReaderContext& rc, const std::vector<size_t>& sections) {
  return SequencesUnder(rc, sections, [](const ItemNumber& number, size_t) { return number.depth == 1 ? number.value : 0; });
}

std::vector<size_t> SubItemsOfRun(const ReaderContext& rc, const std::vector<size_t>& run) {
  return SequencesUnder(rc, run, [&](const ItemNumber& number, size_t parent) {
    return number.value == rc.views[parent].number->value ? SubIndex(number) : 0;
  });
}

}  // namespace protokoll::reader
