#include "protokoll/record_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace protokoll {
namespace {
using nlohmann::json;

Document SampleDocument() {
  Document d;
  d.id = std::string(64, 'a');
  d.source = SourceInfo{"hsn.pdf", 1234, "application/pdf", 2};
  d.pipeline_version = "0.1.0";
  d.language = "sv";
  d.metadata.title = "Mötesanteckningar";
  d.metadata.reference = "HSN 2025-0125";
  d.metadata.date = "2025-04-10";
  d.metadata.adjusters = {"Eva Ek"};
  d.attendees.push_back(Attendee{"Karin Nilsson", "Förvaltningen", std::nullopt, true, "present"});
  d.pages.push_back(PageRecord{1, "1 (2)", "text", std::nullopt, "Hälso- och sjukvårdsförvaltningen", std::nullopt, "text_layer", "sv"});
  d.pages.push_back(PageRecord{2, std::nullopt, "ocr", 87.25, std::nullopt, "Sida 2", "no_text_layer"});
  Item item;
  item.number = "3";
  item.title = "Aktuellt vid förvaltningen";
  item.presenters = {"Anders Ahlsson"};
  item.page = 1;
  Paragraph p;
  p.text = "Anders berättar att slutenvårdskapacitet …";
  p.speaker = "Anders Ahlsson";
  p.speaker_source = "explicit";
  p.page = 2;
  p.bbox = Box{56.71, 120.04, 538.6, 171.2};
  p.repairs.push_back(HyphenRepair{"slutenvårdskap-|acitet", "slutenvårdskapacitet", "dictionary_join", true});
  item.paragraphs.push_back(p);
  item.decisions.push_back(Decision{"Rådet beslutar att notera informationen.", 2, Box{1, 2, 3, 4}});
  d.items.push_back(item);
  d.preamble.push_back(Paragraph{"Inledning", std::nullopt, std::nullopt, 1, Box{}, {}});
  d.text = "Inledning\n\n3 Aktuellt";
  d.warnings.push_back(DocumentWarning{"page_failed", 2, "boom"});
  return d;
}

TEST(RecordJsonTest, ContractShapeWithEveryKey) {
  json j = json::parse(DocumentToJson(SampleDocument()));
  EXPECT_EQ(j["schema"], "protokoll/1");
  EXPECT_EQ(j["metadata"]["chair"], nullptr);  // unknown values are null, keys always present
  EXPECT_EQ(j["metadata"]["adjusters"], json::array({"Eva Ek"}));
  EXPECT_EQ(j["pages"][0]["ocr_confidence"], nullptr);
  EXPECT_EQ(j["pages"][1]["ocr_confidence"], 87.3);
  EXPECT_EQ(j["pages"][0]["method_reason"], "text_layer");
  EXPECT_EQ(j["pages"][1]["method_reason"], "no_text_layer");
  EXPECT_EQ(j["pages"][0]["language"], "sv");
  EXPECT_EQ(j["pages"][1]["language"], nullptr);  // "" is unknown: null, the key still there
  EXPECT_EQ(j["items"][0]["paragraphs"][0]["bbox"], json::array({56.7, 120.0, 538.6, 171.2}));
  EXPECT_FALSE(j["items"][0]["paragraphs"][0].contains("repairs"));  // audit only in the stored form
  EXPECT_EQ(j["attendees"][0]["remote"], true);
  // Key order as in CONTRACT.md, so that a person reading the output finds things where the contract shows them.
  auto ordered = nlohmann::ordered_json::parse(DocumentToJson(SampleDocument()));
  std::vector<std::string> keys;
  for (auto it = ordered.begin(); it != ordered.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"schema", "id", "source", "pipeline_version", "language", "metadata",
                                            "attendees", "pages", "items", "preamble", "text", "warnings"}));
}

TEST(RecordJsonTest, StoredFormRoundTripsIncludingRepairs) {
  Document d = SampleDocument();
  std::string stored = DocumentToJson(d, JsonOptions{-1, true});
  auto back = DocumentFromJson(stored);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(DocumentToJson(*back, JsonOptions{-1, true}), stored);
  ASSERT_EQ(back->items.at(0).paragraphs.at(0).repairs.size(), 1u);
  EXPECT_EQ(back->items[0].paragraphs[0].repairs[0].rule, "dictionary_join");
  EXPECT_EQ(back->pages.at(0).language, "sv");
  EXPECT_EQ(back->pages.at(1).language, "");
}

TEST(RecordJsonTest, RejectsWhatIsNotADocument) {
  EXPECT_EQ(DocumentFromJson("{}").status().code(), ErrorCode::kCorruption);
  EXPECT_EQ(DocumentFromJson("not json").status().code(), ErrorCode::kCorruption);
  EXPECT_EQ(DocumentFromJson(R"({"schema":"protokoll/1","id":5})").status().code(), ErrorCode::kCorruption);
}

TEST(RecordJsonTest, InvalidUtf8DoesNotThrow) {
  Document d = SampleDocument();
  d.text = "bad \xFF byte";
  std::string out = DocumentToJson(d);
  EXPECT_NE(out.find("bad \xEF\xBF\xBD byte"), std::string::npos);
}

}  // namespace
}  // namespace protokoll
