// Internal helpers of the name engine (not part of its public interface):
// UTF-8 <-> code points and the character classes the other files share.
// Everything here is pure, allocation-light and thread-safe. Invalid UTF-8 is
// never an error for names: each bad byte decodes to U+FFFD, which the
// normalisers then treat as a separator, so a mangled byte can split a token
// but never crash or silently join two names.
#pragma once

#include <string>
#include <string_view>

namespace sawt::names::detail {

// Decodes UTF-8; invalid sequences become U+FFFD.
[[nodiscard]] std::u32string to_u32(std::string_view utf8);
[[nodiscard]] std::string to_utf8(std::u32string_view text);
void append_utf8(std::string& out, char32_t c);

// The Arabic letters after normalisation: U+0621..U+064A.
[[nodiscard]] constexpr bool is_arabic_letter(char32_t c) { return c >= 0x0621 && c <= 0x064A && c != 0x0640; }
// Any code point of the Arabic blocks (letters, marks, digits, presentation forms).
[[nodiscard]] constexpr bool is_arabic_block(char32_t c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF) ||
         (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}
[[nodiscard]] constexpr bool is_ascii_lower(char32_t c) { return c >= U'a' && c <= U'z'; }
[[nodiscard]] constexpr bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

}  // namespace sawt::names::detail
