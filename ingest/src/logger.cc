#include "protokoll/logger.h"

namespace protokoll {
namespace {
class DiscardingLogger final : public Logger {
 public:
  void Log(LogLevel, std::string_view) override {}
};
}  // namespace

Logger* NullLogger() {
  static DiscardingLogger logger;
  return &logger;
}

}  // namespace protokoll
