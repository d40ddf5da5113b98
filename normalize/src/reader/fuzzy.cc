#include "reader/fuzzy.h"

#include <algorithm>
#include <cctype>

#include "protokoll/text.h"

namespace protokoll::reader {

std::string Fold(std::string_view text) {
  const std::string folded = FoldForSearch(text);
  std::string out;
  bool space = false;
  for (unsigned char c : folded) {
    if (std::isalnum(c) || c >= 0x80) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(c);
    } else {
      space = true;
    }
  }
  return out;
}

std::vector<std::string> Tokens(const std::string& folded) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < folded.size()) {
    const size_t space = folded.find(' ', i);
    std::string token = folded.substr(i, space == std::string::npos ? std::string::npos : space - i);
    if (token.size() >= 3) tokens.push_back(std::move(token));
    if (space == std::string::npos) break;
    i = space + 1;
  }
  return tokens;
}

bool SameWord(const std::string& a, const std::string& b) {
  if (a == b) return true;
  if (a.size() < 4 || b.size() < 4) return false;
  const size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  return diff <= 1 && a.compare(0, 3, b, 0, 3) == 0;
}

bool MostWordsMatch(const std::string& text, const std::string& title) {
  const auto title_tokens = Tokens(title), line_tokens = Tokens(text);
  if (title_tokens.size() < 2 || line_tokens.empty() || line_tokens.size() > title_tokens.size() + 3) return false;
  if (!SameWord(title_tokens.front(), line_tokens.front())) return false;
  size_t found = 0;
  for (const auto& t : title_tokens)
    for (const auto& l : line_tokens)
      if (SameWord(t, l)) {
        ++found;
        break;
      }
  return found * 10 >= title_tokens.size() * 7;
}

bool SameTitle(const std::string& text, const std::string& title) {
  if (text.empty() || title.empty()) return false;
  const size_t n = std::min<size_t>(title.size(), 30);
  if (text.size() >= std::min<size_t>(title.size(), 8) &&
      title.compare(0, std::min(text.size(), n), text, 0, std::min(text.size(), n)) == 0)
    return true;
  if (text.compare(0, n, title, 0, n) == 0) return true;
  return MostWordsMatch(text, title);
}

}  // namespace protokoll::reader
