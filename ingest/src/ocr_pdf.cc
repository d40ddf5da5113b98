#include "ocr_pdf.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include "image_input.h"
#include "ocr_language.h"
#include "pdf_render.h"
#include "protokoll/language.h"

namespace protokoll {
namespace {

struct PageState {
  size_t slot;  // index into `pages`
  TextLayerEvidence evidence;
  OcrDecision decision;
  std::string why;  // why the page was read in another language than the document's; "" it was not
  const Lexicon* lexicon = nullptr;  // judges the page's words: its language's dictionary
};

// The dictionary that judges each page's text layer: its own language's
// (a Danish page read by a Swedish dictionary looks broken), where the page
// is known to be in one that has a dictionary; otherwise `fallback`.
std::vector<const Lexicon*> PageLexicons(const std::vector<RawPage>& pages, const Lexicon* fallback) {
  std::vector<const Lexicon*> out(pages.size(), fallback);
  if (fallback == nullptr) return out;  // no dictionary test at all
  std::vector<RawPage> identified(pages.size());
  for (size_t i = 0; i < pages.size(); ++i) identified[i].lines = pages[i].lines;
  AssignPageLanguages(identified);
  for (size_t i = 0; i < pages.size(); ++i)
    if (const Lexicon* own = Lexicon::ForLanguage(identified[i].language)) out[i] = own;
  return out;
}

}  // namespace

PdfOcrOptions MakePdfOcrOptions(const ExtractOptions& options) {
  PdfOcrOptions out;
  out.mode = options.ocr;
  out.choose_languages = options.ocr_languages.empty();
  out.ocr.engine.languages = out.choose_languages ? kDefaultOcrLanguages : options.ocr_languages;
  out.ocr.engine.lexicon = out.lexicon;  // judges whether a page needs all languages
  out.ocr.workers = options.ocr_workers;
  out.dpi = options.ocr_dpi > 0 ? options.ocr_dpi : 300;
  out.max_pixels = std::max<int64_t>(options.max_page_pixels, 1'000'000);
  out.ocr.engine.page_timeout_ms = std::max(1, options.max_page_seconds) * 1000;
  out.render.max_bytes = std::max<int64_t>(options.max_render_bytes, 0);
  out.render.max_seconds = std::max(1, options.max_page_seconds);
  out.render.isolate = options.isolate_rendering;
  return out;
}

void ApplyOcr(std::string_view bytes, std::vector<RawPage>& pages, std::vector<RawWarning>& warnings,
              const PdfOcrOptions& options, Logger* logger) {
  if (!logger) logger = NullLogger();
  if (pages.empty()) return;

  auto renderer = PdfRenderer::Open(bytes, logger);
  if (renderer.ok()) (*renderer)->set_limits(options.render);
  // The dictionary only matters to kAuto's judgement of the text layer.
  const std::vector<const Lexicon*> lexicons =
      PageLexicons(pages, options.mode == OcrMode::kAuto ? options.lexicon : nullptr);
  std::vector<PageState> states;
  states.reserve(pages.size());
  for (size_t slot = 0; slot < pages.size(); ++slot) {
    RawPage& page = pages[slot];
    PageState state{slot, GatherEvidence(page, lexicons[slot]), {}, {}, lexicons[slot]};
    // Only a page with little text needs a look at its picture.
    if (options.mode == OcrMode::kAuto && state.evidence.words < options.thresholds.few_words &&
        renderer.ok() && !options.deadline.passed()) {
      auto survey = (*renderer)->Render(page.number - 1, options.survey_dpi, options.max_pixels);
      if (survey.ok()) {
        state.evidence.ink_outside_text = InkOutsideText(survey->image, page);
      } else {
        // Without the look the page keeps its text layer: say so (issue 13).
        const ErrorCode code =
            survey.status().code() == ErrorCode::kTooLarge ? ErrorCode::kTooLarge : ErrorCode::kPageFailed;
        warnings.push_back({code, page.number,
                            "the page could not be rendered to look for a scan on it: " + survey.status().message()});
      }
    }
    state.decision = DecideOcr(options.mode, state.evidence, options.thresholds);
    page.method_reason = state.decision.reason;
    // A page stored without text must not look like an empty page (issue 11):
    // said on the page, and a later ingest with OCR on reads it again.
    if (state.decision.reason == method_reason::kOcrOff)
      warnings.push_back({ErrorCode::kOcrUnavailable, page.number,
                          "no text layer and OCR is off (--ocr never): stored without text; ingest the file again "
                          "with --ocr auto to read it"});
    logger->Debug("page " + std::to_string(page.number) + ": " + state.decision.reason + " (" + state.decision.detail + ")");
    states.push_back(std::move(state));
  }

  std::vector<PageState*> to_read, doubtful;
  for (PageState& s : states) {
    if (s.decision.action == PageAction::kOcr) to_read.push_back(&s);
    if (s.decision.action == PageAction::kVerify) doubtful.push_back(&s);
  }
  if (to_read.empty() && doubtful.empty()) return;
  if (!renderer.ok()) {
    warnings.push_back({ErrorCode::kPageFailed, std::nullopt,
                        "pages cannot be rendered for OCR: " + renderer.status().message()});
    return;
  }

  // The language the OCR'd pages are read in: the text layer's where the
  // document has one worth the name (a scan with a typed cover page),
  // otherwise that of a first reading (below).
  std::string document_language, why;
  if (options.choose_languages) {
    std::vector<RawPage> layer;
    for (const PageState& s : states)
      if (s.evidence.words >= options.thresholds.few_words) layer.push_back(pages[s.slot]);
    AssignPageLanguages(layer);
    document_language = MainLanguage(layer);
    if (!document_language.empty()) why = "text layer language " + document_language;
  }

  bool reported_unavailable = false;
  auto read = [&](const std::vector<PageState*>& batch, const OcrPoolOptions& ocr) {
    return RunOcr(
        static_cast<int>(batch.size()),
        [&](int i) -> Result<PageImage> {
          if (options.deadline.passed()) return options.deadline.Refusal();
          return (*renderer)->Render(pages[batch[i]->slot].number - 1, options.dpi, options.max_pixels);
        },
        ocr, logger);
  };
  // Reads `batch` in the document's language, choosing it from a first
  // reading of as many pages as there are workers (read in parallel, so a
  // Swedish scan costs nothing more) when no text layer told it.
  auto read_in_language = [&](const std::vector<PageState*>& batch) {
    if (!options.choose_languages || batch.empty()) return read(batch, options.ocr);
    std::vector<Result<OcrPage>> results;
    if (document_language.empty()) {
      const size_t n = std::min(batch.size(), static_cast<size_t>(OcrWorkerCount(options.ocr, batch.size())));
      std::vector<PageState*> head(batch.begin(), batch.begin() + n);
      results = read(head, options.ocr);
      std::vector<RawPage> first;
      for (auto& r : results)
        if (r.ok()) {
          first.emplace_back();
          first.back().lines = r->result.lines;
        }
      AssignPageLanguages(first);
      document_language = MainLanguage(first);
      if (document_language.empty()) document_language = "?";  // asked once per document
      why = "first reading " + document_language;
      const std::string languages = OcrLanguagesFor(document_language);
      if (!languages.empty() && languages != options.ocr.engine.languages) results.clear();  // read again below
    }
    std::string languages = OcrLanguagesFor(document_language);
    if (languages.empty()) languages = options.ocr.engine.languages;
    const std::vector<PageState*> rest(batch.begin() + results.size(), batch.end());
    std::vector<Result<OcrPage>> more = read(rest, WithLanguages(options.ocr, languages));
    // A model that is not installed: the default reads the pages.
    if (!more.empty() && languages != options.ocr.engine.languages &&
        std::all_of(more.begin(), more.end(),
                    [](const auto& r) { return !r.ok() && r.status().code() == ErrorCode::kOcrUnavailable; })) {
      logger->Warn("Tesseract model for \"" + languages + "\" not available; pages read with " +
                   options.ocr.engine.languages);
      more = read(rest, options.ocr);
    }
    for (auto& r : more) results.push_back(std::move(r));

    // A page in another language than the document's (a Finnish appendix to
    // Swedish minutes) is read again with its own model.
    std::map<std::string, std::vector<size_t>> again;
    for (size_t i = 0; i < results.size(); ++i) {
      if (!results[i].ok()) continue;
      const LanguageGuess page = ReadingLanguage(results[i]->result.lines, document_language);
      const std::string own = OcrLanguagesFor(page.code);
      if (page.reliable && !own.empty() && own != results[i]->result.languages &&
          own != OcrLanguagesFor(document_language))
        again[page.code].push_back(i);
    }
    for (const auto& [code, indices] : again) {
      std::vector<PageState*> subset;
      for (size_t i : indices) subset.push_back(batch[i]);
      std::vector<Result<OcrPage>> reread = read(subset, WithLanguages(options.ocr, OcrLanguagesFor(code)));
      for (size_t k = 0; k < indices.size(); ++k)
        if (reread[k].ok()) {
          results[indices[k]] = std::move(reread[k]);
          batch[indices[k]]->why = "page language " + code;
        }
    }
    return results;
  };

  // OCRs `batch` and applies the outcome; returns how many doubtful pages OCR improved.
  auto run = [&](const std::vector<PageState*>& batch) {
    int improved = 0;
    auto results = read_in_language(batch);
    for (size_t i = 0; i < batch.size(); ++i) {
      PageState& s = *batch[i];
      RawPage& page = pages[s.slot];
      Result<OcrPage>& result = results[i];
      if (!result.ok()) {
        if (result.status().code() == ErrorCode::kOcrUnavailable) {
          if (!reported_unavailable)
            warnings.push_back({ErrorCode::kOcrUnavailable, std::nullopt, result.status().message()});
          reported_unavailable = true;
          page.method_reason = method_reason::kOcrUnavailable;
        } else {
          const ErrorCode code =
              result.status().code() == ErrorCode::kTooLarge ? ErrorCode::kTooLarge : ErrorCode::kPageFailed;
          warnings.push_back({code, page.number, "OCR failed: " + result.status().message()});
          page.method_reason = method_reason::kOcrFailed;
        }
        continue;
      }
      OcrDecision decision = s.decision;
      if (decision.action == PageAction::kVerify) {
        RawPage probe;
        probe.lines = result->result.lines;
        decision = SettleDoubt(s.evidence, GatherEvidence(probe, s.lexicon ? s.lexicon : options.lexicon),
                               options.thresholds);
        if (decision.action == PageAction::kOcr) ++improved;
        logger->Debug("page " + std::to_string(page.number) + " verified by OCR: " + decision.reason + " (" +
                      decision.detail + ")");
      }
      if (decision.action != PageAction::kOcr) {
        page.method_reason = decision.reason;
        continue;
      }
      const int rotation = page.rotation;
      logger->Debug("page " + std::to_string(page.number) + " OCR'd: " + DescribeOcr(*result));
      const std::string languages = result->result.languages;
      std::string reason = decision.reason;
      if (options.choose_languages) reason = ReasonWithLanguages(reason, languages, s.why.empty() ? why : s.why);
      page = MakeOcrPage(page.number, std::move(result).value(), reason);
      page.rotation = rotation;
      // The language of what was read; the document's where the page is too short to tell.
      if (options.choose_languages) {
        const LanguageGuess guess = ReadingLanguage(page.lines, document_language);
        page.language = guess.reliable || document_language == "?" ? guess.code : document_language;
      }
    }
    return improved;
  };

  // First the pages that need OCR and a few doubtful ones; the rest of the
  // doubtful pages only if OCR proved better on some of those.
  const size_t probe =
      std::min(doubtful.size(), static_cast<size_t>(std::max(options.verify_probe_pages, 0)));
  std::vector<PageState*> first = to_read;
  first.insert(first.end(), doubtful.begin(), doubtful.begin() + probe);
  const int improved = run(first);
  std::vector<PageState*> rest(doubtful.begin() + probe, doubtful.end());
  if (rest.empty()) return;
  if (improved > 0 && !reported_unavailable) {
    run(rest);
  } else {
    for (PageState* s : rest)
      pages[s->slot].method_reason = method_reason::kOcrReadNoBetter;  // on the document's other doubtful pages
  }
}

}  // namespace protokoll
