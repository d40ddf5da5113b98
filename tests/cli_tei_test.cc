// TEI export: the writer's encoding of a document, and validity of the
// exports of the samples and the corpus against Parla-CLARIN (jing).
#include "protokoll/tei.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace protokoll {
namespace {
namespace fs = std::filesystem;

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

Document SampleDocument() {
  Document d;
  d.id = std::string(64, 'a');
  d.language = "sv";
  d.source.file = "möte 1.pdf";
  d.metadata.title = "Mötesanteckningar";
  d.metadata.date = "2025-04-10";
  d.metadata.place = "Järntorget";
  d.metadata.chair = "Anders Ahlsson";
  d.metadata.secretary = "William Stampe";
  d.attendees.push_back(Attendee{"Anders Ahlsson", "Förvaltningen", "ordförande", false, "present"});
  d.attendees.push_back(Attendee{"Åsa Öberg", std::nullopt, std::nullopt, true, "absent"});
  Item item;
  item.number = "3";
  item.title = "Aktuellt <vid> förvaltningen & annat";
  item.page = 1;
  Paragraph said;
  said.text = "Anders berättar att \"kapaciteten\" räcker.\x01";
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
  return d;
}

TEST(TeiTest, NamePartsAreAsciiLettersAndDigits) {
  EXPECT_EQ(TeiNamePart("Åsa Öberg"), "AsaOberg");
  EXPECT_EQ(TeiNamePart("Lars-Göran Ek"), "LarsGoranEk");
  EXPECT_EQ(TeiNamePart("Søren Æbelø"), "SorenAEbelo");
  EXPECT_EQ(TeiNamePart("3:e vice"), "n3evice");
  EXPECT_EQ(TeiNamePart("京都"), "");
}

TEST(TeiTest, PersonsDeclaredSpeakersPointedToMeetingInSettingPagesNamed) {
  auto result = DocumentToTei(SampleDocument());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const std::string& tei = *result;
  EXPECT_EQ(tei.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0u);
  EXPECT_NE(tei.find("<div type=\"agendaItem\" n=\"3\">"), std::string::npos);
  EXPECT_NE(tei.find("<head>Aktuellt &lt;vid&gt; förvaltningen &amp; annat</head>"), std::string::npos);
  // Persons: ids carry the document, roles are not loose in <person>.
  const std::string anders = "paaaaaaaaaaaa.AndersAhlsson";
  EXPECT_NE(tei.find("<person xml:id=\"" + anders + "\" role=\"present\">"), std::string::npos) << tei;
  EXPECT_NE(tei.find("<occupation>ordförande</occupation>"), std::string::npos);
  EXPECT_NE(tei.find("<person xml:id=\"paaaaaaaaaaaa.AsaOberg\" role=\"absent\">"), std::string::npos);
  // Every speaker, a body too, is a declared person and who= points at it.
  EXPECT_NE(tei.find("<u who=\"#" + anders + "\">"), std::string::npos);
  EXPECT_NE(tei.find("<persName>Rådet</persName>"), std::string::npos);
  EXPECT_NE(tei.find("<u who=\"#paaaaaaaaaaaa.Radet\">"), std::string::npos);
  EXPECT_EQ(tei.find("\x01"), std::string::npos);
  EXPECT_NE(tei.find("kapaciteten&quot; räcker.</seg>"), std::string::npos) << tei;
  // The meeting: date, place and chair.
  EXPECT_NE(tei.find("<name type=\"place\">Järntorget</name>"), std::string::npos);
  EXPECT_NE(tei.find("<date when=\"2025-04-10\">"), std::string::npos);
  EXPECT_NE(tei.find("<persName role=\"chair\" ref=\"#" + anders + "\">Anders Ahlsson</persName>"), std::string::npos);
  EXPECT_NE(tei.find("<persName role=\"secretary\" ref=\"#paaaaaaaaaaaa.WilliamStampe\">William Stampe</persName>"),
            std::string::npos);
  EXPECT_NE(tei.find("<person xml:id=\"paaaaaaaaaaaa.WilliamStampe\">"), std::string::npos);
  EXPECT_NE(tei.find("<p>Inga övriga frågor.</p>"), std::string::npos);
  EXPECT_NE(tei.find("<note type=\"decision\">Informationen noteras.</note>"), std::string::npos);
  EXPECT_EQ(Count(tei, "<pb "), 2u);
  EXPECT_NE(tei.find("<pb n=\"2\" facs=\"m%C3%B6te%201.pdf#page=2\"/>"), std::string::npos) << tei;
  EXPECT_LT(tei.find("<pb n=\"2\""), tei.find("Rådet lyfter"));
  EXPECT_EQ(Count(tei, "<div"), Count(tei, "</div>"));
  EXPECT_EQ(tei.find("<vid>"), std::string::npos);
}

TEST(TeiTest, TwoDocumentsInOneCorpusShareNoId) {
  Document a = SampleDocument();
  Document b = SampleDocument();
  b.id = std::string(64, 'b');
  std::string out;
  TeiCorpusWriter writer([&](std::string_view s) {
    out += s;
    return true;
  });
  ASSERT_TRUE(writer.Begin().ok());
  ASSERT_TRUE(writer.Add(a).ok());
  ASSERT_TRUE(writer.Add(b).ok());
  ASSERT_TRUE(writer.End().ok());
  EXPECT_EQ(Count(out, "xml:id=\"paaaaaaaaaaaa.AndersAhlsson\""), 1u);
  EXPECT_EQ(Count(out, "xml:id=\"pbbbbbbbbbbbb.AndersAhlsson\""), 1u);
  EXPECT_EQ(Count(out, "</teiCorpus>"), 1u);
}

TEST(TeiTest, AClosedOutputIsAnError) {
  TeiCorpusWriter writer([](std::string_view) { return false; });
  EXPECT_FALSE(writer.Begin().ok());
}

// protokoll export --format tei over a fresh database, validated with jing.
class TeiValidationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    jing_ = testing::FindProgram("jing");
    if (jing_.empty()) GTEST_SKIP() << "jing is not installed (Debian package jing)";
    dir_ = testing::MakeTempDir("protokoll-tei");
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  testing::CommandResult Protokoll(std::vector<std::string> args) {
    args.insert(args.begin(), {testing::ProtokollBinary(), "--db", dir_ + "/db"});
    return testing::RunCommand(args);
  }
  // Exports everything stored, validates it, and returns jing's complaints.
  void ExpectValid() {
    auto tei = Protokoll({"export", "--format", "tei"});
    ASSERT_EQ(tei.exit_code, 0) << tei.err;
    ASSERT_NE(tei.out.find("<TEI "), std::string::npos);
    const std::string xml = dir_ + "/export.xml";
    std::ofstream(xml) << tei.out;
    auto jing = testing::RunCommand({jing_, testing::SourceDir() + "/tests/data/parla-clarin.rng", xml});
    EXPECT_EQ(jing.exit_code, 0) << jing.out.substr(0, 4000);
  }
  std::string jing_, dir_;
};

TEST_F(TeiValidationTest, SamplesValidateAgainstParlaClarin) {
  std::vector<std::string> args{"ingest", "--quiet"};
  for (const auto& e : fs::directory_iterator(testing::SourceDir() + "/samples"))
    if (e.path().extension() == ".pdf" && e.path().string().find("-scan") == std::string::npos)
      args.push_back(e.path().string());
  ASSERT_EQ(Protokoll(args).exit_code, 0);
  ExpectValid();
}

TEST_F(TeiValidationTest, CorpusValidatesAgainstParlaClarin) {
  const std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "no ../shared/corpus on this machine";
  // Text layers only: the TEI encoding, not OCR, is under test (OCR'd pages take the same path).
  auto ingest = Protokoll({"ingest", "--quiet", "--recursive", "--ocr", "never", "-j", "2", corpus});
  ASSERT_LE(ingest.exit_code, 1) << ingest.err;
  ExpectValid();
}

TEST_F(TeiValidationTest, AnUnknownIdLeavesStdoutEmpty) {
  auto one = testing::SourceDir() + "/samples/riverton-council-minutes-2025-03-04.pdf";
  ASSERT_EQ(Protokoll({"ingest", "--quiet", one}).exit_code, 0);
  auto r = Protokoll({"export", "--format", "tei", "dead6", "0000000000"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("0000000000"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace protokoll
