#include "protokoll/store.h"

namespace protokoll {
Result<std::unique_ptr<Store>> Store::Open(const std::string& dir, const StoreOptions&) {
  return Status(ErrorCode::kDbError, dir + ": not implemented yet");  // TODO(store helper)
}
}  // namespace protokoll
