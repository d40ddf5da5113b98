// Stemmed search (issue 11, finding 3): the Swedish test set in
// tests/data/search_stemming_sv.tsv, written from the corpus, and one word in
// each other language with a stemmer, each paragraph stemmed in its page's
// language.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "protokoll/store.h"
#include "test_support.h"

namespace protokoll {
namespace {

struct Pair {
  std::string query, form, paragraph;
};

std::vector<Pair> LoadPairs() {
  std::ifstream in(testing::SourceDir() + "/tests/data/search_stemming_sv.tsv");
  std::vector<Pair> pairs;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    Pair p;
    std::getline(fields, p.query, '\t');
    std::getline(fields, p.form, '\t');
    std::getline(fields, p.paragraph);
    pairs.push_back(std::move(p));
  }
  return pairs;
}

std::string Id(size_t n) {
  std::string digits = std::to_string(n);
  return "57" + std::string(62 - digits.size(), '0') + digits;
}

// One document per paragraph, its page (and the document) in `language`.
Document Doc(size_t n, const std::string& text, const std::string& language) {
  Document d;
  d.id = Id(n);
  d.source = SourceInfo{"doc" + std::to_string(n) + ".pdf", 1000, "application/pdf", 1};
  d.pipeline_version = "0.1.0";
  d.language = language;
  d.pages.push_back(PageRecord{1, std::nullopt, "text", std::nullopt, std::nullopt, std::nullopt, "", language});
  Item item;
  item.number = "1";
  item.title = "Rubrik";  // titles are indexed too: a word of no query
  item.page = 1;
  Paragraph p;
  p.text = text;
  p.page = 1;
  item.paragraphs.push_back(std::move(p));
  d.items.push_back(std::move(item));
  return d;
}

class StoreStemmingTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::MakeTempDir("store_stemming_test"); }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  void Open() {
    auto s = Store::Open(dir_, StoreOptions{});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  // Whether searching `query` finds document n.
  bool Finds(const std::string& query, size_t n, std::optional<std::string> language = std::nullopt) {
    SearchQuery q;
    q.text = query;
    q.limit = 1000;
    q.language = std::move(language);
    auto hits = store_->Search(q);
    EXPECT_TRUE(hits.ok());
    if (!hits.ok()) return false;
    for (const auto& h : *hits)
      if (h.doc_id == Id(n)) return true;
    return false;
  }
  std::string dir_;
  std::unique_ptr<Store> store_;
};

// Every query finds its paragraph, which holds the word only in another
// inflection; without stemming (paragraphs of unknown language) none does.
TEST_F(StoreStemmingTest, SwedishInflectionsFindTheirParagraphs) {
  const std::vector<Pair> pairs = LoadPairs();
  ASSERT_GE(pairs.size(), 40u);
  for (const std::string language : {"sv", ""}) {
    SCOPED_TRACE("paragraph language '" + language + "'");
    TearDown();
    SetUp();
    Open();
    for (size_t i = 0; i < pairs.size(); ++i) ASSERT_TRUE(store_->Put(Doc(i, pairs[i].paragraph, language)).ok());
    size_t found = 0;
    std::string misses;
    for (size_t i = 0; i < pairs.size(); ++i) {
      if (Finds(pairs[i].query, i)) ++found;
      else misses += " " + pairs[i].query + "->" + pairs[i].form;
    }
    if (language == "sv") {
      EXPECT_EQ(found, pairs.size()) << "missed:" << misses;
      // The inflected form itself still finds its paragraph.
      for (size_t i = 0; i < pairs.size(); ++i) EXPECT_TRUE(Finds(pairs[i].form, i)) << pairs[i].form;
    } else {
      EXPECT_EQ(found, 0u) << "the set tests stemming: no paragraph holds its query word as it is; found all but" << misses;
    }
  }
}

// Each language with a stemmer, on pages of that language in one document;
// --lang restricts the query's stemming to one language.
TEST_F(StoreStemmingTest, EachPageIsStemmedInItsLanguage) {
  struct Case {
    std::string language, text, query;
  };
  const std::vector<Case> cases = {
      {"da", "Byrådet godkendte forslagene uden bemærkninger.", "forslag"},
      {"nb", "Styret behandlet søknadene fra beboerne.", "søknad"},
      {"fi", "Kaupunginvaltuusto hyväksyi talousarviot yksimielisesti.", "talousarvio"},
      {"en", "The council approved the agreements unanimously.", "agreement"},
      {"de", "Die Mitgliederversammlung wählte die Kassenprüfer.", "kassenprüfer"},
      {"fr", "Le conseil a adopté les résolutions.", "résolution"},
      {"sv", "Rådet godkände förslagen.", "förslaget"},
  };
  Open();
  for (size_t i = 0; i < cases.size(); ++i) ASSERT_TRUE(store_->Put(Doc(i, cases[i].text, cases[i].language)).ok());
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_TRUE(Finds(cases[i].query, i)) << cases[i].language << ": " << cases[i].query;
    EXPECT_TRUE(Finds(cases[i].query, i, cases[i].language)) << cases[i].language << ": " << cases[i].query;
  }
  // Stemmed as English, a Swedish inflection stays what it is.
  EXPECT_FALSE(Finds("förslaget", 6, std::string("en")));
}

// Quoted words must follow one another; stems count, so inflections do too.
TEST_F(StoreStemmingTest, PhrasesMatchConsecutiveStemmedWords) {
  Open();
  ASSERT_TRUE(store_->Put(Doc(0, "Frågan om äldre vård i hemmet diskuterades.", "sv")).ok());
  ASSERT_TRUE(store_->Put(Doc(1, "Vården av äldre i hemmet diskuterades.", "sv")).ok());
  EXPECT_TRUE(Finds("\"äldre vård\"", 0));
  EXPECT_FALSE(Finds("\"äldre vård\"", 1));  // both words, not one after the other
  EXPECT_TRUE(Finds("äldre vård", 1));        // without quotes: both words anywhere
  EXPECT_TRUE(Finds("\"äldre vården\"", 0));  // an inflection inside a phrase
  EXPECT_TRUE(Finds("\u201Cvården av äldre\u201D", 1));  // typographic quotes
  SearchQuery q;
  q.text = "\"i hemmet\"";
  q.limit = 1;
  auto counted = store_->SearchWithCount(q);
  ASSERT_TRUE(counted.ok());
  EXPECT_EQ(counted->hits.size(), 1u);
  EXPECT_EQ(counted->more, 1u);
  EXPECT_NE(counted->hits[0].snippet.find("«hemmet»"), std::string::npos) << counted->hits[0].snippet;
}

}  // namespace
}  // namespace protokoll
