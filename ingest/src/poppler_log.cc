#include "poppler_log.h"

#include <poppler-global.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <string_view>

namespace protokoll {
namespace {

thread_local PopplerLogScope* current_scope = nullptr;

// Poppler's own stderr printer would otherwise run for messages logged
// before the first scope; this replaces it for the whole process.
void RouteToCurrentScope(const std::string& message, void* /*closure*/) {
  DeliverPopplerMessage(message);
}

bool ContainsNoCase(std::string_view haystack, std::string_view needle) {
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != haystack.end();
}

bool IsColourManagementMessage(std::string_view message) {
  return ContainsNoCase(message, "ICC") || ContainsNoCase(message, "color space") ||
         ContainsNoCase(message, "colorspace") || ContainsNoCase(message, "OutputIntent");
}

}  // namespace

void DeliverPopplerMessage(const std::string& message) {
  PopplerLogScope* scope = current_scope;
  if (scope == nullptr) return;
  ++scope->message_count_;
  if (!IsColourManagementMessage(message)) {
    if (scope->damage_count_ == 0) scope->first_damage_message_ = message;
    ++scope->damage_count_;
  }
  // Hostile files can make Poppler log one message per object; log only the first few.
  constexpr int kMaxLoggedPerScope = 20;
  if (scope->message_count_ <= kMaxLoggedPerScope) {
    scope->logger_->Debug("poppler: " + message);
  } else if (scope->message_count_ == kMaxLoggedPerScope + 1) {
    scope->logger_->Debug("poppler: further messages are counted but not logged");
  }
}

void InstallPopplerLogRouting() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(&RouteToCurrentScope, nullptr); });
}

PopplerLogScope::PopplerLogScope(Logger* logger)
    : logger_(logger ? logger : NullLogger()), outer_(current_scope) {
  InstallPopplerLogRouting();
  current_scope = this;
}

PopplerLogScope::~PopplerLogScope() { current_scope = outer_; }

void PopplerLogScope::Add(const PopplerMessages& m) {
  message_count_ += m.messages;
  if (damage_count_ == 0 && m.damage > 0) first_damage_message_ = m.first_damage;
  damage_count_ += m.damage;
}

}  // namespace protokoll
