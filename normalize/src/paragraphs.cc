#include "protokoll/paragraphs.h"

namespace protokoll {
HyphenRepair DecideLineEndHyphen(std::string_view left, std::string_view right, const HyphenationContext&) {
  return HyphenRepair{std::string(left) + "|" + std::string(right), std::string(left) + std::string(right), "stub", true};
}
std::vector<std::string> CollectDocumentWords(std::span<const TextLine>) { return {}; }
std::vector<Paragraph> BuildParagraphs(std::span<const TextLine> lines, const HyphenationContext&) {
  std::vector<Paragraph> out;
  for (const auto& l : lines) out.push_back(Paragraph{l.text, std::nullopt, std::nullopt, l.page, l.box, {}});
  return out;
}
}  // namespace protokoll
