// Google Benchmark figures for the name engine's similarity kernels, each
// against a straightforward reference implementation measured in the same
// run (bench/names_ratios.sh prints the ratios):
//   JaroWinkler    names::jaro_winkler on code points vs the textbook
//                  algorithm (vectors of flags, a second pass for the
//                  transpositions)
//   Osa            names::osa_distance (three rotating rows, no allocation)
//                  vs the full (n+1) x (m+1) matrix of vectors
//   Skeleton       names::skeleton (table-driven) vs ICU's Any-Latin;
//                  Latin-ASCII transform per word, then vowels dropped and
//                  doubled letters collapsed — the ICU route the skeleton's
//                  Arabic table was taken from
//   TokenAlignment names::name_similarity on parsed names (dynamic programme
//                  over subsets) vs trying every assignment of tokens
// Inputs are real spellings: the Latin variants and Arabic names of the
// synthetic generator's tables (data/synth/), paired at random with a fixed
// seed, half of the pairs two spellings of one name. Each benchmark reports
// pairs (or words) per second as items_per_second, and counts how often the
// reference gives the same answer ("agree").
#include <benchmark/benchmark.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "linkage/features.h"
#include "names/similarity.h"
#include "names/skeleton.h"
#include "synth/tables.h"

namespace {

using sawt::names::ParsedName;

struct Lcg {
  std::uint64_t state = 0x5A3717ULL;
  std::size_t below(std::size_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state >> 33) % n);
  }
};

struct Inputs {
  std::vector<std::pair<std::u32string, std::u32string>> word_pairs;  // Latin spellings
  std::vector<std::string> words;                                     // Arabic and Latin, for skeletons
  std::vector<std::pair<ParsedName, ParsedName>> name_pairs;          // full names of 2-4 parts
};

const Inputs& inputs() {
  static const Inputs in = [] {
    Inputs out;
    const auto& t = sawt::synth::tables();
    if (!t) throw std::runtime_error("synth tables: " + t.error().describe());
    Lcg rng;
    const auto& sets = t->variant_sets;
    for (int i = 0; i < 4000; ++i) {
      const auto& s1 = sets[rng.below(sets.size())];
      const auto& s2 = i % 2 == 0 ? s1 : sets[rng.below(sets.size())];
      out.word_pairs.emplace_back(sawt::linkage::to_code_points(s1.latin[rng.below(s1.latin.size())]),
                                  sawt::linkage::to_code_points(s2.latin[rng.below(s2.latin.size())]));
    }
    for (int i = 0; i < 2000; ++i) {
      const auto& n =
          i % 2 == 0 ? t->male[rng.below(t->male.size())] : t->family[rng.below(t->family.size())];
      const auto& set = sets[n.variants];
      out.words.push_back(i % 4 < 2 ? n.arabic : set.latin[rng.below(set.latin.size())]);
    }
    // A person written twice: in Arabic or Latin, with or without the
    // grandfather, family name first now and then; or two different people.
    const auto full_name = [&](std::size_t first, std::size_t father, std::size_t grand, std::size_t family,
                               bool arabic, bool grandfather, bool family_first) {
      const auto word = [&](const sawt::synth::Name& n) {
        if (arabic) return n.arabic;
        const auto& set = sets[n.variants];
        return set.latin[rng.below(set.latin.size())];
      };
      std::vector<std::string> parts = {word(t->male[first]), word(t->male[father])};
      if (grandfather) parts.push_back(word(t->male[grand]));
      const std::string fam = word(t->family[family]);
      if (family_first)
        parts.insert(parts.begin(), fam);
      else
        parts.push_back(fam);
      std::string s;
      for (const auto& p : parts) s += (s.empty() ? "" : " ") + p;
      return s;
    };
    for (int i = 0; i < 2000; ++i) {
      const std::size_t m = t->male.size(), f = t->family.size();
      const std::size_t a = rng.below(m), b = rng.below(m), c = rng.below(m), d = rng.below(f);
      const bool same = i % 2 == 0;
      const std::size_t a2 = same ? a : rng.below(m), d2 = same ? d : rng.below(f);
      out.name_pairs.emplace_back(
          sawt::names::parse_name(full_name(a, b, c, d, rng.below(2) == 0, rng.below(2) == 0, false)),
          sawt::names::parse_name(
              full_name(a2, b, c, d2, rng.below(2) == 0, rng.below(2) == 0, rng.below(5) == 0)));
    }
    return out;
  }();
  return in;
}

// ---------------------------------------------------------------- references

double reference_jaro_winkler(const std::u32string& a, const std::u32string& b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const std::u32string& s = a.size() <= b.size() ? a : b;
  const std::u32string& l = a.size() <= b.size() ? b : a;
  const int window = std::max(static_cast<int>(l.size()) / 2 - 1, 0);
  std::vector<bool> s_matched(s.size(), false), l_matched(l.size(), false);
  int matches = 0;
  for (int i = 0; i < static_cast<int>(s.size()); ++i) {
    const int lo = std::max(0, i - window), hi = std::min(static_cast<int>(l.size()) - 1, i + window);
    for (int j = lo; j <= hi; ++j) {
      if (!l_matched[static_cast<std::size_t>(j)] &&
          s[static_cast<std::size_t>(i)] == l[static_cast<std::size_t>(j)]) {
        s_matched[static_cast<std::size_t>(i)] = l_matched[static_cast<std::size_t>(j)] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  std::u32string s_seq, l_seq;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s_matched[i]) s_seq += s[i];
  }
  for (std::size_t j = 0; j < l.size(); ++j) {
    if (l_matched[j]) l_seq += l[j];
  }
  int half = 0;
  for (std::size_t k = 0; k < s_seq.size(); ++k) half += s_seq[k] != l_seq[k] ? 1 : 0;
  const double m = matches;
  const double jaro =
      (m / static_cast<double>(s.size()) + m / static_cast<double>(l.size()) + (m - half / 2.0) / m) / 3.0;
  if (jaro <= 0.7) return jaro;
  int prefix = 0;
  while (prefix < 4 && prefix < static_cast<int>(s.size()) &&
         a[static_cast<std::size_t>(prefix)] == b[static_cast<std::size_t>(prefix)]) {
    ++prefix;
  }
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

int reference_osa(const std::u32string& a, const std::u32string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

class ReferenceSkeleton {
 public:
  ReferenceSkeleton() {
    UErrorCode status = U_ZERO_ERROR;
    t_.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !t_) throw std::runtime_error("ICU Any-Latin unavailable");
  }
  std::string operator()(const std::string& word) const {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
    t_->transliterate(u);
    std::string latin;
    u.toUTF8String(latin);
    std::string out;
    for (std::size_t i = 0; i < latin.size(); ++i) {
      const char c = latin[i];
      if (c < 'a' || c > 'z') continue;
      if (i > 0 && std::string_view("aeiou").find(c) != std::string_view::npos)
        continue;                                     // vowels, not the first
      if (!out.empty() && out.back() == c) continue;  // doubled letters
      out += c;
    }
    return out;
  }

 private:
  std::unique_ptr<icu::Transliterator> t_;
};

// Every assignment of A's tokens to distinct tokens of B (or none), the
// same pair threshold, normalisation and crossing penalty as the engine.
double reference_alignment(const ParsedName& a, const ParsedName& b) {
  const int na = static_cast<int>(a.tokens.size()), nb = static_cast<int>(b.tokens.size());
  if (na == 0 || nb == 0) return 0.0;
  std::vector<std::vector<double>> sim(static_cast<std::size_t>(na),
                                       std::vector<double>(static_cast<std::size_t>(nb)));
  for (int i = 0; i < na; ++i) {
    for (int j = 0; j < nb; ++j) {
      sim[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = sawt::names::token_similarity(
          a.tokens[static_cast<std::size_t>(i)], b.tokens[static_cast<std::size_t>(j)]);
    }
  }
  double best_total = -1;
  std::vector<std::pair<int, int>> best_pairs, pairs;
  std::vector<bool> used(static_cast<std::size_t>(nb), false);
  const auto search = [&](auto&& self, int i, double total) -> void {
    if (i == na) {
      if (total > best_total) {
        best_total = total;
        best_pairs = pairs;
      }
      return;
    }
    self(self, i + 1, total);
    for (int j = 0; j < nb; ++j) {
      const double s = sim[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
      if (used[static_cast<std::size_t>(j)] || s < 0.75) continue;
      used[static_cast<std::size_t>(j)] = true;
      pairs.emplace_back(i, j);
      self(self, i + 1, total + s);
      pairs.pop_back();
      used[static_cast<std::size_t>(j)] = false;
    }
  };
  search(search, 0, 0.0);
  const auto inversions = [&](int shift) {
    int count = 0;
    for (std::size_t x = 0; x < best_pairs.size(); ++x) {
      for (std::size_t y = x + 1; y < best_pairs.size(); ++y) {
        const int jx = (best_pairs[x].second + shift + nb) % nb,
                  jy = (best_pairs[y].second + shift + nb) % nb;
        if ((best_pairs[x].first < best_pairs[y].first) != (jx < jy)) ++count;
      }
    }
    return count;
  };
  const int inv = std::min({inversions(0), inversions(1), inversions(-1)});
  const double score =
      best_total / (std::min(na, nb) + 0.25 * std::abs(na - nb)) * (1.0 - 0.08 * std::min(inv, 3));
  return std::clamp(score, 0.0, 1.0);
}

// ---------------------------------------------------------------- benchmarks

template <typename F>
void pairs_benchmark(benchmark::State& state, std::size_t n, F&& one) {
  for (auto _ : state) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += one(i);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  state.counters["agree"] = 1;  // references overwrite it with their agreement
}

void agreement(benchmark::State& state, std::size_t n, const auto& same) {
  std::size_t agree = 0;
  for (std::size_t i = 0; i < n; ++i) agree += same(i) ? 1 : 0;
  state.counters["agree"] = static_cast<double>(agree) / static_cast<double>(n);
}

void JaroWinkler_sawt(benchmark::State& state) {
  const auto& p = inputs().word_pairs;
  pairs_benchmark(state, p.size(),
                  [&](std::size_t i) { return sawt::names::jaro_winkler(p[i].first, p[i].second); });
}
void JaroWinkler_reference(benchmark::State& state) {
  const auto& p = inputs().word_pairs;
  pairs_benchmark(state, p.size(),
                  [&](std::size_t i) { return reference_jaro_winkler(p[i].first, p[i].second); });
  agreement(state, p.size(), [&](std::size_t i) {
    return std::abs(reference_jaro_winkler(p[i].first, p[i].second) -
                    sawt::names::jaro_winkler(p[i].first, p[i].second)) < 1e-9;
  });
}
void Osa_sawt(benchmark::State& state) {
  const auto& p = inputs().word_pairs;
  pairs_benchmark(state, p.size(),
                  [&](std::size_t i) { return sawt::names::osa_distance(p[i].first, p[i].second); });
}
void Osa_reference(benchmark::State& state) {
  const auto& p = inputs().word_pairs;
  pairs_benchmark(state, p.size(), [&](std::size_t i) { return reference_osa(p[i].first, p[i].second); });
  agreement(state, p.size(), [&](std::size_t i) {
    return reference_osa(p[i].first, p[i].second) == sawt::names::osa_distance(p[i].first, p[i].second);
  });
}
void Skeleton_sawt(benchmark::State& state) {
  const auto& w = inputs().words;
  pairs_benchmark(state, w.size(), [&](std::size_t i) {
    return sawt::names::skeleton(w[i], sawt::names::KeyLevel::kFine).size();
  });
}
void Skeleton_reference(benchmark::State& state) {
  const auto& w = inputs().words;
  const ReferenceSkeleton reference;
  pairs_benchmark(state, w.size(), [&](std::size_t i) { return reference(w[i]).size(); });
  agreement(state, w.size(), [&](std::size_t i) {
    return reference(w[i]) == sawt::names::skeleton(w[i], sawt::names::KeyLevel::kFine);
  });
}
void TokenAlignment_sawt(benchmark::State& state) {
  const auto& p = inputs().name_pairs;
  pairs_benchmark(state, p.size(),
                  [&](std::size_t i) { return sawt::names::name_similarity(p[i].first, p[i].second); });
}
void TokenAlignment_reference(benchmark::State& state) {
  const auto& p = inputs().name_pairs;
  pairs_benchmark(state, p.size(),
                  [&](std::size_t i) { return reference_alignment(p[i].first, p[i].second); });
  agreement(state, p.size(), [&](std::size_t i) {
    return std::abs(reference_alignment(p[i].first, p[i].second) -
                    sawt::names::name_similarity(p[i].first, p[i].second)) < 1e-9;
  });
}

BENCHMARK(JaroWinkler_sawt);
BENCHMARK(JaroWinkler_reference);
BENCHMARK(Osa_sawt);
BENCHMARK(Osa_reference);
BENCHMARK(Skeleton_sawt);
BENCHMARK(Skeleton_reference);
BENCHMARK(TokenAlignment_sawt);
BENCHMARK(TokenAlignment_reference);

}  // namespace

BENCHMARK_MAIN();
