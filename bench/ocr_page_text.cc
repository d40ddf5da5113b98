// Prints one page of a document as protokoll reads it (text layer or OCR,
// each page in its own language, as `protokoll extract` does), before
// segmentation: the running header, then the body lines. For bench/ocr_cer.sh.
//   ocr_page_text FILE PAGE
#include <cstdio>
#include <cstdlib>
#include <string>

#include "protokoll/extractor.h"
#include "protokoll/layout.h"

using namespace protokoll;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: ocr_page_text FILE PAGE\n");
    return 2;
  }
  Extractor extractor(ExtractOptions{}, NullLogger());
  auto raw = extractor.ExtractFile(argv[1]);
  if (!raw.ok()) {
    std::fprintf(stderr, "%s\n", raw.status().ToString().c_str());
    return 1;
  }
  const int page = std::atoi(argv[2]);
  for (const RawPage& p : raw->pages)
    if (p.number == page) std::fprintf(stderr, "method %s, language %s\n", std::string(PageMethodName(p.method)).c_str(), p.language.c_str());
  std::fputs(PageText(LayOut(*raw), page).c_str(), stdout);
  return 0;
}
