// Speakers in the generic reader (reader/speakers.cc): a paragraph that opens
// with a person's name reports that person whatever its verb; a role before a
// surname, an initial kept, a first name resolved to the one person the
// document names in full; prose about a thing names no speaker.
#include <gtest/gtest.h>

#include "reader_fixture.h"

namespace protokoll::reader {
namespace {

using testing::ReaderFixture;

std::vector<std::optional<std::string>> Speakers(const std::vector<std::string>& texts, Document doc,
                                                 const std::string& language) {
  ReaderFixture fixture({{"Protokoll"}}, language);
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

}  // namespace
}  // namespace protokoll::reader
