// Text-layer extraction speed: pages per second over the PDFs given on the
// command line (or every PDF under a directory). Not run by ctest.
//   ingest_bench DIR_OR_PDF... [--verbose] [--ocr]
// Without --ocr the per-page OCR decision is off (OcrMode::kNever), so this
// measures the text layer alone, comparable with pdftotext.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "protokoll/extractor.h"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<std::string> pdfs;
  bool verbose = false;
  protokoll::ExtractOptions options;
  options.ocr = protokoll::OcrMode::kNever;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--verbose") {
      verbose = true;
    } else if (arg == "--ocr") {
      options.ocr = protokoll::OcrMode::kAuto;
    } else if (fs::is_directory(arg)) {
      for (const auto& e : fs::recursive_directory_iterator(arg)) {
        std::string ext = e.path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
        if (e.is_regular_file() && ext == ".pdf") pdfs.push_back(e.path().string());
      }
    } else {
      pdfs.push_back(arg);
    }
  }
  std::sort(pdfs.begin(), pdfs.end());
  if (pdfs.empty()) {
    std::fprintf(stderr, "usage: ingest_bench DIR_OR_PDF... [--verbose] [--ocr]\n");
    return 2;
  }
  protokoll::Extractor extractor(options, protokoll::NullLogger());
  long total_pages = 0, total_words = 0;
  double total_seconds = 0;
  for (const std::string& path : pdfs) {
    auto start = std::chrono::steady_clock::now();
    auto doc = extractor.ExtractFile(path);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    total_seconds += seconds;
    if (!doc.ok()) {
      std::printf("%-70s FAILED %s\n", fs::path(path).filename().c_str(), doc.status().ToString().c_str());
      continue;
    }
    long words = 0;
    for (const auto& page : doc->pages)
      for (const auto& line : page.lines) words += static_cast<long>(line.words.size());
    total_pages += static_cast<long>(doc->pages.size());
    total_words += words;
    if (verbose) {
      std::printf("%-70s %4zu pages %7ld words %8.3f s  %zu warnings\n", fs::path(path).filename().c_str(),
                  doc->pages.size(), words, seconds, doc->warnings.size());
      for (const auto& w : doc->warnings)
        std::printf("    %s page %d: %s\n", std::string(protokoll::ErrorCodeName(w.code)).c_str(),
                    w.page.value_or(0), w.message.c_str());
    }
  }
  std::printf("%zu files, %ld pages, %ld words, %.3f s, %.1f pages/s\n", pdfs.size(), total_pages, total_words,
              total_seconds, total_seconds > 0 ? total_pages / total_seconds : 0.0);
  return 0;
}
