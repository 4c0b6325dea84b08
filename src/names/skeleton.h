// Cross-script keys: the consonant skeleton that an Arabic name and its Latin
// spellings reduce to (محمد, Mohamed, Muhammad, Mouhamad, Mhd -> "mhmd").
//
// The fine key of a word is the string of its consonant letters:
//  - Arabic letters (normal form) through a fixed table that is what ICU's
//    "Arabic-Latin" transform gives once its diacritics are stripped
//    (ح ḥ -> h, خ kẖ -> kh, ث tẖ -> th, ص ṣ -> s, ط ṭ -> t, ظ ẓ -> z,
//    ض ḍ -> d, ق q, ...; tests/names/skeleton_test.cc holds the table against
//    ICU 72 letter by letter). ا and ع are vowels; و and ي are consonants
//    (w, y) at the start of a word and vowels elsewhere; a word-final ه
//    (and so every ة, folded to ه by normalisation) is dropped.
//  - Latin letters: doubled letters collapse (Mohammed -> mohamed); ch sch
//    -> sh; dj dsch dzh -> j; ph -> f; ck -> k; c -> s before e i y, else k;
//    x -> ks; v -> f; p -> b; vowels a e i o u are dropped; w and y as in
//    Arabic; initial "ou" + vowel is w (Ouassim); Arabizi digits 7 -> h,
//    5 -> kh, 6 -> t, 9 -> s, 8 -> q, 2 and 3 are vowels (hamza, ʿayn).
//  - A word that starts with a vowel (or ا, ع) gets the marker "a": Ahmad
//    "ahmd" is not Hamad "hmd".
// Digraphs are not units: kh, sh, th, dh, gh are just their two letters, so
// Tahsin and تحسين (ت then ح), Fathi and فتحي, Suhail and سهيل meet whether or
// not the Latin writes a vowel between the letters.
//
// The coarse key (the search key) is a function of the fine key alone, so
// whatever meets at the fine level meets at the coarse level: a final h is
// dropped unless it ends kh sh gh (Fatimah = Fatima = فاطمة; Latin cannot tell
// that h from the ح of Saleh = صالح, so that one goes too); then kh -> h
// (Russian- and Turkish-style Haled, Halil), gh -> g, th -> t, dh -> d
// (Thamer/Tamer, Adham), q -> k (Kassem = قاسم); a final t becomes d
// (Turkish Ahmet, Mehmet, Mahmut).
//
// Known misses (see tests/data/names/README.md for the measured figures):
// spellings that use another letter for the sound — Turkish/Persian/Urdu
// Osman (ث as s), Reza (ض as z), Cemal (c for ج); Egyptian Gamal (g for ج)
// and Bedouin or Maghrebi Gaddafi, Belgacem (g for ق): a lone Latin g is its
// own class because it stands for three Arabic letters; Maghrebi Brahim
// (no initial vowel); translations (Isaac, Moses). And, by construction,
// names that differ only in vowels share keys: Mahmoud and Mohammed are both
// "mhmd", Hasan/Husayn "hsn", Said/Saad "sd", Omar/Amr "amr". vowels_agree()
// and the similarity scores (similarity.h) separate most of those; a search
// layer must rank by similarity, not trust key equality alone.
//
// Compounds and kunyas are keyed part by part: "abd" + key(tail) (every
// spelling of 'Abd al-Rahman is "abdrhmn"), "ab" + key(tail) for Abu X (Abu
// Bakr "abbkr" is not 'Abd Bakr "abdbkr"), head + "dn" for X al-Din, and
// Allah is always "allh", a key no rule produces (Abdullah = Abdallah =
// عبد الله = "abdallh", not 'Abd al-Ilah = Abdelilah = عبد الإله "abdal").
//
// Keys are ASCII lower-case letters only, non-empty for a name token with a
// consonant or an initial vowel, and usable as FTS5 terms. Thread-safety:
// pure functions, any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "names/tokens.h"

namespace sawt::names {

enum class KeyLevel { kFine, kCoarse };

struct TokenKeys {
  std::string fine;
  std::string coarse;
};

// The keys of one normalised word in either script (no article handling, no
// compounds: the word is keyed as written). Empty for a word without letters.
[[nodiscard]] TokenKeys word_keys(std::string_view normalized_word);

// The keys of a token (see above for compounds); empty for tokens that are
// not names (markers, particles).
[[nodiscard]] TokenKeys token_keys(const Token& token);

// The keys of every name token of NAME (raw text in either script), joined
// by single spaces: skeleton("محمد عبد الرحمن") == "mhmd abdrhmn".
[[nodiscard]] std::string skeleton(std::string_view name, KeyLevel level = KeyLevel::kCoarse);

// The vowels a token writes around the consonant letters of its fine key:
// what keys leave out, kept to tell apart names whose keys are equal. Masks
// are sets of vowel classes (a, i, u, and Latin e, which may stand for any of
// them); slots[0] holds the vowels between the initial-vowel marker and the
// first consonant letter, slots[k] those after consonant letter k-1. Arabic
// writes only long vowels (ا a, ي i, و u); a word-final ي counts as a or i (it
// is also ى: مصطفى Mustafa) and a word-final و as unknown (the silent و of
// عمرو). For compounds and kunyas the pattern is that of the tail (heads are
// canonical).
struct VowelPattern {
  Script script = Script::kNone;
  std::uint8_t initial = 0;          // Latin: the class of the word's first vowel, if it starts with one
  std::vector<std::uint8_t> slots;   // one more than the letters of the fine key (marker excluded)
  // Arabic: the pattern of the name's usual reading, with the short vowels
  // (data/names/readings.tsv: محمد read muhammad), or null when not listed.
  // Points into a table that lives as long as the program.
  const VowelPattern* reading = nullptr;
};

[[nodiscard]] VowelPattern vowel_pattern(const Token& token);

// The vowel pattern of the listed reading of the Arabic name WORD (a token
// key, normalised), or null (data/names/readings.tsv). vowel_pattern() sets
// it; a pattern decoded from storage gets it from here.
[[nodiscard]] const VowelPattern* reading_of(std::string_view word);

// Whether two tokens' vowels can be spellings of the same name, for tokens
// whose keys are equal (with fine keys of different lengths the answer is
// true: nothing to align). The policy depends on the scripts:
//  - Arabic/Arabic: the long vowels must be the same in every slot (محمد and
//    محمود differ; داود and داوود agree). Arabic spelling of long vowels is
//    stable, so a difference is a different name.
//  - Arabic/Latin: when the Arabic name has a listed reading, the Latin
//    spelling's vowels must agree with it as two Latin spellings do (below):
//    Mahmud is not محمد (muhammad), Omar not عمار (ammaar). And always: a
//    long vowel written in the Arabic must meet a vowel of
//    the same class in the Latin, or none (محمود/Mohammed: و against e, no;
//    حسين/Hasan: no; سعيد/Saad: no). Latin e counts as a or i here. And two
//    Latin vowel letters in a row (a long vowel: Hussein, Mahmood, Saeed)
//    must meet a long vowel or an ʿayn in the Arabic (حسن/Hussein: no;
//    سعد/Saad: yes); "ou" counts only before the last consonant
//    (Mahmoud/محمد: no), as French spellings write it for a short u in a
//    first syllable (Moustafa, Mourad) and one that does so elsewhere may
//    do it there too (Youssouf/يوسف). Two French
//    conventions: "eu" is one short vowel (Ameur, Naceur: عامر ناصر), and a
//    final "-ine" is a long i (Hassine, Hocine, Amine: حسين, not حسن; أمين,
//    not أيمن).
//  - Latin/Latin: slot by slot the two spellings must share a vowel class or
//    one must write none, and so must the first vowels (Omar/Amr: o against
//    a, no; Mahmoud/Mohammed: a against o, no; Yusuf/Youssef: yes). Latin e
//    matches anything (Levantine spellings write e for every short vowel),
//    except beside i, y or e (Hussein's ei is an i: not Hassaan). Short
//    vowels that differ are forgiven when both spellings write an agreeing
//    long vowel (or "ou") in one slot: that is one Arabic spelling read with
//    other short vowels (Hassine/Hussein حسين, Hammoud/Humoud حمود); a slot
//    where one side writes a long vowel and the other a vowel of another
//    class is never forgiven (Hassan/Hussein, Hassine/Hassan).
// Other scripts (mixed, none): true.
[[nodiscard]] bool vowels_agree(const VowelPattern& a, const VowelPattern& b);
[[nodiscard]] bool vowels_agree(const Token& a, const Token& b);

// Whether two name tokens, one of them Latin, are one name once ذ and ظ and
// the Latin letters that write them are one class (the interdental fold): ذ
// is written dh, th or — as spoken in the Levant and Egypt — z (منذر:
// Mundher, Munther, Munzer), ظ dh or z (كاظم: Kadhim, Kazem). Keys cannot
// hold this (th is also ث and ت+ه, dh also ض and د+ه, z also ز), so it is a
// check of its own: the folded keys must be equal and the vowels agree, and
// both tokens must have a folded letter (Adham stays apart from عزام: Latin
// dh folds, Arabic ز does not). Between two Latin spellings only th and z
// fold (Munther, Munzer): a Latin dh is also د+ه, and Adham is not Azzam.
// Arabic/Arabic pairs are never folded (the letters are written); compounds
// and kunyas neither.
[[nodiscard]] bool interdental_match(const Token& a, const Token& b);

// The table from an Arabic letter (normal form, U+0627..U+064A) to the Latin
// letters the skeleton uses for it: "" for letters outside the table. Exposed
// so that the test can hold it against ICU's Arabic-Latin transform.
[[nodiscard]] std::string_view arabic_letter_latin(char32_t letter);

}  // namespace sawt::names
