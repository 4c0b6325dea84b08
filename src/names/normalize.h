// Normal forms of names, the first step of every comparison and key. A normal
// form is what two spellings of the same written name have in common once the
// differences that carry no identity are removed: shapes of alef and hamza,
// tashkeel, tatweel, presentation forms, Persian/Kurdish letter variants and
// digit shapes in Arabic; case, diacritics and apostrophes in Latin.
//
// Invariants (tested in tests/names/normalize_test.cc and the golden table
// tests/data/names/normalize.tsv):
//  1. The output is NFC UTF-8 made of letters, digits and single spaces, with
//     no leading or trailing space; Arabic-Indic digits become ASCII.
//  2. Every function is idempotent: f(f(x)) == f(x).
//  3. Arabic letters in the output are the base letters U+0627..U+064A
//     without ة ى أ إ آ ؤ ئ ء and tatweel, except extended letters the table
//     below does not fold (rare outside Urdu and Pashto: ٹ ڈ ځ ...). Latin
//     letters in normalize_latin/normalize_name output are a-z.
//
// Thread-safety: every function is safe to call from any number of threads.
// The ICU transliterator behind normalize_latin is built once per process and
// cloned once per thread on first use (ICU does not promise that one
// Transliterator may be shared between threads).
#pragma once

#include <string>
#include <string_view>

namespace sawt::names {

enum class Script {
  kNone,    // no letters at all (empty, digits, punctuation)
  kArabic,  // only Arabic-script letters
  kLatin,   // only Latin-script letters
  kMixed,   // letters of both, or of any other script
};

// "none", "arabic", "latin", "mixed".
[[nodiscard]] std::string_view script_name(Script script);

// The scripts of the letters in TEXT (digits, spaces and punctuation are ignored).
[[nodiscard]] Script detect_script(std::string_view text);

// Arabic-script normalisation. In this order: NFKC (presentation forms
// U+FB50..FDFF, U+FE70..FEFF and the ﻻ ligatures become base letters); bidi and
// zero-width controls removed; tashkeel U+064B..U+065F, superscript alef
// U+0670, Quranic marks U+06D6..U+06ED and tatweel U+0640 removed; alef forms
// أ إ آ ٱ ٲ ٳ ٵ -> ا; ى -> ي; ة -> ه; hamza on a seat ؤ -> و, ئ -> ي; a lone
// hamza ء is dropped; Persian, Urdu and Kurdish letters fold to the Arabic
// letter Syrian civil records write for them: ی ې ێ ے -> ي, ک ڪ گ -> ك (گ is
// "g", but Syrian registers write Kurdish g with ك), ہ ھ ە ۀ -> ه, پ -> ب,
// چ -> ج, ژ -> ز, ڤ -> ف, ۆ ۇ ۈ ۋ -> و, ڕ -> ر, ڵ -> ل, ں -> ن; Arabic-Indic
// and Extended Arabic-Indic digits -> ASCII; Arabic punctuation (، ؛ ؟ ...)
// and any white space -> one space; trimmed. Characters of other scripts
// pass through NFKC-normalised but otherwise unchanged (no case folding);
// apostrophes and other punctuation are treated as in normalize_latin.
[[nodiscard]] std::string normalize_arabic(std::string_view text);

// Latin-script normalisation: NFKC; ş ș -> "sh" (Turkish and Romanian write
// the sound with a cedilla that would otherwise vanish); ç -> "s" (French and
// Maghrebi spellings: Fayçal = فيصل; Turkish ç is wrong then); case folding;
// diacritics removed (ICU "NFD; [:Nonspacing Mark:] Remove; NFC; Latin-ASCII",
// so ø -> o, ł -> l, ß -> ss, æ -> ae, ı -> i); apostrophes and ʿayn/hamza
// signs (' ` ´ ʻ ʼ ʽ ʾ ʿ ‘ ’ ′) removed without a space (Sa'id -> said);
// hyphens and any other punctuation -> space; white space collapsed; trimmed.
// Meant for Latin text: other scripts pass through, minus combining marks.
[[nodiscard]] std::string normalize_latin(std::string_view text);

// Both normalisations, for text in either script or a mix: what the rest of
// the name engine uses. Equivalent to normalize_latin(normalize_arabic(text)).
[[nodiscard]] std::string normalize_name(std::string_view text);

}  // namespace sawt::names
