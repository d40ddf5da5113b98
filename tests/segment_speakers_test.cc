// Speakers in the generic reader (reader/speakers.cc): a paragraph that opens
// with a person's name reports that person whatever its verb; a role before a
// surname, an initial kept, a first name resolved to the one person the
// document names in full; prose about a thing names no speaker.
#include <gtest/gtest.h>

#include <set>

#include "protokoll/paragraphs.h"
#include "reader_fixture.h"

namespace protokoll::reader {
namespace {

using testing::ReaderFixture;

// Knows the words it is given, in lower case, in any language.
class WordSet : public Dictionary {
 public:
  explicit WordSet(std::set<std::string> words) : words_(std::move(words)) {}
  bool Knows(std::string_view word) const override { return words_.count(std::string(word)) > 0; }

 private:
  std::set<std::string> words_;
};

std::vector<std::optional<std::string>> Speakers(const std::vector<std::string>& texts, Document doc,
                                                 const std::string& language, const Dictionary* dictionary = nullptr) {
  ReaderFixture fixture({{"Protokoll"}}, language);
  fixture.rc.dictionary = dictionary;
  fixture.rc.dictionary_language = language;
  Item item;
  item.number = "1";
  item.title = "Item";
  for (const auto& text : texts) item.paragraphs.push_back(Paragraph{text});
  doc.items.push_back(item);
  ReadSpeakers(fixture.rc, doc);
  std::vector<std::optional<std::string>> out;
  for (const auto& paragraph : doc.items[0].paragraphs) out.push_back(paragraph.speaker);
  return out;
}

TEST(SegmentSpeakers, ANameOpeningTheParagraphWhateverTheVerb) {
  const auto speakers = Speakers({"Bjørg Fimreite ønsket at det skulle protokollføres.",
                                  "Florian O. begrüßt alle Anwesenden.",
                                  "Ivan Chiu, Architect, stated that the tree was old."},
                                 Document{}, "nb");
  EXPECT_EQ(speakers[0].value_or(""), "Bjørg Fimreite");
  EXPECT_EQ(speakers[1].value_or(""), "Florian O.");
  EXPECT_EQ(speakers[2].value_or(""), "Ivan Chiu");
}

TEST(SegmentSpeakers, RolesSurnamesAndFirstNames) {
  Document doc;
  doc.metadata.chair = "Amund Sigurdssønn Karlsen";
  const auto speakers = Speakers({"Vice Mayor Gilmore inquired whether the garage was built.",
                                  "Amund redegjorde for sameiets behov for nye heiser."},
                                 doc, "en");
  EXPECT_EQ(speakers[0].value_or(""), "Gilmore");
  EXPECT_EQ(speakers[1].value_or(""), "Amund Sigurdssønn Karlsen");
}

TEST(SegmentSpeakers, ProseAboutAThingHasNoSpeaker) {
  const auto speakers = Speakers({"Budgeten för 2024 godkändes utan ändringar.", "Styrelsen har fått ett brev."},
                                 Document{}, "sv");
  EXPECT_FALSE(speakers[0].has_value());
  EXPECT_FALSE(speakers[1].has_value());
}

// Written from the gold set's documents without annotated speakers (Lapua,
// Nykarleby, Aarhus, Nord-Odal, Stenaldern): a name that reports nothing.
TEST(SegmentSpeakers, ContactLinesListsTableRowsAndLabelsReportNothing) {
  const auto speakers = Speakers({"Mirva Korpi mirva.korpi@lapua.fi Ympäristöinsinööri",
                                  "Kati Lahnalampi Ulla Tiitu",
                                  "Kristelig Folkeparti 19 19 0",
                                  "Stadsdirektör Martin Norrgårds förslag:",
                                  "Solveig Munk, Enhedslisten",
                                  "Jan Sjögren Ledamot, två år"},
                                 Document{}, "sv");
  for (size_t i = 0; i < speakers.size(); ++i) EXPECT_FALSE(speakers[i].has_value()) << i << ": " << *speakers[i];
}

TEST(SegmentSpeakers, CapitalisedCommonWordsAreNoName) {
  const WordSet danish({"havnens", "perle", "i", "byen", "enligt"});
  const auto speakers = Speakers({"Havnens Perle har været en fast del af havnen.",
                                  "I Koski samlas uppgifterna om studierna.",
                                  "Enligt Nykarleby stads förvaltningsstadga besluter nämnden.",
                                  "Bjørg Fimreite ønsket at det skulle protokollføres.",
                                  "Perle Hansen orienterede om regnskabet."},
                                 Document{}, "da", &danish);
  EXPECT_FALSE(speakers[0].has_value());
  EXPECT_FALSE(speakers[1].has_value());
  EXPECT_FALSE(speakers[2].has_value());
  EXPECT_EQ(speakers[3].value_or(""), "Bjørg Fimreite");
  // A reporting verb of the word lists outweighs a common first word.
  EXPECT_EQ(speakers[4].value_or(""), "Perle Hansen");
}

}  // namespace
}  // namespace protokoll::reader
