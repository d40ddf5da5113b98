#include "protokoll/corrections.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>

#include "protokoll/dates.h"

namespace protokoll {
namespace {
using nlohmann::json;
using nlohmann::ordered_json;

constexpr size_t kMaxValueBytes = 4000;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// A JSON text in one canonical spelling, so that "\"x\"" and " \"x\" " compare equal.
std::string Canon(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? std::string(text) : Dump(j);
}

std::string NowIso() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

// A parsed field: which record, which of its fields.
struct FieldRef {
  std::string list;  // "metadata", "attendees", "items", "preamble"
  size_t i = 0;      // record index in the list
  bool paragraph = false;  // items[i].paragraphs[j]
  size_t j = 0;
  std::string name;  // the field of the record
};

// "[12]" at `s` -> 12 and advances; nullopt when not an index.
std::optional<size_t> Index(std::string_view& s) {
  if (s.empty() || s[0] != '[') return std::nullopt;
  size_t close = s.find(']');
  if (close == std::string_view::npos || close == 1 || close > 7) return std::nullopt;
  size_t v = 0;
  for (char c : s.substr(1, close - 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<size_t>(c - '0');
  }
  s.remove_prefix(close + 1);
  return v;
}

std::optional<FieldRef> ParseField(std::string_view f) {
  FieldRef r;
  auto take = [&](std::string_view word) {
    if (f.substr(0, word.size()) != word) return false;
    f.remove_prefix(word.size());
    return true;
  };
  if (take("metadata.")) {
    r.list = "metadata";
  } else {
    for (const char* list : {"attendees", "items", "preamble"})
      if (take(list)) r.list = list;
    if (r.list.empty()) return std::nullopt;
    auto i = Index(f);
    if (!i) return std::nullopt;
    r.i = *i;
    if (r.list == "items" && take(".paragraphs")) {
      auto j = Index(f);
      if (!j) return std::nullopt;
      r.paragraph = true;
      r.j = *j;
    }
    if (!take(".")) return std::nullopt;
  }
  r.name = std::string(f);
  return r;
}

// Where a field's value lives: exactly one of the pointers is set.
struct Slot {
  std::optional<std::string>* optional = nullptr;
  std::string* required = nullptr;
  bool* flag = nullptr;
  Paragraph* speaker_of = nullptr;  // optional points at its speaker
};

Result<Slot> Locate(Document& doc, std::string_view field) {
  const auto ref = ParseField(field);
  const Status unknown(ErrorCode::kInvalidArgument, "\"" + std::string(field) + "\" is not a field that can be corrected");
  if (!ref) return unknown;
  const Status missing(ErrorCode::kNotFound, "the document has no " + RecordOf(field));
  Slot s;
  if (ref->list == "metadata") {
    Metadata& m = doc.metadata;
    const std::pair<const char*, std::optional<std::string>*> fields[] = {
        {"title", &m.title},     {"body", &m.body},   {"reference", &m.reference}, {"date", &m.date},
        {"start_time", &m.start_time}, {"end_time", &m.end_time}, {"place", &m.place}, {"chair", &m.chair},
        {"secretary", &m.secretary},   {"next_meeting", &m.next_meeting}};
    for (const auto& [name, slot] : fields)
      if (ref->name == name) s.optional = slot;
    if (!s.optional) return unknown;
    return s;
  }
  if (ref->list == "attendees") {
    if (ref->i >= doc.attendees.size()) return missing;
    Attendee& a = doc.attendees[ref->i];
    if (ref->name == "name") s.required = &a.name;
    else if (ref->name == "status") s.required = &a.status;
    else if (ref->name == "organization") s.optional = &a.organization;
    else if (ref->name == "role") s.optional = &a.role;
    else if (ref->name == "remote") s.flag = &a.remote;
    else return unknown;
    return s;
  }
  if (ref->list == "items" && !ref->paragraph) {
    if (ref->i >= doc.items.size()) return missing;
    if (ref->name == "number") s.required = &doc.items[ref->i].number;
    else if (ref->name == "title") s.required = &doc.items[ref->i].title;
    else return unknown;
    return s;
  }
  std::vector<Paragraph>* paragraphs = &doc.preamble;
  size_t index = ref->i;
  if (ref->list == "items") {
    if (ref->i >= doc.items.size()) return missing;
    paragraphs = &doc.items[ref->i].paragraphs;
    index = ref->j;
  }
  if (index >= paragraphs->size()) return missing;
  if (ref->name != "speaker") return unknown;
  s.speaker_of = &(*paragraphs)[index];
  s.optional = &s.speaker_of->speaker;
  return s;
}

bool IsTime(std::string_view s) {
  return s.size() == 5 && s[2] == ':' && std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::isdigit(static_cast<unsigned char>(s[1])) && std::isdigit(static_cast<unsigned char>(s[3])) &&
         std::isdigit(static_cast<unsigned char>(s[4])) && (s[0] - '0') * 10 + (s[1] - '0') < 24 && s[3] < '6';
}

// What a field's value must look like, beyond being a string.
Status CheckValue(std::string_view field, const std::string& v) {
  const std::string name(field.substr(field.rfind('.') + 1));
  auto bad = [&](const std::string& what) {
    return Status(ErrorCode::kInvalidArgument, std::string(field) + ": \"" + v + "\" is not " + what);
  };
  if (v.size() > kMaxValueBytes) return Status(ErrorCode::kInvalidArgument, std::string(field) + ": longer than 4000 bytes");
  if (name == "date" && !IsIsoDate(v)) return bad("a date (YYYY-MM-DD)");
  if ((name == "start_time" || name == "end_time") && !IsTime(v)) return bad("a time (HH:MM)");
  const bool date_time = v.size() == 16 && IsIsoDate(v.substr(0, 10)) && v[10] == ' ' && IsTime(v.substr(11));
  if (name == "next_meeting" && !(v.size() == 10 && IsIsoDate(v)) && !date_time)
    return bad("a date, or a date and time (YYYY-MM-DD HH:MM)");
  if (name == "status" && v != "present" && v != "absent" && v != "substitute") return bad("present, absent or substitute");
  return Status::Ok();
}

json ToJson(const Slot& s) {
  if (s.flag) return *s.flag;
  if (s.required) return *s.required;
  return *s.optional ? json(**s.optional) : json(nullptr);
}

// The paragraphs of the items before item i: where item i starts, counted
// over the paragraphs of all items (the preamble is not an item's).
size_t ItemStart(const Document& doc, size_t i) {
  size_t start = 0;
  for (size_t k = 0; k < i && k < doc.items.size(); ++k) start += doc.items[k].paragraphs.size();
  return start;
}

// "items[i].start": the boundary between item i-1 and item i, as the index
// (over all items' paragraphs) of item i's first paragraph. nullopt when
// `field` is another field; an error for an item that has no boundary before it.
std::optional<Result<size_t>> BoundaryItem(const Document& doc, std::string_view field) {
  const auto ref = ParseField(field);
  if (!ref || ref->list != "items" || ref->paragraph || ref->name != "start") return std::nullopt;
  if (ref->i >= doc.items.size()) return Result<size_t>(ErrorCode::kNotFound, "the document has no " + RecordOf(field));
  if (ref->i == 0)
    return Result<size_t>(ErrorCode::kInvalidArgument, "the first item's start is the end of the preamble; it cannot move");
  return Result<size_t>(ref->i);
}

// Moves the boundary before item i so that it starts at paragraph `start`:
// paragraphs cross between item i-1 and item i, in order; decisions stay.
Status MoveBoundary(Document& doc, size_t i, std::string_view json_value) {
  json v = json::parse(json_value, nullptr, /*allow_exceptions=*/false);
  const size_t low = ItemStart(doc, i - 1), now = ItemStart(doc, i), high = now + doc.items[i].paragraphs.size();
  if (!v.is_number_integer() || v.get<int64_t>() < static_cast<int64_t>(low) || v.get<int64_t>() > static_cast<int64_t>(high))
    return Status(ErrorCode::kInvalidArgument, "items[" + std::to_string(i) + "].start: a paragraph number from " +
                                                   std::to_string(low) + " to " + std::to_string(high));
  const size_t to = v.get<size_t>();
  auto& before = doc.items[i - 1].paragraphs;
  auto& after = doc.items[i].paragraphs;
  if (to < now) {
    after.insert(after.begin(), before.end() - static_cast<std::ptrdiff_t>(now - to), before.end());
    before.resize(before.size() - (now - to));
  } else if (to > now) {
    before.insert(before.end(), after.begin(), after.begin() + static_cast<std::ptrdiff_t>(to - now));
    after.erase(after.begin(), after.begin() + static_cast<std::ptrdiff_t>(to - now));
  }
  return Status::Ok();
}

}  // namespace

std::string RecordOf(std::string_view field) {
  const size_t dot = field.rfind('.');
  return std::string(dot == std::string_view::npos ? field : field.substr(0, dot));
}

Result<std::string> FieldValue(const Document& doc, std::string_view field) {
  if (auto item = BoundaryItem(doc, field)) {
    if (!item->ok()) return item->status();
    return std::to_string(ItemStart(doc, **item));
  }
  auto slot = Locate(const_cast<Document&>(doc), field);  // only read
  if (!slot.ok()) return slot.status();
  return Dump(ToJson(*slot));
}

Status SetField(Document& doc, std::string_view field, std::string_view json_value) {
  if (auto item = BoundaryItem(doc, field)) return item->ok() ? MoveBoundary(doc, **item, json_value) : item->status();
  auto slot = Locate(doc, field);
  if (!slot.ok()) return slot.status();
  json v = json::parse(json_value, nullptr, /*allow_exceptions=*/false);
  if (v.is_discarded()) return Status(ErrorCode::kInvalidArgument, std::string(field) + ": the value is not JSON");
  if (slot->flag) {
    if (!v.is_boolean()) return Status(ErrorCode::kInvalidArgument, std::string(field) + ": true or false");
    *slot->flag = v.get<bool>();
    return Status::Ok();
  }
  if (v.is_null() && slot->optional) {
    *slot->optional = std::nullopt;
    if (slot->speaker_of) slot->speaker_of->speaker_source = std::nullopt;
    return Status::Ok();
  }
  if (!v.is_string()) return Status(ErrorCode::kInvalidArgument, std::string(field) + ": a string" + (slot->optional ? " or null" : ""));
  std::string text = v.get<std::string>();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status(ErrorCode::kInvalidArgument, std::string(field) + ": empty; use null for no value");
  if (Status s = CheckValue(field, text); !s.ok()) return s;
  if (slot->required) *slot->required = std::move(text);
  else *slot->optional = std::move(text);
  // A person named the speaker: the paragraph names them explicitly now.
  if (slot->speaker_of && !slot->speaker_of->speaker_source) slot->speaker_of->speaker_source = "explicit";
  return Status::Ok();
}

std::string CorrectionToJson(const Correction& c) {
  auto opt = [](const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); };
  auto value = [](const std::string& text) {
    json j = json::parse(text, nullptr, false);
    return j.is_discarded() ? json(nullptr) : j;
  };
  ordered_json j;
  j["number"] = c.number;
  j["document"] = c.document;
  j["field"] = c.field;
  j["old"] = value(c.old_value);
  j["new"] = value(c.new_value);
  j["derived"] = value(c.derived);
  j["who"] = c.who;
  j["at"] = c.at;
  j["pipeline_version"] = c.pipeline_version;
  j["undone_by"] = opt(c.undone_by);
  j["undone_at"] = opt(c.undone_at);
  j["conflict"] = c.conflict_value ? ordered_json{{"derived", value(*c.conflict_value)},
                                                  {"pipeline_version", opt(c.conflict_pipeline_version)}}
                                   : ordered_json(nullptr);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Correction> CorrectionFromJson(std::string_view text, uint64_t number) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("document") || !j.contains("field"))
    return Status(ErrorCode::kCorruption, "correction " + std::to_string(number) + " is unreadable");
  try {
    auto opt = [&](const json& o, const char* key) -> std::optional<std::string> {
      auto it = o.find(key);
      return it == o.end() || it->is_null() ? std::nullopt : std::optional<std::string>(it->get<std::string>());
    };
    Correction c;
    c.number = number;
    c.document = j.at("document").get<std::string>();
    c.field = j.at("field").get<std::string>();
    c.old_value = Dump(j.value("old", json(nullptr)));
    c.new_value = Dump(j.value("new", json(nullptr)));
    c.derived = Dump(j.value("derived", json(nullptr)));
    c.who = j.value("who", "");
    c.at = j.value("at", "");
    c.pipeline_version = j.value("pipeline_version", "");
    c.undone_by = opt(j, "undone_by");
    c.undone_at = opt(j, "undone_at");
    if (auto it = j.find("conflict"); it != j.end() && it->is_object()) {
      c.conflict_value = Dump(it->value("derived", json(nullptr)));
      c.conflict_pipeline_version = opt(*it, "pipeline_version");
    }
    return c;
  } catch (const std::exception& e) {
    return Status(ErrorCode::kCorruption, "correction " + std::to_string(number) + ": " + e.what());
  }
}

std::vector<std::string> CorrectedFields(const std::vector<Correction>& corrections) {
  std::vector<std::string> fields;
  for (const auto& c : corrections)
    if (c.active()) fields.push_back(c.field);
  return fields;
}

std::string MarkCorrected(std::string_view document_json, const std::vector<std::string>& fields) {
  if (fields.empty()) return std::string(document_json);
  ordered_json j = ordered_json::parse(document_json, nullptr, false);
  if (j.is_discarded()) return std::string(document_json);
  for (const auto& field : fields) {
    auto ref = ParseField(field);
    if (!ref) continue;
    ordered_json* record = nullptr;
    if (ref->list == "metadata") {
      record = &j["metadata"];
    } else if (j.contains(ref->list) && ref->i < j[ref->list].size()) {
      record = &j[ref->list][ref->i];
      if (ref->paragraph) {
        ordered_json& paragraphs = (*record)["paragraphs"];
        record = ref->j < paragraphs.size() ? &paragraphs[ref->j] : nullptr;
      }
    }
    if (record && record->is_object()) (*record)["corrected"] = true;
  }
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<std::vector<Correction>> LoadCorrections(Store& store, const std::optional<std::string>& id) {
  std::vector<Correction> out;
  // An unreadable record is left out rather than stopping every ingest and
  // reprocess; `verify` names it.
  Status s = store.ForEachCorrection([&](uint64_t number, std::string_view text) {
    auto c = CorrectionFromJson(text, number);
    if (c.ok() && (!id || c->document == *id)) out.push_back(std::move(*c));
    return true;
  });
  if (!s.ok()) return s;
  return out;
}

std::vector<Correction> ApplyCorrections(Document& doc, std::vector<Correction>& corrections) {
  std::map<std::string, Correction*> latest;  // by field: the active correction written last
  for (auto& c : corrections)
    if (c.active() && c.document == doc.id) latest[c.field] = &c;
  // In the order written: each was made on the document as the ones before left it
  // (a speaker corrected after a boundary moved names the paragraph where it is now).
  std::vector<Correction*> ordered;
  for (auto& entry : latest) ordered.push_back(entry.second);
  std::sort(ordered.begin(), ordered.end(), [](const Correction* a, const Correction* b) { return a->number < b->number; });
  std::vector<Correction> changed;
  for (Correction* c : ordered) {
    const std::string& field = c->field;
    std::optional<std::string> conflict;
    auto derived = FieldValue(doc, field);
    if (!derived.ok()) {
      conflict = Dump("missing");
    } else if (Canon(*derived) != Canon(c->derived) && Canon(*derived) != Canon(c->new_value)) {
      conflict = *derived;
    }
    if (derived.ok()) (void)SetField(doc, field, c->new_value);
    if (conflict != c->conflict_value) {
      c->conflict_value = conflict;
      c->conflict_pipeline_version = conflict ? std::optional<std::string>(doc.pipeline_version) : std::nullopt;
      changed.push_back(*c);
    }
  }
  return changed;
}

Result<Correction> RunCorrect(Store& store, const std::string& id, const std::string& field,
                              const std::string& json_value, const std::string& who) {
  auto doc = store.Get(id);
  if (!doc.ok()) return doc.status();
  auto current = FieldValue(*doc, field);
  if (!current.ok()) return current.status();
  auto existing = LoadCorrections(store, id);
  if (!existing.ok()) return existing.status();
  Correction c;
  c.derived = *current;
  for (const auto& e : *existing)
    if (e.active() && e.field == field) c.derived = e.derived;  // what the pipeline said, under earlier corrections
  if (Status s = SetField(*doc, field, json_value); !s.ok()) return s;
  c.document = id;
  c.field = field;
  c.old_value = *current;
  c.new_value = *FieldValue(*doc, field);
  if (Canon(c.new_value) == Canon(c.old_value))
    return Status(ErrorCode::kInvalidArgument, field + " already holds that value");
  c.who = who;
  c.at = NowIso();
  c.pipeline_version = doc->pipeline_version;
  auto numbers = store.ReplaceWithCorrections(*doc, {Store::CorrectionWrite{0, CorrectionToJson(c)}});
  if (!numbers.ok()) return numbers.status();
  c.number = numbers->front();
  return c;
}

Result<Correction> RunUndo(Store& store, uint64_t number, const std::string& who) {
  auto all = LoadCorrections(store);
  if (!all.ok()) return all.status();
  Correction* target = nullptr;
  for (auto& c : *all)
    if (c.number == number) target = &c;
  if (!target) return Status(ErrorCode::kNotFound, "no correction " + std::to_string(number));
  if (!target->active())
    return Status(ErrorCode::kInvalidArgument, "correction " + std::to_string(number) + " is already undone");
  auto doc = store.Get(target->document);
  if (!doc.ok()) return doc.status();
  target->undone_by = who;
  target->undone_at = NowIso();
  std::string value = target->derived;
  for (const auto& c : *all)
    if (c.active() && c.document == target->document && c.field == target->field) value = c.new_value;
  if (Status s = SetField(*doc, target->field, value); !s.ok() && s.code() != ErrorCode::kNotFound) return s;
  auto written = store.ReplaceWithCorrections(*doc, {Store::CorrectionWrite{number, CorrectionToJson(*target)}});
  if (!written.ok()) return written.status();
  return *target;
}

}  // namespace protokoll
