#include "ocr_pool.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <thread>

namespace protokoll {
namespace {

// Idle engines, reused across documents: creating one loads ~20 MB of
// language data and costs a few tenths of a second.
class EngineCache {
 public:
  static EngineCache& Get() {
    static EngineCache* cache = new EngineCache;  // never destroyed: workers may outlive statics
    return *cache;
  }

  Result<std::unique_ptr<OcrEngine>> Acquire(const OcrEngineOptions& options, Logger* logger) {
    {
      std::lock_guard lock(mu_);
      for (auto it = idle_.begin(); it != idle_.end(); ++it) {
        if (SameOptions(it->options, options)) {
          std::unique_ptr<OcrEngine> engine = std::move(it->engine);
          idle_.erase(it);
          return engine;
        }
      }
    }
    return OcrEngine::Create(options, logger);
  }

  void Release(const OcrEngineOptions& options, std::unique_ptr<OcrEngine> engine) {
    std::lock_guard lock(mu_);
    const size_t cap = 2 * std::max(1u, std::thread::hardware_concurrency());
    if (idle_.size() >= cap) idle_.pop_front();
    idle_.push_back({options, std::move(engine)});
  }

 private:
  struct Idle {
    OcrEngineOptions options;
    std::unique_ptr<OcrEngine> engine;
  };
  static bool SameOptions(const OcrEngineOptions& a, const OcrEngineOptions& b) { return a == b; }
  std::mutex mu_;
  std::deque<Idle> idle_;
};

struct Job {
  int index;
  PageImage image;
};

// Bounded hand-over from the producing thread to the workers.
class JobQueue {
 public:
  explicit JobQueue(size_t capacity) : capacity_(capacity) {}

  void Push(Job job) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return jobs_.size() < capacity_; });
    jobs_.push_back(std::move(job));
    not_empty_.notify_one();
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }
  // nullopt when closed and drained.
  std::optional<Job> Pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !jobs_.empty() || closed_; });
    if (jobs_.empty()) return std::nullopt;
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    not_full_.notify_one();
    return job;
  }

 private:
  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Job> jobs_;
  bool closed_ = false;
};

Result<OcrPage> RecognizeJob(OcrEngine* engine, const Status& engine_status, Job& job) {
  if (!engine) return engine_status;
  Result<OcrResult> result = engine->Recognize(job.image.image);
  if (!result.ok()) return result.status();
  return OcrPage{std::move(result).value(), std::move(job.image.note)};
}

}  // namespace

int OcrWorkerCount(const OcrPoolOptions& options, int count) {
  int workers = options.workers > 0 ? options.workers : static_cast<int>(std::thread::hardware_concurrency());
  return std::clamp(workers, 1, std::max(count, 1));
}

std::vector<Result<OcrPage>> RunOcr(int count, const PageImageSource& source, const OcrPoolOptions& options,
                                    Logger* logger) {
  if (!logger) logger = NullLogger();
  std::vector<Result<OcrPage>> results(std::max(count, 0),
                                       Result<OcrPage>(ErrorCode::kPageFailed, "page was not processed"));
  if (count <= 0) return results;
  EngineCache& cache = EngineCache::Get();
  const int workers = OcrWorkerCount(options, count);
  auto run_inline = [&] {
    auto engine = cache.Acquire(options.engine, logger);
    for (int i = 0; i < count; ++i) {
      Result<PageImage> image = source(i);
      if (!image.ok()) {
        results[i] = image.status();
        continue;
      }
      Job job{i, std::move(image).value()};
      results[i] = RecognizeJob(engine.ok() ? engine->get() : nullptr, engine.status(), job);
    }
    if (engine.ok()) cache.Release(options.engine, std::move(engine).value());
    return results;
  };
  if (workers == 1) return run_inline();

  JobQueue queue(static_cast<size_t>(workers));
  std::mutex results_mu;
  std::vector<std::thread> threads;
  threads.reserve(workers);
  auto work = [&] {
    auto engine = cache.Acquire(options.engine, logger);
    while (std::optional<Job> job = queue.Pop()) {
      Result<OcrPage> page = RecognizeJob(engine.ok() ? engine->get() : nullptr, engine.status(), *job);
      std::lock_guard lock(results_mu);
      results[job->index] = std::move(page);
    }
    if (engine.ok()) cache.Release(options.engine, std::move(engine).value());
  };
  for (int w = 0; w < workers; ++w) {
    try {
      threads.emplace_back(work);
    } catch (const std::system_error& e) {
      logger->Warn(std::string("OCR runs on fewer threads: ") + e.what());
      break;
    }
  }
  if (threads.empty()) return run_inline();
  for (int i = 0; i < count; ++i) {
    Result<PageImage> image = source(i);
    if (!image.ok()) {
      std::lock_guard lock(results_mu);
      results[i] = image.status();
      continue;
    }
    queue.Push(Job{i, std::move(image).value()});
  }
  queue.Close();
  for (std::thread& t : threads) t.join();
  return results;
}

}  // namespace protokoll
