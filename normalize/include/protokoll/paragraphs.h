// normalize, stage 2: body lines to paragraphs, with line-end hyphenation
// repaired per occurrence and the decision kept for audit.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/layout.h"
#include "protokoll/logger.h"
#include "protokoll/record.h"

namespace protokoll {

// Word lists behind hyphenation decisions. Thread safety: Knows() must be
// callable from several threads at once.
class Dictionary {
 public:
  virtual ~Dictionary() = default;
  // True when `word` is a known word (compounds included), case as printed.
  virtual bool Knows(std::string_view word) const = 0;
  // The same in one language only ("sv", "en"); false for a language it does not have.
  virtual bool KnowsIn(std::string_view word, std::string_view language) const {
    (void)language;
    return Knows(word);
  }
  // Whether it has a dictionary of `language` (ISO 639-1). A dictionary
  // without languages of its own answers false, and is asked by Knows().
  virtual bool HasLanguage(std::string_view language) const {
    (void)language;
    return false;
  }
};

// hunspell with the dictionaries Debian installs: Swedish and English
// (hunspell-sv, hunspell-en-us), opened now and asked by Knows(); Danish,
// Norwegian (nb, nn), German and French (hunspell-da, -no, -de-de, -fr),
// opened when KnowsIn() first asks for them; Finnish through libvoikko
// (voikko-fi). `dirs` lists where to look for the .aff/.dic files; empty
// means $PROTOKOLL_HUNSPELL_DIR, then /usr/share/hunspell. Returns a
// dictionary that knows nothing (and logs a warning) when none is found, so
// the pipeline still runs.
std::unique_ptr<Dictionary> OpenHunspellDictionaries(Logger* logger,
                                                     const std::vector<std::string>& dirs = {});

struct HyphenationContext {
  const Dictionary* dictionary = nullptr;  // may be null
  // Lower-cased words that occur elsewhere in the document, whole (for
  // "occurs elsewhere in the same document" evidence). May be null.
  const std::vector<std::string>* document_words = nullptr;  // sorted
  // ISO 639-1 language of the text ("da"); the dictionary judges in it and
  // in English (minutes quote English terms). "" or a language the
  // dictionary lacks: Swedish and English, as Dictionary::Knows().
  std::string language;
  // True when the document's line-end hyphens are all the author's: it has
  // some between letters and none of them breaks a word inside (see
  // OnlyAuthorHyphens). Word processors rarely hyphenate, so in such a
  // document "in-|person" or "sub-|committee" keeps its hyphen.
  bool author_hyphens_only = false;
};

// Whether a typesetter never broke a word in these lines: at least one
// line-end hyphen stands between letters, and none of them splits a word
// known whole into two pieces that are not words ("provid-|ing",
// "Verände-|rungen"). For HyphenationContext::author_hyphens_only.
bool OnlyAuthorHyphens(std::span<const TextLine> lines, const HyphenationContext& context);

// The rule of a line-end break no evidence decided: joined, since most
// line-end hyphens are breaks. DeriveDocument logs each such repair.
inline constexpr std::string_view kUndecidedHyphenRule = "default_join";

// Decides one line-end break: `left` is the last word of a line ending in a
// hyphen ("slutenvårdskap-"), `right` the first word of the next line,
// `previous` the word before `left` on its line ("" when none). The result
// replaces left + line break + right. Rule "spaced_hyphen_join" ("på -|verkar")
// also tells the caller to remove the space between `previous` and `left`.
HyphenRepair DecideLineEndHyphen(std::string_view left, std::string_view right,
                                 const HyphenationContext& context, std::string_view previous = {});

// Sorted, unique lower-cased words of the lines, for HyphenationContext.
std::vector<std::string> CollectDocumentWords(std::span<const TextLine> lines);

// Joins consecutive lines into paragraphs. A new paragraph starts at a
// bullet or numbered point, after a vertical gap clearly larger than the
// line spacing, at a change of indentation or font, or after a line that
// ends a sentence well short of the right margin. A sentence cut by a page
// break stays one paragraph.
std::vector<Paragraph> BuildParagraphs(std::span<const TextLine> lines,
                                       const HyphenationContext& context);

}  // namespace protokoll
