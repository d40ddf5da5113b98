#include "protokoll/status.h"

#include <gtest/gtest.h>

namespace protokoll {
namespace {

TEST(StatusTest, ContractNamesRoundTrip) {
  for (ErrorCode code : {ErrorCode::kNotFound, ErrorCode::kUnreadable, ErrorCode::kEmptyFile,
                         ErrorCode::kUnsupportedFormat, ErrorCode::kDamagedPdf, ErrorCode::kEncryptedPdf,
                         ErrorCode::kPageFailed, ErrorCode::kOcrUnavailable, ErrorCode::kTooLarge,
                         ErrorCode::kDbError}) {
    auto name = ErrorCodeName(code);
    auto back = ErrorCodeFromName(name);
    ASSERT_TRUE(back.has_value()) << name;
    EXPECT_EQ(*back, code);
  }
  EXPECT_EQ(ErrorCodeName(ErrorCode::kDamagedPdf), "damaged_pdf");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kEncryptedPdf), "encrypted_pdf");
  EXPECT_FALSE(ErrorCodeFromName("no_such_code").has_value());
}

TEST(StatusTest, ToStringCarriesCodeAndMessage) {
  EXPECT_EQ(Status::Ok().ToString(), "ok");
  EXPECT_EQ(Status(ErrorCode::kEmptyFile, "a.pdf").ToString(), "empty_file: a.pdf");
}

TEST(ResultTest, HoldsValueOrError) {
  Result<int> good(7);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 7);
  EXPECT_TRUE(good.status().ok());
  Result<int> bad(ErrorCode::kNotFound, "x");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace protokoll
