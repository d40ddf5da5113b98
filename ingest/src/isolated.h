// Internal to ingest: risky work on hostile input (Poppler rendering a page)
// run in a child process, so that a crash, a hang or a memory blow-up costs
// one page, not the batch (issue 13: a 136 KB PDF with one 2-million-point
// path took 6.8 GB to render; a 20-million-point one drew the kernel's OOM
// killer). The child is forked per call: it shares the parent's state as it
// was at the fork (the open document), gets an address-space limit, and
// hands its image back through shared memory; the parent kills it at the
// deadline.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "ocr.h"
#include "protokoll/status.h"

namespace protokoll {

struct IsolationLimits {
  // Address space the child may add to what it inherits; 0: no limit. Not
  // applied in sanitizer builds (their shadow memory needs terabytes of it).
  int64_t max_bytes = 1ll << 30;
  int max_seconds = 120;  // 0: no deadline
  // false: `work` runs in this process, unlimited (for debugging).
  bool isolate = true;
};

// Runs `work` under `limits`; its image may have at most `max_pixels`
// pixels (more is kTooLarge). `what` names the work in messages ("rendering
// page 3"). Errors: the child's own Status; kPageFailed when it crashed or
// ran past the deadline (it is then killed); kTooLarge when it aborted,
// which is how Poppler reacts to an allocation failing under the limit.
// A child forked while another thread held a lock inside a library waits
// forever: one that has used under 5 % of the processor after 5 s is
// stopped then ("made no progress") and, like one stopped at the deadline
// that had hardly run, retried once.
Result<PageImage> RunIsolated(const std::function<Result<PageImage>()>& work, int64_t max_pixels,
                              const IsolationLimits& limits, const std::string& what);

}  // namespace protokoll
