// A Document as one self-contained HTML file: inline CSS, charts as inline
// SVG, no scripts, and nothing fetched from anywhere (a Content-Security-
// Policy forbids it even if a value smuggled markup in). Opened from an
// e-mail attachment or a USB stick, it shows the same content as the PDF.
//
// Invariants:
//  1. Every text value is HTML-escaped (& < > " '); the only markup is ours.
//  2. No external reference: no http(s) URL, no protocol-relative "//", no
//     CSS url() other than data: — fonts are the reader's installed fonts
//     (Noto first), charts are inline SVG whose ids are prefixed per chart.
//  3. Direction is real RTL: <html lang dir>, logical CSS properties
//     (margin-inline-start, border-inline-start, text-align: start), <bdi>
//     around values; tables follow the direction (first column on the right).
//  4. Print-friendly: A4 @page, headings kept with their text, table headers
//     repeated, rows and charts not split, the interactive data tables of
//     charts hidden in print.
//
// Thread-safety: safe to call from any number of threads at once (charts are
// painted with a per-call Pango font map, see render/chart.h).
#pragma once

#include <string>
#include <string_view>

#include "render/document.h"
#include "util/error.h"

namespace sawt::render {

// The HTML of DOC, UTF-8. kBadInput if DOC fails validate(); kInternal if a
// chart cannot be drawn.
[[nodiscard]] Result<std::string> to_html(const Document& doc);

// TEXT with & < > " ' replaced by entities; safe in element content and in
// quoted attribute values.
[[nodiscard]] std::string html_escape(std::string_view text);

}  // namespace sawt::render
