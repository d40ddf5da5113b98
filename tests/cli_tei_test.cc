#include "protokoll/tei.h"

#include <gtest/gtest.h>

namespace protokoll {
namespace {

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST(TeiTest, ItemsAsDivsSpeakersAsUtterancesPageBreaks) {
  Document d;
  d.id = std::string(64, 'a');
  d.language = "sv";
  d.source.file = "a.pdf";
  d.metadata.title = "Mötesanteckningar";
  d.metadata.date = "2025-04-10";
  d.attendees.push_back(Attendee{"Anders Ahlsson", "Förvaltningen", std::nullopt, false, "present"});
  Item item;
  item.number = "3";
  item.title = "Aktuellt <vid> förvaltningen & annat";
  item.page = 1;
  Paragraph said;
  said.text = "Anders berättar att \"kapaciteten\" räcker.";
  said.speaker = "Anders Ahlsson";
  said.page = 1;
  Paragraph body;
  body.text = "Rådet lyfter frågan.";
  body.speaker = "Rådet";
  body.page = 2;
  Paragraph plain;
  plain.text = "Inga övriga frågor.";
  plain.page = 2;
  item.paragraphs = {said, body, plain};
  item.decisions.push_back(Decision{"Informationen noteras.", 2, Box{}});
  d.items.push_back(item);

  std::string tei = DocumentToTei(d);
  EXPECT_NE(tei.find("<div type=\"agendaItem\" n=\"3\">"), std::string::npos);
  EXPECT_NE(tei.find("<head>Aktuellt &lt;vid&gt; förvaltningen &amp; annat</head>"), std::string::npos);
  EXPECT_NE(tei.find("<u who=\"#AndersAhlsson\"><seg>Anders berättar att &quot;kapaciteten&quot; räcker.</seg></u>"),
            std::string::npos);
  EXPECT_NE(tei.find("<person xml:id=\"AndersAhlsson\""), std::string::npos);
  EXPECT_NE(tei.find("<u who=\"Rådet\">"), std::string::npos);  // a body, not a listed person
  EXPECT_NE(tei.find("<p>Inga övriga frågor.</p>"), std::string::npos);
  EXPECT_NE(tei.find("<note type=\"decision\">Informationen noteras.</note>"), std::string::npos);
  EXPECT_EQ(Count(tei, "<pb n="), 2u);
  EXPECT_LT(tei.find("<pb n=\"2\"/>"), tei.find("Rådet lyfter"));
  EXPECT_EQ(Count(tei, "<div"), Count(tei, "</div>"));
  EXPECT_EQ(Count(tei, "<u "), Count(tei, "</u>"));
  EXPECT_EQ(tei.find("<vid>"), std::string::npos);
}

}  // namespace
}  // namespace protokoll
