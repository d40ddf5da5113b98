#include "protokoll/raw_json.h"

#include <map>
#include <vector>
#include <nlohmann/json.hpp>

namespace protokoll {
namespace {
using nlohmann::json;

constexpr int kRawFormat = 1;
constexpr int kBold = 1, kSpaceAfter = 2;

// Coordinates are kept exactly: reprocessing must derive exactly what ingest
// derived, and a rounded box can round differently in the derived record.
json BoxArray(const Box& b) { return json::array({b.x0, b.y0, b.x1, b.y1}); }
Box BoxFrom(const json& a) { return Box{a.at(0).get<double>(), a.at(1).get<double>(), a.at(2).get<double>(), a.at(3).get<double>()}; }

}  // namespace

std::string RawDocumentToJson(const RawDocument& raw) {
  // The text is the dump of one JSON object (keys in order), but built a page
  // at a time: a tree of the whole document costs several times its text,
  // which for a document of thousands of pages was most of ingest's peak
  // memory (docs/performance.md). Fonts are numbered in a first pass, since
  // "fonts" comes before "pages".
  auto dump = [](const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); };
  std::map<std::string, int> font_index;
  json fonts = json::array();
  for (const auto& page : raw.pages)
    for (const auto& line : page.lines)
      for (const auto& w : line.words)
        if (font_index.emplace(w.font, static_cast<int>(font_index.size())).second) fonts.push_back(w.font);
  std::vector<std::string> pages;
  pages.reserve(raw.pages.size());
  size_t size = 0;
  for (const auto& page : raw.pages) {
    json lines = json::array();
    for (const auto& line : page.lines) {
      json words = json::array();
      for (const auto& w : line.words)
        words.push_back(json::array({w.text, w.box.x0, w.box.y0, w.box.x1, w.box.y1, font_index.at(w.font), w.font_size,
                                     (w.bold ? kBold : 0) | (w.space_after ? kSpaceAfter : 0), w.confidence}));
      lines.push_back({{"block", line.block}, {"box", BoxArray(line.box)}, {"words", std::move(words)}});
    }
    json pj = {{"number", page.number}, {"width", page.width}, {"height", page.height},
               {"rotation", page.rotation}, {"method", std::string(PageMethodName(page.method))},
               {"method_reason", page.method_reason}, {"language", page.language},
               {"lines", std::move(lines)}};
    pj["ocr_confidence"] = page.ocr_confidence ? json(*page.ocr_confidence) : json(nullptr);
    pages.push_back(dump(pj));
    size += pages.back().size() + 1;
  }
  json warnings = json::array();
  for (const auto& w : raw.warnings)
    warnings.push_back({{"code", std::string(ErrorCodeName(w.code))}, {"page", w.page ? json(*w.page) : json(nullptr)},
                        {"message", w.message}});
  // Keys in the order a json object dumps them (sorted).
  const std::string head = "{\"bytes\":" + dump(raw.bytes) + ",\"file_name\":" + dump(raw.file_name) +
                           ",\"fonts\":" + dump(fonts) + ",\"format\":" + dump(kRawFormat) +
                           ",\"media_type\":" + dump(raw.media_type) + ",\"pages\":[";
  const std::string tail = "],\"sha256\":" + dump(raw.sha256) + ",\"warnings\":" + dump(warnings) + "}";
  std::string out;
  out.reserve(head.size() + size + tail.size());
  out += head;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) out += ',';
    out += pages[i];
    std::string().swap(pages[i]);  // each page's text freed as it is copied: the peak stays near one copy
  }
  out += tail;
  return out;
}

Result<RawDocument> RawDocumentFromJson(std::string_view text) {
  try {
    json j = json::parse(text);
    if (j.value("format", 0) != kRawFormat) return Status(ErrorCode::kCorruption, "not a protokoll extraction");
    RawDocument raw;
    raw.sha256 = j.at("sha256").get<std::string>();
    raw.file_name = j.value("file_name", "");
    raw.bytes = j.value("bytes", uint64_t{0});
    raw.media_type = j.value("media_type", "");
    const json& fonts = j.at("fonts");
    for (const auto& pj : j.at("pages")) {
      RawPage page;
      page.number = pj.at("number").get<int>();
      page.width = pj.value("width", 0.0);
      page.height = pj.value("height", 0.0);
      page.rotation = pj.value("rotation", 0);
      page.method = pj.value("method", "text") == "ocr" ? PageMethod::kOcr : PageMethod::kText;
      page.method_reason = pj.value("method_reason", "");
      page.language = pj.value("language", "");  // absent in extractions stored before languages
      if (auto it = pj.find("ocr_confidence"); it != pj.end() && !it->is_null()) page.ocr_confidence = it->get<double>();
      for (const auto& lj : pj.at("lines")) {
        RawLine line;
        line.block = lj.value("block", 0);
        line.box = BoxFrom(lj.at("box"));
        for (const auto& wj : lj.at("words")) {
          Word w;
          w.text = wj.at(0).get<std::string>();
          w.box = Box{wj.at(1).get<double>(), wj.at(2).get<double>(), wj.at(3).get<double>(), wj.at(4).get<double>()};
          w.font = fonts.at(wj.at(5).get<size_t>()).get<std::string>();
          w.font_size = wj.at(6).get<double>();
          const int flags = wj.at(7).get<int>();
          w.bold = flags & kBold;
          w.space_after = flags & kSpaceAfter;
          w.confidence = wj.at(8).get<float>();
          line.words.push_back(std::move(w));
        }
        page.lines.push_back(std::move(line));
      }
      raw.pages.push_back(std::move(page));
    }
    for (const auto& wj : j.at("warnings")) {
      RawWarning w;
      w.code = ErrorCodeFromName(wj.value("code", "")).value_or(ErrorCode::kPageFailed);
      if (auto it = wj.find("page"); it != wj.end() && !it->is_null()) w.page = it->get<int>();
      w.message = wj.value("message", "");
      raw.warnings.push_back(std::move(w));
    }
    return raw;
  } catch (const std::exception& e) {
    return Status(ErrorCode::kCorruption, std::string("extraction JSON: ") + e.what());
  }
}

}  // namespace protokoll
