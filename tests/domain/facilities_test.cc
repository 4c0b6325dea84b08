// Tests of the reference list of facilities: the shipped file loads and holds
// the sites the other modules refer to, and a broken row is reported by line
// and column with the valid codes.
#include "domain/facilities.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace sawt {
namespace {

Vocabularies embedded() {
  auto v = Vocabularies::load_embedded();
  if (!v) ADD_FAILURE() << v.error().describe();
  return v ? std::move(*v) : Vocabularies{};
}

constexpr const char* kHeader = "code\tname_ar\tname_en\ttype\tauthority\tcountry\tcity\tcapacity\tnotes\n";

TEST(Facilities, LoadsTheReferenceFacilities) {
  auto loaded = load_reference_facilities();
  ASSERT_TRUE(loaded) << loaded.error().describe();
  std::map<std::string, Facility> by_code;
  for (const auto& f : *loaded) by_code.emplace(f.code, f);

  const std::vector<std::string> expected = {
      "lb-roumieh",           "lb-roumieh-block-b", "lb-qobbeh",  "lb-zahle",    "lb-baabda-women",
      "lb-barbar-khazen",     "lb-jbeil",           "lb-baalbek", "lb-jezzine",  "lb-douma",
      "lb-army-intelligence", "lb-mod-centre",      "lb-ablah",   "lb-gs-adlieh",
      "lb-roumieh-block-c",   "lb-roumieh-block-d", "lb-roumieh-juveniles", "lb-tripoli-women", "lb-zahle-women",
      "lb-batroun",           "lb-amioun",          "lb-halba",   "lb-tyre",     "lb-nabatieh",
      "lb-rihaniyeh",         "lb-isf-information-branch", "lb-gs-detention"};
  for (const auto& code : expected) EXPECT_TRUE(by_code.contains(code)) << code;
  EXPECT_EQ(loaded->size(), expected.size());

  const Facility& roumieh = by_code.at("lb-roumieh");
  EXPECT_EQ(roumieh.name_ar, "سجن رومية المركزي");
  EXPECT_EQ(roumieh.name_en, "Roumieh Central Prison");
  EXPECT_EQ(roumieh.type, "central_prison");
  EXPECT_EQ(roumieh.authority, "isf");
  EXPECT_EQ(roumieh.country, "lb");
  EXPECT_EQ(roumieh.capacity, 1050);
  EXPECT_EQ(roumieh.id, 0);

  EXPECT_EQ(by_code.at("lb-gs-adlieh").authority, "general_security");
  EXPECT_EQ(by_code.at("lb-gs-adlieh").type, "retention_centre");
  EXPECT_EQ(by_code.at("lb-army-intelligence").authority, "army_intelligence");
  EXPECT_EQ(by_code.at("lb-baabda-women").type, "womens_prison");
  EXPECT_EQ(by_code.at("lb-roumieh-block-b").capacity, 0) << "unknown capacities stay 0";
  for (const auto& f : *loaded) EXPECT_EQ(f.country, "lb") << f.code;
}

TEST(Facilities, ChecksCodesAgainstTheVocabularies) {
  const Vocabularies v = embedded();
  const std::string tsv = std::string(kHeader) +
                          "lb-x\tسجن س\tPrison X\tprison\tisf\tlb\tBeirut\t0\t\n"
                          "lb-y\tسجن ص\tPrison Y\tjail\tisf\tlb\tBeirut\t0\t\n";
  auto f = parse_facilities(tsv, "reference/facilities.tsv", v);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().kind, ErrorKind::kBadInput);
  EXPECT_EQ(f.error().where, "reference/facilities.tsv:3 (type)");
  EXPECT_EQ(f.error().message, "'jail' is not a code of vocabulary 'facility_types'");
  EXPECT_NE(f.error().hint.find("central_prison"), std::string::npos) << f.error().hint;

  auto authority = parse_facilities(
      std::string(kHeader) + "lb-x\tسجن س\tPrison X\tprison\tpolice\tlb\t\t0\t\n", "f.tsv", v);
  ASSERT_FALSE(authority);
  EXPECT_EQ(authority.error().where, "f.tsv:2 (authority)");

  auto country =
      parse_facilities(std::string(kHeader) + "lb-x\tسجن س\tPrison X\tprison\tisf\tLB\t\t0\t\n", "f.tsv", v);
  ASSERT_FALSE(country);
  EXPECT_EQ(country.error().where, "f.tsv:2 (country)");
}

TEST(Facilities, RejectsMalformedRowsNamingTheLine) {
  const Vocabularies v = embedded();
  struct Case {
    std::string row;
    const char* message_part;
  };
  const Case cases[] = {
      {"lb-x\tسجن س\tPrison X\tprison\tisf\tlb\t\t1,050\t", "capacity '1,050' is not a whole number"},
      {"lb-x\tسجن س\tPrison X\tprison\tisf\tlb\t\t-1\t", "capacity '-1'"},
      {"lb-x\tسجن س\tPrison X\tprison\tisf\tlb\t\t\t", "capacity ''"},
      {"LB X\tسجن س\tPrison X\tprison\tisf\tlb\t\t0\t", "facility code 'LB X' is not valid"},
      {"lb-x\tPrison X\tسجن س\tprison\tisf\tlb\t\t0\t", "has no Arabic letter"},
      {"lb-x\tسجن س\t\tprison\tisf\tlb\t\t0\t", "must be a non-empty name in Latin script"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.row);
    auto f = parse_facilities(std::string(kHeader) + c.row + "\n", "f.tsv", v);
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().kind, ErrorKind::kBadInput);
    EXPECT_TRUE(f.error().where.starts_with("f.tsv:2")) << f.error().where;
    EXPECT_NE(f.error().message.find(c.message_part), std::string::npos) << f.error().message;
    EXPECT_FALSE(f.error().hint.empty());
  }
}

TEST(Facilities, RejectsADuplicateCodeAndAMissingColumn) {
  const Vocabularies v = embedded();
  const std::string row = "lb-x\tسجن س\tPrison X\tprison\tisf\tlb\t\t0\t\n";
  auto twice = parse_facilities(std::string(kHeader) + row + row, "f.tsv", v);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().where, "f.tsv:3");
  EXPECT_EQ(twice.error().message, "facility code 'lb-x' appears twice (first at line 2)");

  auto no_capacity = parse_facilities("code\tname_ar\tname_en\ttype\tauthority\tcountry\tcity\n", "f.tsv", v);
  ASSERT_FALSE(no_capacity);
  EXPECT_EQ(no_capacity.error().where, "f.tsv:1");
  EXPECT_EQ(no_capacity.error().message, "the header has no 'capacity' column");
}

TEST(Facilities, NotesAndFurtherColumnsAreOptional) {
  const Vocabularies v = embedded();
  auto f = parse_facilities(
      "code\tname_ar\tname_en\ttype\tauthority\tcountry\tcity\tcapacity\n"
      "sy-x\tسجن س\tPrison X\tprison\tunknown\tsy\tDamascus\t200\n",
      "f.tsv", v);
  ASSERT_TRUE(f) << f.error().describe();
  ASSERT_EQ(f->size(), 1u);
  EXPECT_EQ((*f)[0].capacity, 200);
  EXPECT_EQ((*f)[0].city, "Damascus");
}

}  // namespace
}  // namespace sawt
