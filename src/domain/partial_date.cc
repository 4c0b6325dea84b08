#include "domain/partial_date.h"

#include <cstdlib>

#include <fmt/format.h>

namespace sawt {

namespace {

namespace chr = std::chrono;

bool parse_digits(std::string_view s, size_t n, int& out) {
  if (s.size() != n) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

}  // namespace

Result<PartialDate> PartialDate::make(int y, int m, int d, bool approximate) {
  if (y < 1 || y > 9999) return fail(ErrorKind::kBadInput, fmt::format("year {} is out of range", y), "", "use a year between 1 and 9999");
  if (m < 0 || m > 12) return fail(ErrorKind::kBadInput, fmt::format("month {} is out of range", m), "", "use a month from 01 to 12");
  if (d != 0) {
    if (m == 0) return fail(ErrorKind::kBadInput, "a day is given without a month");
    const chr::year_month_day ymd(chr::year(y), chr::month(static_cast<unsigned>(m)), chr::day(static_cast<unsigned>(d)));
    if (d < 0 || !ymd.ok()) {
      return fail(ErrorKind::kBadInput, fmt::format("{:04}-{:02}-{:02} is not a date of the calendar", y, m, d), "",
                  "check the day of the month (and February 29 in non-leap years)");
    }
  }
  PartialDate p;
  p.year_ = y;
  p.month_ = m;
  p.day_ = d;
  p.approximate_ = approximate;
  return p;
}

Result<PartialDate> PartialDate::parse(std::string_view text) {
  // Trim spaces.
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return PartialDate{};
  bool approx = false;
  if (text.front() == '~') {
    approx = true;
    text.remove_prefix(1);
  }
  const auto bad = [&] {
    return fail(ErrorKind::kBadInput, fmt::format("'{}' is not a date", text), "",
                "write YYYY, YYYY-MM or YYYY-MM-DD, with a leading ~ when approximate");
  };
  int y = 0;
  int m = 0;
  int d = 0;
  if (text.size() < 4 || !parse_digits(text.substr(0, 4), 4, y)) return bad();
  if (text.size() == 4) return make(y, 0, 0, approx);
  if (text.size() < 7 || text[4] != '-' || !parse_digits(text.substr(5, 2), 2, m)) return bad();
  if (text.size() == 7) {
    if (m == 0) return bad();
    return make(y, m, 0, approx);
  }
  if (text.size() != 10 || text[7] != '-' || !parse_digits(text.substr(8, 2), 2, d)) return bad();
  if (m == 0 || d == 0) return bad();
  return make(y, m, d, approx);
}

PartialDate PartialDate::from_days(std::chrono::sys_days days, bool approximate) {
  const chr::year_month_day ymd{days};
  PartialDate p;
  p.year_ = static_cast<int>(ymd.year());
  p.month_ = static_cast<int>(static_cast<unsigned>(ymd.month()));
  p.day_ = static_cast<int>(static_cast<unsigned>(ymd.day()));
  p.approximate_ = approximate;
  return p;
}

PartialDate::Precision PartialDate::precision() const {
  if (day_ != 0) return Precision::kDay;
  if (month_ != 0) return Precision::kMonth;
  return Precision::kYear;
}

std::chrono::sys_days PartialDate::earliest() const {
  const unsigned m = month_ == 0 ? 1U : static_cast<unsigned>(month_);
  const unsigned d = day_ == 0 ? 1U : static_cast<unsigned>(day_);
  return std::chrono::sys_days{chr::year_month_day(chr::year(year_), chr::month(m), chr::day(d))};
}

std::chrono::sys_days PartialDate::latest() const {
  if (day_ != 0) return earliest();
  const unsigned m = month_ == 0 ? 12U : static_cast<unsigned>(month_);
  return std::chrono::sys_days{chr::year_month_day_last(chr::year(year_), chr::month_day_last(chr::month(m)))};
}

bool PartialDate::compatible(const PartialDate& other, int approx_slack_years) const {
  if (empty() || other.empty()) return true;
  const auto widen = [&](const PartialDate& p, bool low) {
    auto d = low ? p.earliest() : p.latest();
    if (p.approximate_) d += std::chrono::days{(low ? -366 : 366) * approx_slack_years};
    return d;
  };
  return widen(*this, true) <= widen(other, false) && widen(other, true) <= widen(*this, false);
}

std::string PartialDate::to_string() const {
  if (empty()) return {};
  std::string out = approximate_ ? "~" : "";
  out += fmt::format("{:04}", year_);
  if (month_ != 0) out += fmt::format("-{:02}", month_);
  if (day_ != 0) out += fmt::format("-{:02}", day_);
  return out;
}

std::chrono::sys_days today() {
  if (const char* fixed = std::getenv("SAWT_TODAY"); fixed != nullptr && *fixed != '\0') {
    if (auto p = PartialDate::parse(fixed); p && p->precision() == PartialDate::Precision::kDay) {
      return p->earliest();
    }
  }
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

}  // namespace sawt
