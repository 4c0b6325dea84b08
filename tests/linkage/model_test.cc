#include "linkage/model.h"

#include <gtest/gtest.h>

namespace sawt::linkage {
namespace {

TEST(Model, NamesOfLevelsKindsAndFields) {
  EXPECT_EQ(level_name(Level::kMissing), "missing");
  EXPECT_EQ(level_name(Level::kExact), "exact");
  EXPECT_EQ(level_name(Level::kDifferent), "different");
  EXPECT_EQ(field_kind_name(FieldKind::kIdentifier), "identifier");
  EXPECT_EQ(known_field(known_field_name(KnownField::kMotherName)), KnownField::kMotherName);
  EXPECT_EQ(known_field("postcode"), KnownField::kExtra);
  EXPECT_EQ(known_field_kind(KnownField::kBirthDate), FieldKind::kDate);
  EXPECT_EQ(known_field_kind(KnownField::kExtra), FieldKind::kText);
  EXPECT_FALSE(kind_uses(FieldKind::kCategory, Level::kClose));
  EXPECT_TRUE(kind_uses(FieldKind::kIdentifier, Level::kClose));
  EXPECT_FALSE(kind_uses(FieldKind::kIdentifier, Level::kPartial));
}

TEST(Model, PatternsPackThreeBitsPerFieldAndAnAlignment) {
  Pattern p = 0;
  for (std::size_t f = 0; f < kMaxFields; ++f) p = with_level(p, f, static_cast<Level>(f % kLevels));
  p = with_alignment(p, reading_alignment(2, 1));
  for (std::size_t f = 0; f < kMaxFields; ++f)
    EXPECT_EQ(level_at(p, f), static_cast<Level>(f % kLevels)) << f;
  EXPECT_EQ(alignment_of(p), 10);
  EXPECT_EQ(alignment_of(with_level(p, 3, Level::kExact)), 10);
  // The largest code (A's third alternative, B's second) fits in 4 bits.
  EXPECT_EQ(alignment_of(with_alignment(p, reading_alignment(3, 2))), 15);
  EXPECT_EQ(p & kLevelBits, with_alignment(p, kAsWritten));
}

TEST(Model, DefaultModelIsValidAndAgreementCounts) {
  const ModelParams m = default_model(known_field_names());
  ASSERT_TRUE(m.validate()) << m.validate().error().describe();
  for (const FieldParams& f : m.fields) {
    EXPECT_GT(f.weight(Level::kExact), 0) << f.name;
    EXPECT_LT(f.weight(Level::kDifferent), 0) << f.name;
    EXPECT_EQ(f.weight(Level::kMissing), 0) << f.name;
  }
  EXPECT_EQ(m.find("birth_date"), 5);
  EXPECT_EQ(m.find("nope"), -1);
  EXPECT_LT(m.prior_weight(), 0);
  EXPECT_EQ(default_field("postcode").kind, FieldKind::kText);
}

TEST(Model, JsonRoundTrip) {
  ModelParams m = default_model({"first_name", "birth_date", "gender", "id_number", "postcode"});
  m.lambda = 2.5e-4;
  m.em_iterations = 17;
  m.converged = true;
  const auto back = ModelParams::from_json(m.to_json());
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->to_json(), m.to_json());
  EXPECT_EQ(back->fields.size(), 5U);
  EXPECT_DOUBLE_EQ(back->fields[0].m[1], m.fields[0].m[1]);
  EXPECT_EQ(back->fields[2].kind, FieldKind::kCategory);
}

TEST(Model, ValidateNamesWhatIsWrong) {
  ModelParams m = default_model({"first_name", "family_name"});
  m.lambda = 1.5;
  EXPECT_EQ(m.validate().error().where, "lambda");
  m.lambda = 0.01;
  m.fields[1].m[1] += 0.2;
  EXPECT_EQ(m.validate().error().where, "family_name");
  m = default_model({"first_name", "first_name"});
  EXPECT_EQ(m.validate().error().kind, ErrorKind::kBadInput);
  EXPECT_FALSE(ModelParams::from_json(nlohmann::json::parse(R"({"lambda": 0.1})")));
  EXPECT_FALSE(ModelParams::from_json(nlohmann::json::parse(
      R"({"lambda": 0.1, "fields": [{"name": "x", "kind": "weird", "m": {}, "u": {}}]})")));
}

}  // namespace
}  // namespace sawt::linkage
