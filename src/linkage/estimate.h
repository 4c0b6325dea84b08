// Estimating the Fellegi–Sunter parameters (model.h) without labels, and
// refining them with reviewers' decisions.
//
// Unsupervised, in three steps (as Splink does it, with one difference noted):
//  1. u from random pairs of records: a random pair is almost surely a
//     non-match, so the share of random pairs reaching each level is u, the
//     chance agreement among all pairs (estimate_u_from_random_pairs).
//  2. m by expectation–maximisation over the comparison vectors of the
//     candidate pairs (Winkler 1988). Pairs are grouped by vector first, so an
//     iteration costs the number of distinct vectors (thousands), not of
//     pairs (millions). Each iteration computes every vector's match
//     probability under the current m, u and lambda (E) and re-estimates them
//     from the expected counts (M). Inside EM, u and lambda describe the
//     candidate pairs — non-matches that blocking let through agree on names
//     far more often than random pairs — so they are estimated there too
//     (Splink keeps u fixed instead and leaves out the blocked fields; with
//     several blocking passes at once that is not possible). The estimate is
//     maximum a posteriori: the starting parameters act as a Dirichlet prior
//     worth `prior_strength` pairs per field, so a small data set keeps
//     sensible defaults and a level no pair reached keeps its prior share
//     instead of falling to zero. Starting u from random pairs fixes which
//     class is "match" from the first iteration.
//  3. The scoring model (population_model): m from step 2, u from step 1,
//     and lambda rescaled from "share of candidate pairs" to "share of all
//     pairs": the expected number of matches over the number of pairs.
// Missing fields carry no information and are left out of every step.
// Term-frequency adjustments are not part of estimation (as in Splink): the
// model learns level weights, the Scorer adjusts them per value.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/model.h"
#include "linkage/compare.h"
#include "linkage/features.h"
#include "linkage/model.h"
#include "util/error.h"

namespace sawt::linkage {

struct PatternCount {
  Pattern pattern = 0;
  double count = 0;
};

struct EmOptions {
  int max_iterations = 100;
  double tolerance = 1e-5;       // stop when no m, u or lambda moves more than this
  double prior_strength = 20.0;  // pseudo-pairs per field pulling towards the starting m and u
  bool fix_u = false;            // keep u as started (Splink's default); else estimate it too
  double min_m = 0.01;           // floor of every m: no level is impossible for a true match
  // Ceiling of m's "different" share for the person's names, birth date and
  // id number. Among a million records the candidate pairs hold far more
  // namesakes than matches, and EM left alone takes "agrees on the names"
  // for the match class (m of different birth dates 0.65, lambda 9 times the
  // truth: precision 0.94 on the 1M synthetic set). A true match disagrees
  // outright on these fields rarely (0.01–0.05 at 100k, where the cap does
  // not bind).
  double max_m_different = 0.1;
};

// Makes F's level weights fall with the strength of agreement: exact >= close
// >= partial >= different, as log2(m / u) (levels the kind does not use are
// skipped). A closer agreement can never be weaker evidence of a match, yet
// EM can end there: among a million records' candidate pairs it once took
// "every name close" (a transliteration, namesakes included) for the match
// class, with m of exact names 0.01 — exact agreement counted for nothing and
// F1 fell from 0.92 to 0.86. Where the order breaks, the neighbours share
// one ratio, their pooled m over their pooled u (pool adjacent violators,
// weighted by u), so m keeps its sum. Applied after every EM step and to the
// scoring model.
void make_monotone(FieldParams& f);

// Counts of each distinct comparison vector in PATTERNS.
[[nodiscard]] std::vector<PatternCount> count_patterns(const std::vector<Pattern>& patterns);

// EM from START (its fields must be those of the vectors). Fills
// em_iterations and converged; the result satisfies ModelParams::validate().
[[nodiscard]] ModelParams estimate(const std::vector<PatternCount>& patterns, const ModelParams& start,
                                   const EmOptions& options = {});

// The scoring model of step 3: m of ESTIMATED, u of POPULATION, lambda =
// estimated.lambda × candidate_pairs / all_pairs (clamped to [1e-12, 0.5]).
[[nodiscard]] ModelParams population_model(const ModelParams& estimated, const ModelParams& population,
                                           double candidate_pairs, double all_pairs);

// Sets the u of every field of MODEL from SAMPLES random pairs of records
// (deterministic for a seed), with the model's u as a prior worth 10 pairs.
// Pairs from one source are skipped when CROSS_SOURCE_ONLY. No-op for fewer
// than two records.
void estimate_u_from_random_pairs(ModelParams& model, const Comparator& comparator, std::size_t samples,
                                  std::uint64_t seed, bool cross_source_only = false);

// A reviewer's decision on a pair of records (indices into the records).
struct LabelledPair {
  std::size_t a = 0;
  std::size_t b = 0;
  bool match = false;
};

// Updates m from the labelled matches and u from the labelled non-matches:
// each level's share among the labelled pairs that have the field, blended
// with the current value as a prior worth PRIOR_STRENGTH pairs; lambda is
// left alone (labels are not a random sample of pairs). Fails (kBadInput) on
// an index out of range or a pair of a record with itself.
[[nodiscard]] Result<ModelParams> refine(const ModelParams& model, const std::vector<SourceRecord>& records,
                                         const std::vector<LabelledPair>& labelled,
                                         double prior_strength = 50.0);

}  // namespace sawt::linkage
