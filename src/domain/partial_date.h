// Dates as sources report them: a year, a year and month, or a full date, each
// possibly marked approximate ("~1985"). A PartialDate denotes an interval of
// days [earliest, latest]; arithmetic and comparisons work on that interval so
// that uncertainty is carried through instead of guessed away.
//
// Invariants: 1 <= year <= 9999; month is 0 (unknown) or 1..12; day is 0
// (unknown) or a valid day of that month; day != 0 implies month != 0.
#pragma once

#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "util/error.h"

namespace sawt {

class PartialDate {
 public:
  enum class Precision { kYear, kMonth, kDay };

  PartialDate() = default;  // an empty (unknown) date
  static Result<PartialDate> parse(std::string_view text);  // "", "YYYY", "YYYY-MM", "YYYY-MM-DD", optional leading "~"
  static Result<PartialDate> make(int year, int month = 0, int day = 0, bool approximate = false);
  static PartialDate from_days(std::chrono::sys_days d, bool approximate = false);

  [[nodiscard]] bool empty() const { return year_ == 0; }
  [[nodiscard]] int year() const { return year_; }
  [[nodiscard]] int month() const { return month_; }
  [[nodiscard]] int day() const { return day_; }
  [[nodiscard]] bool approximate() const { return approximate_; }
  [[nodiscard]] Precision precision() const;

  // First and last day the date may denote. Precondition: !empty().
  [[nodiscard]] std::chrono::sys_days earliest() const;
  [[nodiscard]] std::chrono::sys_days latest() const;

  // True when the two intervals overlap (an approximate date widens by
  // `approx_slack_years` on each side). Empty dates are compatible with anything.
  [[nodiscard]] bool compatible(const PartialDate& other, int approx_slack_years = 1) const;

  // Canonical text: "", "1985", "~1985-03", "1985-03-07".
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const PartialDate&, const PartialDate&) = default;

 private:
  int year_ = 0;
  int month_ = 0;
  int day_ = 0;
  bool approximate_ = false;
};

// Today's date in UTC; overridable for tests and reproducible demos through
// the SAWT_TODAY environment variable (YYYY-MM-DD).
std::chrono::sys_days today();

}  // namespace sawt
