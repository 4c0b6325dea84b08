// Internal to src/render/: text through Pango, shared by the PDF writer and
// the chart painter. Pango shapes Arabic with HarfBuzz (joining, lam-alef,
// marks) and reorders mixed-direction text with the Unicode bidi algorithm;
// this file only chooses fonts, sizes and directions and measures lines.
//
// Invariants:
//  1. One `TextEngine` per rendering call: it owns a fresh PangoFontMap and
//     PangoContext, so two calls on two threads share no Pango object.
//  2. Layouts take the document's base direction (auto-dir off), the same as
//     HTML's `dir` attribute: an Arabic paragraph that starts with a Latin word
//     is still a right-to-left paragraph. Values are bidi-isolated by the
//     caller (detail::isolate), like HTML's <bdi>.
//  3. Units are points: the context resolution is 72 dpi and metric hinting
//     is off, so measuring and drawing agree on every surface.
//  4. Fonts: Arabic-script documents use "Noto Sans Arabic" with "Noto Sans"
//     behind it for Latin; other documents use "Noto Sans" with "Noto Sans
//     Arabic" behind it (not Naskh: see text.cc on text extraction).
//     Fontconfig's fallback covers any other script that has a font installed;
//     characters no font covers are counted (`unknown_glyphs`).
//  5. Lines have a fixed height (Pango's absolute line-height): a Latin line
//     holding one Arabic name is no taller than its neighbours, although
//     Noto Sans Arabic's metrics are much taller than Noto Sans's.
//
// Thread-safety: a TextEngine and its layouts belong to one thread at a time.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "render/document.h"

namespace sawt::render::detail {

struct GObjectUnref {
  void operator()(void* p) const;
};
using LayoutPtr = std::shared_ptr<PangoLayout>;

enum class Align { kStart, kCenter, kEnd };  // relative to the base direction
enum class Cut { kEnd, kMiddle };            // where text that does not fit is ellipsized

struct TextStyle {
  double size = 10.5;  // points
  bool bold = false;
  bool italic = false;
  Align align = Align::kStart;
  double line_height = 0;  // in ems; 0: the engine's default (1.75 for Arabic script, 1.4 otherwise)
};

// One laid-out line, in points relative to the layout's top-left corner.
struct LineBox {
  double top = 0;
  double height = 0;
  double baseline = 0;  // from the layout's top
  double x = 0;         // where the line starts (alignment included)
};

class TextEngine {
 public:
  TextEngine(std::string_view lang, Dir dir);
  TextEngine(const TextEngine&) = delete;
  TextEngine& operator=(const TextEngine&) = delete;
  ~TextEngine();

  // Use CR's font options and target for subsequent layouts (call once, before layout()).
  void attach(cairo_t* cr);

  // A layout of plain TEXT (cleaned by the caller) wrapped at WIDTH points;
  // WIDTH <= 0 means no wrapping. Never null.
  [[nodiscard]] LayoutPtr layout(std::string_view text, const TextStyle& style, double width);

  // The same for runs: bold/italic become attributes; isolated runs are wrapped in FSI..PDI.
  [[nodiscard]] LayoutPtr layout(const std::vector<Inline>& runs, const TextStyle& style, double width);

  // Limit LAYOUT to MAX_LINES lines, ellipsizing the last one (labels in
  // charts): at its end, or in its middle to keep the text's end visible.
  static void limit_lines(PangoLayout* layout, int max_lines, Cut cut = Cut::kEnd);

  [[nodiscard]] Dir dir() const { return dir_; }
  [[nodiscard]] bool rtl() const { return dir_ == Dir::kRtl; }
  [[nodiscard]] int unknown_glyphs() const { return unknown_glyphs_; }

 private:
  [[nodiscard]] LayoutPtr make(const TextStyle& style, double width);
  void finish(PangoLayout* layout, PangoAttrList* attrs, const TextStyle& style);

  Dir dir_;
  std::string family_;
  double line_height_ = 1.4;
  PangoFontMap* font_map_ = nullptr;
  PangoContext* context_ = nullptr;
  int unknown_glyphs_ = 0;
};

// The ASCII characters of line LINE of LAYOUT in the order they are drawn,
// left to right ('.' for each other character, '…' for an ellipsis): what a
// reader sees of dates and numbers, for tests of bidi order.
[[nodiscard]] std::string visual_ascii(PangoLayout* layout, int line);

// Size of a layout's logical extents in points.
struct Size {
  double width = 0;
  double height = 0;
};
[[nodiscard]] Size layout_size(PangoLayout* layout);

// The lines of a layout.
[[nodiscard]] std::vector<LineBox> line_boxes(PangoLayout* layout);

// Draws lines [FROM, TO) of LAYOUT so that line FROM's top is at Y and the
// layout's left edge is at X.
void draw_lines(cairo_t* cr, PangoLayout* layout, const std::vector<LineBox>& lines, size_t from, size_t to,
                double x, double y);

// Draws the whole layout with its top-left corner at (X, Y).
void draw_layout(cairo_t* cr, PangoLayout* layout, double x, double y);

}  // namespace sawt::render::detail
