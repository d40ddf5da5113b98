// The word lists (normalize/lexicon/*.txt): every language defines every key
// of normalize/lexicon/KEYS, the files parse, and the lookups behave as the
// generic reader relies on (word starts, '*' prefixes, months).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "reader/lexicon.h"
#include "test_support.h"

namespace protokoll::reader {
namespace {

// Keys whose value may be empty in a language (none today).
bool MayBeEmpty(const std::string&) { return false; }

TEST(SegmentLexicon, EveryLanguageHasEveryKey) {
  const auto keys = LexiconKeys();
  ASSERT_GE(keys.size(), 50u);
  const auto languages = LexiconLanguages();
  for (const char* required : {"sv", "fi", "da", "nb", "nn", "en", "de", "fr"})
    EXPECT_NE(std::find(languages.begin(), languages.end(), required), languages.end()) << required;
  for (const auto& code : languages) {
    auto parsed = Lexicon::Parse(LexiconSource(code), code);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    for (const auto& key : keys) {
      EXPECT_TRUE(parsed->Has(key)) << code << " lacks " << key;
      if (!MayBeEmpty(key)) EXPECT_FALSE(parsed->Values(key).empty()) << code << " has no values for " << key;
    }
  }
}

TEST(SegmentLexicon, EmbeddedFilesMatchTheSourceTree) {
  // The build embeds normalize/lexicon/*.txt; a stale build would test old lists.
  for (const auto& code : LexiconLanguages()) {
    std::ifstream in(testing::SourceDir() + "/normalize/lexicon/" + code + ".txt", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), std::string(LexiconSource(code))) << code;
  }
}

TEST(SegmentLexicon, NoUnknownKeys) {
  const auto keys = LexiconKeys();
  for (const auto& code : LexiconLanguages()) {
    std::istringstream in{std::string(LexiconSource(code))};
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      const std::string key = line.substr(0, line.find(' '));
      EXPECT_NE(std::find(keys.begin(), keys.end(), key), keys.end()) << code << ": unknown key " << key;
    }
  }
}

TEST(SegmentLexicon, FindsValuesAtWordStarts) {
  auto lexicon = Lexicon::Parse("field.present = närvarande | til stede\nmonths.4 = april | apr\n"
                                "months.1 = tammikuu*\ndecision = beslut\n",
                                "xx");
  ASSERT_TRUE(lexicon.ok());
  size_t length = 0;
  EXPECT_TRUE(lexicon->StartsWith("field.present", "närvarande: anna berg", &length));
  EXPECT_EQ(length, std::string("närvarande").size());
  EXPECT_TRUE(lexicon->StartsWith("field.present", "til stede var", &length));
  EXPECT_FALSE(lexicon->StartsWith("field.present", "ej närvarande"));
  EXPECT_TRUE(lexicon->Contains("field.present", "ej närvarande"));
  EXPECT_FALSE(lexicon->Contains("decision", "beslutade"));  // whole words unless '*'
  EXPECT_TRUE(lexicon->Contains("decision", "styrelsens beslut: ja"));
  EXPECT_EQ(lexicon->Month("april"), 4);
  EXPECT_EQ(lexicon->Month("apr."), 4);
  EXPECT_EQ(lexicon->Month("tammikuuta"), 1);
  EXPECT_EQ(lexicon->Month("aprikos"), 0);
}

TEST(SegmentLexicon, RejectsALineWithoutEquals) {
  auto lexicon = Lexicon::Parse("field.date datum\n", "xx");
  EXPECT_FALSE(lexicon.ok());
}

TEST(SegmentLexicon, CombinedKnowsEveryLanguage) {
  const Lexicon& all = CombinedLexicon();
  EXPECT_EQ(all.Month("huhtikuuta"), 4);
  EXPECT_EQ(all.Month("desember"), 12);
  EXPECT_EQ(all.Month("dezember"), 12);
  EXPECT_TRUE(all.StartsWith("field.present", "anwesend:"));
  EXPECT_TRUE(all.StartsWith("field.present", "läsnä"));
  EXPECT_TRUE(all.StartsWith("field.chair", "møteleder:"));
}

}  // namespace
}  // namespace protokoll::reader
