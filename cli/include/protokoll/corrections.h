// Corrections people make to derived records (`protokoll serve`, issue 12).
// Each correction is its own store record: which document and field, the
// value before and after, who, when, and the pipeline version it was made on.
// The store's records always carry the corrections (they are written in the
// same atomic batch as the correction), so show, export, TEI, CSV and search
// see them; whenever the pipeline derives a document again (reprocess,
// re-ingest) the corrections are applied over what it derived, and where it
// now derives something else at a corrected field the correction wins and the
// disagreement is kept as a conflict.
//
// Fields: metadata.{title,body,reference,date,start_time,end_time,place,chair,
// secretary,next_meeting}, attendees[i].{name,organization,role,status,remote},
// items[i].{number,title,start}, items[i].paragraphs[j].speaker, preamble[j].speaker.
// Values are JSON: a string, null, true/false for remote, and for an item's
// start (its boundary with the item before) the index, over all items'
// paragraphs in order, of its first paragraph: moving it moves paragraphs
// between the two items.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/record.h"
#include "protokoll/status.h"
#include "protokoll/store.h"

namespace protokoll {

struct Correction {
  uint64_t number = 0;   // the store's record number, in the order written
  std::string document;  // full id
  std::string field;     // "metadata.date", "attendees[2].name", ...
  std::string old_value, new_value;  // JSON texts: what the person saw, what they set
  // What the pipeline derived at the field (JSON); differs from old_value
  // when an earlier correction of the same field was in place.
  std::string derived;
  std::string who, at, pipeline_version;  // at: ISO 8601 UTC
  std::optional<std::string> undone_by, undone_at;
  // Set when a pipeline derived something at the field that is neither what
  // it derived when the correction was made nor the correction: the correction wins.
  std::optional<std::string> conflict_value, conflict_pipeline_version;

  bool active() const { return !undone_at.has_value(); }
};

std::string CorrectionToJson(const Correction& c);
// kCorruption when `json` is not a correction record.
Result<Correction> CorrectionFromJson(std::string_view json, uint64_t number);

// The value at `field` as JSON text. kInvalidArgument for a field that is
// not correctable, kNotFound for a record the document does not have.
Result<std::string> FieldValue(const Document& doc, std::string_view field);
// Sets `field` to `json_value`, checked: dates YYYY-MM-DD, times HH:MM,
// status present/absent/substitute, remote true/false, names and numbers not
// empty, nothing longer than 4000 bytes. kInvalidArgument with a reason.
Status SetField(Document& doc, std::string_view field, std::string_view json_value);

// The records a correction marks: "metadata", "attendees[2]", "items[3]",
// "items[3].paragraphs[0]", "preamble[1]".
std::string RecordOf(std::string_view field);
// Adds "corrected": true to the records of `fields` in a document's JSON
// (the contract's mark); unknown records are left alone.
std::string MarkCorrected(std::string_view document_json, const std::vector<std::string>& fields);
// The fields of the active corrections among `corrections`.
std::vector<std::string> CorrectedFields(const std::vector<Correction>& corrections);

// Every correction of the store in the order written; of `id` only when
// given. Unreadable records are left out (`verify` reports them).
Result<std::vector<Correction>> LoadCorrections(Store& store, const std::optional<std::string>& id = std::nullopt);

// Applies the active corrections (the latest per field wins) to a document
// the pipeline has just derived, and sets the conflict of each whose field
// now holds something else. Returns the corrections whose conflict changed,
// to be written back. A correction of a record the document no longer has is
// a conflict too (conflict_value "missing").
std::vector<Correction> ApplyCorrections(Document& doc, std::vector<Correction>& corrections);

// Records a correction of `field` of stored document `id` to `json_value`,
// signed `who`, and stores the corrected document with it in one write.
// kInvalidArgument for a bad field or value, kNotFound for an unknown
// document or record, kDbError when the store cannot be written.
Result<Correction> RunCorrect(Store& store, const std::string& id, const std::string& field,
                              const std::string& json_value, const std::string& who);
// Undoes correction `number`: the field gets the value the latest other
// active correction of it set, or what the pipeline derived. kNotFound for an
// unknown number, kInvalidArgument when it is already undone.
Result<Correction> RunUndo(Store& store, uint64_t number, const std::string& who);

}  // namespace protokoll
