// The Fellegi–Sunter model of record linkage: for each compared field, the
// probability of each agreement level among true matches (m) and among all
// pairs of records (u: what agreement by chance looks like), and the
// probability that two records drawn at random are the same person (lambda,
// Splink's "probability two random records match"). A pair's match weight is
// log2(lambda / (1 - lambda)) plus, for every field both records have,
// log2(m / u) of the level the field reached (its Bayes factor in bits),
// adjusted for how common the agreeing value is (term frequency: agreeing on
// محمد is worth less than agreeing on a rare name). The probability is
// 1 / (1 + 2^-weight). Because u and lambda refer to all pairs, not to the
// pairs blocking let through, a pair's weight does not depend on which
// blocking pass found it; lambda does depend on the size of the data set
// (about duplicates per record / number of records).
//
// Levels are shared by every field kind (a kind uses a subset):
//   missing    one side has no value: the field says nothing (weight 0)
//   exact      same value once normalised (same name key, same day)
//   close      same name in another spelling or script, a one-letter typo,
//              a date one digit or a day/month swap away
//   partial    similar but not the same (a name with a different vowel
//              pattern, a year-only date that fits the other's full date)
//   different  nothing in common
// A comparison vector (Pattern) packs the level of every field of a model in
// 3 bits each, field i in bits [3i, 3i + 3); at most kMaxFields fields. The
// top 4 bits say which reading of the names the levels come from (compare.h:
// first and family swapped, family-first full names); they are not levels.
//
// Invariants of a valid ModelParams: 0 < lambda < 1; every m and u of a level
// the field's kind uses is in (0, 1) and each sums to 1 over those levels;
// field names are unique.
//
// Thread-safety: value types; const use from any number of threads is safe.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace sawt::linkage {

enum class Level : std::uint8_t { kMissing = 0, kExact = 1, kClose = 2, kPartial = 3, kDifferent = 4 };
inline constexpr int kLevels = 5;

// "missing", "exact", "close", "partial", "different".
[[nodiscard]] std::string_view level_name(Level level);

// How a field is compared (compare.h) and which levels it uses.
enum class FieldKind : std::uint8_t {
  kName,        // a name in either script: exact / close / partial / different
  kDate,        // a partial date: exact / close / partial / different
  kCategory,    // a code (gender, nationality): exact / different
  kIdentifier,  // an id number: exact / close (one edit) / different
  kText,        // any other text, e.g. an address column: exact / close / partial / different
};

[[nodiscard]] std::string_view field_kind_name(FieldKind kind);
[[nodiscard]] bool kind_uses(FieldKind kind, Level level);

// The fields the interchange format knows, in the order a model lists them.
// Extra columns follow them as kText fields named after the column.
enum class KnownField : std::uint8_t {
  kFirstName,
  kFatherName,
  kGrandfatherName,
  kFamilyName,
  kMotherName,
  kBirthDate,
  kBirthPlace,
  kGender,
  kNationality,
  kIdNumber,
  kFacility,
  kArrestDate,
  kExtra,  // not a known field
};
inline constexpr int kKnownFields = 12;

// "first_name", "father_name", ..., the interchange column names; "" for kExtra.
[[nodiscard]] std::string_view known_field_name(KnownField field);
// kExtra when NAME is not a known field's column name.
[[nodiscard]] KnownField known_field(std::string_view name);
[[nodiscard]] FieldKind known_field_kind(KnownField field);

inline constexpr std::size_t kMaxFields = 20;
using Pattern = std::uint64_t;
inline constexpr int kAlignmentShift = 60;
inline constexpr Pattern kLevelBits = (Pattern{1} << kAlignmentShift) - 1;

[[nodiscard]] constexpr Level level_at(Pattern pattern, std::size_t field) {
  return static_cast<Level>((pattern >> (3 * field)) & 7U);
}
[[nodiscard]] constexpr Pattern with_level(Pattern pattern, std::size_t field, Level level) {
  return (pattern & ~(Pattern{7} << (3 * field))) |
         (Pattern{static_cast<std::uint8_t>(level)} << (3 * field));
}

// Which reading of the names a comparison vector compares (compare.h): 0 as
// written; 1 A's first and family names exchanged; 1 + 4i + j for A's
// reading i and B's reading j (0 as written, 1 to 3 the alternatives of
// Features::alternatives; not both 0, and not both 3, which would need a
// fifth bit: a third alternative is always a two-word family name of a
// four-word full name, and two of those compare better as written).
inline constexpr std::uint8_t kAsWritten = 0;
inline constexpr std::uint8_t kFirstFamilySwapped = 1;
inline constexpr std::size_t kReadingBase = 4;
[[nodiscard]] constexpr std::uint8_t reading_alignment(std::size_t reading_a, std::size_t reading_b) {
  return static_cast<std::uint8_t>(1 + kReadingBase * reading_a + reading_b);
}
[[nodiscard]] constexpr std::uint8_t alignment_of(Pattern pattern) {
  return static_cast<std::uint8_t>(pattern >> kAlignmentShift);
}
[[nodiscard]] constexpr Pattern with_alignment(Pattern pattern, std::uint8_t alignment) {
  return (pattern & kLevelBits) | (Pattern{alignment} << kAlignmentShift);
}

struct FieldParams {
  std::string name;  // interchange column name ("first_name") or the extra column's name
  FieldKind kind = FieldKind::kText;
  // Exact (and close) agreement is weighted by the frequency of the agreeing
  // value in the data being linked (see Scorer in compare.h).
  bool term_frequency = false;
  std::array<double, kLevels> m{};  // indexed by Level; [kMissing] unused (0)
  std::array<double, kLevels> u{};

  // log2(m / u) of LEVEL, 0 for kMissing and for levels the kind does not use.
  [[nodiscard]] double weight(Level level) const;
};

struct ModelParams {
  std::vector<FieldParams> fields;
  double lambda = 1e-3;
  // Filled by estimation: iterations run and whether they converged.
  int em_iterations = 0;
  bool converged = false;

  // Index of the field named NAME, or -1.
  [[nodiscard]] int find(std::string_view name) const;
  // log2(lambda / (1 - lambda)).
  [[nodiscard]] double prior_weight() const;
  // Checks the invariants above; kBadInput naming the first broken one.
  [[nodiscard]] Status validate() const;

  // {"lambda", "em_iterations", "converged", "fields": [{"name", "kind",
  //  "term_frequency", "m": {"exact": .., ...}, "u": {...}}]}
  [[nodiscard]] nlohmann::json to_json() const;
  // The inverse of to_json(); kBadInput when the JSON is not a valid model.
  [[nodiscard]] static Result<ModelParams> from_json(const nlohmann::json& json);
};

// Default m and u for a field: what the model starts from before estimation,
// what estimation shrinks towards when data are few, and what scores pairs
// when no estimation is run. m assumes lists in both scripts (a name agrees
// "close" about as often as "exact"); u and lambda (1e-3) stand for a
// population of a few thousand people (agreeing on a random name is a 1-2%
// event).
[[nodiscard]] FieldParams default_field(std::string_view name);

// The default model over the given fields, in that order (known fields by
// their column names, anything else as a kText extra). Precondition: at most
// kMaxFields unique names.
[[nodiscard]] ModelParams default_model(const std::vector<std::string>& field_names);

// The field names of the default model for records with every known field.
[[nodiscard]] std::vector<std::string> known_field_names();

}  // namespace sawt::linkage
