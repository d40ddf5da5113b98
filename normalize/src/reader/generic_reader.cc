#include "reader/generic_reader.h"

#include <algorithm>

#include "protokoll/text.h"
#include "reader/numbering.h"
#include "segment/common.h"

namespace protokoll::reader {

LineLabel LineView::Best() const {
  int best = 0;
  for (int k = 1; k < kLineLabelCount; ++k)
    if (p[k] > p[best]) best = k;
  return static_cast<LineLabel>(best);
}

namespace {

// Without a model: layout-only estimates, so that a build without the
// committed model (or a model that does not fit) still finds numbered
// headings, fields and attendance lines.
void EstimateWithoutModel(ReaderContext& rc) {
  const auto& lines = rc.laid->lines;
  const double body = rc.laid->body_font_size > 0 ? rc.laid->body_font_size : 10;
  for (size_t i = 0; i < lines.size(); ++i) {
    auto& view = rc.views[i];
    const TextLine& line = lines[i];
    const std::string lower = ToLower(line.text);
    float* p = view.p;
    p[static_cast<int>(LineLabel::kOther)] = 0.5f;
    const auto& number = view.number;
    const bool emphasised = line.bold || line.font_size > body * 1.08 || line.gap_before > body * 0.8;
    if (number && number->shape != NumberShape::kLetter && !number->title.empty() && number->title.size() < 160)
      p[static_cast<int>(LineLabel::kHeading)] = emphasised ? 0.8f : 0.4f;
    if (line.text.find("....") != std::string::npos) p[static_cast<int>(LineLabel::kContents)] = 0.9f;
    for (auto key : {"field.date", "field.time", "field.place", "field.reference"})
      if (rc.combined->StartsWith(key, lower)) p[static_cast<int>(LineLabel::kMeta)] = 0.7f;
    for (auto key : {"field.present", "field.absent", "field.substitute", "field.other_present"})
      if (rc.combined->StartsWith(key, lower)) p[static_cast<int>(LineLabel::kAttendance)] = 0.7f;
  }
}

// "Antti Kaartinen, varajäsen": a member listed as present whose role is a
// substitute's (the word lists' field.substitute) sat in as a substitute.
void SubstitutesByRole(const ReaderContext& rc, Document& doc) {
  for (auto& attendee : doc.attendees) {
    if (attendee.status != "present" || !attendee.role) continue;
    const std::string role = ToLower(segment::Trim(*attendee.role));
    size_t length = 0;
    if (rc.combined->StartsWith("field.substitute", role, &length) && length + 2 >= role.size())
      attendee.status = "substitute";
  }
}

}  // namespace

ReaderContext MakeContext(const LaidOutDocument& laid, const LineLabeller* labeller, const std::string& language,
                          const Profile* profile) {
  ReaderContext rc;
  rc.profile = profile;
  rc.laid = &laid;
  rc.combined = &CombinedLexicon();
  const Lexicon* own = LexiconFor(language);
  rc.language = own ? own : rc.combined;
  rc.month_first = language == "en";
  rc.views.resize(laid.lines.size());
  std::vector<std::optional<ItemNumber>> numbers = ParseNumbers(laid, *rc.combined);
  for (size_t i = 0; i < laid.lines.size(); ++i) {
    rc.views[i].line = &laid.lines[i];
    rc.views[i].number = numbers[i];
  }
  std::vector<double> rights;
  rights.reserve(laid.lines.size());
  for (const auto& line : laid.lines) rights.push_back(line.box.x1);
  if (!rights.empty()) {
    auto at = rights.begin() + static_cast<long>(rights.size() * 9 / 10);
    std::nth_element(rights.begin(), at, rights.end());
    rc.text_right = *at;
  }
  if (labeller == nullptr) {
    EstimateWithoutModel(rc);
    return rc;
  }
  const std::vector<float> probabilities = labeller->Predict(LineFeatures(laid, numbers));
  for (size_t i = 0; i < rc.views.size() && (i + 1) * kLineLabelCount <= probabilities.size(); ++i)
    std::copy_n(&probabilities[i * kLineLabelCount], kLineLabelCount, rc.views[i].p);
  return rc;
}

bool IsPersonName(std::string_view text) { return segment::LooksLikePersonName(segment::Trim(text)); }

std::string ValueAfterLabel(const TextLine& line, const Lexicon& lexicon, std::string_view key) {
  const std::string lower = ToLower(line.text);
  size_t length = 0;
  if (!lexicon.StartsWith(key, lower, &length)) return {};
  std::string_view rest = std::string_view(line.text).substr(std::min(length, line.text.size()));
  rest = segment::Trim(rest);
  while (!rest.empty() && (rest.front() == ':' || rest.front() == '-' || rest.front() == '.')) rest = segment::Trim(rest.substr(1));
  return std::string(rest);
}

void ReadGeneric(const LaidOutDocument& laid, const HyphenationContext& context, const LineLabeller* labeller,
                 Document& doc, const Profile* profile) {
  if (profile && profile->language && doc.language.empty()) doc.language = *profile->language;
  ReaderContext rc = MakeContext(laid, labeller, doc.language, profile);
  rc.dictionary = context.dictionary;
  rc.dictionary_language = context.language.empty() ? doc.language : context.language;
  rc.guided = HeadingsFromContents(rc);
  const std::vector<size_t> headings = FindHeadings(rc);
  ReadAttendees(rc, headings, doc);
  SubstitutesByRole(rc, doc);
  NameOrderFromDocument(rc, doc);
  BuildItems(rc, headings, context, doc);
  ReadMetadata(rc, headings, doc);
  ReadSpeakers(rc, doc);
  if (profile && profile->body) doc.metadata.body = profile->body;
}

void ReadHeadOnly(const LaidOutDocument& laid, const LineLabeller* labeller, Document& doc) {
  ReaderContext rc = MakeContext(laid, labeller, doc.language);
  rc.guided = HeadingsFromContents(rc);
  const std::vector<size_t> headings = FindHeadings(rc);
  ReadAttendees(rc, headings, doc);
  SubstitutesByRole(rc, doc);
  NameOrderFromDocument(rc, doc);
  ReadMetadata(rc, headings, doc);
}

}  // namespace protokoll::reader
