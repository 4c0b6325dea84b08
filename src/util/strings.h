// Small string helpers used across modules (UTF-8 aware where it matters).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sawt {

[[nodiscard]] std::string_view trim(std::string_view s);
[[nodiscard]] std::string to_lower_ascii(std::string_view s);
[[nodiscard]] std::vector<std::string> split(std::string_view s, char sep);
[[nodiscard]] std::string join(const std::vector<std::string>& parts, std::string_view sep);
// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
[[nodiscard]] bool is_valid_utf8(std::string_view s);
// Lower-case hex of raw bytes.
[[nodiscard]] std::string to_hex(std::string_view bytes);
[[nodiscard]] inline std::string to_hex(const std::string& bytes) { return to_hex(std::string_view(bytes)); }

}  // namespace sawt

namespace sawt {
// True when `s` contains a letter of the Arabic script (U+0600–U+06FF, U+0750–U+077F, U+08A0–U+08FF, presentation forms).
[[nodiscard]] bool contains_arabic(std::string_view s);
}  // namespace sawt
