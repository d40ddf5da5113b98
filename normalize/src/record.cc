#include "protokoll/record.h"

namespace protokoll {

std::string_view PipelineVersion() { return PROTOKOLL_PIPELINE_VERSION; }

}  // namespace protokoll
