// Risky work in a child process (ingest/src/isolated.h): its result comes
// back whole, and a crash, a hang or a memory blow-up in it becomes a
// status instead of the end of the test process.
#include "../ingest/src/isolated.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <thread>
#include <vector>

namespace protokoll {
namespace {

PageImage Stripes(int width, int height) {
  PageImage out;
  out.image.width = width;
  out.image.height = height;
  out.image.dpi = 150;
  out.image.pixels.resize(static_cast<size_t>(width) * height);
  for (size_t i = 0; i < out.image.pixels.size(); ++i) out.image.pixels[i] = static_cast<uint8_t>(i * 7 % 251);
  out.note = "rendered at 150 dpi";
  return out;
}

TEST(Isolated, TheChildsImageComesBackWhole) {
  const PageImage expected = Stripes(640, 480);
  auto got = RunIsolated([&]() -> Result<PageImage> { return expected; }, 1'000'000, {}, "test");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->image.width, 640);
  EXPECT_EQ(got->image.height, 480);
  EXPECT_EQ(got->image.dpi, 150);
  EXPECT_EQ(got->note, expected.note);
  EXPECT_EQ(got->image.pixels, expected.image.pixels);
}

TEST(Isolated, TheChildsErrorComesBack) {
  auto got = RunIsolated([]() -> Result<PageImage> { return Status(ErrorCode::kPageFailed, "no such page"); },
                         1000, {}, "test");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), ErrorCode::kPageFailed);
  EXPECT_EQ(got.status().message(), "no such page");
}

TEST(Isolated, AnImageOverThePixelLimitIsRefused) {
  auto got = RunIsolated([]() -> Result<PageImage> { return Stripes(3000, 3000); }, 1'000'000, {}, "test");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), ErrorCode::kTooLarge);
}

TEST(Isolated, ACrashIsAPageFailure) {
  auto got = RunIsolated(
      []() -> Result<PageImage> {
        std::raise(SIGSEGV);
        return Stripes(1, 1);
      },
      1000, {}, "rendering page 3");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), ErrorCode::kPageFailed);
  EXPECT_NE(got.status().message().find("rendering page 3 crashed"), std::string::npos) << got.status().message();
}

TEST(Isolated, AHangIsStoppedAtTheDeadline) {
  IsolationLimits limits;
  limits.max_seconds = 1;
  const auto start = std::chrono::steady_clock::now();
  auto got = RunIsolated(
      []() -> Result<PageImage> {
        for (volatile uint64_t i = 0;; i = i + 1) {  // busy: not retried as a lock wait would be
        }
        return Stripes(1, 1);
      },
      1000, limits, "rendering page 1");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), ErrorCode::kPageFailed);
  EXPECT_NE(got.status().message().find("longer than 1 s"), std::string::npos);
  EXPECT_LT(seconds, 10);
}

// A child waiting for a lock it will never get (one another thread held at
// the fork) is stopped long before the deadline, and tried once more.
TEST(Isolated, AnIdleChildIsStoppedEarlyAndRetried) {
  IsolationLimits limits;
  limits.max_seconds = 60;
  const auto start = std::chrono::steady_clock::now();
  auto got = RunIsolated(
      []() -> Result<PageImage> {
        std::this_thread::sleep_for(std::chrono::hours(1));
        return Stripes(1, 1);
      },
      1000, limits, "rendering page 4");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), ErrorCode::kPageFailed);
  EXPECT_NE(got.status().message().find("made no progress"), std::string::npos) << got.status().message();
  EXPECT_GE(seconds, 9);  // twice about 5 s
  EXPECT_LT(seconds, 30);
}

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
TEST(Isolated, AMemoryBlowUpIsTooLarge) {
  IsolationLimits limits;
  limits.max_bytes = 256ll << 20;
  auto got = RunIsolated(
      []() -> Result<PageImage> {
        std::vector<std::vector<uint8_t>> hog;
        for (int i = 0; i < 64; ++i) {
          hog.emplace_back(64 << 20);
          std::memset(hog.back().data(), 1, hog.back().size());
        }
        return Stripes(1, static_cast<int>(hog.size()));
      },
      1000, limits, "rendering page 2");
  ASSERT_FALSE(got.ok());
  // new throws std::bad_alloc under the limit; uncaught it aborts: either way the bound.
  EXPECT_EQ(got.status().code(), ErrorCode::kTooLarge) << got.status().message();
}
#endif

}  // namespace
}  // namespace protokoll
