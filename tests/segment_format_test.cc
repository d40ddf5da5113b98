// segment: metadata, attendees, items, presenters, speakers and decisions
// per minutes format. Plain texts become laid-out lines through
// LinesFromText (one line per non-blank text line, a larger gap after blank
// lines, a new page at a form feed); PDFs go through the whole pipeline.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "protokoll/extractor.h"
#include "protokoll/paragraphs.h"
#include "protokoll/pipeline.h"
#include "protokoll/segment.h"
#include "test_support.h"

namespace protokoll {
namespace {

constexpr double kCharWidth = 5.5, kLineHeight = 12, kFontSize = 11;

// A LaidOutDocument from plain text, the way LayOut would give it for a
// simple one-column page: leading spaces move the line right.
// `empty_line_is_gap`: false for pdftotext output, whose empty lines fall
// inside paragraphs while lines of spaces mark real vertical gaps.
LaidOutDocument LinesFromText(std::string_view text, bool empty_line_is_gap = true) {
  LaidOutDocument laid;
  int page = 1;
  double y = 60, pending_gap = 0;
  bool first_on_page = true;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(pos, end - pos));
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find('\f') != std::string::npos) {
      line.erase(std::remove(line.begin(), line.end(), '\f'), line.end());
      ++page, y = 60, first_on_page = true, pending_gap = 0;
    }
    size_t lead = line.find_first_not_of(' ');
    if (lead == std::string::npos) {
      if (empty_line_is_gap || !line.empty()) pending_gap += kLineHeight;
      if (end == text.size()) break;
      continue;
    }
    size_t last = line.find_last_not_of(' ');
    TextLine l;
    l.text = line.substr(lead, last - lead + 1);
    l.page = page;
    const double gap = first_on_page ? y : 0.3 * kLineHeight + pending_gap;
    y += first_on_page ? 0 : gap + 0.9 * kLineHeight;
    size_t chars = 0;
    for (unsigned char c : l.text) chars += (c & 0xC0) != 0x80;
    l.box = Box{50 + lead * kCharWidth, y, 50 + (lead + chars) * kCharWidth, y + 0.9 * kLineHeight};
    l.font_size = kFontSize;
    l.gap_before = gap;
    l.first_on_page = first_on_page;
    l.block = page * 10000;
    laid.lines.push_back(std::move(l));
    first_on_page = false, pending_gap = 0;
    if (end == text.size()) break;
  }
  laid.body_font_size = kFontSize;
  laid.body_left = 50;
  for (int p = 1; p <= page; ++p) {
    PageRecord record;
    record.number = p;
    laid.pages.push_back(record);
  }
  return laid;
}

Document SegmentText(std::string_view text, bool empty_line_is_gap = true) {
  LaidOutDocument laid = LinesFromText(text, empty_line_is_gap);
  std::vector<std::string> words = CollectDocumentWords(laid.lines);
  HyphenationContext context{nullptr, &words};
  Document doc;
  Segment(laid, context, NullLogger(), doc);
  return doc;
}

Document DerivePdf(const std::string& path) {
  Extractor extractor(ExtractOptions{OcrMode::kNever}, NullLogger());
  auto raw = extractor.ExtractFile(path);
  EXPECT_TRUE(raw.ok()) << path;
  if (!raw.ok()) return Document{};
  return DeriveDocument(*raw, nullptr, NullLogger());
}

const Attendee* FindAttendee(const Document& doc, const std::string& name) {
  for (const auto& a : doc.attendees)
    if (a.name == name) return &a;
  return nullptr;
}

const Item* FindItem(const Document& doc, const std::string& number) {
  for (const auto& i : doc.items)
    if (i.number == number) return &i;
  return nullptr;
}

// The paragraph of `item` whose text starts with `prefix`.
const Paragraph* FindParagraph(const Item& item, const std::string& prefix) {
  for (const auto& p : item.paragraphs)
    if (p.text.rfind(prefix, 0) == 0) return &p;
  return nullptr;
}

std::string SpeakerOf(const Paragraph* p) {
  if (!p) return "<no paragraph>";
  return p->speaker.value_or("<null>") + "/" + p->speaker_source.value_or("<null>");
}

std::string ReadData(const std::string& name) {
  return testing::ReadFileOrDie(testing::SourceDir() + "/tests/data/segment/" + name);
}

}  // namespace


TEST(SegmentMotesanteckningar, RegionStockholmHsnText) {
  const std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "no corpus";
  Document doc = SegmentText(
      testing::ReadFileOrDie(corpus + "/se-region-stockholm/HSN-2025-0125-motesanteckningar.txt"), false);
  EXPECT_EQ(doc.language, "sv");
  EXPECT_EQ(doc.metadata.title, "Mötesanteckningar");
  EXPECT_EQ(doc.metadata.reference, "HSN 2025-0125");
  EXPECT_EQ(doc.metadata.body, "Samverkan mellan pensionärsorganisationerna och hälso- och sjukvårdsförvaltningen");
  EXPECT_EQ(doc.metadata.date, "2025-04-10");
  EXPECT_EQ(doc.metadata.start_time, "13:00");
  EXPECT_EQ(doc.metadata.end_time, "14:30");
  EXPECT_EQ(doc.metadata.place, "Järntorget, Lindhagensgatan 98");
  EXPECT_EQ(doc.metadata.secretary, "William Stampe");
  EXPECT_EQ(doc.metadata.next_meeting, "2025-06-12");
  EXPECT_FALSE(doc.metadata.chair);

  ASSERT_EQ(doc.attendees.size(), 9u);
  const Attendee* karin = FindAttendee(doc, "Karin Nilsson");
  ASSERT_TRUE(karin);
  EXPECT_EQ(karin->organization, "Förvaltningen");
  EXPECT_TRUE(karin->remote);
  EXPECT_EQ(karin->status, "present");
  const Attendee* sven = FindAttendee(doc, "Sven Erik Wånell");
  ASSERT_TRUE(sven);
  EXPECT_EQ(sven->organization, "PRO");
  EXPECT_FALSE(sven->remote);
  ASSERT_TRUE(FindAttendee(doc, "Ewa Kardell"));
  EXPECT_EQ(FindAttendee(doc, "Ewa Kardell")->organization, "SPF Seniorerna");
  ASSERT_TRUE(FindAttendee(doc, "Anders Ahlsson"));
  EXPECT_EQ(FindAttendee(doc, "Anders Ahlsson")->role, "hälso- och sjukvårdsdirektör");

  std::vector<std::string> numbers;
  for (const auto& i : doc.items) numbers.push_back(i.number);
  EXPECT_EQ(numbers, (std::vector<std::string>{"1", "2", "3", "4", "5", "6"}));
  const Item* three = FindItem(doc, "3");
  ASSERT_TRUE(three);
  EXPECT_EQ(three->title, "Aktuellt vid förvaltningen/fråga ang. vårdköer/bevakningslista");
  EXPECT_EQ(three->presenters, std::vector<std::string>{"Anders Ahlsson"});
  EXPECT_EQ(FindItem(doc, "5")->title, "Återkoppling färdigställd målbild och strategisk plan HS2040");
  EXPECT_EQ(FindItem(doc, "4")->presenters, std::vector<std::string>{"Karin Nilsson"});
  EXPECT_TRUE(FindItem(doc, "1")->presenters.empty());

  // Speakers: explicit by first or full name, "Rådet", continued, and a heading line with none.
  const Paragraph* tells = FindParagraph(*three, "Anders berättar att Stockholm ligger bra till vad gäller slutenvårdskapacitet");
  EXPECT_EQ(SpeakerOf(tells), "Anders Ahlsson/explicit");
  EXPECT_EQ(SpeakerOf(FindParagraph(*three, "Rådets fråga angående status slutenvårdsplatser")), "Anders Ahlsson/presenter");
  EXPECT_EQ(SpeakerOf(FindParagraph(*three, "Anders menar")), "Anders Ahlsson/explicit");
  EXPECT_EQ(SpeakerOf(FindParagraph(*three, "När vi lägger framtidsplanen")), "Anders Ahlsson/continued");
  EXPECT_EQ(SpeakerOf(FindParagraph(*three, "Rådet lyfter frågan")), "Rådet/explicit");
  EXPECT_EQ(SpeakerOf(FindParagraph(*FindItem(doc, "1"), "Anders Ahlsson, hälso- och sjukvårdsdirektör, öppnar")),
            "Anders Ahlsson/explicit");
  EXPECT_EQ(SpeakerOf(FindParagraph(*FindItem(doc, "4"), "Karin arbetar som")), "Karin Nilsson/explicit");
  EXPECT_EQ(SpeakerOf(FindParagraph(*FindItem(doc, "5"), "Fanny projektleder")), "Fanny Reuter/explicit");
  EXPECT_EQ(SpeakerOf(FindParagraph(*FindItem(doc, "2"), "Mötesanteckningar från föregående möte")), "<null>/<null>");
  // The secretary's signature is not an item paragraph.
  for (const auto& item : doc.items)
    for (const auto& p : item.paragraphs) {
      EXPECT_EQ(p.text.find("Vid anteckningarna"), std::string::npos);
      EXPECT_NE(p.text, "William Stampe");
    }
}

TEST(SegmentMotesanteckningar, SyntheticCouncilNotes) {
  Document doc = SegmentText(ReadData("radsmote.txt"));
  EXPECT_EQ(doc.metadata.title, "Mötesanteckningar");
  EXPECT_EQ(doc.metadata.reference, "RÅD 2024-0042");
  EXPECT_EQ(doc.metadata.body, "Samråd mellan länets idrottsföreningar och kultur- och fritidsförvaltningen");
  EXPECT_EQ(doc.metadata.date, "2024-09-03");
  EXPECT_EQ(doc.metadata.start_time, "09:15");
  EXPECT_EQ(doc.metadata.end_time, "10:45");
  EXPECT_EQ(doc.metadata.secretary, "Nils Ek");
  EXPECT_EQ(doc.metadata.next_meeting, "2024-11-05");
  ASSERT_EQ(doc.attendees.size(), 6u);
  EXPECT_TRUE(FindAttendee(doc, "Olof Berg") && FindAttendee(doc, "Olof Berg")->remote);
  EXPECT_EQ(FindAttendee(doc, "Mira Holt")->organization, "Simklubben");
  EXPECT_EQ(FindAttendee(doc, "Jonas Lind")->role, "fritidschef");
  ASSERT_EQ(doc.items.size(), 3u);
  const Item& two = doc.items[1];
  EXPECT_EQ(two.title, "Aktuellt om hallbokning/nya regler för vintersäsongen");
  EXPECT_EQ(two.presenters, std::vector<std::string>{"Elsa Grön"});
  EXPECT_EQ(SpeakerOf(FindParagraph(two, "Elsa berättar")), "Elsa Grön/explicit");
  EXPECT_EQ(SpeakerOf(FindParagraph(two, "Den gamla kalendern")), "Elsa Grön/continued");
  EXPECT_EQ(SpeakerOf(FindParagraph(two, "Lena undrar")), "Lena Ström/explicit");
  EXPECT_EQ(SpeakerOf(FindParagraph(two, "Styrelsen framför")), "Styrelsen/explicit");
  EXPECT_EQ(SpeakerOf(FindParagraph(doc.items[2], "Inga övriga")), "<null>/<null>");
}

TEST(SegmentEnglish, SyntheticParishCouncil) {
  Document doc = SegmentText(ReadData("council.txt"));
  EXPECT_EQ(doc.language, "en");
  EXPECT_EQ(doc.metadata.body, "Lakeview Parish Council");
  EXPECT_EQ(doc.metadata.date, "2025-06-09");
  EXPECT_EQ(doc.metadata.start_time, "18:30");
  EXPECT_EQ(doc.metadata.place, "Village Hall, Church Lane");
  EXPECT_EQ(doc.metadata.chair, "Helen Ward");
  EXPECT_EQ(doc.metadata.next_meeting, "2025-07-14");
  ASSERT_TRUE(FindAttendee(doc, "Paul Grey"));
  EXPECT_EQ(FindAttendee(doc, "Paul Grey")->status, "absent");
  ASSERT_TRUE(FindAttendee(doc, "Jane Hill"));
  EXPECT_EQ(FindAttendee(doc, "Jane Hill")->role, "Parish Clerk");
  ASSERT_EQ(doc.items.size(), 3u);
  const Item& play = doc.items[1];
  EXPECT_EQ(play.title, "Play area");
  EXPECT_EQ(play.presenters, std::vector<std::string>{"Tom Reed"});
  EXPECT_EQ(SpeakerOf(FindParagraph(play, "Cllr Fox asked")), "Amy Fox/explicit");
  ASSERT_EQ(play.decisions.size(), 1u);
  EXPECT_EQ(play.decisions[0].text.rfind("RESOLVED: That the council accept", 0), 0u);
  EXPECT_TRUE(doc.items[0].decisions.empty());
}

TEST(SegmentParagraf, NykarlebyYouthCouncilPdf) {
  const std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "no corpus";
  Document doc = DerivePdf(corpus + "/fi-nykarleby-sv/ungdomsfullmaktige_protokoll_30_01_2023_16_15_153457.pdf");
  EXPECT_EQ(doc.language, "sv");
  EXPECT_EQ(doc.metadata.title, "Protokoll");
  EXPECT_EQ(doc.metadata.reference, "1/2023");
  EXPECT_EQ(doc.metadata.body, "Ungdomsfullmäktige");
  EXPECT_EQ(doc.metadata.date, "2023-01-30");
  EXPECT_EQ(doc.metadata.start_time, "16:15");
  EXPECT_EQ(doc.metadata.end_time, "18:35");
  EXPECT_EQ(doc.metadata.chair, "Emilia Haverinen");
  EXPECT_EQ(doc.metadata.secretary, "Katarina Östman");
  EXPECT_EQ(doc.metadata.adjusters, (std::vector<std::string>{"Evelina Sundvik", "Tindra Wingren"}));
  ASSERT_TRUE(FindAttendee(doc, "Emilia Haverinen"));
  EXPECT_TRUE(FindAttendee(doc, "Emilia Haverinen")->remote);
  EXPECT_EQ(FindAttendee(doc, "Ella Liljeqvist")->status, "absent");
  EXPECT_EQ(FindAttendee(doc, "William Sjöström")->status, "present");  // second column, still ordinarie
  EXPECT_EQ(FindAttendee(doc, "Alexander Isaksson")->status, "substitute");
  EXPECT_EQ(FindAttendee(doc, "Luzilla Backa")->role, "välfärdschef");
  // Items 1-9 in order, none from the table of contents twice.
  std::vector<std::string> numbers;
  for (const auto& i : doc.items) numbers.push_back(i.number);
  EXPECT_EQ(numbers, (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9"}));
  EXPECT_EQ(doc.items[1].title, "Val av protokolljusterare");
  for (const auto& i : doc.items) EXPECT_FALSE(i.decisions.empty()) << i.number;
  for (const auto& p : doc.preamble) EXPECT_EQ(p.text.find("......"), std::string::npos);
}

TEST(SegmentParagraf, NykarlebyPersonnelSectionPdf) {
  const std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "no corpus";
  Document doc = DerivePdf(corpus + "/fi-nykarleby-sv/personalsektionen_protokoll_28_03_2023_15_00_159076.pdf");
  EXPECT_EQ(doc.metadata.body, "Personalsektionen");
  EXPECT_EQ(doc.metadata.reference, "2/2023");
  EXPECT_EQ(doc.metadata.date, "2023-03-28");
  EXPECT_EQ(doc.metadata.start_time, "15:02");
  EXPECT_EQ(doc.metadata.end_time, "16:55");
  EXPECT_EQ(doc.metadata.chair, "Siw Frostdahl-Blomqvist");
  EXPECT_EQ(doc.metadata.adjusters, (std::vector<std::string>{"Marika Holmberg", "Tobias Wik"}));
  EXPECT_EQ(FindAttendee(doc, "Steven Frostdahl")->status, "absent");
  EXPECT_EQ(FindAttendee(doc, "Marléne Lindgrén")->remote, true);
  EXPECT_EQ(FindAttendee(doc, "Maria Palm"), nullptr);  // a deputy not called in
  ASSERT_EQ(doc.items.size(), 12u);
  EXPECT_EQ(doc.items.front().number, "13");
  EXPECT_EQ(doc.items.back().number, "24");
  const Item* first = FindItem(doc, "13");
  ASSERT_EQ(first->decisions.size(), 1u);
  EXPECT_EQ(first->decisions[0].text.rfind("Sammanträdet konstaterades", 0), 0u);
  EXPECT_EQ(SpeakerOf(FindParagraph(*first, "Ordförande öppnar")), "Ordförande/explicit");
  EXPECT_EQ(SpeakerOf(FindParagraph(*first, "Personalsektionens beslut:")), "<null>/<null>");
}

TEST(SegmentSamples, RenderedSamplePdfs) {
  const std::string samples = testing::SourceDir() + "/samples/";
  if (!std::filesystem::exists(samples + "valfardsnamnden-protokoll-2025-04-14.pdf")) GTEST_SKIP();
  Document v = DerivePdf(samples + "valfardsnamnden-protokoll-2025-04-14.pdf");
  EXPECT_EQ(v.metadata.body, "Välfärdsnämnden");
  EXPECT_EQ(v.metadata.date, "2025-04-14");
  EXPECT_EQ(v.metadata.next_meeting, "2025-05-19");
  EXPECT_EQ(FindAttendee(v, "Emil Kronqvist")->status, "substitute");
  ASSERT_EQ(v.items.size(), 7u);
  EXPECT_EQ(FindItem(v, "25")->title, "Utvidgning av stödet för närståendevård samt ändring av arvodesklasserna från 1.7.2025");
  EXPECT_EQ(FindItem(v, "24")->presenters, std::vector<std::string>{"Annika Back"});

  Document r = DerivePdf(samples + "riverton-council-minutes-2025-03-04.pdf");
  ASSERT_EQ(r.items.size(), 7u);
  EXPECT_EQ(r.items[3].title, "Public Works report on the lead service line replacement program");
  EXPECT_EQ(r.metadata.secretary, "Susan Miller");
  EXPECT_EQ(SpeakerOf(FindParagraph(r.items[3], "Councillor Raman asked")), "Priya Raman/explicit");
  EXPECT_EQ(r.items[5].decisions.size(), 1u);
}

// Association minutes: the agenda before "Noteringar" is no item, a heading
// whose number a scan lost is the one title line in its gap, one person per
// attendance line with role and address, signatures name secretary and chair.
TEST(SegmentForening, BoardMinutesWithAgendaAndNotes) {
  Document doc = SegmentText(R"(Ekbackens samfällighetsförening PROTOKOLL
Styrelsemöte
Tid:        Tisdag 2019-03-12, kl 19:00
Plats:      Ekbacksvägen 12
Närvarande: Anna Berg ordf nr 12, gård 1
                Per Ek ledamot nr 4, gård 2
                Lisa Holm suppleant nr 9, gård 1
Frånvarande: Olle Dahl sekr nr 3, gård 2

Dagordning
   1. Föregående mötes protokoll
   2. Ekonomi
   3. Nästa möte

Noteringar
   1. Föregående mötes protokoll
        Godkändes.

      Ekonomi
        Per berättar att alla har betalt avgiften.

   3. Nästa möte
        2019-04-09 kl 19.00

Vid protokollet            Justeras
Per Ek                     Anna Berg
Sekreterare                Ordförande
)");
  EXPECT_EQ(doc.language, "sv");
  EXPECT_EQ(doc.metadata.body, "Ekbackens samfällighetsförening");
  EXPECT_EQ(doc.metadata.date, "2019-03-12");
  EXPECT_EQ(doc.metadata.start_time, "19:00");
  EXPECT_EQ(doc.metadata.place, "Ekbacksvägen 12");
  ASSERT_EQ(doc.attendees.size(), 4u);
  EXPECT_EQ(doc.attendees[0].name, "Anna Berg");
  EXPECT_EQ(doc.attendees[0].role, "ordf");
  EXPECT_EQ(doc.attendees[2].name, "Lisa Holm");
  EXPECT_EQ(doc.attendees[2].status, "present");
  EXPECT_EQ(doc.attendees[3].name, "Olle Dahl");
  EXPECT_EQ(doc.attendees[3].status, "absent");
  ASSERT_EQ(doc.items.size(), 3u);
  EXPECT_EQ(doc.items[0].title, "Föregående mötes protokoll");
  EXPECT_EQ(doc.items[1].number, "2");
  EXPECT_EQ(doc.items[1].title, "Ekonomi");
  EXPECT_EQ(doc.items[2].title, "Nästa möte");
  EXPECT_EQ(SpeakerOf(FindParagraph(doc.items[1], "Per berättar")), "Per Ek/explicit");
  EXPECT_EQ(doc.metadata.secretary, "Per Ek");
  EXPECT_EQ(doc.metadata.chair, "Anna Berg");
}

// A notice (kallelse) lists the meeting's points under "Dagordning"; with
// no "Noteringar" they are the items, and an attachment's numbered sections
// (back at 1, another column) are not.
TEST(SegmentForening, NoticeWithAgendaAndAttachment) {
  Document doc = SegmentText(R"(Brf Solgläntan
Kallelse till föreningsstämma 2024-05-20
Tid:      Kl 18.30
Plats:    Föreningslokalen

DAGORDNING
   1. Stämmans öppnande
   2. Val av ordförande för stämman
   3. Årsredovisning
      (Bilaga 1)
   4. Stämmans avslutande

Bilaga 1
1. Allmänt
Föreningen har haft ett lugnt år.
2. Ekonomi
Resultatet blev positivt.
)");
  EXPECT_EQ(doc.metadata.body, "Brf Solgläntan");
  EXPECT_EQ(doc.metadata.date, "2024-05-20");
  EXPECT_EQ(doc.metadata.start_time, "18:30");
  EXPECT_TRUE(doc.attendees.empty());
  ASSERT_EQ(doc.items.size(), 4u);
  EXPECT_EQ(doc.items[2].title, "Årsredovisning (Bilaga 1)");
  EXPECT_EQ(doc.items[3].title, "Stämmans avslutande");
}

// Only where exactly as many title lines stand in a gap as numbers are
// missing are they taken: here two candidates for one number, so none.
TEST(SegmentForening, AmbiguousGapStaysUnfilled) {
  Document doc = SegmentText(R"(Ekbackens samfällighetsförening
Protokoll styrelsemöte 2019-03-12
Närvarande: Anna Berg, Per Ek

   1. Mötets öppnande
        Anna öppnade mötet.

      Ekonomi
        Alla har betalt.

      Underhåll
        Lampan är bytt.

   3. Mötets avslutande
)");
  ASSERT_EQ(doc.items.size(), 2u);
  EXPECT_EQ(doc.items[0].number, "1");
  EXPECT_EQ(doc.items[1].number, "3");
  ASSERT_EQ(doc.attendees.size(), 2u);
  EXPECT_EQ(doc.attendees[1].name, "Per Ek");
}

// Nykarleby §-protokoll whose § pages were OCR'd: the contents list on the
// cover (intact glyph map, leaders typeset or OCR'd) confirms and repairs
// the headings; a § whose heading is lost opens where the page's running
// header names it; § numbers in an appended document are no items.
TEST(SegmentParagraf, ContentsListRepairsOcrHeadings) {
  LaidOutDocument laid = LinesFromText(
      "Protokoll 2/2023\n"
      "Organ Personalsektionen\n"
      "Sammanträdestid 28.3.2023 kl. 15.02–16.55\n"
      "Sammanträdesplats Stadshuset\n"
      "\n"
      "Beslutande\n"
      "[X] Norrgård Martn, ordförande\n"
      "[ ] Frostdahl Steven\n"
      "\n"
      "Övriga närvarande\n"
      "Emilia Ingman, planläggningschef, 13-14 §\n"
      "\f"
      "Ärenden\n"
      "13 § Sammanträdets laglighet och beslutförhet ........................ 1\n"
      "14 § Val av protokolljusterare . . . . . . . . . . . . 2\n"
      "15 § Personalenkät 2022 ……………… 3\n"
      "- Bil. Personalenkät 2022 ........................ 4\n"
      "16 § Uppvaktningar och gåvor _ _ _ _ _ _ _ _ 5\n"
      "\f"
      "13 § Sammanträdets laglighet och beslutfrhet\n"
      "Ordförande öppnar sammanträdet.\n"
      "\f"
      "148 Val av protokolljusterare\n"
      "Till protokolljusterare valdes Martin Norrgård.\n"
      "\n"
      "Emilia Ingman redogör för ärendet.\n"
      "\f"
      "Personalsektionen antecknade enkäten för kännedom.\n"
      "\f"
      "1 § Kommunarbetsgivarnas anvisningar för de lokala justeringspotterna\n"
      "\n"
      "Martin Norrgård fungerade som ordförande.\n"
      "\f"
      "168 uppvaktningar och gavor\n"
      "Frej Strang inlämnade en motion om gåvor.\n");
  // Pages 3-7 were read by OCR; their running headers went to the page records.
  for (auto& line : laid.lines)
    if (line.page >= 3) line.ocr = true;
  laid.pages[2].header = "Protokoll 13 § 28.03.2023 Sida\nPersonalsektionen 1";
  laid.pages[3].header = "Protokoll 148 28.03.2023 Sida\nPersonalsektionen 2";
  laid.pages[4].header = "Protokoll 158 28.03.2023 Sida\nPersonalsektionen 3";
  laid.pages[5].header = "Bilaga Personalsektionen, 28.03.2023 § 15";
  laid.pages[6].header = "Protokoll 168 28.03.2023 Sida\nPersonalsektionen 5";
  std::vector<std::string> words = CollectDocumentWords(laid.lines);
  HyphenationContext context{nullptr, &words};
  Document doc;
  Segment(laid, context, NullLogger(), doc);

  std::vector<std::pair<std::string, std::string>> items;
  for (const auto& i : doc.items) items.emplace_back(i.number, i.title);
  EXPECT_EQ(items, (std::vector<std::pair<std::string, std::string>>{
                       {"13", "Sammanträdets laglighet och beslutförhet"},  // broken glyph map, title from the contents
                       {"14", "Val av protokolljusterare"},                 // "148": '§' read as '8'
                       {"15", "Personalenkät 2022"},                        // heading lost, page header names it
                       {"16", "Uppvaktningar och gåvor"}}));                // misread title repaired
  ASSERT_EQ(doc.items.size(), 4u);
  EXPECT_EQ(doc.items[2].page, 5);
  ASSERT_TRUE(FindParagraph(doc.items[2], "1 § Kommunarbetsgivarnas"));  // the appendix stays with its §
  EXPECT_EQ(SpeakerOf(FindParagraph(doc.items[2], "Martin Norrgård fungerade")), "<null>/<null>");
  EXPECT_EQ(SpeakerOf(FindParagraph(doc.items[3], "Frej Strang inlämnade")), "Frej Strang/explicit");
  EXPECT_EQ(SpeakerOf(FindParagraph(doc.items[1], "Emilia Ingman redogör")), "Emilia Ingman/explicit");
  // Names as the rest of the document prints them.
  ASSERT_TRUE(FindAttendee(doc, "Martin Norrgård"));  // "Martn": a glyph the broken map dropped
  EXPECT_EQ(doc.metadata.chair, "Martin Norrgård");
  ASSERT_TRUE(FindAttendee(doc, "Emilia Ingman"));  // natural order among surname-first names
  EXPECT_EQ(FindAttendee(doc, "Emilia Ingman")->role, "planläggningschef");
  EXPECT_EQ(doc.metadata.reference, "2/2023");
}

// Finnish pöytäkirja: the contents list prints every § once, the items
// print them again; "varajäsen" is a substitute, "Poissa" absent.
TEST(SegmentFinnish, SyntheticPoytakirja) {
  Document doc = SegmentText(
      "Aika 3.2.2024, klo 18:00 - 19:30\n"
      "Paikka Valtuustosali\n"
      "Käsitellyt asiat\n"
      "§ 1 Kokouksen laillisuus\n"
      "§ 2 Talousarvio 2024\n"
      "Saapuvilla olleet jäsenet\n"
      "Aino Virtanen, puheenjohtaja\n"
      "Eero Mäki, varajäsen\n"
      "Muut saapuvilla olleet\n"
      "Liisa Koski, hallintosihteeri, sihteeri\n"
      "Poissa\n"
      "Matti Laine\n"
      "Allekirjoitukset\n"
      "\f§ 1 Kokouksen laillisuus\n"
      "Ehdotus\n"
      "Esittelijä: Liisa Koski, hallintosihteeri\n"
      "Kokous todetaan lailliseksi.\n"
      "Päätös\n"
      "Hyväksyi ehdotuksen.\n"
      "\f§ 2 Talousarvio 2024\n"
      "Päätös\n"
      "Hyväksyi talousarvion.\n");
  EXPECT_EQ(doc.language, "fi");
  EXPECT_EQ(doc.metadata.date.value_or(""), "2024-02-03");
  EXPECT_EQ(doc.metadata.start_time.value_or(""), "18:00");
  EXPECT_EQ(doc.metadata.place.value_or(""), "Valtuustosali");
  EXPECT_EQ(doc.metadata.chair.value_or(""), "Aino Virtanen");
  EXPECT_EQ(doc.metadata.secretary.value_or(""), "Liisa Koski");
  ASSERT_EQ(doc.items.size(), 2u);
  EXPECT_EQ(doc.items[0].page, 2);  // not the contents on page 1
  EXPECT_EQ(doc.items[1].title, "Talousarvio 2024");
  EXPECT_EQ(doc.items[0].presenters, std::vector<std::string>{"Liisa Koski"});
  ASSERT_EQ(doc.items[0].decisions.size(), 1u);
  EXPECT_EQ(doc.items[0].decisions[0].text, "Hyväksyi ehdotuksen.");
  ASSERT_TRUE(FindAttendee(doc, "Eero Mäki"));
  EXPECT_EQ(FindAttendee(doc, "Eero Mäki")->status, "substitute");
  ASSERT_TRUE(FindAttendee(doc, "Matti Laine"));
  EXPECT_EQ(FindAttendee(doc, "Matti Laine")->status, "absent");
}

// Danish referat: organ and date from the title line, "Punkt N:" items,
// the decision up to the next section in capitals.
TEST(SegmentDanish, SyntheticReferat) {
  Document doc = SegmentText(
      "REFERAT Kultur- og Fritidsudvalget d. 05-03-2024\n"
      "Mødedato Tirsdag d. 5. marts 2024 kl. 17:00\n"
      "Mødested Mødelokale 2\n"
      "\fPunkt 1: Godkendelse af dagsorden\n"
      "Beslutninger\n"
      "Godkendt.\n"
      "\fPunkt 2: Tilskud til foreninger\n"
      "Beslutninger\n"
      "Indstillingen blev tiltrådt.\n"
      "INDSTILLING FRA FORVALTNINGEN\n"
      "Forvaltningen foreslår et tilskud.\n");
  EXPECT_EQ(doc.language, "da");
  EXPECT_EQ(doc.metadata.body.value_or(""), "Kultur- og Fritidsudvalget");
  EXPECT_EQ(doc.metadata.date.value_or(""), "2024-03-05");
  EXPECT_EQ(doc.metadata.start_time.value_or(""), "17:00");
  ASSERT_EQ(doc.items.size(), 2u);
  EXPECT_EQ(doc.items[1].number, "2");
  EXPECT_EQ(doc.items[1].title, "Tilskud til foreninger");
  ASSERT_EQ(doc.items[1].decisions.size(), 1u);
  EXPECT_EQ(doc.items[1].decisions[0].text, "Indstillingen blev tiltrådt.");
}

// English agenda: Roman-numbered points, the meeting date announced last
// before "AGENDA:" (not the notice's own date).
TEST(SegmentEnglish, SyntheticRomanAgenda) {
  Document doc = SegmentText(
      "Monday, March 1, 2021\n"
      "PUBLIC NOTICE OF REGULAR MEETING OF THE AUDIT COMMITTEE\n"
      "The Authority will hold a meeting on Friday, March 5, 2021.\n"
      "REGULAR MEETING OF THE AUDIT COMMITTEE MEMBERS\n"
      "Friday, March 5, 2021\n"
      "10:00 AM\n"
      "AGENDA:\n"
      "I. Call to Order\n"
      "II. Approval of Minutes\n"
      "III. Adjournment\n");
  EXPECT_EQ(doc.language, "en");
  EXPECT_EQ(doc.metadata.date.value_or(""), "2021-03-05");
  EXPECT_EQ(doc.metadata.body.value_or(""), "Audit Committee");
  ASSERT_EQ(doc.items.size(), 3u);
  EXPECT_EQ(doc.items[1].number, "II");
  EXPECT_EQ(doc.items[1].title, "Approval of Minutes");
}

}  // namespace protokoll
