// Building a reader's view of a document by hand for the generic reader's
// unit tests: lines of text with the labeller's probabilities set by the
// test, so that a test states what the model said and checks what the reader
// decodes from it (no trained model involved).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "protokoll/layout.h"
#include "reader/generic_reader.h"

namespace protokoll::reader::testing {

struct FixtureLine {
  std::string text;
  LineLabel label = LineLabel::kOther;  // the label the "model" gives, with probability 0.9
};

// Owns the laid-out document the context points into.
struct ReaderFixture {
  LaidOutDocument laid;
  ReaderContext rc;

  explicit ReaderFixture(const std::vector<FixtureLine>& lines, const std::string& language = "sv") {
    int page = 1;
    for (size_t i = 0; i < lines.size(); ++i) {
      TextLine line;
      line.text = lines[i].text;
      line.page = page;
      line.font_size = 10;
      line.box = Box{50, 50.0 + 12.0 * (i % 60), 500, 60.0 + 12.0 * (i % 60)};
      if (i % 60 == 59) ++page;
      laid.lines.push_back(line);
    }
    laid.body_font_size = 10;
    laid.body_left = 50;
    rc = MakeContext(laid, nullptr, language);
    for (size_t i = 0; i < lines.size(); ++i) {
      std::fill(std::begin(rc.views[i].p), std::end(rc.views[i].p), 0.0f);
      rc.views[i].p[static_cast<int>(lines[i].label)] = 0.9f;
      if (lines[i].label != LineLabel::kOther) rc.views[i].p[static_cast<int>(LineLabel::kOther)] = 0.1f;
    }
  }
};

}  // namespace protokoll::reader::testing
