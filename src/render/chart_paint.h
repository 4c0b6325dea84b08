// Internal to src/render/: the chart painter behind chart_svg, chart_png and
// the PDF writer, which draws charts straight onto its page (vector graphics
// and real, searchable text) instead of embedding an image.
//
// Thread-safety: as TextEngine (one thread at a time per engine).
#pragma once

#include <cairo.h>

#include "render/document.h"
#include "render/text.h"

namespace sawt::render::detail {

// Paints a validated CHART with its top-left corner at the origin of CR's
// user space, in chart_size(chart) points. TEXT must use CHART's document
// direction and language.
void paint_chart(cairo_t* cr, TextEngine& text, const Chart& chart);

// The caption of CHART as paint_chart lays it out: wrapped to the chart's
// width, at most two lines, and when longer shortened in the middle (never at
// its end, where the as-of date is). Exposed for tests of what is drawn.
[[nodiscard]] LayoutPtr caption_layout(TextEngine& text, const Chart& chart);

}  // namespace sawt::render::detail
