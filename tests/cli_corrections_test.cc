// Corrections (corrections.h): fields and their checks, the JSON marks, and
// over a real store: one write per correction, undo, and corrections kept
// across reprocess, a newer pipeline's disagreement, remove and re-ingest,
// and seen by export and search.
#include "protokoll/corrections.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "protokoll/export.h"
#include "protokoll/jobs.h"
#include "protokoll/record_json.h"
#include "test_support.h"

namespace protokoll {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

Document SmallDoc() {
  Document d;
  d.id = std::string(64, 'a');
  d.source = SourceInfo{"a.pdf", 10, "application/pdf", 1};
  d.pipeline_version = "0.1.0";
  d.metadata.date = "2025-03-04";
  d.metadata.title = "Protokoll";
  d.attendees.push_back(Attendee{"Karin Nilsson", "Förvaltningen", std::nullopt, false, "present"});
  Item item;
  item.number = "3";
  item.title = "Budget";
  Paragraph p;
  p.text = "Karin berättar.";
  p.speaker = "Karin Nilsson";
  p.speaker_source = "explicit";
  item.paragraphs.push_back(p);
  d.items.push_back(item);
  Paragraph pre;
  pre.text = "Mötet öppnas.";
  d.preamble.push_back(pre);
  return d;
}

TEST(CorrectionFieldsTest, EveryCorrectableFieldReadsAndWrites) {
  Document d = SmallDoc();
  const std::pair<const char*, const char*> cases[] = {
      {"metadata.date", "\"2025-03-05\""},     {"metadata.start_time", "\"13:00\""},
      {"metadata.chair", "\"Åsa Öberg\""},     {"metadata.next_meeting", "\"2025-06-12 13:00\""},
      {"attendees[0].name", "\"Karin Nilsson-Berg\""}, {"attendees[0].status", "\"absent\""},
      {"attendees[0].remote", "true"},         {"attendees[0].organization", "null"},
      {"items[0].number", "\"3a\""},           {"items[0].title", "\"Budget 2026\""},
      {"items[0].paragraphs[0].speaker", "\"Ordföranden\""}, {"preamble[0].speaker", "\"Rådet\""}};
  for (const auto& [field, value] : cases) {
    ASSERT_TRUE(SetField(d, field, value).ok()) << field;
    EXPECT_EQ(*FieldValue(d, field), json::parse(value).dump()) << field;
  }
  EXPECT_EQ(d.metadata.chair.value_or(""), "Åsa Öberg");
  EXPECT_FALSE(d.attendees[0].organization.has_value());
  EXPECT_TRUE(d.attendees[0].remote);
  // A person naming the speaker makes it explicit; taking it away clears the source.
  EXPECT_EQ(d.preamble[0].speaker_source.value_or(""), "explicit");
  ASSERT_TRUE(SetField(d, "items[0].paragraphs[0].speaker", "null").ok());
  EXPECT_FALSE(d.items[0].paragraphs[0].speaker_source.has_value());
}

TEST(CorrectionFieldsTest, BadFieldsAndValuesAreRefusedWithAReason) {
  Document d = SmallDoc();
  for (const char* field : {"metadata.foo", "metadata", "attendees[x].name", "attendees[0]", "items[0].paragraphs[0].text",
                            "items[0].bbox", "../etc/passwd", "pages[0].method", "attendees[-1].name", ""})
    EXPECT_EQ(SetField(d, field, "\"x\"").code(), ErrorCode::kInvalidArgument) << field;
  for (const char* field : {"attendees[9].name", "items[1].title", "items[0].paragraphs[5].speaker", "preamble[3].speaker"})
    EXPECT_EQ(SetField(d, field, "\"x\"").code(), ErrorCode::kNotFound) << field;
  const std::pair<const char*, const char*> bad[] = {
      {"metadata.date", "\"4 mars 2025\""}, {"metadata.date", "\"2025-02-30\""}, {"metadata.start_time", "\"25:00\""},
      {"metadata.next_meeting", "\"2025-06-12T13:00\""}, {"attendees[0].status", "\"maybe\""},
      {"attendees[0].remote", "\"yes\""},   {"attendees[0].name", "null"}, {"items[0].title", "\"  \""},
      {"metadata.title", "42"},             {"metadata.title", "not json"}};
  for (const auto& [field, value] : bad) EXPECT_EQ(SetField(d, field, value).code(), ErrorCode::kInvalidArgument) << field << value;
  EXPECT_EQ(SetField(d, "metadata.title", json(std::string(4001, 'x')).dump()).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(d.metadata.date.value_or(""), "2025-03-04");  // nothing refused was written
}

TEST(CorrectionFieldsTest, AnItemBoundaryMovesParagraphsBetweenTwoItems) {
  Document d = SmallDoc();
  d.items[0].paragraphs.push_back(Paragraph{"Andra stycket.", std::nullopt, std::nullopt, 1, {}, {}});
  Item next;
  next.number = "4";
  next.title = "Övrigt";
  next.paragraphs.push_back(Paragraph{"Tredje stycket.", std::nullopt, std::nullopt, 2, {}, {}});
  next.paragraphs.push_back(Paragraph{"Fjärde stycket.", std::nullopt, std::nullopt, 2, {}, {}});
  d.items.push_back(next);
  EXPECT_EQ(*FieldValue(d, "items[1].start"), "2");
  // Earlier: the last paragraph of item 3 opens item 4.
  ASSERT_TRUE(SetField(d, "items[1].start", "1").ok());
  ASSERT_EQ(d.items[0].paragraphs.size(), 1u);
  ASSERT_EQ(d.items[1].paragraphs.size(), 3u);
  EXPECT_EQ(d.items[1].paragraphs[0].text, "Andra stycket.");
  // Later: item 3 keeps everything up to the end of item 4.
  ASSERT_TRUE(SetField(d, "items[1].start", "4").ok());
  EXPECT_EQ(d.items[0].paragraphs.size(), 4u);
  EXPECT_TRUE(d.items[1].paragraphs.empty());
  EXPECT_EQ(d.items[0].paragraphs[3].text, "Fjärde stycket.");
  EXPECT_EQ(*FieldValue(d, "items[1].start"), "4");
  // Out of its two items, not a number, the first item, an item not there.
  EXPECT_EQ(SetField(d, "items[1].start", "5").code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(SetField(d, "items[1].start", "\"2\"").code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(SetField(d, "items[1].start", "-1").code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(SetField(d, "items[0].start", "0").code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(SetField(d, "items[2].start", "0").code(), ErrorCode::kNotFound);
  EXPECT_EQ(d.items[0].paragraphs.size(), 4u);  // nothing refused moved anything
}

TEST(CorrectionFieldsTest, MarksGoOnTheCorrectedRecordsOnly) {
  const Document d = SmallDoc();
  json j = json::parse(MarkCorrected(DocumentToJson(d), {"metadata.date", "attendees[0].name",
                                                          "items[0].paragraphs[0].speaker", "preamble[0].speaker",
                                                          "attendees[7].name", "nonsense"}));
  EXPECT_EQ(j["metadata"]["corrected"], true);
  EXPECT_EQ(j["attendees"][0]["corrected"], true);
  EXPECT_EQ(j["items"][0]["paragraphs"][0]["corrected"], true);
  EXPECT_EQ(j["preamble"][0]["corrected"], true);
  EXPECT_FALSE(j["items"][0].contains("corrected"));
  EXPECT_EQ(j["attendees"].size(), 1u);
  EXPECT_EQ(MarkCorrected(DocumentToJson(d), {}), DocumentToJson(d));
  EXPECT_EQ(RecordOf("items[2].paragraphs[1].speaker"), "items[2].paragraphs[1]");
}

TEST(CorrectionFieldsTest, RecordsRoundTrip) {
  Correction c;
  c.number = 7;
  c.document = std::string(64, 'b');
  c.field = "metadata.date";
  c.old_value = "\"2025-03-04\"";
  c.new_value = "\"2025-03-05\"";
  c.derived = "\"2025-03-04\"";
  c.who = "anna";
  c.at = "2026-01-01T10:00:00Z";
  c.pipeline_version = "0.1.0";
  c.conflict_value = "\"2025-03-06\"";
  c.conflict_pipeline_version = "0.2.0";
  auto back = CorrectionFromJson(CorrectionToJson(c), 7);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(CorrectionToJson(*back), CorrectionToJson(c));
  EXPECT_TRUE(back->active());
  EXPECT_EQ(CorrectionFromJson("{}", 1).status().code(), ErrorCode::kCorruption);
}

// A store with the two born-digital samples ingested from a copy.
class CorrectionStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("protokoll-corrections");
    fs::create_directories(dir_ + "/files");
    fs::copy_file(testing::SourceDir() + "/samples/riverton-council-minutes-2025-03-04.pdf", dir_ + "/files/r.pdf");
    auto store = Store::Open(dir_ + "/db", StoreOptions{});
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
    Ingest();
    ASSERT_TRUE(store_->ForEachSummary([&](const DocumentSummary& s) {
      id_ = s.id;
      return false;
    }).ok());
    auto doc = store_->Get(id_);
    ASSERT_TRUE(doc.ok());
    derived_ = *doc;
    ASSERT_FALSE(derived_.attendees.empty());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  void Ingest() {
    IngestJobOptions options;
    options.extract = testing::TextOnly();
    ASSERT_TRUE(RunIngest({dir_ + "/files"}, options, *store_, nullptr, NullLogger()).ok());
  }
  Document Stored() { return *store_->Get(id_); }
  std::string dir_, id_;
  Document derived_;
  std::unique_ptr<Store> store_;
};

TEST_F(CorrectionStoreTest, ACorrectionIsOneRecordAndTheStoredValue) {
  auto c = RunCorrect(*store_, id_, "metadata.date", "\"2025-03-05\"", "anna");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->old_value, json(*derived_.metadata.date).dump());
  EXPECT_EQ(c->derived, c->old_value);
  EXPECT_EQ(c->who, "anna");
  EXPECT_EQ(c->pipeline_version, derived_.pipeline_version);
  EXPECT_EQ(Stored().metadata.date.value_or(""), "2025-03-05");
  auto all = LoadCorrections(*store_);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].number, c->number);
  EXPECT_TRUE(store_->Verify()->ok());
  // The same value again is no correction; a second one keeps what the pipeline said.
  EXPECT_EQ(RunCorrect(*store_, id_, "metadata.date", "\"2025-03-05\"", "anna").status().code(), ErrorCode::kInvalidArgument);
  auto second = RunCorrect(*store_, id_, "metadata.date", "\"2025-03-06\"", "bo");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->old_value, "\"2025-03-05\"");
  EXPECT_EQ(second->derived, c->derived);
  EXPECT_GT(second->number, c->number);
  EXPECT_EQ(RunCorrect(*store_, std::string(64, 'f'), "metadata.date", "\"2025-03-05\"", "x").status().code(),
            ErrorCode::kNotFound);
}

TEST_F(CorrectionStoreTest, UndoRestoresTheValueBefore) {
  auto first = RunCorrect(*store_, id_, "attendees[0].name", "\"Åsa Öberg\"", "anna");
  auto second = RunCorrect(*store_, id_, "attendees[0].name", "\"Åsa Öberg-Lind\"", "anna");
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_TRUE(RunUndo(*store_, second->number, "bo").ok());
  EXPECT_EQ(Stored().attendees[0].name, "Åsa Öberg");
  ASSERT_TRUE(RunUndo(*store_, first->number, "bo").ok());
  EXPECT_EQ(Stored().attendees[0].name, derived_.attendees[0].name);
  EXPECT_EQ(RunUndo(*store_, first->number, "bo").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(RunUndo(*store_, 999, "bo").status().code(), ErrorCode::kNotFound);
  auto all = LoadCorrections(*store_);
  ASSERT_EQ(all->size(), 2u);  // undone ones stay for the audit
  EXPECT_EQ((*all)[0].undone_by.value_or(""), "bo");
}

TEST_F(CorrectionStoreTest, ReprocessKeepsCorrectionsAndNotesADisagreement) {
  ASSERT_TRUE(RunCorrect(*store_, id_, "metadata.date", "\"2025-03-05\"", "anna").ok());
  ASSERT_TRUE(RunCorrect(*store_, id_, "attendees[0].name", "\"Åsa Öberg\"", "anna").ok());
  auto summary = RunReprocess(*store_, {id_}, false, nullptr, NullLogger());
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->reprocessed, 1u);
  EXPECT_EQ(Stored().metadata.date.value_or(""), "2025-03-05");
  EXPECT_EQ(Stored().attendees[0].name, "Åsa Öberg");
  for (const auto& c : *LoadCorrections(*store_)) EXPECT_FALSE(c.conflict_value) << c.field;
  // As if the correction had been made when the pipeline derived another date:
  // the pipeline has changed its mind at a corrected field.
  auto all = *LoadCorrections(*store_);
  all[0].derived = "\"1999-01-01\"";
  ASSERT_TRUE(store_->ReplaceWithCorrections(Stored(), {Store::CorrectionWrite{all[0].number, CorrectionToJson(all[0])}}).ok());
  ASSERT_TRUE(RunReprocess(*store_, {id_}, false, nullptr, NullLogger()).ok());
  EXPECT_EQ(Stored().metadata.date.value_or(""), "2025-03-05");  // the correction wins
  auto after = *LoadCorrections(*store_);
  ASSERT_TRUE(after[0].conflict_value.has_value());
  EXPECT_EQ(*after[0].conflict_value, json(*derived_.metadata.date).dump());
  EXPECT_FALSE(after[1].conflict_value.has_value());
}

TEST_F(CorrectionStoreTest, AMovedBoundaryAndASpeakerAfterItSurviveReprocess) {
  // The first item with paragraphs after another item: its boundary can move back by one.
  size_t item = 0;
  for (size_t i = 1; i < derived_.items.size() && item == 0; ++i)
    if (!derived_.items[i - 1].paragraphs.empty()) item = i;
  ASSERT_GT(item, 0u);
  const std::string start = "items[" + std::to_string(item) + "].start";
  const size_t was = std::stoul(*FieldValue(derived_, start));
  const std::string moved = derived_.items[item - 1].paragraphs.back().text;
  ASSERT_TRUE(RunCorrect(*store_, id_, start, std::to_string(was - 1), "anna").ok());
  ASSERT_EQ(Stored().items[item].paragraphs.front().text, moved);
  // Then the moved paragraph's speaker, by where it is now.
  const std::string speaker = "items[" + std::to_string(item) + "].paragraphs[0].speaker";
  ASSERT_TRUE(RunCorrect(*store_, id_, speaker, "\"Zacharias Ödmark\"", "anna").ok());
  ASSERT_TRUE(RunReprocess(*store_, {id_}, false, nullptr, NullLogger()).ok());
  const Document after = Stored();
  EXPECT_EQ(after.items[item].paragraphs.front().text, moved);
  EXPECT_EQ(after.items[item].paragraphs.front().speaker.value_or(""), "Zacharias Ödmark");
  EXPECT_EQ(after.items[item - 1].paragraphs.size() + 1, derived_.items[item - 1].paragraphs.size());
  for (const auto& c : *LoadCorrections(*store_)) EXPECT_FALSE(c.conflict_value) << c.field;
  EXPECT_TRUE(store_->Verify()->ok());
}

TEST_F(CorrectionStoreTest, ARemovedDocumentIngestedAgainGetsItsCorrections) {
  ASSERT_TRUE(RunCorrect(*store_, id_, "items[0].title", "\"Call to order (corrected)\"", "anna").ok());
  ASSERT_TRUE(store_->Remove({id_}).ok());
  Ingest();
  EXPECT_EQ(Stored().items[0].title, "Call to order (corrected)");
  // Export marks it; search finds the corrected title.
  std::string out;
  ExportOptions options;
  options.ids = {id_};
  ASSERT_TRUE(RunExport(*store_, options, [&](std::string_view s) {
    out += s;
    return true;
  }).ok());
  json j = json::parse(out);
  EXPECT_EQ(j["items"][0]["corrected"], true);
  EXPECT_EQ(j["items"][0]["title"], "Call to order (corrected)");
  SearchQuery q;
  q.text = "corrected";
  auto hits = store_->Search(q);
  ASSERT_TRUE(hits.ok());
  ASSERT_FALSE(hits->empty());
  EXPECT_EQ((*hits)[0].item_title.value_or(""), "Call to order (corrected)");
}

TEST_F(CorrectionStoreTest, SearchFiltersByACorrectedSpeaker) {
  std::string field;
  for (size_t i = 0; i < derived_.items.size() && field.empty(); ++i)
    if (!derived_.items[i].paragraphs.empty()) field = "items[" + std::to_string(i) + "].paragraphs[0].speaker";
  ASSERT_FALSE(field.empty());
  ASSERT_TRUE(RunCorrect(*store_, id_, field, "\"Zacharias Ödmark\"", "anna").ok());
  SearchQuery q;
  q.speaker = "ödmark";
  // Any word of the corrected paragraph finds it under its new speaker.
  auto doc = Stored();
  const std::string text = FieldValue(doc, field).ok() ? doc.items[std::stoul(field.substr(6))].paragraphs[0].text : "";
  q.text = text.substr(0, text.find(' '));
  auto hits = store_->Search(q);
  ASSERT_TRUE(hits.ok());
  ASSERT_FALSE(hits->empty()) << q.text;
  EXPECT_EQ((*hits)[0].speaker.value_or(""), "Zacharias Ödmark");
}

}  // namespace
}  // namespace protokoll
