#include "names/normalize.h"

#include <gtest/gtest.h>

#include <thread>
#include <unicode/uchar.h>
#include <vector>

#include "names/golden.h"
#include "names/text.h"

namespace sawt::names {
namespace {

std::string apply(const std::string& function, const std::string& input) {
  if (function == "arabic") return normalize_arabic(input);
  if (function == "latin") return normalize_latin(input);
  return normalize_name(input);
}

TEST(Normalize, GoldenTable) {
  const auto rows = golden::read_table("normalize.tsv", 3);
  ASSERT_GE(rows.size(), 70u);
  for (const auto& row : rows) {
    EXPECT_EQ(apply(row[0], row[1]), row[2]) << golden::where("normalize.tsv", row) << " " << row[1];
  }
}

TEST(Normalize, IsIdempotent) {
  for (const auto& row : golden::read_table("normalize.tsv", 3)) {
    const std::string once = apply(row[0], row[1]);
    EXPECT_EQ(apply(row[0], once), once) << golden::where("normalize.tsv", row);
    EXPECT_EQ(normalize_name(normalize_name(row[1])), normalize_name(row[1])) << golden::where("normalize.tsv", row);
  }
}

TEST(Normalize, OutputIsLettersDigitsAndSingleSpaces) {
  for (const auto& row : golden::read_table("normalize.tsv", 3)) {
    const std::string out = normalize_name(row[1]);
    const std::u32string cps = detail::to_u32(out);
    for (std::size_t i = 0; i < cps.size(); ++i) {
      if (cps[i] == U' ') {
        EXPECT_TRUE(i > 0 && i + 1 < cps.size() && cps[i + 1] != U' ') << golden::where("normalize.tsv", row);
        continue;
      }
      EXPECT_TRUE(u_isalnum(static_cast<UChar32>(cps[i]))) << golden::where("normalize.tsv", row);
      if (detail::is_arabic_block(cps[i])) {
        EXPECT_TRUE(cps[i] >= 0x0627 && cps[i] <= 0x064A && cps[i] != 0x0629 && cps[i] != 0x0649 && cps[i] != 0x0640)
            << golden::where("normalize.tsv", row);
      } else if (cps[i] < 0x80) {
        EXPECT_TRUE(detail::is_ascii_lower(cps[i]) || detail::is_ascii_digit(cps[i]))
            << golden::where("normalize.tsv", row);
      }
    }
  }
}

TEST(Normalize, FoldsAlefForms) {
  EXPECT_EQ(normalize_arabic("أ إ آ ٱ ا"), "ا ا ا ا ا");
}

TEST(Normalize, DropsTashkeelAndTatweel) {
  EXPECT_EQ(normalize_arabic("مُـحَـمَّـدٌ"), "محمد");
}

TEST(Normalize, TreatsInvalidUtf8AsASeparator) {
  EXPECT_EQ(normalize_name("Ali\xFFHasan"), "ali hasan");
  EXPECT_EQ(normalize_name("\xC3"), "");
}

TEST(Normalize, DetectsScript) {
  EXPECT_EQ(detect_script("محمد الحموي"), Script::kArabic);
  EXPECT_EQ(detect_script("Mohammed al-Hamwi"), Script::kLatin);
  EXPECT_EQ(detect_script("محمد Hamwi"), Script::kMixed);
  EXPECT_EQ(detect_script("Мухаммед"), Script::kMixed);
  EXPECT_EQ(detect_script("123 - ١٢٣"), Script::kNone);
  EXPECT_EQ(detect_script(""), Script::kNone);
  EXPECT_EQ(script_name(Script::kArabic), "arabic");
}

TEST(Normalize, IsThreadSafe) {
  // Each thread clones the ICU transliterator on first use.
  std::vector<std::thread> threads;
  std::vector<std::string> results(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&results, t] {
      std::string last;
      for (int i = 0; i < 200; ++i) last = normalize_name("Muḥammad Saʿīd Şükrü أحمد");
      results[static_cast<std::size_t>(t)] = last;
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& r : results) EXPECT_EQ(r, "muhammad said shukru احمد");
}

}  // namespace
}  // namespace sawt::names
