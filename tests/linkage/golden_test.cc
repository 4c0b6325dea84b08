// The golden table of name pairs (tests/data/linkage/name_pairs.tsv): every
// normalisation rule, compounds, particles, cross-script pairs and the hard
// negatives (brothers, twins, cousins, namesakes), each with the verdict the
// pair model must give under the default model (compare_records).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "linkage/link.h"
#include "linkage/linkage_testing.h"
#include "linkage/model.h"
#include "util/strings.h"

namespace sawt::linkage {
namespace {

// "first / father / grandfather / family; birth=1985; mother=..." or "full name; ...".
SourceRecord parse_record(const std::string& text) {
  SourceRecord r;
  const std::vector<std::string> items = split(text, ';');
  const std::string name(trim(items.at(0)));
  if (name.find('/') != std::string::npos) {
    const std::vector<std::string> parts = split(name, '/');
    if (parts.size() != 4)
      throw std::runtime_error("name parts must be first / father / grandfather / family: " + name);
    r.name.first = std::string(trim(parts[0]));
    r.name.father = std::string(trim(parts[1]));
    r.name.grandfather = std::string(trim(parts[2]));
    r.name.family = std::string(trim(parts[3]));
  } else {
    r.name.full = name;
  }
  for (std::size_t i = 1; i < items.size(); ++i) {
    const std::string item(trim(items[i]));
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos) throw std::runtime_error("attribute without '=': " + item);
    const std::string key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "birth") {
      r.birth_date = PartialDate::parse(value).value();
    } else if (key == "mother") {
      r.name.mother = value;
    } else if (key == "gender") {
      r.gender = value;
    } else if (key == "id") {
      r.id_number = value;
    } else if (key == "place") {
      r.birth_place = value;
    } else {
      throw std::runtime_error("unknown attribute " + key);
    }
  }
  return r;
}

TEST(GoldenPairs, VerdictsOfThePairModel) {
  const auto rows = testing::read_table("name_pairs.tsv", 4);
  ASSERT_GE(rows.size(), 200U);
  const ModelParams model =
      default_model({"first_name", "father_name", "grandfather_name", "family_name", "mother_name",
                     "birth_date", "birth_place", "gender", "id_number"});
  const double threshold = Options{}.match_threshold;
  int same = 0, different = 0;
  for (const auto& row : rows) {
    const std::string& verdict = row[0];
    ASSERT_TRUE(verdict == "same" || verdict == "different") << testing::where("name_pairs.tsv", row);
    const SourceRecord a = parse_record(row[1]);
    const SourceRecord b = parse_record(row[2]);
    const PairVerdict v = compare_records(a, b, model);
    const PairVerdict reverse = compare_records(b, a, model);
    EXPECT_EQ(v.same_person(threshold), verdict == "same")
        << testing::where("name_pairs.tsv", row) << " " << row[3] << ": p=" << v.pair.probability
        << (v.vetoed ? " vetoed (" + v.veto_reason + ")" : "") << "; " << v.pair.explanation;
    EXPECT_EQ(v.same_person(threshold), reverse.same_person(threshold))
        << testing::where("name_pairs.tsv", row) << " is not symmetric";
    (verdict == "same" ? same : different)++;
  }
  // Both kinds are well represented.
  EXPECT_GE(same, 80);
  EXPECT_GE(different, 80);
}

}  // namespace
}  // namespace sawt::linkage
