// OcrEngine over Tesseract's C++ API. The grey buffer goes to Tesseract as is
// (no encoding round trip); orientation is found with OSD on the same buffer.
#include <omp.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "ocr.h"
#include "ocr_decision.h"

namespace protokoll {
namespace {

// Tesseract's OpenMP threads (4 per LSTM layer) make it slower, not faster,
// when pages already run on every core. libgomp reads OMP_THREAD_LIMIT when
// it is loaded, before main, so setting the variable now only reaches child
// processes; what works at run time is allowing no active parallel level,
// and that setting is per thread, so every thread that reads a page makes it.
// An OMP_THREAD_LIMIT the user set wins.
bool ShouldLimitOpenMp() {
  static const bool limit = [] {
    if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return false;
    setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);
    return true;
  }();
  return limit;
}

void LimitOpenMpOnThisThread() {
  if (ShouldLimitOpenMp()) omp_set_max_active_levels(0);
}

// Tesseract's own diagnostics would go to stderr; library code never prints.
void Silence(tesseract::TessBaseAPI& api) { api.SetVariable("debug_file", "/dev/null"); }

std::string TakeText(char* text) {
  std::string s = text ? text : "";
  delete[] text;
  // Tesseract may end words with stray whitespace; words never carry it.
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  return s;
}

// "swe" of "swe+eng".
std::string FirstLanguage(const std::string& languages) { return languages.substr(0, languages.find('+')); }

// Words of 3+ letters that a lexicon looks up, and how many of them it knows.
struct DictionaryScore {
  int checked = 0, known = 0;
  double share() const { return checked ? static_cast<double>(known) / checked : 1.0; }
};

DictionaryScore ScoreWords(const std::vector<RawLine>& lines, const Lexicon& lexicon) {
  DictionaryScore score;
  for (const RawLine& line : lines)
    for (const Word& word : line.words) {
      const std::string form = DictionaryForm(word.text);
      if (form.empty()) continue;
      ++score.checked;
      if (lexicon.Knows(form)) ++score.known;
    }
  return score;
}

// Words recovered from a page's margin must be read at least this surely.
constexpr float kMarginMarkConfidence = 70;

double MeanConfidence(const std::vector<RawLine>& lines) {
  double sum = 0;
  int words = 0;
  for (const RawLine& line : lines)
    for (const Word& word : line.words) {
      sum += word.confidence;
      ++words;
    }
  return words ? sum / words : 0;
}

// Fewer checked words than this say nothing about how a page reads.
constexpr int kMinCheckedWords = 12;
// Without a lexicon, a combination must be this much more confident to win:
// Tesseract rates words read with more models slightly higher on its own
// (about +0.5 on the same text), so a tie is no evidence.
constexpr double kConfidenceMargin = 2.0;

class TesseractEngine final : public OcrEngine {
 public:
  TesseractEngine(OcrEngineOptions options, Logger* logger) : options_(std::move(options)), logger_(logger) {}
  ~TesseractEngine() override {
    for (auto& [languages, api] : apis_)
      if (api) api->End();
    if (osd_) osd_->End();
  }

  Status Init() {
    primary_ = options_.primary_language_first ? FirstLanguage(options_.languages) : options_.languages;
    if (primary_.empty()) primary_ = options_.languages;
    if (!Api(primary_)) {
      return Status(ErrorCode::kOcrUnavailable,
                    "Tesseract cannot load the language data for \"" + primary_ + "\"");
    }
    if (options_.detect_orientation) {
      osd_ = std::make_unique<tesseract::TessBaseAPI>();
      Silence(*osd_);
      if (osd_->Init(nullptr, "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
        logger_->Warn("Tesseract OSD data (osd.traineddata) missing: rotated scans will read badly");
        osd_.reset();
      } else {
        osd_->SetPageSegMode(tesseract::PSM_OSD_ONLY);
      }
    }
    return Status::Ok();
  }

  Result<OcrResult> Recognize(const GrayImage& image) override {
    if (image.width <= 0 || image.height <= 0 || image.dpi <= 0 ||
        image.pixels.size() != static_cast<size_t>(image.width) * image.height) {
      return Status(ErrorCode::kInvalidArgument, "inconsistent page image");
    }
    LimitOpenMpOnThisThread();
    try {
      return RecognizeOrThrow(image);
    } catch (const std::exception& e) {
      for (auto& [languages, api] : apis_)
        if (api) api->Clear();
      return Status(ErrorCode::kPageFailed, std::string("Tesseract failed: ") + e.what());
    }
  }

 private:
  // The instance for `languages`, created on first use; null when Tesseract
  // cannot load them (remembered, so a missing model is tried once).
  tesseract::TessBaseAPI* Api(const std::string& languages) {
    for (auto& [have, api] : apis_)
      if (have == languages) return api.get();
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    Silence(*api);
    if (api->Init(nullptr, languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
      api.reset();
    } else {
      api->SetPageSegMode(tesseract::PSM_AUTO);
    }
    apis_.emplace_back(languages, std::move(api));
    return apis_.back().second.get();
  }

  // Clockwise degrees that turn the image upright; 0 when unsure.
  int DetectOrientation(const GrayImage& image) {
    if (!osd_) return 0;
    osd_->SetImage(image.pixels.data(), image.width, image.height, 1, image.width);
    osd_->SetSourceResolution(image.dpi);
    int degrees = 0;
    float confidence = 0, script_confidence = 0;
    const char* script = nullptr;
    bool found = osd_->DetectOrientationScript(&degrees, &confidence, &script, &script_confidence);
    osd_->Clear();
    // OSD guesses on pages with little text; its confidence below ~2 is noise.
    if (!found || confidence < 2.0f) return 0;
    // Tesseract reports how far the text is turned counter-clockwise... as the
    // clockwise turn that makes it upright ("Rotate" in `tesseract --psm 0`).
    return ((360 - degrees) % 360 + 360) % 360;
  }

  bool ReadsBadly(const OcrResult& reading) const {
    if (reading.mean_confidence < options_.fallback_confidence) return true;
    if (!options_.lexicon) return false;
    const DictionaryScore score = ScoreWords(reading.lines, *options_.lexicon);
    return score.checked >= kMinCheckedWords && score.share() < options_.fallback_known_share;
  }

  // Whether `challenger` (all languages) reads better than `first` (the first language).
  bool ReadsBetter(const OcrResult& challenger, const OcrResult& first) const {
    if (options_.lexicon) {
      const DictionaryScore a = ScoreWords(challenger.lines, *options_.lexicon);
      const DictionaryScore b = ScoreWords(first.lines, *options_.lexicon);
      if (a.checked >= kMinCheckedWords && b.checked >= kMinCheckedWords) return a.share() > b.share();
    }
    return challenger.mean_confidence > first.mean_confidence + kConfidenceMargin;
  }

  Result<OcrResult> RecognizeOrThrow(const GrayImage& original) {
    const auto start = std::chrono::steady_clock::now();
    const int orientation = DetectOrientation(original);
    GrayImage rotated;
    const GrayImage* image = &original;
    if (orientation != 0) {
      rotated = RotateClockwise(original, orientation);
      image = &rotated;
    }
    Result<OcrResult> first = Read(*Api(primary_), primary_, *image, options_.page_timeout_ms);
    if (!first.ok() || primary_ == options_.languages || first->lines.empty() || !ReadsBadly(*first)) {
      if (first.ok()) first->orientation_degrees = orientation;
      return first;
    }
    first->orientation_degrees = orientation;
    tesseract::TessBaseAPI* all = Api(options_.languages);
    if (!all) return first;  // the combination's data is missing: the first reading stands
    int remaining_ms = 0;
    if (options_.page_timeout_ms > 0) {
      const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
      remaining_ms = options_.page_timeout_ms - static_cast<int>(spent.count());
      if (remaining_ms <= 0) return first;
    }
    Result<OcrResult> second = Read(*all, options_.languages, *image, remaining_ms);
    if (!second.ok() || !ReadsBetter(*second, *first)) return first;
    second->orientation_degrees = orientation;
    return second;
  }

  // One reading of the upright `image` with `api`; timeout_ms 0: no limit.
  Result<OcrResult> Read(tesseract::TessBaseAPI& api, const std::string& languages, const GrayImage& image,
                         int timeout_ms) {
    OcrResult result;
    result.languages = languages;
    result.width = image.width_points();
    result.height = image.height_points();

    api.SetImage(image.pixels.data(), image.width, image.height, 1, image.width);
    api.SetSourceResolution(image.dpi);
    tesseract::ETEXT_DESC monitor;
    if (timeout_ms > 0) monitor.set_deadline_msecs(timeout_ms);
    if (api.Recognize(&monitor) != 0) {
      bool timed_out = monitor.deadline_exceeded();
      api.Clear();
      return Status(ErrorCode::kPageFailed,
                    timed_out ? "OCR gave up after " + std::to_string(options_.page_timeout_ms) + " ms"
                              : std::string("Tesseract could not read the page"));
    }

    const double scale = 72.0 / image.dpi;
    auto to_box = [scale](int l, int t, int r, int b) {
      return Box{l * scale, t * scale, r * scale, b * scale};
    };
    int block = -1;
    bool block_started = false, line_started = false;
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    if (it) {
      it->Begin();
      do {
        if (it->IsAtBeginningOf(tesseract::RIL_BLOCK)) block_started = true;
        if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) line_started = true;
        if (it->Empty(tesseract::RIL_WORD)) continue;
        std::string text = TakeText(it->GetUTF8Text(tesseract::RIL_WORD));
        if (text.empty()) continue;
        // Blocks and lines are numbered by the words they hold, so image and
        // blank blocks leave no gaps.
        if (block_started || result.lines.empty()) ++block;
        if (line_started || block_started || result.lines.empty()) {
          RawLine line;
          line.block = block;
          int l, t, r, b;
          if (it->BoundingBox(tesseract::RIL_TEXTLINE, &l, &t, &r, &b)) line.box = to_box(l, t, r, b);
          result.lines.push_back(std::move(line));
        }
        block_started = line_started = false;
        Word word;
        word.text = std::move(text);
        int l, t, r, b;
        if (it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b)) word.box = to_box(l, t, r, b);
        word.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD), 0.0f, 100.0f);
        // Tesseract's LSTM models know no fonts; the size is the line's height.
        word.font_size = result.lines.back().box.height();
        result.lines.back().words.push_back(std::move(word));
      } while (it->Next(tesseract::RIL_WORD));
    }
    RecoverMarginMarks(api, image, result);
    result.mean_confidence = MeanConfidence(result.lines);
    api.Clear();
    return result;
  }

  // Tesseract's layout analysis drops a short mark standing alone left of a
  // line as noise: the bare item numbers in a margin ("1   Inledning" reads
  // "Inledning"). Ink left of a line that no word covers is read again on its
  // own, as one line, and its words are put in front of the line when they
  // hold a letter or digit and Tesseract is sure of them. `api` still holds
  // the page image.
  void RecoverMarginMarks(tesseract::TessBaseAPI& api, const GrayImage& image, OcrResult& result) {
    if (result.lines.empty()) return;
    const double to_pixels = image.dpi / 72.0;
    const int w = image.width, h = image.height;
    auto px = [to_pixels](double points) { return static_cast<int>(std::lround(points * to_pixels)); };
    // Pixels under a word box, with a little margin for glyph edges outside it.
    std::vector<uint8_t> covered(static_cast<size_t>(w) * h, 0);
    constexpr int kEdge = 3;
    for (const RawLine& line : result.lines)
      for (const Word& word : line.words) {
        const int x0 = std::clamp(px(word.box.x0) - kEdge, 0, w), x1 = std::clamp(px(word.box.x1) + kEdge, 0, w);
        const int y0 = std::clamp(px(word.box.y0) - kEdge, 0, h), y1 = std::clamp(px(word.box.y1) + kEdge, 0, h);
        for (int y = y0; y < y1; ++y) std::fill_n(covered.begin() + static_cast<size_t>(y) * w + x0, x1 - x0, 1);
      }
    auto ink = [&](int x, int y) {
      const size_t i = static_cast<size_t>(y) * w + x;
      return !covered[i] && image.pixels[i] < 128;
    };

    bool changed = false;
    for (RawLine& line : result.lines) {
      if (line.words.empty()) continue;
      const int top = std::clamp(px(line.box.y0), 0, h), bottom = std::clamp(px(line.box.y1), 0, h);
      const int height = bottom - top;
      const int line_left = std::clamp(px(line.words.front().box.x0) - kEdge, 0, w);
      if (height < 8 || line_left <= 0) continue;
      // The nearest cluster of ink columns left of the line: columns with
      // uncovered ink, gaps up to half the line's height bridged.
      auto column_ink = [&](int x) {
        int n = 0;
        for (int y = top; y < bottom; ++y) n += ink(x, y);
        return n;
      };
      int right = -1;
      for (int x = line_left - 1; x >= 0 && right < 0; --x)
        if (column_ink(x) >= 2) right = x;
      if (right < 0) continue;
      int left = right, gap = 0, pixels = 0;
      for (int x = right; x >= 0 && gap <= height / 2; --x) {
        const int n = column_ink(x);
        if (n >= 2) {
          left = x;
          gap = 0;
          pixels += n;
        } else {
          ++gap;
        }
      }
      int ink_top = bottom, ink_bottom = top;
      for (int y = top; y < bottom; ++y)
        for (int x = left; x <= right; ++x)
          if (ink(x, y)) {
            ink_top = std::min(ink_top, y);
            ink_bottom = std::max(ink_bottom, y + 1);
            break;
          }
      // Specks and scanner noise are smaller than a character of the line.
      if (pixels < height || (ink_bottom - ink_top) * 3 < height) continue;

      const int pad = height / 3;
      const int x0 = std::max(0, left - pad), x1 = std::min(w, right + 1 + pad);
      const int y0 = std::max(0, top - pad), y1 = std::min(h, bottom + pad);
      api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
      api.SetRectangle(x0, y0, x1 - x0, y1 - y0);
      std::vector<Word> found;
      if (api.Recognize(nullptr) == 0) {
        std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
        if (it) {
          it->Begin();
          do {
            if (it->Empty(tesseract::RIL_WORD)) continue;
            Word word;
            word.text = TakeText(it->GetUTF8Text(tesseract::RIL_WORD));
            word.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD), 0.0f, 100.0f);
            int l, t, r, b;
            if (it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b))
              word.box = Box{l / to_pixels, t / to_pixels, r / to_pixels, b / to_pixels};
            word.font_size = line.box.height();
            found.push_back(std::move(word));
          } while (it->Next(tesseract::RIL_WORD));
        }
      }
      api.SetPageSegMode(tesseract::PSM_AUTO);
      const bool sure = !found.empty() && std::all_of(found.begin(), found.end(), [](const Word& word) {
        return word.confidence >= kMarginMarkConfidence &&
               std::any_of(word.text.begin(), word.text.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
      });
      if (!sure) continue;
      for (const Word& word : found) line.box = line.box.Union(word.box);
      line.words.insert(line.words.begin(), found.begin(), found.end());
      changed = true;
    }
    if (changed) api.SetRectangle(0, 0, w, h);
  }

  OcrEngineOptions options_;
  Logger* logger_;
  std::string primary_;  // the language set every page is read with first
  std::vector<std::pair<std::string, std::unique_ptr<tesseract::TessBaseAPI>>> apis_;
  std::unique_ptr<tesseract::TessBaseAPI> osd_;
};

}  // namespace

GrayImage RotateClockwise(const GrayImage& image, int degrees) {
  degrees = ((degrees % 360) + 360) % 360;
  if (degrees != 90 && degrees != 180 && degrees != 270) return image;
  GrayImage out;
  out.dpi = image.dpi;
  const int w = image.width, h = image.height;
  out.width = degrees == 180 ? w : h;
  out.height = degrees == 180 ? h : w;
  out.pixels.resize(image.pixels.size());
  for (int y = 0; y < h; ++y) {
    const uint8_t* row = image.pixels.data() + static_cast<size_t>(y) * w;
    for (int x = 0; x < w; ++x) {
      int nx, ny;
      switch (degrees) {
        case 90:
          nx = h - 1 - y;
          ny = x;
          break;
        case 180:
          nx = w - 1 - x;
          ny = h - 1 - y;
          break;
        default:
          nx = y;
          ny = w - 1 - x;
          break;  // 270
      }
      out.pixels[static_cast<size_t>(ny) * out.width + nx] = row[x];
    }
  }
  return out;
}

Result<std::unique_ptr<OcrEngine>> OcrEngine::Create(const std::string& languages, Logger* logger) {
  OcrEngineOptions options;
  options.languages = languages;
  return Create(options, logger);
}

Result<std::unique_ptr<OcrEngine>> OcrEngine::Create(const OcrEngineOptions& options, Logger* logger) {
  LimitOpenMpOnThisThread();
  if (!logger) logger = NullLogger();
  try {
    auto engine = std::make_unique<TesseractEngine>(options, logger);
    Status status = engine->Init();
    if (!status.ok()) return status;
    return std::unique_ptr<OcrEngine>(std::move(engine));
  } catch (const std::exception& e) {
    return Status(ErrorCode::kOcrUnavailable, std::string("Tesseract failed to start: ") + e.what());
  }
}

}  // namespace protokoll
