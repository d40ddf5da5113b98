// Line features for the labeller: layout against the document's own body
// text (size, weight, indent, gaps, position), the line's shape (numbering,
// case, punctuation, length) and word-list evidence (field labels, roles,
// markers) from every language at once; plus the same few facts of the
// neighbouring lines. Features only, no decisions: the model labels.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <unordered_map>

#include "protokoll/labeller.h"
#include "protokoll/text.h"
#include "reader/dates.h"
#include "reader/generic_reader.h"
#include "reader/lexicon.h"
#include "reader/numbering.h"

namespace protokoll {
namespace {

using reader::Lexicon;

// Feature names, in column order. Append only at the end when adding (the
// model file records their count; scripts/train-labeller.sh retrains).
const std::vector<std::string>& Names() {
  static const std::vector<std::string> names = {
      "font_ratio", "bold", "ocr", "indent", "width_ratio", "gap_before", "gap_after", "first_on_page",
      "rel_y", "rel_page", "first_page", "log_chars", "words", "caps_ratio", "digit_ratio", "title_case_ratio",
      "ends_colon", "ends_period", "ends_digit", "has_colon", "numbered", "number_shape", "number_value",
      "number_depth", "number_sequence", "number_title_len", "has_date", "has_time", "label_date", "label_time",
      "label_place", "label_present", "label_absent", "label_substitute", "label_other_present", "label_chair",
      "label_secretary", "label_adjusters", "label_reference", "label_next", "role_word", "name_pairs", "commas",
      "decision_start", "verb_report", "verb_propose", "signature_start", "doc_minutes", "doc_agenda",
      "contents_word", "dotted_leaders", "appendix_word", "table_row", "cells", "repeats", "page_label",
      "other_business", "prose_open_close", "remote_word", "prev_font_ratio", "prev_bold", "prev_numbered",
      "prev_gap", "next_font_ratio", "next_bold", "next_numbered", "next_label_like", "line_index_rel",
      "before_first_numbered", "same_shape_count", "vote_word", "presenter_label"};
  return names;
}

struct PageGeometry {
  double top = 1e9, bottom = 0, left = 1e9, right = 0;
};

double Clamp(double v, double lo, double hi) { return std::max(lo, std::min(hi, v)); }

int CountCodePoints(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

struct Shape {
  double caps = 0, digits = 0, title_case = 0;
  int words = 0, name_pairs = 0, commas = 0;
};

Shape ShapeOf(const std::string& text, const std::string& lower) {
  Shape shape;
  int letters = 0, upper = 0, digits = 0, visible = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;
    if (c != ' ') ++visible;
    if (c >= '0' && c <= '9') ++digits;
    if (c == ',') ++shape.commas;
    const bool letter = std::isalpha(c) || c >= 0xC0;
    if (letter) {
      ++letters;
      if (text[i] != lower[std::min(i, lower.size() - 1)]) ++upper;
    }
  }
  shape.caps = letters ? double(upper) / letters : 0;
  shape.digits = visible ? double(digits) / visible : 0;
  // Words starting upper-case, and runs of two such words (a name).
  int capitalised = 0, run = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i == start) break;
    ++shape.words;
    const bool cap = text.compare(start, i - start, lower, start, i - start) != 0 &&
                     (std::isalpha(static_cast<unsigned char>(text[start])) ||
                      static_cast<unsigned char>(text[start]) >= 0xC0) &&
                     text[start] != lower[start];
    if (cap) {
      ++capitalised;
      if (++run == 2) ++shape.name_pairs;
    } else {
      run = 0;
    }
  }
  shape.title_case = shape.words ? double(capitalised) / shape.words : 0;
  return shape;
}

// Key ids of the combined lexicon, resolved once.
struct Keys {
  explicit Keys(const Lexicon& lexicon) {
    for (std::string_view key : {"field.date", "field.time", "field.place", "field.present", "field.absent",
                                 "field.substitute", "field.other_present", "field.chair", "field.secretary",
                                 "field.adjusters", "field.reference", "field.next_meeting"})
      fields.push_back(lexicon.KeyId(key));
    auto id = [&](std::string_view key) { return lexicon.KeyId(key); };
    roles_member = id("roles.member"), roles_other = id("roles.other"), decision = id("decision");
    verbs_report = id("verbs.report"), verbs_propose = id("verbs.propose"), verbs_second = id("verbs.second");
    signature = id("signature"), doc_minutes = id("doc.minutes"), doc_agenda = id("doc.agenda");
    doc_notice = id("doc.notice"), contents = id("contents"), appendix = id("appendix");
    other_business = id("item.other_business"), prose_open = id("prose.open"), prose_close = id("prose.close");
    remote = id("remote"), vote_for = id("vote.for"), vote_against = id("vote.against"), presenter = id("presenter");
  }
  std::vector<int> fields;
  int roles_member, roles_other, decision, verbs_report, verbs_propose, verbs_second, signature, doc_minutes,
      doc_agenda, doc_notice, contents, appendix, other_business, prose_open, prose_close, remote, vote_for,
      vote_against, presenter;
};

double LabelAt(const Lexicon::LineMatches& matches, int key, const std::string& lower) {
  size_t length = 0;
  if (!matches.StartsWith(key, &length)) return 0;
  // A label is followed by ':' or a cell gap, or ends the line.
  std::string_view rest(lower);
  rest.remove_prefix(std::min(length, rest.size()));
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.empty()) return 1.0;
  if (rest.front() == ':') return 1.0;
  return 0.5;
}

}  // namespace

int LineFeatureCount() { return static_cast<int>(Names().size()); }
std::vector<std::string> LineFeatureNames() { return Names(); }

std::vector<float> LineFeatures(const LaidOutDocument& laid) {
  return reader::LineFeatures(laid, reader::ParseNumbers(laid, reader::CombinedLexicon()));
}

namespace reader {

std::vector<std::optional<ItemNumber>> ParseNumbers(const LaidOutDocument& laid, const Lexicon& lexicon) {
  std::vector<std::optional<ItemNumber>> numbers(laid.lines.size());
  for (size_t i = 0; i < laid.lines.size(); ++i) numbers[i] = ParseItemNumber(laid.lines[i].text, lexicon);
  return numbers;
}

std::vector<float> LineFeatures(const LaidOutDocument& laid, const std::vector<std::optional<ItemNumber>>& numbers) {
  const Lexicon& lexicon = reader::CombinedLexicon();
  static const Keys keys(lexicon);
  const auto& lines = laid.lines;
  const size_t columns = Names().size();
  std::vector<float> out(lines.size() * columns, 0.0f);
  if (lines.empty()) return out;

  std::map<int, PageGeometry> pages;
  double text_left = 1e9, text_right = 0;
  std::unordered_map<std::string, int> repeats;
  for (const auto& line : lines) {
    auto& page = pages[line.page];
    page.top = std::min(page.top, line.box.y0);
    page.bottom = std::max(page.bottom, line.box.y1);
    page.left = std::min(page.left, line.box.x0);
    page.right = std::max(page.right, line.box.x1);
    text_left = std::min(text_left, line.box.x0);
    text_right = std::max(text_right, line.box.x1);
    ++repeats[line.text];
  }
  const int last_page = lines.back().page;
  const double body = laid.body_font_size > 0 ? laid.body_font_size : 10.0;
  const double text_width = std::max(1.0, text_right - text_left);

  std::vector<std::string> lowers(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) lowers[i] = ToLower(lines[i].text);
  // Numbering of every line first: the sequence and neighbour features need it.
  std::map<int, int> shape_counts;
  size_t first_numbered = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (numbers[i]) {
      ++shape_counts[static_cast<int>(numbers[i]->shape)];
      first_numbered = std::min(first_numbered, i);
    }
  }
  auto font_ratio = [&](const TextLine& line) { return Clamp(line.font_size / body, 0, 4); };

  for (size_t i = 0; i < lines.size(); ++i) {
    const TextLine& line = lines[i];
    const std::string& lower = lowers[i];
    const Lexicon::LineMatches matches = lexicon.MatchLine(lower);
    const Shape shape = ShapeOf(line.text, lower);
    const auto& page = pages[line.page];
    const auto& number = numbers[i];
    float* f = &out[i * columns];
    int c = 0;
    const double page_height = std::max(1.0, page.bottom - page.top);
    const TextLine* next = i + 1 < lines.size() ? &lines[i + 1] : nullptr;
    const TextLine* prev = i > 0 ? &lines[i - 1] : nullptr;
    f[c++] = font_ratio(line);
    f[c++] = line.bold;
    f[c++] = line.ocr;
    f[c++] = Clamp((line.box.x0 - laid.body_left) / body, -20, 40);
    f[c++] = Clamp((line.box.x1 - line.box.x0) / text_width, 0, 1.5);
    f[c++] = Clamp(line.gap_before / body, -2, 10);
    f[c++] = next && next->page == line.page ? Clamp(next->gap_before / body, -2, 10) : 10;
    f[c++] = line.first_on_page;
    f[c++] = Clamp((line.box.y0 - page.top) / page_height, 0, 1);
    f[c++] = last_page > 1 ? double(line.page - 1) / (last_page - 1) : 0;
    f[c++] = line.page == lines.front().page;
    f[c++] = std::log1p(CountCodePoints(line.text));
    f[c++] = shape.words;
    f[c++] = shape.caps;
    f[c++] = shape.digits;
    f[c++] = shape.title_case;
    const char last = line.text.empty() ? ' ' : line.text.back();
    f[c++] = last == ':';
    f[c++] = last == '.';
    f[c++] = last >= '0' && last <= '9';
    f[c++] = line.text.find(':') != std::string::npos;
    f[c++] = number.has_value();
    f[c++] = number ? static_cast<int>(number->shape) + 1 : 0;
    f[c++] = number ? Clamp(number->value, -1, 100) : -1;
    f[c++] = number ? number->depth : 0;
    // Another line later carries the next number of the same shape.
    float sequence = 0;
    if (number && number->value >= 0) {
      for (size_t j = i + 1; j < lines.size() && j < i + 400; ++j)
        if (numbers[j] && numbers[j]->shape == number->shape && numbers[j]->value == number->value + 1 &&
            numbers[j]->depth == number->depth) {
          sequence = 1;
          break;
        }
      if (number->value == 1) sequence += 0.5f;
    }
    f[c++] = sequence;
    f[c++] = number ? std::log1p(CountCodePoints(number->title)) : 0;
    f[c++] = reader::FindDate(line.text, lexicon, false, 2000).has_value();
    f[c++] = reader::FindTimes(line.text, lexicon).start.has_value();
    for (int key : keys.fields) f[c++] = LabelAt(matches, key, lower);
    f[c++] = matches.Contains(keys.roles_member) || matches.Contains(keys.roles_other);
    f[c++] = shape.name_pairs;
    f[c++] = shape.commas;
    f[c++] = matches.StartsWith(keys.decision);
    f[c++] = matches.Contains(keys.verbs_report);
    f[c++] = matches.Contains(keys.verbs_propose) || matches.Contains(keys.verbs_second);
    f[c++] = matches.StartsWith(keys.signature);
    f[c++] = matches.Contains(keys.doc_minutes);
    f[c++] = matches.Contains(keys.doc_agenda) || matches.Contains(keys.doc_notice);
    f[c++] = matches.StartsWith(keys.contents);
    f[c++] = line.text.find("....") != std::string::npos || line.text.find(". . .") != std::string::npos;
    f[c++] = matches.StartsWith(keys.appendix);
    f[c++] = line.table_row;
    f[c++] = static_cast<float>(line.cells.size());
    f[c++] = std::min(repeats[line.text], 10);
    f[c++] = CountCodePoints(line.text) <= 12 && shape.digits > 0.3;
    f[c++] = matches.Contains(keys.other_business);
    f[c++] = matches.Contains(keys.prose_open) || matches.Contains(keys.prose_close);
    f[c++] = matches.Contains(keys.remote);
    f[c++] = prev ? font_ratio(*prev) : 0;
    f[c++] = prev ? prev->bold : 0;
    f[c++] = i > 0 && numbers[i - 1].has_value();
    f[c++] = prev ? Clamp(prev->gap_before / body, -2, 10) : 10;
    f[c++] = next ? font_ratio(*next) : 0;
    f[c++] = next ? next->bold : 0;
    f[c++] = i + 1 < lines.size() && numbers[i + 1].has_value();
    f[c++] = next ? (next->text.find(':') != std::string::npos) : 0;
    f[c++] = double(i) / lines.size();
    f[c++] = i < first_numbered;
    f[c++] = number ? std::min(shape_counts[static_cast<int>(number->shape)], 60) : 0;
    f[c++] = matches.Contains(keys.vote_for) && matches.Contains(keys.vote_against);
    f[c++] = LabelAt(matches, keys.presenter, lower);
  }
  return out;
}

}  // namespace reader
}  // namespace protokoll
