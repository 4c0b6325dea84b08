// What kind of file an uploaded document is, decided from its bytes (magic
// numbers), never from the name or the Content-Type the uploader sent. Only
// kinds that a browser cannot run are accepted: PDF, PNG, JPEG, GIF, WebP and
// plain UTF-8 text. HTML, SVG, XML and anything that looks like markup are
// refused even when they are valid text, because a document is served back to
// browsers (as an attachment with nosniff, but defence in depth).
#pragma once

#include <string>
#include <string_view>

#include "util/error.h"

namespace sawt::io {

// The MIME type of BYTES ("application/pdf", "image/png", "image/jpeg",
// "image/gif", "image/webp", "text/plain; charset=utf-8"), or kBadInput with
// where = "file" naming what was found and what is accepted. Empty input is
// kBadInput too.
[[nodiscard]] Result<std::string> sniff_document_type(std::string_view bytes);

// The usual file name extension for a type from sniff_document_type ("pdf",
// "png", "jpg", "gif", "webp", "txt").
[[nodiscard]] std::string_view extension_for(std::string_view content_type);

}  // namespace sawt::io
