// A Document as PDF: A4, typeset with Pango (Arabic shaped by HarfBuzz,
// mixed-direction text ordered by the bidi algorithm) and drawn with Cairo.
// Text stays text (selectable, searchable, extractable by pdftotext in
// logical order); charts are drawn as vector graphics on the page.
//
// Invariants:
//  1. Nothing touches the disk: the PDF is written to memory through
//     cairo_pdf_surface_create_for_stream and returned. These documents hold
//     the names of people at risk; only the caller decides where bytes go.
//  2. Pages are A4 (595 x 842 pt) with 2 cm side margins. Blocks break across
//     pages: paragraphs and list items between lines (no single orphan line
//     at the bottom of a page), tables between rows with the header repeated
//     on every page (a row taller than a page is split between lines),
//     headings stay with what follows them, charts are never split.
//  3. Every page carries the footer text and "Page n of N"; pages after the
//     first carry the title as a running header.
//  4. Right-to-left documents are mirrored: text starts on the right, the
//     first table column is on the right, bullets and notice bars are on the
//     right.
//  5. The PDF's metadata: title = the document's title, creator = "sawt";
//     headings become the PDF outline (bookmarks).
//
// Thread-safety: safe to call from any number of threads at once. Each call
// builds its own PangoFontMap, PangoContext and Cairo surface and shares no
// mutable state; fontconfig (>= 2.13), FreeType access through Cairo, and
// HarfBuzz are thread-safe. Tested with concurrent renders
// (tests/render/pdf_test.cc).
#pragma once

#include <string>

#include "render/document.h"
#include "util/error.h"

namespace sawt::render {

struct PdfOutput {
  std::string bytes;       // the PDF file
  int pages = 0;
  int unknown_glyphs = 0;  // characters no installed font could draw (shown as boxes); 0 is expected
};

// The PDF of DOC. kBadInput if DOC fails validate(); kInternal if Cairo fails.
[[nodiscard]] Result<PdfOutput> render_pdf(const Document& doc);

// render_pdf(doc)->bytes.
[[nodiscard]] Result<std::string> to_pdf(const Document& doc);

}  // namespace sawt::render
