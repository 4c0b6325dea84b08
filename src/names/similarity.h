// String and name similarity. Two layers:
//
//  - Kernels over code points (never bytes): Jaro, Jaro-Winkler and the
//    optimal string alignment distance (the *restricted* Damerau-Levenshtein:
//    insertions, deletions, substitutions and transpositions of adjacent
//    characters, no substring edited twice, so OSA("ca", "abc") == 3 where
//    unrestricted Damerau-Levenshtein gives 2). They do not allocate for
//    strings up to 64 code points, and the UTF-8 overloads take an ASCII fast
//    path; they are meant to run on millions of pairs.
//
//  - Name similarity on parsed names (tokens.h + skeleton.h). Parse once
//    (parse_name), compare many times. token_similarity() in [0, 1]:
//      1     same key (normal form without article);
//      else with equal coarse keys, by vowels_agree():
//              0.95 (fine keys equal too) or 0.90 if the vowels agree,
//              0.60 if they do not (Mahmoud/Mohammed, محمد/محمود);
//            in one script that score is blended 0.7/0.3 with the
//            Jaro-Winkler of the keys;
//      else  0.85 x Jaro-Winkler of the coarse keys, and in one script at
//            least 0.85 x Jaro-Winkler of the keys (typos);
//      x 0.6 when one token is a kunya and the other is not (Abu Bakr is not
//            'Abd Bakr).
//    name_similarity() aligns the name tokens of two names by the assignment
//    that maximises the summed token similarity (pairs below 0.75 stay
//    unmatched), then divides by min(n, m) + 0.25 x |n - m| tokens, so that a
//    name missing its grandfather (3 against 4 tokens) still scores about
//    0.92 and a lone first name against a full name about 0.57. Order is a
//    mild signal: each crossing of the alignment costs 8% (at most three),
//    where moving the family name from the end to the front (official lists)
//    is free: "Hamwi Mohammad Ahmad" = "Mohammad Ahmad Hamwi", while
//    "Ahmad Mohammad Hamwi" (first and father swapped: maybe a brother)
//    scores 0.92. At most kMaxNameTokens tokens of each name are compared.
//
// Thread-safety: pure functions, any thread.
#pragma once

#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "names/skeleton.h"
#include "names/tokens.h"

namespace sawt::names {

// Jaro similarity in [0, 1]; 1 for two empty strings, 0 if only one is empty.
[[nodiscard]] double jaro(std::u32string_view a, std::u32string_view b);

// Jaro-Winkler: Jaro + l * 0.1 * (1 - Jaro), l the common prefix (at most 4),
// applied only when Jaro exceeds 0.7 (Winkler's boost threshold).
[[nodiscard]] double jaro_winkler(std::u32string_view a, std::u32string_view b);
[[nodiscard]] double jaro_winkler(std::string_view utf8_a, std::string_view utf8_b);

// Optimal string alignment distance (see above).
[[nodiscard]] int osa_distance(std::u32string_view a, std::u32string_view b);
[[nodiscard]] int osa_distance(std::string_view utf8_a, std::string_view utf8_b);

// 1 - osa_distance / max(length); 1 for two empty strings.
[[nodiscard]] double osa_similarity(std::string_view utf8_a, std::string_view utf8_b);

inline constexpr std::size_t kMaxNameTokens = 8;

// A name token with everything the comparison needs, computed once.
struct NameToken {
  Token token;
  TokenKeys keys;
  VowelPattern vowels;
};

struct ParsedName {
  std::vector<NameToken> tokens;  // name tokens only (no markers or particles), at most kMaxNameTokens
};

[[nodiscard]] ParsedName parse_name(std::string_view name);
// The same with up to MAX_TOKENS name tokens, for callers that do not pass
// the result to name_similarity() (which compares kMaxNameTokens at most):
// the search index keeps every word of a long name.
[[nodiscard]] ParsedName parse_name(std::string_view name, std::size_t max_tokens);

// A compact text form of what token_similarity() reads of a parsed name (each
// token's kind, script, key, fine and coarse keys and vowels), so that a name
// parsed when it is stored is compared later without parsing it again (the
// search index ranks hundreds of candidates per query). The text has no
// newline. decode_parsed() returns nullopt for text that is not such a form;
// the decoded tokens have no `text`, `head` or `tail`.
[[nodiscard]] std::string encode_parsed(const ParsedName& name);
[[nodiscard]] std::optional<ParsedName> decode_parsed(std::string_view text);
// The same into NAME, reusing its tokens' memory; false (NAME unspecified)
// for text that is not such a form.
[[nodiscard]] bool decode_parsed_into(std::string_view text, ParsedName& name);

[[nodiscard]] double token_similarity(const NameToken& a, const NameToken& b);
// token_similarity(a, b) when it is above FLOOR; otherwise a value no higher
// than FLOOR, found without the comparisons that could not exceed it (for a
// caller keeping the best of many comparisons).
[[nodiscard]] double token_similarity_above(const NameToken& a, const NameToken& b, double floor);

// 0 when either name has no name token.
[[nodiscard]] double name_similarity(const ParsedName& a, const ParsedName& b);
[[nodiscard]] double name_similarity(std::string_view a, std::string_view b);

}  // namespace sawt::names
