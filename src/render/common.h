// Internal to src/render/: the small pieces the HTML, PDF and chart writers
// share, so that both outputs clean text, isolate values, format numbers and
// name things in exactly the same way. Not for callers outside render/.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "render/document.h"

namespace sawt::render::detail {

// TEXT without C0 controls other than tab and newline; "\r\n" and lone "\r"
// become "\n". Expects valid UTF-8 (validate() has run).
[[nodiscard]] std::string clean_text(std::string_view text);

// True when the fixed words should be Arabic ("ar", "ar-SY", ...).
[[nodiscard]] bool arabic_words(std::string_view lang);

// True for languages written in the Arabic script (ar, fa, ur, ckb, ps, ...):
// they get the Arabic font first.
[[nodiscard]] bool arabic_script(std::string_view lang);

[[nodiscard]] std::string_view notice_label(NoticeKind kind, std::string_view lang);
[[nodiscard]] std::string_view notice_class(NoticeKind kind);  // "info", "missing", ...
[[nodiscard]] std::string page_label(int page, int pages, std::string_view lang);  // "Page 2 of 5"
[[nodiscard]] std::string_view data_label(std::string_view lang);  // "Data", "البيانات"

// 12, 1,234, 3.5, -0.25: integers without decimals, otherwise up to two
// significant decimals; thousands separated by commas from 10,000 up.
[[nodiscard]] std::string format_number(double v);

// Unicode bidi isolates: FSI TEXT PDI, line by line (an isolate must not span
// a paragraph separator).
[[nodiscard]] std::string isolate(std::string_view text);

}  // namespace sawt::render::detail
