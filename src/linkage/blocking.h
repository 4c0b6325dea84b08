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
//   family+birth_year, first+arrest_date, family+arrest_date (full dates: the
//   day of arrest is the person's own event), first~+family and
//   first+family~ (the marked name's coarse key, when it has five letters or
//   more, also less any one letter: one slip of the pen; and a Latin name's
//   key also with z read as ذ and g as ج, the letters as said: Muaz / معاذ,
//   Nagar / نجار — on the 100k synthetic set, with the same in big blocks
//   below, blocking recall 0.9772 -> 0.9791, F1 0.9682 -> 0.9687 (seed 2:
//   0.9786 -> 0.9805, 0.9703 -> 0.9708) for 0.9% more candidates); and
//   for every extra column with enough distinct values (at most 8 columns; the
//   commonest value under 5% of the records): column+first, column+family,
//   column+birth_date and every pair of such columns (the FEBRL address
//   columns catch pairs whose names and dates are all mistyped).
// Records whose parts were guessed from a full name also take part with their
// family-first reading (features.h).
//
// Big blocks: a block of more than max_block records (a common first name
// with a common family name) is not compared pair by pair. It is split by the
// next component the pass does not use yet — first, family, father, birth
// year, mother, grandfather, in that order — records without it forming a
// group of their own, and so on until the groups are small; a group still too
// big when the components run out is compared within a sliding window of
// `window` records. So a pair in a big block is compared when it agrees on
// more fields, and the number of pairs grows linearly with the data, not
// quadratically. A record without the component a big block is split by (a
// list with first and family name only) also meets the records that have
// it, on the components after it: directly when the two groups make at most
// 8 × max_block pairs, else split by the next component, a record without
// that one meeting the other side whatever its value. (On the 100k synthetic
// set this compares 770 of the 3,100 true pairs that no pass compared
// before, for 8% more candidates.) Groups whose names are one slip of the
// pen apart (a letter dropped, added or, in keys of four letters or more,
// replaced: Kamal / Ksmal, Ahmad / Ahnad) or a Latin spoken form apart
// (Muaz / معاذ) meet the same way, but only on the components after it,
// never whole: on the 100k synthetic set the slips make blocking recall
// 0.9673 -> 0.9746 for 8% more candidates.
//
// Candidate pairs of all passes are merged into one sorted vector without
// duplicates.
//
// Thread-safety: candidate_pairs() runs passes on up to `threads` threads (or
// a pool's) and only reads the features.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "linkage/features.h"
#include "linkage/parallel.h"

namespace sawt::linkage {

struct BlockingOptions {
  std::size_t max_block = 16;
  std::size_t window = 3;
  bool cross_source_only = false;  // skip pairs of records from the same source
  int threads = 2;
  std::vector<std::string> passes;  // run only the passes of these names (PassStats::name); empty: all
};

// The names of the passes candidate_pairs() would run on FEATURES.
[[nodiscard]] std::vector<std::string> pass_names(const Features& features);

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
[[nodiscard]] constexpr std::uint32_t pair_first(std::uint64_t id) {
  return static_cast<std::uint32_t>(id >> 32);
}
[[nodiscard]] constexpr std::uint32_t pair_second(std::uint64_t id) { return static_cast<std::uint32_t>(id); }

[[nodiscard]] Candidates candidate_pairs(const Features& features, const BlockingOptions& options);
// The same on the threads of POOL (options.threads is not used).
[[nodiscard]] Candidates candidate_pairs(const Features& features, const BlockingOptions& options,
                                         WorkerPool& pool);

}  // namespace sawt::linkage
