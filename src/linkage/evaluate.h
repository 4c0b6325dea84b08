// How good a clustering is, measured against the truth: pairwise precision,
// recall and F1 (the figures record-linkage papers report: a pair of records
// is predicted when both are in one predicted cluster and true when both are
// in one true cluster), exact-cluster precision and recall (the share of
// predicted persons that are exactly a true person, and the reverse), and
// B-cubed precision, recall and F1 (per record, the overlap of its predicted
// and its true cluster; Bagga & Baldwin 1998), which do not let big clusters
// dominate as pair counts do.
//
// Labels are arbitrary strings; an empty label is a cluster of its own. With
// no true pairs recall is 1; with no predicted pairs precision is 1.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "util/error.h"

namespace sawt::linkage {

struct Evaluation {
  std::size_t records = 0;
  std::size_t true_pairs = 0;
  std::size_t predicted_pairs = 0;
  std::size_t correct_pairs = 0;
  double precision = 1, recall = 1, f1 = 1;
  std::size_t true_clusters = 0;
  std::size_t predicted_clusters = 0;
  std::size_t exact_clusters = 0;  // predicted clusters equal to a true cluster
  double cluster_precision = 1;    // exact_clusters / predicted_clusters
  double cluster_recall = 1;       // exact_clusters / true_clusters
  double bcubed_precision = 1, bcubed_recall = 1, bcubed_f1 = 1;

  // One line: "pairs P=0.991 R=0.987 F1=0.989 (4935 of 5000 true pairs, 4980 predicted); ..."
  [[nodiscard]] std::string summary() const;
};

// Fails (kBadInput) when the two label vectors differ in length.
[[nodiscard]] Result<Evaluation> evaluate(const std::vector<std::string>& truth_cluster,
                                          const std::vector<std::string>& predicted_cluster);
[[nodiscard]] Result<Evaluation> evaluate(const std::vector<std::string>& truth_cluster,
                                          const std::vector<int>& predicted_cluster);

// Siblings kept apart: among record pairs whose true persons differ but share
// a family label (brothers and sisters; `sawt synth` writes the label in
// truth.csv), the share the clustering keeps in different clusters — the
// "sibling-pair precision". An empty family label is no family. With no
// sibling pairs kept_apart is 1.
struct SiblingEvaluation {
  std::size_t pairs = 0;   // record pairs of siblings (different persons, one family)
  std::size_t merged = 0;  // of them, in one predicted cluster
  double kept_apart = 1;
};
// Fails (kBadInput) when the three vectors differ in length.
[[nodiscard]] Result<SiblingEvaluation> evaluate_siblings(const std::vector<std::string>& truth_cluster,
                                                          const std::vector<std::string>& family,
                                                          const std::vector<std::string>& predicted_cluster);

}  // namespace sawt::linkage
