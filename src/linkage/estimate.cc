#include "linkage/estimate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <unordered_map>

namespace sawt::linkage {

namespace {

constexpr double kFloor = 1e-9;

// Normalises P over the levels the kind uses, with a floor so that no level
// has probability 0 (its weight would be infinite).
void normalise(FieldParams& f, std::array<double, kLevels>& p) {
  double sum = 0;
  for (int l = 1; l < kLevels; ++l) {
    const auto i = static_cast<std::size_t>(l);
    if (!kind_uses(f.kind, static_cast<Level>(l))) {
      p[i] = 0;
      continue;
    }
    p[i] = std::max(p[i], kFloor);
    sum += p[i];
  }
  for (int l = 1; l < kLevels; ++l) p[static_cast<std::size_t>(l)] /= sum;
  p[0] = 0;
}

// Caps m's share of "different" at CAP, the other levels scaled up to fill.
void cap_different(std::array<double, kLevels>& m, double cap) {
  const auto d = static_cast<std::size_t>(Level::kDifferent);
  if (m[d] <= cap) return;
  const double rest = 1.0 - m[d];
  for (int l = 1; l < kLevels; ++l) {
    const auto i = static_cast<std::size_t>(l);
    if (i != d && rest > 0) m[i] *= (1.0 - cap) / rest;
  }
  m[d] = cap;
}

}  // namespace

void make_monotone(FieldParams& f) {
  // Pool adjacent violators on the ratio m/u, levels ordered from the
  // strongest agreement to none, each weighted by its u: a violating pair of
  // neighbours gets one shared ratio (the pooled m over the pooled u), which
  // keeps m's sum; repeat until the ratios fall.
  constexpr std::array<Level, 4> kOrder = {Level::kExact, Level::kClose, Level::kPartial, Level::kDifferent};
  struct Block {
    double m = 0, u = 0;
    std::size_t first = 0, last = 0;  // indices into `levels`
  };
  std::array<std::size_t, 4> levels{};
  std::size_t n = 0;
  for (Level l : kOrder) {
    const auto i = static_cast<std::size_t>(l);
    if (kind_uses(f.kind, l) && f.u[i] > 0) levels[n++] = i;
  }
  std::vector<Block> blocks;
  for (std::size_t k = 0; k < n; ++k) {
    blocks.push_back({f.m[levels[k]], f.u[levels[k]], k, k});
    while (blocks.size() >= 2) {
      Block& prev = blocks[blocks.size() - 2];
      const Block& last = blocks.back();
      if (prev.m / prev.u >= last.m / last.u) break;
      prev.m += last.m;
      prev.u += last.u;
      prev.last = last.last;
      blocks.pop_back();
    }
  }
  for (const Block& b : blocks) {
    if (b.first == b.last) continue;
    for (std::size_t k = b.first; k <= b.last; ++k) f.m[levels[k]] = b.m / b.u * f.u[levels[k]];
  }
}

std::vector<PatternCount> count_patterns(const std::vector<Pattern>& patterns) {
  std::unordered_map<Pattern, double> counts;
  for (Pattern p : patterns) counts[p & kLevelBits] += 1.0;
  std::vector<PatternCount> out;
  out.reserve(counts.size());
  for (const auto& [p, c] : counts) out.push_back({p, c});
  std::sort(out.begin(), out.end(),
            [](const PatternCount& x, const PatternCount& y) { return x.pattern < y.pattern; });
  return out;
}

ModelParams estimate(const std::vector<PatternCount>& patterns, const ModelParams& start,
                     const EmOptions& options) {
  ModelParams model = start;
  for (FieldParams& f : model.fields) {
    normalise(f, f.m);
    normalise(f, f.u);
  }
  model.lambda = std::clamp(model.lambda, 1e-6, 0.999);
  model.em_iterations = 0;
  model.converged = false;
  if (patterns.empty()) return model;
  const std::size_t nf = model.fields.size();
  // The fields a true match rarely disagrees on outright (a slip makes a name
  // or a date close or partial, not different): the person's names, birth
  // date and id number.
  std::vector<std::uint8_t> identity(nf, 0);
  for (std::size_t f = 0; f < nf; ++f) {
    switch (known_field(model.fields[f].name)) {
      case KnownField::kFirstName:
      case KnownField::kFatherName:
      case KnownField::kGrandfatherName:
      case KnownField::kFamilyName:
      case KnownField::kMotherName:
      case KnownField::kBirthDate:
      case KnownField::kIdNumber:
        identity[f] = 1;
        break;
      default:
        break;
    }
  }
  std::vector<std::array<double, kLevels>> log_m(nf), log_u(nf);
  std::vector<std::array<double, kLevels>> mc(nf), uc(nf);
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    for (std::size_t f = 0; f < nf; ++f) {
      for (int l = 0; l < kLevels; ++l) {
        const auto i = static_cast<std::size_t>(l);
        log_m[f][i] = model.fields[f].m[i] > 0 ? std::log(model.fields[f].m[i]) : 0.0;
        log_u[f][i] = model.fields[f].u[i] > 0 ? std::log(model.fields[f].u[i]) : 0.0;
      }
      mc[f].fill(0.0);
      uc[f].fill(0.0);
    }
    const double log_prior = std::log(model.lambda / (1.0 - model.lambda));
    double matches = 0, total = 0;
    for (const PatternCount& pc : patterns) {
      double lm = 0, lu = 0;
      for (std::size_t f = 0; f < nf; ++f) {
        const auto l = static_cast<std::size_t>(level_at(pc.pattern, f));
        if (l == 0) continue;
        lm += log_m[f][l];
        lu += log_u[f][l];
      }
      const double p = 1.0 / (1.0 + std::exp(-(log_prior + lm - lu)));
      const double wm = pc.count * p, wu = pc.count * (1.0 - p);
      matches += wm;
      total += pc.count;
      for (std::size_t f = 0; f < nf; ++f) {
        const auto l = static_cast<std::size_t>(level_at(pc.pattern, f));
        if (l == 0) continue;
        mc[f][l] += wm;
        uc[f][l] += wu;
      }
    }
    double change = 0;
    const double lambda = std::clamp(matches / total, 1e-6, 0.999);
    change = std::max(change, std::abs(lambda - model.lambda));
    model.lambda = lambda;
    for (std::size_t f = 0; f < nf; ++f) {
      FieldParams& field = model.fields[f];
      const FieldParams& prior = start.fields[f];
      const auto update = [&](std::array<double, kLevels>& p, const std::array<double, kLevels>& counts,
                              const std::array<double, kLevels>& prior_p, double floor, double cap) {
        double n = 0;
        for (int l = 1; l < kLevels; ++l) n += counts[static_cast<std::size_t>(l)];
        std::array<double, kLevels> next{};
        double prior_sum = 0;
        for (int l = 1; l < kLevels; ++l) {
          if (kind_uses(field.kind, static_cast<Level>(l)))
            prior_sum += std::max(prior_p[static_cast<std::size_t>(l)], kFloor);
        }
        for (int l = 1; l < kLevels; ++l) {
          const auto i = static_cast<std::size_t>(l);
          if (!kind_uses(field.kind, static_cast<Level>(l))) continue;
          const double prior_share = std::max(prior_p[i], kFloor) / prior_sum;
          next[i] = std::max(
              floor, (counts[i] + options.prior_strength * prior_share) / (n + options.prior_strength));
        }
        normalise(field, next);
        cap_different(next, cap);
        p = next;
      };
      const std::array<double, kLevels> before_m = field.m, before_u = field.u;
      // Lists carry errors: a true match disagrees on any field now and
      // then, and EM left alone drives those levels towards zero (pairs that
      // disagree are classed as non-matches, which lowers m, which ...).
      update(field.m, mc[f], prior.m, options.min_m, identity[f] ? options.max_m_different : 1.0);
      if (!options.fix_u) update(field.u, uc[f], prior.u, 0.0, 1.0);
      make_monotone(field);
      // Measured after the constraint, or a binding one would never settle.
      for (std::size_t i = 1; i < static_cast<std::size_t>(kLevels); ++i) {
        change = std::max({change, std::abs(field.m[i] - before_m[i]), std::abs(field.u[i] - before_u[i])});
      }
    }
    model.em_iterations = iteration;
    if (change < options.tolerance) {
      model.converged = true;
      break;
    }
  }
  return model;
}

ModelParams population_model(const ModelParams& estimated, const ModelParams& population,
                             double candidate_pairs, double all_pairs) {
  ModelParams out = estimated;
  for (std::size_t f = 0; f < out.fields.size() && f < population.fields.size(); ++f) {
    out.fields[f].u = population.fields[f].u;
    make_monotone(out.fields[f]);
  }
  const double lambda = all_pairs > 0 ? estimated.lambda * candidate_pairs / all_pairs : estimated.lambda;
  out.lambda = std::clamp(lambda, 1e-12, 0.5);
  return out;
}

void estimate_u_from_random_pairs(ModelParams& model, const Comparator& comparator, std::size_t samples,
                                  std::uint64_t seed, bool cross_source_only) {
  const Features& features = comparator.features();
  const std::size_t n = features.size();
  if (n < 2 || samples == 0) return;
  std::mt19937_64 rng(seed);
  NameCache cache;
  const std::size_t nf = model.fields.size();
  std::vector<std::array<double, kLevels>> counts(nf);
  for (auto& c : counts) c.fill(0.0);
  std::size_t taken = 0;
  for (std::size_t attempt = 0; attempt < samples * 4 && taken < samples; ++attempt) {
    const auto a = static_cast<std::uint32_t>(rng() % n);
    const auto b = static_cast<std::uint32_t>(rng() % n);
    if (a == b) continue;
    if (cross_source_only && features.source(a) != 0 && features.source(a) == features.source(b)) continue;
    ++taken;
    const Pattern p = comparator.compare(a, b, cache);
    for (std::size_t f = 0; f < nf; ++f) {
      const auto l = static_cast<std::size_t>(level_at(p, f));
      if (l != 0) counts[f][l] += 1.0;
    }
  }
  constexpr double kPriorPairs = 10.0;
  for (std::size_t f = 0; f < nf; ++f) {
    FieldParams& field = model.fields[f];
    double total = 0;
    for (int l = 1; l < kLevels; ++l) total += counts[f][static_cast<std::size_t>(l)];
    std::array<double, kLevels> next{};
    for (int l = 1; l < kLevels; ++l) {
      const auto i = static_cast<std::size_t>(l);
      next[i] = (counts[f][i] + kPriorPairs * field.u[i]) / (total + kPriorPairs);
    }
    normalise(field, next);
    field.u = next;
  }
}

Result<ModelParams> refine(const ModelParams& model, const std::vector<SourceRecord>& records,
                           const std::vector<LabelledPair>& labelled, double prior_strength) {
  SAWT_CHECK(model.validate());
  // Only the records the labels mention are needed.
  std::map<std::size_t, std::uint32_t> local;
  for (std::size_t k = 0; k < labelled.size(); ++k) {
    const LabelledPair& lp = labelled[k];
    if (lp.a >= records.size() || lp.b >= records.size()) {
      return fail(ErrorKind::kBadInput,
                  fmt::format("labelled pair {} names a record that does not exist", k + 1), "labelled pairs",
                  fmt::format("indices must be below {}", records.size()));
    }
    if (lp.a == lp.b) {
      return fail(ErrorKind::kBadInput, fmt::format("labelled pair {} pairs a record with itself", k + 1),
                  "labelled pairs");
    }
    local.emplace(lp.a, 0);
    local.emplace(lp.b, 0);
  }
  std::vector<SourceRecord> subset;
  subset.reserve(local.size());
  for (auto& [index, id] : local) {
    id = static_cast<std::uint32_t>(subset.size());
    subset.push_back(records[index]);
  }
  std::vector<std::string> names;
  for (const FieldParams& f : model.fields) names.push_back(f.name);
  const Features features = Features::build(subset, {}, names, 1);
  const Comparator comparator(features);
  NameCache cache;
  const std::size_t nf = model.fields.size();
  std::vector<std::array<double, kLevels>> mc(nf), uc(nf);
  for (std::size_t f = 0; f < nf; ++f) {
    mc[f].fill(0.0);
    uc[f].fill(0.0);
  }
  for (const LabelledPair& lp : labelled) {
    const Pattern p = comparator.compare(local.at(lp.a), local.at(lp.b), cache);
    for (std::size_t f = 0; f < nf; ++f) {
      const auto l = static_cast<std::size_t>(level_at(p, f));
      if (l == 0) continue;
      (lp.match ? mc : uc)[f][l] += 1.0;
    }
  }
  ModelParams out = model;
  for (std::size_t f = 0; f < nf; ++f) {
    FieldParams& field = out.fields[f];
    const auto blend = [&](std::array<double, kLevels>& p, const std::array<double, kLevels>& counts) {
      double n = 0;
      for (int l = 1; l < kLevels; ++l) n += counts[static_cast<std::size_t>(l)];
      if (n == 0) return;
      std::array<double, kLevels> next{};
      for (int l = 1; l < kLevels; ++l) {
        const auto i = static_cast<std::size_t>(l);
        next[i] = (counts[i] + prior_strength * p[i]) / (n + prior_strength);
      }
      normalise(field, next);
      p = next;
    };
    blend(field.m, mc[f]);
    blend(field.u, uc[f]);
  }
  return out;
}

}  // namespace sawt::linkage
