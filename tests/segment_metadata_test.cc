// Metadata in the generic reader (reader/metadata.cc): the body from an
// organisation's name in the head, officers from prose before or after the
// election words, item letters and headings in capitals are no names, and an
// officer is named as the attendance list names them.
#include <gtest/gtest.h>

#include "reader_fixture.h"

namespace protokoll::reader {
namespace {

using testing::ReaderFixture;

Metadata Read(ReaderFixture& fixture, std::vector<size_t> headings = {}, std::vector<Attendee> attendees = {}) {
  Document doc;
  doc.attendees = std::move(attendees);
  ReadMetadata(fixture.rc, headings, doc);
  return doc.metadata;
}

TEST(SegmentMetadata, BodyFromAnOrganisationsName) {
  ReaderFixture swedish({{"Protokoll fört vid styrelsemöte i Stenålderns samfällighetsförening"}, {"Datum: 2024-09-26"}});
  EXPECT_EQ(Read(swedish).body.value_or(""), "Stenålderns samfällighetsförening");
  ReaderFixture capitals({{"ÅRSMØTE FOR 2013 I SAMEIET FB2"}, {"Dato: 10. april 2014"}}, "nb");
  EXPECT_EQ(Read(capitals).body.value_or(""), "Sameiet FB2");
  ReaderFixture address({{"Referat fra årsmøte i Sameiet Folke Bernadottes vei 2"}}, "nb");
  EXPECT_EQ(Read(address).body.value_or(""), "Sameiet Folke Bernadottes vei 2");
  ReaderFixture danish({{"Referat af ordinær generalforsamling i Grundejerforeningen Borrehøj 29. marts 2023"}}, "da");
  EXPECT_EQ(Read(danish).body.value_or(""), "Grundejerforeningen Borrehøj");
}

TEST(SegmentMetadata, ACommonWordAloneIsNoBody) {
  ReaderFixture fixture({{"Mötet med styrelsen"}, {"Datum: 2024-09-26"}});
  EXPECT_FALSE(Read(fixture).body.has_value());
}

TEST(SegmentMetadata, ChairFromTheElectionItemsText) {
  ReaderFixture fixture({{"Referat"}, {"B Valg av møteleder"}, {"Helge Smebye ble valgt."}}, "nb");
  EXPECT_EQ(Read(fixture, {1}).chair.value_or(""), "Helge Smebye");
}

TEST(SegmentMetadata, ChairBeforeTheElectionWords) {
  ReaderFixture fixture({{"Protokoll"}, {"3. Val av ordförande"}, {"Anna Berg valdes till ordförande för mötet."}});
  EXPECT_EQ(Read(fixture, {1}).chair.value_or(""), "Anna Berg");
}

TEST(SegmentMetadata, OfficerNamedAsTheAttendanceListNamesThem) {
  ReaderFixture fixture({{"Protokoll"}, {"Ordförande: Frostdahl-Blomqvist Siw"}});
  Attendee siw;
  siw.name = "Siw Frostdahl-Blomqvist";
  siw.status = "present";
  EXPECT_EQ(Read(fixture, {}, {siw}).chair.value_or(""), "Siw Frostdahl-Blomqvist");
}

TEST(SegmentMetadata, FormPrintedInTwoColumns) {
  // Labels in one column, values in the next: the text layer reads all labels first.
  ReaderFixture fixture({{"Organ"},
                         {"Sammanträdestid"},
                         {"Sammanträdesplats"},
                         {"Ärenden"},
                         {"Personalsektionen"},
                         {"28.3.2023 kl. 15.02–16.55"},
                         {"Stadshuset, Topeliusesplanaden 7"},
                         {"13-24"}});
  const Metadata m = Read(fixture);
  EXPECT_EQ(m.body.value_or(""), "Personalsektionen");
  EXPECT_EQ(m.place.value_or(""), "Stadshuset, Topeliusesplanaden 7");
  EXPECT_EQ(m.date.value_or(""), "2023-03-28");
}

// Written from the Lapua pöytäkirja read without its module; measured on
// the Nykarleby protocols (their header "Protokoll 2/2023" too).
TEST(SegmentMetadata, ReferenceAndBodyFromTheRunningHeader) {
  ReaderFixture fixture({{"Aika 26.10.2021 klo 17:32 - 18:56"}, {"Paikka Lautakunnan kokoushuone"}}, "fi");
  PageRecord page;
  page.number = 1;
  page.header = "Lapuan kaupunki Pöytäkirja 5/2021\nYmpäristölautakunta 26.10.2021";
  fixture.laid.pages = {page};
  const Metadata m = Read(fixture);
  EXPECT_EQ(m.date.value_or(""), "2021-10-26");
  EXPECT_EQ(m.reference.value_or(""), "5/2021");
  EXPECT_EQ(m.body.value_or(""), "Ympäristölautakunta");
  // A header naming the meeting, not the body, gives no body.
  ReaderFixture english({{"Date: January 5, 2011"}}, "en");
  page.header = "Regular Meeting of January 5, 2011";
  english.laid.pages = {page};
  EXPECT_FALSE(Read(english).body.has_value());
}

Attendee Person(const std::string& name, const std::string& role) {
  Attendee attendee;
  attendee.name = name;
  attendee.status = "present";
  attendee.role = role;
  return attendee;
}

// Archive minutes (CivilServiceBoard 2006-10-04, 2008-10-01 in
// ../shared/corpus-batch): "Executive Secretary Karen Willis", "Board
// President Michael Rich"; a "Vice President" is no chair.
TEST(SegmentMetadata, OfficersFromQualifiedRoles) {
  ReaderFixture fixture({{"Minutes"}}, "en");
  const Metadata m = Read(fixture, {},
                          {Person("Peter Horikoshi", "Vice President"), Person("Michael Rich", "Board President"),
                           Person("Karen Willis", "Executive Secretary")});
  EXPECT_EQ(m.chair.value_or(""), "Michael Rich");
  EXPECT_EQ(m.secretary.value_or(""), "Karen Willis");
  ReaderFixture vice({{"Minutes"}}, "en");
  EXPECT_FALSE(Read(vice, {}, {Person("Peter Horikoshi", "Vice President")}).chair.has_value());
}

TEST(SegmentMetadata, PlaceInCapitalsInASentencesCase) {
  ReaderFixture fixture({{"Protokoll"}, {"Sted: FRIVILLIGHETSSENTRALEN SOGN, MINISTER DITLEVSVEI 22"}}, "nb");
  EXPECT_EQ(Read(fixture).place.value_or(""), "Frivillighetssentralen Sogn, Minister Ditlevsvei 22");
}

TEST(SegmentMetadata, SecretaryElectedInNorwegianProse) {
  ReaderFixture fixture({{"Referat"}, {"C. Valg av protokollf\u00f8rer"},
                         {"Sigrun Reinhardtsen ble valgt som protokollf\u00f8rer uten motkandidater."}},
                        "nb");
  EXPECT_EQ(Read(fixture, {1}).secretary.value_or(""), "Sigrun Reinhardtsen");
}


// A body label opens a field only when a colon or a column sets it off:
// "Board approval. …" opens a sentence ("COUNCIL CHAMBERS, CITY HALL" a place).
TEST(SegmentMetadata, BodyLabelSetOffFromItsValue) {
  ReaderFixture field({{"Minutes"}, {"Committee: Finance Committee"}}, "en");
  EXPECT_EQ(Read(field).body.value_or(""), "Finance Committee");
  ReaderFixture sentence({{"Minutes"}, {"Board approval. Executive Secretary Willis handed out a corrected copy of"}}, "en");
  EXPECT_NE(Read(sentence).body.value_or(""), "approval. Executive Secretary Willis handed out a corrected copy of");
  ReaderFixture lower({{"Minutes"}, {"committee was held on the date and place mentioned above."}}, "en");
  EXPECT_FALSE(Read(lower).body.has_value());
}


// Archive minutes (GolfCommission 2005-02-16, SocialServiceHumanRelationsBoard
// 2008-06-26): the chair named by role where the meeting is opened.
TEST(SegmentMetadata, ChairWhoOpenedTheMeeting) {
  ReaderFixture full({{"MINUTES OF MEETING"}, {"Chair Sandr\u00e9 Swanson called the meeting to order at 7:00 p.m."}}, "en");
  EXPECT_EQ(Read(full).chair.value_or(""), "Sandr\u00e9 Swanson");
  ReaderFixture surname({{"Minutes"}, {"1. CALL TO ORDER: President Wasko called the meeting to order at 7:38 p.m."}}, "en");
  EXPECT_EQ(Read(surname).chair.value_or(""), "Wasko");
  ReaderFixture none({{"Minutes"}, {"The meeting was called to order at 7:38 p.m. by the Chair."}}, "en");
  EXPECT_FALSE(Read(none).chair.has_value());
}


// A signature block with an adjuster's column beside the officers'.
TEST(SegmentMetadata, SignatureColumnsWithAnAdjuster) {
  ReaderFixture fixture({{"Protokoll"}, {"Vid protokollet Ordf\u00f6rande Justerare"},
                         {"Ingrid T\u00f6nsg\u00e5rd Carl T\u00f6nsg\u00e5rd Hans Andersson"}});
  const Metadata m = Read(fixture);
  EXPECT_EQ(m.secretary.value_or(""), "Ingrid T\u00f6nsg\u00e5rd");
  EXPECT_EQ(m.chair.value_or(""), "Carl T\u00f6nsg\u00e5rd");
}

// A form read column by column: the secretary's label among the others, its
// value among theirs; a label under a label is no value.
TEST(SegmentMetadata, OfficerFromAFormReadInColumns) {
  ReaderFixture fixture({{"Protokoll", LineLabel::kTitle},
                         {"Datum:"},
                         {"Ort:"},
                         {"Protokollf\u00fchrer:"},
                         {"Anw. Mitglieder:"},
                         {"22.06.2019"},
                         {"Geleitstrasse 10, 96450 Coburg"},
                         {"Benedikt Conrad"},
                         {"8"}},
                        "de");
  EXPECT_EQ(Read(fixture).secretary.value_or(""), "Benedikt Conrad");
}

}  // namespace
}  // namespace protokoll::reader
