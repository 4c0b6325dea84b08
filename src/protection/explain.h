// The vocabulary of explained results shared by the protection engine: a
// date known only to lie in a range of days (DateRange), a bilingual reason
// with a stable code (Reason), and the text helpers that render both. Every
// verdict the engine gives (a release date, an eligibility, a risk level, a
// deadline) carries Reasons, so a case worker can see why and a lawyer can
// check the arithmetic.
//
// Invariants: a DateRange has earliest <= latest; `approximate` means a
// source marked one of the dates it came from as approximate ("~2019"), so
// the range itself may be off — it is never silently widened. Reason codes
// are stable snake_case identifiers that front ends may key on; the English
// and Arabic texts are for people and may change.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/partial_date.h"

namespace sawt::protection {

// A day within [earliest, latest].
struct DateRange {
  std::chrono::sys_days earliest;
  std::chrono::sys_days latest;
  bool approximate = false;

  // The range a partial date denotes. Precondition: !date.empty().
  [[nodiscard]] static DateRange of(const PartialDate& date);
  [[nodiscard]] static DateRange exactly(std::chrono::sys_days day, bool approximate = false) {
    return {day, day, approximate};
  }

  [[nodiscard]] bool exact() const { return earliest == latest; }
  [[nodiscard]] DateRange shifted(std::chrono::days by) const {
    return {earliest + by, latest + by, approximate};
  }
  // "2027-01-14", "between 2027-01-01 and 2027-01-31"; "about " in front
  // when approximate.
  [[nodiscard]] std::string to_string() const;
  // The same in Arabic: "2027-01-14", "بين 2027-01-01 و2027-01-31", "نحو ...".
  [[nodiscard]] std::string to_string_ar() const;

  friend bool operator==(const DateRange&, const DateRange&) = default;
};

// The earlier of two ranges (the range of min(a, b)) and the later one.
[[nodiscard]] DateRange earlier_of(const DateRange& a, const DateRange& b);
[[nodiscard]] DateRange later_of(const DateRange& a, const DateRange& b);

// A whole number of days known to lie in [min, max].
struct DayCount {
  std::int64_t min = 0;
  std::int64_t max = 0;
  friend bool operator==(const DayCount&, const DayCount&) = default;
};

// Days from FROM to TO (TO - FROM, so the first day counts as day 0); the
// bounds are clamped at 0.
[[nodiscard]] DayCount days_between(const DateRange& from, const DateRange& to);

// One explained finding. code: stable, e.g. "no_final_verdict".
struct Reason {
  std::string code;
  std::string en;
  std::string ar;
  friend bool operator==(const Reason&, const Reason&) = default;
};

// The reasons' texts joined with "; " (English) or "؛ " (Arabic).
[[nodiscard]] std::string join_en(const std::vector<Reason>& reasons);
[[nodiscard]] std::string join_ar(const std::vector<Reason>& reasons);

// "2027-01-14".
[[nodiscard]] std::string iso_date(std::chrono::sys_days day);

// A non-negative quantity shown with one decimal, rounded down so that a
// value just under a threshold never displays as the threshold: 9.96 → "9.9".
[[nodiscard]] std::string one_decimal_floor(double value);

}  // namespace sawt::protection
