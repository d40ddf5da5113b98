// Publisher profiles as data (reader/profile.h): every committed profile
// parses, detection follows its markers, and a profile's sources switch it
// off (leave-one-source-out).
#include <gtest/gtest.h>

#include "reader/profile.h"

namespace protokoll::reader {
namespace {

TEST(SegmentProfile, ParsesAllKeys) {
  auto profile = ParseProfile(
      "name = test-council\nwritten_from = xx-test\ndetect = test council | testrådet\n"
      "headings = section | keyword\nunnumbered_headings = no\nbody = Test Council\nlanguage = en\n");
  ASSERT_TRUE(profile.ok()) << profile.status().ToString();
  EXPECT_EQ(profile->name, "test-council");
  EXPECT_EQ(profile->written_from, std::vector<std::string>{"xx-test"});
  EXPECT_EQ(profile->detect.size(), 2u);
  EXPECT_EQ(profile->heading_shapes.size(), 2u);
  EXPECT_TRUE(profile->heading_shapes.count(NumberShape::kSection));
  EXPECT_FALSE(profile->unnumbered_headings);
  EXPECT_EQ(profile->body.value_or(""), "Test Council");  // printed case kept
  EXPECT_EQ(profile->language.value_or(""), "en");
}

TEST(SegmentProfile, RejectsBrokenProfiles) {
  EXPECT_FALSE(ParseProfile("detect = x\n").ok());                        // no name
  EXPECT_FALSE(ParseProfile("name = a\n").ok());                          // detects nothing
  EXPECT_FALSE(ParseProfile("name = a\ndetect = x\nheadings = zigzag\n").ok());  // unknown numbering
}

TEST(SegmentProfile, CommittedProfilesParse) {
  // EmbeddedProfiles() leaves a broken file out; the count shows it.
  size_t files = 0;
  for (const auto& profile : EmbeddedProfiles()) {
    ++files;
    EXPECT_FALSE(profile.written_from.empty()) << profile.name << " names no source (LOSO needs it)";
  }
  EXPECT_GE(files, 1u);
}

TEST(SegmentProfile, MatchesByMarkerUnlessItsSourceIsExcluded) {
  ASSERT_FALSE(EmbeddedProfiles().empty());
  const Profile& first = EmbeddedProfiles().front();
  TextLine line;
  line.text = "Protokoll " + first.detect.front();
  std::vector<TextLine> lines{line};
  EXPECT_EQ(MatchProfile(lines, {}), &first);
  EXPECT_EQ(MatchProfile(lines, first.written_from), nullptr);
  lines[0].text = "Nothing that any profile knows";
  EXPECT_EQ(MatchProfile(lines, {}), nullptr);
}

}  // namespace
}  // namespace protokoll::reader
