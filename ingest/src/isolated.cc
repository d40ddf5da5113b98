#include "isolated.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <thread>

#include "poppler_log.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PROTOKOLL_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define PROTOKOLL_SANITIZED 1
#endif
#endif

namespace protokoll {
namespace {

// A child that has used less than this share of the processor after this
// many seconds is idle: forked while another thread held a lock, it waits
// forever. (A busy machine gives a working child far more than 5 %.)
constexpr double kIdleAfterSeconds = 5;
constexpr double kIdleShare = 0.05;

// What the child writes at the start of the shared mapping; pixels follow.
struct Reply {
  int32_t done = 0;  // 1 when the child finished writing
  int32_t code = 0;  // ErrorCode; kOk with an image
  int32_t width = 0, height = 0, dpi = 0;
  char note[512] = {};
  char message[1024] = {};
};

void CopyText(char* out, size_t size, const std::string& text) {
  const size_t n = std::min(size - 1, text.size());
  std::memcpy(out, text.data(), n);
  out[n] = '\0';
}

// The address space this process uses now, in bytes; 0 when unknown.
int64_t AddressSpace() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  long long pages = 0;
  const int read = std::fscanf(f, "%lld", &pages);
  std::fclose(f);
  return read == 1 ? pages * sysconf(_SC_PAGESIZE) : 0;
}

// Processor time a child has used so far (from /proc), in seconds; -1 when unknown.
double ChildCpuSeconds(pid_t pid) {
  const std::string path = "/proc/" + std::to_string(pid) + "/stat";
  FILE* f = std::fopen(path.c_str(), "r");
  if (!f) return -1;
  char buffer[1024];
  const size_t n = std::fread(buffer, 1, sizeof buffer - 1, f);
  std::fclose(f);
  buffer[n] = '\0';
  const char* after = std::strrchr(buffer, ')');  // the command name may hold spaces
  if (!after) return -1;
  unsigned long long utime = 0, stime = 0;
  // After ")": state, then fields 4..13, then utime (14) and stime (15).
  if (std::sscanf(after + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) return -1;
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

[[noreturn]] void RunChild(const std::function<Result<PageImage>()>& work, Reply* reply, uint8_t* pixels,
                           int64_t max_pixels, int64_t limit) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  // Libraries print their complaints (Poppler's "Out of memory") on stderr.
  const int null = open("/dev/null", O_WRONLY);
  if (null >= 0) dup2(null, STDERR_FILENO);
#ifndef PROTOKOLL_SANITIZED
  if (limit > 0) {
    rlimit rl{static_cast<rlim_t>(limit), static_cast<rlim_t>(limit)};
    setrlimit(RLIMIT_AS, &rl);
  }
#else
  (void)limit;
#endif
  PopplerLogScope quiet(NullLogger());  // the parent's logger may hold a lock of another thread
  // Nothing may escape the child: an exception would unwind into the
  // parent's code, running on in this copy of the process.
  Result<PageImage> result = Status(ErrorCode::kPageFailed, "no result");
  try {
    result = work();
  } catch (const std::bad_alloc&) {
    result = Status(ErrorCode::kPageFailed, "std::bad_alloc");
  } catch (const std::exception& e) {
    result = Status(ErrorCode::kPageFailed, std::string("exception: ") + e.what());
  } catch (...) {
    result = Status(ErrorCode::kPageFailed, "unknown exception");
  }
  if (!result.ok()) {
    reply->code = static_cast<int32_t>(result.status().code());
    CopyText(reply->message, sizeof reply->message, result.status().message());
  } else {
    const GrayImage& image = result->image;
    if (static_cast<int64_t>(image.pixels.size()) > max_pixels) {
      reply->code = static_cast<int32_t>(ErrorCode::kTooLarge);
      CopyText(reply->message, sizeof reply->message, "image larger than the pixel limit");
    } else {
      std::memcpy(pixels, image.pixels.data(), image.pixels.size());
      reply->width = image.width;
      reply->height = image.height;
      reply->dpi = image.dpi;
      CopyText(reply->note, sizeof reply->note, result->note);
    }
  }
  reply->done = 1;
  _exit(0);
}

struct Mapping {
  void* address = MAP_FAILED;
  size_t size = 0;
  ~Mapping() {
    if (address != MAP_FAILED) munmap(address, size);
  }
};

Result<PageImage> RunOnce(const std::function<Result<PageImage>()>& work, int64_t max_pixels,
                          const IsolationLimits& limits, const std::string& what, bool& timed_out) {
  timed_out = false;
  Mapping shared;
  // Rounding may give a rendering a row or column more than the limit allows.
  const int64_t capacity = max_pixels + max_pixels / 50 + (1 << 20);
  shared.size = sizeof(Reply) + static_cast<size_t>(capacity);
  // Untouched pages of the mapping cost nothing; the child writes what it needs.
  shared.address = mmap(nullptr, shared.size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared.address == MAP_FAILED)
    return Status(ErrorCode::kPageFailed, what + ": no shared memory for the child: " + std::strerror(errno));
  auto* reply = new (shared.address) Reply();
  auto* pixels = static_cast<uint8_t*>(shared.address) + sizeof(Reply);
  const int64_t limit = limits.max_bytes > 0 ? AddressSpace() + limits.max_bytes : 0;

  // The child holds the pipe's write end until it ends: the parent wakes at
  // once when it does. (A child another thread forks meanwhile inherits the
  // write end too, so the parent also looks every 50 ms.)
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0)
    return Status(ErrorCode::kPageFailed, what + ": cannot start a child: " + std::strerror(errno));
  const pid_t pid = fork();
  if (pid < 0) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return Status(ErrorCode::kPageFailed, what + ": cannot start a child: " + std::strerror(errno));
  }
  if (pid == 0) {
    close(pipe_fds[0]);
    RunChild(work, reply, pixels, capacity, limit);
  }
  close(pipe_fds[1]);

  const auto start = std::chrono::steady_clock::now();
  int status = 0;
  double next_look = kIdleAfterSeconds;
  for (;;) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const bool deadline = limits.max_seconds > 0;
    // A child that has hardly run for seconds waits for a lock: stopped now and retried.
    bool idle = false;
    if (seconds >= next_look) {
      next_look = seconds + 1;
      const double cpu = ChildCpuSeconds(pid);
      idle = cpu >= 0 && cpu < kIdleShare * seconds;
    }
    if ((!deadline || seconds <= limits.max_seconds) && !idle) {
      pollfd end{pipe_fds[0], POLLIN, 0};
      const int wait_ms = deadline ? std::min(50, static_cast<int>((limits.max_seconds - seconds) * 1000) + 1) : 50;
      if (poll(&end, 1, wait_ms) < 0 && errno == EINTR) continue;
      const pid_t done = waitpid(pid, &status, WNOHANG);
      if (done == pid) break;
      if (done < 0 && errno != EINTR) {
        close(pipe_fds[0]);
        return Status(ErrorCode::kPageFailed, what + ": lost the child process");
      }
      if (end.revents == 0) continue;  // the deadline decides
      // The pipe closed but the child is still exiting: wait for it.
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    if (waitpid(pid, &status, WNOHANG) == pid) break;  // ended at the last moment
    {
      close(pipe_fds[0]);
      kill(pid, SIGKILL);
      rusage usage{};
      while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
      }
      // A child that sat idle waits for a lock (see RunIsolated); one that worked is slow.
      const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                         1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
      timed_out = idle || cpu < 0.25 * seconds;
      if (idle)
        return Status(ErrorCode::kPageFailed, what + " made no progress for " +
                                                  std::to_string(static_cast<int>(seconds)) + " s and was stopped");
      return Status(ErrorCode::kPageFailed,
                    what + " took longer than " + std::to_string(limits.max_seconds) + " s and was stopped");
    }
  }
  close(pipe_fds[0]);
  const std::string bound = std::to_string(limits.max_bytes >> 20) + " MB";
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    // Poppler's allocator aborts when an allocation fails.
    if (signal == SIGABRT && limits.max_bytes > 0)
      return Status(ErrorCode::kTooLarge, what + " needed more than its memory bound of " + bound);
    return Status(ErrorCode::kPageFailed, what + " crashed (signal " + std::to_string(signal) + ")");
  }
  if (!reply->done) return Status(ErrorCode::kPageFailed, what + " ended without a result");
  if (reply->code != static_cast<int32_t>(ErrorCode::kOk)) {
    std::string message = reply->message;
    // A C++ allocation failing under the limit ("std::bad_alloc") is the bound, not damage.
    if (message.find("bad_alloc") != std::string::npos && limits.max_bytes > 0)
      return Status(ErrorCode::kTooLarge, what + " needed more than its memory bound of " + bound);
    return Status(static_cast<ErrorCode>(reply->code), message);
  }
  PageImage out;
  out.image.width = reply->width;
  out.image.height = reply->height;
  out.image.dpi = reply->dpi;
  out.image.pixels.assign(pixels, pixels + static_cast<size_t>(reply->width) * static_cast<size_t>(reply->height));
  out.note = reply->note;
  return out;
}

}  // namespace

Result<PageImage> RunIsolated(const std::function<Result<PageImage>()>& work, int64_t max_pixels,
                              const IsolationLimits& limits, const std::string& what) {
  if (!limits.isolate) return work();
  if (max_pixels <= 0) return Status(ErrorCode::kInvalidArgument, what + ": no room for an image");
  bool timed_out = false;
  Result<PageImage> result = RunOnce(work, max_pixels, limits, what, timed_out);
  if (timed_out) result = RunOnce(work, max_pixels, limits, what, timed_out);
  return result;
}

}  // namespace protokoll
