// Tokenisation of a written name into name tokens, keeping compound names
// whole. Arabic names are built from parts that a Latin spelling may write as
// one word or three ("عبد الرحمن", "Abdulrahman", "Abd al-Rahman"): a token is
// one *name*, whatever the spacing. The rules, in the order they are tried at
// each word (tests/data/names/tokens.tsv is the golden table):
//
//  1. Patronymic markers bin ibn ben bint bent ould / بن ابن بنت ولد become a
//     kPatronymicMarker token; the next name token gets `patronym = true` (it
//     is the father's name, or the grandfather's after a second marker).
//     Latin "ben"/"bin" as the very first word is a given name (Ben).
//  2. Kunya: Abu/Abou/Abo/Aboo/Abi/Aba or ابو/ابي/ابا + the next name (an
//     article between is skipped) is ONE kKunya token ("Abu Bakr"). Written
//     as one word ("Aboubakr", "Abulhassan", "ابوبكر") it is split when the
//     rest has at least three letters and starts with a consonant.
//  3. 'Abd al-X: عبد / abd abdul abdel abdal abdil abdol abdoul abdur abder
//     abdar abdus abdes abdas abdun abden abdush abdesh (abdu abdou abdo abed
//     only before an explicit article) + the next name is ONE kCompound token.
//     A lone Abdul/Abdel (no name after it) is a given name keyed "abd". One
//     word starting with "abd" is split when what follows is a connector
//     (vowel + l as in Abdulaziz, vowel + doubled consonant as in Abdurrahman,
//     Abdessalam) and a name, or a name of two or more consonants (Abdrabbo,
//     Abdirahman); عبد + at least three letters likewise (عبدالرحمن, عبدربه).
//     "Abdo", "Abdou", "Abduh", "Abdoun", "عبده", "عبدو" stay given names.
//  4. -allah: a name followed by Allah (الله, allah ullah ollah illah ellah
//     alla ulla) is one compound; so is one word ending in الله (two letters
//     before) or in allah ullah ollah illah ellah alla ulla (three letters
//     before): Nasrallah, نصرالله, Fath Allah.
//  5. -al-Din: a name followed by الدين, or by an optional article and
//     din/dine/deen/ddin/ddine/eddine/eddin/uddin/uddine/addin/iddin/aldin/
//     eldin/uldin/uddeen/eddeen/aldeen/eldeen, is one compound (Nour al-Din,
//     Nour Eddine, Nur ad-Din). One word ending in الدين, or in a doubled-d
//     form (Noureddine, Nuruddin, Alaeddin, Salaheddine, Nouraldin), or in a
//     single-d form (Nouredine, Kamaledin) when the stem is a known -din stem.
//  6. The article al-/el-/ال (and Latin ul, and the assimilated forms ad ar as
//     at az an ash ath adh, ed er es et ez en esh, ud ur us ut un ush when the
//     next word starts with the same consonant: "ar-Rahman", "as Sayyid") is
//     attached to the next name: its `article` is set, `text` keeps it and
//     `key` drops it. Arabic: a word written with ال or ٱل (not أل/إل, which
//     are Ilham, Ilyas...) and at least two letters after it, except a short
//     list of names that merely start with those letters (الياس الهام الفت
//     الله ...); آل ("family of") likewise. Latin glued "al"/"el" + at least
//     three letters starting with a consonant other than w, y, l (Alhamwi,
//     Elmasri; not Alwan, Allal) is split, except a list of names (Albert,
//     Alfred, Elham, Elvis, ...). An article with no name after it is a
//     kParticle token.
//  7. Latin abbreviations of Muhammad (mhd mohd muhd mhmd mouhd mohmd mhmmd)
//     get the key "muhammad". Everything else is a kGiven token.
//
// Keys: `key` is the normal form (normalize.h) with the article dropped and a
// compound's parts joined with no space: head + tail, e.g. "عبدرحمن" /
// "abdrahman" (every spelling of 'Abd al-Rahman gives the same Latin key
// "abd" + tail), "عبدالله" / "abdallah", "نوردين" / "nourdin", "ابوبكر" /
// "abubakr". Heads are canonical for Abd (عبد, abd) and Abu (ابو, abu); a
// -din or -allah head keeps its own spelling. Keys are single terms: letters
// and digits only, no spaces.
//
// Thread-safety: pure functions, safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "names/normalize.h"

namespace sawt::names {

enum class TokenKind {
  kGiven,             // one simple name: Mohammad, حموي
  kCompound,          // 'Abd al-X, X-allah, X-al-Din
  kKunya,             // Abu X
  kParticle,          // an article with no name after it
  kPatronymicMarker,  // bin, ibn, bint, بن ...
};

// "given", "compound", "kunya", "particle", "patronymic_marker".
[[nodiscard]] std::string_view token_kind_name(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::kGiven;
  Script script = Script::kNone;
  std::string text;       // the words as written in the input, e.g. "Abd al-Rahman", "al-Hamwi"
  std::string key;        // normal form without article, compound parts joined (see above)
  std::string head;       // compounds and kunyas: first part of key ("abd", "ابو", "nour"); else empty
  std::string tail;       // compounds and kunyas: second part of key ("rahman", "بكر", "din", "allah")
  bool article = false;   // the name was written with an article (dropped from key)
  bool patronym = false;  // introduced by a patronymic marker: a father's or grandfather's name

  // Name tokens are what gets compared, split into parts and indexed.
  [[nodiscard]] bool is_name() const {
    return kind == TokenKind::kGiven || kind == TokenKind::kCompound || kind == TokenKind::kKunya;
  }
};

// The tokens of NAME in written order. Empty or letterless input gives an
// empty vector; tokenisation never fails.
[[nodiscard]] std::vector<Token> tokenize(std::string_view name);

}  // namespace sawt::names
