#include "render/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <numeric>

#include "render/chart.h"
#include "render/chart_paint.h"
#include "render/common.h"
#include "render/text.h"

namespace sawt::render {

namespace {

using detail::Align;
using detail::LayoutPtr;
using detail::LineBox;
using detail::TextStyle;

// A4 in points and the text column.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kMarginX = 56.7;
constexpr double kTop = 64;
constexpr double kBottom = kPageHeight - 66;

constexpr double kCellPadX = 5;
constexpr double kCellPadY = 3.5;

struct Rgb {
  double r, g, b;
};
constexpr Rgb kInk{0.10, 0.10, 0.10};
constexpr Rgb kHeadingInk{0.09, 0.20, 0.32};
constexpr Rgb kMuted{0.38, 0.38, 0.38};
constexpr Rgb kRule{0.72, 0.75, 0.80};
constexpr Rgb kCellBorder{0.78, 0.80, 0.84};
constexpr Rgb kHeaderFill{0.91, 0.93, 0.95};
constexpr Rgb kLabelFill{0.955, 0.96, 0.97};

void set_colour(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

struct NoticeColours {
  Rgb bar;
  Rgb fill;
};
NoticeColours notice_colours(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::kInfo: return {{0.16, 0.40, 0.66}, {0.93, 0.96, 0.99}};
    case NoticeKind::kMissing: return {{0.80, 0.52, 0.00}, {1.00, 0.97, 0.90}};
    case NoticeKind::kWarning: return {{0.75, 0.15, 0.12}, {0.99, 0.93, 0.92}};
    case NoticeKind::kConfidential: return {{0.30, 0.22, 0.42}, {0.95, 0.93, 0.97}};
  }
  return {{0.5, 0.5, 0.5}, {0.95, 0.95, 0.95}};
}

using Draw = std::function<void(cairo_t*)>;
// Draws a fragment's background or marker: (cr, top, bottom, is_first_fragment).
using Decorate = std::function<void(cairo_t*, double, double, bool)>;

struct OutlineEntry {
  std::string text;
  int level = 1;
  int page = 1;
  double y = 0;
};

// A table ready to place: column widths in inline order, laid-out cells.
struct Grid {
  std::vector<double> widths;
  std::vector<LayoutPtr> header;
  std::vector<std::vector<LayoutPtr>> rows;
  bool label_column = false;  // the first column holds labels (fields)
};

class Writer {
 public:
  Writer(const Document& doc, detail::TextEngine& text) : doc_(doc), text_(text), rtl_(doc.dir == Dir::kRtl) {}

  // Pass 1: lays out every block and decides page breaks.
  void layout() {
    title_block();
    for (const auto& block : doc_.blocks) std::visit([this](const auto& b) { place(b); }, block);
  }

  // Pass 2: draws the pages (now that their number is known).
  void draw(cairo_t* cr) {
    const int count = pages();
    for (int p = 0; p < count; ++p) {
      if (p > 0) running_header(cr);
      for (const auto& command : pages_[static_cast<size_t>(p)]) command(cr);
      footer(cr, p + 1, count);
      cairo_show_page(cr);
    }
  }

  [[nodiscard]] int pages() const { return static_cast<int>(pages_.size()); }
  [[nodiscard]] const std::vector<OutlineEntry>& outline() const { return outline_; }

 private:
  // ---- the page cursor ----
  [[nodiscard]] bool at_top() const { return y_ <= kTop + 0.01; }
  [[nodiscard]] double room() const { return kBottom - y_; }
  void new_page() {
    pages_.emplace_back();
    y_ = kTop;
  }
  void space(double pt) {
    if (!at_top()) y_ = std::min(kBottom, y_ + pt);
  }
  void add(Draw command) { pages_.back().push_back(std::move(command)); }

  // Physical x of a box that starts INLINE_START points from the text column's
  // inline-start edge and is WIDTH wide.
  [[nodiscard]] double box_x(double inline_start, double width) const {
    return rtl_ ? kPageWidth - kMarginX - inline_start - width : kMarginX + inline_start;
  }

  LayoutPtr body(const std::vector<Inline>& runs, double width, const TextStyle& style = TextStyle{}) {
    return text_.layout(runs, style, width);
  }

  // Places the lines of LAYOUT (WIDTH wide, INLINE_START from the column's
  // start), breaking pages between lines. PAD is added above and below every
  // fragment; DECORATE draws behind each fragment.
  void flow(const LayoutPtr& layout, double inline_start, double width, double pad = 0,
            const Decorate& decorate = {}) {
    const std::vector<LineBox> lines = detail::line_boxes(layout.get());
    const double total = detail::layout_size(layout.get()).height;
    const size_t n = lines.size();
    std::vector<double> advance(n);
    for (size_t i = 0; i < n; ++i) advance[i] = (i + 1 < n ? lines[i + 1].top : total) - lines[i].top;

    const double x = box_x(inline_start, width);
    size_t i = 0;
    bool first = true;
    while (i < n) {
      size_t j = i;
      double height = 0;
      while (j < n && height + advance[j] + 2 * pad <= room()) height += advance[j++];
      const size_t remaining = n - i;
      if (j < n) {
        // No lone first line at the bottom of a page (unless the page is empty).
        if ((j == i || (j - i < 2 && remaining >= 2)) && !at_top()) {
          new_page();
          continue;
        }
        if (j == i) height += advance[j++];  // a line taller than a page: place it anyway
        // No lone last line at the top of the next page.
        if (n - j == 1 && j - i >= 3) height -= advance[--j];
      }
      const double top = y_;
      const double bottom = y_ + height + 2 * pad;
      if (decorate) {
        add([decorate, top, bottom, first](cairo_t* cr) { decorate(cr, top, bottom, first); });
      }
      add([layout, lines, i, j, x, top, pad](cairo_t* cr) {
        detail::draw_lines(cr, layout.get(), lines, i, j, x, top + pad);
      });
      y_ = bottom;
      first = false;
      i = j;
      if (i < n) new_page();
    }
  }

  void rule(double y, double thickness, Rgb colour) {
    add([y, thickness, colour](cairo_t* cr) {
      set_colour(cr, colour);
      cairo_set_line_width(cr, thickness);
      cairo_move_to(cr, kMarginX, y);
      cairo_line_to(cr, kPageWidth - kMarginX, y);
      cairo_stroke(cr);
    });
  }

  // ---- blocks ----
  void title_block() {
    auto title = text_.layout(detail::clean_text(doc_.title),
                              TextStyle{.size = 19, .bold = true}, kWidth);
    place_whole(title, kHeadingInk);
    if (!doc_.subtitle.empty()) {
      y_ += 2;
      auto subtitle = text_.layout(detail::clean_text(doc_.subtitle), TextStyle{.size = 12},
                                   kWidth);
      place_whole(subtitle, kMuted);
    }
    y_ += 6;
    rule(y_, 0.8, kRule);
    y_ += 12;
  }

  // Places a short layout (a heading) without splitting it.
  void place_whole(const LayoutPtr& layout, Rgb colour) {
    const double height = detail::layout_size(layout.get()).height;
    if (height > room() && !at_top()) new_page();
    const double x = box_x(0, kWidth);
    const double y = y_;
    add([layout, x, y, colour](cairo_t* cr) {
      set_colour(cr, colour);
      detail::draw_layout(cr, layout.get(), x, y);
    });
    y_ += height;
  }

  void place(const Heading& h) {
    const bool top_level = h.level == 1;
    space(top_level ? 16 : 11);
    auto layout = text_.layout(detail::clean_text(h.text),
                               TextStyle{.size = top_level ? 14.0 : 12.0, .bold = true},
                               kWidth);
    // Keep the heading with at least three lines of what follows.
    const double height = detail::layout_size(layout.get()).height;
    if (height + 48 > room() && !at_top()) new_page();
    outline_.push_back({detail::clean_text(h.text), h.level, pages(), y_});
    place_whole(layout, kHeadingInk);
    y_ += top_level ? 5 : 3;
  }

  void place(const Paragraph& p) {
    space(7);
    flow(body(p.runs, kWidth), 0, kWidth);
  }

  void place(const Bullets& b) {
    space(6);
    const double indent = 18;
    for (size_t k = 0; k < b.items.size(); ++k) {
      if (k > 0) y_ += 3;
      auto marker = text_.layout(b.numbered ? fmt::format("{}.", k + 1) : std::string("•"), TextStyle{}, 0);
      const double marker_width = detail::layout_size(marker.get()).width;
      const double marker_x = rtl_ ? kPageWidth - kMarginX - indent + 5 : kMarginX + indent - 5 - marker_width;
      flow(body(b.items[k], kWidth - indent), indent, kWidth - indent, 0,
           [marker, marker_x](cairo_t* cr, double top, double, bool first) {
             if (!first) return;
             set_colour(cr, kInk);
             detail::draw_layout(cr, marker.get(), marker_x, top);
           });
    }
  }

  void place(const Notice& n) {
    space(9);
    const double pad = 6;
    const double bar = 3;
    const double inset = bar + 8;
    std::vector<Inline> runs;
    runs.push_back(strong(fmt::format("{}: ", detail::notice_label(n.kind, doc_.lang))));
    runs.insert(runs.end(), n.runs.begin(), n.runs.end());
    const auto colours = notice_colours(n.kind);
    const double box_left = kMarginX;
    const bool rtl = rtl_;
    flow(body(runs, kWidth - inset - 8), inset, kWidth - inset - 8, pad,
         [colours, box_left, bar, rtl](cairo_t* cr, double top, double bottom, bool) {
           set_colour(cr, colours.fill);
           cairo_rectangle(cr, box_left, top, kWidth, bottom - top);
           cairo_fill(cr);
           set_colour(cr, colours.bar);
           cairo_rectangle(cr, rtl ? box_left + kWidth - bar : box_left, top, bar, bottom - top);
           cairo_fill(cr);
         });
  }

  void place(const Fields& f) {
    if (f.fields.empty()) return;
    space(8);
    Grid grid;
    grid.label_column = true;
    const TextStyle label_style{.size = 9.5, .bold = true};
    const TextStyle value_style{.size = 9.5};
    double widest = 0;
    for (const auto& field : f.fields) {
      auto label = text_.layout(detail::clean_text(field.label), label_style, 0);
      widest = std::max(widest, detail::layout_size(label.get()).width);
      auto value = text_.layout(detail::isolate(detail::clean_text(field.value)), value_style, 0);
      grid.rows.push_back({label, value});
    }
    const double label_width = std::min(widest + 2 * kCellPadX + 1, kWidth * 0.36);
    grid.widths = {label_width, kWidth - label_width};
    place_grid(grid);
  }

  void place(const Table& t) {
    space(8);
    if (!t.caption.empty()) {
      auto caption = text_.layout(detail::clean_text(t.caption), TextStyle{.size = 9.5, .bold = true}, kWidth);
      // Keep the caption with the header and the first row.
      if (detail::layout_size(caption.get()).height + 60 > room() && !at_top()) new_page();
      place_whole(caption, kInk);
      y_ += 3;
    }
    const size_t columns = t.header.size();
    Grid grid;
    const TextStyle header_style{.size = 9, .bold = true};
    const TextStyle cell_style{.size = 9};
    std::vector<double> natural(columns, 0);
    for (size_t c = 0; c < columns; ++c) {
      grid.header.push_back(text_.layout(detail::clean_text(t.header[c]), header_style, 0));
      natural[c] = detail::layout_size(grid.header[c].get()).width;
    }
    for (const auto& row : t.rows) {
      std::vector<LayoutPtr> cells;
      for (size_t c = 0; c < columns; ++c) {
        const std::string cell = c < row.size() ? detail::isolate(detail::clean_text(row[c])) : std::string();
        cells.push_back(text_.layout(cell, cell_style, 0));
        natural[c] = std::max(natural[c], detail::layout_size(cells.back().get()).width);
      }
      grid.rows.push_back(std::move(cells));
    }
    grid.widths = column_widths(natural);
    place_grid(grid);
  }

  // Column widths filling the text column: natural widths when they fit,
  // otherwise a floor for every column and the rest shared by need.
  static std::vector<double> column_widths(std::vector<double> natural) {
    for (double& w : natural) w = std::min(w + 2 * kCellPadX + 1, kWidth);
    const double sum = std::accumulate(natural.begin(), natural.end(), 0.0);
    std::vector<double> widths(natural.size());
    if (sum <= kWidth) {
      for (size_t c = 0; c < natural.size(); ++c) widths[c] = natural[c] * kWidth / sum;
      return widths;
    }
    const double floor_width = std::max(36.0, kWidth * 0.07);
    double floors = 0;
    double need = 0;
    for (size_t c = 0; c < natural.size(); ++c) {
      widths[c] = std::min(natural[c], floor_width);
      floors += widths[c];
      need += natural[c] - widths[c];
    }
    const double spare = std::max(0.0, kWidth - floors);
    for (size_t c = 0; c < natural.size(); ++c) {
      if (need > 0) widths[c] += (natural[c] - widths[c]) * spare / need;
    }
    return widths;
  }

  // Wraps every cell of a row to its column and returns the row's height.
  double prepare_row(const std::vector<LayoutPtr>& cells, const std::vector<double>& widths) {
    double height = 0;
    for (size_t c = 0; c < cells.size(); ++c) {
      pango_layout_set_width(cells[c].get(), pango_units_from_double(widths[c] - 2 * kCellPadX));
      pango_layout_set_wrap(cells[c].get(), PANGO_WRAP_WORD_CHAR);
      height = std::max(height, detail::layout_size(cells[c].get()).height);
    }
    return height + 2 * kCellPadY;
  }

  // Draws the cells of one row fragment: lines [from[c], to[c]) of each cell.
  void draw_row(const std::vector<LayoutPtr>& cells, const std::vector<std::vector<LineBox>>& lines,
                const std::vector<size_t>& from, const std::vector<size_t>& to, const std::vector<double>& widths,
                double height, bool header, bool label_column) {
    const double top = y_;
    double start = 0;
    for (size_t c = 0; c < cells.size(); ++c) {
      const double x = box_x(start, widths[c]);
      const double w = widths[c];
      const bool shade = header || (label_column && c == 0);
      const Rgb fill = header ? kHeaderFill : kLabelFill;
      add([=, layout = cells[c], cell_lines = lines[c], a = from[c], b = to[c]](cairo_t* cr) {
        if (shade) {
          set_colour(cr, fill);
          cairo_rectangle(cr, x, top, w, height);
          cairo_fill(cr);
        }
        set_colour(cr, kCellBorder);
        cairo_set_line_width(cr, 0.5);
        cairo_rectangle(cr, x, top, w, height);
        cairo_stroke(cr);
        set_colour(cr, kInk);
        detail::draw_lines(cr, layout.get(), cell_lines, a, b, x + kCellPadX, top + kCellPadY);
      });
      start += widths[c];
    }
    y_ += height;
  }

  void draw_whole_row(const std::vector<LayoutPtr>& cells, const std::vector<double>& widths, double height,
                      bool header, bool label_column) {
    std::vector<std::vector<LineBox>> lines;
    std::vector<size_t> from(cells.size(), 0);
    std::vector<size_t> to;
    for (const auto& cell : cells) {
      lines.push_back(detail::line_boxes(cell.get()));
      to.push_back(lines.back().size());
    }
    draw_row(cells, lines, from, to, widths, height, header, label_column);
  }

  void place_grid(Grid& grid) {
    const double header_height = grid.header.empty() ? 0 : prepare_row(grid.header, grid.widths);
    auto header = [&] {
      if (!grid.header.empty()) draw_whole_row(grid.header, grid.widths, header_height, true, false);
    };
    std::vector<double> heights;
    for (const auto& cells : grid.rows) heights.push_back(prepare_row(cells, grid.widths));
    const double total = std::accumulate(heights.begin(), heights.end(), header_height);
    const double page_room = kBottom - kTop - header_height;
    // A short table moves whole to the next page rather than split; a long one
    // starts only where its header and two rows fit.
    double start_needed = header_height;
    for (size_t r = 0; r < std::min<size_t>(2, heights.size()); ++r) start_needed += std::min(heights[r], page_room);
    const bool short_table_would_split = total > room() && total <= (kBottom - kTop) * 0.4;
    if (!at_top() && (short_table_would_split || start_needed > room())) new_page();
    header();
    for (size_t r = 0; r < grid.rows.size(); ++r) {
      const auto& cells = grid.rows[r];
      const double height = heights[r];
      if (height <= room()) {
        draw_whole_row(cells, grid.widths, height, false, grid.label_column);
        continue;
      }
      if (height <= page_room) {
        new_page();
        header();
        draw_whole_row(cells, grid.widths, height, false, grid.label_column);
        continue;
      }
      split_row(cells, grid, header);
    }
  }

  // A row taller than a page: each cell continues on the next page where it stopped.
  template <typename Header>
  void split_row(const std::vector<LayoutPtr>& cells, const Grid& grid, Header&& header) {
    std::vector<std::vector<LineBox>> lines;
    std::vector<std::vector<double>> advance;
    for (const auto& cell : cells) {
      lines.push_back(detail::line_boxes(cell.get()));
      const double total = detail::layout_size(cell.get()).height;
      std::vector<double> adv;
      const auto& l = lines.back();
      for (size_t i = 0; i < l.size(); ++i) adv.push_back((i + 1 < l.size() ? l[i + 1].top : total) - l[i].top);
      advance.push_back(std::move(adv));
    }
    std::vector<size_t> from(cells.size(), 0);
    auto done = [&] {
      for (size_t c = 0; c < cells.size(); ++c) {
        if (from[c] < lines[c].size()) return false;
      }
      return true;
    };
    while (!done()) {
      const double avail = room() - 2 * kCellPadY;
      std::vector<size_t> to = from;
      double height = 0;
      bool any = false;
      for (size_t c = 0; c < cells.size(); ++c) {
        double h = 0;
        while (to[c] < lines[c].size() && h + advance[c][to[c]] <= avail) h += advance[c][to[c]++];
        if (to[c] > from[c]) any = true;
        height = std::max(height, h);
      }
      if (!any) {
        new_page();
        header();
        continue;
      }
      draw_row(cells, lines, from, to, grid.widths, height + 2 * kCellPadY, false, grid.label_column);
      from = to;
      if (!done()) {
        new_page();
        header();
      }
    }
  }

  void place(const Chart& chart) {
    space(10);
    const auto size = chart_size(chart);
    const double scale = std::min(1.0, kWidth / size.width);
    const double height = size.height * scale;
    if (height > room() && !at_top()) new_page();
    const double x = box_x((kWidth - size.width * scale) / 2, size.width * scale);
    const double y = y_;
    detail::TextEngine* text = &text_;
    add([chart, x, y, scale, text](cairo_t* cr) {
      cairo_save(cr);
      cairo_translate(cr, x, y);
      cairo_scale(cr, scale, scale);
      detail::paint_chart(cr, *text, chart);
      cairo_restore(cr);
    });
    y_ += height;
  }

  void place(const PageBreak&) {
    if (!at_top()) new_page();
  }

  // ---- page furniture ----
  void running_header(cairo_t* cr) {
    auto layout = text_.layout(detail::clean_text(doc_.title), TextStyle{.size = 8}, kWidth);
    detail::TextEngine::limit_lines(layout.get(), 1);
    set_colour(cr, kMuted);
    detail::draw_layout(cr, layout.get(), kMarginX, 30);
    set_colour(cr, kRule);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, kMarginX, 44);
    cairo_line_to(cr, kPageWidth - kMarginX, 44);
    cairo_stroke(cr);
  }

  void footer(cairo_t* cr, int page, int count) {
    const double top = kBottom + 22;
    set_colour(cr, kRule);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, kMarginX, top - 6);
    cairo_line_to(cr, kPageWidth - kMarginX, top - 6);
    cairo_stroke(cr);
    auto number = text_.layout(detail::page_label(page, count, doc_.lang), TextStyle{.size = 8}, 0);
    const double number_width = detail::layout_size(number.get()).width;
    set_colour(cr, kMuted);
    // The page number on the inline-end side, the footer text on the start side.
    detail::draw_layout(cr, number.get(), rtl_ ? kMarginX : kPageWidth - kMarginX - number_width, top);
    if (!doc_.footer.empty()) {
      const double width = kWidth - number_width - 16;
      auto text = text_.layout(detail::clean_text(doc_.footer), TextStyle{.size = 8}, width);
      detail::TextEngine::limit_lines(text.get(), 2);
      detail::draw_layout(cr, text.get(), box_x(0, width), top);
    }
  }

  static constexpr double kWidth = kPageWidth - 2 * kMarginX;

  const Document& doc_;
  detail::TextEngine& text_;
  bool rtl_;
  double y_ = kTop;
  std::vector<std::vector<Draw>> pages_{1};
  std::vector<OutlineEntry> outline_;
};

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

void add_outline(cairo_surface_t* surface, const std::vector<OutlineEntry>& entries) {
  int parent = CAIRO_PDF_OUTLINE_ROOT;
  for (const auto& e : entries) {
    const auto link = fmt::format("page={} pos=[{:.1f} {:.1f}]", e.page, kMarginX, e.y);
    const int id = cairo_pdf_surface_add_outline(surface, e.level <= 1 ? CAIRO_PDF_OUTLINE_ROOT : parent,
                                                 e.text.c_str(), link.c_str(), CAIRO_PDF_OUTLINE_FLAG_OPEN);
    if (e.level <= 1) parent = id;
  }
}

}  // namespace

Result<PdfOutput> render_pdf(const Document& doc) {
  SAWT_CHECK(validate(doc));
  PdfOutput out;
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_pdf_surface_create_for_stream(append_to_string, &out.bytes, kPageWidth, kPageHeight));
  SAWT_CHECK(cairo_ok(cairo_surface_status(surface.get()), "creating the PDF surface"));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, detail::clean_text(doc.title).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "sawt");
  if (!doc.subtitle.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_SUBJECT,
                                   detail::clean_text(doc.subtitle).c_str());
  }
  {
    std::unique_ptr<cairo_t, ContextDestroy> cr(cairo_create(surface.get()));
    detail::TextEngine text(doc.lang, doc.dir);
    text.attach(cr.get());
    Writer writer(doc, text);
    writer.layout();
    writer.draw(cr.get());
    SAWT_CHECK(cairo_ok(cairo_status(cr.get()), "drawing the PDF"));
    add_outline(surface.get(), writer.outline());
    out.pages = writer.pages();
    out.unknown_glyphs = text.unknown_glyphs();
  }
  cairo_surface_finish(surface.get());
  SAWT_CHECK(cairo_ok(cairo_surface_status(surface.get()), "writing the PDF"));
  return out;
}

Result<std::string> to_pdf(const Document& doc) {
  auto out = SAWT_TRY(render_pdf(doc));
  return std::move(out.bytes);
}

}  // namespace sawt::render
