// k-anonymity over a table of quasi-identifiers, pure (no store, no I/O): the
// public dataset's last line of defence against re-identification.
//
// Each row gives, for each quasi-identifier, a ladder of values from the most
// specific (level 0) to the most general (e.g. 1987 → "1985-1989" →
// "1980-1989"). The algorithm:
//  1. global recoding: while more rows than `max_row_share` sit in an
//     equivalence class (rows with equal values on every quasi-identifier)
//     smaller than k, raise one quasi-identifier a level for every row — the
//     one that leaves the fewest rows failing (ties: the later one in the
//     list, so list the most useful first);
//  2. cell suppression: for the rows still failing, replace one
//     quasi-identifier by "*" (the one that rescues most rows), at most
//     `max_cells_per_row` times per row;
//  3. row suppression: rows still failing are withheld.
// Invariant of the result: every combination of kept rows' values occurs at
// least k times (checked before returning). Nothing is ever made up: values
// are only generalised or suppressed.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace sawt::app {

inline constexpr const char* kSuppressed = "*";

struct KAnonInput {
  std::vector<std::string> names;  // the quasi-identifiers
  // rows[r][q] = the ladder of row r for quasi-identifier q (at least one
  // value). Ladders of one quasi-identifier have the same length in every row.
  std::vector<std::vector<std::vector<std::string>>> rows;
};

struct KAnonOptions {
  int k = 5;
  double max_row_share = 0.05;  // recode globally until at most this share of rows fails
  int max_cells_per_row = 2;
};

struct KAnonResult {
  std::vector<int> levels;                     // the global level chosen per quasi-identifier
  std::vector<std::vector<std::string>> rows;  // final values per row (kept rows only meaningful)
  std::vector<bool> kept;
  int rows_withheld = 0;
  std::map<std::string, int> cells_suppressed;  // per quasi-identifier
};

[[nodiscard]] KAnonResult k_anonymise(const KAnonInput& input, const KAnonOptions& options);

// The smallest equivalence class among kept rows (0 when no row is kept).
[[nodiscard]] int smallest_class(const std::vector<std::vector<std::string>>& rows,
                                 const std::vector<bool>& kept);

}  // namespace sawt::app
