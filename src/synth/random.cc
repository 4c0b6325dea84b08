#include "synth/random.h"

#include <algorithm>

namespace sawt::synth {

namespace {

constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Rng::Rng(std::uint64_t seed) {
  std::uint64_t x = seed;
  for (auto& word : s_) {
    x = mix64(x);
    word = x;
  }
  if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = 1;  // xoshiro must not start at all zeros
}

Rng Rng::keyed(std::uint64_t seed, std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  std::uint64_t h = mix64(seed ^ 0x5a3c9e1d2b4f6a87ULL);
  h = mix64(h ^ a);
  h = mix64(h ^ (b + 0x632be59bd9b4e019ULL));
  h = mix64(h ^ (c + 0x8cb92ba72f3d8dd7ULL));
  return Rng(h);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

std::uint64_t Rng::below(std::uint64_t n) {
  // Reject the top zone that would bias the remainder towards small values.
  const std::uint64_t threshold = (0 - n) % n;
  for (;;) {
    const std::uint64_t r = next();
    if (r >= threshold) return r % n;
  }
}

int Rng::range(int lo, int hi) {
  return lo + static_cast<int>(below(static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo + 1)));
}

double Rng::real() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

bool Rng::chance(double p) {
  if (p <= 0) return false;
  if (p >= 1) return true;
  return real() < p;
}

double Rng::normal() {
  double sum = 0;
  for (int i = 0; i < 12; ++i) sum += real();
  return sum - 6.0;
}

WeightedTable::WeightedTable(std::span<const std::uint64_t> weights) {
  cumulative_.reserve(weights.size());
  std::uint64_t sum = 0;
  for (const auto w : weights) {
    sum += w;
    cumulative_.push_back(sum);
  }
}

std::size_t WeightedTable::sample(Rng& rng) const {
  const std::uint64_t r = rng.below(total());
  return static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), r) - cumulative_.begin());
}

std::size_t choose(Rng& rng, std::span<const double> weights) {
  double total = 0;
  for (const double w : weights) total += w > 0 ? w : 0;
  double r = rng.real() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double w = weights[i] > 0 ? weights[i] : 0;
    if (r < w) return i;
    r -= w;
  }
  // Rounding left r at the top end: return the last positive weight.
  for (std::size_t i = weights.size(); i > 0; --i) {
    if (weights[i - 1] > 0) return i - 1;
  }
  return 0;
}

}  // namespace sawt::synth
