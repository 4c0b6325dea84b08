#include "linkage/compare.h"

#include <gtest/gtest.h>

#include "linkage/linkage_testing.h"
#include "linkage/model.h"

namespace sawt::linkage {
namespace {

using testing::person;

Level names_level(const char* a, const char* b) {
  return compare_names(make_name_value(a), make_name_value(b));
}

TEST(CompareNames, Levels) {
  struct Case {
    const char* a;
    const char* b;
    Level level;
  };
  const Case cases[] = {
      {"أحمد", "احمد", Level::kExact},
      {"al-Hamwi", "Hamwi", Level::kExact},
      {"Abdul Rahman", "Abdurrahman", Level::kExact},
      {"محمد", "Mohammed", Level::kClose},
      {"Mohamed", "Muhammad", Level::kClose},
      {"الحموي", "Hamwi", Level::kClose},
      {"Fatima", "Fatima al-Halabi", Level::kClose},  // parts left out
      {"Abdulrahman", "Abdulrahamn", Level::kClose},  // transposition
      {"Khaled", "Khalef", Level::kClose},            // one edit, six letters
      {"محمد", "محمود", Level::kPartial},             // same consonants, other vowels
      {"Hasan", "Husayn", Level::kPartial},
      {"Saleh", "Salem", Level::kPartial},                 // short names one letter apart
      {"Abu Bakr", "Abd Bakr", Level::kPartial},           // a kunya is not a compound
      {"Abdul Rahman", "Abdul Hamid", Level::kDifferent},  // same head, other tail
      {"Ahmad", "Mohammad", Level::kDifferent},
      {"Khaled", "Yusuf", Level::kDifferent},
      // Spoken forms: ذ as z, ث as s, ج as g, إ dropped before br.
      {"Moaz", "معاذ", Level::kClose},
      {"Monzer", "منذر", Level::kClose},
      {"Osman", "عثمان", Level::kClose},
      {"Gamal", "جمال", Level::kClose},
      {"Ragab", "Rajab", Level::kClose},
      {"Brahim", "إبراهيم", Level::kClose},
      {"Gamal", "Kamal", Level::kPartial},  // g is not k: only similar
      {"Samer", "Shaker", Level::kDifferent},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(names_level(c.a, c.b), c.level)
        << c.a << " / " << c.b << ": " << level_name(names_level(c.a, c.b));
    EXPECT_EQ(names_level(c.b, c.a), c.level) << c.b << " / " << c.a << " (reversed)";
  }
  EXPECT_EQ(names_level("", "Khaled"), Level::kMissing);
}

TEST(CompareDates, Levels) {
  const auto d = [](const char* s) { return PartialDate::parse(s).value(); };
  EXPECT_EQ(compare_dates(d("1985-03-07"), d("1985-03-07")), Level::kExact);
  EXPECT_EQ(compare_dates(d("1985-03-07"), d("1985-07-03")), Level::kClose);  // day/month swapped
  EXPECT_EQ(compare_dates(d("1985-03-07"), d("1985-03-17")), Level::kClose);  // same month
  EXPECT_EQ(compare_dates(d("1985-03-07"), d("1986-03-07")), Level::kClose);  // a year off
  EXPECT_EQ(compare_dates(d("1985-03-07"), d("1995-03-07")), Level::kClose);  // one digit
  EXPECT_EQ(compare_dates(d("1985-03-07"), d("1985")), Level::kPartial);      // year only
  EXPECT_EQ(compare_dates(d("1985-03"), d("1985-03-07")), Level::kClose);     // the month, as named
  EXPECT_EQ(compare_dates(d("1985-03"), d("1985-04-07")), Level::kPartial);   // another month
  EXPECT_EQ(compare_dates(d("~1985-03"), d("1985-03-07")), Level::kPartial);  // approximate: only the year
  EXPECT_EQ(compare_dates(d("~1983"), d("1985-03-07")), Level::kPartial);     // approximate, two years
  EXPECT_EQ(compare_dates(d("1985"), d("1986")), Level::kPartial);            // a year off, imprecise
  EXPECT_EQ(compare_dates(d("1985"), d("1990")), Level::kDifferent);
  EXPECT_EQ(compare_dates(d("1985-03-07"), d("1990-11-20")), Level::kDifferent);
  EXPECT_EQ(compare_dates(d("2014-03-07"), d("2014-04-01"), 31),
            Level::kClose);  // arrest dates a month apart
  EXPECT_EQ(compare_dates(PartialDate{}, d("1985")), Level::kMissing);
}

TEST(CompareTexts, LevelsAndIdentifiers) {
  EXPECT_EQ(compare_texts("wallaby place", "wallaby place"), Level::kExact);
  EXPECT_EQ(compare_texts("2119", "2191"), Level::kClose);  // one transposition
  EXPECT_EQ(compare_texts("wallaby place", "wallaby pl"), Level::kClose);
  EXPECT_EQ(compare_texts("kingston", "dural"), Level::kDifferent);
  EXPECT_EQ(compare_texts("", "x"), Level::kMissing);
  EXPECT_EQ(normalize_identifier(" 0123-456 789 "), "123456789");
  EXPECT_EQ(normalize_identifier("000"), "0");
  EXPECT_EQ(compare_identifiers("123456789", "123456789"), Level::kExact);
  EXPECT_EQ(compare_identifiers("123456789", "123456788"), Level::kClose);
  EXPECT_EQ(compare_identifiers("123456789", "987654321"), Level::kDifferent);
}

// Comparison vectors of two records, over the fields they use.
struct Pair {
  std::vector<std::string> fields;
  Features features;
  Pattern pattern = 0;
  Assessment assessment;
  Level level(const std::string& field) const {
    for (std::size_t f = 0; f < fields.size(); ++f) {
      if (fields[f] == field) return level_at(pattern, f);
    }
    return Level::kMissing;
  }
};

Pair compare_two(const SourceRecord& a, const SourceRecord& b) {
  Pair p;
  p.fields = {"first_name",  "father_name", "grandfather_name", "family_name",
              "mother_name", "birth_date",  "gender",           "id_number"};
  p.features = Features::build({a, b}, {}, p.fields, 1);
  const Comparator comparator(p.features);
  NameCache cache;
  p.pattern = comparator.compare(0, 1, cache);
  p.assessment = comparator.assess(p.pattern, 0, 1);
  return p;
}

TEST(Comparator, FirstAndFamilyInEachOthersColumns) {
  const Pair p = compare_two(person("Hamwi", "Ahmad", "", "Khaled"), person("خالد", "أحمد", "", "الحموي"));
  EXPECT_EQ(p.level("first_name"), Level::kClose);
  EXPECT_EQ(p.level("family_name"), Level::kClose);
  EXPECT_EQ(alignment_of(p.pattern), kFirstFamilySwapped);
  // Also when the father and grandfather agree as written (they would make
  // the swapped pair look like brothers).
  const Pair q =
      compare_two(person("Hamwi", "Ahmad", "Omar", "Khaled"), person("خالد", "أحمد", "عمر", "الحموي"));
  EXPECT_EQ(q.level("first_name"), Level::kClose);
  EXPECT_EQ(q.level("family_name"), Level::kClose);
  EXPECT_EQ(alignment_of(q.pattern), kFirstFamilySwapped);
}

// Facilities compare by the words that say which place it is: lists write
// one prison "سجن رومية", "رومية المركزي" and "Roumieh Central Prison".
// The level of COLUMN (the record member MEMBER) between two records alike
// but for X and Y there.
Level place_level(std::string SourceRecord::*member, const char* column, const char* x, const char* y) {
  SourceRecord a = person("Ahmad", "", "", "Hamwi"), b = person("Ahmad", "", "", "Hamwi");
  a.*member = x;
  b.*member = y;
  const Features features = Features::build({a, b}, {}, {"first_name", "family_name", column}, 1);
  const Comparator comparator(features);
  NameCache cache;
  return level_at(comparator.compare(0, 1, cache), 2);
}

struct PlaceCase {
  const char* x;
  const char* y;
  Level level;
};

void check_places(std::string SourceRecord::*member, const char* column, const std::vector<PlaceCase>& cases) {
  for (const PlaceCase& c : cases) {
    EXPECT_EQ(place_level(member, column, c.x, c.y), c.level) << column << ": " << c.x << " / " << c.y;
  }
}

TEST(Comparator, FacilitiesByTheirDistinctiveWords) {
  check_places(&SourceRecord::facility, "facility", {
      {"سجن رومية", "رومية المركزي", Level::kExact},
      {"Roumieh Central Prison", "Roumieh prison", Level::kExact},
      {"Roumieh Central Prison", "سجن رومية", Level::kClose},
      {"رومية - المبنى ب", "سجن رومية المبنى ب", Level::kExact},
      {"Roumieh Block B", "Roumieh", Level::kClose},  // the block is in the prison
      {"سجن رومية", "سجن القبة", Level::kDifferent},
      {"Prison", "prison", Level::kExact},  // nothing but generic words: kept as written
  });
}

// Birth places by their locality: the region a list adds after a comma or a
// dash is left out, a Latin place of several words also meets its Arabic
// written as one word, and an English or French name its Arabic.
TEST(Comparator, BirthPlacesByTheirLocality) {
  check_places(&SourceRecord::birth_place, "birth_place", {
      {"Tell Kalakh, Homs", "تلكلخ", Level::kClose},
      {"Tell Kalakh", "Tell Kalakh, Homs", Level::kExact},
      {"داريا - ريف دمشق", "Darayya", Level::kClose},
      {"داريا - ريف دمشق", "داريا", Level::kExact},
      {"دوما، ريف دمشق", "Douma", Level::kClose},
      {"Douma, Rif Dimashq", "Harasta, Rif Dimashq", Level::kDifferent},
      // Names that are no spelling of the Arabic (data/names/places.tsv).
      {"Damascus", "دمشق", Level::kExact},
      {"Alep", "Aleppo", Level::kExact},
      {"Palmyra", "تدمر", Level::kExact},
      {"Damas", "Dimashq", Level::kClose},
      // Words that only say what kind of place it is.
      {"Yarmouk camp", "مخيم اليرموك", Level::kClose},
      {"Damascus", "Aleppo", Level::kDifferent},
  });
}

// A doubled Arabic letter is read once too: ممحمد is Mohamed, but only
// close (its rarity is the slip's, not the name's); ممدوح stays Mamdouh.
TEST(Comparator, DoubledArabicLetterIsReadOnce) {
  EXPECT_EQ(compare_two(person("ممحمد", "", "", "Hamwi"), person("Mohamed", "", "", "Hamwi")).level("first_name"),
            Level::kClose);
  EXPECT_EQ(compare_two(person("ممحمد", "", "", "Hamwi"), person("محمد", "", "", "Hamwi")).level("first_name"),
            Level::kClose);
  EXPECT_EQ(compare_two(person("عللي", "", "", "Hamwi"), person("Ali", "", "", "Hamwi")).level("first_name"),
            Level::kClose);
  EXPECT_EQ(compare_two(person("ممدوح", "", "", "Hamwi"), person("Mamdouh", "", "", "Hamwi")).level("first_name"),
            Level::kClose);
  EXPECT_EQ(compare_two(person("ممحمد", "", "", "Hamwi"), person("Mahmoud", "", "", "Hamwi")).level("first_name"),
            Level::kPartial);  // as محمد against Mahmoud
}

TEST(Comparator, FullNameWrittenFamilyFirst) {
  SourceRecord a;
  a.name.full = "الحموي خالد أحمد محمود";
  const Pair p = compare_two(a, person("Khaled", "Ahmad", "Mahmoud", "Hamwi"));
  EXPECT_EQ(p.level("first_name"), Level::kClose);
  EXPECT_EQ(p.level("father_name"), Level::kClose);
  EXPECT_EQ(p.level("grandfather_name"), Level::kClose);
  EXPECT_EQ(p.level("family_name"), Level::kClose);
  // The article tells the guess that the family name comes first: the
  // parts are read so, and compared as read.
  EXPECT_EQ(alignment_of(p.pattern), kAsWritten);
  // Without an article (and with too few records to count how the names
  // are used) the guess reads it first name first; the comparison finds the
  // other reading.
  SourceRecord b;
  b.name.full = "Hamwi Khaled Ahmad Mahmoud";
  const Pair q = compare_two(b, person("خالد", "أحمد", "محمود", "الحموي"));
  EXPECT_EQ(q.level("first_name"), Level::kClose);
  EXPECT_EQ(q.level("family_name"), Level::kClose);
  EXPECT_NE(alignment_of(q.pattern), kAsWritten);
}

// Records that give محمد خير as a first name (enough for the data to know
// it as one name), then the records of a test.
struct CompoundTable {
  static constexpr std::uint32_t kKnown = 3;
  std::vector<std::string> fields = {"first_name", "father_name", "grandfather_name", "family_name",
                                     "mother_name", "birth_date", "gender", "id_number"};
  Features features;
  explicit CompoundTable(const std::vector<SourceRecord>& more) {
    std::vector<SourceRecord> records;
    for (std::uint32_t i = 0; i < kKnown; ++i) records.push_back(person("محمد خير", "أحمد", "", "العلي"));
    records.insert(records.end(), more.begin(), more.end());
    features = Features::build(records, {}, fields, 1);
  }
  // The pair of the test's records X and Y.
  Pair compare(std::uint32_t x, std::uint32_t y) const {
    Pair p;
    p.fields = fields;
    p.features = features;
    const Comparator comparator(p.features);
    NameCache cache;
    p.pattern = comparator.compare(kKnown + x, kKnown + y, cache);
    p.assessment = comparator.assess(p.pattern, kKnown + x, kKnown + y);
    return p;
  }
};

SourceRecord full_name(const char* text, const char* birth = "") {
  SourceRecord r;
  r.name.full = text;
  if (*birth != 0) r.birth_date = PartialDate::parse(birth).value();
  return r;
}

TEST(Comparator, TwoWordFirstNameInAFullName) {
  // Read by count, "محمد خير محمد الحسن" has the father خير; with the first
  // name kept whole the father is محمد, as the other record says, and all
  // three parts agree (no grandfather: only three can).
  const CompoundTable t({person("محمد خير", "محمد", "", "الحسن", "1987-03-11"),
                         full_name("محمد خير محمد الحسن", "1987-03-11"),
                         full_name("Mohamed Kheir Mohamed al-Hasan", "1987-03-11")});
  for (std::uint32_t other : {1U, 2U}) {
    const Pair p = t.compare(0, other);
    EXPECT_TRUE(p.level("first_name") == Level::kExact || p.level("first_name") == Level::kClose) << other;
    EXPECT_TRUE(p.level("father_name") == Level::kExact || p.level("father_name") == Level::kClose) << other;
    EXPECT_NE(alignment_of(p.pattern), kAsWritten) << other;
    EXPECT_FALSE(p.assessment.veto) << other;
  }
}

TEST(Comparator, TwoWordFirstNameWithoutAFather) {
  // Three words: first name and family name. The written reading makes up
  // a father (خير) who differs from the other record's; kept whole, no
  // part differs.
  const CompoundTable t({person("محمد خير", "عبد الكريم", "", "العلي"), full_name("محمد خير العلي")});
  const Pair p = t.compare(0, 1);
  EXPECT_EQ(p.level("father_name"), Level::kMissing);
  EXPECT_TRUE(p.level("first_name") == Level::kExact || p.level("first_name") == Level::kClose);
  EXPECT_NE(alignment_of(p.pattern), kAsWritten);
}

TEST(Comparator, TwoWordFirstNameIsNotItsFirstWord) {
  // محمد, son of محمد, and محمد خير, son of محمد: brothers. Kept whole,
  // محمد خير would be "close" to محمد (a name with a word left out), but
  // a first name of one word is not a two-word name.
  const CompoundTable t({person("محمد", "محمد", "", "الحسن"), full_name("محمد خير محمد الحسن")});
  const Pair p = t.compare(0, 1);
  EXPECT_EQ(alignment_of(p.pattern), kAsWritten);
  EXPECT_EQ(p.level("father_name"), Level::kDifferent);
}

TEST(Scorer, AKeptWholeNameWeighsAsItself) {
  // 40 Mohammads and three محمد خير: agreeing on محمد خير under the reading
  // that keeps it whole weighs what the rarer name weighs.
  std::vector<SourceRecord> records;
  for (int i = 0; i < 40; ++i) records.push_back(person("محمد", "علي", "", "Family" + std::to_string(i % 20)));
  for (int i = 0; i < 3; ++i) records.push_back(person("محمد خير", "أحمد", "", "العلي"));
  records.push_back(person("محمد خير", "محمد", "", "الحسن"));
  records.push_back(full_name("محمد خير محمد الحسن"));
  const std::vector<std::string> fields = {"first_name", "father_name", "grandfather_name", "family_name"};
  const Features features = Features::build(records, {}, fields, 1);
  const Comparator comparator(features);
  NameCache cache;
  // The full name first: as written its first name is the common محمد.
  const Pattern p = comparator.compare(44, 43, cache);
  ASSERT_NE(alignment_of(p), kAsWritten);
  const ModelParams model = default_model(fields);
  const Scorer scorer(model, features);
  const Level first = level_at(p, 0);
  ASSERT_TRUE(first == Level::kExact || first == Level::kClose);
  EXPECT_GT(scorer.field_weight(0, first, 44, 43, alignment_of(p)), scorer.field_weight(0, first, 44, 43) + 1);
}

TEST(Comparator, SlipsOfThePenAcrossScripts) {
  // 150 records of خالد, 60 of خلف (Khalaf, a name of its own), one Khalef
  // and one Khalaf in Latin: Khalef's skeleton (hlf) is Khalaf's, common
  // here, so it is not a slip for Khaled; Khaleb's (hlb) is rare and one
  // letter from Khaled's (hld): a slip of the pen, so "close".
  std::vector<SourceRecord> records;
  for (int i = 0; i < 150; ++i) records.push_back(person("خالد", "", "", "Hamwi"));
  for (int i = 0; i < 60; ++i) records.push_back(person("خلف", "", "", "Hamwi"));
  records.push_back(person("Khalef", "", "", "Hamwi"));
  records.push_back(person("Khaleb", "", "", "Hamwi"));
  const std::vector<std::string> fields = {"first_name", "family_name"};
  const Features f = Features::build(records, {}, fields, 1);
  const Comparator comparator(f);
  NameCache cache;
  EXPECT_EQ(level_at(comparator.compare(211, 0, cache), 0), Level::kClose);      // Khaleb ~ خالد
  EXPECT_NE(level_at(comparator.compare(210, 0, cache), 0), Level::kClose);      // Khalef: Khalaf
  EXPECT_EQ(level_at(comparator.compare(210, 150, cache), 0), Level::kClose);    // Khalef ~ خلف
}

TEST(Comparator, RareSpellingsOneLetterOffACommonName) {
  // A list large enough to count (25,000 first names): خالد and خليل
  // (Khalil, a name of its own), محمد and أحمد, حسن and Hussein, and slips:
  // Khaed and Nohamed three times each (too often for a slip one in 20,000
  // records, not for one in 5,000), Khald and جسن once.
  std::vector<SourceRecord> records;
  const auto add = [&](const char* first, int n) {
    for (int i = 0; i < n; ++i) records.push_back(person(first, "", "", "Hamwi"));
    return records.size() - 1;
  };
  const std::size_t khaled = add("خالد", 9000), khalil = add("خليل", 3000), mohammad = add("محمد", 9000),
                    ahmad = add("أحمد", 4000), hasan = add("حسن", 200), hussein = add("Hussein", 150);
  const std::size_t khaed = add("Khaed", 3), khald = add("Khald", 1), nohamed = add("Nohamed", 3),
                    jasan = add("جسن", 1);
  const std::vector<std::string> fields = {"first_name", "family_name"};
  const Features f = Features::build(records, {}, fields, 1);
  const Comparator comparator(f);
  NameCache cache;
  const auto level = [&](std::size_t a, std::size_t b) {
    return level_at(comparator.compare(static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b), cache), 0);
  };
  // A dropped letter across scripts: hd is one letter off hld.
  EXPECT_EQ(level(khaed, khaled), Level::kClose);
  // Khald has Khaled's skeleton: it is no slip for Khalil (hld, hll).
  EXPECT_NE(level(khald, khalil), Level::kClose);
  // One letter off Mohamed (nhmd, mhmd) and off Ahmed (ahmd): the slip goes
  // to the name more than twice as common, never to the other.
  EXPECT_EQ(level(nohamed, mohammad), Level::kClose);
  EXPECT_NE(level(nohamed, ahmad), Level::kClose);
  // A dot lost in حسن: جسن keeps Hasan's vowels, not Hussein's.
  EXPECT_EQ(level(jasan, hasan), Level::kClose);
  EXPECT_NE(level(jasan, hussein), Level::kClose);
}

TEST(Comparator, HardRules) {
  // Brothers: same father, different first names.
  EXPECT_TRUE(compare_two(person("Khaled", "Mahmoud", "Ali", "Hamwi", "1985-03-07"),
                          person("Ahmad", "Mahmoud", "Ali", "Hamwi", "1988-11-02"))
                  .assessment.veto);
  // Twins: one birthday, two established names.
  EXPECT_TRUE(compare_two(person("Hasan", "Mahmoud", "Ali", "Hamwi", "1992-06-15"),
                          person("Husayn", "Mahmoud", "Ali", "Hamwi", "1992-06-15"))
                  .assessment.veto);
  // A slip in the first name with the same birthday and father: allowed.
  EXPECT_FALSE(compare_two(person("Khaled", "Mahmoud", "Ali", "Hamwi", "1992-06-15"),
                           person("Khalef", "Mahmoud", "Ali", "Hamwi", "1992-06-15"))
                   .assessment.veto);
  // Two identity fields in conflict.
  const Pair conflict = compare_two(person("Khaled", "", "", "Hamwi", "1985-03-07", "Fatima"),
                                    person("Khaled", "", "", "Hamwi", "1970-11-20", "Maryam"));
  EXPECT_TRUE(conflict.assessment.veto);
  EXPECT_NE(std::string(conflict.assessment.reason).find("differ"), std::string::npos);
  // Different gender; different id numbers.
  SourceRecord m = person("Nour", "Ahmad", "", "Hamwi"), f = m;
  m.gender = "m";
  f.gender = "f";
  EXPECT_EQ(compare_two(m, f).assessment.reason, "different gender");
  SourceRecord x = person("Khaled", "Ahmad", "", "Hamwi"), y = x;
  x.id_number = "01234567891";
  y.id_number = "09876543210";
  EXPECT_EQ(compare_two(x, y).assessment.reason, "different id numbers");
  // The same person in two scripts.
  EXPECT_FALSE(compare_two(person("خالد", "محمود", "علي", "الحموي", "1985"),
                           person("Khaled", "Mahmoud", "Ali", "al-Hamwi", "1985-03-07"))
                   .assessment.veto);
}

TEST(Scorer, RareNamesWeighMoreThanCommonOnes) {
  // 40 Mohammads, one pair of Zuhairs; the same level, other weights.
  std::vector<SourceRecord> records;
  for (int i = 0; i < 40; ++i)
    records.push_back(person("Mohammad", "", "", "Family" + std::to_string(i % 20)));
  records.push_back(person("Zuhair", "", "", "Hamwi"));
  records.push_back(person("Zuhair", "", "", "Halabi"));
  const std::vector<std::string> fields = {"first_name", "family_name"};
  const Features features = Features::build(records, {}, fields, 1);
  const ModelParams model = default_model(fields);
  const Scorer scorer(model, features);
  const double common = scorer.field_weight(0, Level::kExact, 0, 1);
  const double rare = scorer.field_weight(0, Level::kExact, 40, 41);
  EXPECT_GT(rare, common + 2) << "rare " << rare << " common " << common;
  EXPECT_GT(common, 0);  // agreement never counts against a pair
  EXPECT_DOUBLE_EQ(scorer.field_weight(0, Level::kDifferent, 0, 40),
                   model.fields[0].weight(Level::kDifferent));
  EXPECT_NEAR(Scorer::probability(Scorer::weight_for(0.95)), 0.95, 1e-12);
}

}  // namespace
}  // namespace sawt::linkage
