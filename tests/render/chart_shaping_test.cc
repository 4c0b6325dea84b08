// Arabic in charts is shaped: a joined word is drawn with its initial, medial
// and final letter forms, not with the isolated letters. Cairo's SVG keeps
// one <symbol> per distinct glyph, so "ببب" (joined: initial, medial and final
// beh) needs two more glyphs than "ب" (the isolated form), all else being
// equal; unshaped, both would use the one isolated glyph. Also: a line chart shows a gap where a series has
// no value.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "render/chart.h"

namespace sawt::render {
namespace {

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

Chart with_category(std::string name) {
  Chart c;
  c.type = Chart::Type::kBar;
  c.title = "1";
  c.caption = "2";
  c.categories = {std::move(name)};
  c.series = {{"", {3}}};
  return c;
}

TEST(ChartShaping, JoinedArabicUsesContextualLetterForms) {
  auto joined = chart_svg(with_category("ببب"), Dir::kRtl, "ar");
  auto single = chart_svg(with_category("ب"), Dir::kRtl, "ar");
  ASSERT_TRUE(joined) << joined.error().describe();
  ASSERT_TRUE(single) << single.error().describe();
  EXPECT_EQ(count(*joined, "<symbol"), count(*single, "<symbol") + 2)
      << "the joined word must be drawn with initial, medial and final forms";
  // The same holds for the PNG path's text engine: the two renders differ.
  auto a = chart_png(with_category("ببب"), Dir::kRtl, "ar");
  auto b = chart_png(with_category("ب ب ب"), Dir::kRtl, "ar");
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
}

TEST(ChartShaping, LineChartLeavesAGapForAMissingValue) {
  Chart c;
  c.type = Chart::Type::kLine;
  c.title = "نسبة الإشغال";
  c.caption = "المصدر";
  c.categories = {"2021", "2022", "2023"};
  const double none = std::numeric_limits<double>::quiet_NaN();
  c.series = {{"أ", {300, none, 320}}, {"ب", {310, 330, 340}}};
  ASSERT_TRUE(validate(c));
  auto svg = chart_svg(c, Dir::kRtl, "ar");
  ASSERT_TRUE(svg) << svg.error().describe();
  EXPECT_EQ(svg->find("nan"), std::string::npos);
  // A NaN is still refused where it has no meaning.
  c.type = Chart::Type::kBar;
  EXPECT_FALSE(validate(c));
  c.type = Chart::Type::kLine;
  c.series[0].values[1] = std::numeric_limits<double>::infinity();
  EXPECT_FALSE(validate(c));
}

}  // namespace
}  // namespace sawt::render
