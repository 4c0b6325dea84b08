#include "names/skeleton.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "names/golden.h"
#include "names/text.h"
#include "util/embedded.h"

namespace sawt::names {
namespace {

Token single_token(const std::string& name) {
  const auto tokens = tokenize(name);
  std::vector<Token> names;
  for (const Token& t : tokens) {
    if (t.is_name()) names.push_back(t);
  }
  EXPECT_EQ(names.size(), 1u) << name;
  return names.empty() ? Token{} : names[0];
}

TEST(Skeleton, SpellingsOfOneNameMeet) {
  const auto rows = golden::read_table("skeleton_meet.tsv", 3);
  ASSERT_GE(rows.size(), 150u);
  for (const auto& row : rows) {
    const std::string at = golden::where("skeleton_meet.tsv", row) + " " + row[2];
    EXPECT_EQ(skeleton(row[2], KeyLevel::kCoarse), row[0]) << at;
    EXPECT_EQ(skeleton(row[2], KeyLevel::kFine), row[1]) << at;
  }
}

TEST(Skeleton, LatinVowelConventions) {
  const auto rows = golden::read_table("vowels.tsv", 3);
  ASSERT_GE(rows.size(), 25u);
  for (const auto& row : rows) {
    const std::string at = golden::where("vowels.tsv", row) + " " + row[0] + " / " + row[1];
    ASSERT_EQ(skeleton(row[0]), skeleton(row[1])) << at;
    const bool agree = vowels_agree(single_token(row[0]), single_token(row[1]));
    EXPECT_EQ(agree, vowels_agree(single_token(row[1]), single_token(row[0]))) << at << " (symmetry)";
    if (row[2] == "one") EXPECT_TRUE(agree) << at;
    else if (row[2] == "two") EXPECT_FALSE(agree) << at;
    else ADD_FAILURE() << at << ": unknown verdict " << row[2];
  }
}

TEST(Skeleton, DistinctNamesStayApartAndLimitsAreKnown) {
  const auto rows = golden::read_table("skeleton_apart.tsv", 3);
  ASSERT_GE(rows.size(), 35u);
  for (const auto& row : rows) {
    const std::string at = golden::where("skeleton_apart.tsv", row) + " " + row[0] + " / " + row[1];
    const std::string a = skeleton(row[0]), b = skeleton(row[1]);
    if (row[2] == "differ") {
      EXPECT_NE(a, b) << at;
      continue;
    }
    ASSERT_EQ(a, b) << at;
    const bool agree = vowels_agree(single_token(row[0]), single_token(row[1]));
    if (row[2] == "vowels") EXPECT_FALSE(agree) << at;
    else if (row[2] == "limit") EXPECT_TRUE(agree) << at;
    else ADD_FAILURE() << at << ": unknown verdict " << row[2];
  }
}

// Every reading in data/names/readings.tsv is usable: one Latin word with
// the Arabic name's consonant key and as many vowel slots, whose vowels agree
// with the Arabic's own long vowels, and which the engine attaches to it.
TEST(Skeleton, EveryListedReadingFitsItsName) {
  int rows = 0;
  for (const std::vector<std::string>& row : embedded_table("names/readings.tsv")) {
    ASSERT_EQ(row.size(), 2U) << row.front();
    const std::string& arabic = row[0];
    const std::string& reading = row[1];
    const std::string at = arabic + "\t" + reading;
    ++rows;
    EXPECT_EQ(skeleton(arabic, KeyLevel::kFine), skeleton(reading, KeyLevel::kFine)) << at;
    const Token a = single_token(arabic), r = single_token(reading);
    const VowelPattern pa = vowel_pattern(a);
    ASSERT_NE(pa.reading, nullptr) << at;
    EXPECT_EQ(pa.reading->slots.size(), pa.slots.size()) << at;
    EXPECT_TRUE(vowels_agree(a, r)) << at;
  }
  EXPECT_GE(rows, 50);
}

TEST(Skeleton, MohammedInEverySpelling) {
  for (const char* s : {"محمد", "Mohamed", "Mohammed", "Muhammad", "Mohammad", "Mohamad", "Muhammed", "Mouhamad", "Mhd"}) {
    EXPECT_EQ(skeleton(s), "mhmd") << s;
  }
}

// The Arabic letter table is ICU's Arabic-Latin transform with its
// diacritics stripped (ʿ written as an apostrophe), letter by letter.
TEST(Skeleton, ArabicTableIsIcuArabicLatinWithoutDiacritics) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> icu_arabic_latin(icu::Transliterator::createInstance(
      "Arabic-Latin; NFD; [:Nonspacing Mark:] Remove; NFC", UTRANS_FORWARD, status));
  ASSERT_TRUE(U_SUCCESS(status));
  int compared = 0;
  for (char32_t c = 0x0621; c <= 0x064A; ++c) {
    const std::string_view ours = arabic_letter_latin(c);
    if (ours.empty()) continue;
    icu::UnicodeString s(static_cast<UChar32>(c));
    icu_arabic_latin->transliterate(s);
    std::string theirs;
    s.toUTF8String(theirs);
    if (theirs == "\u02BF") theirs = "'";  // ʿayn
    EXPECT_EQ(ours, theirs) << "U+" << std::hex << static_cast<int>(c);
    ++compared;
  }
  EXPECT_EQ(compared, 28);
}

TEST(Skeleton, KeysAreAsciiLowerCaseLetters) {
  for (const auto& row : golden::read_table("skeleton_meet.tsv", 3)) {
    const TokenKeys k = token_keys(single_token(row[2]));
    for (const std::string* key : {&k.fine, &k.coarse}) {
      EXPECT_FALSE(key->empty()) << row[2];
      for (char c : *key) EXPECT_TRUE(c >= 'a' && c <= 'z') << row[2] << " " << *key;
    }
  }
}

TEST(Skeleton, CompoundsAreKeyedPartByPart) {
  EXPECT_EQ(skeleton("Abu Bakr"), "abbkr");
  EXPECT_EQ(skeleton("Abd Bakr"), "abdbkr");
  EXPECT_EQ(skeleton("Abdullah"), "abdallh");
  EXPECT_EQ(skeleton("Abdelilah"), "abdal");
  EXPECT_EQ(skeleton("محمد عبد الرحمن"), "mhmd abdrhmn");
}

TEST(Skeleton, ArticleIsNotPartOfTheKey) {
  for (const char* s : {"al-Hamwi", "Hamwi", "الحموي", "حموي", "El Hamoui", "Alhamwi"}) EXPECT_EQ(skeleton(s), "hm") << s;
}

TEST(Skeleton, VowelPatternsFollowTheScripts) {
  const VowelPattern mahmoud = vowel_pattern(single_token("محمود"));
  ASSERT_EQ(mahmoud.slots.size(), 5u);  // m h m d + before the first
  EXPECT_EQ(mahmoud.slots[3], 4);       // و after the second m: u
  EXPECT_EQ(mahmoud.initial, 0);
  const VowelPattern omar = vowel_pattern(single_token("Omar"));
  EXPECT_EQ(omar.initial, 4);  // o: u class
  EXPECT_TRUE(vowels_agree(single_token("Yusuf"), single_token("Youssef")));
  EXPECT_TRUE(vowels_agree(single_token("مصطفى"), single_token("Mustafa")));
  EXPECT_TRUE(vowels_agree(single_token("عمرو"), single_token("Amr")));
  EXPECT_TRUE(vowels_agree(single_token("داود"), single_token("داوود")));
  // Two Latin vowel letters write a long vowel, which the Arabic must write
  // too (or an ʿayn, which Latin often doubles); "ou" is also a short u.
  for (const auto& [ar, lat] : std::vector<std::pair<const char*, const char*>>{
           {"سعد", "Saad"}, {"سعيد", "Saeed"}, {"زينب", "Zeinab"}, {"مصطفى", "Moustafa"}, {"رائد", "Raed"},
           {"جعفر", "Jaafar"}, {"محمد", "Mouhammad"}, {"مروان", "Marwan"}, {"حسين", "Hussein"}}) {
    EXPECT_TRUE(vowels_agree(single_token(ar), single_token(lat))) << ar << " / " << lat;
  }
}

TEST(Skeleton, WordsWithoutLettersHaveNoKeys) {
  EXPECT_TRUE(word_keys("").coarse.empty());
  EXPECT_TRUE(word_keys("123").coarse.empty());
  EXPECT_EQ(skeleton(""), "");
}

}  // namespace
}  // namespace sawt::names
