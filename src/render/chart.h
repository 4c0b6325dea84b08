// Charts for reports: vertical and horizontal bar charts, line charts over
// periods and histograms, drawn by us with Cairo so that the same painter
// serves the PDF (vector, real text), SVG (inline in HTML) and PNG. Labels go
// through Pango, so Arabic category names and titles are shaped and ordered
// correctly. Every chart carries its title, axis labels, value labels where
// they fit, a legend when there is more than one series, and its caption
// (source and date) under the plot.
//
// Invariants:
//  1. A right-to-left chart is the mirror image of the left-to-right one:
//     the value axis is on the right, the first category (or the first
//     period) is on the right, horizontal bars grow leftwards. Text is never
//     mirrored.
//  2. Colours come from the Okabe-Ito palette (distinguishable with colour
//     blindness and in greyscale print) on a white background.
//  3. Axis conventions for every type: `x_label` names the categories (or,
//     for a histogram, the measured quantity), `y_label` names the values
//     (counts). A horizontal bar chart shows x_label above the category
//     names and y_label under the value axis.
//  4. Nothing touches the disk: SVG and PNG are written to memory.
//
// Thread-safety: every function may be called from any number of threads at
// once; each call uses its own Pango font map and Cairo surface.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "render/document.h"
#include "util/error.h"

namespace sawt::render {

// An SVG document (UTF-8, with its XML prolog) of CHART at its size in points.
// kBadInput if the chart fails validate(); kInternal if Cairo fails.
[[nodiscard]] Result<std::string> chart_svg(const Chart& chart, Dir dir, std::string_view lang);

// A PNG of CHART at SCALE pixels per point (2 = 144 dpi), white background.
[[nodiscard]] Result<std::string> chart_png(const Chart& chart, Dir dir, std::string_view lang, double scale = 2.0);

// The size a chart is drawn at, in points: its own width and height, except
// that a horizontal bar chart grows taller to give each category a readable row.
struct ChartSize {
  double width = 0;
  double height = 0;
};
[[nodiscard]] ChartSize chart_size(const Chart& chart);

// The bins of a histogram: about TARGET equal-width bins (0: Sturges' rule)
// with round edges covering every value; each bin holds lo <= v < hi, the
// last one also v == hi. Empty VALUES gives no bins.
struct Bin {
  double lo = 0;
  double hi = 0;
  int count = 0;
};
[[nodiscard]] std::vector<Bin> histogram_bins(const std::vector<double>& values, int target);

}  // namespace sawt::render
