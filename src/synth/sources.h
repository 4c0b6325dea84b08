// The sources that list detainees and how each writes its records: a family
// committee writes Arabic with the mother's name and rough dates; an NGO list
// is in Latin script with full names in one column; a leaked prison list is in
// capitals with day and month swapped now and then; a lawyer has id numbers and
// case numbers; official documents are complete; media reports give an age
// instead of a birth date. Each source has a coverage (the share of persons it
// lists, overlapping with the others), a script preference and an error
// profile, and renders a person into a SourceRecord the way it would.
//
// Invariants: a rendered record always has a name; it never contains a
// facility code (sources write facility names as free text); its record_id is
// "S<source number>-<position>" and unique in the dataset.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/model.h"
#include "synth/population.h"
#include "synth/tables.h"
#include "synth/text.h"

namespace sawt::synth {

enum class SpellingStyle : std::uint8_t { kEnglish, kFrench, kMixed };

struct SourceProfile {
  std::string kind;  // vocab source_kinds
  std::string name;
  int reliability = 3;
  double coverage = 0.5;
  double duplicates = 0.0;     // share of listed persons listed twice
  double script_bias = 0.0;    // logit offset of writing in Arabic
  double p_arabic = 0.5;       // calibrated from script_bias and Options::arabic_share
  double p_mixed_field = 0.1;  // an Arabic record with a Latin place or facility, or the reverse
  SpellingStyle style = SpellingStyle::kMixed;
  std::vector<double> case_weights;  // over LetterCase
  double full_name_only = 0.3;
  double swap_order = 0.05;  // family name first
  double swap_parts = 0.01;  // first and family name in each other's columns
  double drop_grandfather = 0.5;
  double drop_father = 0.05;
  double drop_mother = 0.5;
  double mother_first_only = 0.4;
  double latin_typo = 0.03;   // per name part
  double arabic_typo = 0.02;  // per name part
  double drop_hamza = 0.4, ta_as_ha = 0.15, ya_maqsura = 0.08, join_compounds = 0.3;
  double drop_article_ar = 0.04;
  double birth_missing = 0.1, birth_year_only = 0.2, birth_month_only = 0.03, birth_approx = 0.08,
         birth_wrong = 0.04;
  double age_instead = 0.0;
  double arrest_missing = 0.2, arrest_year_only = 0.1, arrest_month_only = 0.2, arrest_approx = 0.1,
         arrest_wrong = 0.04;
  double facility_missing = 0.3, facility_stale = 0.15;
  double place_missing = 0.3, place_with_governorate = 0.2;
  double nationality_missing = 0.5;
  double gender_missing = 0.4;
  double id_shown = 0.2, id_leading_zero_lost = 0.0, id_typo = 0.02;
  double phone = 0.0, notes = 0.1, case_number = 0.0, prisoner_number = 0.0;
  std::chrono::sys_days as_of;  // the date of the list: persons arrested later are not in it
  bool custody_roster = false;  // lists only persons held on as_of (a prison's own roll)
};

// The extra columns render_record() may fill (SourceRecord::extra keys), in
// the order a CSV writer should put them.
[[nodiscard]] const std::vector<std::string>& extra_columns();

// The K source profiles for the options, with p_arabic calibrated so that the
// expected share of Arabic-script records equals options.arabic_share.
[[nodiscard]] std::vector<SourceProfile> make_profiles(const Options& options);

// The Source row for profile `index` (id = index + 1).
[[nodiscard]] Source to_source(const SourceProfile& profile, int index);

// How many times source `source` lists person `person` (0, 1 or 2). Every
// person is listed by at least one source. Depends only on (seed, source,
// person), so records can be produced in any order.
[[nodiscard]] int listings(const std::vector<SourceProfile>& profiles, int source, const Identity& who,
                           int person, std::uint64_t seed);

// Renders listing `copy` of `person` in source `source` into `out` (which is
// cleared first). `position` is the record's 1-based position in its source.
void render_record(const SourceProfile& profile, int source, const Identity& who, int person, int copy,
                   std::int64_t position, const Options& options, const Tables& tables, SourceRecord& out);

}  // namespace sawt::synth
