// Clustering matched pairs into persons without chaining unrelated people.
//
// Plain connected components over all matches chain: A matches B, B matches
// C, so A and C become one person although A and C are brothers (B being a
// sparse record — "Mohammad al-Hamwi", no dates — that matches both). This is
// greedy, constrained agglomeration instead (a correlation-clustering style
// check done at merge time):
//  1. Match pairs are taken in decreasing weight, so the strongest evidence
//     shapes the clusters first.
//  2. Two clusters are merged only if every pair across them is consistent:
//     no cross pair is vetoed by the hard rules (Comparator::assess: different
//     first name with the same parents, different id numbers, different
//     gender, two conflicting identity fields), none has birth dates that
//     differ (namesakes: two people with one name and two birthdays, whom a
//     record without a birth date would otherwise join) unless everything
//     else about that pair agrees so strongly that the date must be a
//     copying error (ClusterOptions::date_error_weight), none weighs below
//     `conflict_weight` bits (strong evidence against), and — when asked —
//     no two records of one source end up together. The sparse record then
//     joins whichever brother it matches best, and the other stays apart.
//  3. A merge that would make a cluster larger than max_cluster_size is
//     refused (no person is listed that many times; a giant cluster means the
//     evidence is too weak to trust).
// Refused pairs are reported with the pair that blocked them, for review.
// The result depends only on the pairs and their order (ties broken by record
// indices), never on threads.
//
// Thread-safety: cluster() is single-threaded and reads its inputs.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "linkage/compare.h"

namespace sawt::linkage {

struct ScoredPair {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  double weight = 0;  // match weight in bits
  Pattern pattern = 0;
};

struct ClusterOptions {
  double conflict_weight = -12.0;
  std::size_t max_cluster_size = 100;
  bool one_record_per_source = false;
  // A birth-date disagreement between two records forbids their clusters'
  // merge unless the rest of the pair's evidence (its weight without the
  // date, prior included) reaches this many bits: then the date is taken for
  // a copying error. FEBRL 3's duplicates carry wholly replaced birth dates
  // with names, address and postcode agreeing (25–45 bits without the date);
  // on the synthetic lists 15 or 16 bits let one more pair of brothers
  // through (seed 2), 18 none.
  double date_error_weight = 18.0;
};

// The clustering's birth-date rule for records X and Y compared as CROSS:
// true when their birth dates differ and the rest of their evidence stays
// under options.date_error_weight (two people, not one with a miscopied date).
[[nodiscard]] bool birth_dates_conflict(Pattern cross, std::uint32_t x, std::uint32_t y, const Comparator& comparator,
                                        const Scorer& scorer, const ClusterOptions& options);

struct Refusal {
  std::size_t pair = 0;         // index into the pairs given
  std::uint32_t blocker_a = 0;  // the cross pair that said no
  std::uint32_t blocker_b = 0;
  std::string_view reason;
};

struct Clustering {
  std::vector<int> cluster_of;  // per record, 0-based cluster ids numbered by first record
  std::size_t clusters = 0;
  std::vector<std::size_t> accepted;  // indices of pairs that merged clusters or fell inside one
  std::vector<Refusal> refused;
};

// PAIRS must not contain vetoed pairs; they are sorted here by decreasing
// weight. RECORDS is the number of records (every record gets a cluster).
[[nodiscard]] Clustering cluster(std::size_t records, std::vector<ScoredPair> pairs,
                                 const Comparator& comparator, const Scorer& scorer,
                                 const ClusterOptions& options);

// After cluster(): a record left alone, set against the whole cluster of a
// partner it has a pair with in CANDIDATES (review-level pairs): the
// comparison with the partner is completed field by field from the other
// members, and the record joins when that weight reaches MATCH_WEIGHT and
// every member allows it (the rules of cluster()). Updates CLUSTER_OF
// (renumbered by first record) and returns the pairs through which records
// joined, with the cluster's weight.
std::vector<ScoredPair> join_lone_records(std::vector<int>& cluster_of, const std::vector<ScoredPair>& candidates,
                                          const Comparator& comparator, const Scorer& scorer, double match_weight,
                                          const ClusterOptions& options);

// Then: a record still alone whose pairs in LISTS (every unvetoed pair down
// to a competitor weight) all lead to one cluster, or whose best pair into
// another cluster is GAP bits or more under its best, joins that cluster
// when its weight against the whole cluster (completed as above) reaches
// MIN_WEIGHT, every member allows it and none is of its own source. A
// cluster whose members rule the record out is no competitor. Same results
// as above.
std::vector<ScoredPair> join_sole_candidates(std::vector<int>& cluster_of,
                                             std::initializer_list<const std::vector<ScoredPair>*> lists,
                                             const Comparator& comparator, const Scorer& scorer, double min_weight,
                                             double gap, const ClusterOptions& options);

}  // namespace sawt::linkage
