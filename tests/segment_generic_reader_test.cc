// The generic reader's own steps (reader/generic_reader.cc) over a whole
// head of minutes, read without a model (layout-only estimates).
#include <gtest/gtest.h>

#include "reader/generic_reader.h"

namespace protokoll::reader {
namespace {

LaidOutDocument Laid(const std::vector<std::string>& texts) {
  LaidOutDocument laid;
  for (size_t i = 0; i < texts.size(); ++i) {
    TextLine line;
    line.text = texts[i];
    line.page = 1;
    line.font_size = 10;
    line.box = Box{50, 50.0 + 14.0 * static_cast<double>(i), 400, 60.0 + 14.0 * static_cast<double>(i)};
    laid.lines.push_back(line);
  }
  laid.body_font_size = 10;
  laid.body_left = 50;
  return laid;
}

// Written from the Lapua pöytäkirja ("Antti Kaartinen, varajäsen") read
// without its module.
TEST(SegmentGenericReader, AMemberWhoseRoleIsASubstitutesSatInAsSubstitute) {
  const LaidOutDocument laid = Laid({"Protokoll", "Närvarande:", "Anna Berg, ordförande", "Erik Lund, ersättare",
                                     "Karin Ek, ledamot", "1 § Mötets öppnande"});
  Document doc;
  doc.language = "sv";
  ReadHeadOnly(laid, nullptr, doc);
  ASSERT_EQ(doc.attendees.size(), 3u);
  for (const auto& attendee : doc.attendees)
    EXPECT_EQ(attendee.status, attendee.name == "Erik Lund" ? "substitute" : "present") << attendee.name;
}

// A form's field under the attendance header is no person, and no body
// (the Finnish module's synthetic pöytäkirja read as plain text).
TEST(SegmentGenericReader, AFormFieldIsNoAttendee) {
  const LaidOutDocument laid = Laid({"Närvarande:", "Plats Stadshuset", "Anna Berg, ordförande", "Erik Lund, ledamot",
                                     "1 § Mötets öppnande"});
  Document doc;
  doc.language = "sv";
  ReadHeadOnly(laid, nullptr, doc);
  for (const auto& attendee : doc.attendees) EXPECT_NE(attendee.name, "Plats Stadshuset");
  EXPECT_NE(doc.metadata.body.value_or(""), "Plats Stadshuset");
}

}  // namespace
}  // namespace protokoll::reader
