#include "protokoll/paragraphs.h"

#include <gtest/gtest.h>

#include <memory>

#include "protokoll/text.h"
#include "test_support.h"

namespace protokoll {
namespace {

class HyphenationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { dictionary_ = testing::SharedDictionary(); }
  HyphenRepair Decide(std::string_view left, std::string_view right, std::string language = "") {
    HyphenationContext context{dictionary_, &document_words_, std::move(language)};
    return DecideLineEndHyphen(left, right, context);
  }
  static const Dictionary* dictionary_;
  std::vector<std::string> document_words_;
};
const Dictionary* HyphenationTest::dictionary_ = nullptr;

TEST_F(HyphenationTest, HunspellKnowsSwedishCompoundsNotFragments) {
  EXPECT_TRUE(dictionary_->Knows("slutenvårdskapacitet"));
  EXPECT_FALSE(dictionary_->Knows("slutenvårdskap"));
  EXPECT_FALSE(dictionary_->Knows("acitet"));
  EXPECT_TRUE(dictionary_->Knows("implementation"));
}

TEST_F(HyphenationTest, JoinsABrokenWord) {
  auto r = Decide("slutenvårdskap-", "acitet");
  EXPECT_TRUE(r.joined);
  EXPECT_EQ(r.result, "slutenvårdskapacitet");
  EXPECT_EQ(r.rule, "dictionary_join");
  EXPECT_EQ(r.original, "slutenvårdskap-|acitet");
}

TEST_F(HyphenationTest, KeepsCompoundEllipsis) {
  for (const char* connector : {"och", "eller", "samt", "respektive", "till", "som", "men", "resp."}) {
    auto r = Decide("hälso-", connector);
    EXPECT_FALSE(r.joined) << connector;
    EXPECT_EQ(r.result, std::string("hälso- ") + connector);
    EXPECT_EQ(r.rule, "ellipsis_keep");
  }
  EXPECT_EQ(Decide("för-", "och").result, "för- och");
}

TEST_F(HyphenationTest, KeepsHyphensThatBelongToTheWord) {
  EXPECT_EQ(Decide("24/7-", "verksamheterna").result, "24/7-verksamheterna");
  EXPECT_EQ(Decide("ASIH-", "kapacitet").result, "ASIH-kapacitet");
  EXPECT_EQ(Decide("EU-", "stöd").result, "EU-stöd");
  EXPECT_EQ(Decide("2022-", "års").result, "2022-års");
  EXPECT_EQ(Decide("Karolinska-", "Institutet").result, "Karolinska-Institutet");
  EXPECT_EQ(Decide("e-", "post").result, "e-post");
  EXPECT_EQ(Decide("(ASIH-", "kapacitet)").result, "(ASIH-kapacitet)");
}

TEST_F(HyphenationTest, EnglishHyphenatedCompoundsStay) {
  EXPECT_EQ(Decide("long-", "term").result, "long-term");
  EXPECT_EQ(Decide("long-", "term").rule, "parts_keep");
  EXPECT_EQ(Decide("pay-by-", "plate").result, "pay-by-plate");
  EXPECT_EQ(Decide("non-", "profit").result, "non-profit");
  EXPECT_EQ(Decide("imple-", "mentation").result, "implementation");
  EXPECT_EQ(Decide("some-", "thing").result, "something");
  EXPECT_EQ(Decide("kompetens-", "försörjningen").result, "kompetensförsörjningen");
}

TEST_F(HyphenationTest, WeakConnectorsYieldToTheDictionary) {
  EXPECT_EQ(Decide("lik-", "som").result, "liksom");
  EXPECT_EQ(Decide("kvin-", "nor,").result, "kvinnor,");
  EXPECT_EQ(Decide("hälso-", "samt").result, "hälso- samt");  // strong: never "hälsosamt"
}

TEST_F(HyphenationTest, NordicAndAllCapsCases) {
  EXPECT_EQ(Decide("piha-", "alueiden").result, "piha-alueiden");
  EXPECT_EQ(Decide("hallinto-", "oikeudelta.").result, "hallinto-oikeudelta.");
  EXPECT_EQ(Decide("Touko-", "kesäkuussa").result, "Touko-kesäkuussa");
  EXPECT_EQ(Decide("TyHy-", "verksamhet.").result, "TyHy-verksamhet.");
  EXPECT_EQ(Decide("THURS-", "DAY,").result, "THURSDAY,");
  EXPECT_EQ(Decide("Sö-", "kanden").result, "Sökanden");
  EXPECT_EQ(Decide("%-", "yksikköä").result, "%-yksikköä");
}

TEST_F(HyphenationTest, EachLanguageWithItsOwnDictionary) {
  if (!dictionary_->HasLanguage("da") || !dictionary_->HasLanguage("fi") || !dictionary_->HasLanguage("de"))
    GTEST_SKIP() << "hunspell-da, hunspell-de-de or voikko-fi not installed";
  // A Danish break the Swedish/English dictionaries cannot know, and one they know wrongly.
  EXPECT_TRUE(Decide("kommu-", "nale", "da").joined);
  EXPECT_EQ(Decide("kommu-", "nale", "da").rule, "dictionary_join");
  EXPECT_EQ(Decide("ikke-", "kommunale", "da").result, "ikke-kommunale");  // a real hyphen (issue 14)
  EXPECT_EQ(Decide("Social-", "og", "da").result, "Social- og");
  EXPECT_EQ(Decide("sosiaali-", "ja", "fi").result, "sosiaali- ja");
  EXPECT_EQ(Decide("Kinder-", "und", "de").result, "Kinder- und");
  EXPECT_EQ(Decide("health-", "and", "en").result, "health- and");
  // Finnish through voikko: "kaupunginvaltuusto" is one word.
  EXPECT_EQ(Decide("kaupungin-", "valtuusto", "fi").rule, "dictionary_join");
  EXPECT_EQ(Decide("Sitzungs-", "protokoll", "de").result, "Sitzungsprotokoll");
}

TEST_F(HyphenationTest, KeepsPunctuationAroundJoinedWord) {
  auto r = Decide("(slutenvårdskap-", "acitet),");
  EXPECT_TRUE(r.joined);
  EXPECT_EQ(r.result, "(slutenvårdskapacitet),");
}

TEST_F(HyphenationTest, DocumentEvidence) {
  document_words_ = {"kvällsmöte-pass"};
  auto r = Decide("kvällsmöte-", "pass");
  EXPECT_FALSE(r.joined);
  EXPECT_EQ(r.rule, "document_keep");
}

TEST_F(HyphenationTest, SoftHyphenAlwaysJoins) {
  auto r = Decide(std::string("vård") + std::string(kSoftHyphen), "platser");
  EXPECT_TRUE(r.joined);
  EXPECT_EQ(r.result, "vårdplatser");
  EXPECT_EQ(r.rule, "soft_hyphen");
}

TEST_F(HyphenationTest, DashAloneKeepsSpace) { EXPECT_EQ(Decide("-", "14:30").result, "- 14:30"); }

TextLine Line(std::string text, int page, double y, double x0 = 56, double x1 = 530, double size = 11) {
  TextLine l;
  l.text = std::move(text);
  l.page = page;
  l.box = Box{x0, y, x1, y + size};
  l.font_size = size;
  return l;
}

std::vector<std::string> Texts(const std::vector<Paragraph>& paragraphs) {
  std::vector<std::string> texts;
  for (const auto& p : paragraphs) texts.push_back(p.text);
  return texts;
}

// Sets gap_before / first_on_page the way LayOut does.
std::vector<TextLine> WithGaps(std::vector<TextLine> lines) {
  for (size_t i = 0; i < lines.size(); ++i) {
    bool first = i == 0 || lines[i].page != lines[i - 1].page;
    lines[i].first_on_page = first;
    lines[i].gap_before = first ? lines[i].box.y0 : lines[i].box.y0 - lines[i - 1].box.y1;
  }
  return lines;
}

TEST_F(HyphenationTest, BuildParagraphsRepairsAndSplits) {
  auto lines = WithGaps({
      Line("Anders berättar att Stockholm ligger bra till vad gäller slutenvårdskap-", 1, 100),
      Line("acitet per invånare. Samverkan mellan pensionärsorganisationerna och hälso-", 1, 114),
      Line("och sjukvårdsförvaltningen fortsätter.", 1, 128, 56, 300),
      Line("Nytt stycke efter ett avstånd.", 1, 160, 56, 250),
  });
  HyphenationContext context{dictionary_, nullptr, ""};
  auto paragraphs = BuildParagraphs(lines, context);
  ASSERT_EQ(paragraphs.size(), 2u);
  EXPECT_EQ(paragraphs[0].text,
            "Anders berättar att Stockholm ligger bra till vad gäller slutenvårdskapacitet per invånare. "
            "Samverkan mellan pensionärsorganisationerna och hälso- och sjukvårdsförvaltningen fortsätter.");
  ASSERT_EQ(paragraphs[0].repairs.size(), 2u);
  EXPECT_TRUE(paragraphs[0].repairs[0].joined);
  EXPECT_FALSE(paragraphs[0].repairs[1].joined);
  EXPECT_EQ(paragraphs[0].page, 1);
  EXPECT_DOUBLE_EQ(paragraphs[0].bbox.y0, 100);
  EXPECT_DOUBLE_EQ(paragraphs[0].bbox.y1, 139);
  EXPECT_EQ(paragraphs[1].text, "Nytt stycke efter ett avstånd.");
}

TEST_F(HyphenationTest, SentenceAcrossPageBreakIsOneParagraph) {
  auto lines = WithGaps({
      Line("Vid internationella jämförelser ligger vi sämre till men detta beror", 1, 700),
      Line("till del på hur man räknar.", 2, 90, 56, 200),
      Line("Slutet på en mening.", 2, 104, 56, 200),
  });
  auto paragraphs = BuildParagraphs(lines, HyphenationContext{dictionary_, nullptr, ""});
  ASSERT_EQ(paragraphs.size(), 2u);
  EXPECT_EQ(paragraphs[0].text, "Vid internationella jämförelser ligger vi sämre till men detta beror till del på hur man räknar.");
  EXPECT_EQ(paragraphs[0].page, 1);
}

TEST_F(HyphenationTest, HyphenAcrossPageBreakJoins) {
  auto lines = WithGaps({
      Line("Det är ofta den minst bemannade tiden som avgör hur man kan hålla öp-", 1, 700),
      Line("pet på kvällar.", 2, 90, 56, 200),
  });
  auto paragraphs = BuildParagraphs(lines, HyphenationContext{dictionary_, nullptr, ""});
  ASSERT_EQ(paragraphs.size(), 1u);
  EXPECT_EQ(paragraphs[0].text, "Det är ofta den minst bemannade tiden som avgör hur man kan hålla öppet på kvällar.");
}

TEST_F(HyphenationTest, BulletsAreTheirOwnParagraphs) {
  auto lines = WithGaps({
      Line("Vi har tre sätt att få vård i hemmet idag:", 1, 100, 56, 300),
      Line("• Hospital at home, vilket är en liten del men som", 1, 114, 70, 530),
      Line("expanderar snabbt", 1, 128, 80, 200),
      Line("• Avancerad sjukvård i hemmet (ASIH)", 1, 142, 70, 300),
      Line("3. För innevarande budgetår ska underskott täckas", 1, 156, 56, 530),
  });
  auto paragraphs = BuildParagraphs(lines, HyphenationContext{dictionary_, nullptr, ""});
  ASSERT_EQ(paragraphs.size(), 4u);
  EXPECT_EQ(paragraphs[1].text, "• Hospital at home, vilket är en liten del men som expanderar snabbt");
  EXPECT_EQ(paragraphs[2].text, "• Avancerad sjukvård i hemmet (ASIH)");
  EXPECT_EQ(paragraphs[3].text, "3. För innevarande budgetår ska underskott täckas");
}

TEST_F(HyphenationTest, LooseSpacingInsideASentenceDoesNotSplit) {
  auto lines = WithGaps({
      Line("Karin arbetar som projektledare vid planeringsenheten under avdelning", 1, 100),
      Line("specialiserad vård, och har arbetat med uppföljning.", 1, 130, 56, 400),
      Line("• Hemsjukvård kvällar, nätter och helger, vilket vanligtvis drivs av", 1, 160),
      Line("vårdcentral eller vårdvalsaktör", 1, 174, 56, 300),
      Line("• Avancerad sjukvård i hemmet", 1, 188, 56, 300),
  });
  auto paragraphs = BuildParagraphs(lines, HyphenationContext{dictionary_, nullptr, ""});
  ASSERT_EQ(paragraphs.size(), 3u);
  EXPECT_EQ(paragraphs[0].text,
            "Karin arbetar som projektledare vid planeringsenheten under avdelning specialiserad vård, och har arbetat "
            "med uppföljning.");
  EXPECT_EQ(paragraphs[1].text, "• Hemsjukvård kvällar, nätter och helger, vilket vanligtvis drivs av vårdcentral eller vårdvalsaktör");
}

TEST_F(HyphenationTest, CollectDocumentWordsSkipsFragments) {
  auto lines = WithGaps({Line("Vårdplatser och ASIH-kapacitet, slutenvårdskap-", 1, 100), Line("acitet.", 1, 114)});
  auto words = CollectDocumentWords(lines);
  EXPECT_TRUE(std::binary_search(words.begin(), words.end(), "vårdplatser"));
  EXPECT_TRUE(std::binary_search(words.begin(), words.end(), "asih-kapacitet"));
  EXPECT_FALSE(std::binary_search(words.begin(), words.end(), "slutenvårdskap-"));
  EXPECT_FALSE(std::binary_search(words.begin(), words.end(), "slutenvårdskap"));
}

TEST_F(HyphenationTest, LoneHyphen) {
  HyphenationContext context{dictionary_, nullptr, ""};
  EXPECT_EQ(DecideLineEndHyphen("-", "verkar", context, "på").rule, "spaced_hyphen_join");
  EXPECT_EQ(DecideLineEndHyphen("-", "velvollisuus.", context, "tai").result, "-velvollisuus.");
  EXPECT_EQ(DecideLineEndHyphen("-", "17.20", context, "17.06").result, "- 17.20");
  auto lines = WithGaps({Line("individuella lönetillägg på -", 1, 100), Line("verkar den interna lönesituationen.", 1, 114)});
  auto paragraphs = BuildParagraphs(lines, context);
  ASSERT_EQ(paragraphs.size(), 1u);
  EXPECT_EQ(paragraphs[0].text, "individuella lönetillägg påverkar den interna lönesituationen.");
}

// Issue 14, step 6: the cases the labelled set in six languages taught.
TEST_F(HyphenationTest, DashesAndSpacedHyphens) {
  HyphenationContext context{dictionary_, nullptr, "en"};
  EXPECT_EQ(DecideLineEndHyphen("--", "the", context).result, "-- the");  // a dash typed as two hyphens
  // "program -|delay" is a dash: "program" is a word and "programdelay" is not.
  EXPECT_EQ(DecideLineEndHyphen("-", "delay", context, "program").result, "- delay");
  EXPECT_EQ(DecideLineEndHyphen("-", "verkar", HyphenationContext{dictionary_, nullptr, "sv"}, "på").rule,
            "spaced_hyphen_join");
}

TEST_F(HyphenationTest, ConnectorsBelongToTheirLanguage) {
  if (!dictionary_->HasLanguage("de") || !dictionary_->HasLanguage("fi"))
    GTEST_SKIP() << "hunspell-de-de or voikko-fi not installed";
  EXPECT_EQ(Decide("insge-", "samt", "de").result, "insgesamt");  // German "samt" is no connector here
  EXPECT_EQ(Decide("hälso-", "samt", "sv").result, "hälso- samt");
  EXPECT_EQ(Decide("tontti-", "ja", "sv").result, "tontti- ja");  // Finnish text in a Swedish document
  EXPECT_EQ(Decide("Maker-", "space", "de").result, "Makerspace");  // English parts, a German compound
  EXPECT_EQ(Decide("lp-", "alueen", "fi").result, "lp-alueen");    // no vowel: an abbreviation
}

TEST_F(HyphenationTest, NameOfSeveralWordsKeepsItsHyphen) {
  if (!dictionary_->HasLanguage("da")) GTEST_SKIP() << "hunspell-da not installed";
  HyphenationContext context{dictionary_, nullptr, "da"};
  EXPECT_EQ(DecideLineEndHyphen("Unge-", "udvalget", context, "og").result, "Unge-udvalget");
  EXPECT_EQ(DecideLineEndHyphen("Befolknings-", "tallet", context, "").result, "Befolkningstallet");
}

TEST_F(HyphenationTest, WordProcessorDocumentsKeepTheAuthorsHyphens) {
  // No word broken inside: every line-end hyphen is the author's.
  auto unbroken = WithGaps({Line("the City Council sub-", 1, 100), Line("committee met in-", 1, 114),
                            Line("person on the matter", 1, 128)});
  HyphenationContext english{dictionary_, nullptr, "en"};
  ASSERT_TRUE(OnlyAuthorHyphens(unbroken, english));
  english.author_hyphens_only = true;
  EXPECT_EQ(DecideLineEndHyphen("sub-", "committee", english).result, "sub-committee");
  EXPECT_EQ(DecideLineEndHyphen("in-", "person", english).result, "in-person");
  // Swedish writes compounds solid: there the rule does not apply.
  HyphenationContext swedish{dictionary_, nullptr, "sv"};
  swedish.author_hyphens_only = true;
  EXPECT_EQ(DecideLineEndHyphen("kompetens-", "försörjningen", swedish).result, "kompetensförsörjningen");
  // A typesetter's break inside a word ("provid-|ing") shows the document is hyphenated.
  auto typeset = WithGaps({Line("the City Council sub-", 1, 100), Line("committee is provid-", 1, 114),
                           Line("ing the funds", 1, 128)});
  EXPECT_FALSE(OnlyAuthorHyphens(typeset, HyphenationContext{dictionary_, nullptr, "en"}));
  EXPECT_FALSE(OnlyAuthorHyphens(WithGaps({Line("no hyphen here", 1, 100)}), HyphenationContext{dictionary_, nullptr, "en"}));
}

// A table's rows stand alone; a side note waits until the paragraph beside
// it has ended, so it never cuts a sentence.
TEST_F(HyphenationTest, TableRowsStandAloneAndSideNotesFollowTheirParagraph) {
  auto lines = WithGaps({
      Line("BG hör av sig till aktuell person och begär inbetalning av BG", 1, 100, 56, 480),
      Line("utestående medlemsavgift. Ärendet stängs därmed.", 1, 114, 56, 400),
      Line("Anna Berg ordförande [X]", 1, 128),
      Line("Per Ek ledamot [X]", 1, 142),
      Line("Sektorn föreslår att höja arvodes-", 1, 156),
      Line("klasserna. Klass 1 Klass 2", 1, 170),
  });
  lines[0].side_note = true;
  lines[0].cells = {{lines[0].text.size() - 2, 470}};
  lines[2].table_row = lines[3].table_row = true;
  lines[2].cells = {{10, 200}, {21, 340}};
  lines[3].cells = {{7, 200}, {15, 340}};
  lines[5].table_row = true;  // a row, but the hyphen before it still joins
  lines[5].cells = {{11, 200}, {19, 300}};
  HyphenationContext context{dictionary_, &document_words_, ""};
  auto paragraphs = BuildParagraphs(lines, context);
  EXPECT_EQ(Texts(paragraphs), (std::vector<std::string>{
                       "BG hör av sig till aktuell person och begär inbetalning av utestående medlemsavgift. Ärendet "
                       "stängs därmed.",
                       "BG", "Anna Berg ordförande [X]", "Per Ek ledamot [X]",
                       "Sektorn föreslår att höja arvodesklasserna. Klass 1 Klass 2"}));
  ASSERT_EQ(paragraphs.size(), 5u);
  EXPECT_DOUBLE_EQ(paragraphs[1].bbox.x0, 470);
  EXPECT_LT(paragraphs[0].bbox.x1, 470);

  // Offsets that no longer fit an edited text are ignored, not trusted.
  lines[0].text = "BG";
  auto edited = BuildParagraphs(lines, context);
  EXPECT_EQ(edited.front().text.rfind("BG", 0), 0u);
}

// A blank line inside a sentence (extracted text has them) does not end a
// paragraph when the line before ends in a function word.
TEST_F(HyphenationTest, NoParagraphEndsOnAFunctionWord) {
  auto lines = WithGaps({
      Line("Inledande text som fyller en hel rad med ord och ännu fler ord i", 1, 60),
      Line("samma stycke som fortsätter här och slutar med en punkt.", 1, 74, 56, 300),
      Line("1. Utöver att husläkarmottagningarna ska få områdesansvar ska områdesansvaret för", 1, 100),
      Line("ASIH (avancerad sjukvård i hemmet) förändras där samverkan tydliggörs.", 1, 140, 56, 400),
      Line("Nämnden beslutar enligt förslaget och lägger till ord så att raden blir", 1, 180),
      Line("lång nog.", 1, 194, 56, 120),
  });
  HyphenationContext context{dictionary_, &document_words_, ""};
  auto paragraphs = BuildParagraphs(lines, context);
  EXPECT_EQ(Texts(paragraphs), (std::vector<std::string>{
                       "Inledande text som fyller en hel rad med ord och ännu fler ord i samma stycke som fortsätter "
                       "här och slutar med en punkt.",
                       "1. Utöver att husläkarmottagningarna ska få områdesansvar ska områdesansvaret för ASIH "
                       "(avancerad sjukvård i hemmet) förändras där samverkan tydliggörs.",
                       "Nämnden beslutar enligt förslaget och lägger till ord så att raden blir lång nog."}));
}

}  // namespace
}  // namespace protokoll
