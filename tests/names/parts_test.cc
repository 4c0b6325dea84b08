#include "names/parts.h"

#include <gtest/gtest.h>

#include "names/golden.h"

namespace sawt::names {
namespace {

TEST(Parts, GoldenTable) {
  const auto rows = golden::read_table("parts.tsv", 6);
  ASSERT_GE(rows.size(), 15u);
  for (const auto& row : rows) {
    const PartsGuess g = split_parts(row[0]);
    const std::string at = golden::where("parts.tsv", row) + " " + row[0];
    EXPECT_EQ(g.first, row[1]) << at;
    EXPECT_EQ(g.father, row[2]) << at;
    EXPECT_EQ(g.grandfather, row[3]) << at;
    EXPECT_EQ(g.family, row[4]) << at;
    EXPECT_EQ(g.rule, row[5]) << at;
  }
}

TEST(Parts, CompoundsAndKunyasCountAsOnePart) {
  const PartsGuess g = split_parts("Abd al-Rahman Nour Eddine Abu Bakr al-Hamwi");
  EXPECT_EQ(g.first, "Abd al-Rahman");
  EXPECT_EQ(g.father, "Nour Eddine");
  EXPECT_EQ(g.grandfather, "Abu Bakr");
  EXPECT_EQ(g.family, "al-Hamwi");
}

}  // namespace
}  // namespace sawt::names
