#include "render/chart.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <cstdint>

#include "render/poppler.h"
#include "render/samples.h"
#include "testing.h"

namespace sawt::render {
namespace {

std::vector<Chart> all_charts(bool arabic) {
  return {samples::countries_chart(arabic), samples::months_chart(arabic), samples::prisons_chart(arabic),
          samples::detention_histogram(arabic)};
}

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

TEST(Chart, EveryTypeGivesAnSvgDocument) {
  for (bool arabic : {false, true}) {
    for (const auto& chart : all_charts(arabic)) {
      const auto svg = chart_svg(chart, arabic ? Dir::kRtl : Dir::kLtr, arabic ? "ar" : "en");
      ASSERT_TRUE(svg) << svg.error().describe();
      EXPECT_TRUE(svg->starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ")) << svg->substr(0, 100);
      EXPECT_TRUE(svg->ends_with("</svg>\n"));
      const auto size = chart_size(chart);
      EXPECT_NE(svg->find(fmt::format("viewBox=\"0 0 {} {}\"", size.width, size.height)), std::string::npos);
      // Balanced and with text drawn (glyphs used).
      EXPECT_EQ(count(*svg, "<g"), count(*svg, "</g>"));
      EXPECT_EQ(count(*svg, "<symbol"), count(*svg, "</symbol>"));
      EXPECT_GT(count(*svg, "<use "), 50u);
      // Six Okabe-Ito blue bars or lines at least.
      EXPECT_NE(svg->find("rgb(0%,44.7"), std::string::npos);
    }
  }
}

uint32_t be32(const std::string& s, size_t at) {
  return (static_cast<uint32_t>(static_cast<unsigned char>(s[at])) << 24) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8) |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

TEST(Chart, PngHasSignatureAndScaledSize) {
  const auto chart = samples::countries_chart(true);
  const auto png = chart_png(chart, Dir::kRtl, "ar", 2.0);
  ASSERT_TRUE(png) << png.error().describe();
  ASSERT_GT(png->size(), 1000u);
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(png->substr(12, 4), "IHDR");
  EXPECT_EQ(be32(*png, 16), 960u);
  EXPECT_EQ(be32(*png, 20), 540u);
  EXPECT_FALSE(chart_png(chart, Dir::kRtl, "ar", 0));
}

// PNGs of every chart type for a person to look at (build/test-artifacts/chart-*.png).
TEST(Chart, RendersPngArtifacts) {
  const char* names[] = {"bar", "line", "hbar", "histogram"};
  for (bool arabic : {false, true}) {
    const auto charts = all_charts(arabic);
    for (size_t i = 0; i < charts.size(); ++i) {
      const auto png = chart_png(charts[i], arabic ? Dir::kRtl : Dir::kLtr, arabic ? "ar" : "en", 1.5);
      ASSERT_TRUE(png) << png.error().describe();
      testing::write_file(poppler::artifacts_dir() / fmt::format("chart-{}-{}.png", names[i], arabic ? "ar" : "en"),
                          *png);
    }
  }
}

TEST(Chart, RightToLeftIsDrawnDifferently) {
  const auto chart = samples::countries_chart(false);
  const auto ltr = chart_svg(chart, Dir::kLtr, "en");
  const auto rtl = chart_svg(chart, Dir::kRtl, "en");
  ASSERT_TRUE(ltr && rtl);
  EXPECT_NE(*ltr, *rtl);
}

TEST(Chart, HorizontalBarsGrowWithTheirCategories) {
  Chart c = samples::prisons_chart(false);
  EXPECT_EQ(chart_size(c).height, 270);
  for (int i = 0; i < 30; ++i) {
    c.categories.push_back(fmt::format("Place {}", i));
    c.series[0].values.push_back(i);
  }
  EXPECT_GT(chart_size(c).height, 500);
  EXPECT_EQ(chart_size(c).width, 480);
}

TEST(Chart, ValidationNamesTheProblem) {
  Chart c = samples::countries_chart(false);
  c.caption.clear();
  auto st = validate(c);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().kind, ErrorKind::kBadInput);
  EXPECT_NE(st.error().message.find("caption"), std::string::npos);
  EXPECT_FALSE(chart_svg(c, Dir::kLtr, "en"));

  c = samples::countries_chart(false);
  c.series[1].values.pop_back();
  st = validate(c);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().where, "chart series 2");

  c = samples::countries_chart(false);
  c.series[0].values[0] = -1;
  EXPECT_FALSE(validate(c));
  c.type = Chart::Type::kLine;
  EXPECT_TRUE(validate(c)) << "lines may go below zero";

  c = samples::months_chart(false);
  c.series[0].values[2] = std::nan("");
  EXPECT_TRUE(validate(c)) << "a line may have a gap (NaN: no value for that period)";
  c.series[0].values[2] = std::numeric_limits<double>::infinity();
  EXPECT_FALSE(validate(c));

  c = samples::detention_histogram(false);
  c.series.push_back(c.series[0]);
  EXPECT_FALSE(validate(c));

  c = samples::months_chart(false);
  c.width = 10;
  EXPECT_FALSE(validate(c));
}

TEST(Chart, NegativeLineValuesAndASinglePoint) {
  Chart c = samples::months_chart(false);
  c.series[0].values = {-3, 5, -8, 2, 0, 1, 4, -2, 6, 3, 1};
  EXPECT_TRUE(chart_svg(c, Dir::kLtr, "en"));
  c.categories = {"2026-01"};
  c.series[0].values = {0};
  EXPECT_TRUE(chart_svg(c, Dir::kLtr, "en"));
}

TEST(Chart, ManyPeriodsStillRender) {
  Chart c = samples::months_chart(false);
  c.categories.clear();
  c.series[0].values.clear();
  for (int i = 0; i < 120; ++i) {
    c.categories.push_back(fmt::format("{}-{:02}", 2016 + i / 12, i % 12 + 1));
    c.series[0].values.push_back(i % 17);
  }
  EXPECT_TRUE(chart_svg(c, Dir::kRtl, "ar"));
}

TEST(ChartHistogramBins, RoundEdgesCoverEveryValue) {
  const auto bins = histogram_bins({3, 14, 27, 60, 41, 8, 19, 33, 52, 60}, 6);
  ASSERT_FALSE(bins.empty());
  EXPECT_EQ(bins.front().lo, 0);
  EXPECT_EQ(bins.back().hi, 60);
  int total = 0;
  for (size_t i = 0; i < bins.size(); ++i) {
    total += bins[i].count;
    EXPECT_DOUBLE_EQ(bins[i].hi - bins[i].lo, 10);
    if (i > 0) {
      EXPECT_EQ(bins[i].lo, bins[i - 1].hi);
    }
  }
  EXPECT_EQ(total, 10);
  EXPECT_EQ(bins.back().count, 3) << "52, 60, 60: the maximum falls in the last bin, closed on the right";
}

TEST(ChartHistogramBins, SturgesAndDegenerateInputs) {
  std::vector<double> values;
  for (int i = 0; i < 100; ++i) values.push_back(i);
  const auto bins = histogram_bins(values, 0);  // Sturges: 8 bins wanted, round width 20 → 5
  EXPECT_GE(bins.size(), 5u);
  EXPECT_LE(bins.size(), 10u);
  EXPECT_TRUE(histogram_bins({}, 0).empty());
  const auto one = histogram_bins({7, 7, 7}, 0);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].count, 3);
  EXPECT_LT(one[0].lo, 7);
  EXPECT_GT(one[0].hi, 7);
}

}  // namespace
}  // namespace sawt::render
