#include "protokoll/show.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace protokoll {
namespace {

TEST(ShowTest, GistKeepsShortTextAndTheFirstLineOnly) {
  EXPECT_EQ(Gist("Förslaget godkändes."), "Förslaget godkändes.");
  EXPECT_EQ(Gist("Förslaget godkändes.\nÖR NYKARLEBY\nBilaga 3"), "Förslaget godkändes.");
  EXPECT_EQ(Gist(""), "");
}

TEST(ShowTest, GistCutsLongTextAtAWordNeverInsideALetter) {
  const std::string text = "Välfärdsnämnden beslutar att höja arvodet för närståendevårdare från och med den första juli";
  const std::string gist = Gist(text, 40);
  EXPECT_EQ(gist, "Välfärdsnämnden beslutar att höja …");
  // One long word: cut by bytes, but on a UTF-8 boundary ("ä" is two bytes).
  const std::string word = "ääääääääääääääääääää";  // 40 bytes
  const std::string cut = Gist(word, 5);
  EXPECT_EQ(cut, "ää …");
}

TEST(ShowTest, SummaryShowsFieldsAttendeesItemsAndDecisionGists) {
  Document doc;
  doc.id = std::string(64, 'a');
  doc.source.file = "protokoll.pdf";
  doc.source.pages = 3;
  doc.metadata.title = "Protokoll";
  doc.metadata.reference = "3/2025";
  doc.metadata.body = "Välfärdsnämnden";
  doc.metadata.date = "2025-04-14";
  doc.metadata.start_time = "16:00";
  doc.metadata.chair = "Henrik Sandvik";
  doc.attendees.push_back(Attendee{"Sofia Nyman", std::nullopt, std::nullopt, true, "present"});
  doc.attendees.push_back(Attendee{"Mats Ahlskog", std::nullopt, std::nullopt, false, "absent"});
  Item item;
  item.number = "21";
  item.title = "Sammanträdets laglighet";
  item.page = 2;
  item.presenters = {"Annika Back"};
  Paragraph said;
  said.text = "Annika Back redogjorde för ärendet.";
  said.speaker = "Annika Back";
  item.paragraphs.push_back(said);
  item.decisions.push_back(Decision{std::string(300, 'x') + "\nNYKARLEBY", 2, Box{}});
  doc.items.push_back(item);

  const std::string shown = ShowText(doc);
  EXPECT_NE(shown.find("Protokoll  3/2025\nVälfärdsnämnden\n"), std::string::npos) << shown;
  EXPECT_NE(shown.find("Date          2025-04-14 16:00"), std::string::npos) << shown;
  EXPECT_NE(shown.find("Chair         Henrik Sandvik"), std::string::npos) << shown;
  EXPECT_NE(shown.find("aaaaaaaaaaaa  protokoll.pdf, 3 pages"), std::string::npos) << shown;
  EXPECT_NE(shown.find("Sofia Nyman [remote]"), std::string::npos) << shown;
  EXPECT_NE(shown.find("Mats Ahlskog [absent]"), std::string::npos) << shown;
  EXPECT_NE(shown.find("21  Sammanträdets laglighet  (p. 2)"), std::string::npos) << shown;
  EXPECT_NE(shown.find("presented by Annika Back"), std::string::npos) << shown;
  EXPECT_NE(shown.find("speakers: Annika Back"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("NYKARLEBY"), std::string::npos) << shown;  // only the decision's first line
  std::istringstream lines(shown);
  for (std::string line; std::getline(lines, line);) EXPECT_LE(line.size(), 240u) << line;
}

}  // namespace
}  // namespace protokoll
