// libFuzzer: extraction from bytes, the way `ingest` meets a file: the first
// byte chooses the name (.pdf, .txt, .png, none), the rest is the file. OCR
// is off (Tesseract is far too slow for fuzzing); rendering stays in process
// so that a crash in Poppler is the fuzzer's to find.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "protokoll/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace protokoll;
  if (size == 0) return 0;
  static const char* const kNames[] = {"x.pdf", "x.txt", "x.png", "x"};
  const std::string name = kNames[data[0] % 4];
  ExtractOptions options;
  options.ocr = OcrMode::kNever;
  options.max_page_seconds = 10;
  Extractor extractor(options, NullLogger());
  auto doc = extractor.ExtractBytes(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), name);
  (void)doc;
  return 0;
}
