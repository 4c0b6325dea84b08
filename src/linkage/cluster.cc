#include "linkage/cluster.h"

#include <algorithm>
#include <numeric>

namespace sawt::linkage {

bool birth_dates_conflict(Pattern cross, std::uint32_t x, std::uint32_t y, const Comparator& comparator,
                          const Scorer& scorer, const ClusterOptions& options) {
  const int birth = comparator.features().column_of(KnownField::kBirthDate);
  if (birth < 0) return false;
  const auto f = static_cast<std::size_t>(birth);
  if (level_at(cross, f) != Level::kDifferent) return false;
  const double without = scorer.weight(cross, x, y) - scorer.field_weight(f, Level::kDifferent, x, y);
  return without < options.date_error_weight;
}

Clustering cluster(std::size_t records, std::vector<ScoredPair> pairs, const Comparator& comparator,
                   const Scorer& scorer, const ClusterOptions& options) {
  Clustering out;
  // Sort by decreasing weight; keep the original index for reporting.
  std::vector<std::size_t> order(pairs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (pairs[x].weight != pairs[y].weight) return pairs[x].weight > pairs[y].weight;
    if (pairs[x].a != pairs[y].a) return pairs[x].a < pairs[y].a;
    return pairs[x].b < pairs[y].b;
  });

  std::vector<std::uint32_t> root(records);
  std::iota(root.begin(), root.end(), std::uint32_t{0});
  std::vector<std::vector<std::uint32_t>> members(records);  // filled lazily: empty means {self}
  const auto find = [&](std::uint32_t x) {
    while (root[x] != x) {
      root[x] = root[root[x]];
      x = root[x];
    }
    return x;
  };
  const auto members_of = [&](std::uint32_t r) -> std::vector<std::uint32_t>& {
    if (members[r].empty()) members[r].push_back(r);
    return members[r];
  };
  const Features& features = comparator.features();
  NameCache cache;

  for (std::size_t k : order) {
    const ScoredPair& p = pairs[k];
    const std::uint32_t ra = find(p.a), rb = find(p.b);
    if (ra == rb) {
      out.accepted.push_back(k);
      continue;
    }
    std::vector<std::uint32_t>& ma = members_of(ra);
    std::vector<std::uint32_t>& mb = members_of(rb);
    Refusal refusal{k, 0, 0, {}};
    if (ma.size() + mb.size() > options.max_cluster_size) {
      refusal.reason = "the cluster would be too large";
    } else if (ma.size() > 1 || mb.size() > 1 || options.one_record_per_source) {
      for (std::uint32_t x : ma) {
        for (std::uint32_t y : mb) {
          if (options.one_record_per_source && features.source(x) != 0 &&
              features.source(x) == features.source(y)) {
            refusal = {k, x, y, "two records of one source"};
            break;
          }
          if ((x == p.a && y == p.b) || (x == p.b && y == p.a)) continue;
          const Pattern cross = comparator.compare(x, y, cache);
          const Assessment assessment = comparator.assess(cross, x, y);
          if (assessment.veto) {
            refusal = {k, x, y, assessment.reason};
            break;
          }
          if (birth_dates_conflict(cross, x, y, comparator, scorer, options)) {
            refusal = {k, x, y, "different birth dates"};
            break;
          }
          if (scorer.weight(cross, x, y) < options.conflict_weight) {
            refusal = {k, x, y, "strong evidence against a record already in the cluster"};
            break;
          }
        }
        if (!refusal.reason.empty()) break;
      }
    }
    if (!refusal.reason.empty()) {
      out.refused.push_back(refusal);
      continue;
    }
    // Merge the smaller cluster into the larger.
    std::uint32_t big = ra, small = rb;
    if (ma.size() < mb.size()) std::swap(big, small);
    std::vector<std::uint32_t>& to = members_of(big);
    std::vector<std::uint32_t>& from = members_of(small);
    to.insert(to.end(), from.begin(), from.end());
    std::vector<std::uint32_t>().swap(from);
    root[small] = big;
    out.accepted.push_back(k);
  }

  out.cluster_of.assign(records, -1);
  std::vector<int> id_of_root(records, -1);
  int next = 0;
  for (std::uint32_t r = 0; r < records; ++r) {
    const std::uint32_t top = find(r);
    if (id_of_root[top] < 0) id_of_root[top] = next++;
    out.cluster_of[r] = id_of_root[top];
  }
  out.clusters = static_cast<std::size_t>(next);
  return out;
}

}  // namespace sawt::linkage
