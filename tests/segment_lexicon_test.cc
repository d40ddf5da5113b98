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

TEST(SegmentLexicon, OnePassMatchesAgreeWithEachLookUp) {
  // MatchLine answers every key of a line at once (the labeller's features);
  // it must give what Find and StartsWith give key by key.
  const Lexicon& all = CombinedLexicon();
  const std::vector<std::string> lines = {
      "närvarande: anna berg, ordförande, via teams", "§ 3 val av justerare", "– beslut: styrelsen beslutade att",
      "mötet öppnades kl. 19.05 av ordföranden", "anwesend: tagesordnungspunkt 2", "present: cllrs a, b and c",
      "\u2022 valg av møteleder og referent", "saapuvilla olleet jäsenet", "kokouksen puheenjohtajaksi valittiin",
      "", "...", "grundejerforeningen borrehøj 29. marts", "moved by smith, seconded by jones; motion carried"};
  int checked = 0;
  for (const auto& line : lines) {
    const auto matches = all.MatchLine(line);
    for (const auto& key : LexiconKeys()) {
      const int id = all.KeyId(key);
      ASSERT_GE(id, 0) << key;
      size_t one_length = 0, all_length = 0;
      EXPECT_EQ(all.Find(key, line, &one_length), matches.Find(id, &all_length)) << key << " in \"" << line << "\"";
      if (all.Find(key, line) != std::string_view::npos) EXPECT_EQ(one_length, all_length) << key << " in " << line;
      size_t starts_one = 0, starts_all = 0;
      EXPECT_EQ(all.StartsWith(key, line, &starts_one), matches.StartsWith(id, &starts_all)) << key << " in " << line;
      EXPECT_EQ(starts_one, starts_all) << key << " in " << line;
      ++checked;
    }
  }
  EXPECT_GT(checked, 500);
}

}  // namespace
}  // namespace protokoll::reader
