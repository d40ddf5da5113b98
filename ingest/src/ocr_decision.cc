#include "ocr_decision.h"

#include <hunspell/hunspell.h>
#include <libvoikko/voikko.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>

namespace protokoll {
namespace {

std::string Percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100))) + "%"; }

class HunspellLexicon final : public Lexicon {
 public:
  ~HunspellLexicon() override {
    for (Hunhandle* h : handles_) Hunspell_destroy(h);
    if (voikko_) voikkoTerminate(voikko_);
  }
  // Finnish has no hunspell dictionary in Debian; libvoikko spells it.
  bool AddVoikko(const char* language) {
    const char* error = nullptr;
    voikko_ = voikkoInit(&error, language, nullptr);
    return voikko_ != nullptr;
  }
  bool Add(const std::string& base) {
    const std::string aff = base + ".aff", dic = base + ".dic";
    // Hunspell_create does not report a missing file; check first.
    for (const std::string& path : {aff, dic}) {
      FILE* f = std::fopen(path.c_str(), "rb");
      if (!f) return false;
      std::fclose(f);
    }
    Hunhandle* h = Hunspell_create(aff.c_str(), dic.c_str());
    if (!h) return false;
    handles_.push_back(h);
    return true;
  }
  bool empty() const { return handles_.empty() && voikko_ == nullptr; }

  bool Knows(std::string_view word) const override {
    // A hyphenated word is known when every part is ("Renvall-Höglund" is not).
    size_t start = 0;
    while (start <= word.size()) {
      size_t end = word.find('-', start);
      if (end == std::string_view::npos) end = word.size();
      std::string part(word.substr(start, end - start));
      if (!part.empty() && !KnowsPart(part)) return false;
      start = end + 1;
    }
    return true;
  }

 private:
  bool KnowsPart(const std::string& part) const {
    // Hunspell handles are not documented as thread-safe.
    std::lock_guard lock(mu_);
    for (Hunhandle* h : handles_)
      if (Hunspell_spell(h, part.c_str()) != 0) return true;
    return voikko_ != nullptr && voikkoSpellCstr(voikko_, part.c_str()) == VOIKKO_SPELL_OK;
  }
  std::vector<Hunhandle*> handles_;
  VoikkoHandle* voikko_ = nullptr;
  mutable std::mutex mu_;
};

}  // namespace

OcrDecision DecideOcr(OcrMode mode, const TextLayerEvidence& e, const OcrDecisionThresholds& t) {
  using enum PageAction;
  namespace why = method_reason;
  const std::string words = std::to_string(e.words) + " words";
  if (mode == OcrMode::kAlways) return {kOcr, why::kForced, "--ocr always"};
  if (mode == OcrMode::kNever) return {kText, e.words ? why::kTextLayer : why::kOcrOff, "--ocr never"};

  if (e.words == 0) {
    if (e.ink_outside_text && *e.ink_outside_text < t.blank_ink) return {kText, why::kBlankPage, "no text, no ink"};
    return {kOcr, why::kNoTextLayer, "no text layer"};
  }
  if (e.words < t.few_words && e.ink_outside_text && *e.ink_outside_text >= t.mostly_image_ink)
    return {kOcr, why::kImagePage,
            words + " on a page " + Percent(*e.ink_outside_text) + " covered by ink outside them"};
  if (e.characters >= 20 && e.unmapped_share() >= t.unmapped_share)
    return {kOcr, why::kUnmappedGlyphs, Percent(e.unmapped_share()) + " of characters have no Unicode"};

  const bool ocr_layer = e.glyphless_words * 2 > e.words;
  const std::string layer = ocr_layer ? "invisible OCR layer" : "text layer";
  if (e.checked_words >= t.min_checked_words && e.known_share() < t.doubtful_known_share)
    return {kVerify, why::kLowDictionaryShare,
            layer + " in doubt: " + Percent(e.known_share()) + " of words in the dictionary"};
  return {kText, ocr_layer ? why::kOcrLayer : why::kTextLayer,
          layer + ", " + Percent(e.known_share()) + " of words in the dictionary"};
}

OcrDecision SettleDoubt(const TextLayerEvidence& text_layer, const TextLayerEvidence& ocr,
                        const OcrDecisionThresholds& t) {
  const bool ocr_layer = text_layer.glyphless_words * 2 > text_layer.words;
  const std::string layer = ocr_layer ? "invisible OCR layer" : "text layer";
  const std::string figures =
      layer + ": " + Percent(text_layer.known_share()) + " of words in the dictionary, OCR " + Percent(ocr.known_share());
  if (ocr.checked_words >= t.min_checked_words &&
      ocr.known_share() >= text_layer.known_share() + t.ocr_known_share_gain)
    return {PageAction::kOcr, method_reason::kLowDictionaryShare, figures};
  return {PageAction::kText, method_reason::kOcrReadNoBetter, figures};
}

Result<std::unique_ptr<Lexicon>> Lexicon::Open(const std::vector<std::string>& dictionaries) {
  auto lexicon = std::make_unique<HunspellLexicon>();
  for (const std::string& base : dictionaries) lexicon->Add(base);
  if (lexicon->empty()) return Status(ErrorCode::kNotFound, "no hunspell dictionary could be loaded");
  return std::unique_ptr<Lexicon>(std::move(lexicon));
}

const Lexicon* Lexicon::Default() {
  static const Lexicon* lexicon = [] {
    auto opened = Open({"/usr/share/hunspell/sv_SE", "/usr/share/hunspell/en_US"});
    return opened.ok() ? std::move(opened).value().release() : nullptr;  // lives for the process
  }();
  return lexicon;
}

const Lexicon* Lexicon::ForLanguage(std::string_view language) {
  // Debian's hunspell file stems (hunspell-da, -no, -de-de, -fr).
  static const std::map<std::string, std::string, std::less<>> kFiles = {
      {"da", "da_DK"}, {"nb", "nb_NO"}, {"nn", "nn_NO"}, {"de", "de_DE"}, {"fr", "fr_FR"}};
  if (language.empty() || language == "sv" || language == "en") return Default();
  static std::mutex mu;
  static auto* opened = new std::map<std::string, const Lexicon*, std::less<>>;  // lives for the process
  std::lock_guard lock(mu);
  if (auto it = opened->find(language); it != opened->end()) return it->second;
  auto lexicon = std::make_unique<HunspellLexicon>();
  bool own = false;
  if (language == "fi") {
    own = lexicon->AddVoikko("fi");
  } else if (auto file = kFiles.find(language); file != kFiles.end()) {
    own = lexicon->Add("/usr/share/hunspell/" + file->second);
  }
  const Lexicon* result = nullptr;
  if (own) {
    lexicon->Add("/usr/share/hunspell/en_US");  // minutes quote English names and terms
    result = lexicon.release();
  }
  opened->emplace(std::string(language), result);
  return result;
}

std::string DictionaryForm(std::string_view word) {
  if (word.size() > 64) return "";  // no dictionary word is that long
  // Code point boundaries of the first and last letters.
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  const int32_t length = static_cast<int32_t>(std::min<size_t>(word.size(), 256));
  int32_t first = -1, last_end = -1, letters = 0;
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return "";  // invalid UTF-8
    if (u_isalpha(c)) {
      if (first < 0) first = start;
      last_end = i;
      ++letters;
    }
  }
  if (first < 0 || letters < 3) return "";
  std::string_view core = word.substr(first, last_end - first);
  // Inside the word only letters, hyphens and apostrophes: "3a", "info@x" and
  // "§12" are not dictionary words.
  for (int32_t i = 0; i < static_cast<int32_t>(core.size());) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(core.data()), i, static_cast<int32_t>(core.size()), c);
    if (!u_isalpha(c) && c != '-' && c != '\'' && c != 0x2019) return "";
  }
  return std::string(core);
}

TextLayerEvidence GatherEvidence(const RawPage& page, const Lexicon* lexicon) {
  TextLayerEvidence e;
  for (const RawLine& line : page.lines) {
    for (const Word& word : line.words) {
      ++e.words;
      if (word.font.find("GlyphLessFont") != std::string::npos) ++e.glyphless_words;
      const auto* s = reinterpret_cast<const uint8_t*>(word.text.data());
      const int32_t length = static_cast<int32_t>(word.text.size());
      for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        ++e.characters;
        if (c < 0 || c == 0xFFFD || c < 0x20 || (c >= 0xE000 && c <= 0xF8FF)) ++e.unmapped_characters;
      }
      if (lexicon) {
        std::string form = DictionaryForm(word.text);
        if (!form.empty()) {
          ++e.checked_words;
          if (lexicon->Knows(form)) ++e.known_words;
        }
      }
    }
  }
  return e;
}

double InkOutsideText(const GrayImage& image, const RawPage& page) {
  if (image.width <= 0 || image.height <= 0) return 0;
  std::vector<uint8_t> covered(static_cast<size_t>(image.width) * image.height, 0);
  const double scale = image.dpi / 72.0;
  for (const RawLine& line : page.lines) {
    for (const Word& word : line.words) {
      // A pixel of margin: antialiased glyph edges spill over the box.
      int x0 = std::max(0, static_cast<int>(std::floor(word.box.x0 * scale)) - 1);
      int y0 = std::max(0, static_cast<int>(std::floor(word.box.y0 * scale)) - 1);
      int x1 = std::min(image.width, static_cast<int>(std::ceil(word.box.x1 * scale)) + 1);
      int y1 = std::min(image.height, static_cast<int>(std::ceil(word.box.y1 * scale)) + 1);
      for (int y = y0; y < y1; ++y)
        std::fill(covered.begin() + static_cast<size_t>(y) * image.width + x0,
                  covered.begin() + static_cast<size_t>(y) * image.width + std::max(x0, x1), 1);
    }
  }
  size_t ink = 0;
  for (size_t i = 0; i < covered.size(); ++i)
    if (!covered[i] && image.pixels[i] < 128) ++ink;
  return static_cast<double>(ink) / static_cast<double>(covered.size());
}

}  // namespace protokoll
