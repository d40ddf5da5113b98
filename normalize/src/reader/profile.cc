#include "reader/profile.h"

#include <algorithm>

#include "protokoll/text.h"
#include "reader/embedded_data.h"
#include "reader/lexicon.h"

namespace protokoll::reader {
namespace {

std::optional<NumberShape> ShapeNamed(std::string_view name) {
  static constexpr std::pair<std::string_view, NumberShape> kNames[] = {
      {"dotted", NumberShape::kDotted},   {"bare", NumberShape::kBare},   {"section", NumberShape::kSection},
      {"keyword", NumberShape::kKeyword}, {"decimal", NumberShape::kDecimal}, {"roman", NumberShape::kRoman},
      {"letter", NumberShape::kLetter},   {"case", NumberShape::kCase}};
  for (const auto& [n, shape] : kNames)
    if (n == name) return shape;
  return std::nullopt;
}

}  // namespace

Result<Profile> ParseProfile(std::string_view text) {
  // The profile syntax is the word lists' ("key = a | b"); reuse that parser.
  auto parsed = Lexicon::Parse(text, "profile");
  if (!parsed.ok()) return parsed.status();
  const Lexicon& fields = parsed.value();
  Profile profile;
  if (fields.Values("name").empty()) return Status(ErrorCode::kUnreadable, "profile without a name");
  profile.name = fields.Values("name").front();
  profile.written_from = fields.Values("written_from");
  profile.detect = fields.Values("detect");
  if (profile.detect.empty()) return Status(ErrorCode::kUnreadable, "profile " + profile.name + " detects nothing");
  for (const auto& name : fields.Values("headings")) {
    auto shape = ShapeNamed(name);
    if (!shape) return Status(ErrorCode::kUnreadable, "profile " + profile.name + ": unknown numbering " + name);
    profile.heading_shapes.insert(*shape);
  }
  if (!fields.Values("unnumbered_headings").empty())
    profile.unnumbered_headings = fields.Values("unnumbered_headings").front() != "no";
  // Values are lower-cased by the parser; the body keeps its printed case from the raw text.
  if (!fields.Values("body").empty()) {
    const size_t at = text.find("\nbody");
    std::string_view line = text.substr(at + 1, text.find('\n', at + 1) - at - 1);
    line = line.substr(line.find('=') + 1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    profile.body = std::string(line);
  }
  if (!fields.Values("language").empty()) profile.language = fields.Values("language").front();
  return profile;
}

const std::vector<Profile>& EmbeddedProfiles() {
  static const std::vector<Profile> profiles = [] {
    std::vector<Profile> out;
    for (size_t i = 0; i < data::kProfileCount; ++i) {
      auto profile = ParseProfile(data::kProfiles[i].second);
      // Checked by tests/segment_profile_test.cc; a broken file is left out.
      if (profile.ok()) out.push_back(std::move(profile.value()));
    }
    return out;
  }();
  return profiles;
}

const Profile* MatchProfile(std::span<const TextLine> lines, const std::vector<std::string>& excluded_sources) {
  std::string head;
  for (size_t i = 0; i < lines.size() && i < 60; ++i) head += ToLower(lines[i].text) + "\n";
  for (const auto& profile : EmbeddedProfiles()) {
    const bool excluded = std::any_of(profile.written_from.begin(), profile.written_from.end(), [&](const auto& s) {
      return std::find(excluded_sources.begin(), excluded_sources.end(), s) != excluded_sources.end();
    });
    if (excluded) continue;
    for (const auto& marker : profile.detect)
      if (head.find(marker) != std::string::npos) return &profile;
  }
  return nullptr;
}

}  // namespace protokoll::reader
