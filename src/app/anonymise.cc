#include "app/anonymise.h"

#include <algorithm>
#include <cstddef>
#include <unordered_map>

namespace sawt::app {

namespace {

std::string class_key(const std::vector<std::string>& values) {
  std::string key;
  for (const auto& v : values) {
    key += v;
    key += '\x1f';
  }
  return key;
}

// For each row, whether it is kept but sits in a class smaller than k.
std::vector<bool> failing(const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& kept,
                          int k) {
  std::unordered_map<std::string, int> sizes;
  std::vector<std::string> keys(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    if (!kept[r]) continue;
    keys[r] = class_key(rows[r]);
    ++sizes[keys[r]];
  }
  std::vector<bool> out(rows.size(), false);
  for (size_t r = 0; r < rows.size(); ++r) out[r] = kept[r] && sizes[keys[r]] < k;
  return out;
}

int count(const std::vector<bool>& v) { return static_cast<int>(std::count(v.begin(), v.end(), true)); }

std::vector<std::vector<std::string>> at_levels(const KAnonInput& in, const std::vector<int>& levels) {
  std::vector<std::vector<std::string>> out(in.rows.size());
  for (size_t r = 0; r < in.rows.size(); ++r) {
    out[r].reserve(levels.size());
    for (size_t q = 0; q < levels.size(); ++q) {
      const auto& ladder = in.rows[r][q];
      out[r].push_back(ladder[std::min(static_cast<size_t>(levels[q]), ladder.size() - 1)]);
    }
  }
  return out;
}

}  // namespace

int smallest_class(const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& kept) {
  std::unordered_map<std::string, int> sizes;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (kept[r]) ++sizes[class_key(rows[r])];
  }
  int smallest = 0;
  for (const auto& [key, n] : sizes) smallest = smallest == 0 ? n : std::min(smallest, n);
  return smallest;
}

KAnonResult k_anonymise(const KAnonInput& in, const KAnonOptions& options) {
  const size_t nq = in.names.size();
  const int k = std::max(1, options.k);
  KAnonResult out;
  out.levels.assign(nq, 0);
  out.kept.assign(in.rows.size(), true);
  std::vector<int> top(nq, 0);
  for (const auto& row : in.rows) {
    for (size_t q = 0; q < nq; ++q) top[q] = std::max(top[q], static_cast<int>(row[q].size()) - 1);
  }
  const int allowed = static_cast<int>(options.max_row_share * static_cast<double>(in.rows.size()));

  // 1. Global recoding.
  out.rows = at_levels(in, out.levels);
  int now = count(failing(out.rows, out.kept, k));
  while (now > allowed) {
    int best_q = -1;
    int best = now;
    for (size_t q = 0; q < nq; ++q) {
      if (out.levels[q] >= top[q]) continue;
      auto trial = out.levels;
      ++trial[q];
      const int f = count(failing(at_levels(in, trial), out.kept, k));
      if (f <= best) {
        best = f;
        best_q = static_cast<int>(q);
      }
    }
    if (best_q < 0) break;  // nothing left to generalise
    ++out.levels[static_cast<size_t>(best_q)];
    out.rows = at_levels(in, out.levels);
    now = best;
  }

  // 2. Cell suppression for the rows still failing.
  std::vector<std::vector<char>> suppressed(in.rows.size(), std::vector<char>(nq, 0));
  for (int round = 0; round < options.max_cells_per_row; ++round) {
    auto fails = failing(out.rows, out.kept, k);
    if (count(fails) == 0) break;
    int best_q = -1;
    int best = count(fails);
    for (size_t q = 0; q < nq; ++q) {
      auto trial = out.rows;
      for (size_t r = 0; r < trial.size(); ++r) {
        if (fails[r]) trial[r][q] = kSuppressed;
      }
      const int f = count(failing(trial, out.kept, k));
      if (f < best) {
        best = f;
        best_q = static_cast<int>(q);
      }
    }
    if (best_q < 0) break;
    for (size_t r = 0; r < out.rows.size(); ++r) {
      if (!fails[r] || out.rows[r][static_cast<size_t>(best_q)] == kSuppressed) continue;
      out.rows[r][static_cast<size_t>(best_q)] = kSuppressed;
      suppressed[r][static_cast<size_t>(best_q)] = 1;
    }
  }

  // 3. Row suppression, repeated until the invariant holds (removing a whole
  // class never shrinks another one, so one pass suffices; the loop is a guard).
  for (auto fails = failing(out.rows, out.kept, k); count(fails) > 0;
       fails = failing(out.rows, out.kept, k)) {
    for (size_t r = 0; r < fails.size(); ++r) {
      if (!fails[r]) continue;
      out.kept[r] = false;
      ++out.rows_withheld;
    }
  }
  // Cells count as suppressed only in rows that are published.
  for (size_t r = 0; r < out.rows.size(); ++r) {
    for (size_t q = 0; q < nq; ++q) {
      if (out.kept[r] && suppressed[r][q] != 0) ++out.cells_suppressed[in.names[q]];
    }
  }
  return out;
}

}  // namespace sawt::app
