#include "linkage/cluster.h"

#include <gtest/gtest.h>

#include "io/records_csv.h"
#include "linkage/evaluate.h"
#include "linkage/link.h"
#include "linkage/linkage_testing.h"

namespace sawt::linkage {
namespace {

using testing::person;

struct Fixture {
  std::vector<std::string> fields = {"first_name", "father_name", "grandfather_name", "family_name",
                                     "birth_date"};
  Features features;
  ModelParams model;
  explicit Fixture(const std::vector<SourceRecord>& records, const std::vector<std::string>& sources = {})
      : features(Features::build(records, sources, fields, 1)), model(default_model(fields)) {}
};

TEST(Clustering, ASparseRecordDoesNotChainBrothers) {
  // Brothers Khaled and Ahmad, and a record "Mahmoud Ali al-Hamwi" (their
  // father's and grandfather's names, no first name) that matches both.
  const std::vector<SourceRecord> records = {
      person("Khaled", "Mahmoud", "Ali", "Hamwi", "1985-03-07"),
      person("Ahmad", "Mahmoud", "Ali", "Hamwi", "1988-11-02"),
      person("", "Mahmoud", "Ali", "Hamwi", "1985"),
  };
  const Fixture s(records);
  const Comparator comparator(s.features);
  const Scorer scorer(s.model, s.features);
  // Plain connected components over these two links would make one person.
  const std::vector<ScoredPair> pairs = {{0, 2, 20.0, 0}, {1, 2, 19.0, 0}};
  const Clustering c = cluster(records.size(), pairs, comparator, scorer, {});
  EXPECT_EQ(c.cluster_of[0], c.cluster_of[2]);  // the stronger link wins
  EXPECT_NE(c.cluster_of[0], c.cluster_of[1]);
  EXPECT_EQ(c.clusters, 2U);
  ASSERT_EQ(c.refused.size(), 1U);
  EXPECT_EQ(c.refused[0].pair, 1U);
  EXPECT_NE(std::string(c.refused[0].reason).find("siblings"), std::string::npos);
}

TEST(Clustering, OneRecordPerSourceAndSizeLimit) {
  const std::vector<SourceRecord> records = {
      person("Khaled", "", "", "Hamwi"), person("Khaled", "", "", "Hamwi"), person("Khaled", "", "", "Hamwi"),
      person("Khaled", "", "", "Hamwi")};
  const Fixture s(records, {"a", "a", "b", "c"});
  const Comparator comparator(s.features);
  const Scorer scorer(s.model, s.features);
  const std::vector<ScoredPair> pairs = {{0, 2, 10, 0}, {1, 2, 9, 0}, {2, 3, 8, 0}};
  ClusterOptions one;
  one.one_record_per_source = true;
  const Clustering c = cluster(records.size(), pairs, comparator, scorer, one);
  EXPECT_EQ(c.cluster_of[0], c.cluster_of[2]);
  EXPECT_NE(c.cluster_of[1], c.cluster_of[2]);  // a second record of source a
  EXPECT_EQ(c.cluster_of[3], c.cluster_of[2]);
  ClusterOptions small;
  small.max_cluster_size = 2;
  const Clustering d = cluster(records.size(), pairs, comparator, scorer, small);
  EXPECT_EQ(d.clusters, 3U);  // {0,2} {1} {3}
  EXPECT_EQ(d.refused.size(), 2U);
}

TEST(Clustering, ABirthDateMiscopiedOnAnOtherwiseAgreeingRecord) {
  // One man twice with the same date, and a third record with his four names
  // and another date: a namesake unless the rest of the evidence is strong
  // enough to call the date a copying error.
  const std::vector<SourceRecord> records = {
      person("Khaled", "Mahmoud", "Ali", "Hamwi", "1985-03-07"),
      person("Khaled", "Mahmoud", "Ali", "Hamwi", "1985-03-07"),
      person("Khaled", "Mahmoud", "Ali", "Hamwi", "1958-11-20"),
  };
  const Fixture s(records);
  const Comparator comparator(s.features);
  const Scorer scorer(s.model, s.features);
  NameCache cache;
  const Pattern cross = comparator.compare(0, 2, cache);
  const int birth = s.features.column_of(KnownField::kBirthDate);
  ASSERT_GE(birth, 0);
  ASSERT_EQ(level_at(cross, static_cast<std::size_t>(birth)), Level::kDifferent);
  const double without_date =
      scorer.weight(cross, 0, 2) - scorer.field_weight(static_cast<std::size_t>(birth), Level::kDifferent, 0, 2);
  const std::vector<ScoredPair> pairs = {{0, 1, 30.0, 0}, {1, 2, 20.0, 0}};
  ClusterOptions strict;
  strict.date_error_weight = without_date + 1;
  const Clustering two = cluster(records.size(), pairs, comparator, scorer, strict);
  EXPECT_NE(two.cluster_of[0], two.cluster_of[2]);
  ASSERT_EQ(two.refused.size(), 1U);
  EXPECT_EQ(std::string(two.refused[0].reason), "different birth dates");
  ClusterOptions lenient;
  lenient.date_error_weight = without_date - 1;
  const Clustering one = cluster(records.size(), pairs, comparator, scorer, lenient);
  EXPECT_EQ(one.clusters, 1U);
  EXPECT_TRUE(birth_dates_conflict(cross, 0, 2, comparator, scorer, strict));
  EXPECT_FALSE(birth_dates_conflict(cross, 0, 2, comparator, scorer, lenient));
}

// Unrelated people, one record each, so that the hand cases are linked
// against a registry-like background (in 27 records of one family, agreeing
// on "al-Hamwi" is no evidence at all).
void add_background(std::vector<SourceRecord>& records, std::vector<std::string>& sources,
                    std::vector<std::string>& truth) {
  // No name appears in both scripts, so no two background records are
  // namesakes.
  const char* firsts[] = {"سامر",   "رامي",    "وائل", "باسل",  "ماهر",  "طارق",  "زياد",  "أنس",
                          "بلال",   "حمزة",    "عماد", "Nabil", "Jihad", "Munir", "Kamal", "Ghassan",
                          "Hisham", "Ibrahim", "Issa", "Jalal", "Karim", "Luay"};
  const char* families[] = {"الخطيب",  "النجار", "الشامي",  "المصري",    "الكردي",    "الزعبي",
                            "الحريري", "السمان", "البيطار", "Tarabishi", "Qabbani",   "Sabbagh",
                            "Jabri",   "Kayali", "Mardini", "Attar",     "Sharabati", "Darwish"};
  const char* fathers[] = {"جمال", "عادل",  "فؤاد",  "منير",  "Nizar",
                           "Raed", "Hatem", "Talal", "Fayez", "Wasim"};
  for (int i = 0; i < 400; ++i) {
    SourceRecord r = person(firsts[(i * 7) % 22], fathers[(i * 3) % 10], "", families[(i * 5) % 18],
                            std::to_string(1960 + (i * 13) % 40) + "-0" + std::to_string(1 + i % 9) + "-1" +
                                std::to_string(i % 10));
    r.record_id = "B-" + std::to_string(i);
    records.push_back(std::move(r));
    sources.push_back(i % 2 == 0 ? "families" : "ngo");
    truth.push_back("background-" + std::to_string(i));
  }
}

TEST(Clustering, ARecordWhoseOnlyCandidateIsOneClusterJoinsIt) {
  // Mahmoud Khaled al-Atassi in two records with his birth date (one
  // cluster), a sparse line "Mahmoud al-Atassi, 1981" whose pair with them
  // is under the match weight, and two records of another man.
  const std::vector<SourceRecord> records = {
      person("محمود", "خالد", "", "الأتاسي", "1981-04-02"), person("Mahmoud", "Khaled", "", "al-Atassi", "1981-04-02"),
      person("Mahmoud", "", "", "Atassi", "1981"), person("Samer", "Nabil", "", "Haddad", "1990-01-05"),
      person("Samer", "", "", "Haddad")};
  const Fixture s(records, {"families", "lawyers", "ngo", "families", "ngo"});
  const Comparator comparator(s.features);
  const Scorer scorer(s.model, s.features);
  NameCache cache;
  const auto pair = [&](std::uint32_t a, std::uint32_t b) {
    const Pattern p = comparator.compare(a, b, cache);
    return ScoredPair{a, b, scorer.weight(p, a, b), p};
  };
  std::vector<int> clusters = {0, 0, 1, 2, 3};
  // The sparse line's only candidates are the cluster's records.
  const std::vector<ScoredPair> review = {pair(1, 2), pair(0, 2)};
  const std::vector<ScoredPair> low = {pair(3, 4)};
  // What the sparse line weighs against the whole cluster (the pair with
  // record 1 completed by record 0's birth date): the bar is set just under.
  const double min_weight = std::max(review[0].weight, review[1].weight) - 0.01;
  std::vector<int> c = clusters;
  const auto joined = join_sole_candidates(c, {&review, &low}, comparator, scorer, min_weight, 6.0, {});
  EXPECT_EQ(c[2], c[0]);
  ASSERT_EQ(joined.size(), 1U);  // Samer's two records are too weak a pair
  EXPECT_NE(c[4], c[3]);
  // Another candidate above the competitor weight (the lists' floor) and
  // within 6 bits of the best: not the only one, so it stays alone.
  const double best = std::max(review[0].weight, review[1].weight);
  const std::vector<ScoredPair> rival = {{2, 4, best - 5.0, pair(2, 4).pattern}};
  c = clusters;
  join_sole_candidates(c, {&review, &rival}, comparator, scorer, min_weight, 6.0, {});
  EXPECT_NE(c[2], c[0]);
  // One that is GAP bits or more under the best does not count.
  const std::vector<ScoredPair> far = {{2, 4, best - 7.0, pair(2, 4).pattern}};
  c = clusters;
  join_sole_candidates(c, {&review, &far}, comparator, scorer, min_weight, 6.0, {});
  EXPECT_EQ(c[2], c[0]);
  // Too little evidence against the whole cluster: stays alone.
  c = clusters;
  join_sole_candidates(c, {&review}, comparator, scorer, min_weight + 100, 6.0, {});
  EXPECT_NE(c[2], c[0]);
  // A record of its own source in the cluster: stays alone.
  const Fixture same(records, {"families", "ngo", "ngo", "families", "lawyers"});
  const Comparator same_comparator(same.features);
  const Scorer same_scorer(same.model, same.features);
  c = clusters;
  join_sole_candidates(c, {&review}, same_comparator, same_scorer, min_weight, 6.0, {});
  EXPECT_NE(c[2], c[0]);
}

TEST(Clustering, ArabicHandCases) {
  // Brothers, twins (Hasan and Husayn), a cousin named after the
  // grandfather, a namesake, 'Abdullah and 'Abd al-Ilah, a sister and a
  // brother, Yusuf and Yunus; each person in two or three scripts and
  // layouts (tests/data/linkage/arabic_cases.csv, truth in "person").
  const std::string text = sawt::testing::read_file(sawt::testing::data_path("linkage/arabic_cases.csv"));
  auto parsed = io::parse_records_csv(text, "arabic_cases.csv");
  ASSERT_TRUE(parsed) << parsed.error().describe();
  ASSERT_TRUE(parsed->quarantined.empty());
  std::vector<std::string> truth;
  for (const SourceRecord& r : parsed->records) truth.push_back(r.extra.at("person"));
  const std::size_t cases = parsed->records.size();
  add_background(parsed->records, parsed->record_sources, truth);
  Options o;
  o.ignore_columns = {"person"};
  const auto r = link(parsed->records, o, parsed->record_sources);
  ASSERT_TRUE(r) << r.error().describe();
  const auto e = evaluate(truth, r->cluster_of);
  ASSERT_TRUE(e);
  // Never two people in one cluster ...
  EXPECT_DOUBLE_EQ(e->precision, 1.0) << e->summary();
  // ... and most spellings of one person found.
  EXPECT_GE(e->recall, 0.85) << e->summary();
  // What was not linked is up for review.
  std::size_t missed = 0, reviewed = 0;
  for (std::size_t a = 0; a < cases; ++a) {
    for (std::size_t b = a + 1; b < cases; ++b) {
      if (truth[a] != truth[b] || r->cluster_of[a] == r->cluster_of[b]) continue;
      ++missed;
      for (const PairResult& p : r->review) reviewed += p.a == a && p.b == b ? 1 : 0;
    }
  }
  EXPECT_GE(2 * reviewed, missed) << missed << " true pairs missed, " << reviewed << " of them in review";
  const auto cluster_of = [&](const std::string& id) {
    for (std::size_t i = 0; i < parsed->records.size(); ++i) {
      if (parsed->records[i].record_id == id) return r->cluster_of[i];
    }
    return -1;
  };
  EXPECT_EQ(cluster_of("F-1"), cluster_of("L-1"));  // family name first, in capitals
  EXPECT_EQ(cluster_of("F-7"), cluster_of("N-7"));  // 'Abd al-Rahman in two scripts
  EXPECT_EQ(cluster_of("F-8"), cluster_of("N-8"));
  EXPECT_NE(cluster_of("F-3"), cluster_of("F-4"));    // twins
  EXPECT_NE(cluster_of("F-1"), cluster_of("F-5"));    // cousins
  EXPECT_NE(cluster_of("F-8"), cluster_of("F-9"));    // 'Abdullah and 'Abd al-Ilah
  EXPECT_NE(cluster_of("F-12"), cluster_of("F-13"));  // Yusuf and Yunus
}

}  // namespace
}  // namespace sawt::linkage
