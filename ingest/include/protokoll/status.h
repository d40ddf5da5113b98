// Errors as values. Library code in protokoll never throws across a public
// API, never prints and never aborts: every fallible call returns a Status or
// a Result<T>, and the caller decides what to log or report.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace protokoll {

// The error codes of CONTRACT.md ("Error codes"), plus kInvalidArgument and
// kCorruption for internal use. ErrorCodeName() yields the contract spelling.
enum class ErrorCode {
  kOk,
  kNotFound,
  kUnreadable,
  kEmptyFile,
  kUnsupportedFormat,
  kDamagedPdf,
  kEncryptedPdf,
  kPageFailed,
  kOcrUnavailable,
  kTooLarge,
  kDbError,
  kInvalidArgument,
  kCorruption,
};

// Contract spelling, e.g. "damaged_pdf". Never empty.
std::string_view ErrorCodeName(ErrorCode code);
// Inverse of ErrorCodeName; nullopt for an unknown name.
std::optional<ErrorCode> ErrorCodeFromName(std::string_view name);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "damaged_pdf: trailer not found"; "ok" for success.
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

// Either a value or a non-OK Status.
// REQUIRES: a Result is never constructed from an OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}                // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {}         // NOLINT: implicit by design
  Result(ErrorCode code, std::string message) : state_(Status(code, std::move(message))) {}

  bool ok() const { return std::holds_alternative<T>(state_); }
  // The error, or Status::Ok() when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

  // REQUIRES: ok().
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace protokoll
