// OCR throughput on real scanned pages: seconds per page in process with one
// and with two workers, against the `tesseract` command line on the same
// pages. Not run by ctest.
//   ocr_bench [CORPUS_DIR] [--pages N]
// CORPUS_DIR defaults to ../shared/corpus next to the source tree; the pages
// are the image-only scans of se-stenaldern-samfallighet. Exits 0 with a note
// when they are absent.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../ingest/src/ocr.h"
#include "../ingest/src/ocr_decision.h"
#include "../ingest/src/ocr_pool.h"
#include "../ingest/src/pdf_render.h"

namespace fs = std::filesystem;
using protokoll::GrayImage;
using protokoll::PageImage;
using protokoll::Result;

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// CPU seconds of this process (RUSAGE_SELF) or of its finished children:
// unlike wall time, not inflated by other work on a shared machine.
double CpuSeconds(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Timing {
  double wall = 0, cpu = 0;  // per page
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Binary PGM: what the CLI reads fastest, so encoding does not count against it.
void WritePgm(const GrayImage& image, const fs::path& path) {
  std::ofstream out(path, std::ios::binary);
  out << "P5\n" << image.width << " " << image.height << "\n255\n";
  out.write(reinterpret_cast<const char*>(image.pixels.data()),
            static_cast<std::streamsize>(image.pixels.size()));
}

// Seconds per page reading `images` on `workers` engines (warm: the engines
// are created before the clock starts).
Timing InProcess(const std::vector<GrayImage>& images, int workers, long* words) {
  protokoll::OcrPoolOptions options;
  options.workers = workers;
  options.engine.lexicon = protokoll::Lexicon::Default();  // as extraction judges pages
  // Warm the engine cache with one engine per worker.
  std::vector<GrayImage> blank(workers, GrayImage{64, 64, 300, std::vector<uint8_t>(64 * 64, 255)});
  (void)protokoll::RunOcr(
      workers,
      [&](int i) -> Result<PageImage> {
        return PageImage{blank[i], ""};
      },
      options, nullptr);
  const double cpu_start = CpuSeconds(RUSAGE_SELF);
  auto start = std::chrono::steady_clock::now();
  auto results = protokoll::RunOcr(
      static_cast<int>(images.size()),
      [&](int i) -> Result<PageImage> {
        return PageImage{images[i], ""};
      },
      options, nullptr);
  Timing timing{Seconds(start) / images.size(), (CpuSeconds(RUSAGE_SELF) - cpu_start) / images.size()};
  *words = 0;
  int all_languages = 0;
  for (const auto& r : results) {
    if (!r.ok()) {
      std::fprintf(stderr, "OCR failed: %s\n", r.status().ToString().c_str());
      continue;
    }
    if (r->result.languages != "swe") ++all_languages;
    for (const auto& line : r->result.lines) *words += static_cast<long>(line.words.size());
  }
  if (all_languages > 0) std::printf("  (%d of %zu pages read again with all languages)\n", all_languages, images.size());
  return timing;
}

Timing CommandLine(const std::vector<fs::path>& pages, const std::string& env) {
  const double cpu_start = CpuSeconds(RUSAGE_CHILDREN);
  auto start = std::chrono::steady_clock::now();
  for (const fs::path& page : pages) {
    // --psm 1: automatic layout with orientation detection, as in process;
    // -l swe: the language protokoll reads every page with first (--lang
    // swe+eng); pages that read badly in it are read again with all.
    std::string command = env + " tesseract '" + page.string() + "' '" + page.string() +
                          "' -l swe --dpi 300 --psm 1 >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) std::fprintf(stderr, "tesseract failed on %s\n", page.c_str());
  }
  return Timing{Seconds(start) / pages.size(), (CpuSeconds(RUSAGE_CHILDREN) - cpu_start) / pages.size()};
}

}  // namespace

int main(int argc, char** argv) {
  fs::path corpus = fs::path(PROTOKOLL_SOURCE_DIR) / ".." / "shared" / "corpus";
  size_t max_pages = 8;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--pages" && i + 1 < argc) {
      max_pages = std::strtoul(argv[++i], nullptr, 10);
    } else {
      corpus = arg;
    }
  }
  const fs::path dir = corpus / "se-stenaldern-samfallighet";
  // The image-only scans (see the directory's SOURCE.txt).
  const char* scans[] = {"Protokoll_styrelsemote_20200608.pdf",
                         "stamma-2025.pdf",
                         "Protokoll-styrelsemote-Stenalderns-samfallighet-20240926.pdf",
                         "Protokoll_styrelsemote_20201020.pdf",
                         "Protokoll-styrelsemote-2014-01-09.pdf",
                         "styrelsemote_20160816.pdf"};
  std::vector<GrayImage> images;
  double render_seconds = 0;
  for (const char* name : scans) {
    if (images.size() >= max_pages) break;
    if (!fs::exists(dir / name)) continue;
    const std::string bytes = ReadFile(dir / name);
    auto renderer = protokoll::PdfRenderer::Open(bytes, nullptr);
    if (!renderer.ok()) continue;
    for (int p = 0; p < (*renderer)->page_count() && images.size() < max_pages; ++p) {
      auto start = std::chrono::steady_clock::now();
      auto page = (*renderer)->Render(p, 300);
      render_seconds += Seconds(start);
      if (page.ok()) images.push_back(std::move(page->image));
    }
  }
  if (images.empty()) {
    std::printf("ocr_bench: no scans under %s; nothing measured\n", dir.c_str());
    return 0;
  }
  std::printf("%zu scanned pages at 300 dpi; rendering in process: %.3f s/page\n", images.size(),
              render_seconds / images.size());

  long words1 = 0, words2 = 0;
  const Timing one = InProcess(images, 1, &words1);
  std::printf("in process, 1 worker:  %.3f s/page wall, %.3f s/page CPU (%ld words)\n", one.wall, one.cpu,
              words1);
  const Timing two = InProcess(images, 2, &words2);
  std::printf(
      "in process, 2 workers: %.3f s/page wall, %.3f s/page CPU (%ld words); throughput x%.2f of 1 worker\n",
      two.wall, two.cpu, words2, one.wall / two.wall);

  const fs::path tmp = fs::temp_directory_path() / ("ocr_bench_" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  std::vector<fs::path> pgms;
  for (size_t i = 0; i < images.size(); ++i) {
    pgms.push_back(tmp / ("page" + std::to_string(i) + ".pgm"));
    WritePgm(images[i], pgms.back());
  }
  const Timing cli_single = CommandLine(pgms, "OMP_THREAD_LIMIT=1");
  std::printf(
      "tesseract CLI, OMP_THREAD_LIMIT=1: %.3f s/page wall, %.3f s/page CPU; in process 1 worker takes x%.2f "
      "its wall time, x%.2f its CPU\n",
      cli_single.wall, cli_single.cpu, one.wall / cli_single.wall, one.cpu / cli_single.cpu);
  const Timing cli_default = CommandLine(pgms, "");
  std::printf(
      "tesseract CLI, default threads:    %.3f s/page wall, %.3f s/page CPU; in process 1 worker takes x%.2f "
      "its wall time\n",
      cli_default.wall, cli_default.cpu, one.wall / cli_default.wall);
  fs::remove_all(tmp);
  return 0;
}
