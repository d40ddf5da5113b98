#include "stemming.h"

#include <libstemmer.h>

#include <map>
#include <memory>

#include "protokoll/text.h"

namespace protokoll::store_internal {
namespace {

// Snowball's algorithm names; Norwegian stemming is Bokmål's, and Nynorsk
// inflects closely enough that it is better served by it than by none.
const char* AlgorithmOf(std::string_view language) {
  if (language == "sv") return "swedish";
  if (language == "da") return "danish";
  if (language == "nb" || language == "no" || language == "nn") return "norwegian";
  if (language == "fi") return "finnish";
  if (language == "en") return "english";
  if (language == "de") return "german";
  if (language == "fr") return "french";
  return nullptr;
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// A stemmer keeps state between calls: one per thread and algorithm.
sb_stemmer* StemmerFor(const char* algorithm) {
  thread_local std::map<std::string, std::unique_ptr<sb_stemmer, StemmerDeleter>> stemmers;
  auto [it, fresh] = stemmers.try_emplace(algorithm);
  if (fresh) it->second.reset(sb_stemmer_new(algorithm, "UTF_8"));
  return it->second.get();
}

// Snowball's Swedish leaves the definite forms of neuter nouns whole
// ("förslaget", "protokollet", "mötets", "områdena"), which a Swedish reader
// expects to find from "förslag", "protokoll", "möte", "område": their
// endings come off too, where at least four letters remain. "-ena" becomes
// "-en" before Snowball (which then takes "-en" as from "områden"); "-et" and
// "-ets" come off after it.
bool StripEnding(std::string* word, std::string_view ending, size_t keep) {
  if (word->size() < ending.size() + 4 || word->compare(word->size() - ending.size(), ending.size(), ending) != 0)
    return false;
  word->resize(word->size() - ending.size() + keep);
  return true;
}

}  // namespace

bool HasStemmer(std::string_view language) { return AlgorithmOf(language) != nullptr; }

std::string Stem(std::string_view word, std::string_view language) {
  const char* algorithm = AlgorithmOf(language);
  if (!algorithm || word.empty()) return std::string(word);
  sb_stemmer* stemmer = StemmerFor(algorithm);
  if (!stemmer) return std::string(word);  // out of memory: the word as it is still finds itself
  const bool swedish = language == "sv";
  std::string input(word);
  if (swedish) StripEnding(&input, "ena", 2);
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(input.data()), static_cast<int>(input.size()));
  if (!stem) return std::string(word);
  std::string out(reinterpret_cast<const char*>(stem), static_cast<size_t>(sb_stemmer_length(stemmer)));
  if (out.empty()) return std::string(word);
  if (swedish && !StripEnding(&out, "ets", 0)) StripEnding(&out, "et", 0);
  return out;
}

std::vector<std::string> IndexTerms(std::string_view text, std::string_view language) {
  std::vector<std::string> terms = SearchTerms(text);
  if (HasStemmer(language))
    for (auto& t : terms) t = Stem(t, language);
  return terms;
}

}  // namespace protokoll::store_internal
