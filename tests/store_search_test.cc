// Search over the store: BM25 ranking, prefix queries, Swedish folding,
// filters, snippets, titles.
#include <gtest/gtest.h>

#include <filesystem>

#include "protokoll/store.h"
#include "test_support.h"

namespace protokoll {
namespace {

std::string Id(int n) {
  std::string digits = std::to_string(n);
  return "5e" + std::string(62 - digits.size(), '0') + digits;
}

struct ParagraphSpec {
  std::string text;
  std::optional<std::string> speaker;
};

Document Doc(int n, std::optional<std::string> date, const std::string& title, std::vector<ParagraphSpec> paragraphs,
             std::string body = "Pensionärsrådet") {
  Document d;
  d.id = Id(n);
  d.source = SourceInfo{"doc" + std::to_string(n) + ".pdf", 1000, "application/pdf", 1};
  d.pipeline_version = "0.1.0";
  d.metadata.date = std::move(date);
  d.metadata.reference = "REF " + std::to_string(n);
  d.metadata.body = std::move(body);
  d.pages.push_back(PageRecord{1, std::nullopt, "text", std::nullopt, std::nullopt, std::nullopt, "", ""});
  d.pages.push_back(PageRecord{2, std::nullopt, "text", std::nullopt, std::nullopt, std::nullopt, "", ""});
  Item item;
  item.number = std::to_string(n);
  item.title = title;
  item.page = 1;
  int page = 1;
  for (auto& spec : paragraphs) {
    Paragraph p;
    p.text = spec.text;
    p.speaker = spec.speaker;
    p.page = page;
    page = 2;
    item.paragraphs.push_back(std::move(p));
  }
  d.items.push_back(std::move(item));
  return d;
}

class StoreSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("store_search_test");
    auto s = Store::Open(dir_, StoreOptions{});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  void Put(const Document& d) {
    auto r = store_->Put(d);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  std::vector<SearchHit> Find(const std::string& text, SearchQuery q = {}) {
    q.text = text;
    auto r = store_->Search(q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<SearchHit>{};
  }
  std::string dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreSearchTest, RanksDenseShortParagraphsFirst) {
  Put(Doc(1, "2025-01-01", "Rapport", {{"Vårdplatser vårdplatser vårdplatser saknas.", std::nullopt}}));
  Put(Doc(2, "2025-01-02", "Rapport",
          {{"Ett långt stycke om många saker där vårdplatser nämns en gång bland mycket annat som budget, "
            "lokaler, personal, kollektivtrafik, färdtjänst och annat som rådet tog upp under mötet.",
            std::nullopt}}));
  Put(Doc(3, "2025-01-03", "Rapport", {{"Inget om saken här.", std::nullopt}}));
  auto hits = Find("vårdplatser");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].doc_id, Id(1));
  EXPECT_EQ(hits[1].doc_id, Id(2));
  EXPECT_GT(hits[0].score, hits[1].score);
  EXPECT_EQ(hits[0].reference, "REF 1");
  EXPECT_EQ(hits[0].date, "2025-01-01");
  EXPECT_EQ(hits[0].item_number, "1");
  EXPECT_EQ(hits[0].item_title, "Rapport");
}

TEST_F(StoreSearchTest, ParagraphsWithMoreOfTheWordsComeFirst) {
  Put(Doc(1, "2025-01-01", "A", {{"Budget budget budget budget.", std::nullopt}}));
  Put(Doc(2, "2025-01-02", "B", {{"Budget för färdtjänst.", std::nullopt}}));
  Put(Doc(3, "2025-01-03", "C", {{"Färdtjänst igen.", std::nullopt}}));
  // Every word by default; OR between two words takes either.
  auto hits = Find("budget färdtjänst");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].doc_id, Id(2));
  hits = Find("budget OR färdtjänst");
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].doc_id, Id(2));
  EXPECT_EQ(Find("budget OR färdtjänst igen").size(), 1u);  // (budget or färdtjänst) and igen
  EXPECT_TRUE(Find("OR budget").empty());                  // first, OR is the word "or", in no paragraph
}

TEST_F(StoreSearchTest, TrailingStarIsAPrefixQuery) {
  Put(Doc(1, "2025-01-01", "A", {{"Antalet vårdplatser ökar.", std::nullopt}}));
  Put(Doc(2, "2025-01-02", "B", {{"Vårdplatsen på Södersjukhuset.", std::nullopt}}));
  Put(Doc(3, "2025-01-03", "C", {{"En vårdplan togs fram.", std::nullopt}}));
  EXPECT_EQ(Find("vårdplats*").size(), 2u);
  EXPECT_TRUE(Find("vårdplats").empty());  // without '*' a whole word
  EXPECT_EQ(Find("vårdpla*").size(), 3u);
  auto hits = Find("vårdplats*");
  ASSERT_FALSE(hits.empty());
  EXPECT_TRUE(hits[0].snippet.find("«vårdplatser»") != std::string::npos ||
              hits[0].snippet.find("«Vårdplatsen»") != std::string::npos)
      << hits[0].snippet;
}

TEST_F(StoreSearchTest, SwedishLettersAreTheirOwnAndOtherAccentsFold) {
  Put(Doc(1, "2025-01-01", "A", {{"Frågan om vård i hemmet.", std::nullopt}}));
  Put(Doc(2, "2025-01-02", "B", {{"Ett vard-ord som inte är svenska: vard.", std::nullopt}}));
  Put(Doc(3, "2025-01-03", "C", {{"Idéer från ett café i Malmö.", std::nullopt}}));
  Put(Doc(4, "2025-01-04", "D", {{"Malmo utan prickar.", std::nullopt}}));
  auto vard = Find("vard");
  ASSERT_EQ(vard.size(), 1u);
  EXPECT_EQ(vard[0].doc_id, Id(2));
  auto vaard = Find("VÅRD");
  ASSERT_EQ(vaard.size(), 1u);
  EXPECT_EQ(vaard[0].doc_id, Id(1));
  EXPECT_EQ(Find("ideer").size(), 1u);
  EXPECT_EQ(Find("cafe").size(), 1u);
  EXPECT_EQ(Find("Café").size(), 1u);
  auto malmo = Find("malmö");
  ASSERT_EQ(malmo.size(), 1u);
  EXPECT_EQ(malmo[0].doc_id, Id(3));
  EXPECT_NE(malmo[0].snippet.find("«Malmö»"), std::string::npos) << malmo[0].snippet;
}

TEST_F(StoreSearchTest, FiltersBySpeakerBodyAndDate) {
  Put(Doc(1, "2024-12-31", "A", {{"Budget enligt plan.", "Anders Ahlsson"}, {"Budget igen.", "Karin Nilsson"}}));
  Put(Doc(2, "2025-03-01", "B", {{"Budget för året.", "Anders Ahlsson"}}, "Kommunstyrelsen"));
  Put(Doc(3, std::nullopt, "C", {{"Budget utan datum.", "Anders Ahlsson"}}));
  EXPECT_EQ(Find("budget").size(), 4u);

  SearchQuery by_speaker;
  by_speaker.speaker = "anders";
  auto hits = Find("budget", by_speaker);
  EXPECT_EQ(hits.size(), 3u);
  for (const auto& h : hits) EXPECT_EQ(h.speaker, "Anders Ahlsson");

  SearchQuery dated;
  dated.from = "2025-01-01";
  hits = Find("budget", dated);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].doc_id, Id(2));
  dated.from.reset();
  dated.to = "2024-12-31";  // inclusive
  hits = Find("budget", dated);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].doc_id, Id(1));

  SearchQuery body;
  body.body = "kommunstyr";
  hits = Find("budget", body);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].doc_id, Id(2));
}

// Filters over many documents against a count made from the documents
// themselves; a small limit (the early-stopping path of one-word queries)
// must give the first hits of the complete list.
TEST_F(StoreSearchTest, FiltersAreExactOverManyDocuments) {
  const std::vector<std::optional<std::string>> speakers = {"Anders Ahlsson", "Karin Nilsson", std::nullopt,
                                                            "Karl Berg", "Åsa Öberg"};
  const std::vector<std::string> bodies = {"Pensionärsrådet", "Kommunstyrelsen", "Barn- och utbildningsnämnden"};
  struct Unit {
    int doc;
    std::optional<std::string> speaker, date;
    std::string body;
    bool second_word;
  };
  std::vector<Unit> units;
  for (int n = 0; n < 60; ++n) {
    std::optional<std::string> date;
    if (n % 7 != 0) date = "202" + std::to_string(n % 5) + "-0" + std::to_string(1 + n % 9) + "-15";
    std::vector<ParagraphSpec> paragraphs;
    for (int k = 0; k < 4; ++k) {
      const auto& speaker = speakers[(n * 3 + k) % speakers.size()];
      const bool second = (n + k) % 3 == 0;
      std::string text = "Budget " + std::string(n % (k + 2) == 0 ? "budget " : "") + "och plan" +
                         std::string(second ? " för skolan." : ".") + std::string(static_cast<size_t>(n % 11), '!');
      paragraphs.push_back({text, speaker});
      units.push_back({n, speaker, date, bodies[n % bodies.size()], second});
    }
    Put(Doc(100 + n, date, "Sammanträde", paragraphs, bodies[n % bodies.size()]));
  }
  struct Case {
    std::string text;
    SearchQuery filter;
  };
  std::vector<Case> cases(6);
  for (auto& c : cases) c.text = "budget";
  cases[0].filter.speaker = "karl";  // also in "Karlsson"? no: only Karl Berg
  cases[1].filter.speaker = "asa";   // folded: Å stays a letter of its own, so no match
  cases[2].filter.speaker = "ÖBERG";
  cases[3].filter.body = "styrelse";
  cases[4].filter.from = "2022-01-01";
  cases[4].filter.to = "2023-06";
  cases[5].text = "budget skolan";
  cases[5].filter.speaker = "nilsson";
  cases[5].filter.from = "2021-01-01";
  cases.push_back({"skolan OR förskolan", {}});
  cases.push_back({"\"plan för skolan\"", {}});
  cases.back().filter.body = "nämnden";
  for (const auto& c : cases) {
    size_t expected = 0;
    for (const auto& u : units) {
      const SearchQuery& f = c.filter;
      if (f.speaker) {
        if (!u.speaker) continue;
        if (*f.speaker == "karl" && u.speaker != "Karl Berg") continue;
        if (*f.speaker == "asa") continue;
        if (*f.speaker == "ÖBERG" && u.speaker != "Åsa Öberg") continue;
        if (*f.speaker == "nilsson" && u.speaker != "Karin Nilsson") continue;
      }
      if (f.body && u.body != "Kommunstyrelsen") continue;
      if ((f.from || f.to) && !u.date) continue;
      if (f.from && *u.date < *f.from) continue;
      if (f.to && u.date->substr(0, f.to->size()) > *f.to) continue;
      if (c.text != "budget" && !u.second_word) continue;  // every unit holds "budget", some "för skolan"
      ++expected;
    }
    SearchQuery all = c.filter;
    all.limit = 1000;
    auto hits = Find(c.text, all);
    EXPECT_EQ(hits.size(), expected) << c.text << " speaker " << c.filter.speaker.value_or("-");
    for (const auto& h : hits) {
      if (c.filter.speaker) {
        EXPECT_TRUE(h.speaker.has_value());
      }
      if (c.filter.from) {
        EXPECT_GE(h.date.value_or(""), *c.filter.from);
      }
    }
    SearchQuery few = c.filter;
    few.limit = 5;
    few.text = c.text;
    auto counted = store_->SearchWithCount(few);
    ASSERT_TRUE(counted.ok());
    EXPECT_EQ(counted->more, expected - std::min<size_t>(5, expected)) << c.text;  // exact: far below the caps
    EXPECT_FALSE(counted->more_is_lower_bound);
    auto top = Find(c.text, few);
    ASSERT_EQ(top.size(), std::min<size_t>(5, expected));
    for (size_t k = 0; k < top.size(); ++k) {
      EXPECT_EQ(top[k].doc_id, hits[k].doc_id) << k;
      EXPECT_EQ(top[k].snippet, hits[k].snippet) << k;
      EXPECT_DOUBLE_EQ(top[k].score, hits[k].score) << k;
    }
  }
}

// The speaker index keys a name holding 0x00 differently; the filter still
// finds the paragraph by the name as stored.
TEST_F(StoreSearchTest, SpeakerFilterFindsANameHoldingANulByte) {
  Put(Doc(1, "2025-01-01", "A", {{"Budget enligt plan.", std::string("Eva\0Ek", 6)}, {"Budget igen.", "Karin Nilsson"}}));
  SearchQuery q;
  q.speaker = "eva";
  auto hits = Find("budget", q);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].speaker, std::string("Eva\0Ek", 6));
  q.speaker = "karin";
  hits = Find("budget", q);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].speaker, "Karin Nilsson");
  EXPECT_TRUE(store_->Verify()->ok());
}

TEST_F(StoreSearchTest, ItemTitlesAreSearchable) {
  Put(Doc(1, "2025-01-01", "Kollektivtrafik och färdtjänst", {{"Inget särskilt.", std::nullopt}}));
  auto hits = Find("kollektivtrafik");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].item_title, "Kollektivtrafik och färdtjänst");
  EXPECT_EQ(hits[0].page, 1);
  EXPECT_EQ(hits[0].snippet, "«Kollektivtrafik» och färdtjänst");
  SearchQuery by_speaker;
  by_speaker.speaker = "anders";
  EXPECT_TRUE(Find("kollektivtrafik", by_speaker).empty());  // a title has no speaker
}

TEST_F(StoreSearchTest, SnippetIsAWindowAroundTheFirstHit) {
  std::string filler;
  for (int i = 0; i < 40; ++i) filler += "ord" + std::to_string(i) + " ";
  Put(Doc(1, "2025-01-01", "A", {{filler + "här kommer tandvård och sedan " + filler + "tandvård igen.", "Eva Ek"}}));
  auto hits = Find("tandvård");
  ASSERT_EQ(hits.size(), 1u);
  const std::string& s = hits[0].snippet;
  EXPECT_NE(s.find("«tandvård»"), std::string::npos) << s;
  EXPECT_EQ(s.rfind("…", 0), 0u) << s;  // cut at the start
  EXPECT_NE(s.find("ord39 här kommer"), std::string::npos) << s;  // context before the hit
  EXPECT_LT(s.size(), 260u) << s;
  EXPECT_EQ(s.substr(s.size() - std::string("…").size()), "…") << s;
  EXPECT_EQ(hits[0].page, 1);
  EXPECT_EQ(hits[0].speaker, "Eva Ek");
}

TEST_F(StoreSearchTest, LimitAndEmptyQueries) {
  for (int i = 1; i <= 30; ++i) Put(Doc(i, "2025-01-01", "T", {{"Protokollet justerades.", std::nullopt}}));
  SearchQuery q;
  q.limit = 5;
  EXPECT_EQ(Find("protokollet", q).size(), 5u);
  EXPECT_EQ(Find("protokollet").size(), 20u);  // the default limit
  EXPECT_TRUE(Find("").empty());
  EXPECT_TRUE(Find("  ,. ").empty());
  EXPECT_TRUE(Find("finnsinte").empty());
}

TEST_F(StoreSearchTest, SearchSurvivesReopen) {
  Put(Doc(1, "2025-01-01", "A", {{"Hemtjänst i fokus.", std::nullopt}}));
  Put(Doc(2, "2025-01-02", "B", {{"Hemtjänst hemtjänst.", std::nullopt}}));
  auto before = Find("hemtjänst");
  store_.reset();
  auto s = Store::Open(dir_, StoreOptions{});
  ASSERT_TRUE(s.ok());
  store_ = std::move(*s);
  auto after = Find("hemtjänst");
  ASSERT_EQ(after.size(), before.size());
  for (size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].doc_id, before[i].doc_id);
    EXPECT_DOUBLE_EQ(after[i].score, before[i].score);  // collection statistics persisted
  }
}

}  // namespace
}  // namespace protokoll
