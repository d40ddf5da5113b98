// Internal to ingest: Poppler's error messages go to the Logger of the
// extraction that caused them, never raw to stderr.
//
// Poppler has one process-global error callback. It is installed once and
// dispatches through a thread_local pointer to the innermost PopplerLogScope
// of the calling thread, so extractors running on several threads each see
// only their own messages. Messages on a thread with no scope are dropped.
#pragma once

#include <string>

#include "protokoll/logger.h"

namespace protokoll {

// The callback's target; internal, exposed for the friend declaration below.
void DeliverPopplerMessage(const std::string& message);

// What one scope collected, to be added to another (pages read on helper
// threads report to the document's scope in page order).
struct PopplerMessages {
  int messages = 0, damage = 0;
  std::string first_damage;
};

// Use on the stack around every Poppler call (poppler-cpp and renderers alike).
// Scopes nest: the innermost one receives the messages.
class PopplerLogScope {
 public:
  // `logger` must outlive the scope; messages are logged at kDebug (they are
  // summarised into a document warning by the caller, not shouted per line).
  explicit PopplerLogScope(Logger* logger);
  ~PopplerLogScope();
  PopplerLogScope(const PopplerLogScope&) = delete;
  PopplerLogScope& operator=(const PopplerLogScope&) = delete;

  // Messages Poppler reported on this thread while the scope was innermost.
  int message_count() const { return message_count_; }
  // Those that say the file's structure or text may be damaged: all but
  // colour-management complaints (a broken ICC profile changes colours, not
  // text). poppler-cpp drops the message category, so this goes by wording.
  int damage_count() const { return damage_count_; }
  const std::string& first_damage_message() const { return first_damage_message_; }
  PopplerMessages collected() const { return {message_count_, damage_count_, first_damage_message_}; }
  // Counts `m` as if its messages had come to this scope after its own.
  void Add(const PopplerMessages& m);

 private:
  friend void DeliverPopplerMessage(const std::string& message);
  Logger* logger_;
  PopplerLogScope* outer_;
  int message_count_ = 0;
  int damage_count_ = 0;
  std::string first_damage_message_;
};

// Installs the global callback if it is not installed yet. Idempotent and
// thread-safe; PopplerLogScope calls it, so other code rarely needs to.
void InstallPopplerLogRouting();

}  // namespace protokoll
