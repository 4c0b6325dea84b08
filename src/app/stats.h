// Registry statistics for advocacy: who is held where, in what situation, for
// how long, what they allege, who the transfer agreement could reach, and what
// monitors recorded about deaths, incidents and overcrowding. Every figure
// carries its numerator and its denominator (what it is counted out of) and
// the date it holds for, so that a reader can check and quote it.
//
// Counting rules (docs/API.md, "Statistics", says the same for readers):
//  - Persons are the registry's linked persons: merged persons (merged_into
//    set) are counted once, through the person they were merged into.
//  - A person's detention starts at the earliest of their arrest dates and
//    custody start dates, taken at the middle of what a partial date denotes
//    ("2014" = 2014-07-02); persons without any such date, or with one after
//    the as-of date, are counted as "unknown" and left out of durations.
//  - Statuses and facilities are the registry's current ones; as-of limits
//    durations, incidents, visits and facility figures (nothing dated after it).
//  - Deaths per year are the deaths recorded on incidents (a death in custody
//    counts at least one death, or one per linked person).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/protection.h"
#include "domain/conditions.h"
#include "store/repository.h"

namespace sawt::app {

// One category of a breakdown, with its labels.
struct CountRow {
  std::string code;
  std::string ar;
  std::string en;
  std::int64_t count = 0;
};

// Counts per category out of `denominator` (the rows sum to it).
struct Breakdown {
  std::vector<CountRow> rows;  // largest first; "unknown" last
  std::int64_t denominator = 0;
};

struct Share {
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
  [[nodiscard]] double ratio() const {
    return denominator == 0 ? 0.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
  }
};

// Durations of the persons a figure is about: `values` holds one duration per
// person with a known start (so values.size() + unknown == denominator).
struct Durations {
  std::string unit;  // "months" or "years"
  std::vector<double> values;
  std::int64_t unknown = 0;
  std::int64_t denominator = 0;
  [[nodiscard]] double median() const;
};

struct YearCount {
  int year = 0;
  std::string type;  // incident type; "" for all
  std::int64_t count = 0;
};

// A facility's figures over time, every source kept.
struct FacilityOccupancy {
  Facility facility;
  std::int64_t persons_recorded = 0;    // registry persons whose current facility this is
  std::vector<FacilityFigure> figures;  // by date, on or before as-of
};

struct Stats {
  std::string as_of;  // YYYY-MM-DD
  std::int64_t persons = 0;
  Breakdown by_status;
  Breakdown by_nationality;
  Breakdown by_facility;
  Breakdown transfer;  // eligibility under the agreement in force, every person screened
  std::string agreement;
  Share torture;                              // alleged torture in any case
  Share forced_statement;                     // forced_statement or coerced_statement in any case
  Share torture_or_forced;                    // either
  Durations pretrial;                         // status pretrial: months since detention began
  Durations years_detained;                   // status pretrial or sentenced: years since detention began
  std::vector<YearCount> incidents_per_year;  // by year and type
  std::map<int, std::int64_t> deaths_per_year;
  std::int64_t incidents = 0;
  std::int64_t visits = 0;
  Share with_health_needs;                   // persons with an open (unmet) health need
  std::vector<FacilityOccupancy> occupancy;  // facilities with at least one figure
};

// Computes the statistics of the store as of AS_OF.
[[nodiscard]] Result<Stats> compute_stats(store::Repository& repo, const ProtectionRules& rules,
                                          std::chrono::sys_days as_of);

// The JSON form (docs/API.md, GET /api/stats): every figure as
// {numerator|count, denominator, as_of} and breakdowns with their rows.
[[nodiscard]] nlohmann::json to_json(const Stats& stats);

// Occupancy of one figure: population / capacity, the capacity being the
// figure's own or else the facility's official one; nullopt when either is
// unknown. `basis` is set to "source" or "official".
[[nodiscard]] std::optional<double> occupancy(const FacilityFigure& figure, const Facility& facility,
                                              std::string* basis = nullptr);

}  // namespace sawt::app
