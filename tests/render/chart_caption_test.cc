// A chart's caption says where its figures come from and as of which date,
// and a reader must see that date as written: in an Arabic caption an ISO
// date left bare after Arabic words is reordered by the bidi algorithm (its
// digits become Arabic numbers, the hyphens take the right-to-left
// direction) and reads 30-06-2026; wrapped in LRI..PDI, as reports' L.date()
// does, it reads 2026-06-30. A caption too long for its two lines loses
// its middle, not its end, where the date is. These tests look at what Pango
// lays out (glyphs in drawing order), not at the string handed to it.
#include <gtest/gtest.h>

#include <string>

#include "render/chart.h"
#include "render/chart_paint.h"
#include "render/text.h"

namespace sawt::render {
namespace {

Chart with_caption(std::string caption) {
  Chart c;
  c.type = Chart::Type::kBar;
  c.title = "الأشخاص حسب الوضع";
  c.caption = std::move(caption);
  c.categories = {"موقوف"};
  c.series = {{"", {3}}};
  return c;
}

// Every line of the caption as drawn, left to right.
std::string drawn(const Chart& chart) {
  detail::TextEngine text("ar", Dir::kRtl);
  auto layout = detail::caption_layout(text, chart);
  std::string out;
  for (int i = 0; i < pango_layout_get_line_count(layout.get()); ++i)
    out += detail::visual_ascii(layout.get(), i) + "\n";
  return out;
}

const std::string kIsolated = "\u20662026-06-30\u2069";

TEST(ChartCaption, AnIsolatedDateReadsLeftToRightInAnArabicCaption) {
  const auto shown = drawn(with_caption("المصدر: السجل، العدد = 212 شخصاً — حتى تاريخ: " + kIsolated));
  EXPECT_NE(shown.find("2026-06-30"), std::string::npos) << shown;
  // The reason for the isolates: the same date left bare is drawn reversed.
  const auto bare = drawn(with_caption("المصدر: السجل، العدد = 212 شخصاً — حتى تاريخ: 2026-06-30"));
  EXPECT_NE(bare.find("30-06-2026"), std::string::npos) << bare;
}

TEST(ChartCaption, ALongCaptionIsShortenedInTheMiddleAndKeepsItsDate) {
  std::string sources;
  for (int i = 1; i <= 12; ++i) sources += "مصدر رصد طويل الاسم رقم " + std::to_string(i) + "؛ ";
  const auto chart = with_caption("المصادر (تختلف، ويُعرض كل منها): " + sources + "— حتى تاريخ: " + kIsolated);
  detail::TextEngine text("ar", Dir::kRtl);
  auto layout = detail::caption_layout(text, chart);
  EXPECT_TRUE(pango_layout_is_ellipsized(layout.get()));
  EXPECT_EQ(pango_layout_get_line_count(layout.get()), 2);
  const auto last = detail::visual_ascii(layout.get(), 1);
  EXPECT_NE(last.find("…"), std::string::npos) << last;
  EXPECT_NE(last.find("2026-06-30"), std::string::npos) << "the date must survive the cut: " << last;
}

}  // namespace
}  // namespace sawt::render
