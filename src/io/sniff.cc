#include "io/sniff.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "util/strings.h"

namespace sawt::io {

namespace {

bool starts(std::string_view bytes, std::string_view magic) { return bytes.starts_with(magic); }

// Text that a browser or viewer might treat as markup: an opening '<' as the
// first visible character (HTML, SVG, XML), after an optional BOM.
bool looks_like_markup(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const auto first = std::find_if(text.begin(), text.end(),
                                  [](char c) { return !std::isspace(static_cast<unsigned char>(c)); });
  if (first != text.end() && *first == '<') return true;
  std::string lower(text.substr(0, 1024));
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* tag : {"<html", "<script", "<svg", "<!doctype", "<?xml", "<iframe", "<body"}) {
    if (lower.find(tag) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

Result<std::string> sniff_document_type(std::string_view bytes) {
  if (bytes.empty()) {
    return fail(ErrorKind::kBadInput, "the document is empty", "file",
                "choose a PDF, an image or a text file");
  }
  if (starts(bytes, "%PDF-")) return std::string("application/pdf");
  if (starts(bytes, "\x89PNG\r\n\x1a\n")) return std::string("image/png");
  if (starts(bytes, "\xFF\xD8\xFF")) return std::string("image/jpeg");
  if (starts(bytes, "GIF87a") || starts(bytes, "GIF89a")) return std::string("image/gif");
  if (bytes.size() >= 12 && starts(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP")
    return std::string("image/webp");
  const bool binary = bytes.find('\0') != std::string_view::npos;
  if (!binary && is_valid_utf8(bytes)) {
    if (looks_like_markup(bytes)) {
      return fail(ErrorKind::kBadInput, "the document looks like HTML, SVG or XML, which is not accepted",
                  "file", "save it as PDF (print to PDF) or as plain text");
    }
    return std::string("text/plain; charset=utf-8");
  }
  return fail(ErrorKind::kBadInput,
              "the document is not a PDF, an image (PNG, JPEG, GIF, WebP) or UTF-8 text", "file",
              "convert it to PDF first");
}

std::string_view extension_for(std::string_view content_type) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kExtensions = {{
      {"application/pdf", "pdf"},
      {"image/png", "png"},
      {"image/jpeg", "jpg"},
      {"image/gif", "gif"},
      {"image/webp", "webp"},
      {"text/plain; charset=utf-8", "txt"},
  }};
  for (const auto& [type, ext] : kExtensions) {
    if (type == content_type) return ext;
  }
  return "bin";
}

}  // namespace sawt::io
