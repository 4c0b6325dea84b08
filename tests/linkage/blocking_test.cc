#include "linkage/blocking.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "linkage/link.h"
#include "linkage/linkage_testing.h"

namespace sawt::linkage {
namespace {

using testing::person;

// Share of the true pairs (same truth label; across sources when given)
// that are candidates.
double blocking_recall(const Candidates& c, const std::vector<std::string>& truth,
                       const std::vector<std::string>& sources, std::size_t* true_pairs = nullptr) {
  std::map<std::string, std::vector<std::uint32_t>> by_truth;
  for (std::size_t i = 0; i < truth.size(); ++i) by_truth[truth[i]].push_back(static_cast<std::uint32_t>(i));
  std::size_t total = 0, found = 0;
  for (const auto& [label, members] : by_truth) {
    for (std::size_t x = 0; x < members.size(); ++x) {
      for (std::size_t y = x + 1; y < members.size(); ++y) {
        if (!sources.empty() && sources[members[x]] == sources[members[y]]) continue;
        ++total;
        if (std::binary_search(c.pairs.begin(), c.pairs.end(), pair_id(members[x], members[y]))) ++found;
      }
    }
  }
  if (true_pairs != nullptr) *true_pairs = total;
  return total == 0 ? 1.0 : static_cast<double>(found) / static_cast<double>(total);
}

TEST(Blocking, FebrlLinkageRecall) {
  const auto& d = testing::febrl4();
  Options o;
  o.ignore_columns = {"soc_sec_id"};
  const Features f = Features::build(d.data.records, d.sources, choose_fields(d.data.records, o), 2);
  BlockingOptions bo;
  bo.cross_source_only = true;
  const Candidates c = candidate_pairs(f, bo);
  std::size_t true_pairs = 0;
  const double recall = blocking_recall(c, d.data.truth, d.sources, &true_pairs);
  EXPECT_EQ(true_pairs, 5000U);
  EXPECT_GE(recall, 0.995);
  EXPECT_LT(c.pairs.size(), 5 * d.data.records.size());  // ~1 candidate per true pair, not 25 million
  for (std::uint64_t id : c.pairs) {
    ASSERT_NE(d.sources[pair_first(id)], d.sources[pair_second(id)]) << "a pair within one source";
  }
}

TEST(Blocking, FebrlDeduplicationRecall) {
  const auto& d = testing::febrl3();
  Options o;
  o.ignore_columns = {"soc_sec_id"};
  const Features f = Features::build(d.records, {}, choose_fields(d.records, o), 2);
  const Candidates c = candidate_pairs(f, {});
  EXPECT_GE(blocking_recall(c, d.truth, {}), 0.995);
  EXPECT_TRUE(std::is_sorted(c.pairs.begin(), c.pairs.end()));
  EXPECT_EQ(std::adjacent_find(c.pairs.begin(), c.pairs.end()), c.pairs.end()) << "duplicate candidates";
  for (std::uint64_t id : c.pairs) ASSERT_LT(pair_first(id), pair_second(id));
  // Every pass reports what it did; first+family is always there.
  ASSERT_FALSE(c.passes.empty());
  EXPECT_EQ(c.passes[0].name, "first+family");
  EXPECT_EQ(pass_names(f).size(), c.passes.size());
}

TEST(Blocking, BigBlocksStayLinear) {
  // 3000 records named Mohammad Ahmad al-Ali: one block of every pass. The
  // pairs grow with the records, not with their square, and records that
  // agree on more fields still meet.
  std::vector<SourceRecord> records;
  for (int i = 0; i < 3000; ++i) {
    const std::string father = std::string(1, static_cast<char>('a' + i % 26)) + "ssam";
    records.push_back(person("Mohammad", father, "", "al-Ali", std::to_string(1960 + i % 40)));
  }
  records.push_back(person("محمد", "bssam", "", "العلي", "1961"));  // the same as record 1
  const Features f =
      Features::build(records, {}, {"first_name", "father_name", "family_name", "birth_date"}, 2);
  const Candidates c = candidate_pairs(f, {});
  EXPECT_LT(c.pairs.size(), 40 * records.size());
  EXPECT_TRUE(std::binary_search(c.pairs.begin(), c.pairs.end(), pair_id(1, 3000)));
  EXPECT_GT(c.passes[0].split_blocks, 0U);
  EXPECT_EQ(c.passes[0].largest, records.size());
}

TEST(Blocking, BigBlocksJoinNamesOneSlipApart) {
  // A big Mohammad al-Ali block is split by the father's name: fathers one
  // letter added (Kamal / Ksmal) or replaced (Ahmad / Ahnad) still meet
  // when they agree on what follows (the birth year), and so do a Latin
  // spoken form and its Arabic letter (Muaz / معاذ); short keys one letter
  // replaced (Hadi / Fadi: two consonants) and disagreeing years do not.
  std::vector<SourceRecord> records;
  for (int i = 0; i < 100; ++i) {
    const std::string father = std::string(1, static_cast<char>('b' + i % 20)) + "ssam";
    records.push_back(person("Mohammad", father, "", "al-Ali", std::to_string(1960 + i % 40)));
  }
  const auto add = [&](const std::string& father, const std::string& year) {
    records.push_back(person("Mohammad", father, "", "al-Ali", year));
    return static_cast<std::uint32_t>(records.size() - 1);
  };
  const std::uint32_t kamal = add("Kamal", "1970"), ksmal = add("Ksmal", "1970"), ksmal_later = add("Ksmal", "1990");
  const std::uint32_t ahmad = add("Ahmad", "1975"), ahnad = add("Ahnad", "1975");
  const std::uint32_t hadi = add("Hadi", "1980"), fadi = add("Fadi", "1980");
  const std::uint32_t muaz = add("Muaz", "1985"), muadh = add("معاذ", "1985");
  const std::uint32_t muadh_later = add("معاذ", "1995");
  const Features f =
      Features::build(records, {}, {"first_name", "father_name", "family_name", "birth_date"}, 1);
  BlockingOptions only;
  only.passes = {"first+family"};
  const Candidates c = candidate_pairs(f, only);
  ASSERT_EQ(c.passes[0].split_blocks, 1U);
  const auto met = [&](std::uint32_t a, std::uint32_t b) {
    return std::binary_search(c.pairs.begin(), c.pairs.end(), pair_id(a, b));
  };
  EXPECT_TRUE(met(kamal, ksmal));
  EXPECT_TRUE(met(ahmad, ahnad));
  EXPECT_TRUE(met(ksmal, ksmal_later));  // one father: as before, the group is small
  EXPECT_FALSE(met(kamal, ksmal_later));
  EXPECT_FALSE(met(hadi, fadi));
  EXPECT_TRUE(met(muaz, muadh));
  EXPECT_FALSE(met(muaz, muadh_later));
}

TEST(Blocking, LatinSpokenFormsMeetTheArabicLetter) {
  // A Latin z or g may stand for how ذ or ج is said (Muaz / معاذ, Nagar /
  // نجار, Gamal / جمال): the slip passes key a Latin name also by the Arabic
  // letter's key. Arabic names keep their letters (عزيز / عديد).
  const std::vector<SourceRecord> records = {
      person("Muaz", "", "", "al-Darwish", ""), person("معاذ", "", "", "الدرويش", ""),
      person("Gamal", "", "", "Halabi", ""),    person("جمال", "", "", "حلبي", ""),
      person("Samer", "", "", "al-Nagar", ""),  person("سامر", "", "", "النجار", ""),
      person("عزيز", "", "", "حلبي", ""),       person("عديد", "", "", "حلبي", "")};
  const Features f =
      Features::build(records, {}, {"first_name", "father_name", "family_name", "birth_date"}, 1);
  BlockingOptions only;
  only.passes = {"first~+family", "first+family~"};
  const Candidates c = candidate_pairs(f, only);
  const auto met = [&](std::uint32_t a, std::uint32_t b) {
    return std::binary_search(c.pairs.begin(), c.pairs.end(), pair_id(a, b));
  };
  EXPECT_TRUE(met(0, 1));
  EXPECT_TRUE(met(2, 3));
  EXPECT_TRUE(met(4, 5));
  EXPECT_FALSE(met(6, 7));
  only.passes = {"first+family"};
  EXPECT_TRUE(candidate_pairs(f, only).pairs.empty());
}

TEST(Blocking, RunsOnlyTheNamedPasses) {
  const std::vector<SourceRecord> records = {person("Khaled", "Ahmad", "", "Hamwi", "1985-03-07"),
                                             person("Khaled", "Omar", "", "Halabi", "1985-03-07")};
  const Features f =
      Features::build(records, {}, {"first_name", "father_name", "family_name", "birth_date"}, 1);
  BlockingOptions only;
  only.passes = {"first+family"};
  EXPECT_TRUE(candidate_pairs(f, only).pairs.empty());
  only.passes = {"first+birth_date"};
  EXPECT_EQ(candidate_pairs(f, only).pairs.size(), 1U);
}

}  // namespace
}  // namespace sawt::linkage
