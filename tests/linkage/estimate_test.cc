#include "linkage/estimate.h"

#include <gtest/gtest.h>

#include <random>

#include "linkage/link.h"
#include "linkage/linkage_testing.h"

namespace sawt::linkage {
namespace {

using testing::person;

double ratio(const FieldParams& f, Level l) {
  const auto i = static_cast<std::size_t>(l);
  return f.m[i] / f.u[i];
}

// EM once ended with exact names weaker evidence than close ones (m of exact
// 0.01 against u 0.008) on a million records; the constraint pools such
// neighbours into one ratio and keeps m's sum.
TEST(Estimate, LevelWeightsFallWithTheStrengthOfAgreement) {
  FieldParams broken = default_field("first_name");
  broken.m = {0, 0.01, 0.86, 0.08, 0.05};
  broken.u = {0, 0.008, 0.02, 0.02, 0.952};
  make_monotone(broken);
  EXPECT_GE(ratio(broken, Level::kExact), ratio(broken, Level::kClose) - 1e-12);
  EXPECT_GE(ratio(broken, Level::kClose), ratio(broken, Level::kPartial) - 1e-12);
  EXPECT_GE(ratio(broken, Level::kPartial), ratio(broken, Level::kDifferent) - 1e-12);
  EXPECT_NEAR(ratio(broken, Level::kExact), 0.87 / 0.028, 1e-9) << "exact and close share their pooled ratio";
  EXPECT_NEAR(ratio(broken, Level::kPartial), 4.0, 1e-9) << "partial was in order and stays";
  double sum = 0;
  for (double m : broken.m) sum += m;
  EXPECT_NEAR(sum, 1.0, 1e-12);

  // A chain of violations pools into one block.
  FieldParams chain = default_field("birth_date");
  chain.m = {0, 0.1, 0.2, 0.3, 0.4};
  chain.u = {0, 0.25, 0.25, 0.25, 0.25};
  make_monotone(chain);
  for (std::size_t l = 1; l < 5; ++l) EXPECT_NEAR(chain.m[l], 0.25, 1e-12);

  // A field already in order is left exactly as it was.
  FieldParams fine = default_field("family_name");
  fine.m = {0, 0.6, 0.3, 0.05, 0.05};
  fine.u = {0, 0.01, 0.02, 0.07, 0.90};
  const FieldParams before = fine;
  make_monotone(fine);
  EXPECT_EQ(fine.m, before.m);
  // Levels a kind does not use are skipped (gender: exact / different).
  FieldParams gender = default_field("gender");
  gender.m = {0, 0.4, 0, 0, 0.6};
  gender.u = {0, 0.5, 0, 0, 0.5};
  make_monotone(gender);
  EXPECT_NEAR(gender.m[1], 0.5, 1e-12);
  EXPECT_NEAR(gender.m[4], 0.5, 1e-12);
  EXPECT_EQ(gender.m[2], 0.0);
}

// Vectors drawn from a known model: EM without labels finds it again.
TEST(Estimate, RecoversKnownParameters) {
  ModelParams truth = default_model({"first_name", "family_name", "birth_date", "postcode"});
  truth.fields[0].m = {0, 0.70, 0.20, 0.05, 0.05};
  truth.fields[0].u = {0, 0.02, 0.03, 0.10, 0.85};
  truth.fields[1].m = {0, 0.85, 0.08, 0.04, 0.03};
  truth.fields[1].u = {0, 0.01, 0.02, 0.07, 0.90};
  truth.fields[2].m = {0, 0.80, 0.10, 0.05, 0.05};
  truth.fields[2].u = {0, 0.001, 0.01, 0.05, 0.939};
  truth.fields[3].m = {0, 0.75, 0.10, 0.05, 0.10};
  truth.fields[3].u = {0, 0.05, 0.05, 0.10, 0.80};
  truth.lambda = 0.1;
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<Pattern> patterns;
  for (int i = 0; i < 200000; ++i) {
    const bool match = unit(rng) < truth.lambda;
    Pattern p = 0;
    for (std::size_t f = 0; f < truth.fields.size(); ++f) {
      const auto& probs = match ? truth.fields[f].m : truth.fields[f].u;
      double r = unit(rng);
      int level = 1;
      while (level < kLevels - 1 && r >= probs[static_cast<std::size_t>(level)])
        r -= probs[static_cast<std::size_t>(level++)];
      if (unit(rng) < 0.1) level = 0;  // some missing values
      p = with_level(p, f, static_cast<Level>(level));
    }
    patterns.push_back(p);
  }
  const ModelParams start = default_model({"first_name", "family_name", "birth_date", "postcode"});
  const ModelParams got = estimate(count_patterns(patterns), start);
  EXPECT_TRUE(got.converged);
  EXPECT_NEAR(got.lambda, truth.lambda, 0.01);
  for (std::size_t f = 0; f < truth.fields.size(); ++f) {
    for (int l = 1; l < kLevels; ++l) {
      EXPECT_NEAR(got.fields[f].m[static_cast<std::size_t>(l)],
                  truth.fields[f].m[static_cast<std::size_t>(l)], 0.03)
          << truth.fields[f].name << " m " << l;
      EXPECT_NEAR(got.fields[f].u[static_cast<std::size_t>(l)],
                  truth.fields[f].u[static_cast<std::size_t>(l)], 0.01)
          << truth.fields[f].name << " u " << l;
    }
  }
  EXPECT_TRUE(got.validate());
}

// Candidate pairs as a million records give them: few matches, many more
// namesakes (the same names, another birth date) than matches, the rest
// strangers. The match class must stay the matches: m of a different birth
// date is capped, and lambda is near the matches' share (0.03), not the
// namesakes' (without the cap: lambda 0.33, m of a different date 0.83).
TEST(Estimate, NamesakesDoNotBecomeTheMatchClass) {
  const std::vector<std::string> fields = {"first_name", "family_name", "birth_date"};
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<Pattern> patterns;
  const auto draw = [&](const std::array<double, kLevels>& probs) {
    double r = unit(rng);
    int level = 1;
    while (level < kLevels - 1 && r >= probs[static_cast<std::size_t>(level)])
      r -= probs[static_cast<std::size_t>(level++)];
    return static_cast<Level>(level);
  };
  const std::array<double, kLevels> names_agree = {0, 0.45, 0.50, 0.03, 0.02};
  const std::array<double, kLevels> names_differ = {0, 0.01, 0.02, 0.07, 0.90};
  const std::array<double, kLevels> same_date = {0, 0.80, 0.05, 0.13, 0.02};
  const std::array<double, kLevels> other_date = {0, 0.0005, 0.01, 0.08, 0.9095};
  for (int i = 0; i < 200000; ++i) {
    const double r = unit(rng);
    const bool match = r < 0.03, namesake = !match && r < 0.33;
    Pattern p = 0;
    p = with_level(p, 0, draw(match || namesake ? names_agree : names_differ));
    p = with_level(p, 1, draw(match || namesake ? names_agree : names_differ));
    p = with_level(p, 2, draw(match ? same_date : other_date));
    patterns.push_back(p);
  }
  const ModelParams start = default_model(fields);
  const ModelParams got = estimate(count_patterns(patterns), start);
  const auto different = static_cast<std::size_t>(Level::kDifferent);
  EXPECT_LE(got.fields[2].m[different], 0.1 + 1e-9);
  EXPECT_LT(got.lambda, 0.1);
  EXPECT_TRUE(got.validate());
}

TEST(Estimate, FebrlModelIsSensible) {
  const auto& d = testing::febrl4();
  Options o;
  o.ignore_columns = {"soc_sec_id"};
  o.cross_source_only = true;
  const auto r = link(d.data.records, o, d.sources);
  ASSERT_TRUE(r) << r.error().describe();
  const ModelParams& m = r->model;
  EXPECT_TRUE(m.converged);
  EXPECT_TRUE(m.validate());
  for (const char* name : {"first_name", "family_name", "birth_date", "postcode", "suburb"}) {
    const int f = m.find(name);
    ASSERT_GE(f, 0) << name;
    const FieldParams& p = m.fields[static_cast<std::size_t>(f)];
    EXPECT_GT(p.m[1], 0.5) << name;                      // true matches mostly agree exactly
    EXPECT_LT(p.u[1], 0.05) << name;                     // random pairs rarely do
    EXPECT_GT(p.weight(Level::kExact), 3) << name;       // agreement is evidence ...
    EXPECT_LT(p.weight(Level::kDifferent), -2) << name;  // ... disagreement against
  }
  // 5000 true pairs among the 25 million cross pairs.
  EXPECT_GT(m.lambda, 5000.0 / 25e6 / 3);
  EXPECT_LT(m.lambda, 5000.0 / 25e6 * 3);
  EXPECT_EQ(m.find("soc_sec_id"), -1);
}

TEST(Estimate, RefineLearnsFromDecisions) {
  // Reviewers confirm matches whose birth dates disagree: m of "different"
  // birth dates goes up, and labelled non-matches that share a family name
  // raise u of an exact family name.
  std::vector<SourceRecord> records;
  std::vector<LabelledPair> labels;
  for (int i = 0; i < 20; ++i) {
    records.push_back(
        person("Khaled" + std::string(1, static_cast<char>('a' + i)), "Ahmad", "", "Hamwi", "1980-01-01"));
    records.push_back(
        person("Khaled" + std::string(1, static_cast<char>('a' + i)), "Ahmad", "", "Hamwi", "1990-06-06"));
    labels.push_back({records.size() - 2, records.size() - 1, true});
  }
  for (int i = 0; i < 20; ++i) {
    records.push_back(person("Omar", "", "", "Halabi"));
    records.push_back(person("Yusuf", "", "", "Halabi"));
    labels.push_back({records.size() - 2, records.size() - 1, false});
  }
  const ModelParams model = default_model({"first_name", "father_name", "family_name", "birth_date"});
  const auto refined = refine(model, records, labels, 20);
  ASSERT_TRUE(refined) << refined.error().describe();
  EXPECT_GT(refined->fields[3].m[static_cast<std::size_t>(Level::kDifferent)],
            2 * model.fields[3].m[static_cast<std::size_t>(Level::kDifferent)]);
  EXPECT_GT(refined->fields[2].u[static_cast<std::size_t>(Level::kExact)],
            2 * model.fields[2].u[static_cast<std::size_t>(Level::kExact)]);
  EXPECT_TRUE(refined->validate());
  EXPECT_DOUBLE_EQ(refined->lambda, model.lambda);

  EXPECT_EQ(refine(model, records, {{0, 999, true}}).error().kind, ErrorKind::kBadInput);
  EXPECT_EQ(refine(model, records, {{3, 3, true}}).error().kind, ErrorKind::kBadInput);
}

}  // namespace
}  // namespace sawt::linkage
