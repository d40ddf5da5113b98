// The structured record of one minutes document: the model behind the
// Document JSON of CONTRACT.md ("protokoll/1"). Plain values, no behaviour.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protokoll/raw_document.h"

namespace protokoll {

inline constexpr const char* kSchemaName = "protokoll/1";

// How a line-end hyphen was resolved; kept with the paragraph for audit.
struct HyphenRepair {
  std::string original;  // "slutenvårdskap-|acitet" ('|' marks the line break)
  std::string result;    // "slutenvårdskapacitet"
  std::string rule;      // the rule that decided, e.g. "dictionary_join", "ellipsis_keep"
  bool joined = false;
};

struct Paragraph {
  std::string text;
  std::optional<std::string> speaker;
  // "explicit", "continued", "presenter"; nullopt with speaker nullopt.
  std::optional<std::string> speaker_source;
  int page = 0;  // page of the first line
  Box bbox;      // union of the paragraph's lines on its first page
  std::vector<HyphenRepair> repairs;
};

struct Decision {
  std::string text;
  int page = 0;
  Box bbox;
};

struct Attendee {
  std::string name;  // natural order: "Mikael Lindvall"
  std::optional<std::string> organization;
  std::optional<std::string> role;
  bool remote = false;
  std::string status = "present";  // "present", "absent", "substitute"
};

struct Item {
  std::string number;  // "3", "12a"; no "§"
  std::string title;   // whole title, joined across lines
  std::vector<std::string> presenters;
  int page = 0;
  Box bbox;  // box of the heading
  std::vector<Paragraph> paragraphs;
  std::vector<Decision> decisions;
};

struct PageRecord {
  int number = 0;
  std::optional<std::string> label;  // "1 (5)"
  std::string method = "text";       // "text" / "ocr"
  std::optional<double> ocr_confidence;
  std::optional<std::string> header;  // running lines removed from the top, joined by '\n'
  std::optional<std::string> footer;
  // Why this method: "text_layer", "no_text_layer", "image_page",
  // "unmapped_glyphs", "low_dictionary_share", "forced", ... (RawPage::
  // method_reason); "" unknown. Last, so positional initializers still hold.
  std::string method_reason;
  // ISO 639-1 code of the page's language (RawPage::language); "" unknown
  // (JSON null). Last, for the same reason.
  std::string language;
};

struct Metadata {
  std::optional<std::string> title;
  std::optional<std::string> body;
  std::optional<std::string> reference;
  std::optional<std::string> date;  // ISO 8601
  std::optional<std::string> start_time;  // HH:MM
  std::optional<std::string> end_time;
  std::optional<std::string> place;
  std::optional<std::string> chair;
  std::optional<std::string> secretary;
  std::vector<std::string> adjusters;
  std::optional<std::string> next_meeting;  // ISO date, or date + " HH:MM" when a time is printed
};

struct SourceInfo {
  std::string file;
  uint64_t bytes = 0;
  std::string media_type;
  int pages = 0;
};

struct DocumentWarning {
  std::string code;  // contract error code name
  std::optional<int> page;
  std::string message;
};

struct Document {
  std::string id;  // sha256 hex of the input bytes
  SourceInfo source;
  std::string pipeline_version;
  std::string language;  // "sv", "en", ...; "" when unknown (JSON null)
  Metadata metadata;
  std::vector<Attendee> attendees;
  std::vector<PageRecord> pages;
  std::vector<Item> items;
  std::vector<Paragraph> preamble;
  std::string text;
  std::vector<DocumentWarning> warnings;
};

// The pipeline version this build stamps on what it derives.
std::string_view PipelineVersion();

}  // namespace protokoll
