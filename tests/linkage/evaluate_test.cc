#include "linkage/evaluate.h"

#include <gtest/gtest.h>

namespace sawt::linkage {
namespace {

TEST(Evaluate, PerfectClustering) {
  const auto e =
      evaluate({"a", "a", "b", "c", "c", "c"}, std::vector<std::string>{"1", "1", "2", "3", "3", "3"});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->true_pairs, 4U);
  EXPECT_EQ(e->predicted_pairs, 4U);
  EXPECT_DOUBLE_EQ(e->f1, 1.0);
  EXPECT_EQ(e->exact_clusters, 3U);
  EXPECT_DOUBLE_EQ(e->cluster_precision, 1.0);
  EXPECT_DOUBLE_EQ(e->bcubed_f1, 1.0);
}

TEST(Evaluate, HandCase) {
  // Truth {0,1,2} {3,4} {5}; predicted {0,1} {2,3,4} {5}.
  const auto e = evaluate({"x", "x", "x", "y", "y", "z"}, std::vector<int>{0, 0, 1, 1, 1, 2});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->true_pairs, 4U);       // 3 + 1
  EXPECT_EQ(e->predicted_pairs, 4U);  // 1 + 3
  EXPECT_EQ(e->correct_pairs, 2U);    // (0,1) and (3,4)
  EXPECT_DOUBLE_EQ(e->precision, 0.5);
  EXPECT_DOUBLE_EQ(e->recall, 0.5);
  EXPECT_DOUBLE_EQ(e->f1, 0.5);
  EXPECT_EQ(e->exact_clusters, 1U);  // {5}
  EXPECT_NEAR(e->cluster_precision, 1.0 / 3, 1e-12);
  EXPECT_NEAR(e->cluster_recall, 1.0 / 3, 1e-12);
  // B-cubed precision: records 0,1: 1; 2: 1/3; 3,4: 2/3; 5: 1 -> 14/18.
  EXPECT_NEAR(e->bcubed_precision, (1 + 1 + 1.0 / 3 + 2.0 / 3 + 2.0 / 3 + 1) / 6, 1e-12);
  // B-cubed recall: 0,1: 2/3; 2: 1/3; 3,4: 1; 5: 1.
  EXPECT_NEAR(e->bcubed_recall, (2.0 / 3 + 2.0 / 3 + 1.0 / 3 + 1 + 1 + 1) / 6, 1e-12);
  EXPECT_NE(e->summary().find("F1=0.5000"), std::string::npos);
}

TEST(Evaluate, EverythingInOneClusterAndAllApart) {
  const std::vector<std::string> truth = {"a", "a", "b", "b"};
  const auto lumped = evaluate(truth, std::vector<int>{0, 0, 0, 0});
  EXPECT_DOUBLE_EQ(lumped->recall, 1.0);
  EXPECT_NEAR(lumped->precision, 2.0 / 6, 1e-12);
  const auto split = evaluate(truth, std::vector<int>{0, 1, 2, 3});
  EXPECT_DOUBLE_EQ(split->precision, 1.0);  // no predicted pairs
  EXPECT_DOUBLE_EQ(split->recall, 0.0);
  EXPECT_DOUBLE_EQ(split->f1, 0.0);
}

TEST(Evaluate, EmptyLabelsAreSingletons) {
  const auto e = evaluate({"", "", "a"}, std::vector<std::string>{"1", "1", "2"});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->true_clusters, 3U);
  EXPECT_EQ(e->true_pairs, 0U);
  EXPECT_DOUBLE_EQ(e->precision, 0.0);
}

TEST(Evaluate, LengthsMustMatch) {
  const auto e = evaluate({"a"}, std::vector<std::string>{"1", "2"});
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().kind, ErrorKind::kBadInput);
}

TEST(EvaluateSiblings, CountsPairsOfDifferentPersonsInOneFamily) {
  // Family f: persons p (records 0, 1) and q (record 2); family g: r (3) and
  // s (4); record 5 has no family. Predicted: 0, 1 and 2 together (q merged
  // into its brother p: two sibling pairs merged), 3 and 4 apart.
  const std::vector<std::string> truth = {"p", "p", "q", "r", "s", "t"};
  const std::vector<std::string> family = {"f", "f", "f", "g", "g", ""};
  const std::vector<std::string> predicted = {"1", "1", "1", "2", "3", "1"};
  const auto e = evaluate_siblings(truth, family, predicted);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->pairs, 3U);  // (0,2) (1,2) (3,4)
  EXPECT_EQ(e->merged, 2U);
  EXPECT_NEAR(e->kept_apart, 1.0 / 3, 1e-12);
}

TEST(EvaluateSiblings, NoFamiliesIsPerfectAndLengthsMustMatch) {
  const auto none = evaluate_siblings({"a", "b"}, {"", ""}, {"1", "1"});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->pairs, 0U);
  EXPECT_DOUBLE_EQ(none->kept_apart, 1.0);
  const auto bad = evaluate_siblings({"a", "b"}, {""}, {"1", "1"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::kBadInput);
}

}  // namespace
}  // namespace sawt::linkage
