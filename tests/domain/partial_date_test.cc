#include "domain/partial_date.h"

#include <gtest/gtest.h>

namespace sawt {
namespace {

TEST(PartialDate, ParsesEveryPrecision) {
  auto y = PartialDate::parse("1985");
  ASSERT_TRUE(y);
  EXPECT_EQ(y->precision(), PartialDate::Precision::kYear);
  auto m = PartialDate::parse("~1985-03");
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->approximate());
  EXPECT_EQ(m->month(), 3);
  auto d = PartialDate::parse("2012-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->to_string(), "2012-02-29");
  EXPECT_TRUE(PartialDate::parse("")->empty());
}

TEST(PartialDate, RejectsInvalidDatesWithAHint) {
  for (const char* bad : {"2013-02-29", "1985-13", "85", "1985/03/01", "1985-3-1", "19850301", "1985-00", "~", "abcd"}) {
    auto r = PartialDate::parse(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kBadInput) << bad;
    EXPECT_FALSE(r.error().hint.empty()) << bad;
  }
}

TEST(PartialDate, IntervalsCoverTheUncertainty) {
  auto feb = *PartialDate::parse("2024-02");
  EXPECT_EQ(feb.earliest(), std::chrono::sys_days{std::chrono::year{2024} / 2 / 1});
  EXPECT_EQ(feb.latest(), std::chrono::sys_days{std::chrono::year{2024} / 2 / 29});
  auto y = *PartialDate::parse("1990");
  EXPECT_EQ(y.latest(), std::chrono::sys_days{std::chrono::year{1990} / 12 / 31});
}

TEST(PartialDate, CompatibilityRespectsPrecisionAndApproximation) {
  auto p = [](const char* s) { return *PartialDate::parse(s); };
  EXPECT_TRUE(p("1985").compatible(p("1985-06-01")));
  EXPECT_FALSE(p("1985").compatible(p("1986-01-01")));
  EXPECT_TRUE(p("~1985").compatible(p("1986-01-01")));
  EXPECT_TRUE(p("").compatible(p("1986-01-01")));
  EXPECT_FALSE(p("1985-03-01").compatible(p("1985-03-02")));
}

TEST(PartialDate, RoundTripsThroughText) {
  for (const char* s : {"1985", "~1985-03", "2001-12-31", "~0999"}) {
    EXPECT_EQ(PartialDate::parse(s)->to_string(), s);
  }
}

}  // namespace
}  // namespace sawt
