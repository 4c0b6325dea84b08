#include "names/explain.h"

#include <gtest/gtest.h>

namespace sawt::names {
namespace {

TEST(Explain, DescribesEveryStep) {
  const Explanation e = explain("Abd al-Rahman bin Ali al-Hamwi");
  EXPECT_EQ(e.script, Script::kLatin);
  EXPECT_EQ(e.normalized, "abd al rahman bin ali al hamwi");
  ASSERT_EQ(e.tokens.size(), 4u);
  EXPECT_EQ(e.tokens[0].token.kind, TokenKind::kCompound);
  EXPECT_EQ(e.tokens[0].keys.coarse, "abdrhmn");
  EXPECT_EQ(e.tokens[1].token.kind, TokenKind::kPatronymicMarker);
  EXPECT_TRUE(e.tokens[1].keys.coarse.empty());
  EXPECT_EQ(e.parts.first, "Abd al-Rahman");
  EXPECT_EQ(e.parts.father, "Ali");
  EXPECT_EQ(e.parts.family, "al-Hamwi");
  EXPECT_EQ(e.skeleton_coarse, "abdrhmn al hm");
  EXPECT_FALSE(e.search_keys.empty());
}

TEST(Explain, SerialisesToJson) {
  const nlohmann::json j = explain("أبو بكر محمد").to_json();
  EXPECT_EQ(j["script"], "arabic");
  EXPECT_EQ(j["input"], "أبو بكر محمد");
  ASSERT_EQ(j["tokens"].size(), 2u);
  EXPECT_EQ(j["tokens"][0]["kind"], "kunya");
  EXPECT_EQ(j["tokens"][0]["head"], "ابو");
  EXPECT_EQ(j["tokens"][0]["tail"], "بكر");
  EXPECT_EQ(j["tokens"][0]["coarse"], "abbkr");
  EXPECT_EQ(j["tokens"][1]["text"], "محمد");
  EXPECT_EQ(j["parts"]["first"], "أبو بكر");
  EXPECT_EQ(j["parts"]["family"], "محمد");
  EXPECT_EQ(j["skeleton"]["coarse"], "abbkr mhmd");
  EXPECT_TRUE(j["search_keys"].is_array());
  EXPECT_FALSE(j["tokens"][1].contains("head"));
}

TEST(Explain, MixedAndEmptyInput) {
  EXPECT_EQ(explain("محمد Hamwi").to_json()["script"], "mixed");
  const nlohmann::json empty = explain("").to_json();
  EXPECT_EQ(empty["script"], "none");
  EXPECT_TRUE(empty["tokens"].empty());
}

}  // namespace
}  // namespace sawt::names
