#include "names/tokens.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "names/golden.h"

namespace sawt::names {
namespace {

// kind:key(+art)(+pat) | ... as in tests/data/names/tokens.tsv.
std::string render(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += " | ";
    out += std::string(token_kind_name(t.kind)) + ":" + t.key;
    if (t.article) out += "+art";
    if (t.patronym) out += "+pat";
  }
  return out;
}

TEST(Tokens, GoldenTable) {
  const auto rows = golden::read_table("tokens.tsv", 2);
  ASSERT_GE(rows.size(), 80u);
  for (const auto& row : rows) {
    EXPECT_EQ(render(tokenize(row[0])), row[1]) << golden::where("tokens.tsv", row) << " " << row[0];
  }
}

TEST(Tokens, KeepCompoundsWholeWithTheirWrittenText) {
  const auto tokens = tokenize("Abd al-Rahman bin Ali al-Hamwi");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].text, "Abd al-Rahman");
  EXPECT_EQ(tokens[0].head, "abd");
  EXPECT_EQ(tokens[0].tail, "rahman");
  EXPECT_EQ(tokens[1].kind, TokenKind::kPatronymicMarker);
  EXPECT_EQ(tokens[2].text, "Ali");
  EXPECT_TRUE(tokens[2].patronym);
  EXPECT_EQ(tokens[3].text, "al-Hamwi");
  EXPECT_EQ(tokens[3].key, "hamwi");
  EXPECT_TRUE(tokens[3].article);
}

TEST(Tokens, AbuIsAKunyaNotAbd) {
  const auto abu = tokenize("أبو بكر");
  const auto abd = tokenize("عبد بكر");
  ASSERT_EQ(abu.size(), 1u);
  ASSERT_EQ(abd.size(), 1u);
  EXPECT_EQ(abu[0].kind, TokenKind::kKunya);
  EXPECT_EQ(abd[0].kind, TokenKind::kCompound);
  EXPECT_NE(abu[0].key, abd[0].key);
}

TEST(Tokens, KeysAreSingleTerms) {
  for (const auto& row : golden::read_table("tokens.tsv", 2)) {
    for (const Token& t : tokenize(row[0])) {
      EXPECT_EQ(t.key.find(' '), std::string::npos) << golden::where("tokens.tsv", row);
      EXPECT_FALSE(t.key.empty()) << golden::where("tokens.tsv", row);
    }
  }
}

// A deterministic stand-in for a fuzzer: arbitrary mixes of letters, marks,
// controls, punctuation and invalid bytes never crash and keep the invariants.
TEST(Tokens, SurviveArbitraryInput) {
  const std::vector<std::string> pieces = {"a",  "b",  "h",  "l",  "-",  " ",  "'",  "ʿ",  "3",  "7",   "ا", "ل",
                                           "ع",  "ب",  "د",  "ة",  "ى",  "أ",  "ء",  "ـ",  "َ",  "ﻻ", "ﷲ", "،",
                                           ",",  "A",  "É",  "ş",  "ç",  "ی",  "\u200c", "\u200f", "و", "ي", "ه",
                                           "٣",  ".",  "\xff", "\xc3", "abd", "abu", "al", "bin", "din", "allah"};
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    const std::uint32_t length = next() % 16;
    for (std::uint32_t k = 0; k < length; ++k) s += pieces[next() % pieces.size()];
    for (const Token& t : tokenize(s)) {
      EXPECT_FALSE(t.key.empty()) << s;
      EXPECT_EQ(t.key.find(' '), std::string::npos) << s;
      EXPECT_FALSE(t.text.empty()) << s;
    }
    const std::string n = normalize_name(s);
    EXPECT_EQ(normalize_name(n), n) << s;
  }
}

TEST(Tokens, EmptyAndLetterlessInputGiveNoTokens) {
  EXPECT_TRUE(tokenize("").empty());
  EXPECT_TRUE(tokenize(" - , ؟ ").empty());
}

}  // namespace
}  // namespace sawt::names
