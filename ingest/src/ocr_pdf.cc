#include "ocr_pdf.h"

#include <algorithm>
#include <memory>
#include <string>

#include "image_input.h"
#include "pdf_render.h"

namespace protokoll {
namespace {

struct PageState {
  size_t slot;  // index into `pages`
  TextLayerEvidence evidence;
  OcrDecision decision;
};

}  // namespace

PdfOcrOptions MakePdfOcrOptions(const ExtractOptions& options) {
  PdfOcrOptions out;
  out.mode = options.ocr;
  out.ocr.engine.languages = options.ocr_languages;
  out.ocr.engine.lexicon = out.lexicon;  // judges whether a page needs all languages
  out.ocr.workers = options.ocr_workers;
  out.dpi = options.ocr_dpi > 0 ? options.ocr_dpi : 300;
  return out;
}

void ApplyOcr(std::string_view bytes, std::vector<RawPage>& pages, std::vector<RawWarning>& warnings,
              const PdfOcrOptions& options, Logger* logger) {
  if (!logger) logger = NullLogger();
  if (pages.empty()) return;

  auto renderer = PdfRenderer::Open(bytes, logger);
  std::vector<PageState> states;
  states.reserve(pages.size());
  for (size_t slot = 0; slot < pages.size(); ++slot) {
    RawPage& page = pages[slot];
    // The dictionary only matters to kAuto's judgement of the text layer.
    PageState state{
        slot, GatherEvidence(page, options.mode == OcrMode::kAuto ? options.lexicon : nullptr), {}};
    // Only a page with little text needs a look at its picture.
    if (options.mode == OcrMode::kAuto && state.evidence.words < options.thresholds.few_words &&
        renderer.ok()) {
      auto survey = (*renderer)->Render(page.number - 1, options.survey_dpi, options.max_pixels);
      if (survey.ok()) state.evidence.ink_outside_text = InkOutsideText(survey->image, page);
    }
    state.decision = DecideOcr(options.mode, state.evidence, options.thresholds);
    page.method_reason = state.decision.reason;
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

  bool reported_unavailable = false;
  // OCRs `batch` and applies the outcome; returns how many doubtful pages OCR improved.
  auto run = [&](const std::vector<PageState*>& batch) {
    int improved = 0;
    auto results = RunOcr(
        static_cast<int>(batch.size()),
        [&](int i) {
          return (*renderer)->Render(pages[batch[i]->slot].number - 1, options.dpi, options.max_pixels);
        },
        options.ocr, logger);
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
          warnings.push_back(
              {ErrorCode::kPageFailed, page.number, "OCR failed: " + result.status().message()});
          page.method_reason = method_reason::kOcrFailed;
        }
        continue;
      }
      OcrDecision decision = s.decision;
      if (decision.action == PageAction::kVerify) {
        RawPage probe;
        probe.lines = result->result.lines;
        decision = SettleDoubt(s.evidence, GatherEvidence(probe, options.lexicon), options.thresholds);
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
      page = MakeOcrPage(page.number, std::move(result).value(), decision.reason);
      page.rotation = rotation;
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
