#include "linkage/features.h"

#include <gtest/gtest.h>

#include <optional>

#include "linkage/linkage_testing.h"

namespace sawt::linkage {
namespace {

using testing::person;

const std::vector<std::string> kFields = {"first_name", "father_name", "grandfather_name", "family_name",
                                          "birth_date", "gender",      "postcode"};

TEST(Features, InternsValuesAndCountsThem) {
  std::vector<SourceRecord> records = {person("أحمد", "Ali", "", "Hamwi", "1985"),
                                       person("احمد", "Ali", "", "Hamwi"),
                                       person("Ahmad", "", "", "Halabi", "1985")};
  records[0].extra["postcode"] = " 2119 ";
  records[1].extra["postcode"] = "2119";
  records[2].gender = "m";
  const Features f = Features::build(records, {"a", "b", "a"}, kFields, 2);
  ASSERT_EQ(f.size(), 3U);
  ASSERT_EQ(f.columns().size(), kFields.size());
  // أحمد and احمد are two written values with one key.
  const std::uint32_t v0 = f.value(0, 0), v1 = f.value(1, 0), v2 = f.value(2, 0);
  EXPECT_NE(v0, v1);
  EXPECT_EQ(f.name_key(v0), f.name_key(v1));
  EXPECT_NE(f.name_key(v0), f.name_key(v2));
  EXPECT_EQ(f.name_skeleton(v0), f.name_skeleton(v2));  // Ahmad: the same skeleton in Latin
  EXPECT_EQ(f.column(0).key_count[f.name_key(v0)], 2U);
  EXPECT_EQ(f.column(0).present, 3U);
  // Missing values are 0; the same date is one value.
  EXPECT_EQ(f.value(2, 1), 0U);
  EXPECT_EQ(f.value(0, 4), f.value(2, 4));
  EXPECT_EQ(f.value(1, 4), 0U);
  EXPECT_EQ(f.column(5).present, 1U);
  EXPECT_EQ(f.value(0, 6), f.value(1, 6));  // trimmed
  EXPECT_EQ(f.column(6).texts[f.value(0, 6)], "2119");
  EXPECT_EQ(f.source(0), f.source(2));
  EXPECT_NE(f.source(0), f.source(1));
  EXPECT_EQ(f.column_of(KnownField::kFamilyName), 3);
  EXPECT_EQ(f.column_of(KnownField::kMotherName), -1);
  // Shares of agreement: two of three first names share a key.
  EXPECT_NEAR(f.column(0).key_square_sum, (4.0 + 1.0) / 9.0, 1e-12);
}

TEST(Features, ReadingsOfGuessedFullNames) {
  SourceRecord three, four, parts = person("Khaled", "Ahmad", "", "Hamwi");
  three.name.full = "Hamwi Khaled Ahmad";
  four.name.full = "Mohamed Jamel Al-Hajj Ahmed";
  const Features f = Features::build({three, four, parts}, {}, kFields, 1);
  EXPECT_TRUE(f.guessed(0));
  EXPECT_FALSE(f.guessed(2));
  EXPECT_TRUE(f.alternatives(2).empty());
  // As written: first Hamwi, father Khaled, family Ahmad; read family first:
  // first Khaled, father Ahmad, family Hamwi.
  ASSERT_EQ(f.alternatives(0).size(), 1U);
  const NameSlots rotated = f.reading(0, 1);
  EXPECT_EQ(f.name(rotated[0]).key, "khaled");
  EXPECT_EQ(f.name(rotated[1]).key, "ahmad");
  EXPECT_EQ(rotated[2], 0U);
  EXPECT_EQ(f.name(rotated[3]).key, "hamwi");
  // Four tokens: family first, and a two-word family name.
  ASSERT_EQ(f.alternatives(1).size(), 2U);
  const NameSlots two_words = f.reading(1, 2);
  EXPECT_EQ(f.name(two_words[0]).key, "mohamed");
  EXPECT_EQ(f.name(two_words[1]).key, "jamel");
  EXPECT_EQ(two_words[2], 0U);
  EXPECT_EQ(f.name(two_words[3]).key, "hajj ahmed");
  EXPECT_EQ(f.reading(2, 0)[0], f.value(2, 0));
}

TEST(Features, FullNamesWrittenFamilyFirstAreReadSo) {
  // A first word with an article, or one that the records with parts use as
  // a family name (four times or more as often as a given name), before a
  // last word used as a given name: the family name comes first.
  std::vector<SourceRecord> records;
  for (int i = 0; i < 4; ++i) records.push_back(person("Omar", "Ahmad", "", "Marai"));
  SourceRecord article, counted, written;
  article.name.full = "Al-Hamwi Khaled Ahmad";
  counted.name.full = "Marai Khaled Ahmad";
  written.name.full = "Khaled Ahmad Marai";
  records.push_back(article);
  records.push_back(counted);
  records.push_back(written);
  const Features f = Features::build(records, {}, kFields, 1);
  const auto first = [&](std::size_t r, std::size_t reading) { return f.name(f.reading(r, reading)[0]).key; };
  const auto family = [&](std::size_t r, std::size_t reading) { return f.name(f.reading(r, reading)[3]).key; };
  EXPECT_EQ(first(4, 0), "khaled");
  EXPECT_EQ(family(4, 0), "hamwi");
  EXPECT_EQ(first(4, 1), "hamwi");  // the written order stays as the other reading
  EXPECT_EQ(first(5, 0), "khaled");
  EXPECT_EQ(family(5, 0), "marai");
  EXPECT_EQ(first(6, 0), "khaled");  // written first name first: as written
  EXPECT_EQ(family(6, 0), "marai");
}

TEST(Features, TwoWordGivenNamesTheDataKnowAreKeptWhole) {
  // محمد خير is a first name in three records that give their parts: the
  // full names that start with it (in either script) or give it as the
  // father's name get a reading with the two words kept whole. محمد سعيد
  // is a first name in two records only: not enough to tell.
  std::vector<SourceRecord> records;
  for (int i = 0; i < 3; ++i) records.push_back(person("محمد خير", "أحمد", "", "العلي"));
  for (int i = 0; i < 2; ++i) records.push_back(person("محمد سعيد", "أحمد", "", "العلي"));
  for (const char* full : {"محمد خير محمد الحسن", "Mohamed Kheir Ahmad Al-Ali", "محمد خير الحسن",
                           "علي محمد خير حسن العلي", "محمد سعيد محمد الحسن"}) {
    SourceRecord r;
    r.name.full = full;
    records.push_back(r);
  }
  const Features f = Features::build(records, {}, kFields, 2);
  const auto compound = [&](std::size_t r) -> std::optional<NameSlots> {
    const auto kinds = f.alternative_kinds(r);
    for (std::size_t k = 0; k < kinds.size(); ++k) {
      if (kinds[k] == ReadingKind::kCompoundGiven) return f.reading(r, k + 1);
    }
    return std::nullopt;
  };
  const auto key = [&](std::uint32_t v) { return v == 0 ? std::string() : f.name(v).key; };
  const std::string whole = f.name(f.value(0, 0)).key;
  // As written: first محمد, father خير; kept whole: first محمد خير, father محمد.
  EXPECT_EQ(key(f.reading(5, 0)[1]), "خير");
  const auto arabic = compound(5);
  ASSERT_TRUE(arabic.has_value());
  EXPECT_EQ(key((*arabic)[0]), whole);
  EXPECT_EQ(key((*arabic)[1]), "محمد");
  EXPECT_EQ((*arabic)[2], 0U);
  EXPECT_EQ(key((*arabic)[3]), "حسن");
  // The Latin spelling has the Arabic name's skeleton.
  const auto latin = compound(6);
  ASSERT_TRUE(latin.has_value());
  EXPECT_EQ(f.name_skeleton((*latin)[0]), f.name_skeleton(f.value(0, 0)));
  EXPECT_EQ(key((*latin)[1]), "ahmad");
  EXPECT_EQ(key((*latin)[3]), "ali");
  // Three words: first name and family name, no father.
  const auto three = compound(7);
  ASSERT_TRUE(three.has_value());
  EXPECT_EQ(key((*three)[0]), whole);
  EXPECT_EQ((*three)[1], 0U);
  EXPECT_EQ(key((*three)[3]), "حسن");
  // The father's name kept whole.
  const auto father = compound(8);
  ASSERT_TRUE(father.has_value());
  EXPECT_EQ(key((*father)[0]), "علي");
  EXPECT_EQ(key((*father)[1]), whole);
  EXPECT_EQ(key((*father)[2]), "حسن");
  EXPECT_EQ(key((*father)[3]), "علي");
  EXPECT_FALSE(compound(9).has_value());
  // Blocking keys a known two-word name whole, not by its first word (محمد
  // would put it in the commonest name's block); محمد سعيد, unknown, by محمد.
  const std::uint32_t muhammad = f.reading(5, 0)[0];
  EXPECT_NE(f.name(f.value(0, 0)).first_token, f.name(muhammad).first_token);
  EXPECT_EQ(f.name(f.value(3, 0)).first_token, f.name(muhammad).first_token);
  // The order of the kinds: the family-first reading, the compound, the
  // two-word family name (model.h: reading_alignment relies on it).
  const auto kinds = f.alternative_kinds(5);
  ASSERT_EQ(kinds.size(), 3U);
  EXPECT_EQ(kinds[0], ReadingKind::kReordered);
  EXPECT_EQ(kinds[1], ReadingKind::kCompoundGiven);
  EXPECT_EQ(kinds[2], ReadingKind::kTwoWordFamily);
}

TEST(Features, TwoWordGivenNameInAFullNameWrittenFamilyFirst) {
  // Marai is a family name (four records), Nizar a given name: "Marai
  // Mohamed Khair Nizar" is read family first, and the two-word name kept
  // whole among the given names that follow the family name.
  std::vector<SourceRecord> records;
  for (int i = 0; i < 4; ++i) records.push_back(person("Omar", "Nizar", "", "Marai"));
  for (int i = 0; i < 3; ++i) records.push_back(person("Mohamed Khair", "Ahmad", "", "Ali"));
  SourceRecord r;
  r.name.full = "Marai Mohamed Khair Nizar";
  records.push_back(r);
  const Features f = Features::build(records, {}, kFields, 1);
  const auto kinds = f.alternative_kinds(7);
  std::size_t compound = 0;
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    if (kinds[k] == ReadingKind::kCompoundGiven) compound = k + 1;
  }
  ASSERT_NE(compound, 0U);
  const NameSlots s = f.reading(7, compound);
  EXPECT_EQ(f.name(s[0]).key, "mohamed khair");
  EXPECT_EQ(f.name(s[1]).key, "nizar");
  EXPECT_EQ(s[2], 0U);
  EXPECT_EQ(f.name(s[3]).key, "marai");
}

TEST(Features, GluedLatinArticleGetsAnAlternative) {
  const Features f =
      Features::build({person("Omar", "", "", "Alomar"), person("Omar", "", "", "Alwan")}, {}, kFields, 1);
  const NameValue& alomar = f.name(f.value(0, 3));
  ASSERT_NE(alomar.alt, 0U);
  EXPECT_EQ(f.name(alomar.alt).key, "omar");
  EXPECT_EQ(f.name(f.value(1, 3)).alt, 0U);  // Alwan: not an article before a vowel
}

// Arabic never writes a letter twice in a row but for لل: a doubled letter is
// a slip (ممحمد), and the name with it once is another reading.
TEST(Features, DoubledArabicLetterGetsAnAlternative) {
  const Features f = Features::build(
      {person("ممحمد", "عللي", "عبد اللله", "عبد اللطيف"), person("ممدوح", "", "", "الله")}, {}, kFields, 1);
  const auto alt_key = [&](std::size_t record, std::size_t field) {
    const NameValue& v = f.name(f.value(record, field));
    return v.alt == 0 ? std::string() : f.name(v.alt).key;
  };
  EXPECT_EQ(alt_key(0, 0), "محمد");
  EXPECT_EQ(alt_key(0, 1), "علي");
  EXPECT_EQ(alt_key(0, 2), "عبدالله");  // the key of عبد الله
  EXPECT_EQ(alt_key(0, 3), "");  // لل in اللطيف is how it is spelt
  EXPECT_EQ(alt_key(1, 0), "مدوح");  // a name of its own: compared both ways, the better counts
  EXPECT_EQ(alt_key(1, 3), "");
}

TEST(Features, CodePointsAndIdentifiers) {
  EXPECT_EQ(to_code_points("aمb"), std::u32string(U"aمb"));
  EXPECT_EQ(to_code_points(""), std::u32string());
  EXPECT_EQ(normalize_identifier("٠١٢٣٤"), "1234");  // Arabic-Indic digits, leading zero
  EXPECT_EQ(normalize_identifier("AB-0012"), "ab0012");
  EXPECT_EQ(normalize_identifier(""), "");
}

}  // namespace
}  // namespace sawt::linkage
