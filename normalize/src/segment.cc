#include "protokoll/segment.h"

namespace protokoll {
void Segment(const LaidOutDocument& laid, const HyphenationContext& context, Logger*, Document& doc) {
  doc.preamble = BuildParagraphs(laid.lines, context);  // TODO(segment)
}
}  // namespace protokoll
