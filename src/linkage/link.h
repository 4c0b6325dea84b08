// Record linkage: many sources' lists of detainees made into one record per
// person. The public entry point of src/linkage/; the CLI (`sawt link`,
// `sawt link-eval`) and the store call link() and read the result.
//
// The pipeline (each step in its own header):
//   features.h  precompute every record's values once (interned, parsed)
//   blocking.h  candidate pairs from several key passes
//   compare.h   a comparison vector (agreement level per field) per pair
//   estimate.h  Fellegi–Sunter m, u and lambda by EM without labels
//   compare.h   match weight per pair (with term-frequency adjustment) and
//               hard rules that veto pairs (siblings, different ids)
//   cluster.h   pairs above match_threshold merged greedily, strongest
//               first, only into clusters that stay consistent; then a
//               record left alone is set against the whole cluster of a
//               review-level partner (the cluster's records carry fields
//               the partner lacks) and joins it when that reaches the match
//               weight and the cluster's records all allow it; last, a
//               record still alone whose candidates all lie in one cluster
//               (no other record comes close) joins it on less evidence
// Pairs between review_threshold and match_threshold, and match pairs the
// clustering refused, are returned for review; every returned pair carries an
// explanation (which fields agreed or disagreed, with their weights in bits).
//
// Fields compared: the interchange columns the records use (first, father,
// grandfather, family and mother names; birth date and place; gender; id
// number; facility; arrest date — nationality is not compared: it is often
// missing and written in both scripts) and every extra column present in at
// least two records, unless named in ignore_columns; at most kMaxFields in
// all. Records with only a full name are compared through the name engine's
// guess of its parts.
//
// Determinism: the result depends only on the records, sources and options,
// not on the number of threads.
//
// Thread-safety: link() may run concurrently with other calls; it uses up to
// Options::threads threads of its own. The progress callback is called from
// the calling thread only.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "linkage/blocking.h"
#include "linkage/estimate.h"
#include "linkage/model.h"
#include "util/error.h"

namespace sawt::linkage {

struct Options {
  double match_threshold = 0.95;            // pairs at or above are links (if the clustering agrees)
  double review_threshold = 0.50;           // pairs at or above (and below match) go to review
  std::vector<std::string> ignore_columns;  // fields not to compare, by column name (e.g. "soc_sec_id")
  int threads = 2;
  // Called at the start of each stage ("features", "blocking", "comparing",
  // "estimating", "scoring", "clustering", "explaining") and when it ends
  // (fraction 1.0). Optional.
  std::function<void(std::string_view stage, double fraction)> progress;

  // Cross-source rules (need the per-record source names).
  bool cross_source_only = false;      // never compare two records of one source
  bool one_record_per_source = false;  // a cluster holds at most one record of each source

  // The model: start from this one (e.g. a refined model kept in the store)
  // instead of the defaults; its fields are the fields compared. With
  // estimate = false it is used as it is. Estimation needs data: with fewer
  // than 200 records or 100 candidate pairs the starting model is used as it
  // is (the defaults describe a population of a few thousand people).
  std::optional<ModelParams> model;
  bool estimate = true;
  EmOptions em;
  std::size_t random_pairs = 100000;  // for the starting u (0: keep the defaults)

  std::size_t max_block = 16;
  std::size_t window = 3;
  double conflict_weight = -12.0;
  double date_error_weight = 18.0;  // see ClusterOptions
  // A record still alone whose unvetoed pairs at or above competitor_weight
  // bits all lead to one cluster (or into other clusters only
  // competitor_gap bits or more under its best; clusters whose members rule
  // the record out do not count) joins it at sole_candidate_weight bits of
  // evidence against the whole cluster, rather than the match weight.
  // On the synthetic 100k sets (seed 1 / 2), 1.5 bits with a 5-bit gap gave
  // F1 0.9620 / 0.9643 (precision 0.991); -1 bit with a 2-bit gap gives
  // 0.9682 / 0.9703 (precision 0.986), siblings kept apart unchanged
  // (0.9986 / 0.9984), FEBRL unchanged. Lower weights add more false links
  // than true ones (-2: 0.9683 at precision 0.983; -3: 0.9677).
  double competitor_weight = -4.0;
  double competitor_gap = 2.0;
  double sole_candidate_weight = -1.0;
  std::size_t max_cluster_size = 100;
  bool explain = true;  // fill explanations (the file mode may not need them)
};

struct FieldEvidence {
  std::uint8_t field = 0;  // index into LinkResult::model.fields
  Level level = Level::kMissing;
  float weight = 0;  // bits, after the term-frequency adjustment; 0 when missing
};

struct PairResult {
  std::size_t a = 0;  // record indices, a < b
  std::size_t b = 0;
  double probability = 0;
  double weight = 0;  // match weight in bits (prior included)
  // "agree: family_name exact +6.1, first_name close +2.3 | disagree:
  // birth_date different -5.0 | missing: mother_name; prior -4.2"
  std::string explanation;
  std::vector<FieldEvidence> fields;  // one per model field, in model order
  std::string note;  // review pairs the clustering refused: why (e.g. "record 17: different gender")
};

struct StageTiming {
  std::string stage;       // "features", "blocking", ... (see Options::progress)
  double seconds = 0;      // wall-clock time
  double cpu_seconds = 0;  // CPU time of the whole process during the stage (all threads)
};

struct LinkStats {
  std::size_t records = 0;
  std::size_t candidate_pairs = 0;
  std::size_t distinct_patterns = 0;
  std::size_t vetoed = 0;   // pairs at or above review_threshold vetoed by the hard rules
  std::size_t refused = 0;  // match pairs the clustering refused
  std::size_t clusters = 0;
  std::vector<PassStats> passes;
  std::vector<StageTiming> timings;  // one per stage, in order
  double seconds_total = 0;
};

struct LinkResult {
  std::vector<int> cluster_of;      // per input record: 0-based person (cluster) id
  std::vector<PairResult> matches;  // the links that formed the clusters, by decreasing weight
  std::vector<PairResult> review;   // for a person to decide, by decreasing weight
  ModelParams model;                // as estimated (or as given)
  LinkStats stats;
};

// Links RECORDS. SOURCES is empty or names each record's source (needed for
// the cross-source rules). Fails with kUsage on inconsistent options
// (thresholds outside (0, 1) or review above match, sources of the wrong
// length, cross-source rules without sources) and kBadInput on an invalid
// model. No records is not an error: the result is empty.
[[nodiscard]] Result<LinkResult> link(const std::vector<SourceRecord>& records, const Options& options,
                                      const std::vector<std::string>& sources = {});

// The fields link() would compare for RECORDS under OPTIONS (ignoring
// Options::model).
[[nodiscard]] std::vector<std::string> choose_fields(const std::vector<SourceRecord>& records,
                                                     const Options& options);

// One pair judged alone: comparison, hard rules and weights under MODEL
// (without term-frequency adjustment: two records are no background). For
// `sawt name compare`-style tools and the golden table. `vetoed` is set when
// the hard rules keep the pair apart, `veto_reason` says why.
struct PairVerdict {
  PairResult pair;
  bool vetoed = false;
  std::string veto_reason;
  // Not vetoed and probability >= THRESHOLD.
  [[nodiscard]] bool same_person(double threshold) const { return !vetoed && pair.probability >= threshold; }
};
[[nodiscard]] PairVerdict compare_records(const SourceRecord& a, const SourceRecord& b,
                                          const ModelParams& model);

// CSV of the clusters: record_id, source, line, cluster (1-based), cluster_size,
// one row per record in input order. SOURCES as for link().
[[nodiscard]] std::string clusters_csv(const std::vector<SourceRecord>& records,
                                       const std::vector<std::string>& sources, const LinkResult& result);

// CSV of pairs: record_id_a, source_a, record_id_b, source_b, probability,
// weight, explanation, note.
[[nodiscard]] std::string pairs_csv(const std::vector<SourceRecord>& records,
                                    const std::vector<std::string>& sources,
                                    const std::vector<PairResult>& pairs);

}  // namespace sawt::linkage
