// A small pool of worker threads for the linkage engine (internal). One pool
// lives for a whole linkage run, so its threads are started once: the name
// engine keeps a per-thread copy of ICU's transliterator, which is costly to
// clone and to destroy, and a pool per loop would pay that on every loop.
//
// Work is split into chunks handed out through an atomic counter, so uneven
// chunks (long names, big blocks) do not leave a thread idle. The calling
// thread takes part; with one thread everything runs on the caller.
//
// Thread-safety: one loop at a time per pool (calls must not overlap); the
// loop body is called concurrently on disjoint ranges and must not write
// shared state without its own synchronisation. Exceptions thrown by a body
// terminate the program (the engine's loops do not throw).
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sawt::linkage {

class WorkerPool {
 public:
  explicit WorkerPool(int threads) : threads_(std::max(threads, 1)) {
    for (int t = 1; t < threads_; ++t) workers_.emplace_back([this, t] { work(t); });
  }
  ~WorkerPool() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
      ++generation_;
    }
    wake_.notify_all();
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  [[nodiscard]] int threads() const { return threads_; }

  // Runs fn(t) once on each thread t in [0, threads()), t = 0 on the caller.
  void run(const std::function<void(int)>& fn) {
    if (threads_ == 1) {
      fn(0);
      return;
    }
    {
      std::lock_guard lock(mutex_);
      job_ = &fn;
      pending_ = threads_ - 1;
      ++generation_;
    }
    wake_.notify_all();
    fn(0);
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
    job_ = nullptr;
  }

  // Calls fn(begin, end) over [0, n) in chunks of about CHUNK items (0: a
  // thirty-second of each thread's share, at least 64).
  template <typename Fn>
  void parallel_for(std::size_t n, Fn&& fn, std::size_t chunk = 0) {
    if (n == 0) return;
    if (chunk == 0) chunk = std::max<std::size_t>(64, n / (static_cast<std::size_t>(threads_) * 32));
    if (threads_ == 1 || n <= chunk) {
      fn(std::size_t{0}, n);
      return;
    }
    std::atomic<std::size_t> next{0};
    run([&](int) {
      while (true) {
        const std::size_t begin = next.fetch_add(chunk);
        if (begin >= n) return;
        fn(begin, std::min(n, begin + chunk));
      }
    });
  }

 private:
  void work(int t) {
    std::uint64_t seen = 0;
    while (true) {
      const std::function<void(int)>* job = nullptr;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        if (stop_) return;
        job = job_;
      }
      (*job)(t);
      {
        std::lock_guard lock(mutex_);
        --pending_;
      }
      done_.notify_one();
    }
  }

  const int threads_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(int)>* job_ = nullptr;
  int pending_ = 0;
  std::uint64_t generation_ = 0;
  bool stop_ = false;
  std::vector<std::jthread> workers_;  // last member: joined before the rest is destroyed
};

}  // namespace sawt::linkage
