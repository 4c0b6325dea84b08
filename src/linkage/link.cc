#include "linkage/link.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <ctime>
#include <initializer_list>
#include <map>
#include <set>
#include <unordered_map>

#include "io/csv.h"
#include "linkage/cluster.h"
#include "linkage/compare.h"
#include "linkage/features.h"
#include "linkage/parallel.h"

namespace sawt::linkage {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kMinRecordsToEstimate = 200;
constexpr std::size_t kMinPairsToEstimate = 100;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Times the stages of one run into LinkStats::timings and reports progress.
class Stages {
 public:
  Stages(LinkStats& stats, const Options& options) : stats_(stats), options_(options) {}
  void begin(std::string_view name) {
    if (options_.progress) options_.progress(name, 0.0);
    stats_.timings.push_back({std::string(name), 0, 0});
    wall_ = Clock::now();
    cpu_ = std::clock();
  }
  void end() {
    StageTiming& t = stats_.timings.back();
    t.seconds = seconds_since(wall_);
    t.cpu_seconds = static_cast<double>(std::clock() - cpu_) / CLOCKS_PER_SEC;
    if (options_.progress) options_.progress(t.stage, 1.0);
  }

 private:
  LinkStats& stats_;
  const Options& options_;
  Clock::time_point wall_;
  std::clock_t cpu_ = 0;
};

Status check_options(const std::vector<SourceRecord>& records, const Options& o,
                     const std::vector<std::string>& sources) {
  const auto usage = [](std::string msg, std::string where, std::string hint) {
    return fail(ErrorKind::kUsage, std::move(msg), std::move(where), std::move(hint));
  };
  if (!(o.match_threshold > 0 && o.match_threshold < 1)) {
    return usage(fmt::format("match threshold {} is not between 0 and 1", o.match_threshold),
                 "match_threshold", "use a probability such as 0.95");
  }
  if (!(o.review_threshold > 0 && o.review_threshold <= o.match_threshold)) {
    return usage(fmt::format("review threshold {} is not between 0 and the match threshold {}",
                             o.review_threshold, o.match_threshold),
                 "review_threshold", "use a probability below the match threshold, such as 0.5");
  }
  if (!sources.empty() && sources.size() != records.size()) {
    return usage(fmt::format("{} source names for {} records", sources.size(), records.size()), "sources",
                 "give one source name per record, or none");
  }
  if ((o.cross_source_only || o.one_record_per_source) && sources.empty()) {
    return usage("the cross-source rules need the source of every record", "sources",
                 "give the records' sources (the `source` column)");
  }
  if (o.max_block < 2 || o.window < 1 || o.max_cluster_size < 2) {
    return usage("max_block, window and max_cluster_size must be at least 2, 1 and 2", "options", "");
  }
  if (o.model) SAWT_CHECK(o.model->validate());
  return {};
}

std::string format_weight(double w) { return fmt::format("{:+.1f}", w); }

// The record's own id, else its position ("#12", 1-based).
std::string record_label(const std::vector<SourceRecord>& records, std::size_t i) {
  return records[i].record_id.empty() ? fmt::format("#{}", i + 1) : records[i].record_id;
}

// Pairs that could be compared: all of them, or those across sources.
double all_pairs(const Features& features, bool cross_source_only) {
  const auto n = static_cast<double>(features.size());
  if (!cross_source_only || !features.has_sources()) return n * (n - 1) / 2;
  std::unordered_map<std::uint32_t, double> per_source;
  double same = 0;
  for (std::size_t i = 0; i < features.size(); ++i) {
    if (features.source(i) != 0) per_source[features.source(i)] += 1;
  }
  for (const auto& [source, count] : per_source) same += count * (count - 1) / 2;
  return n * (n - 1) / 2 - same;
}

}  // namespace

std::vector<std::string> choose_fields(const std::vector<SourceRecord>& records, const Options& options) {
  const std::set<std::string, std::less<>> ignored(options.ignore_columns.begin(),
                                                   options.ignore_columns.end());
  std::array<std::size_t, kKnownFields> present{};
  std::map<std::string, std::size_t> extra_present;
  std::vector<std::string> extra_order;
  for (const SourceRecord& r : records) {
    const bool guessed = r.name.first.empty() && r.name.father.empty() && r.name.grandfather.empty() &&
                         r.name.family.empty() && !r.name.full.empty();
    const auto count = [&](KnownField f, bool has) {
      if (has) ++present[static_cast<std::size_t>(f)];
    };
    count(KnownField::kFirstName, guessed || !r.name.first.empty());
    count(KnownField::kFatherName, guessed || !r.name.father.empty());
    count(KnownField::kGrandfatherName, guessed || !r.name.grandfather.empty());
    count(KnownField::kFamilyName, guessed || !r.name.family.empty());
    count(KnownField::kMotherName, !r.name.mother.empty());
    count(KnownField::kBirthDate, !r.birth_date.empty());
    count(KnownField::kBirthPlace, !r.birth_place.empty());
    count(KnownField::kGender, !r.gender.empty());
    count(KnownField::kIdNumber, !r.id_number.empty());
    count(KnownField::kFacility, !r.facility.empty());
    count(KnownField::kArrestDate, !r.arrest_date.empty());
    for (const auto& [column, value] : r.extra) {
      if (value.empty()) continue;
      auto [it, inserted] = extra_present.try_emplace(column, 0);
      if (inserted) extra_order.push_back(column);
      ++it->second;
    }
  }
  std::vector<std::string> fields;
  for (int k = 0; k < kKnownFields; ++k) {
    const auto f = static_cast<KnownField>(k);
    if (f == KnownField::kNationality) continue;
    const std::string name(known_field_name(f));
    if (present[static_cast<std::size_t>(k)] >= 2 && !ignored.contains(name)) fields.push_back(name);
  }
  std::sort(extra_order.begin(), extra_order.end());
  for (const std::string& column : extra_order) {
    if (fields.size() >= kMaxFields) break;
    if (extra_present[column] >= 2 && !ignored.contains(column) &&
        known_field(column) == KnownField::kExtra) {
      fields.push_back(column);
    }
  }
  return fields;
}

namespace {

PairResult make_pair_result(const ModelParams& model, const Scorer& scorer, std::uint32_t a, std::uint32_t b,
                            Pattern pattern, double weight, bool explain) {
  PairResult r;
  r.a = std::min(a, b);
  r.b = std::max(a, b);
  r.weight = weight;
  r.probability = Scorer::probability(weight);
  if (!explain) return r;
  r.fields.reserve(model.fields.size());
  for (std::size_t f = 0; f < model.fields.size(); ++f) {
    const Level l = level_at(pattern, f);
    const double w = l == Level::kMissing ? 0.0 : scorer.field_weight(f, l, a, b, alignment_of(pattern));
    r.fields.push_back({static_cast<std::uint8_t>(f), l, static_cast<float>(w)});
  }
  std::vector<const FieldEvidence*> agree, disagree, missing;
  for (const FieldEvidence& e : r.fields) {
    if (e.level == Level::kMissing) {
      missing.push_back(&e);
    } else if (e.weight >= 0) {
      agree.push_back(&e);
    } else {
      disagree.push_back(&e);
    }
  }
  const auto by_strength = [](const FieldEvidence* x, const FieldEvidence* y) {
    return std::abs(x->weight) > std::abs(y->weight);
  };
  std::sort(agree.begin(), agree.end(), by_strength);
  std::sort(disagree.begin(), disagree.end(), by_strength);
  const auto list = [&](const std::vector<const FieldEvidence*>& items, bool with_level) {
    std::string s;
    for (const FieldEvidence* e : items) {
      if (!s.empty()) s += ", ";
      s += model.fields[e->field].name;
      if (with_level) s += fmt::format(" {} {}", level_name(e->level), format_weight(e->weight));
    }
    return s;
  };
  std::string text;
  if (!agree.empty()) text += "agree: " + list(agree, true);
  if (!disagree.empty())
    text += (text.empty() ? "" : " | ") + std::string("disagree: ") + list(disagree, true);
  if (!missing.empty()) text += (text.empty() ? "" : " | ") + std::string("missing: ") + list(missing, false);
  text += fmt::format("; prior {}", format_weight(model.prior_weight()));
  r.explanation = std::move(text);
  return r;
}

}  // namespace

Result<LinkResult> link(const std::vector<SourceRecord>& records, const Options& options,
                        const std::vector<std::string>& sources) {
  SAWT_CHECK(check_options(records, options, sources));
  const auto started = Clock::now();
  const int threads = std::max(1, options.threads);
  LinkResult result;
  LinkStats& stats = result.stats;
  Stages stages(stats, options);
  WorkerPool pool(threads);
  stats.records = records.size();
  if (records.size() > (std::size_t{1} << 26)) {
    return fail(ErrorKind::kBadInput, "too many records for one linkage run (at most 67 million)", "records",
                "split the input");
  }

  if (records.empty()) {
    result.model = options.model ? *options.model : default_model({});
    return result;
  }

  // 1. Features.
  stages.begin("features");
  ModelParams model;
  if (options.model) {
    model = *options.model;
  } else {
    model = default_model(choose_fields(records, options));
  }
  if (model.fields.empty()) {
    return fail(ErrorKind::kBadInput, "the records have no field to compare", "records",
                "give at least names, in full_name or in the name part columns");
  }
  std::vector<std::string> field_names;
  for (const FieldParams& f : model.fields) field_names.push_back(f.name);
  const Features features = Features::build(records, sources, field_names, pool);
  const Comparator comparator(features);
  stages.end();

  // 2. Blocking.
  stages.begin("blocking");
  BlockingOptions blocking;
  blocking.max_block = options.max_block;
  blocking.window = options.window;
  blocking.cross_source_only = options.cross_source_only;
  blocking.threads = threads;
  Candidates candidates = candidate_pairs(features, blocking, pool);
  stats.candidate_pairs = candidates.pairs.size();
  stats.passes = std::move(candidates.passes);
  stages.end();

  // 3. Comparison vectors.
  stages.begin("comparing");
  const std::vector<std::uint64_t>& pairs = candidates.pairs;
  std::vector<Pattern> patterns(pairs.size());
  {
    std::atomic<std::size_t> next{0};
    constexpr std::size_t kChunk = 8192;
    pool.run([&](int) {
      NameCache cache;
      while (true) {
        const std::size_t begin = next.fetch_add(kChunk);
        if (begin >= pairs.size()) return;
        const std::size_t end = std::min(pairs.size(), begin + kChunk);
        for (std::size_t i = begin; i < end; ++i) {
          patterns[i] = comparator.compare(pair_first(pairs[i]), pair_second(pairs[i]), cache);
        }
      }
    });
  }
  stages.end();

  // 4. Estimation.
  stages.begin("estimating");
  // EM needs data: on a handful of records the defaults are a better model
  // than anything estimated from them.
  const bool enough = records.size() >= kMinRecordsToEstimate && pairs.size() >= kMinPairsToEstimate;
  if (options.estimate && enough) {
    ModelParams population = model;
    if (!options.model && options.random_pairs > 0) {
      estimate_u_from_random_pairs(population, comparator, options.random_pairs, 0x5A37,
                                   options.cross_source_only);
    }
    const std::vector<PatternCount> counts = count_patterns(patterns);
    stats.distinct_patterns = counts.size();
    const ModelParams on_candidates = estimate(counts, population, options.em);
    model = population_model(on_candidates, population, static_cast<double>(pairs.size()),
                             all_pairs(features, options.cross_source_only));
  }
  stages.end();

  // 5. Scores; keep what is at least worth a review.
  stages.begin("scoring");
  const Scorer scorer(model, features);
  const double review_weight = Scorer::weight_for(options.review_threshold);
  const double match_weight = Scorer::weight_for(options.match_threshold);
  // Pairs under the review weight are kept down to the competitor weight:
  // the sole-candidate joins need to know that no other record comes close.
  const double low_weight = std::min(review_weight, options.competitor_weight);
  std::vector<std::vector<ScoredPair>> kept_by_chunk((pairs.size() + 65535) / 65536);
  std::vector<std::size_t> vetoed_by_chunk(kept_by_chunk.size(), 0);
  pool.parallel_for(
      kept_by_chunk.size(),
      [&](std::size_t begin, std::size_t end) {
        for (std::size_t c = begin; c < end; ++c) {
          const std::size_t lo = c * 65536, hi = std::min(pairs.size(), lo + 65536);
          for (std::size_t i = lo; i < hi; ++i) {
            const std::uint32_t a = pair_first(pairs[i]), b = pair_second(pairs[i]);
            const double w = scorer.weight(patterns[i], a, b);
            if (w < low_weight) continue;
            if (comparator.assess(patterns[i], a, b).veto) {
              if (w >= review_weight) ++vetoed_by_chunk[c];
              continue;
            }
            kept_by_chunk[c].push_back({a, b, w, patterns[i]});
          }
        }
      },
      1);
  std::vector<ScoredPair> match_pairs, review_pairs, low_pairs;
  for (std::size_t c = 0; c < kept_by_chunk.size(); ++c) {
    stats.vetoed += vetoed_by_chunk[c];
    for (const ScoredPair& p : kept_by_chunk[c])
      (p.weight >= match_weight ? match_pairs : p.weight >= review_weight ? review_pairs : low_pairs).push_back(p);
    std::vector<ScoredPair>().swap(kept_by_chunk[c]);
  }
  std::vector<Pattern>().swap(patterns);
  stages.end();

  // 6. Clustering.
  stages.begin("clustering");
  ClusterOptions cluster_options;
  cluster_options.conflict_weight = options.conflict_weight;
  cluster_options.max_cluster_size = options.max_cluster_size;
  cluster_options.one_record_per_source = options.one_record_per_source;
  cluster_options.date_error_weight = options.date_error_weight;
  Clustering clustering = cluster(records.size(), match_pairs, comparator, scorer, cluster_options);
  result.cluster_of = std::move(clustering.cluster_of);
  // Lone records against whole clusters (the pairs at review level).
  const std::vector<ScoredPair> joined =
      join_lone_records(result.cluster_of, review_pairs, comparator, scorer, match_weight, cluster_options);
  // Records still alone whose only candidate is one cluster.
  const std::vector<ScoredPair> sole =
      join_sole_candidates(result.cluster_of, {&match_pairs, &review_pairs, &low_pairs}, comparator, scorer,
                           options.sole_candidate_weight, options.competitor_gap, cluster_options);
  std::vector<ScoredPair>().swap(low_pairs);
  stats.clusters = result.cluster_of.empty()
                       ? 0
                       : static_cast<std::size_t>(*std::max_element(result.cluster_of.begin(), result.cluster_of.end()) + 1);
  stats.refused = clustering.refused.size();
  stages.end();

  // 7. Results with explanations.
  stages.begin("explaining");
  std::sort(clustering.accepted.begin(), clustering.accepted.end());
  result.matches.resize(clustering.accepted.size());
  pool.parallel_for(clustering.accepted.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const ScoredPair& p = match_pairs[clustering.accepted[i]];
      result.matches[i] = make_pair_result(model, scorer, p.a, p.b, p.pattern, p.weight, options.explain);
    }
  });
  for (const ScoredPair& p : joined) {
    PairResult r = make_pair_result(model, scorer, p.a, p.b, p.pattern, p.weight,
                                    options.explain);
    r.note = "linked with the whole cluster (fields of its other records)";
    result.matches.push_back(std::move(r));
  }
  for (const ScoredPair& p : sole) {
    PairResult r = make_pair_result(model, scorer, p.a, p.b, p.pattern, p.weight, options.explain);
    r.note = "linked as the record's only candidate (no other record comes close)";
    result.matches.push_back(std::move(r));
  }
  for (const Refusal& refusal : clustering.refused) {
    const ScoredPair& p = match_pairs[refusal.pair];
    if (result.cluster_of[p.a] == result.cluster_of[p.b]) continue;
    PairResult r = make_pair_result(model, scorer, p.a, p.b, p.pattern, p.weight, options.explain);
    r.note = fmt::format("not linked: {} and {}: {}", record_label(records, refusal.blocker_a),
                         record_label(records, refusal.blocker_b), refusal.reason);
    result.review.push_back(std::move(r));
  }
  for (const ScoredPair& p : review_pairs) {
    if (result.cluster_of[p.a] == result.cluster_of[p.b]) continue;
    result.review.push_back(make_pair_result(model, scorer, p.a, p.b, p.pattern, p.weight, options.explain));
  }
  const auto by_weight = [](const PairResult& x, const PairResult& y) {
    if (x.weight != y.weight) return x.weight > y.weight;
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  };
  std::sort(result.matches.begin(), result.matches.end(), by_weight);
  std::sort(result.review.begin(), result.review.end(), by_weight);
  stages.end();

  result.model = std::move(model);
  stats.seconds_total = seconds_since(started);
  return result;
}

PairVerdict compare_records(const SourceRecord& a, const SourceRecord& b, const ModelParams& model) {
  ModelParams plain = model;
  for (FieldParams& f : plain.fields) f.term_frequency = false;
  std::vector<std::string> names;
  for (const FieldParams& f : plain.fields) names.push_back(f.name);
  const std::vector<SourceRecord> both = {a, b};
  const Features features = Features::build(both, {}, names, 1);
  const Comparator comparator(features);
  const Scorer scorer(plain, features);
  NameCache cache;
  const Pattern p = comparator.compare(0, 1, cache);
  PairVerdict v;
  v.pair = make_pair_result(plain, scorer, 0, 1, p, scorer.weight(p, 0, 1), true);
  const Assessment assessment = comparator.assess(p, 0, 1);
  v.vetoed = assessment.veto;
  v.veto_reason = std::string(assessment.reason);
  return v;
}

std::string clusters_csv(const std::vector<SourceRecord>& records, const std::vector<std::string>& sources,
                         const LinkResult& result) {
  std::vector<std::size_t> size;
  for (int c : result.cluster_of) {
    if (static_cast<std::size_t>(c) >= size.size()) size.resize(static_cast<std::size_t>(c) + 1, 0);
    ++size[static_cast<std::size_t>(c)];
  }
  std::string out = io::csv_line({"record_id", "source", "line", "cluster", "cluster_size"});
  out.reserve(records.size() * 40);
  for (std::size_t i = 0; i < records.size() && i < result.cluster_of.size(); ++i) {
    const auto c = static_cast<std::size_t>(result.cluster_of[i]);
    out += io::csv_line({records[i].record_id, sources.empty() ? std::string() : sources[i],
                         std::to_string(records[i].line), std::to_string(c + 1), std::to_string(size[c])});
  }
  return out;
}

std::string pairs_csv(const std::vector<SourceRecord>& records, const std::vector<std::string>& sources,
                      const std::vector<PairResult>& pairs) {
  std::string out = io::csv_line(
      {"record_id_a", "source_a", "record_id_b", "source_b", "probability", "weight", "explanation", "note"});
  const auto source = [&](std::size_t i) { return sources.empty() ? std::string() : sources[i]; };
  for (const PairResult& p : pairs) {
    out += io::csv_line({records[p.a].record_id, source(p.a), records[p.b].record_id, source(p.b),
                         fmt::format("{:.4f}", p.probability), fmt::format("{:.2f}", p.weight), p.explanation,
                         p.note});
  }
  return out;
}

}  // namespace sawt::linkage
