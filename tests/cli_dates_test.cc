// The date formats the command line accepts.
#include "protokoll/dates.h"

#include <gtest/gtest.h>

namespace protokoll {
namespace {

TEST(DatesTest, IsoDatesOnTheCalendar) {
  EXPECT_TRUE(IsIsoDate("2025-04-14"));
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_TRUE(IsIsoDate("2000-02-29"));
  EXPECT_FALSE(IsIsoDate("1900-02-29"));
  EXPECT_FALSE(IsIsoDate("2025-02-29"));
  EXPECT_FALSE(IsIsoDate("2025-13-45"));
  EXPECT_FALSE(IsIsoDate("2025-04-31"));
  EXPECT_FALSE(IsIsoDate("2025-00-10"));
  EXPECT_FALSE(IsIsoDate("14.4.2025"));
  EXPECT_FALSE(IsIsoDate("2025-4-14"));
  EXPECT_FALSE(IsIsoDate("yesterday"));
  EXPECT_FALSE(IsIsoDate(""));
}

TEST(DatesTest, DateTimesInUtc) {
  EXPECT_TRUE(IsIsoDateTime("2025-04-14"));
  EXPECT_TRUE(IsIsoDateTime("2025-04-14T09:30"));
  EXPECT_TRUE(IsIsoDateTime("2025-04-14T09:30:15Z"));
  EXPECT_FALSE(IsIsoDateTime("2025-04-14 09:30"));
  EXPECT_FALSE(IsIsoDateTime("2025-04-14T24:00"));
  EXPECT_FALSE(IsIsoDateTime("2025-04-14T09:60"));
  EXPECT_FALSE(IsIsoDateTime("2025-04-14T09"));
}

TEST(DatesTest, OptionErrorsNameTheOptionAndTheFormat) {
  EXPECT_TRUE(CheckDateOption("--from", "2025-04-14").ok());
  Status s = CheckDateOption("--from", "14.4.2025");
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "--from: \"14.4.2025\" is not a date; use YYYY-MM-DD, e.g. 2025-04-14");
  EXPECT_FALSE(CheckDateOption("--since", "2025-04-14T10:00").ok());
  EXPECT_TRUE(CheckDateOption("--ingested-since", "2025-04-14T10:00", true).ok());
}

}  // namespace
}  // namespace protokoll
