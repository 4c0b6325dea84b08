// A minimal parallel loop for the linkage engine (internal): the work is split
// into chunks handed out through an atomic counter, so uneven chunks (long
// names, big blocks) do not leave a thread idle. With threads <= 1 or little
// work the loop runs on the calling thread.
//
// Thread-safety: FN is called concurrently on disjoint ranges; it must not
// write shared state without its own synchronisation. Exceptions thrown by FN
// terminate the program (the engine's loops do not throw).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace sawt::linkage {

// Calls fn(begin, end) over [0, n) in chunks of about CHUNK items.
template <typename Fn>
void parallel_for(std::size_t n, int threads, Fn&& fn, std::size_t chunk = 0) {
  if (n == 0) return;
  if (chunk == 0) chunk = std::max<std::size_t>(64, n / (static_cast<std::size_t>(std::max(threads, 1)) * 32));
  if (threads <= 1 || n <= chunk) {
    fn(std::size_t{0}, n);
    return;
  }
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    while (true) {
      const std::size_t begin = next.fetch_add(chunk);
      if (begin >= n) return;
      fn(begin, std::min(n, begin + chunk));
    }
  };
  std::vector<std::jthread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
}

// Runs fn(t) for t in [0, threads) on that many threads (t = 0 on the caller).
template <typename Fn>
void parallel_run(int threads, Fn&& fn) {
  threads = std::max(threads, 1);
  std::vector<std::jthread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back([&fn, t] { fn(t); });
  fn(0);
}

}  // namespace sawt::linkage
