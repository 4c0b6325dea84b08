// Deterministic pseudo-random numbers for the synthetic-data generator. The
// generator must give the same output for the same seed on every machine and
// compiler, so it uses its own xoshiro256** generator (seeded with splitmix64)
// and its own uniform, Bernoulli, normal and weighted-choice helpers instead of
// the std::*_distribution classes, whose algorithms the standard leaves to the
// implementation. Only integer arithmetic and IEEE additions, multiplications
// and comparisons are used: no transcendental functions whose last bit may
// differ between libm versions.
//
// Streams are keyed: `Rng::keyed(seed, a, b, c)` gives an independent stream
// for (a, b, c), so a record's noise depends only on (seed, source, person,
// copy) and not on the order in which records are produced.
//
// Not thread-safe: one Rng per thread of work.
#pragma once

#include <cstdint>
#include <iterator>
#include <span>
#include <vector>

namespace sawt::synth {

// splitmix64 step: a good 64-bit mixer, used to seed and to hash keys.
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  // An independent stream for the key (seed, a, b, c).
  [[nodiscard]] static Rng keyed(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0);

  [[nodiscard]] std::uint64_t next();
  // Uniform integer in [0, n); n > 0. Unbiased (rejection of the biased zone).
  [[nodiscard]] std::uint64_t below(std::uint64_t n);
  // Uniform integer in [lo, hi]; lo <= hi.
  [[nodiscard]] int range(int lo, int hi);
  // Uniform double in [0, 1) with 53 random bits.
  [[nodiscard]] double real();
  // True with probability p (p <= 0: never, p >= 1: always).
  [[nodiscard]] bool chance(double p);
  // Approximately standard normal: Irwin-Hall sum of 12 uniforms minus 6
  // (bounded to [-6, 6], which suits dates and ages).
  [[nodiscard]] double normal();
  // A uniformly chosen element of a non-empty array, vector or span.
  template <typename Range>
  [[nodiscard]] const auto& pick(const Range& items) {
    return items[static_cast<std::size_t>(below(std::size(items)))];
  }
  // Fisher-Yates shuffle.
  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) {
      const auto j = static_cast<std::size_t>(below(i));
      std::swap(items[i - 1], items[j]);
    }
  }

 private:
  std::uint64_t s_[4];
};

// Weighted choice among n items with non-negative integer weights, by binary
// search over cumulative sums. Empty tables are invalid to sample from.
class WeightedTable {
 public:
  WeightedTable() = default;
  explicit WeightedTable(std::span<const std::uint64_t> weights);
  // Index i with probability weights[i] / total. Precondition: total() > 0.
  [[nodiscard]] std::size_t sample(Rng& rng) const;
  [[nodiscard]] std::uint64_t total() const { return cumulative_.empty() ? 0 : cumulative_.back(); }
  [[nodiscard]] std::size_t size() const { return cumulative_.size(); }

 private:
  std::vector<std::uint64_t> cumulative_;
};

// Weighted choice among a few (value, weight) pairs with double weights.
// Returns the index; weights need not sum to 1. Precondition: a positive sum.
[[nodiscard]] std::size_t choose(Rng& rng, std::span<const double> weights);

}  // namespace sawt::synth
