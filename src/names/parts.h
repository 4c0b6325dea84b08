// A guess of the parts of a full name — first, father, grandfather, family —
// following Syrian civil-record usage: "first father [grandfather] family",
// e.g. "محمد أحمد خالد الحموي". The guess works on tokens (tokens.h), so
// compounds and kunyas count as one part each.
//
// The heuristic, in order:
//  1. A comma puts the family first: "Hamwi, Mohammad Ahmad" -> family
//     "Hamwi", the rest is read by rules 3-4.
//  2. A first word in capitals followed by words that are not (official lists:
//     "HAMWI Mohammad Ahmad") is the family name, read as in rule 1.
//  3. Patronymic markers decide: the name before the first marker is the
//     first name, the name after it the father's, after a second marker the
//     grandfather's (further ones are appended to it); names after the last
//     patronym are the family ("Mohammed bin Rashid Al Maktoum").
//  4. Otherwise by count of name tokens: 1 first; 2 first family; 3 first
//     father family; 4 first father grandfather family; 5 or more: first
//     father grandfather, the rest is the family (Syrian family names of two
//     words, "Al Sheikh Ali", are common; middle names are not).
// A guess, not a fact: callers that have the parts as separate fields must
// use those. Thread-safety: pure, any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "names/tokens.h"

namespace sawt::names {

struct PartsGuess {
  std::string first;        // as written (token text), parts of several tokens joined by a space
  std::string father;
  std::string grandfather;
  std::string family;
  std::string rule;         // which rule decided: "comma", "capitals", "markers", "count"
};

// The guess for NAME (raw text). Empty parts stay empty; empty input gives
// an all-empty guess with rule "count".
[[nodiscard]] PartsGuess split_parts(std::string_view name);

}  // namespace sawt::names
