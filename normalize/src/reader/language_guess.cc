#include "reader/language_guess.h"

#include "protokoll/text.h"
#include "reader/lexicon.h"

namespace protokoll::reader {

std::string GuessLanguageFromWords(std::span<const TextLine> lines) {
  static constexpr std::string_view kKeys[] = {"field.date", "field.place", "field.present", "field.absent",
                                               "decision", "verbs.report", "doc.minutes", "doc.agenda",
                                               "item.other_business", "weekdays", "field.chair",
                                               "field.secretary", "prose.open", "prose.close"};
  std::string best;
  int best_hits = 0;
  for (const auto& code : LexiconLanguages()) {
    if (code == "nn") continue;  // read as nb: the lists share most words
    const Lexicon* lexicon = LexiconFor(code);
    int hits = 0;
    for (size_t i = 0; i < lines.size() && i < 300; ++i) {
      const std::string lower = ToLower(lines[i].text);
      for (auto key : kKeys) hits += lexicon->Contains(key, lower);
      for (int month = 1; month <= 12; ++month)
        for (const auto& name : lexicon->Values("months." + std::to_string(month)))
          if (name.size() >= 5 && lower.find(name) != std::string::npos) ++hits;
    }
    if (hits > best_hits) best_hits = hits, best = code;
  }
  return best_hits >= 3 ? best : std::string();
}

}  // namespace protokoll::reader
