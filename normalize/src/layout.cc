#include "protokoll/layout.h"

namespace protokoll {
LaidOutDocument LayOut(const RawDocument& raw) {  // TODO(normalize)
  LaidOutDocument out;
  for (const auto& p : raw.pages) {
    PageRecord pr;
    pr.number = p.number;
    out.pages.push_back(pr);
  }
  return out;
}
}  // namespace protokoll
