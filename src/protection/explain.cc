#include "protection/explain.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace sawt::protection {

namespace chr = std::chrono;

DateRange DateRange::of(const PartialDate& date) {
  return {date.earliest(), date.latest(), date.approximate()};
}

std::string DateRange::to_string() const {
  std::string out = approximate ? "about " : "";
  if (exact()) return out + iso_date(earliest);
  return out + fmt::format("between {} and {}", iso_date(earliest), iso_date(latest));
}

std::string DateRange::to_string_ar() const {
  std::string out = approximate ? "نحو " : "";
  if (exact()) return out + iso_date(earliest);
  return out + fmt::format("بين {} و{}", iso_date(earliest), iso_date(latest));
}

DateRange earlier_of(const DateRange& a, const DateRange& b) {
  return {std::min(a.earliest, b.earliest), std::min(a.latest, b.latest), a.approximate || b.approximate};
}

DateRange later_of(const DateRange& a, const DateRange& b) {
  return {std::max(a.earliest, b.earliest), std::max(a.latest, b.latest), a.approximate || b.approximate};
}

DayCount days_between(const DateRange& from, const DateRange& to) {
  const std::int64_t lo = (to.earliest - from.latest).count();
  const std::int64_t hi = (to.latest - from.earliest).count();
  return {std::max<std::int64_t>(lo, 0), std::max<std::int64_t>(hi, 0)};
}

namespace {

std::string join(const std::vector<Reason>& reasons, bool arabic) {
  std::string out;
  for (const Reason& r : reasons) {
    if (!out.empty()) out += arabic ? "؛ " : "; ";
    out += arabic ? r.ar : r.en;
  }
  return out;
}

}  // namespace

std::string join_en(const std::vector<Reason>& reasons) { return join(reasons, false); }
std::string join_ar(const std::vector<Reason>& reasons) { return join(reasons, true); }

std::string iso_date(chr::sys_days day) {
  const chr::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string one_decimal_floor(double value) {
  // The small epsilon keeps 7.3 (stored as 7.2999...) from showing as 7.2.
  const double tenths = std::floor(std::max(value, 0.0) * 10.0 + 1e-9);
  return fmt::format("{:.1f}", tenths / 10.0);
}

}  // namespace sawt::protection
