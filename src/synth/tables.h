// The reference tables the generator draws from (data/synth/, embedded in the
// binary): given and family names with frequency weights, the Latin spellings
// of each name with their proportions, article styles, places and the free-text
// names of facilities. See data/synth/README.md for where each table comes from.
//
// Invariants once loaded: every name has a non-empty variant set whose weights
// sum to more than zero; every weighted table has a positive total; facility
// codes are unique. The tables are parsed once, on first use, and are
// immutable afterwards, so sharing them between threads is safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "synth/random.h"
#include "util/error.h"

namespace sawt::synth {

// The Latin spellings of one Arabic name (for a family name with the article:
// spellings of the stem, the article is rendered separately).
struct VariantSet {
  std::vector<std::string> latin;  // lower case, e.g. "abdul rahman"
  std::vector<std::uint64_t> weights;
  std::vector<std::uint8_t> marks;  // per spelling: kFrenchMark | kEnglishMark
  WeightedTable table;
};

// Spelling habits a variant shows: French (ou, ch, dj, final -e, abdel/el-)
// or English (sh, oo, ee, u, al-).
inline constexpr std::uint8_t kFrenchMark = 1;
inline constexpr std::uint8_t kEnglishMark = 2;
[[nodiscard]] std::uint8_t spelling_marks(std::string_view latin);

struct Name {
  std::string arabic;          // as written, e.g. "عبد الرحمن", "الحموي"
  std::string latin;           // canonical Latin spelling (stem for article names)
  bool article = false;        // starts with the definite article ال
  std::uint32_t variants = 0;  // index into Tables::variant_sets
};

enum class PlaceGroup : std::uint8_t { kSyria, kLebanon, kPalestinianCamp };

struct Place {
  std::string arabic;
  std::vector<std::string> latin;  // first is canonical
  std::string governorate_ar;
  std::string governorate_lat;
  PlaceGroup group = PlaceGroup::kSyria;
};

struct FacilityNames {
  std::string code;
  bool women_only = false;
  std::uint64_t weight = 0;
  std::vector<std::string> names_ar;
  std::vector<std::string> names_en;
};

enum class ArticleStyle : std::uint8_t {
  kAlHyphen, kElHyphen, kAlSpace, kAlJoined, kElSpace, kElJoined, kAssimilated, kNone
};

struct Tables {
  std::vector<Name> male, female, family;
  WeightedTable male_table, female_table, family_table;
  std::vector<VariantSet> variant_sets;
  std::vector<Place> places;
  // Per group: indices into `places` and their weights.
  std::vector<std::uint16_t> group_places[3];
  WeightedTable group_tables[3];
  std::vector<FacilityNames> facilities;
  std::vector<ArticleStyle> article_styles;
  std::vector<double> article_weights;

  // Index of a facility code, or -1.
  [[nodiscard]] int facility_index(std::string_view code) const;
};

// The parsed tables. An error means the embedded data is malformed (a build
// or packaging bug): kind kInternal, `where` names the file and line.
[[nodiscard]] const Result<Tables>& tables();

// Parses the tables from TSV texts (exposed for tests of the parser).
[[nodiscard]] Result<Tables> parse_tables(std::string_view first_names, std::string_view family_names,
                                          std::string_view latin_variants, std::string_view article_styles,
                                          std::string_view places, std::string_view facilities);

}  // namespace sawt::synth
