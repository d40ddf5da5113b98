#include "protokoll/record_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace protokoll {
namespace {
using nlohmann::ordered_json;

ordered_json Opt(const std::optional<std::string>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }
ordered_json Opt(const std::optional<int>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }

// One decimal is finer than any glyph and keeps the output stable across builds.
double Round1(double v) { return std::round(v * 10.0) / 10.0; }

ordered_json BoxJson(const Box& b) {
  return ordered_json::array({Round1(b.x0), Round1(b.y0), Round1(b.x1), Round1(b.y1)});
}

ordered_json ParagraphJsonValue(const Paragraph& p, bool include_repairs) {
  ordered_json j;
  j["text"] = p.text;
  j["speaker"] = Opt(p.speaker);
  j["speaker_source"] = Opt(p.speaker_source);
  j["page"] = p.page;
  j["bbox"] = BoxJson(p.bbox);
  if (include_repairs) {
    ordered_json repairs = ordered_json::array();
    for (const auto& r : p.repairs)
      repairs.push_back({{"original", r.original}, {"result", r.result}, {"rule", r.rule}, {"joined", r.joined}});
    j["repairs"] = std::move(repairs);
  }
  return j;
}

ordered_json StringArray(const std::vector<std::string>& v) {
  ordered_json a = ordered_json::array();
  for (const auto& s : v) a.push_back(s);
  return a;
}

// Readers are lenient about absent keys (a value written by an older
// version) but strict about types, so that a corrupt value is an error.
std::optional<std::string> GetOptString(const ordered_json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<std::string>();
}

Box GetBox(const ordered_json& j, const char* key) {
  Box b;
  auto it = j.find(key);
  if (it != j.end() && it->is_array() && it->size() == 4)
    b = Box{(*it)[0].get<double>(), (*it)[1].get<double>(), (*it)[2].get<double>(), (*it)[3].get<double>()};
  return b;
}

Paragraph ParagraphFromValue(const ordered_json& j) {
  Paragraph p;
  p.text = j.at("text").get<std::string>();
  p.speaker = GetOptString(j, "speaker");
  p.speaker_source = GetOptString(j, "speaker_source");
  p.page = j.value("page", 0);
  p.bbox = GetBox(j, "bbox");
  if (auto it = j.find("repairs"); it != j.end() && it->is_array())
    for (const auto& r : *it)
      p.repairs.push_back(HyphenRepair{r.value("original", ""), r.value("result", ""),
                                       r.value("rule", ""), r.value("joined", false)});
  return p;
}

std::vector<std::string> GetStrings(const ordered_json& j, const char* key) {
  std::vector<std::string> out;
  if (auto it = j.find(key); it != j.end() && it->is_array())
    for (const auto& s : *it) out.push_back(s.get<std::string>());
  return out;
}

ordered_json DocumentJsonValue(const Document& d, const JsonOptions& options) {
  ordered_json j;
  j["schema"] = kSchemaName;
  j["id"] = d.id;
  j["source"] = {{"file", d.source.file},
                 {"bytes", d.source.bytes},
                 {"media_type", d.source.media_type},
                 {"pages", d.source.pages}};
  j["pipeline_version"] = d.pipeline_version;
  j["language"] = d.language.empty() ? ordered_json(nullptr) : ordered_json(d.language);
  const Metadata& m = d.metadata;
  ordered_json meta;
  meta["title"] = Opt(m.title);
  meta["body"] = Opt(m.body);
  meta["reference"] = Opt(m.reference);
  meta["date"] = Opt(m.date);
  meta["start_time"] = Opt(m.start_time);
  meta["end_time"] = Opt(m.end_time);
  meta["place"] = Opt(m.place);
  meta["chair"] = Opt(m.chair);
  meta["secretary"] = Opt(m.secretary);
  meta["adjusters"] = StringArray(m.adjusters);
  meta["next_meeting"] = Opt(m.next_meeting);
  j["metadata"] = std::move(meta);

  ordered_json attendees = ordered_json::array();
  for (const auto& a : d.attendees) {
    ordered_json aj;
    aj["name"] = a.name;
    aj["organization"] = Opt(a.organization);
    aj["role"] = Opt(a.role);
    aj["remote"] = a.remote;
    aj["status"] = a.status;
    attendees.push_back(std::move(aj));
  }
  j["attendees"] = std::move(attendees);

  ordered_json pages = ordered_json::array();
  for (const auto& p : d.pages) {
    ordered_json pj;
    pj["number"] = p.number;
    pj["label"] = Opt(p.label);
    pj["method"] = p.method;
    pj["method_reason"] = p.method_reason.empty() ? ordered_json(nullptr) : ordered_json(p.method_reason);
    pj["ocr_confidence"] = p.ocr_confidence ? ordered_json(Round1(*p.ocr_confidence)) : ordered_json(nullptr);
    pj["header"] = Opt(p.header);
    pj["footer"] = Opt(p.footer);
    pj["language"] = p.language.empty() ? ordered_json(nullptr) : ordered_json(p.language);
    pages.push_back(std::move(pj));
  }
  j["pages"] = std::move(pages);

  ordered_json items = ordered_json::array();
  for (const auto& it : d.items) {
    ordered_json ij;
    ij["number"] = it.number;
    ij["title"] = it.title;
    ij["presenters"] = StringArray(it.presenters);
    ij["page"] = it.page;
    ordered_json paragraphs = ordered_json::array();
    for (const auto& p : it.paragraphs) paragraphs.push_back(ParagraphJsonValue(p, options.include_repairs));
    ij["paragraphs"] = std::move(paragraphs);
    ordered_json decisions = ordered_json::array();
    for (const auto& dec : it.decisions)
      decisions.push_back({{"text", dec.text}, {"page", dec.page}, {"bbox", BoxJson(dec.bbox)}});
    ij["decisions"] = std::move(decisions);
    if (options.include_repairs) ij["bbox"] = BoxJson(it.bbox);
    items.push_back(std::move(ij));
  }
  j["items"] = std::move(items);

  ordered_json preamble = ordered_json::array();
  for (const auto& p : d.preamble) preamble.push_back(ParagraphJsonValue(p, options.include_repairs));
  j["preamble"] = std::move(preamble);
  j["text"] = d.text;

  ordered_json warnings = ordered_json::array();
  for (const auto& w : d.warnings) {
    ordered_json wj;
    wj["code"] = w.code;
    wj["page"] = Opt(w.page);
    wj["message"] = w.message;
    warnings.push_back(std::move(wj));
  }
  j["warnings"] = std::move(warnings);
  return j;
}

std::string Dump(const ordered_json& j, int indent) {
  // Replace invalid UTF-8 rather than throw: text from damaged PDFs must not
  // take the whole batch down.
  return j.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace

std::string DocumentToJson(const Document& doc, const JsonOptions& options) {
  return Dump(DocumentJsonValue(doc, options), options.indent);
}

std::string ParagraphToJson(const Paragraph& p, bool include_repairs) {
  return Dump(ParagraphJsonValue(p, include_repairs), -1);
}

Result<Paragraph> ParagraphFromJson(std::string_view json) {
  try {
    return ParagraphFromValue(ordered_json::parse(json));
  } catch (const std::exception& e) {
    return Status(ErrorCode::kCorruption, std::string("paragraph JSON: ") + e.what());
  }
}

Result<Document> DocumentFromJson(std::string_view json) {
  try {
    ordered_json j = ordered_json::parse(json);
    if (j.value("schema", "") != kSchemaName)
      return Status(ErrorCode::kCorruption, "not a " + std::string(kSchemaName) + " document");
    Document d;
    d.id = j.at("id").get<std::string>();
    const auto& src = j.at("source");
    d.source.file = src.value("file", "");
    d.source.bytes = src.value("bytes", uint64_t{0});
    d.source.media_type = src.value("media_type", "");
    d.source.pages = src.value("pages", 0);
    d.pipeline_version = j.value("pipeline_version", "");
    d.language = GetOptString(j, "language").value_or("");
    const auto& m = j.at("metadata");
    d.metadata.title = GetOptString(m, "title");
    d.metadata.body = GetOptString(m, "body");
    d.metadata.reference = GetOptString(m, "reference");
    d.metadata.date = GetOptString(m, "date");
    d.metadata.start_time = GetOptString(m, "start_time");
    d.metadata.end_time = GetOptString(m, "end_time");
    d.metadata.place = GetOptString(m, "place");
    d.metadata.chair = GetOptString(m, "chair");
    d.metadata.secretary = GetOptString(m, "secretary");
    d.metadata.adjusters = GetStrings(m, "adjusters");
    d.metadata.next_meeting = GetOptString(m, "next_meeting");
    for (const auto& a : j.at("attendees")) {
      Attendee at;
      at.name = a.at("name").get<std::string>();
      at.organization = GetOptString(a, "organization");
      at.role = GetOptString(a, "role");
      at.remote = a.value("remote", false);
      at.status = a.value("status", "present");
      d.attendees.push_back(std::move(at));
    }
    for (const auto& p : j.at("pages")) {
      PageRecord pr;
      pr.number = p.value("number", 0);
      pr.label = GetOptString(p, "label");
      pr.method = p.value("method", "text");
      if (auto it = p.find("method_reason"); it != p.end() && it->is_string()) pr.method_reason = it->get<std::string>();
      if (auto it = p.find("ocr_confidence"); it != p.end() && !it->is_null()) pr.ocr_confidence = it->get<double>();
      pr.header = GetOptString(p, "header");
      pr.footer = GetOptString(p, "footer");
      pr.language = GetOptString(p, "language").value_or("");
      d.pages.push_back(std::move(pr));
    }
    for (const auto& i : j.at("items")) {
      Item item;
      item.number = i.at("number").get<std::string>();
      item.title = i.at("title").get<std::string>();
      item.presenters = GetStrings(i, "presenters");
      item.page = i.value("page", 0);
      item.bbox = GetBox(i, "bbox");
      for (const auto& p : i.at("paragraphs")) item.paragraphs.push_back(ParagraphFromValue(p));
      for (const auto& dec : i.at("decisions"))
        item.decisions.push_back(Decision{dec.at("text").get<std::string>(), dec.value("page", 0), GetBox(dec, "bbox")});
      d.items.push_back(std::move(item));
    }
    for (const auto& p : j.at("preamble")) d.preamble.push_back(ParagraphFromValue(p));
    d.text = j.value("text", "");
    for (const auto& w : j.at("warnings")) {
      DocumentWarning dw;
      dw.code = w.value("code", "");
      if (auto it = w.find("page"); it != w.end() && !it->is_null()) dw.page = it->get<int>();
      dw.message = w.value("message", "");
      d.warnings.push_back(std::move(dw));
    }
    return d;
  } catch (const std::exception& e) {
    return Status(ErrorCode::kCorruption, std::string("document JSON: ") + e.what());
  }
}

}  // namespace protokoll
