#include "protokoll/status.h"

#include <array>

namespace protokoll {
namespace {
struct CodeName {
  ErrorCode code;
  std::string_view name;
};
constexpr std::array<CodeName, 13> kNames{{
    {ErrorCode::kOk, "ok"},
    {ErrorCode::kNotFound, "not_found"},
    {ErrorCode::kUnreadable, "unreadable"},
    {ErrorCode::kEmptyFile, "empty_file"},
    {ErrorCode::kUnsupportedFormat, "unsupported_format"},
    {ErrorCode::kDamagedPdf, "damaged_pdf"},
    {ErrorCode::kEncryptedPdf, "encrypted_pdf"},
    {ErrorCode::kPageFailed, "page_failed"},
    {ErrorCode::kOcrUnavailable, "ocr_unavailable"},
    {ErrorCode::kTooLarge, "too_large"},
    {ErrorCode::kDbError, "db_error"},
    {ErrorCode::kInvalidArgument, "invalid_argument"},
    {ErrorCode::kCorruption, "corruption"},
}};
}  // namespace

std::string_view ErrorCodeName(ErrorCode code) {
  for (const auto& entry : kNames)
    if (entry.code == code) return entry.name;
  return "unknown";
}

std::optional<ErrorCode> ErrorCodeFromName(std::string_view name) {
  for (const auto& entry : kNames)
    if (entry.name == name) return entry.code;
  return std::nullopt;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string s(ErrorCodeName(code_));
  if (!message_.empty()) s += ": " + message_;
  return s;
}

}  // namespace protokoll
