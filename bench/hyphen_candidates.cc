// Lists every line-end hyphen the pipeline sees in the given PDFs/folders,
// with the decision it takes, as TSV for labelling (tests/data/hyphenation/):
//   file  page  left  right  rule  result  context
// Usage: hyphen_candidates PATH...
#include <cstdio>
#include <iostream>
#include <string>

#include "protokoll/extractor.h"
#include "protokoll/language.h"
#include "protokoll/layout.h"
#include "protokoll/paragraphs.h"

using namespace protokoll;

namespace {
std::string Tsv(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}
// At most n bytes from the start or the end of s, never cutting a UTF-8 sequence.
std::string Head(const std::string& s, size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}
std::string Tail(const std::string& s, size_t n) {
  if (s.size() <= n) return s;
  size_t start = s.size() - n;
  while (start < s.size() && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) ++start;
  return s.substr(start);
}
bool EndsWithBreakHyphen(const std::string& s) {
  return (!s.empty() && s.back() == '-') || (s.size() >= 2 && s.compare(s.size() - 2, 2, "\xC2\xAD") == 0);
}
}  // namespace

int main(int argc, char** argv) {
  auto dictionary = OpenHunspellDictionaries(NullLogger());
  ExtractOptions options;
  options.ocr = OcrMode::kNever;
  Extractor extractor(options, NullLogger());
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (DefaultFileSystem()->IsDirectory(argv[i])) {
      auto listed = DefaultFileSystem()->ListFiles(argv[i], true);
      if (listed.ok()) files.insert(files.end(), listed->begin(), listed->end());
    } else {
      files.emplace_back(argv[i]);
    }
  }
  for (const auto& file : files) {
    auto raw = extractor.ExtractFile(file);
    if (!raw.ok()) continue;
    LaidOutDocument laid = LayOut(*raw);
    auto words = CollectDocumentWords(laid.lines);
    HyphenationContext context{dictionary.get(), &words, MainLanguage(raw->pages)};
    context.author_hyphens_only = OnlyAuthorHyphens(laid.lines, context);
    for (size_t i = 0; i + 1 < laid.lines.size(); ++i) {
      const std::string& a = laid.lines[i].text;
      const std::string& b = laid.lines[i + 1].text;
      if (!EndsWithBreakHyphen(a)) continue;
      std::string left = a.substr(a.rfind(' ') == std::string::npos ? 0 : a.rfind(' ') + 1);
      std::string right = b.substr(0, b.find(' '));
      HyphenRepair r = DecideLineEndHyphen(left, right, context);
      std::string before = Tail(a, 50);
      std::string after = Head(b, 40);
      std::cout << Tsv(file.substr(file.find_last_of('/') + 1)) << '\t' << laid.lines[i].page << '\t' << Tsv(left)
                << '\t' << Tsv(right) << '\t' << r.rule << '\t' << Tsv(r.result) << '\t' << Tsv(before) << " | "
                << Tsv(after) << '\n';
    }
  }
  return 0;
}
