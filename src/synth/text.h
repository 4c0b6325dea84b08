// Text-level noise and rendering for synthetic source records: the ways real
// list-keepers write the same Arabic name differently (hamza dropped, ة written
// ه, ى for ي, compound names run together, dotted letters confused) and the
// ways Latin spellings vary (letter-case conventions, the article al-/el-/none,
// typing slips). All functions are pure given the Rng state, so a record's text
// is reproducible from its seed.
//
// Input and output are UTF-8. Arabic functions leave non-Arabic characters
// untouched; Latin functions assume the lower-case ASCII spellings of
// data/synth/latin_variants.tsv.
#pragma once

#include <string>
#include <string_view>

#include "synth/random.h"
#include "synth/tables.h"

namespace sawt::synth {

// How a list-keeper writes Arabic. Each flag applies to the whole record, as
// a person's habits do; `typo` is a per-name-part probability of one slip.
struct ArabicHabits {
  bool drop_hamza = false;      // أ إ آ -> ا, ؤ -> و, ئ -> ي
  bool ta_as_ha = false;        // final ة -> ه
  bool ya_as_alef_maqsura = false;  // final ي -> ى (Egyptian habit) ...
  bool alef_maqsura_as_ya = false;  // ... or final ى -> ي
  bool join_compounds = false;  // عبد الرحمن -> عبدالرحمن
  double typo = 0;              // dotted-letter confusion, a dropped or doubled letter
};

// Applies the habits to one name part.
[[nodiscard]] std::string arabic_noise(std::string_view text, const ArabicHabits& habits, Rng& rng);

// One typing slip in a Latin word: a substitution (keyboard neighbour or vowel),
// a deletion, a doubled letter or a transposition. Text shorter than 3
// characters is returned unchanged.
[[nodiscard]] std::string latin_typo(std::string_view text, Rng& rng);

enum class LetterCase : std::uint8_t {
  kTitle,           // Abd Al-Rahman Al-Hamwi
  kTitleParticles,  // Abd al-Rahman al-Hamwi (particles al/el/ad/... stay lower case)
  kUpper,           // ABD AL-RAHMAN AL-HAMWI
  kLower,           // abd al-rahman al-hamwi
};

// Re-cases an ASCII Latin name (words split at spaces and hyphens).
[[nodiscard]] std::string apply_case(std::string_view latin, LetterCase letter_case);

// A family name's Latin form with its article rendered in `style`, e.g.
// ("hamwi", "الحموي", kElHyphen) -> "el-hamwi"; kAssimilated assimilates before
// sun letters only (ash-shami) and is al- otherwise. Lower case.
[[nodiscard]] std::string render_article(std::string_view stem, std::string_view arabic, ArticleStyle style);

// Removes a leading definite article ال from Arabic text (الحموي -> حموي).
[[nodiscard]] std::string drop_arabic_article(std::string_view arabic);

// True when the text contains at least one Arabic letter (U+0600..U+06FF).
[[nodiscard]] bool has_arabic(std::string_view text);

}  // namespace sawt::synth
