#include "image_input.h"

#include <leptonica/allheaders.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "ocr_decision.h"
#include "ocr_language.h"
#include "protokoll/language.h"

namespace protokoll {
namespace {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// Leptonica reports errors on stderr; library code never prints, and every
// failure is returned as a Status instead.
void SilenceLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

const l_uint8* Data(std::string_view bytes) { return reinterpret_cast<const l_uint8*>(bytes.data()); }

bool IsTiff(std::string_view bytes) {
  l_int32 format = IFF_UNKNOWN;
  if (findFileFormatBuffer(Data(bytes), &format) != 0) return false;
  return format == IFF_TIFF || format == IFF_TIFF_G3 || format == IFF_TIFF_G4 || format == IFF_TIFF_LZW ||
         format == IFF_TIFF_ZIP || format == IFF_TIFF_PACKBITS || format == IFF_TIFF_RLE ||
         format == IFF_TIFF_JPEG;
}

// Grey, at most max_pixels, with the resolution the file states when plausible.
Result<PageImage> ToPageImage(PIX* decoded, const ImageInputOptions& options) {
  PixPtr pix(pixClone(decoded));
  PageImage out;
  int dpi = pixGetXRes(pix.get());
  // Many files carry 72 or 96 "dpi" that only means "unknown".
  if (dpi < 100 || dpi > 2400) dpi = options.default_dpi;
  if (pixGetSpp(pix.get()) == 4) pix.reset(pixRemoveAlpha(pix.get()));
  if (!pix) return Status(ErrorCode::kPageFailed, "cannot drop the image's alpha channel");
  const double pixels = static_cast<double>(pixGetWidth(pix.get())) * pixGetHeight(pix.get());
  if (pixels > static_cast<double>(options.max_pixels)) {
    const float scale = static_cast<float>(std::sqrt(static_cast<double>(options.max_pixels) / pixels));
    PixPtr grey(pixConvertTo8(pix.get(), 0));
    if (!grey) return Status(ErrorCode::kPageFailed, "cannot convert the image to grey");
    pix.reset(pixScale(grey.get(), scale, scale));
    if (!pix) return Status(ErrorCode::kPageFailed, "cannot scale the image down");
    const int reduced = std::max(1, static_cast<int>(dpi * scale));
    out.note = "scaled from " + std::to_string(dpi) + " to " + std::to_string(reduced) +
               " dpi to stay under " + std::to_string(options.max_pixels / 1'000'000) + " megapixels";
    dpi = reduced;
  }
  PixPtr grey(pixConvertTo8(pix.get(), 0));
  if (!grey) return Status(ErrorCode::kPageFailed, "cannot convert the image to grey");
  GrayImage& image = out.image;
  image.width = pixGetWidth(grey.get());
  image.height = pixGetHeight(grey.get());
  image.dpi = dpi;
  image.pixels.resize(static_cast<size_t>(image.width) * image.height);
  const l_uint32* data = pixGetData(grey.get());
  const int wpl = pixGetWpl(grey.get());
  for (int y = 0; y < image.height; ++y) {
    const l_uint32* line = data + static_cast<size_t>(y) * wpl;
    uint8_t* row = image.pixels.data() + static_cast<size_t>(y) * image.width;
    for (int x = 0; x < image.width; ++x) row[x] = static_cast<uint8_t>(GET_DATA_BYTE(line, x));
  }
  return out;
}

// Reads the images of one file in order; multi-page TIFF is walked by offset
// so that each page is decoded once, when it is needed.
class ImageSequence {
 public:
  ImageSequence(std::string_view bytes, const ImageInputOptions& options)
      : bytes_(bytes), options_(options), tiff_(IsTiff(bytes)) {}

  bool tiff() const { return tiff_; }

  // The next image, or kNotFound after the last.
  Result<PageImage> Next() {
    if (done_) return Status(ErrorCode::kNotFound, "no more images");
    PixPtr pix;
    if (tiff_) {
      pix.reset(pixReadMemFromMultipageTiff(Data(bytes_), bytes_.size(), &offset_));
      if (offset_ == 0) done_ = true;
    } else {
      pix.reset(pixReadMem(Data(bytes_), bytes_.size()));
      done_ = true;
    }
    ++read_;
    if (!pix) {
      done_ = true;
      return Status(ErrorCode::kUnreadable,
                    "image " + std::to_string(read_) + " is damaged and cannot be decoded");
    }
    return ToPageImage(pix.get(), options_);
  }

  bool done() const { return done_; }

 private:
  std::string_view bytes_;
  const ImageInputOptions& options_;
  bool tiff_;
  size_t offset_ = 0;
  bool done_ = false;
  int read_ = 0;
};

// Images carry no text to tell their language: every page is read with the
// default languages first, and a page whose reading is in a language with a
// model of its own (or, when too short to tell, in the document's) is read
// again with that model. Fills `why` and `languages` per page.
void ReadAgainInTheirLanguages(std::string_view bytes, const ImageInputOptions& options,
                               std::vector<Result<OcrPage>>& pages, std::vector<std::string>& why,
                               std::vector<std::string>& languages, Logger* logger) {
  std::vector<RawPage> read(pages.size());
  for (size_t i = 0; i < pages.size(); ++i)
    if (pages[i].ok()) read[i].lines = pages[i]->result.lines;
  AssignPageLanguages(read);
  const std::string main = MainLanguage(read);
  std::map<std::string, std::vector<int>> again;  // language set -> pages
  for (size_t i = 0; i < pages.size(); ++i) {
    if (!pages[i].ok()) continue;
    languages[i] = read[i].language;
    why[i] = "first reading " + (read[i].language.empty() ? std::string("?") : read[i].language);
    const std::string own = OcrLanguagesFor(read[i].language);
    if (!own.empty() && own != options.ocr.engine.languages) again[own].push_back(static_cast<int>(i));
  }
  for (const auto& [set, pages_to_read] : again) {
    const std::vector<int>& indices = pages_to_read;  // clang 14 cannot capture a structured binding
    std::vector<Result<OcrPage>> reread = RunOcr(
        static_cast<int>(indices.size()), [&](int k) { return DecodeImagePage(bytes, indices[k], options); },
        WithLanguages(options.ocr, set), logger);
    for (size_t k = 0; k < indices.size(); ++k) {
      if (!reread[k].ok()) continue;  // a model not installed: the first reading stands
      const int i = indices[k];
      pages[i] = std::move(reread[k]);
      const LanguageGuess guess = ReadingLanguage(pages[i]->result.lines, main);
      if (guess.reliable) languages[i] = guess.code;
    }
  }
}

}  // namespace

ImageInputOptions MakeImageInputOptions(const ExtractOptions& options) {
  ImageInputOptions out;
  out.choose_languages = options.ocr_languages.empty();
  out.ocr.engine.languages = out.choose_languages ? kDefaultOcrLanguages : options.ocr_languages;
  out.ocr.engine.lexicon = Lexicon::Default();  // judges whether a page needs all languages
  out.ocr.workers = options.ocr_workers;
  out.ocr.engine.page_timeout_ms = std::max(1, options.max_page_seconds) * 1000;
  out.max_pixels = std::max<int64_t>(options.max_page_pixels, 1'000'000);
  out.max_decoded_pixels = std::max<int64_t>(options.max_image_pixels, 1'000'000);
  out.max_pages = std::max(1, options.max_pages);
  return out;
}

RawPage MakeOcrPage(int number, OcrPage page, std::string_view reason) {
  RawPage raw;
  raw.number = number;
  raw.width = page.result.width;
  raw.height = page.result.height;
  raw.method = PageMethod::kOcr;
  raw.method_reason = std::string(reason);
  raw.ocr_confidence = page.result.mean_confidence;
  raw.lines = std::move(page.result.lines);
  return raw;
}

std::string DescribeOcr(const OcrPage& page) {
  std::string out = "read with " + page.result.languages;
  if (page.result.orientation_degrees != 0)
    out += "; turned " + std::to_string(page.result.orientation_degrees) + " degrees clockwise";
  if (!page.note.empty()) out += "; " + page.note;
  return out;
}

Result<PageImage> DecodeImagePage(std::string_view bytes, int index, const ImageInputOptions& options) {
  SilenceLeptonica();
  if (bytes.empty()) return Status(ErrorCode::kEmptyFile, "no image data");
  ImageSequence images(bytes, options);
  for (int i = 0; i < index; ++i) {
    if (images.done()) return Status(ErrorCode::kNotFound, "no image " + std::to_string(index + 1));
    Result<PageImage> skipped = images.Next();
    if (!skipped.ok() && skipped.status().code() == ErrorCode::kUnreadable) return skipped;
  }
  if (images.done()) return Status(ErrorCode::kNotFound, "no image " + std::to_string(index + 1));
  return images.Next();
}

Result<RawDocument> ExtractImages(std::string_view bytes, const ImageInputOptions& options, Logger* logger) {
  SilenceLeptonica();
  if (!logger) logger = NullLogger();
  if (bytes.empty()) return Status(ErrorCode::kEmptyFile, "no image data");
  RawDocument doc;
  doc.bytes = bytes.size();
  l_int32 format = IFF_UNKNOWN, width = 0, height = 0, bps = 0, spp = 0, colormap = 0;
  if (pixReadHeaderMem(Data(bytes), bytes.size(), &format, &width, &height, &bps, &spp, &colormap) != 0)
    return Status(ErrorCode::kUnreadable, "the image is damaged: its header cannot be read");
  doc.media_type = format == IFF_PNG ? "image/png" : format == IFF_JFIF_JPEG ? "image/jpeg" : "image/tiff";
  // Decoding holds the full-size image before it is scaled down: refuse
  // images that would need gigabytes for that, from the header alone (a
  // 230-byte TIFF may declare 25,000 x 25,000 pixels).
  if (width <= 0 || height <= 0 ||
      static_cast<double>(width) * height > static_cast<double>(options.max_decoded_pixels))
    return Status(ErrorCode::kTooLarge, "image of " + std::to_string(width) + "x" + std::to_string(height) +
                                            " pixels, more than the limit of " +
                                            std::to_string(options.max_decoded_pixels / 1'000'000) + " megapixels");

  // Pages are decoded on this thread in order, and OCR'd on the workers.
  ImageSequence images(bytes, options);
  int count = 1;
  if (images.tiff()) {
    // Counting TIFF directories reads no pixels.
    count = 0;
    FILE* file = fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "r");
    if (file) {
      l_int32 n = 0;
      if (tiffGetCount(file, &n) == 0) count = n;
      fclose(file);
    }
  }
  if (count == 0) return Status(ErrorCode::kUnreadable, "the TIFF is damaged: no page can be found");
  if (count > options.max_pages) {
    doc.warnings.push_back({ErrorCode::kTooLarge, std::nullopt,
                            "only the first " + std::to_string(options.max_pages) + " images are read"});
    count = options.max_pages;
  }
  std::vector<Result<OcrPage>> pages = RunOcr(
      count,
      [&](int) -> Result<PageImage> {
        if (options.deadline.passed()) return options.deadline.Refusal();
        return images.Next();
      },
      options.ocr, logger);
  std::vector<std::string> why(count);
  std::vector<std::string> languages(count);
  if (options.choose_languages) ReadAgainInTheirLanguages(bytes, options, pages, why, languages, logger);
  for (int i = 0; i < count; ++i) {
    Result<OcrPage>& page = pages[i];
    if (!page.ok()) {
      if (page.status().code() == ErrorCode::kOcrUnavailable) return page.status();
      if (count == 1 && page.status().code() == ErrorCode::kUnreadable) return page.status();
      const ErrorCode code = page.status().code() == ErrorCode::kTooLarge ? ErrorCode::kTooLarge : ErrorCode::kPageFailed;
      doc.warnings.push_back({code, i + 1, page.status().message()});
      continue;
    }
    logger->Debug("image " + std::to_string(i + 1) + " OCR'd: " + DescribeOcr(*page));
    const std::string read_with = page->result.languages;
    doc.pages.push_back(MakeOcrPage(i + 1, std::move(page).value(),
                                    options.choose_languages
                                        ? ReasonWithLanguages(method_reason::kImageInput, read_with, why[i])
                                        : std::string(method_reason::kImageInput)));
    doc.pages.back().language = languages[i];
  }
  return doc;
}

}  // namespace protokoll
