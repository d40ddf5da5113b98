// Attendees in the generic reader (reader/attendees.cc): header blocks of
// names whatever the model says of each name line, form checkboxes, roles and
// remote markers after a name, and surname-first lists put the way the
// document prints the same people elsewhere.
#include <gtest/gtest.h>

#include "reader_fixture.h"

namespace protokoll::reader {
namespace {

using testing::FixtureLine;
using testing::ReaderFixture;

const Attendee* Find(const Document& doc, const std::string& name) {
  for (const auto& attendee : doc.attendees)
    if (attendee.name == name) return &attendee;
  return nullptr;
}

TEST(SegmentAttendees, HeaderBlockOfNamesWithCheckboxesAndDescriptors) {
  ReaderFixture fixture({{"Beslutande"},
                         {"ordinarie"},
                         {"[X] Haverinen Emilia, ordförande, distans"},
                         {"[ ] Nystedt Elias"},
                         {"[X] Sjöström William"},
                         {"Ersättare"},
                         {"Isaksson Alexander"},
                         {"Övriga närvarande"},
                         {"Backa Luzilla, välfärdschef, kl. 16.15 – 17.30"},
                         {"Mötet öppnades kl. 16.15."},
                         {"Emilia Haverinen Luzilla Backa"}});
  Document doc;
  ReadAttendees(fixture.rc, {}, doc);
  NameOrderFromDocument(fixture.rc, doc);
  ASSERT_EQ(doc.attendees.size(), 5u);
  const Attendee* chair = Find(doc, "Emilia Haverinen");
  ASSERT_NE(chair, nullptr);
  EXPECT_EQ(chair->status, "present");
  EXPECT_EQ(chair->role.value_or(""), "ordförande");
  EXPECT_TRUE(chair->remote);
  ASSERT_NE(Find(doc, "Elias Nystedt"), nullptr);
  EXPECT_EQ(Find(doc, "Elias Nystedt")->status, "absent");
  ASSERT_NE(Find(doc, "Alexander Isaksson"), nullptr);
  EXPECT_EQ(Find(doc, "Alexander Isaksson")->status, "substitute");
  ASSERT_NE(Find(doc, "Luzilla Backa"), nullptr);
  EXPECT_EQ(Find(doc, "Luzilla Backa")->role.value_or(""), "välfärdschef");
}

TEST(SegmentAttendees, TheBlockEndsAtProse) {
  ReaderFixture fixture({{"Närvarande:"}, {"Anna Berg"}, {"Mötet öppnades av Anna Berg som hälsade alla välkomna."},
                         {"Karl Svensson"}});
  Document doc;
  ReadAttendees(fixture.rc, {}, doc);
  ASSERT_EQ(doc.attendees.size(), 1u);
  EXPECT_EQ(doc.attendees[0].name, "Anna Berg");
}

TEST(SegmentAttendees, NamesStayWhenTheDocumentPrintsThemTheSameWay) {
  ReaderFixture fixture({{"Present:"}, {"Anna Berg"}, {"Karl Svensson"}, {"Anna Berg thanked everyone."}}, "en");
  Document doc;
  ReadAttendees(fixture.rc, {}, doc);
  NameOrderFromDocument(fixture.rc, doc);
  ASSERT_EQ(doc.attendees.size(), 2u);
  EXPECT_EQ(doc.attendees[0].name, "Anna Berg");
}

TEST(SegmentAttendees, ModelLabelledLinesInTheHead) {
  ReaderFixture fixture({{"Anna Berg, Karl Svensson och Per Olsson", LineLabel::kAttendance},
                         {"1. Mötets öppnande", LineLabel::kHeading},
                         {"2. Val av justerare", LineLabel::kHeading},
                         {"Lisa Holm, Eva Ek", LineLabel::kAttendance}});  // after the second item: not read
  Document doc;
  ReadAttendees(fixture.rc, {1, 2}, doc);
  ASSERT_EQ(doc.attendees.size(), 3u);
  EXPECT_EQ(doc.attendees[2].name, "Per Olsson");
}

TEST(SegmentAttendees, RollCallWithRolesSurnamesAndACount) {
  ReaderFixture fixture({{"ROLL CALL \u2013 Present: Councilmembers Daysog, deHaan, Gilmore,"},
                         {"Matarrese and Mayor Johnson \u2013 5."},
                         {"Absent: None."},
                         {"AGENDA CHANGES"},
                         {"ROLL CALL: Vice President Peter Horikoshi, Board Members Dean Batchelor, Jose"},
                         {"Villaflor and Executive Secretary Karen Willis"}},
                        "en");
  Document doc;
  ReadAttendees(fixture.rc, {}, doc);
  std::vector<std::string> names;
  for (const auto& attendee : doc.attendees) names.push_back(attendee.name + "/" + attendee.status);
  EXPECT_EQ(names, (std::vector<std::string>{"Daysog/present", "deHaan/present", "Gilmore/present", "Matarrese/present",
                                             "Johnson/present", "Peter Horikoshi/present", "Dean Batchelor/present",
                                             "Jose Villaflor/present", "Karen Willis/present"}));
}

}  // namespace
}  // namespace protokoll::reader
