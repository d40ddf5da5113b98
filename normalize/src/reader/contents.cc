// The document's own contents list as a guide to its items. Minutes that
// print a contents page or an agenda before the items name every item twice;
// where the heading itself is damaged (OCR reads "14 §" as "148") or plain
// (no number, body style), the contents entry says what it is, and lines
// that the contents do not name (an appendix's "6.1 Inledning") open no item.
// The guide is taken only when most entries are found again later.
#include <algorithm>
#include <optional>

#include "protokoll/text.h"
#include "reader/fuzzy.h"
#include "reader/generic_reader.h"
#include "reader/numbering.h"
#include "segment/common.h"

namespace protokoll::reader {
namespace {

struct Entry {
  size_t line;
  std::string number;
  std::string title;  // folded
};

bool LooksLikeContents(const LineView& view) {
  return view.P(LineLabel::kContents) >= 0.5f || view.Best() == LineLabel::kContents ||
         segment::HasDottedLeaders(view.line->text);
}

// "Title ........ 12" -> "Title".
std::string WithoutLeaders(std::string title) {
  const size_t dots = title.find("..");
  if (dots != std::string::npos) title.erase(dots);
  const size_t ellipsis = title.find("\u2026");
  if (ellipsis != std::string::npos) title.erase(ellipsis);
  return title;
}

std::optional<Entry> EntryAt(const ReaderContext& rc, size_t i) {
  const auto& number = rc.views[i].number;
  if (!number || number->number.empty()) return std::nullopt;
  std::string title = Fold(WithoutLeaders(number->title));
  // A trailing page number is no part of the title.
  while (!title.empty() && (std::isdigit(static_cast<unsigned char>(title.back())) || title.back() == ' '))
    title.pop_back();
  if (Tokens(title).empty()) return std::nullopt;
  return Entry{i, number->number, std::move(title)};
}

// The entries of the contents blocks: a block is a stretch of numbered lines
// (wrapped titles between them allowed) in which the labeller sees contents
// or leaders on at least one line; the model need not be sure of each line.
std::vector<Entry> ContentsEntries(const ReaderContext& rc) {
  std::vector<Entry> entries;
  const size_t n = rc.views.size();
  size_t i = 0;
  while (i < n) {
    if (!LooksLikeContents(rc.views[i]) || !EntryAt(rc, i)) {
      ++i;
      continue;
    }
    // Grow the block both ways over entries numbered in sequence (3, 4, 5),
    // wrapped titles between them allowed: the first real heading after the
    // contents ("18" for an OCR'd "1 §") breaks the sequence.
    auto value = [&](size_t j) { return rc.views[j].number->value; };
    size_t begin = i, end = i + 1, gap = 0;
    for (size_t j = i; j-- > 0 && gap <= 2;) {
      if (!EntryAt(rc, j)) ++gap;
      else if (value(j) + 1 == value(begin)) begin = j, gap = 0;
      else break;
    }
    gap = 0;
    for (size_t j = i + 1; j < n && gap <= 2; ++j) {
      if (!EntryAt(rc, j)) ++gap;
      else if (value(j) == value(end - 1) + 1) end = j + 1, gap = 0;
      else break;
    }
    // One contents list may break its sequence (an unnumbered "Vorstandswahlen"
    // for TOP 5): a block up to a dozen lines after the last one (numbers printed apart from their titles between) continues it; a
    // block further on (an appendix's list) is another list, and only the
    // first list guides.
    if (!entries.empty() && (begin > entries.back().line + 12 || value(begin) <= value(entries.back().line))) break;
    for (size_t j = begin; j < end; ++j)
      if (auto entry = EntryAt(rc, j)) entries.push_back(std::move(*entry));
    i = end;
  }
  return entries;
}

// The line opens the entry's item: its title (after whatever number it
// prints, right or garbled) is the entry's title.
// `folded` caches each line's folded title (after its number) across
// entries: folding goes through ICU and a long document has many entries.
bool OpensEntry(const ReaderContext& rc, size_t i, const Entry& entry, std::vector<std::optional<std::string>>& folded) {
  const LineView& view = rc.views[i];
  if (LooksLikeContents(view)) return false;
  const std::string& text = view.line->text;
  const auto& number = view.number;
  if (number && number->number == entry.number && number->title.empty()) return true;  // "§ 7" alone
  std::optional<std::string_view> garbled;
  if (!number || number->number != entry.number) garbled = AfterGarbledNumber(text, entry.number);
  if (!garbled && !folded[i]) folded[i] = Fold(number ? std::string_view(number->title) : std::string_view(text));
  const std::string title = garbled ? Fold(*garbled) : *folded[i];
  // A line much shorter than the entry only mentions its first words ("- Begrüßung").
  if (title.size() * 2 < std::min<size_t>(entry.title.size(), 30)) return false;
  return SameTitle(title, entry.title) && title.size() <= entry.title.size() + 80;
}

}  // namespace

std::vector<GuidedHeading> HeadingsFromContents(const ReaderContext& rc) {
  const std::vector<Entry> entries = ContentsEntries(rc);
  if (entries.size() < 3) return {};
  std::vector<GuidedHeading> found;
  std::vector<std::optional<std::string>> folded(rc.views.size());
  size_t from = entries.back().line + 1;
  for (const Entry& entry : entries) {
    for (size_t i = from; i < rc.views.size(); ++i) {
      if (!OpensEntry(rc, i, entry, folded)) continue;
      found.push_back({i, entry.number, entry.title});
      from = i + 1;
      break;
    }
  }
  // Most entries found again, in order: the contents describe these minutes.
  if (found.size() * 10 < entries.size() * 6) return {};
  return found;
}

}  // namespace protokoll::reader
