#include "protokoll/language.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace protokoll {
namespace {

struct Sample {
  const char* code;
  const char* text;
};

// A few sentences of minutes in each language the archives hold: short, as a
// page of minutes often is, so the identifier must not need a long text.
// (Danish needs three sentences: cld2 reads two short Danish sentences as
// Norwegian, the neighbour it is most easily mistaken for.)
const Sample kSamples[] = {
    {"sv", "Nämnden beslutar att godkänna förvaltningens förslag till budget för nästa år. Ordföranden "
           "konstaterar att sammanträdet är behörigt utlyst och att protokollet ska justeras på tisdag."},
    {"fi", "Lautakunta päättää hyväksyä talousarvion ensi vuodelle esityksen mukaisesti. Puheenjohtaja "
           "totesi kokouksen laillisesti koolle kutsutuksi ja päätösvaltaiseksi. Pöytäkirja tarkastetaan tiistaina."},
    {"da", "Byrådet beslutter at godkende forvaltningens forslag til budget for det kommende år. Formanden "
           "konstaterede, at mødet var lovligt indkaldt, og at referatet skal godkendes af udvalget. Der var ingen "
           "bemærkninger til dagsordenen, og bestyrelsen blev genvalgt."},
    {"nb", "Styret vedtok å godkjenne forslaget til budsjett for neste år. Møtelederen konstaterte at møtet "
           "var lovlig innkalt, og at protokollen skal signeres av to av styrets medlemmer etter møtet."},
    {"en", "The council resolved to approve the proposed budget for the coming year. The chair noted that "
           "the meeting had been properly convened and that the minutes would be signed at the next meeting."},
    {"de", "Der Vorstand beschließt, den Haushaltsentwurf für das kommende Jahr zu genehmigen. Der Vorsitzende "
           "stellt fest, dass die Versammlung ordnungsgemäß einberufen wurde und beschlussfähig ist."},
    {"fr", "Le conseil décide d'approuver le projet de budget pour l'année prochaine. Le président constate "
           "que la séance a été régulièrement convoquée et que le procès-verbal sera signé lors de la prochaine réunion."},
};

TEST(LanguageTest, IdentifiesEachLanguageOfTheArchives) {
  for (const Sample& s : kSamples) {
    LanguageGuess guess = IdentifyLanguage(s.text);
    EXPECT_EQ(guess.code, s.code) << s.text;
    EXPECT_TRUE(guess.reliable) << s.code;
    EXPECT_GE(guess.percent, 80) << s.code;
  }
}

TEST(LanguageTest, NothingToTellIsUnknown) {
  EXPECT_EQ(IdentifyLanguage("").code, "");
  EXPECT_EQ(IdentifyLanguage("12 34 56 § 7 (8)").code, "");
  EXPECT_EQ(IdentifyLanguage("bad \xFF\xFE utf-8 Nämnden beslutar").code, "");  // not read, not guessed
}

TEST(LanguageTest, AHeadingAloneIsNotReliable) {
  // cld2 alone calls this Danish, and sure of it.
  EXPECT_FALSE(IdentifyLanguage("Bilaga Stadsstyrelsen, 26.09.2022 § 191").reliable);
}

TEST(LanguageTest, TheDocumentsLanguageDecidesBetweenNeighbours) {
  const char* danish = "Byrådet beslutter at godkende forvaltningens forslag til budget for det kommende år. "
                       "Formanden konstaterede, at mødet var lovligt indkaldt, og at referatet skal godkendes.";
  EXPECT_EQ(IdentifyLanguage(danish, "da").code, "da");
  EXPECT_EQ(IdentifyLanguage(kSamples[1].text, "sv").code, "fi");  // a hint does not make Finnish Swedish
  EXPECT_EQ(IdentifyLanguage(kSamples[3].text, "nb").code, "nb");
}

RawPage PageOf(int number, const std::string& text) {
  RawPage page;
  page.number = number;
  if (!text.empty()) page.lines.push_back(testing::MakeRawLine(text, 50, 100));
  return page;
}

TEST(LanguageTest, PageTooShortToTellTakesTheDocumentsLanguage) {
  std::vector<RawPage> pages = {PageOf(1, kSamples[2].text), PageOf(2, "Jens Hansen Mette Nielsen"),
                                PageOf(3, kSamples[2].text), PageOf(4, "")};
  AssignPageLanguages(pages);
  EXPECT_EQ(pages[0].language, "da");
  EXPECT_EQ(pages[1].language, "da");  // names only: the document's language
  EXPECT_EQ(pages[2].language, "da");
  EXPECT_EQ(pages[3].language, "");  // no text, no language
}

TEST(LanguageTest, MainLanguageIsTheOneWithTheMostText) {
  // A Finland-Swedish protocol with a shorter Finnish appendix.
  std::vector<RawPage> pages = {PageOf(1, kSamples[0].text), PageOf(2, kSamples[0].text),
                                PageOf(3, kSamples[1].text)};
  AssignPageLanguages(pages);
  EXPECT_EQ(pages[2].language, "fi");
  EXPECT_EQ(MainLanguage(pages), "sv");
  pages.push_back(PageOf(4, std::string(kSamples[1].text) + " " + kSamples[1].text + " " + kSamples[1].text));
  AssignPageLanguages(pages);
  EXPECT_EQ(MainLanguage(pages), "fi");
}

TEST(LanguageTest, ALanguageAlreadyDecidedIsKept) {
  std::vector<RawPage> pages = {PageOf(1, kSamples[0].text)};
  pages[0].language = "fi";  // e.g. the OCR language chosen for the page
  AssignPageLanguages(pages);
  EXPECT_EQ(pages[0].language, "fi");
}

}  // namespace
}  // namespace protokoll
