#include "protokoll/raw_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace protokoll {
namespace {

RawDocument Sample() {
  RawDocument raw;
  raw.sha256 = std::string(64, 'e');
  raw.file_name = "protokoll.pdf";
  raw.bytes = 4242;
  raw.media_type = "application/pdf";
  RawPage page;
  page.number = 1;
  page.width = 595.28;
  page.height = 841.89;
  page.rotation = 90;
  page.method = PageMethod::kOcr;
  page.method_reason = "no text layer";
  page.ocr_confidence = 91.25;
  page.language = "nb";
  RawLine line;
  line.block = 3;
  line.box = Box{56.7, 100, 300.12, 112};
  Word a{"slutenvårdskap-", Box{56.7, 100, 140, 112}, "Arial-BoldMT", 11, true, false, 88.5f};
  Word b{"§", Box{145, 100, 150, 112}, "Times", 10.5, false, true, -1};
  line.words = {a, b};
  page.lines.push_back(line);
  raw.pages.push_back(page);
  raw.warnings.push_back(RawWarning{ErrorCode::kDamagedPdf, std::nullopt, "repaired xref"});
  return raw;
}

TEST(RawJsonTest, RoundTripKeepsWhatDerivationNeeds) {
  RawDocument raw = Sample();
  auto back = RawDocumentFromJson(RawDocumentToJson(raw));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->sha256, raw.sha256);
  EXPECT_EQ(back->bytes, 4242u);
  ASSERT_EQ(back->pages.size(), 1u);
  const RawPage& p = back->pages[0];
  EXPECT_EQ(p.method, PageMethod::kOcr);
  EXPECT_EQ(p.rotation, 90);
  EXPECT_EQ(p.language, "nb");
  EXPECT_DOUBLE_EQ(*p.ocr_confidence, 91.25);
  ASSERT_EQ(p.lines.size(), 1u);
  EXPECT_EQ(p.lines[0].block, 3);
  ASSERT_EQ(p.lines[0].words.size(), 2u);
  const Word& w = p.lines[0].words[0];
  EXPECT_EQ(w.text, "slutenvårdskap-");
  EXPECT_EQ(w.font, "Arial-BoldMT");
  EXPECT_TRUE(w.bold);
  EXPECT_FALSE(w.space_after);
  EXPECT_FLOAT_EQ(w.confidence, 88.5f);
  EXPECT_DOUBLE_EQ(w.box.x1, 140);
  EXPECT_EQ(p.lines[0].words[1].font, "Times");
  EXPECT_TRUE(p.lines[0].words[1].space_after);
  ASSERT_EQ(back->warnings.size(), 1u);
  EXPECT_EQ(back->warnings[0].code, ErrorCode::kDamagedPdf);
  EXPECT_FALSE(back->warnings[0].page.has_value());
  // Serializing what was read gives the same text: nothing is lost on the way.
  EXPECT_EQ(RawDocumentToJson(*back), RawDocumentToJson(raw));
}

TEST(RawJsonTest, TextIsOneJsonObjectsDumpAcrossPages) {
  // Built a page at a time, the text must still be exactly what dumping the
  // whole document as one object gives (stored extractions compare equal
  // whichever way they were written): parsing and dumping again changes
  // nothing. Three pages, a font first seen on the last, an empty page, a
  // name that is not UTF-8, a page warning.
  RawDocument raw = Sample();
  raw.file_name = std::string("bad\xff.pdf");
  RawPage empty;
  empty.number = 2;
  raw.pages.push_back(empty);
  RawPage third = raw.pages[0];
  third.number = 3;
  third.ocr_confidence.reset();
  third.lines[0].words[1].font = "Courier";
  raw.pages.push_back(third);
  raw.warnings.push_back(RawWarning{ErrorCode::kPageFailed, 3, "slow"});
  const std::string text = RawDocumentToJson(raw);
  const auto tree = nlohmann::json::parse(text);
  EXPECT_EQ(tree.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), text);
  EXPECT_EQ(tree.at("fonts"), nlohmann::json::array({"Arial-BoldMT", "Times", "Courier"}));
  ASSERT_EQ(tree.at("pages").size(), 3u);
  EXPECT_EQ(tree.at("pages").at(2).at("lines").at(0).at("words").at(1).at(5), 2);
  auto back = RawDocumentFromJson(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->pages.at(2).lines.at(0).words.at(1).font, "Courier");
  EXPECT_EQ(RawDocumentToJson(*back), text);
}

TEST(RawJsonTest, NoPagesIsStillAnExtraction) {
  RawDocument raw = Sample();
  raw.pages.clear();
  raw.warnings.clear();
  const std::string text = RawDocumentToJson(raw);
  EXPECT_EQ(nlohmann::json::parse(text).dump(), text);
  ASSERT_TRUE(RawDocumentFromJson(text).ok());
}

TEST(RawJsonTest, ExtractionWithoutLanguagesReadsAsUnknown) {
  // Extractions stored before pages had languages have no "language" key.
  auto back = RawDocumentFromJson(R"({"format":1,"sha256":"x","fonts":["F"],"pages":[{"number":1,"lines":[{"box":[0,0,1,1],"words":[["a",0,0,1,1,0,10,0,0]]}]}],"warnings":[]})");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->pages.at(0).language, "");
}

TEST(RawJsonTest, RejectsWhatIsNotAnExtraction) {
  EXPECT_EQ(RawDocumentFromJson("{}").status().code(), ErrorCode::kCorruption);
  EXPECT_EQ(RawDocumentFromJson("[1,2]").status().code(), ErrorCode::kCorruption);
  EXPECT_EQ(RawDocumentFromJson(R"({"format":1,"sha256":"x","fonts":[],"pages":[{"number":1,"lines":[{"box":[0,0,1,1],"words":[["a",0,0,1,1,7,10,0,0]]}]}],"warnings":[]})")
                .status()
                .code(),
            ErrorCode::kCorruption);  // font index out of range
}

}  // namespace
}  // namespace protokoll
