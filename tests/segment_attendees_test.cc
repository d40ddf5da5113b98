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


std::vector<std::string> NamesAndStatus(const Document& doc) {
  std::vector<std::string> names;
  for (const auto& attendee : doc.attendees) names.push_back(attendee.name + "/" + attendee.status);
  return names;
}

// Archive minutes (SocialServiceHumanRelationsBoard 2008-06-26, 2012-09-13,
// GolfCommission 2005-02-16 in ../shared/corpus-batch): the roll call is a
// sentence of the first item.
TEST(SegmentAttendees, RollCallInProse) {
  ReaderFixture fixture({{"1. CALL TO ORDER and ROLL CALL: President Wasko called the meeting to order at 7:38 p.m."},
                         {"Present were President Wasko, Vice-President Chen, Members Franz, Villareal, and James. Members"},
                         {"Neilsen and Soglin were absent. Staff: Wright."},
                         {"2. APPROVAL OF MINUTES: The minutes were approved."}},
                        "en");
  Document doc;
  ReadAttendees(fixture.rc, {}, doc);
  EXPECT_EQ(NamesAndStatus(doc),
            (std::vector<std::string>{"Wasko/present", "Chen/present", "Franz/present", "Villareal/present",
                                      "James/present", "Neilsen/absent", "Soglin/absent", "Wright/present"}));
}

TEST(SegmentAttendees, RollCallAfterAColonInASentenceAndNone) {
  ReaderFixture fixture({{"Roll call was taken and members present were: Chair Sandr\u00e9 Swanson,"},
                         {"Vice Chair Tony Santare and Commissioner Bob Wood. Absent: None."},
                         {"The Commission approved the minutes unanimously."}},
                        "en");
  Document doc;
  ReadAttendees(fixture.rc, {}, doc);
  EXPECT_EQ(NamesAndStatus(doc), (std::vector<std::string>{"Sandr\u00e9 Swanson/present", "Tony Santare/present",
                                                           "Bob Wood/present"}));
}

TEST(SegmentAttendees, ProseThatNamesNoRollCallGivesNoOne) {
  ReaderFixture fixture({{"Chair Smith thanked the members present."}, {"The staff presented the report."}}, "en");
  Document doc;
  ReadAttendees(fixture.rc, {}, doc);
  EXPECT_TRUE(doc.attendees.empty());
}

// Archive minutes (AlamedaReuseandRedevelopmentAuthority 2005-01-05,
// 2009-11-04, RecreationandParkCommission 2009-07-09, CityCouncil
// 2009-08-03): a name a line after the header, a role, a place of work, slashes
// between roles, a list wrapped over lines under a bare header.
TEST(SegmentAttendees, OnePersonALineWithRoleAndOrganisation) {
  ReaderFixture fixture({{"Present:   Chair Beverly Johnson"},
                         {"Boardmember Lena Tam"},
                         {"Absent:    Beverly Daysog, Mayor, City of Alameda"},
                         {"2. CONSENT CALENDAR"}},
                        "en");
  Document doc;
  ReadAttendees(fixture.rc, {}, doc);
  EXPECT_EQ(NamesAndStatus(doc), (std::vector<std::string>{"Beverly Johnson/present", "Lena Tam/present",
                                                           "Beverly Daysog/absent"}));
  ASSERT_EQ(doc.attendees.size(), 3u);
  EXPECT_EQ(doc.attendees[2].organization.value_or(""), "City of Alameda");
  EXPECT_EQ(doc.attendees[2].role.value_or(""), "Mayor");
}

TEST(SegmentAttendees, WrappedListUnderABareHeaderAndRolesWithSlashes) {
  ReaderFixture fixture({{"1. ROLL CALL"},
                         {"Chair Terri Ogden, Vice Chair Joe Restagno, Commissioners Lola Brown, Michael Cooper, Jo"},
                         {"Kahuanui and Gina Mariani"},
                         {"ROLL CALL- Present: Councilmembers / Authority Members /"},
                         {"Commissioners deHaan, Gilmore, and Mayor/Chair Johnson \u2013 3."}},
                        "en");
  Document doc;
  ReadAttendees(fixture.rc, {}, doc);
  EXPECT_EQ(NamesAndStatus(doc),
            (std::vector<std::string>{"Terri Ogden/present", "Joe Restagno/present", "Lola Brown/present",
                                      "Michael Cooper/present", "Jo Kahuanui/present", "Gina Mariani/present",
                                      "deHaan/present", "Gilmore/present", "Johnson/present"}));
}

// "Name – Role, Organisation" a line (SubcommitteeoftheCityCouncilandSchoolBoard 2014-03-04).
TEST(SegmentAttendees, RoleAfterADash) {
  ReaderFixture fixture({{"ATTENDANCE:"}, {"Marie Gilmore \u2013 Mayor, City of Alameda"},
                         {"John Russo \u2013 City Manager, City of Alameda"}},
                        "en");
  Document doc;
  ReadAttendees(fixture.rc, {}, doc);
  EXPECT_EQ(NamesAndStatus(doc), (std::vector<std::string>{"Marie Gilmore/present", "John Russo/present"}));
  ASSERT_EQ(doc.attendees.size(), 2u);
  EXPECT_EQ(doc.attendees[1].role.value_or(""), "City Manager");
}

// A title ending in a role word is no name; a dash before words that hold
// no role is no "name – role".
TEST(SegmentAttendees, TitlesAreNoNames) {
  ReaderFixture fixture({{"Staff: Jane Chisaki, Library Director"}, {"2. ORAL COMMUNICATIONS"}}, "en");
  Document doc;
  ReadAttendees(fixture.rc, {}, doc);
  EXPECT_EQ(NamesAndStatus(doc), (std::vector<std::string>{"Jane Chisaki/present"}));
  ASSERT_EQ(doc.attendees.size(), 1u);
  EXPECT_EQ(doc.attendees[0].role.value_or(""), "Library Director");
  ReaderFixture dash({{"Present:"}, {"Alameda Point \u2013 Next Steps"}}, "en");
  Document none;
  ReadAttendees(dash.rc, {}, none);
  EXPECT_TRUE(none.attendees.empty());
}

}  // namespace
}  // namespace protokoll::reader
