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

}  // namespace
}  // namespace protokoll::reader
