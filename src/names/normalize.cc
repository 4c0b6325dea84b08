#include "names/normalize.h"

#include <memory>
#include <stdexcept>

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include "names/text.h"

namespace sawt::names {
namespace {

// NFKC through ICU; the instance is a process-wide singleton owned by ICU
// and documented as thread-safe.
std::u32string nfkc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC normaliser unavailable");
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString out = nfkc->normalize(s, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC normalisation failed");
  std::string utf8;
  out.toUTF8String(utf8);
  return detail::to_u32(utf8);
}

bool is_format_control(char32_t c) {
  return c == 0x061C || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF || c == 0x00AD;
}

// Signs that write ʿayn, hamza or elision inside a word: removed, not spaced.
bool is_apostrophe(char32_t c) {
  switch (c) {
    case U'\'': case U'`': case 0x00B4: case 0x02B9: case 0x02BB: case 0x02BC: case 0x02BD:
    case 0x02BE: case 0x02BF: case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0x02C8:
      return true;
    default:
      return false;
  }
}

// The Arabic folding of one code point: the replacement, or 0 to drop it.
// Code points outside the table are returned unchanged.
char32_t fold_arabic(char32_t c) {
  if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED) || c == 0x0640 ||
      c == 0x0621) {
    return 0;  // tashkeel, superscript alef, Quranic marks, tatweel, lone hamza
  }
  if (c >= 0x0660 && c <= 0x0669) return U'0' + (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return U'0' + (c - 0x06F0);
  switch (c) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673: case 0x0675:
      return 0x0627;  // alef forms -> ا
    case 0x0649: case 0x0626: case 0x0678: case 0x06CC: case 0x06D0: case 0x06CE: case 0x06D2: case 0x06D3:
      return 0x064A;  // ى ئ and Persian/Urdu/Kurdish yeh -> ي
    case 0x0629: case 0x06C1: case 0x06C2: case 0x06BE: case 0x06D5: case 0x06C0:
      return 0x0647;  // ة and heh variants -> ه
    case 0x0624: case 0x0676: case 0x06C6: case 0x06C7: case 0x06C8: case 0x06CB: case 0x06C5: case 0x06C9:
      return 0x0648;  // ؤ and Kurdish/Uyghur waw variants -> و
    case 0x06A9: case 0x06AA: case 0x06AF: case 0x06AB: case 0x06B3:
      return 0x0643;  // keheh, gaf -> ك
    case 0x067E: return 0x0628;  // پ -> ب
    case 0x0686: return 0x062C;  // چ -> ج
    case 0x0698: return 0x0632;  // ژ -> ز
    case 0x06A4: case 0x06A5: return 0x0641;  // ڤ -> ف
    case 0x0695: return 0x0631;  // ڕ -> ر
    case 0x06B5: return 0x0644;  // ڵ -> ل
    case 0x06BA: return 0x0646;  // ں -> ن
    case 0x060C: case 0x061B: case 0x061F: case 0x066A: case 0x066B: case 0x066C: case 0x06D4:
      return U' ';  // Arabic punctuation
    default:
      return c;
  }
}

// The shared last stage: apostrophes removed, every other code point that is
// neither a letter nor a digit becomes a space, spaces collapsed and trimmed.
std::string clean_and_collapse(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  bool pending_space = false;
  for (char32_t c : text) {
    if (is_apostrophe(c) || is_format_control(c)) continue;
    const bool keep = u_isalnum(static_cast<UChar32>(c)) != 0 && c != 0xFFFD;
    if (!keep) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    detail::append_utf8(out, c);
  }
  return out;
}

std::u32string fold_arabic_text(std::string_view text) {
  std::u32string in = nfkc(text);
  std::u32string out;
  out.reserve(in.size());
  for (char32_t c : in) {
    if (is_format_control(c)) continue;
    if (char32_t f = fold_arabic(c); f != 0) out.push_back(f);
  }
  return out;
}

const icu::Transliterator& latin_prototype() {
  static const std::unique_ptr<icu::Transliterator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "NFD; [:Nonspacing Mark:] Remove; NFC; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !t) throw std::runtime_error("ICU transliterator Latin-ASCII unavailable");
    return t;
  }();
  return *prototype;
}

const icu::Transliterator& latin_transliterator() {
  thread_local const std::unique_ptr<icu::Transliterator> mine(latin_prototype().clone());
  return *mine;
}

// Text that the Latin chain below leaves as it is, but for ASCII case: ASCII
// and Arabic base letters without a canonical decomposition (أ إ آ ؤ ئ have
// one: NFD would split off their hamza or madda). Normalised Arabic is all
// such letters, so most names take the fast path and skip ICU.
bool latin_chain_is_identity(std::u32string_view text) {
  for (char32_t c : text) {
    if (c < 0x80) continue;
    if (c >= 0x0621 && c <= 0x064A && (c < 0x0622 || c > 0x0626)) continue;
    return false;
  }
  return true;
}

std::u32string fold_latin_text(std::u32string_view text) {
  if (latin_chain_is_identity(text)) {
    std::u32string out(text);
    for (char32_t& c : out) {
      if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
    }
    return out;
  }
  std::u32string pre;
  pre.reserve(text.size() + 4);
  for (char32_t c : text) {
    if (c == 0x015E || c == 0x015F || c == 0x0218 || c == 0x0219) {
      pre += U"sh";  // ş ș
    } else if (c == 0x00C7 || c == 0x00E7) {
      pre += U"s";  // ç: French and Maghrebi spellings (Fayçal = فيصل)
    } else {
      pre.push_back(c);
    }
  }
  icu::UnicodeString s = icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(pre.data()),
                                                       static_cast<int32_t>(pre.size()));
  s.foldCase();
  latin_transliterator().transliterate(s);
  s.foldCase();  // Latin-ASCII may emit capitals (e.g. Æ -> AE)
  std::string utf8;
  s.toUTF8String(utf8);
  return detail::to_u32(utf8);
}

}  // namespace

std::string_view script_name(Script script) {
  switch (script) {
    case Script::kNone: return "none";
    case Script::kArabic: return "arabic";
    case Script::kLatin: return "latin";
    case Script::kMixed: return "mixed";
  }
  return "none";
}

Script detect_script(std::string_view text) {
  bool arabic = false, latin = false, other = false;
  for (char32_t c : detail::to_u32(text)) {
    if (!u_isalpha(static_cast<UChar32>(c))) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &status);
    if (sc == USCRIPT_ARABIC) {
      arabic = true;
    } else if (sc == USCRIPT_LATIN) {
      latin = true;
    } else if (sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED) {
      other = true;
    }
  }
  if (other || (arabic && latin)) return Script::kMixed;
  if (arabic) return Script::kArabic;
  if (latin) return Script::kLatin;
  return Script::kNone;
}

std::string normalize_arabic(std::string_view text) { return clean_and_collapse(fold_arabic_text(text)); }

std::string normalize_latin(std::string_view text) { return clean_and_collapse(fold_latin_text(nfkc(text))); }

std::string normalize_name(std::string_view text) {
  return clean_and_collapse(fold_latin_text(fold_arabic_text(text)));
}

}  // namespace sawt::names
