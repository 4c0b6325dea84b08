// Blocking: which pairs of records are compared at all. Comparing every pair
// of a million records is 5 × 10^11 comparisons; blocking compares only pairs
// that share a key in at least one of several passes, so that no true pair
// depends on a single field being written right.
//
// Passes (a record takes part in a pass when it has every component; name
// components are coarse skeleton keys of a name's first token — its last for
// the family name — so spelling and script do not matter):
//   first+family (either order: first and family swapped still meet),
//   first+birth_date, family+birth_date (full dates), father+birth_year,
//   mother+family, id_number, first+father, father+grandfather, father+family,
//   family+birth_year; and for every
//   extra column with enough distinct values (at most 8 columns; the
//   commonest value under 5% of the records): column+first, column+family,
//   column+birth_date and every pair of such columns (the FEBRL address
//   columns catch pairs whose names and dates are all mistyped).
// Records whose parts were guessed from a full name also take part with their
// family-first reading (features.h).
//
// Big blocks: a block of more than max_block records (a common first name
// with a common family name) is not compared pair by pair. Its records are
// sorted by father, grandfather and mother and each is paired with the next
// `window` records (sorted neighbourhood: records without a birth date meet
// their likeliest matches too); and, for passes without a date component, the
// block is split by birth decade, each part compared pair by pair when small
// enough and by a window sorted by father, birth year and mother otherwise.
// So the number of pairs grows linearly with the data, not quadratically.
//
// Candidate pairs of all passes are merged into one sorted vector without
// duplicates.
//
// Thread-safety: candidate_pairs() runs passes on up to `threads` threads and
// only reads the features.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "linkage/features.h"

namespace sawt::linkage {

struct BlockingOptions {
  std::size_t max_block = 48;
  std::size_t window = 10;
  bool cross_source_only = false;  // skip pairs of records from the same source
  int threads = 2;
};

struct PassStats {
  std::string name;
  std::size_t keyed = 0;         // records with a key in this pass
  std::size_t blocks = 0;        // blocks of two or more records
  std::size_t largest = 0;       // records in the largest block
  std::size_t split_blocks = 0;  // blocks bigger than max_block
  std::size_t pairs = 0;         // pairs emitted (before merging passes)
};

struct Candidates {
  std::vector<std::uint64_t> pairs;  // sorted, unique: (a << 32) | b with a < b
  std::vector<PassStats> passes;
};

[[nodiscard]] constexpr std::uint64_t pair_id(std::uint32_t a, std::uint32_t b) {
  return a < b ? (std::uint64_t{a} << 32) | b : (std::uint64_t{b} << 32) | a;
}
[[nodiscard]] constexpr std::uint32_t pair_first(std::uint64_t id) { return static_cast<std::uint32_t>(id >> 32); }
[[nodiscard]] constexpr std::uint32_t pair_second(std::uint64_t id) { return static_cast<std::uint32_t>(id); }

[[nodiscard]] Candidates candidate_pairs(const Features& features, const BlockingOptions& options);

}  // namespace sawt::linkage
