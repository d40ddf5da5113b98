// Evaluation of the segment stage against the hand-annotated gold set in
// tests/data/gold/ (see its README.md). Shared by tests/segment_gold_test.cc
// (regression floors) and bench/segment_eval.cc (the table for the notes).
// Not part of any library: it reads JSON with nlohmann and may be slow.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "protokoll/extractor.h"
#include "protokoll/jobs.h"
#include "protokoll/pipeline.h"
#include "protokoll/raw_json.h"
#include "protokoll/record.h"
#include "protokoll/segment.h"
#include "protokoll/status.h"

namespace protokoll::eval {

// The metadata fields scored, in the order of the table.
inline const std::vector<std::string>& MetadataFields() {
  static const std::vector<std::string> fields = {"date",     "body",  "reference", "start_time",
                                                  "end_time", "place", "chair",     "secretary"};
  return fields;
}

struct GoldDocument {
  std::string name;      // the gold file's stem
  std::string file;      // "<corpus dir>/<name>", relative to the corpus
  std::string source;    // the corpus folder: the unit of leave-one-source-out
  std::string language;  // "sv", "fi", "da", ...
  std::optional<std::string> date, body, reference;
  // Every metadata field the annotator wrote (null included), by name.
  std::vector<std::pair<std::string, std::optional<std::string>>> fields;
  std::vector<std::pair<std::string, std::string>> items;      // number, title
  std::vector<std::pair<std::string, std::string>> attendees;  // name, status
  std::vector<std::pair<std::string, std::string>> speakers;   // paragraph start, speaker
};

// Collapses whitespace runs (ASCII, no-break space) to one space and trims;
// drops zero-width spaces and soft hyphens, which are invisible in print.
inline std::string NormalizeSpace(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = true;
      ++i;
      continue;
    }
    if (text.compare(i, 2, "\xC2\xA0") == 0) {  // U+00A0
      pending_space = true;
      i += 2;
      continue;
    }
    if (text.compare(i, 2, "\xC2\xAD") == 0) {  // U+00AD soft hyphen
      i += 2;
      continue;
    }
    if (text.compare(i, 3, "\xE2\x80\x8B") == 0 || text.compare(i, 3, "\xEF\xBB\xBF") == 0) {
      i += 3;  // U+200B zero-width space, U+FEFF
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += text[i++];
  }
  return out;
}

inline std::optional<std::string> OptionalString(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  return std::nullopt;
}

inline Result<GoldDocument> LoadGold(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kNotFound, "cannot open " + path.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    const nlohmann::json json = nlohmann::json::parse(buffer.str());
    GoldDocument gold;
    gold.name = path.stem().string();
    gold.file = json.at("file").get<std::string>();
    gold.language = json.at("language").get<std::string>();
    const auto& metadata = json.at("metadata");
    gold.date = OptionalString(metadata.value("date", nlohmann::json()));
    gold.body = OptionalString(metadata.value("body", nlohmann::json()));
    gold.reference = OptionalString(metadata.value("reference", nlohmann::json()));
    gold.source = gold.file.substr(0, gold.file.find('/'));
    for (const auto& field : MetadataFields())
      if (metadata.contains(field)) gold.fields.emplace_back(field, OptionalString(metadata.at(field)));
    for (const auto& item : json.at("items"))
      gold.items.emplace_back(item.at("number").get<std::string>(), item.at("title").get<std::string>());
    for (const auto& attendee : json.at("attendees"))
      gold.attendees.emplace_back(attendee.at("name").get<std::string>(), attendee.at("status").get<std::string>());
    for (const auto& speaker : json.at("speakers"))
      gold.speakers.emplace_back(speaker.at("paragraph_starts_with").get<std::string>(),
                                 speaker.at("speaker").get<std::string>());
    return gold;
  } catch (const nlohmann::json::exception& e) {
    return Status(ErrorCode::kUnreadable, path.string() + ": " + e.what());
  }
}

// Every *.json of `dir`, sorted by name.
inline Result<std::vector<GoldDocument>> LoadGoldSet(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> paths;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error))
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  if (error) return Status(ErrorCode::kNotFound, dir.string() + ": " + error.message());
  std::sort(paths.begin(), paths.end());
  std::vector<GoldDocument> set;
  for (const auto& path : paths) {
    auto gold = LoadGold(path);
    if (!gold.ok()) return gold.status();
    set.push_back(std::move(gold.value()));
  }
  return set;
}

// Matches of a predicted multiset against a gold multiset.
struct Counts {
  int matched = 0, predicted = 0, gold = 0;
  double Precision() const { return predicted == 0 ? (gold == 0 ? 1.0 : 0.0) : double(matched) / predicted; }
  double Recall() const { return gold == 0 ? 1.0 : double(matched) / gold; }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
  Counts& operator+=(const Counts& other) {
    matched += other.matched;
    predicted += other.predicted;
    gold += other.gold;
    return *this;
  }
};

// Correct out of total, for accuracies.
struct Tally {
  int correct = 0, total = 0;
  double Accuracy() const { return total == 0 ? 1.0 : double(correct) / total; }
  Tally& operator+=(const Tally& other) {
    correct += other.correct;
    total += other.total;
    return *this;
  }
};

struct Score {
  Tally date, body, reference;
  Tally metadata;  // every annotated metadata field (MetadataFields), null included
  Counts items, attendees;
  Tally speakers;        // speaker equal on the paragraph found by its start
  Tally speakers_found;  // the paragraph was found at all
  // For a speaker F1: gold paragraphs given any speaker (right or wrong), and
  // explicit attributions in documents whose gold names no speaker
  // at all. Attributions beyond the annotated ones in other documents cannot
  // be judged (annotators marked at most ~8 per document) and are not counted.
  int speakers_attributed = 0, speakers_spurious = 0;
  // Item errors by kind (diagnostics): gold items whose number was found with
  // another title, gold numbers not found at all, predicted numbers not in gold.
  int item_title_wrong = 0, item_missed = 0, item_spurious = 0;
  std::map<std::string, Tally> fields;  // each metadata field apart (diagnostics)
  std::vector<std::string> field_misses;  // "field: gold | predicted" (diagnostics)
  int documents = 0;
  int ocr_pages = 0, pages = 0;
  double seconds = 0;
  Score& operator+=(const Score& other) {
    date += other.date;
    body += other.body;
    reference += other.reference;
    metadata += other.metadata;
    items += other.items;
    attendees += other.attendees;
    speakers += other.speakers;
    speakers_found += other.speakers_found;
    speakers_attributed += other.speakers_attributed;
    speakers_spurious += other.speakers_spurious;
    item_title_wrong += other.item_title_wrong;
    item_missed += other.item_missed;
    item_spurious += other.item_spurious;
    for (const auto& [field, tally] : other.fields) fields[field] += tally;
    field_misses.insert(field_misses.end(), other.field_misses.begin(), other.field_misses.end());
    documents += other.documents;
    ocr_pages += other.ocr_pages;
    pages += other.pages;
    seconds += other.seconds;
    return *this;
  }
};

inline Counts MatchPairs(std::vector<std::pair<std::string, std::string>> gold,
                         const std::vector<std::pair<std::string, std::string>>& predicted) {
  Counts counts;
  counts.gold = static_cast<int>(gold.size());
  counts.predicted = static_cast<int>(predicted.size());
  for (auto& pair : gold) pair = {NormalizeSpace(pair.first), NormalizeSpace(pair.second)};
  for (const auto& pair : predicted) {
    const std::pair<std::string, std::string> key{NormalizeSpace(pair.first), NormalizeSpace(pair.second)};
    auto found = std::find(gold.begin(), gold.end(), key);
    if (found == gold.end()) continue;
    ++counts.matched;
    gold.erase(found);  // each gold entry matches once
  }
  return counts;
}

inline Tally CompareField(const std::optional<std::string>& gold, const std::optional<std::string>& predicted) {
  const bool equal = gold.has_value() == predicted.has_value() &&
                     (!gold || NormalizeSpace(*gold) == NormalizeSpace(*predicted));
  return Tally{equal ? 1 : 0, 1};
}

inline std::optional<std::string> MetadataValue(const Document& document, const std::string& field) {
  const Metadata& m = document.metadata;
  if (field == "date") return m.date;
  if (field == "body") return m.body;
  if (field == "reference") return m.reference;
  if (field == "start_time") return m.start_time;
  if (field == "end_time") return m.end_time;
  if (field == "place") return m.place;
  if (field == "chair") return m.chair;
  if (field == "secretary") return m.secretary;
  return std::nullopt;
}

// The first paragraph (preamble, then items in order) whose text starts with `start`.
inline const Paragraph* FindParagraph(const Document& document, const std::string& start) {
  const std::string prefix = NormalizeSpace(start);
  auto starts = [&](const Paragraph& paragraph) { return NormalizeSpace(paragraph.text).rfind(prefix, 0) == 0; };
  for (const auto& paragraph : document.preamble)
    if (starts(paragraph)) return &paragraph;
  for (const auto& item : document.items)
    for (const auto& paragraph : item.paragraphs)
      if (starts(paragraph)) return &paragraph;
  return nullptr;
}

// Sorts the item mismatches into kinds by number alone (an item without a
// number is keyed by its title).
inline void CountItemErrors(const std::vector<std::pair<std::string, std::string>>& gold,
                            const std::vector<std::pair<std::string, std::string>>& predicted, Score& score) {
  auto key = [](const std::pair<std::string, std::string>& item) {
    return NormalizeSpace(item.first.empty() ? item.second : item.first);
  };
  std::multiset<std::string> predicted_keys, gold_keys;
  std::set<std::pair<std::string, std::string>> exact;
  for (const auto& item : predicted) {
    predicted_keys.insert(key(item));
    exact.insert({NormalizeSpace(item.first), NormalizeSpace(item.second)});
  }
  for (const auto& item : gold) {
    gold_keys.insert(key(item));
    if (exact.count({NormalizeSpace(item.first), NormalizeSpace(item.second)})) continue;
    if (predicted_keys.count(key(item))) ++score.item_title_wrong;
    else ++score.item_missed;
  }
  for (const auto& item : predicted)
    if (!gold_keys.count(key(item))) ++score.item_spurious;
}


// Paragraphs the reader attributed to a speaker by name in the text
// ("explicit"); a continuation of the previous paragraph's speaker and an
// item's presenter carried over its paragraphs are not new attributions.
inline int CountAttributions(const Document& document) {
  int count = 0;
  auto add = [&count](const std::vector<Paragraph>& paragraphs) {
    for (const auto& paragraph : paragraphs)
      if (paragraph.speaker && paragraph.speaker_source.value_or("") == "explicit") ++count;
  };
  add(document.preamble);
  for (const auto& item : document.items) add(item.paragraphs);
  return count;
}

// Speaker F1 from the judged attributions: recall over the annotated
// paragraphs, precision over those given a speaker plus the attributions in
// documents without any annotated speaker.
struct SpeakerPrf {
  double precision, recall, f1;
};
inline SpeakerPrf SpeakerScores(const Score& s) {
  const int predicted = s.speakers_attributed + s.speakers_spurious;
  const double p = predicted == 0 ? 1.0 : double(s.speakers.correct) / predicted;
  const double r = s.speakers.Accuracy();
  return {p, r, p + r == 0 ? 0.0 : 2 * p * r / (p + r)};
}

inline std::string SpeakerF1Line(const Score& s) {
  const auto [p, r, f1] = SpeakerScores(s);
  char line[256];
  std::snprintf(line, sizeof line,
                "speakers F1 %.2f (P %.2f, R %.2f): %d correct of %d annotated, %d annotated paragraphs given a speaker, "
                "%d attributions in documents without annotated speakers\n",
                f1, p, r, s.speakers.correct, s.speakers.total, s.speakers_attributed, s.speakers_spurious);
  return line;
}

inline Score ScoreDocument(const GoldDocument& gold, const Document& document) {
  Score score;
  score.documents = 1;
  score.date = CompareField(gold.date, document.metadata.date);
  score.body = CompareField(gold.body, document.metadata.body);
  score.reference = CompareField(gold.reference, document.metadata.reference);
  for (const auto& [field, value] : gold.fields) {
    const Tally tally = CompareField(value, MetadataValue(document, field));
    score.metadata += tally;
    score.fields[field] += tally;
    if (tally.correct == 0)
      score.field_misses.push_back(field + ": " + value.value_or("null") + " | " +
                                   MetadataValue(document, field).value_or("null"));
  }
  std::vector<std::pair<std::string, std::string>> items, attendees;
  for (const auto& item : document.items) items.emplace_back(item.number, item.title);
  for (const auto& attendee : document.attendees) attendees.emplace_back(attendee.name, attendee.status);
  score.items = MatchPairs(gold.items, items);
  CountItemErrors(gold.items, items, score);
  score.attendees = MatchPairs(gold.attendees, attendees);
  for (const auto& [start, speaker] : gold.speakers) {
    const Paragraph* paragraph = FindParagraph(document, start);
    ++score.speakers.total;
    ++score.speakers_found.total;
    if (paragraph == nullptr) {
      score.field_misses.push_back("speaker: " + speaker + " | (paragraph not found) | " + start.substr(0, 60));
      continue;
    }
    ++score.speakers_found.correct;
    if (paragraph->speaker) ++score.speakers_attributed;
    if (paragraph->speaker && NormalizeSpace(*paragraph->speaker) == NormalizeSpace(speaker)) ++score.speakers.correct;
    else
      score.field_misses.push_back("speaker: " + speaker + " | " + paragraph->speaker.value_or("null") + " | " +
                                   start.substr(0, 60));
  }
  if (gold.speakers.empty()) score.speakers_spurious = CountAttributions(document);
  for (const auto& page : document.pages) score.ocr_pages += page.method == "ocr" ? 1 : 0;
  score.pages = static_cast<int>(document.pages.size());
  return score;
}

struct DocumentResult {
  const GoldDocument* gold = nullptr;
  Status status;  // of the extraction; the score is empty when it failed
  Score score;
};

// The extraction of `path` (ingest's RawDocument). When the environment
// names a directory in PROTOKOLL_EVAL_CACHE, the raw extraction is kept there
// as JSON keyed by the file's SHA-256, so that work on normalize/segment
// re-derives in seconds instead of OCRing again. The cache holds ingest
// output only: delete it after changing ingest.
inline Result<RawDocument> ExtractRawWithCache(const std::string& path, const ExtractOptions& options, Logger* logger) {
  const char* cache_dir = std::getenv("PROTOKOLL_EVAL_CACHE");
  if (cache_dir == nullptr || *cache_dir == '\0') {
    Extractor extractor(options, logger);
    return extractor.ExtractFile(path);
  }
  std::ifstream input(path, std::ios::binary);
  std::stringstream bytes;
  bytes << input.rdbuf();
  const std::string cache_file = std::string(cache_dir) + "/" + Sha256Hex(bytes.str()) + ".raw.json";
  std::ifstream cached(cache_file, std::ios::binary);
  if (cached) {
    std::stringstream json;
    json << cached.rdbuf();
    auto raw = RawDocumentFromJson(json.str());
    if (raw.ok()) return raw;
  }
  Extractor extractor(options, logger);
  auto raw = extractor.ExtractFile(path);
  if (!raw.ok()) return raw.status();
  std::filesystem::create_directories(cache_dir);
  // Written aside and renamed, so a reader never sees half a file.
  const std::string partial = cache_file + ".partial." + std::to_string(::getpid());
  std::ofstream(partial, std::ios::binary) << RawDocumentToJson(*raw);
  std::error_code error;
  std::filesystem::rename(partial, cache_file, error);
  return raw;
}

inline Result<Document> ExtractWithCache(const std::string& path, const ExtractOptions& options,
                                         const Dictionary* dictionary, Logger* logger,
                                         const SegmentOptions& segment_options = {}) {
  auto raw = ExtractRawWithCache(path, options, logger);
  if (!raw.ok()) return raw.status();
  return DeriveDocument(*raw, dictionary, logger, segment_options);
}

// Extracts `gold.file` under `corpus_dir` (OCR as the pipeline decides) and scores it.
inline DocumentResult EvaluateDocument(const GoldDocument& gold, const std::string& corpus_dir,
                                       const Dictionary* dictionary, Logger* logger,
                                       const SegmentOptions& segment_options = {}) {
  DocumentResult result;
  result.gold = &gold;
  ExtractOptions options;
  options.ocr = OcrMode::kAuto;
  const auto start = std::chrono::steady_clock::now();
  auto document = ExtractWithCache(corpus_dir + "/" + gold.file, options, dictionary, logger, segment_options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!document.ok()) {
    result.status = document.status();
    result.score.documents = 1;
    result.score.seconds = seconds;
    return result;
  }
  result.score = ScoreDocument(gold, document.value());
  result.score.seconds = seconds;
  return result;
}

// Scores one gold document from its extraction, derived with `segment_options`.
inline DocumentResult EvaluateRaw(const GoldDocument& gold, const Result<RawDocument>& raw, const Dictionary* dictionary,
                                  const SegmentOptions& segment_options = {}) {
  DocumentResult result;
  result.gold = &gold;
  if (!raw.ok()) {
    result.status = raw.status();
    result.score.documents = 1;
    return result;
  }
  const auto start = std::chrono::steady_clock::now();
  const Document document = DeriveDocument(*raw, dictionary, NullLogger(), segment_options);
  result.score = ScoreDocument(gold, document);
  result.score.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

// Every gold document's extraction, in the gold set's order.
inline std::vector<Result<RawDocument>> ExtractGoldSet(const std::vector<GoldDocument>& gold_set,
                                                       const std::string& corpus_dir) {
  std::vector<Result<RawDocument>> raws;
  ExtractOptions options;
  options.ocr = OcrMode::kAuto;
  for (const auto& gold : gold_set) raws.push_back(ExtractRawWithCache(corpus_dir + "/" + gold.file, options, NullLogger()));
  return raws;
}

struct Summary {
  Score swedish, other, overall;
};

inline Summary Summarize(const std::vector<DocumentResult>& results) {
  Summary summary;
  for (const auto& result : results) {
    (result.gold->language == "sv" ? summary.swedish : summary.other) += result.score;
    summary.overall += result.score;
  }
  return summary;
}

// `text` cut to `width` code points and padded with spaces to them.
inline std::string FitColumn(const std::string& text, size_t width) {
  std::string out;
  size_t points = 0;
  for (size_t i = 0; i < text.size() && points < width; ++points) {
    size_t length = 1;
    while (i + length < text.size() && (static_cast<unsigned char>(text[i + length]) & 0xC0) == 0x80) ++length;
    out.append(text, i, length);
    i += length;
  }
  return out + std::string(width - points, ' ');
}

inline std::string FormatRow(const std::string& label, const Score& s) {
  char line[512];
  std::snprintf(line, sizeof line,
                "%s %5.2f %5.2f %5.2f %5.2f | %3d/%-3d %4.2f %4.2f %4.2f | %3d/%-3d %4.2f %4.2f %4.2f | %2d/%-2d %4.2f | "
                "%3d/%-3d %6.1f",
                FitColumn(label, 44).c_str(), s.date.Accuracy(), s.body.Accuracy(), s.reference.Accuracy(),
                s.metadata.Accuracy(), s.items.matched,
                s.items.gold, s.items.Precision(), s.items.Recall(), s.items.F1(), s.attendees.matched,
                s.attendees.gold, s.attendees.Precision(), s.attendees.Recall(), s.attendees.F1(),
                s.speakers.correct, s.speakers.total, s.speakers.Accuracy(), s.ocr_pages, s.pages, s.seconds);
  return line;
}

// The whole table: one row per document, then the groups (items and
// attendees micro-averaged: counts summed before P/R/F1).
inline std::string FormatTable(const std::vector<DocumentResult>& results) {
  std::string table =
      "document                                      date  body   ref  meta |  items     P    R    F1  |  attendees P    R    F1  | "
      "speakers  | ocr/pages  secs\n";
  for (const auto& result : results) {
    table += FormatRow(result.gold->name, result.score);
    if (!result.status.ok()) table += "  FAILED: " + result.status.message();
    table += '\n';
  }
  const Summary summary = Summarize(results);
  table += FormatRow("== Swedish (" + std::to_string(summary.swedish.documents) + " docs)", summary.swedish) + '\n';
  table += FormatRow("== other (" + std::to_string(summary.other.documents) + " docs)", summary.other) + '\n';
  table += FormatRow("== overall (" + std::to_string(summary.overall.documents) + " docs)", summary.overall) + '\n';
  return table;
}

}  // namespace protokoll::eval
