#include "linkage/evaluate.h"

#include <fmt/format.h>

#include <map>
#include <unordered_map>

namespace sawt::linkage {

namespace {

// Dense cluster ids; an empty label gets an id of its own.
std::vector<std::size_t> dense(const std::vector<std::string>& labels, std::size_t& count) {
  std::unordered_map<std::string_view, std::size_t> ids;
  std::vector<std::size_t> out(labels.size());
  count = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i].empty()) {
      out[i] = count++;
      continue;
    }
    auto [it, inserted] = ids.try_emplace(labels[i], count);
    if (inserted) ++count;
    out[i] = it->second;
  }
  return out;
}

std::size_t pairs_of(std::size_t n) { return n * (n - (n > 0 ? 1 : 0)) / 2; }

double harmonic(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

}  // namespace

std::string Evaluation::summary() const {
  return fmt::format(
      "pairs P={:.4f} R={:.4f} F1={:.4f} ({} of {} true pairs, {} predicted); clusters exact P={:.4f} "
      "R={:.4f} "
      "({} of {} true, {} predicted); B-cubed P={:.4f} R={:.4f} F1={:.4f}; {} records",
      precision, recall, f1, correct_pairs, true_pairs, predicted_pairs, cluster_precision, cluster_recall,
      exact_clusters, true_clusters, predicted_clusters, bcubed_precision, bcubed_recall, bcubed_f1, records);
}

Result<Evaluation> evaluate(const std::vector<std::string>& truth_cluster,
                            const std::vector<std::string>& predicted_cluster) {
  if (truth_cluster.size() != predicted_cluster.size()) {
    return fail(ErrorKind::kBadInput,
                fmt::format("the truth has {} records but the clustering {}", truth_cluster.size(),
                            predicted_cluster.size()),
                "evaluation", "give one truth label and one cluster per record, in the same order");
  }
  Evaluation e;
  const std::size_t n = truth_cluster.size();
  e.records = n;
  const std::vector<std::size_t> t = dense(truth_cluster, e.true_clusters);
  const std::vector<std::size_t> p = dense(predicted_cluster, e.predicted_clusters);
  std::vector<std::size_t> t_size(e.true_clusters, 0), p_size(e.predicted_clusters, 0);
  std::unordered_map<std::uint64_t, std::size_t> cell;  // (true, predicted) -> records
  for (std::size_t i = 0; i < n; ++i) {
    ++t_size[t[i]];
    ++p_size[p[i]];
    ++cell[(static_cast<std::uint64_t>(t[i]) << 32) | p[i]];
  }
  for (std::size_t s : t_size) e.true_pairs += pairs_of(s);
  for (std::size_t s : p_size) e.predicted_pairs += pairs_of(s);
  double bp = 0, br = 0;
  for (const auto& [key, count] : cell) {
    e.correct_pairs += pairs_of(count);
    const std::size_t ti = static_cast<std::size_t>(key >> 32),
                      pi = static_cast<std::size_t>(key & 0xFFFFFFFFU);
    // Every record of the cell contributes count / |its cluster|.
    bp += static_cast<double>(count) * static_cast<double>(count) / static_cast<double>(p_size[pi]);
    br += static_cast<double>(count) * static_cast<double>(count) / static_cast<double>(t_size[ti]);
    if (count == t_size[ti] && count == p_size[pi]) ++e.exact_clusters;
  }
  if (e.predicted_pairs > 0)
    e.precision = static_cast<double>(e.correct_pairs) / static_cast<double>(e.predicted_pairs);
  if (e.true_pairs > 0) e.recall = static_cast<double>(e.correct_pairs) / static_cast<double>(e.true_pairs);
  e.f1 = harmonic(e.precision, e.recall);
  if (e.predicted_clusters > 0) {
    e.cluster_precision = static_cast<double>(e.exact_clusters) / static_cast<double>(e.predicted_clusters);
  }
  if (e.true_clusters > 0)
    e.cluster_recall = static_cast<double>(e.exact_clusters) / static_cast<double>(e.true_clusters);
  if (n > 0) {
    e.bcubed_precision = bp / static_cast<double>(n);
    e.bcubed_recall = br / static_cast<double>(n);
  }
  e.bcubed_f1 = harmonic(e.bcubed_precision, e.bcubed_recall);
  return e;
}

Result<Evaluation> evaluate(const std::vector<std::string>& truth_cluster,
                            const std::vector<int>& predicted_cluster) {
  std::vector<std::string> labels;
  labels.reserve(predicted_cluster.size());
  for (int c : predicted_cluster) labels.push_back(std::to_string(c));
  return evaluate(truth_cluster, labels);
}

Result<SiblingEvaluation> evaluate_siblings(const std::vector<std::string>& truth_cluster,
                                            const std::vector<std::string>& family,
                                            const std::vector<std::string>& predicted_cluster) {
  if (truth_cluster.size() != family.size() || truth_cluster.size() != predicted_cluster.size()) {
    return fail(ErrorKind::kBadInput,
                fmt::format("{} truth labels, {} family labels and {} clusters", truth_cluster.size(),
                            family.size(), predicted_cluster.size()),
                "evaluation", "give one truth label, family label and cluster per record, in the same order");
  }
  std::unordered_map<std::string_view, std::vector<std::size_t>> by_family;
  for (std::size_t i = 0; i < family.size(); ++i) {
    if (!family[i].empty()) by_family[family[i]].push_back(i);
  }
  SiblingEvaluation e;
  for (const auto& [label, members] : by_family) {
    // Within a family: all record pairs minus those of one person; merged
    // pairs likewise, counted per (person, cluster) cell.
    std::map<std::string_view, std::size_t> per_person, per_cluster;
    std::map<std::pair<std::string_view, std::string_view>, std::size_t> per_cell;
    for (std::size_t i : members) {
      ++per_person[truth_cluster[i]];
      ++per_cluster[predicted_cluster[i]];
      ++per_cell[{truth_cluster[i], predicted_cluster[i]}];
    }
    std::size_t same_person = 0, same_cluster = 0, same_both = 0;
    for (const auto& [k, n] : per_person) same_person += pairs_of(n);
    for (const auto& [k, n] : per_cluster) same_cluster += pairs_of(n);
    for (const auto& [k, n] : per_cell) same_both += pairs_of(n);
    e.pairs += pairs_of(members.size()) - same_person;
    e.merged += same_cluster - same_both;
  }
  if (e.pairs > 0) e.kept_apart = 1.0 - static_cast<double>(e.merged) / static_cast<double>(e.pairs);
  return e;
}

}  // namespace sawt::linkage
