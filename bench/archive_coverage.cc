// Coverage on an unannotated archive (../shared/corpus-batch): the share of
// documents with a date, a body, at least one item, at least one attendee,
// a chair or secretary, a speaker; failures by code. Extraction goes
// through the evaluation's cache (PROTOKOLL_EVAL_CACHE), so before/after
// runs read the same pages.
//   archive_coverage [--before] [--no-ocr] DIR
//   --before: a document no profile matches keeps only its preamble (the
//             pipeline before the generic reader), for the before figure.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "protokoll/logger.h"
#include "protokoll/paragraphs.h"
#include "segment_eval.h"

namespace eval = protokoll::eval;

int main(int argc, char** argv) {
  std::string missing;  // --missing date|attendees: name the documents with text that lack it
  bool before = false, no_ocr = false;  // --no-ocr: text layers only (a quick run; scans then count as empty)
  std::string dir;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--before") == 0) before = true;
    else if (std::strcmp(argv[i], "--no-ocr") == 0) no_ocr = true;
    else if (std::strcmp(argv[i], "--missing") == 0 && i + 1 < argc) missing = argv[++i];
    else dir = argv[i];
  }
  if (dir.empty() || !std::filesystem::is_directory(dir)) {
    std::fprintf(stderr, "usage: archive_coverage [--before] [--no-ocr] DIR\n");
    return 2;
  }
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && (entry.path().extension() == ".pdf" || entry.path().extension() == ".PDF"))
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  auto dictionary = protokoll::OpenHunspellDictionaries(protokoll::NullLogger());
  protokoll::SegmentOptions options;
  options.generic_reader = !before;
  int documents = 0, date = 0, body = 0, items = 0, attendees = 0, officer = 0, speaker = 0, language = 0;
  int with_text = 0, text_date = 0, text_body = 0, text_items = 0, text_attendees = 0;  // documents with words
  std::map<std::string, int> failures;
  protokoll::ExtractOptions extract;
  if (no_ocr) extract.ocr = protokoll::OcrMode::kNever;
  for (const auto& file : files) {
    auto raw = eval::ExtractRawWithCache(file, extract, protokoll::NullLogger());
    ++documents;
    if (!raw.ok()) {
      ++failures[std::string(protokoll::ErrorCodeName(raw.status().code()))];
      continue;
    }
    const protokoll::Document doc = protokoll::DeriveDocument(*raw, dictionary.get(), protokoll::NullLogger(), options);
    date += doc.metadata.date.has_value();
    body += doc.metadata.body.has_value();
    items += !doc.items.empty();
    attendees += !doc.attendees.empty();
    officer += doc.metadata.chair.has_value() || doc.metadata.secretary.has_value();
    language += !doc.language.empty();
    if (!doc.text.empty() && missing == "date" && !doc.metadata.date) std::printf("no date: %s\n", file.c_str());
    if (!doc.text.empty() && missing == "attendees" && doc.attendees.empty()) std::printf("no attendees: %s\n", file.c_str());
    if (!doc.text.empty()) {
      ++with_text;
      text_date += doc.metadata.date.has_value();
      text_body += doc.metadata.body.has_value();
      text_items += !doc.items.empty();
      text_attendees += !doc.attendees.empty();
    }
    bool spoke = false;
    for (const auto& item : doc.items)
      for (const auto& paragraph : item.paragraphs) spoke = spoke || paragraph.speaker_source == "explicit";
    speaker += spoke;
  }
  auto share = [&](int n) { return documents ? 100.0 * n / documents : 0.0; };
  std::printf("%s: %d documents\n", before ? "before (no generic reader)" : "after", documents);
  std::printf("date %.1f %%  body %.1f %%  items %.1f %%  attendees %.1f %%  chair/secretary %.1f %%  speaker %.1f %%  language %.1f %%\n",
              share(date), share(body), share(items), share(attendees), share(officer), share(speaker), share(language));
  auto of_text = [&](int n) { return with_text ? 100.0 * n / with_text : 0.0; };
  std::printf("of the %d documents with text: date %.1f %%  body %.1f %%  items %.1f %%  attendees %.1f %%\n", with_text,
              of_text(text_date), of_text(text_body), of_text(text_items), of_text(text_attendees));
  for (const auto& [code, count] : failures) std::printf("failed %s: %d\n", code.c_str(), count);
  return 0;
}
