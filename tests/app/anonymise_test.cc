#include "app/anonymise.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <unordered_map>

namespace sawt::app {
namespace {

// Rows of (gender, age) with age ladders 5y -> 10y -> 20y bands.
KAnonInput people(const std::vector<std::pair<std::string, int>>& rows) {
  KAnonInput in;
  in.names = {"gender", "age"};
  const auto band = [](int age, int w) {
    return std::to_string(age / w * w) + "-" + std::to_string(age / w * w + w - 1);
  };
  for (const auto& [g, age] : rows) in.rows.push_back({{g}, {band(age, 5), band(age, 10), band(age, 20)}});
  return in;
}

// Every kept row's combination occurs at least k times; every value is one
// of the row's own ladder values or "*".
void expect_k_anonymous(const KAnonInput& in, const KAnonResult& r, int k) {
  std::unordered_map<std::string, int> sizes;
  for (size_t i = 0; i < r.rows.size(); ++i) {
    if (!r.kept[i]) continue;
    std::string key;
    for (size_t q = 0; q < r.rows[i].size(); ++q) {
      const auto& v = r.rows[i][q];
      const auto& ladder = in.rows[i][q];
      EXPECT_TRUE(v == kSuppressed || std::find(ladder.begin(), ladder.end(), v) != ladder.end())
          << "row " << i << " got an invented value " << v;
      key += v + "|";
    }
    ++sizes[key];
  }
  for (const auto& [key, n] : sizes) EXPECT_GE(n, k) << key;
  if (!sizes.empty()) {
    EXPECT_GE(smallest_class(r.rows, r.kept), k);
  }
}

struct Case {
  const char* what;
  std::vector<std::pair<std::string, int>> rows;
  int k;
  int withheld;             // rows withheld
  std::vector<int> levels;  // global levels chosen
};

TEST(KAnonymity, TableOfCases) {
  const std::vector<Case> cases = {
      {"already k-anonymous: nothing changes",
       {{"m", 30}, {"m", 31}, {"m", 32}, {"f", 40}, {"f", 41}, {"f", 42}},
       3,
       0,
       {0, 0}},
      {"two 5-year bands of three are each big enough",
       {{"m", 30}, {"m", 31}, {"m", 36}, {"m", 37}, {"m", 38}, {"m", 33}},
       3,
       0,
       {0, 0}},
      {"a 5-year band too small is generalised to 10 years",
       {{"m", 30},
        {"m", 31},
        {"m", 36},
        {"m", 37},
        {"m", 33},
        {"m", 38},
        {"m", 36},
        {"m", 32},
        {"m", 39},
        {"m", 35}},
       6,
       0,
       {0, 1}},
      {"one outlier among many is suppressed, not the whole column generalised",
       {{"m", 30}, {"m", 31}, {"m", 32}, {"m", 33}, {"m", 34}, {"m", 30}, {"m", 31},
        {"m", 32}, {"m", 33}, {"m", 34}, {"m", 30}, {"m", 31}, {"m", 32}, {"m", 33},
        {"m", 34}, {"m", 30}, {"m", 31}, {"m", 32}, {"m", 33}, {"m", 34}, {"f", 70}},
       5,
       1,
       {0, 0}},
      {"fewer rows than k: everything is withheld", {{"m", 30}, {"m", 30}}, 5, 2, {0, 2}},
  };
  for (const auto& c : cases) {
    const auto in = people(c.rows);
    KAnonOptions o;
    o.k = c.k;
    const auto r = k_anonymise(in, o);
    EXPECT_EQ(r.rows_withheld, c.withheld) << c.what;
    EXPECT_EQ(r.levels, c.levels) << c.what;
    expect_k_anonymous(in, r, c.k);
  }
}

TEST(KAnonymity, CellSuppressionRescuesRowsBeforeWithholdingThem) {
  // Five men of 30-34, and five rows that differ only in gender: suppressing
  // the gender of the odd ones makes a group of five.
  auto in = people({{"m", 30},
                    {"m", 31},
                    {"m", 32},
                    {"m", 33},
                    {"m", 34},
                    {"m", 50},
                    {"f", 51},
                    {"x", 52},
                    {"y", 53},
                    {"z", 54}});
  KAnonOptions o;
  o.k = 5;
  o.max_row_share = 0.5;  // allow half the rows to fail before recoding
  const auto r = k_anonymise(in, o);
  EXPECT_EQ(r.rows_withheld, 0);
  EXPECT_EQ(r.cells_suppressed.at("gender"), 5);
  expect_k_anonymous(in, r, 5);
}

TEST(KAnonymity, RandomTablesAreAlwaysKAnonymousAfterwards) {
  std::mt19937 rng(42);
  for (int round = 0; round < 60; ++round) {
    KAnonInput in;
    in.names = {"a", "b", "c"};
    const int n = 1 + static_cast<int>(rng() % 400);
    for (int i = 0; i < n; ++i) {
      const int a = static_cast<int>(rng() % 7);
      const int b = static_cast<int>(rng() % 40);
      const int c = static_cast<int>(rng() % 3);
      in.rows.push_back({{std::to_string(a), a < 3 ? "low" : "high"},
                         {std::to_string(b), std::to_string(b / 10), std::to_string(b / 20)},
                         {std::to_string(c)}});
    }
    for (int k : {2, 5, 10}) {
      KAnonOptions o;
      o.k = k;
      const auto r = k_anonymise(in, o);
      expect_k_anonymous(in, r, k);
      EXPECT_LE(r.rows_withheld, n);
    }
  }
}

}  // namespace
}  // namespace sawt::app
