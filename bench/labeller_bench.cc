// The line labeller's share of the text path: for each PDF (text layer only,
// no OCR), the CPU time of extraction, of the whole derivation (layout,
// paragraphs, segment) and of the labeller alone (features + prediction).
// Not run by ctest.
//   labeller_bench DIR_OR_PDF...
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "protokoll/extractor.h"
#include "protokoll/labeller.h"
#include "protokoll/labeller_training.h"
#include "protokoll/logger.h"
#include "protokoll/paragraphs.h"
#include "protokoll/pipeline.h"

namespace {

double CpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<std::string> pdfs;
  for (int i = 1; i < argc; ++i) {
    if (fs::is_directory(argv[i])) {
      for (const auto& e : fs::recursive_directory_iterator(argv[i]))
        if (e.path().extension() == ".pdf" || e.path().extension() == ".PDF") pdfs.push_back(e.path().string());
    } else {
      pdfs.emplace_back(argv[i]);
    }
  }
  protokoll::ExtractOptions options;
  options.ocr = protokoll::OcrMode::kNever;
  auto dictionary = protokoll::OpenHunspellDictionaries(protokoll::NullLogger());
  const protokoll::LineLabeller* labeller = protokoll::LineLabeller::Builtin();
  double extract = 0, derive = 0, label = 0, feature_seconds = 0;
  int pages = 0, lines = 0;
  for (const auto& pdf : pdfs) {
    protokoll::Extractor extractor(options, protokoll::NullLogger());
    double t0 = CpuSeconds();
    auto raw = extractor.ExtractFile(pdf);
    double t1 = CpuSeconds();
    extract += t1 - t0;
    if (!raw.ok()) continue;
    pages += static_cast<int>(raw->pages.size());
    const auto doc = protokoll::DeriveDocument(*raw, dictionary.get(), protokoll::NullLogger());
    double t2 = CpuSeconds();
    derive += t2 - t1;
    const auto laid = protokoll::LinesForSegment(protokoll::LayOut(*raw));
    double t3 = CpuSeconds();
    const auto features = protokoll::LineFeatures(laid);
    const double t_features = CpuSeconds();
    if (labeller) (void)labeller->Predict(features);
    double t4 = CpuSeconds();
    label += t4 - t3;
    feature_seconds += t_features - t3;
    lines += static_cast<int>(laid.lines.size());
  }
  std::printf("%zu PDFs, %d pages, %d lines: extract %.2f s, derive %.2f s (of which labeller %.2f s), "
              "labeller share of the text path %.1f %%, %.2f ms CPU per page\n",
              pdfs.size(), pages, lines, extract, derive, label, 100.0 * label / (extract + derive),
              1000.0 * (extract + derive) / std::max(pages, 1));
  std::printf("labeller: features %.2f s, prediction %.2f s\n", feature_seconds, label - feature_seconds);
  return 0;
}
