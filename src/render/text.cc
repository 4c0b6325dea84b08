#include "render/text.h"

#include <glib-object.h>

#include <cassert>

#include "render/common.h"

namespace sawt::render::detail {

void GObjectUnref::operator()(void* p) const {
  if (p != nullptr) g_object_unref(p);
}

TextEngine::TextEngine(std::string_view lang, Dir dir) : dir_(dir) {
  // Noto Sans Arabic rather than Noto Naskh Arabic: Naskh draws lam-alef as
  // two overlapping glyphs, which text extractors (poppler, hence many PDF
  // search tools) scatter across lines; Sans Arabic's single ligature glyph
  // keeps copy-and-paste of names usable.
  if (arabic_script(lang)) {
    family_ = "Noto Sans Arabic,Noto Sans";
    line_height_ = 1.75;
  } else {
    family_ = "Noto Sans,Noto Sans Arabic";
  }
  font_map_ = pango_cairo_font_map_new();
  context_ = pango_font_map_create_context(font_map_);
  pango_cairo_context_set_resolution(context_, 72.0);
  pango_context_set_base_dir(context_, dir == Dir::kRtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  PangoLanguage* language = pango_language_from_string(std::string(lang).c_str());
  pango_context_set_language(context_, language);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(context_, options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(context_, FALSE);
}

TextEngine::~TextEngine() {
  if (context_ != nullptr) g_object_unref(context_);
  if (font_map_ != nullptr) g_object_unref(font_map_);
}

void TextEngine::attach(cairo_t* cr) {
  // Keeps our resolution and font options: update_context only copies the
  // target's transformation and font options where we set none.
  pango_cairo_update_context(cr, context_);
  pango_cairo_context_set_resolution(context_, 72.0);
}

LayoutPtr TextEngine::make(const TextStyle& style, double width) {
  PangoLayout* raw = pango_layout_new(context_);
  LayoutPtr layout(raw, GObjectUnref{});
  PangoFontDescription* font = pango_font_description_from_string(family_.c_str());
  pango_font_description_set_size(font, static_cast<gint>(style.size * PANGO_SCALE));
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(raw, font);
  pango_font_description_free(font);
  pango_layout_set_auto_dir(raw, FALSE);
  if (width > 0) {
    pango_layout_set_width(raw, pango_units_from_double(width));
    pango_layout_set_wrap(raw, PANGO_WRAP_WORD_CHAR);
  }
  // Pango's LEFT/RIGHT are physical when auto-dir is off.
  PangoAlignment align = PANGO_ALIGN_CENTER;
  if (style.align == Align::kStart) align = rtl() ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
  if (style.align == Align::kEnd) align = rtl() ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
  pango_layout_set_alignment(raw, align);
  return layout;
}

// Sets the attributes (ATTRS plus the line height; takes ATTRS) and counts missing glyphs.
void TextEngine::finish(PangoLayout* layout, PangoAttrList* attrs, const TextStyle& style) {
  const double em = style.line_height > 0 ? style.line_height : line_height_;
  PangoAttribute* height = pango_attr_line_height_new_absolute(static_cast<int>(style.size * em * PANGO_SCALE));
  pango_attr_list_insert(attrs, height);  // covers the whole text by default
  // A word broken across lines gets no hyphen: Arabic is never hyphenated, and
  // a hyphen inside a case number or a name would read as part of it.
  pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
  pango_layout_set_attributes(layout, attrs);
  pango_attr_list_unref(attrs);
  unknown_glyphs_ += pango_layout_get_unknown_glyphs_count(layout);
}

LayoutPtr TextEngine::layout(std::string_view text, const TextStyle& style, double width) {
  auto out = make(style, width);
  pango_layout_set_text(out.get(), text.data(), static_cast<int>(text.size()));
  finish(out.get(), pango_attr_list_new(), style);
  return out;
}

LayoutPtr TextEngine::layout(const std::vector<Inline>& runs, const TextStyle& style, double width) {
  std::string all;
  PangoAttrList* attrs = pango_attr_list_new();
  for (const auto& run : runs) {
    const std::string cleaned = clean_text(run.text);
    const std::string piece = run.isolate ? isolate(cleaned) : cleaned;
    const auto start = static_cast<guint>(all.size());
    all += piece;
    const auto end = static_cast<guint>(all.size());
    if (run.bold && !style.bold) {
      PangoAttribute* a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
      a->start_index = start;
      a->end_index = end;
      pango_attr_list_insert(attrs, a);
    }
    if (run.italic) {
      PangoAttribute* a = pango_attr_style_new(PANGO_STYLE_ITALIC);
      a->start_index = start;
      a->end_index = end;
      pango_attr_list_insert(attrs, a);
    }
  }
  auto out = make(style, width);
  pango_layout_set_text(out.get(), all.data(), static_cast<int>(all.size()));
  finish(out.get(), attrs, style);
  return out;
}

void TextEngine::limit_lines(PangoLayout* layout, int max_lines, Cut cut) {
  assert(max_lines > 0);
  pango_layout_set_height(layout, -max_lines);
  pango_layout_set_ellipsize(layout, cut == Cut::kMiddle ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_END);
}

std::string visual_ascii(PangoLayout* layout, int line_no) {
  std::string out;
  PangoLayoutLine* line = pango_layout_get_line_readonly(layout, line_no);
  if (line == nullptr) return out;
  const char* text = pango_layout_get_text(layout);
  // Runs are in visual order, and so are the glyphs of each run; a glyph's
  // cluster gives the character it draws. The ellipsis is a run of its own
  // (flagged) whose item spans the text it replaces.
  for (GSList* l = line->runs; l != nullptr; l = l->next) {
    const auto* run = static_cast<PangoGlyphItem*>(l->data);
    if ((run->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS) != 0) {
      out += "…";
      continue;
    }
    for (int g = 0; g < run->glyphs->num_glyphs; ++g) {
      const auto c = static_cast<unsigned char>(text[run->item->offset + run->glyphs->log_clusters[g]]);
      if (c < 0x80) {
        out += static_cast<char>(c);
      } else if (c >= 0xc0) {
        out += '.';
      }
    }
  }
  return out;
}

Size layout_size(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return {pango_units_to_double(logical.width), pango_units_to_double(logical.height)};
}

std::vector<LineBox> line_boxes(PangoLayout* layout) {
  std::vector<LineBox> out;
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    out.push_back(LineBox{.top = pango_units_to_double(logical.y),
                          .height = pango_units_to_double(logical.height),
                          .baseline = pango_units_to_double(pango_layout_iter_get_baseline(iter)),
                          .x = pango_units_to_double(logical.x)});
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return out;
}

void draw_lines(cairo_t* cr, PangoLayout* layout, const std::vector<LineBox>& lines, size_t from, size_t to,
                double x, double y) {
  if (from >= to || from >= lines.size()) return;
  const double top = lines[from].top;
  for (size_t i = from; i < to && i < lines.size(); ++i) {
    PangoLayoutLine* line = pango_layout_get_line_readonly(layout, static_cast<int>(i));
    if (line == nullptr) break;
    cairo_move_to(cr, x + lines[i].x, y + lines[i].baseline - top);
    pango_cairo_show_layout_line(cr, line);
  }
}

void draw_layout(cairo_t* cr, PangoLayout* layout, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
}

}  // namespace sawt::render::detail
