// Comparison of two records field by field into a comparison vector of
// agreement levels (model.h), the hard rules that say two records cannot be
// one person, and the weights of a Fellegi–Sunter model for a vector.
//
// Levels per kind (thresholds on names::token_similarity / name_similarity,
// Jaro-Winkler over code points of the normal forms):
//   name  exact: same key (normal form without article, compounds joined);
//         close: same name in another spelling or script (one coarse
//         skeleton and vowels that agree, or engine similarity >= 0.88 for
//         names of several tokens), a typo in one script (one edit in a
//         single name of six letters or more, not in its first letter, or
//         Jaro-Winkler >= 0.95; for
//         several tokens Jaro-Winkler >= 0.92), or one name is the other with
//         parts left out (mother "Fatima" against "Fatima Hamwi"); partial:
//         names whose consonants agree but whose vowels do not
//         (Mahmoud/Mohammed, Hasan/Husayn), a kunya against another name
//         (Abu Bakr/'Abd Bakr), or similarity >= 0.72 or Jaro-Winkler >= 0.85;
//         otherwise different. Within a table of records (Comparator), a
//         partial or different pair one edit apart is close when the data
//         show that one spelling is a slip of the pen for the other: rare
//         next to a common name (محممد for محمد, Ahmda for Ahmad, غلي for
//         علي, Khaed for خالد; see slip_of_the_pen). Two compounds with one head ('Abd al-Rahman,
//         'Abd al-Hamid) are compared by their tails.
//   date  exact: same day; close: both full dates and the same year and
//         month, day and month swapped, the same day a year off, or one
//         digit apart (birth dates), or at most 31 days apart (arrest dates);
//         partial: a less precise date that fits the other
//         (PartialDate::compatible, approximate dates two years either way:
//         year-only 1985 and 1985-03-07, ~1985 and 1987) or is a year off;
//         different: anything else.
//   text  exact: equal normal forms; close: one edit or Jaro-Winkler >= 0.92;
//         partial: Jaro-Winkler >= 0.80.
//   identifier  exact / close (one edit) / different, on normalize_identifier.
//   category    exact / different.
// First and family names written in each other's columns, and full names
// written family first (a second reading kept by Features), are recognised:
// the comparison uses the reading under which more name parts agree (another
// reading of a guessed full name only when it agrees on at least three parts,
// two more than as written: with many readings to try, strangers agree on one
// or two parts by chance). A reading that keeps a two-word given name whole
// (محمد خير, known as one name from other records) is the name's own reading,
// not a guess: it is taken when it agrees on two parts or more, on at least as
// many as written and as any other reading, no part differs, fewer or as few
// disagree as written, and its given names have as many words as the other
// record's (محمد خير is not محمد: brothers).
//
// Hard rules (assess): a pair is *vetoed* — never a match, whatever its
// weight — when the evidence against it does not come from one typo:
//  1. genders differ; 2. id numbers differ (more than one edit);
//  3. the same father (or the same mother and family name) but a different
//     first name — brothers and sisters — unless the birth dates agree to the
//     day or the id numbers agree and one of the first names is so rare next
//     to the other that it is a slip of the pen (distinct_names): twins have
//     one birthday and two established names (Hasan and Husayn);
//  4. the same father and first names that are only similar (Khaled/Khalil,
//     Hasan/Husayn) when the birth dates differ or both names are
//     established (or, with too few first names to tell, when the birth
//     dates do not agree to the day);
//  5. two of first name, father's name, mother's name, birth date differ
//     (unless the id numbers agree).
// Rules 3 and 4 are why brothers are not merged although they share four of
// the five name fields.
//
// Thread-safety: Comparator and Scorer are immutable after construction and
// may be shared between threads; each thread needs its own NameCache.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/partial_date.h"
#include "linkage/features.h"
#include "linkage/model.h"

namespace sawt::linkage {

[[nodiscard]] Level compare_names(const NameValue& a, const NameValue& b);
// NEAR_DAYS: full dates at most that many days apart are close (0: off).
[[nodiscard]] Level compare_dates(const PartialDate& a, const PartialDate& b, int near_days = 0);
[[nodiscard]] Level compare_texts(std::string_view a, std::string_view b);
[[nodiscard]] Level compare_identifiers(std::string_view a, std::string_view b);

// A name value parsed outside a Features table (tests, one-off comparisons).
[[nodiscard]] NameValue make_name_value(std::string_view text);

// Remembers the levels of name pairs already compared (names repeat: the
// same two spellings meet again and again). Direct-mapped, fixed size (2 MB),
// no allocation after construction. One per thread, and per Features: ids of
// another table would alias. Pairs with an id from 2^29 on are not cached.
class NameCache {
 public:
  NameCache();
  // The level of names A and B of FEATURES, computed on a miss.
  [[nodiscard]] Level level(const Features& features, std::uint32_t a, std::uint32_t b);

  // Comparator::slip_of_the_pen's view of a rare spelling's neighbours (the
  // skeletons one edit from its own) in one column: the commonest one and
  // the count of the next, keyed by column << 32 | value. Looking them up
  // took most of a million records' slip tests.
  struct Neighbours {
    std::uint32_t best_id = 0, best = 0, second = 0;
  };
  std::unordered_map<std::uint64_t, Neighbours> neighbours;
 private:
  // compare_names, and with the glued-article alternatives when there are any.
  [[nodiscard]] static Level compute(const Features& features, std::uint32_t a, std::uint32_t b);

  static constexpr std::size_t kSize = std::size_t{1} << 18;
  static constexpr std::uint64_t kKeyMask = (std::uint64_t{1} << 58) - 1;
  std::vector<std::uint64_t> entries_;  // key (58 bits) | level << 61; all ones = empty
};

struct Assessment {
  bool veto = false;
  std::string_view reason;  // why, for people; empty when not vetoed
};

class Comparator {
 public:
  explicit Comparator(const Features& features);

  // The comparison vector of records A and B (indices into the features).
  [[nodiscard]] Pattern compare(std::uint32_t a, std::uint32_t b, NameCache& cache) const;

  // The hard rules above for records A and B with comparison vector PATTERN.
  [[nodiscard]] Assessment assess(Pattern pattern, std::uint32_t a, std::uint32_t b) const;

  // The first-name values of A and B under the reading PATTERN compares.
  [[nodiscard]] std::pair<std::uint32_t, std::uint32_t> first_names(Pattern pattern, std::uint32_t a,
                                                                    std::uint32_t b) const;
  // Whether two first names (values of the first-name column) are two names
  // rather than one name and a slip of the pen: both are established in the
  // data (each is at least a twentieth as common as the other and occurs at
  // least twice). With under 200 first names, or when both names are rarer
  // than five records, the data cannot tell, and the names themselves decide: two names when they share a
  // skeleton (their vowels already said they differ: Hasan/Husayn), when one is a kunya and the other not,
  // when they start with different letters (slips rarely hit the first letter: Yasser/Nasser), or when they
  // are different outright.
  [[nodiscard]] bool distinct_names(std::uint32_t a, std::uint32_t b) const;

  [[nodiscard]] const Features& features() const { return features_; }

 private:
  [[nodiscard]] Level name_level(std::size_t field, std::uint32_t va, std::uint32_t vb,
                                 NameCache& cache) const;
  // Whether names VA and VB of column FIELD are one name and a slip of the
  // pen: one edit apart in one script (a doubled, dropped, swapped or
  // confused letter, anywhere in the name), and the data say which is the
  // slip: it is rare (at most 2 records, or one in 20,000) and the other at
  // least 50 times as common. Also (any script) skeletons one edit apart
  // whose vowels agree, when the rarer skeleton is that rare, or when the
  // rarer spelling is at most one record in 5,000 and 1/20 as common as the
  // other, with a skeleton as rare next to the other's, and no other name one
  // letter from it is half as common as the other (Nohamed: Mohamed or
  // Ahmed?). Needs a column of at least 200 values.
  [[nodiscard]] bool slip_of_the_pen(std::size_t field, std::uint32_t va, std::uint32_t vb, NameCache& cache) const;
  [[nodiscard]] Pattern realign(std::uint32_t a, std::uint32_t b, Pattern pattern, NameCache& cache) const;

  const Features& features_;
  // Skeleton text (Features::skeleton_text, which it points into) -> its
  // skeleton id: the neighbours of a slip are looked up by text.
  std::unordered_map<std::string_view, std::uint32_t> skeleton_ids_;
  std::array<int, kKnownFields> role_{};  // column of each known field, -1 if not compared
  std::array<int, 4> part_{};             // columns of first, father, grandfather, family
};

// Weights of a model for the pairs of one Features table, with term-frequency
// adjustment: for a field with term_frequency, exact agreement on value v
// weighs log2(m/u) + log2(S / f(v)), where f(v) is v's share among the
// records that have the field and S the chance that two random records agree
// (the sum of squared shares): the Fellegi–Sunter value-specific u. Close
// agreement uses the coarse skeleton's share (the larger of the two). The
// adjustment is clamped to [-6, +6] bits and never makes an agreement count
// against a pair (an agreeing field keeps at least a quarter of its weight).
class Scorer {
 public:
  // Precondition: MODEL's fields are the features' columns, in order.
  Scorer(const ModelParams& model, const Features& features);

  // The weight of FIELD at LEVEL for records A and B. Under a reading that
  // keeps a two-word given name whole (ALIGNMENT, model.h: alignment_of), a
  // name part's frequency is that of the values the reading compares:
  // agreeing on محمد خير weighs what محمد خير weighs, not what the written
  // محمد does.
  [[nodiscard]] double field_weight(std::size_t field, Level level, std::uint32_t a, std::uint32_t b,
                                    std::uint8_t alignment = kAsWritten) const;
  // Prior plus the weights of every field: the match weight in bits.
  [[nodiscard]] double weight(Pattern pattern, std::uint32_t a, std::uint32_t b) const;
  [[nodiscard]] static double probability(double weight);
  // The weight at which probability() reaches P, 0 < P < 1.
  [[nodiscard]] static double weight_for(double p);

  [[nodiscard]] const ModelParams& model() const { return model_; }

 private:
  const ModelParams& model_;
  const Features& features_;
  std::vector<std::array<double, kLevels>> base_;  // per field, per level
  std::vector<int> slot_;                          // per field: 0..3 first..family name, -1 other fields
  double prior_ = 0;
};

}  // namespace sawt::linkage
