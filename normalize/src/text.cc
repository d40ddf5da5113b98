#include "protokoll/text.h"

namespace protokoll {
// TODO(normalize): ICU implementation.
std::string NormalizeLineText(std::string_view utf8) { return std::string(utf8); }
std::string FoldForSearch(std::string_view utf8) { return std::string(utf8); }
std::vector<std::string> SearchTerms(std::string_view utf8) { return {std::string(utf8)}; }
std::string ToLower(std::string_view utf8) { return std::string(utf8); }
}  // namespace protokoll
