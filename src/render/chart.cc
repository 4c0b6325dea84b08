#include "render/chart.h"

#include <cairo-svg.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "render/chart_paint.h"
#include "render/common.h"
#include "render/text.h"

namespace sawt::render {

namespace {

// Heckbert's "nice numbers": 1, 2, 5 or 10 times a power of ten.
double nice_number(double x, bool round) {
  if (x <= 0) return 1;
  const double exponent = std::floor(std::log10(x));
  const double fraction = x / std::pow(10.0, exponent);
  double nice = 10;
  if (round) {
    nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  } else {
    nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  }
  return nice * std::pow(10.0, exponent);
}

}  // namespace

std::vector<Bin> histogram_bins(const std::vector<double>& values, int target) {
  if (values.empty()) return {};
  const auto [min_it, max_it] = std::minmax_element(values.begin(), values.end());
  const double lo = *min_it;
  const double hi = *max_it;
  if (target <= 0) target = static_cast<int>(std::ceil(std::log2(static_cast<double>(values.size())))) + 1;
  target = std::clamp(target, 1, 100);
  double width = hi > lo ? nice_number((hi - lo) / target, false) : 1;
  double start = std::floor(lo / width) * width;
  // When hi sits exactly on an edge, the last bin is closed on the right.
  int count = std::max(1, static_cast<int>(std::ceil((hi - start) / width - 1e-9)));
  if (hi == lo) {
    start = lo - 0.5;
    width = 1;
    count = 1;
  }
  std::vector<Bin> bins(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    bins[static_cast<size_t>(i)].lo = start + i * width;
    bins[static_cast<size_t>(i)].hi = start + (i + 1) * width;
  }
  for (double v : values) {
    auto i = static_cast<int>(std::floor((v - start) / width));
    i = std::clamp(i, 0, count - 1);
    ++bins[static_cast<size_t>(i)].count;
  }
  return bins;
}

ChartSize chart_size(const Chart& chart) {
  ChartSize size{chart.width, chart.height};
  if (chart.type == Chart::Type::kHBar) {
    const double per_series = 10;
    const double row = std::max(16.0, per_series * static_cast<double>(chart.series.size()) + 6);
    const double needed = 120 + row * static_cast<double>(chart.categories.size());
    size.height = std::max(size.height, needed);
  }
  return size;
}

namespace detail {
namespace {

struct Rgb {
  double r, g, b;
};
constexpr Rgb kPalette[] = {{0.000, 0.447, 0.698}, {0.902, 0.624, 0.000}, {0.000, 0.620, 0.451},
                            {0.835, 0.369, 0.000}, {0.800, 0.475, 0.655}, {0.337, 0.706, 0.914}};
constexpr Rgb kInk{0.12, 0.12, 0.12};
constexpr Rgb kMuted{0.36, 0.36, 0.36};
constexpr Rgb kGrid{0.87, 0.87, 0.87};
constexpr Rgb kAxis{0.40, 0.40, 0.40};

constexpr double kPad = 8;
constexpr double kLabelSize = 8;
constexpr double kValueSize = 7.5;

Rgb series_colour(size_t i) { return kPalette[i % std::size(kPalette)]; }

struct Scale {
  double lo = 0;
  double hi = 1;
  double step = 1;
};

// Round ticks covering [LO, HI] with about five steps.
Scale nice_scale(double lo, double hi) {
  if (hi <= lo) hi = lo + 1;
  const double range = nice_number(hi - lo, false);
  const double step = nice_number(range / 4, true);
  return {std::floor(lo / step) * step, std::ceil(hi / step) * step, step};
}

class Painter {
 public:
  Painter(cairo_t* cr, TextEngine& text, const Chart& chart)
      : cr_(cr), text_(text), chart_(chart), rtl_(text.rtl()) {
    const auto size = chart_size(chart);
    w_ = size.width;
    h_ = size.height;
  }

  void paint() {
    cairo_save(cr_);
    cairo_set_source_rgb(cr_, 1, 1, 1);
    cairo_rectangle(cr_, 0, 0, w_, h_);
    cairo_fill(cr_);
    double top = kPad;
    top = title(top);
    if (chart_.series.size() > 1 && chart_.type != Chart::Type::kHistogram) top = legend(top);
    const double bottom = caption(h_ - kPad);
    if (chart_.type == Chart::Type::kHBar) {
      horizontal(top, bottom);
    } else {
      vertical(top, bottom);
    }
    cairo_restore(cr_);
  }

 private:
  // Inline position (from the start edge) to physical x.
  double px(double i) const { return rtl_ ? w_ - i : i; }

  LayoutPtr label(std::string_view s, double size, bool bold = false, double width = 0,
                  Align align = Align::kStart) {
    return text_.layout(clean_text(s), TextStyle{.size = size, .bold = bold, .align = align}, width);
  }

  // Draws an unwrapped LAYOUT with its ANCHOR edge at inline position I and its top at Y.
  void put(PangoLayout* layout, double i, double y, Align anchor, Rgb colour) {
    const double width = layout_size(layout).width;
    double start = i;  // inline position of the text's start edge
    if (anchor == Align::kCenter) start = i - width / 2;
    if (anchor == Align::kEnd) start = i - width;
    const double x = rtl_ ? w_ - start - width : start;
    cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
    draw_layout(cr_, layout, x, y);
  }

  // Draws a wrapped LAYOUT whose box starts at inline position I and is WIDTH wide.
  void put_box(PangoLayout* layout, double i, double width, double y, Rgb colour) {
    const double x = rtl_ ? w_ - i - width : i;
    cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
    draw_layout(cr_, layout, x, y);
  }

  // A filled rectangle between inline positions I0 and I1.
  void box(double i0, double i1, double y0, double y1, Rgb colour) {
    const double a = px(i0);
    const double b = px(i1);
    cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
    cairo_rectangle(cr_, std::min(a, b), std::min(y0, y1), std::fabs(b - a), std::fabs(y1 - y0));
    cairo_fill(cr_);
  }

  void line(double i0, double y0, double i1, double y1, Rgb colour, double width) {
    cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, px(i0), y0);
    cairo_line_to(cr_, px(i1), y1);
    cairo_stroke(cr_);
  }

  double title(double top) {
    if (chart_.title.empty()) return top;
    auto layout = text_.layout(clean_text(chart_.title),
                               TextStyle{.size = 11, .bold = true}, w_ - 2 * kPad);
    put_box(layout.get(), kPad, w_ - 2 * kPad, top, kInk);
    return top + layout_size(layout.get()).height + 4;
  }

  double legend(double top) {
    double i = kPad;
    double row_height = 0;
    for (size_t s = 0; s < chart_.series.size(); ++s) {
      auto name = label(chart_.series[s].name, kLabelSize);
      const auto size = layout_size(name.get());
      const double item = 10 + 4 + size.width + 12;
      if (i > kPad && i + item > w_ - kPad) {
        top += row_height + 3;
        i = kPad;
        row_height = 0;
      }
      row_height = std::max(row_height, size.height);
      box(i, i + 10, top + size.height / 2 - 5, top + size.height / 2 + 5, series_colour(s));
      put(name.get(), i + 14, top, Align::kStart, kInk);
      i += item;
    }
    return top + row_height + 6;
  }

  // Draws the caption above BOTTOM; returns its top.
  double caption(double bottom) {
    auto layout = caption_layout(text_, chart_);
    const double height = layout_size(layout.get()).height;
    put_box(layout.get(), kPad, w_ - 2 * kPad, bottom - height, kMuted);
    return bottom - height - 6;
  }

  void vertical(double top, double bottom) {
    const bool histogram = chart_.type == Chart::Type::kHistogram;
    std::vector<Bin> bins;
    std::vector<std::string> categories = chart_.categories;
    std::vector<std::vector<double>> values;
    if (histogram) {
      bins = histogram_bins(chart_.series[0].values, chart_.bins);
      values.emplace_back();
      for (const auto& bin : bins) values[0].push_back(bin.count);
      categories.assign(bins.size(), "");
    } else {
      for (const auto& s : chart_.series) values.push_back(s.values);
    }
    const size_t n = categories.size();

    // Value range, with room above the highest bar for its label.
    double lo = 0;
    double hi = 0;
    for (const auto& v : values) {
      for (double x : v) {
        if (std::isnan(x)) continue;
        lo = std::min(lo, x);
        hi = std::max(hi, x);
      }
    }
    const Scale scale = nice_scale(lo, hi + (hi - lo) * 0.08);

    // From the bottom up: x axis title, category (or bin edge) labels.
    if (!chart_.x_label.empty()) {
      auto layout = label(chart_.x_label, kLabelSize, true);
      bottom -= layout_size(layout.get()).height;
      x_title_ = layout;
      x_title_top_ = bottom;
      bottom -= 3;
    }
    if (!chart_.y_label.empty()) {
      auto layout = label(chart_.y_label, kLabelSize, true);
      put(layout.get(), kPad, top, Align::kStart, kMuted);
      top += layout_size(layout.get()).height + 4;
    }
    top += 4;

    // Tick labels decide where the plot starts.
    std::vector<std::pair<double, LayoutPtr>> ticks;
    double tick_width = 0;
    for (double v = scale.lo; v <= scale.hi + scale.step * 1e-6; v += scale.step) {
      auto layout = label(format_number(std::fabs(v) < scale.step * 1e-9 ? 0 : v), kLabelSize);
      tick_width = std::max(tick_width, layout_size(layout.get()).width);
      ticks.emplace_back(v, std::move(layout));
    }
    const double i0 = kPad + tick_width + 6;
    const double i1 = w_ - kPad;
    const double slot = (i1 - i0) / static_cast<double>(n);

    // Category labels: wrapped to two lines in wide slots, every k-th one otherwise.
    std::vector<LayoutPtr> cat_layouts;
    double cat_height = 0;
    size_t every = 1;
    if (histogram) {
      auto probe = label("0", kLabelSize);
      cat_height = layout_size(probe.get()).height;
      double widest = 0;
      for (const auto& bin : bins) {
        auto edge = label(format_number(bin.hi), kLabelSize);
        widest = std::max(widest, layout_size(edge.get()).width);
      }
      every = static_cast<size_t>(std::max(1.0, std::ceil((widest + 6) / slot)));
    } else if (slot >= 36) {
      for (const auto& c : categories) {
        auto layout = label(c, kLabelSize, false, slot - 4, Align::kCenter);
        TextEngine::limit_lines(layout.get(), 2);
        cat_height = std::max(cat_height, layout_size(layout.get()).height);
        cat_layouts.push_back(std::move(layout));
      }
    } else {
      double widest = 0;
      for (const auto& c : categories) {
        auto layout = label(c, kLabelSize);
        widest = std::max(widest, layout_size(layout.get()).width);
        cat_height = std::max(cat_height, layout_size(layout.get()).height);
        cat_layouts.push_back(std::move(layout));
      }
      every = static_cast<size_t>(std::max(1.0, std::ceil((widest + 6) / slot)));
    }
    const double plot_bottom = bottom - cat_height - 4;
    const double plot_top = top;
    const double plot_h = std::max(10.0, plot_bottom - plot_top);
    auto y_of = [&](double v) { return plot_bottom - (v - scale.lo) / (scale.hi - scale.lo) * plot_h; };

    for (const auto& [v, layout] : ticks) {
      const double y = y_of(v);
      line(i0, y, i1, y, kGrid, 0.6);
      put(layout.get(), i0 - 4, y - layout_size(layout.get()).height / 2, Align::kEnd, kMuted);
    }

    if (histogram) {
      for (size_t b = 0; b < n; ++b) {
        const double a = i0 + slot * static_cast<double>(b);
        box(a + 0.5, a + slot - 0.5, y_of(0), y_of(values[0][b]), series_colour(0));
        value_label(values[0][b], a + slot / 2, y_of(values[0][b]), slot);
      }
      for (size_t b = 0; b <= n; b += every) {
        const double edge = b < n ? bins[b].lo : bins[n - 1].hi;
        auto layout = label(format_number(edge), kLabelSize);
        put(layout.get(), i0 + slot * static_cast<double>(b), plot_bottom + 3, Align::kCenter, kInk);
      }
    } else if (chart_.type == Chart::Type::kBar) {
      const double group = slot * 0.76;
      const double bar = group / static_cast<double>(values.size());
      for (size_t c = 0; c < n; ++c) {
        const double g0 = i0 + slot * static_cast<double>(c) + (slot - group) / 2;
        for (size_t s = 0; s < values.size(); ++s) {
          const double a = g0 + bar * static_cast<double>(s);
          box(a, a + bar - (values.size() > 1 ? 1 : 0), y_of(0), y_of(values[s][c]), series_colour(s));
          value_label(values[s][c], a + bar / 2, y_of(values[s][c]), bar + 2);
        }
      }
    } else {
      for (size_t s = 0; s < values.size(); ++s) {
        const Rgb colour = series_colour(s);
        cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
        cairo_set_line_width(cr_, 1.8);
        cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
        bool drawing = false;  // a missing value (NaN) breaks the line
        for (size_t c = 0; c < n; ++c) {
          if (std::isnan(values[s][c])) {
            drawing = false;
            continue;
          }
          const double x = px(i0 + slot * (static_cast<double>(c) + 0.5));
          const double y = y_of(values[s][c]);
          if (!drawing) {
            cairo_move_to(cr_, x, y);
          } else {
            cairo_line_to(cr_, x, y);
          }
          drawing = true;
        }
        cairo_stroke(cr_);
        for (size_t c = 0; c < n; ++c) {
          if (std::isnan(values[s][c])) continue;
          cairo_arc(cr_, px(i0 + slot * (static_cast<double>(c) + 0.5)), y_of(values[s][c]), 2.4, 0, 2 * M_PI);
          cairo_fill(cr_);
        }
      }
      if (values.size() == 1 && n <= 16) {
        for (size_t c = 0; c < n; ++c) {
          if (std::isnan(values[0][c])) continue;
          value_label(values[0][c], i0 + slot * (static_cast<double>(c) + 0.5), y_of(values[0][c]) - 3, slot);
        }
      }
    }
    line(i0, y_of(0), i1, y_of(0), kAxis, 0.8);

    if (!histogram) {
      for (size_t c = 0; c < n; c += every) {
        if (every == 1) {
          put_box(cat_layouts[c].get(), i0 + slot * static_cast<double>(c) + 2, slot - 4, plot_bottom + 3, kInk);
        } else {
          put(cat_layouts[c].get(), i0 + slot * (static_cast<double>(c) + 0.5), plot_bottom + 3, Align::kCenter,
              kInk);
        }
      }
    }
    if (x_title_) put(x_title_.get(), (i0 + i1) / 2, x_title_top_, Align::kCenter, kMuted);
  }

  // A value label centred on inline position I just above Y, if it fits in ROOM.
  void value_label(double v, double i, double y, double room) {
    auto layout = label(format_number(v), kValueSize);
    const auto size = layout_size(layout.get());
    if (size.width > room) return;
    put(layout.get(), i, y - size.height - 1, Align::kCenter, kInk);
  }

  void horizontal(double top, double bottom) {
    const size_t n = chart_.categories.size();
    const size_t ns = chart_.series.size();
    double hi = 0;
    for (const auto& s : chart_.series) {
      for (double v : s.values) hi = std::max(hi, v);
    }
    const Scale scale = nice_scale(0, hi);

    if (!chart_.y_label.empty()) {
      auto layout = label(chart_.y_label, kLabelSize, true);
      bottom -= layout_size(layout.get()).height;
      x_title_ = layout;
      x_title_top_ = bottom;
      bottom -= 3;
    }
    if (!chart_.x_label.empty()) {
      auto layout = label(chart_.x_label, kLabelSize, true);
      put(layout.get(), kPad, top, Align::kStart, kMuted);
      top += layout_size(layout.get()).height + 4;
    }
    top += 2;

    std::vector<std::pair<double, LayoutPtr>> ticks;
    double tick_height = 0;
    for (double v = scale.lo; v <= scale.hi + scale.step * 1e-6; v += scale.step) {
      auto layout = label(format_number(v), kLabelSize);
      tick_height = std::max(tick_height, layout_size(layout.get()).height);
      ticks.emplace_back(v, std::move(layout));
    }
    const double plot_top = top;
    const double plot_bottom = bottom - tick_height - 3;
    const double row = (plot_bottom - plot_top) / static_cast<double>(n);

    // The category column: as wide as the longest name, at most 35% of the chart.
    double widest = 0;
    for (const auto& c : chart_.categories) {
      auto layout = label(c, kLabelSize);
      widest = std::max(widest, layout_size(layout.get()).width);
    }
    const double label_width = std::min(widest + 2, 0.35 * (w_ - 2 * kPad));
    const int max_lines = std::max(1, static_cast<int>(row / (kLabelSize * 1.6)));
    double value_width = 0;
    for (const auto& s : chart_.series) {
      for (double v : s.values) {
        auto layout = label(format_number(v), kValueSize);
        value_width = std::max(value_width, layout_size(layout.get()).width);
      }
    }
    const double i0 = kPad + label_width + 6;
    const double i1 = w_ - kPad - value_width - 4;
    auto i_of = [&](double v) { return i0 + (v - scale.lo) / (scale.hi - scale.lo) * (i1 - i0); };

    for (const auto& [v, layout] : ticks) {
      line(i_of(v), plot_top, i_of(v), plot_bottom, kGrid, 0.6);
      put(layout.get(), i_of(v), plot_bottom + 3, Align::kCenter, kMuted);
    }
    const double group = row * 0.72;
    const double bar = group / static_cast<double>(ns);
    for (size_t c = 0; c < n; ++c) {
      const double r0 = plot_top + row * static_cast<double>(c);
      auto name = label(chart_.categories[c], kLabelSize, false, label_width, Align::kEnd);
      TextEngine::limit_lines(name.get(), max_lines);
      const double name_h = layout_size(name.get()).height;
      put_box(name.get(), kPad, label_width, r0 + (row - name_h) / 2, kInk);
      const double g0 = r0 + (row - group) / 2;
      for (size_t s = 0; s < ns; ++s) {
        const double v = chart_.series[s].values[c];
        const double b0 = g0 + bar * static_cast<double>(s);
        box(i_of(0), i_of(v), b0, b0 + bar - (ns > 1 ? 1 : 0), series_colour(s));
        auto value = label(format_number(v), kValueSize);
        if (layout_size(value.get()).height <= bar + 3) {
          put(value.get(), i_of(v) + 3, b0 + (bar - layout_size(value.get()).height) / 2, Align::kStart, kInk);
        }
      }
    }
    line(i_of(0), plot_top, i_of(0), plot_bottom, kAxis, 0.8);
    if (x_title_) put(x_title_.get(), (i0 + i1) / 2, x_title_top_, Align::kCenter, kMuted);
  }

  cairo_t* cr_;
  TextEngine& text_;
  const Chart& chart_;
  bool rtl_;
  double w_ = 0;
  double h_ = 0;
  LayoutPtr x_title_;
  double x_title_top_ = 0;
};

}  // namespace

void paint_chart(cairo_t* cr, TextEngine& text, const Chart& chart) { Painter(cr, text, chart).paint(); }

LayoutPtr caption_layout(TextEngine& text, const Chart& chart) {
  auto layout = text.layout(clean_text(chart.caption), TextStyle{.size = kValueSize},
                            chart_size(chart).width - 2 * kPad);
  // A caption is "source — as of DATE": cut at the end, a long list of
  // sources pushed the date out of the chart (or left "2026…" of it).
  TextEngine::limit_lines(layout.get(), 2, Cut::kMiddle);
  return layout;
}

}  // namespace detail

namespace {

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct SurfaceDestroy {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

Status cairo_ok(cairo_status_t status, std::string_view what) {
  if (status == CAIRO_STATUS_SUCCESS) return {};
  return fail(ErrorKind::kInternal, fmt::format("{} failed: {}", what, cairo_status_to_string(status)), "render");
}

}  // namespace

Result<std::string> chart_svg(const Chart& chart, Dir dir, std::string_view lang) {
  SAWT_CHECK(validate(chart));
  const auto size = chart_size(chart);
  std::string out;
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_svg_surface_create_for_stream(append_to_string, &out, size.width, size.height));
  SAWT_CHECK(cairo_ok(cairo_surface_status(surface.get()), "creating the SVG surface"));
  cairo_svg_surface_restrict_to_version(surface.get(), CAIRO_SVG_VERSION_1_1);
  {
    std::unique_ptr<cairo_t, ContextDestroy> cr(cairo_create(surface.get()));
    detail::TextEngine text(lang, dir);
    text.attach(cr.get());
    detail::paint_chart(cr.get(), text, chart);
    SAWT_CHECK(cairo_ok(cairo_status(cr.get()), "drawing the chart"));
  }
  cairo_surface_finish(surface.get());
  SAWT_CHECK(cairo_ok(cairo_surface_status(surface.get()), "writing the SVG"));
  return out;
}

Result<std::string> chart_png(const Chart& chart, Dir dir, std::string_view lang, double scale) {
  SAWT_CHECK(validate(chart));
  if (!(scale >= 0.25 && scale <= 8)) {
    return fail(ErrorKind::kBadInput, fmt::format("PNG scale {} is outside 0.25..8", scale), "chart");
  }
  const auto size = chart_size(chart);
  const int width = static_cast<int>(std::ceil(size.width * scale));
  const int height = static_cast<int>(std::ceil(size.height * scale));
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height));
  SAWT_CHECK(cairo_ok(cairo_surface_status(surface.get()), "creating the image"));
  {
    std::unique_ptr<cairo_t, ContextDestroy> cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), scale, scale);
    detail::TextEngine text(lang, dir);
    text.attach(cr.get());
    detail::paint_chart(cr.get(), text, chart);
    SAWT_CHECK(cairo_ok(cairo_status(cr.get()), "drawing the chart"));
  }
  cairo_surface_flush(surface.get());
  std::string out;
  SAWT_CHECK(cairo_ok(cairo_surface_write_to_png_stream(surface.get(), append_to_string, &out), "writing the PNG"));
  return out;
}

}  // namespace sawt::render
