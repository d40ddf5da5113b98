#include "protokoll/raw_document.h"

#include <algorithm>

namespace protokoll {

Box Box::Union(const Box& other) const {
  return Box{std::min(x0, other.x0), std::min(y0, other.y0), std::max(x1, other.x1),
             std::max(y1, other.y1)};
}

std::string_view PageMethodName(PageMethod method) {
  return method == PageMethod::kOcr ? "ocr" : "text";
}

}  // namespace protokoll
