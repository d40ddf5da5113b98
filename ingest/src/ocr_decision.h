// Internal to ingest: whether a PDF page is read from its text layer or OCR'd.
//
// A good text layer is never OCR'd: it is exact and costs nothing. OCR is for
// pages without one, pages that are mostly a picture with a stray word or
// two on top, and text layers that read badly: an invisible OCR layer a
// scanner added, or a born-digital layer whose glyph map is broken so that
// "funktionshindrade" comes out as "funktinnshndrade". Reading badly is
// measured by the share of words the page's language's dictionary knows
// (Swedish and English where the language is unknown or has none).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ocr.h"
#include "protokoll/extractor.h"
#include "protokoll/raw_document.h"
#include "protokoll/status.h"

namespace protokoll {

// What the decision looks at; everything is counted on one page.
struct TextLayerEvidence {
  int words = 0;
  int characters = 0;           // code points in all words
  int unmapped_characters = 0;  // U+FFFD, private use, C0 controls: glyphs without Unicode
  int glyphless_words = 0;      // in GlyphLessFont: an invisible OCR layer (scanner, ocrmypdf)
  int checked_words = 0;        // words of 3+ letters looked up in the dictionary
  int known_words = 0;          // of those, the ones the dictionary knows
  // Share of the page's area that is ink outside every word box, from a
  // coarse rendering: high on a scanned or drawn page. nullopt: not looked at.
  std::optional<double> ink_outside_text;

  double known_share() const {
    return checked_words ? static_cast<double>(known_words) / checked_words : 1.0;
  }
  double unmapped_share() const {
    return characters ? static_cast<double>(unmapped_characters) / characters : 0.0;
  }
};

enum class PageAction {
  kText,    // keep the text layer
  kOcr,     // OCR the page
  kVerify,  // the text layer reads doubtfully: OCR it and keep what reads better
};

// Why a page is read the way it is: RawPage::method_reason and the page's
// `method_reason` in the document JSON. Short and stable, for scripts.
namespace method_reason {
inline constexpr const char* kTextLayer = "text_layer";           // a good text layer, kept
inline constexpr const char* kOcrLayer = "ocr_layer";             // a good invisible OCR layer, kept
inline constexpr const char* kNoTextLayer = "no_text_layer";      // nothing to read but the picture
inline constexpr const char* kBlankPage = "blank_page";           // no text and no ink
inline constexpr const char* kImagePage = "image_page";           // a few words on a page that is mostly image
inline constexpr const char* kUnmappedGlyphs = "unmapped_glyphs"; // U+FFFD, private use: a broken glyph map
inline constexpr const char* kLowDictionaryShare = "low_dictionary_share";  // OCR read it better
inline constexpr const char* kOcrReadNoBetter = "ocr_read_no_better";       // doubtful, but kept
inline constexpr const char* kForced = "forced";                  // --ocr always
inline constexpr const char* kOcrOff = "ocr_off";                 // --ocr never on a page without text
inline constexpr const char* kOcrFailed = "ocr_failed";           // with a page_failed warning
inline constexpr const char* kOcrUnavailable = "ocr_unavailable"; // with an ocr_unavailable warning
inline constexpr const char* kImageInput = "image_input";         // a TIFF/PNG/JPEG page
}  // namespace method_reason

struct OcrDecision {
  PageAction action = PageAction::kText;
  std::string reason;  // one of method_reason::*
  std::string detail;  // the figures behind it, for the log
};

// The thresholds, named so tests and the log can speak of them.
struct OcrDecisionThresholds {
  int few_words = 15;              // "almost no text"
  double mostly_image_ink = 0.02;  // ink outside text, share of the page
  double blank_ink = 0.001;        // less ink than this: nothing to read
  double unmapped_share = 0.05;
  int min_checked_words = 12;  // fewer checked words say nothing about quality
  // Below this share of dictionary words a text layer is in doubt. Doubt is
  // settled by OCR, because a page in Finnish or Danish reads as badly to a
  // Swedish/English dictionary as a broken glyph map does.
  double doubtful_known_share = 0.85;
  // OCR replaces a doubtful layer when its words are this much more often
  // in the dictionary.
  double ocr_known_share_gain = 0.05;
};

// kAlways and kNever decide alone; kAuto weighs the evidence.
OcrDecision DecideOcr(OcrMode mode, const TextLayerEvidence& evidence,
                      const OcrDecisionThresholds& thresholds = {});

// For a kVerify page: kOcr when the OCR reads clearly better than the text
// layer, else kText; never kVerify.
OcrDecision SettleDoubt(const TextLayerEvidence& text_layer, const TextLayerEvidence& ocr,
                        const OcrDecisionThresholds& thresholds = {});

// Words a speller accepts: Default() is Swedish and English (hunspell sv_SE
// and en_US), ForLanguage() one language with English.
// Thread safety: Knows() may be called from several threads.
class Lexicon {
 public:
  // Each entry is a path without extension: "/usr/share/hunspell/sv_SE" for
  // sv_SE.aff and sv_SE.dic. kNotFound when none of them can be loaded.
  static Result<std::unique_ptr<Lexicon>> Open(const std::vector<std::string>& dictionaries);
  // sv_SE and en_US from Debian's /usr/share/hunspell, loaded once per
  // process; nullptr when neither is installed (the decision then skips the
  // dictionary test).
  static const Lexicon* Default();
  // The speller of `language` (ISO 639-1) with English: hunspell da, nb, nn,
  // de, fr, or libvoikko for fi; Default() for sv, en and ""; nullptr when
  // the language has no dictionary here. Loaded once per process.
  static const Lexicon* ForLanguage(std::string_view language);

  virtual ~Lexicon() = default;
  // `word` is UTF-8 without surrounding punctuation.
  virtual bool Knows(std::string_view word) const = 0;
};

// Counts the evidence of a text-layer page. `lexicon` may be null.
// ink_outside_text is left unset; see InkOutsideText().
TextLayerEvidence GatherEvidence(const RawPage& page, const Lexicon* lexicon);

// Share of `image`'s pixels that are dark and lie outside every word box of
// `page` (boxes in points, the image covering the page at image.dpi).
double InkOutsideText(const GrayImage& image, const RawPage& page);

// The word stripped of leading and trailing punctuation, if what is left is
// 3+ letters (hyphens inside allowed) and worth a dictionary lookup; "" otherwise.
std::string DictionaryForm(std::string_view word);

}  // namespace protokoll
