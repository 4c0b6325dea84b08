#include "linkage/cluster.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace sawt::linkage {

namespace {

// Cluster numbers renumbered 0, 1, 2... in the order of each cluster's first
// record, after joins have emptied some of the COUNT clusters.
void renumber_by_first_record(std::vector<int>& cluster_of, std::size_t count) {
  std::vector<int> renumber(count, -1);
  int next = 0;
  for (int& c : cluster_of) {
    if (renumber[static_cast<std::size_t>(c)] < 0) renumber[static_cast<std::size_t>(c)] = next++;
    c = renumber[static_cast<std::size_t>(c)];
  }
}

}  // namespace

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

// A record left alone by the clustering, set against a whole cluster: the
// cluster's records together carry fields its partner lacks (one has the
// birth date, another the mother's name). The comparison with the partner
// (the record of the cluster it scored best with) is completed field by
// field from the other members, each field taken from the first member that
// has it, never the best of several (which would let chance agreement in).
// A lone record joins the cluster when that weight reaches the match weight
// and no member says no (the clustering's rules: veto, different birth
// dates, strong evidence against). Returns the pairs through which records
// joined, with the cluster's weight.
std::vector<ScoredPair> join_lone_records(std::vector<int>& cluster_of, const std::vector<ScoredPair>& candidates,
                                          const Comparator& comparator, const Scorer& scorer, double match_weight,
                                          const ClusterOptions& options) {
  const std::size_t n = cluster_of.size();
  std::vector<std::vector<std::uint32_t>> members;
  for (std::uint32_t r = 0; r < n; ++r) {
    const auto c = static_cast<std::size_t>(cluster_of[r]);
    if (c >= members.size()) members.resize(c + 1);
    members[c].push_back(r);
  }
  const std::size_t fields = scorer.model().fields.size();
  NameCache cache;
  struct Join {
    double weight;
    std::uint32_t lone, partner;
    Pattern pattern;
  };
  std::vector<Join> joins;
  for (const ScoredPair& p : candidates) {
    for (const auto& [lone, partner] : {std::pair{p.a, p.b}, std::pair{p.b, p.a}}) {
      const auto& group = members[static_cast<std::size_t>(cluster_of[partner])];
      if (members[static_cast<std::size_t>(cluster_of[lone])].size() != 1 || group.size() < 2) continue;
      if (group.size() + 1 > options.max_cluster_size) continue;
      double w = scorer.model().prior_weight();
      bool refused = false;
      std::vector<std::pair<std::uint32_t, Pattern>> compared = {{partner, p.pattern}};
      compared.reserve(group.size());
      for (std::uint32_t m : group) {
        if (m == partner) continue;
        const Pattern q = comparator.compare(lone, m, cache);
        if (comparator.assess(q, lone, m).veto ||
            birth_dates_conflict(q, lone, m, comparator, scorer, options) ||
            scorer.weight(q, lone, m) < options.conflict_weight) {
          refused = true;
          break;
        }
        compared.emplace_back(m, q);
      }
      if (refused) continue;
      for (std::size_t f = 0; f < fields; ++f) {
        for (const auto& [m, q] : compared) {
          const Level l = level_at(q, f);
          if (l == Level::kMissing) continue;
          w += scorer.field_weight(f, l, lone, m, alignment_of(q));
          break;
        }
      }
      if (w >= match_weight) joins.push_back({w, lone, partner, p.pattern});
    }
  }
  std::sort(joins.begin(), joins.end(), [](const Join& x, const Join& y) {
    if (x.weight != y.weight) return x.weight > y.weight;
    return x.lone != y.lone ? x.lone < y.lone : x.partner < y.partner;
  });
  std::vector<ScoredPair> joined;
  std::vector<std::uint8_t> done(n, 0);
  for (const Join& j : joins) {
    if (done[j.lone] != 0) continue;
    done[j.lone] = 1;
    const auto target = static_cast<std::size_t>(cluster_of[j.partner]);
    // Members that joined earlier in this pass must agree too.
    bool ok = true;
    for (std::uint32_t m : members[target]) {
      if (done[m] == 0 || m == j.lone) continue;
      const Pattern q = comparator.compare(j.lone, m, cache);
      if (comparator.assess(q, j.lone, m).veto ||
          birth_dates_conflict(q, j.lone, m, comparator, scorer, options)) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    members[static_cast<std::size_t>(cluster_of[j.lone])].clear();
    cluster_of[j.lone] = static_cast<int>(target);
    members[target].push_back(j.lone);
    joined.push_back({std::min(j.lone, j.partner), std::max(j.lone, j.partner), j.weight, j.pattern});
  }
  renumber_by_first_record(cluster_of, members.size());
  return joined;
}

// A record still alone whose candidates all lie in one cluster: no pair
// with a record of another cluster reaches COMPETITOR bits (the lists hold
// every unvetoed pair at or above that weight), or none comes within GAP
// bits of its best pair. The pairwise scores count how common the names are
// but not whether another person who fits the record is among the records
// at all; here none is (or none nearly as well), so a lower weight suffices:
// the record joins when its weight against the whole cluster (completed
// field by field from the members, as join_lone_records does) reaches
// MIN_WEIGHT bits, every member allows it (the clustering's rules) and none
// is of the record's own source (a list rarely names one person twice; with
// this little evidence a second record of one source is more often a
// namesake). A cluster that a member rules the record out of (a veto,
// another birth date, strong evidence against) is neither the record's
// cluster nor a competitor: the strongest cluster that allows the record
// is its candidate, and only another cluster that allows it counts against
// it. A cluster that allows the record but cannot take it (one of its own
// source, or full) still counts as a competitor.
std::vector<ScoredPair> join_sole_candidates(std::vector<int>& cluster_of,
                                             std::initializer_list<const std::vector<ScoredPair>*> lists,
                                             const Comparator& comparator, const Scorer& scorer, double min_weight,
                                             double gap, const ClusterOptions& options) {
  const std::size_t n = cluster_of.size();
  std::vector<std::vector<std::uint32_t>> members;
  for (std::uint32_t r = 0; r < n; ++r) {
    const auto c = static_cast<std::size_t>(cluster_of[r]);
    if (c >= members.size()) members.resize(c + 1);
    members[c].push_back(r);
  }
  // Per lone record: its best pair into each cluster (a flat table indexed
  // by record, filled in two passes).
  struct Entry {
    double weight;
    int cluster;
    const ScoredPair* pair;
  };
  const auto lone = [&](std::uint32_t r) { return members[static_cast<std::size_t>(cluster_of[r])].size() == 1; };
  std::vector<std::uint32_t> offset(n + 1, 0);
  for (const auto* list : lists) {
    for (const ScoredPair& p : *list) {
      if (lone(p.a)) ++offset[p.a + 1];
      if (lone(p.b)) ++offset[p.b + 1];
    }
  }
  for (std::size_t r = 0; r < n; ++r) offset[r + 1] += offset[r];
  std::vector<Entry> entries(offset[n]);
  {
    std::vector<std::uint32_t> fill(offset.begin(), offset.end() - 1);
    for (const auto* list : lists) {
      for (const ScoredPair& p : *list) {
        if (lone(p.a)) entries[fill[p.a]++] = {p.weight, cluster_of[p.b], &p};
        if (lone(p.b)) entries[fill[p.b]++] = {p.weight, cluster_of[p.a], &p};
      }
    }
  }
  const std::size_t fields = scorer.model().fields.size();
  NameCache cache;
  struct Join {
    double weight;
    std::uint32_t lone, partner;
    Pattern pattern;
  };
  // The record against a whole cluster: refused when a member says no (the
  // clustering's rules), else its weight completed field by field from the
  // members, and whether the cluster cannot take it (a record of its own
  // source, or full).
  struct Fit {
    bool refused = false, barred = false;
    double weight = 0;
  };
  const auto fit = [&](std::uint32_t r, std::uint32_t partner, Pattern pattern) {
    Fit out;
    const auto& group = members[static_cast<std::size_t>(cluster_of[partner])];
    out.barred = group.size() + 1 > options.max_cluster_size;
    std::vector<std::pair<std::uint32_t, Pattern>> compared = {{partner, pattern}};
    for (std::uint32_t m : group) {
      if (comparator.features().source(m) != 0 && comparator.features().source(m) == comparator.features().source(r))
        out.barred = true;
      if (m == partner) continue;
      const Pattern q = comparator.compare(r, m, cache);
      if (comparator.assess(q, r, m).veto || birth_dates_conflict(q, r, m, comparator, scorer, options) ||
          scorer.weight(q, r, m) < options.conflict_weight) {
        out.refused = true;
        return out;
      }
      compared.emplace_back(m, q);
    }
    out.weight = scorer.model().prior_weight();
    for (std::size_t f = 0; f < fields; ++f) {
      for (const auto& [m, q] : compared) {
        const Level l = level_at(q, f);
        if (l == Level::kMissing) continue;
        out.weight += scorer.field_weight(f, l, r, m, alignment_of(q));
        break;
      }
    }
    return out;
  };
  std::vector<Join> joins;
  std::vector<Entry> best;  // per cluster, strongest first
  for (std::uint32_t r = 0; r < n; ++r) {
    if (offset[r] == offset[r + 1]) continue;
    best.assign(entries.begin() + offset[r], entries.begin() + offset[r + 1]);
    const auto order = [](const Entry& x, const Entry& y) {
      if (x.weight != y.weight) return x.weight > y.weight;
      if (x.pair->a != y.pair->a) return x.pair->a < y.pair->a;
      return x.pair->b < y.pair->b;
    };
    std::sort(best.begin(), best.end(), [&](const Entry& x, const Entry& y) {
      return x.cluster != y.cluster ? x.cluster < y.cluster : order(x, y);
    });
    best.erase(std::unique(best.begin(), best.end(),
                           [](const Entry& x, const Entry& y) { return x.cluster == y.cluster; }),
               best.end());
    std::sort(best.begin(), best.end(), order);
    // The strongest cluster that does not refuse the record; a competitor is
    // another such cluster within GAP bits of it (a cluster whose members
    // rule the record out is no competitor).
    const Entry* chosen = nullptr;
    Fit chosen_fit;
    bool competed = false;
    for (const Entry& e : best) {
      if (chosen != nullptr && e.weight <= chosen->weight - gap) break;
      const std::uint32_t partner = e.pair->a == r ? e.pair->b : e.pair->a;
      const Fit f = fit(r, partner, e.pair->pattern);
      if (f.refused) continue;
      if (chosen == nullptr) {
        chosen = &e;
        chosen_fit = f;
      } else {
        competed = true;
        break;
      }
    }
    if (chosen == nullptr || competed || chosen_fit.barred) continue;
    const std::uint32_t partner = chosen->pair->a == r ? chosen->pair->b : chosen->pair->a;
    if (chosen_fit.weight >= min_weight) joins.push_back({chosen_fit.weight, r, partner, chosen->pair->pattern});
  }
  std::sort(joins.begin(), joins.end(), [](const Join& x, const Join& y) {
    if (x.weight != y.weight) return x.weight > y.weight;
    return x.lone != y.lone ? x.lone < y.lone : x.partner < y.partner;
  });
  std::vector<ScoredPair> joined;
  std::vector<std::uint8_t> done(n, 0);
  for (const Join& j : joins) {
    if (members[static_cast<std::size_t>(cluster_of[j.lone])].size() != 1) continue;
    const auto target = static_cast<std::size_t>(cluster_of[j.partner]);
    auto& group = members[target];
    if (group.size() + 1 > options.max_cluster_size) continue;
    // Records that joined earlier in this pass must agree too.
    bool ok = true;
    for (std::uint32_t m : group) {
      if (done[m] == 0) continue;
      const Pattern q = comparator.compare(j.lone, m, cache);
      if (comparator.assess(q, j.lone, m).veto || birth_dates_conflict(q, j.lone, m, comparator, scorer, options) ||
          scorer.weight(q, j.lone, m) < options.conflict_weight) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    done[j.lone] = 1;
    members[static_cast<std::size_t>(cluster_of[j.lone])].clear();
    cluster_of[j.lone] = static_cast<int>(target);
    group.push_back(j.lone);
    joined.push_back({std::min(j.lone, j.partner), std::max(j.lone, j.partner), j.weight, j.pattern});
  }
  renumber_by_first_record(cluster_of, members.size());
  return joined;
}

}  // namespace sawt::linkage
