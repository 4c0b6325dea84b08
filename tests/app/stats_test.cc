// The statistics on a demo store agree with an independent count made here
// with plain SQL over the same store, merged persons are not counted, and the
// as-of date limits what is counted.
#include "app/stats.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <set>

#include "app/demo.h"
#include "testing.h"

namespace sawt::app {
namespace {

class StatsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
    setenv("SAWT_TODAY", "2026-06-30", 1);
    dir = new sawt::testing::TempDir;
    ASSERT_TRUE(build_demo_store(*dir / "demo", crypto::make_passphrase("stats test"), {120, 11}));
  }
  static void TearDownTestSuite() {
    delete dir;
    unsetenv("SAWT_TODAY");
  }
  void SetUp() override {
    auto s = store::Store::open(*dir / "demo", crypto::make_passphrase("stats test"));
    ASSERT_TRUE(s) << s.error().describe();
    store = std::move(*s);
    repo = std::make_unique<store::Repository>(*store, "test");
    auto r = load_protection_rules(*repo);
    ASSERT_TRUE(r);
    rules = std::move(*r);
  }
  std::int64_t sql(const std::string& query) {
    auto n = store->db().query_int(query);
    EXPECT_TRUE(n) << query << ": " << n.error().describe();
    return n ? *n : -1;
  }
  std::map<std::string, std::int64_t> sql_groups(const std::string& query) {
    std::map<std::string, std::int64_t> out;
    auto q = store->db().prepare(query);
    EXPECT_TRUE(q) << query;
    while (*q->step()) out[q->text(0)] += q->int64(1);
    return out;
  }
  static std::map<std::string, std::int64_t> rows(const Breakdown& b) {
    std::map<std::string, std::int64_t> out;
    for (const auto& r : b.rows) out[r.code] += r.count;
    return out;
  }
  Stats compute(std::string_view as_of = "2026-06-30") {
    auto s = compute_stats(*repo, rules, PartialDate::parse(as_of)->latest());
    EXPECT_TRUE(s) << s.error().describe();
    return s ? *s : Stats{};
  }

  static sawt::testing::TempDir* dir;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::Repository> repo;
  ProtectionRules rules;
};
sawt::testing::TempDir* StatsTest::dir = nullptr;

constexpr std::string_view kLive = "FROM persons p WHERE p.merged_into IS NULL";

TEST_F(StatsTest, FiguresMatchAnIndependentSqlCount) {
  // One person merged into another: counted once, through the survivor.
  ASSERT_TRUE(store->db().exec("UPDATE persons SET merged_into = 1 WHERE id = 2"));
  const Stats s = compute();
  const std::string live(kLive);
  EXPECT_EQ(s.persons, sql("SELECT COUNT(*) " + live));
  EXPECT_EQ(s.persons, sql("SELECT COUNT(*) FROM persons") - 1);
  EXPECT_EQ(s.as_of, "2026-06-30");

  auto unknown_as = [](std::map<std::string, std::int64_t> m) {
    if (m.contains("")) {
      m["unknown"] += m[""];
      m.erase("");
    }
    return m;
  };
  EXPECT_EQ(rows(s.by_status),
            unknown_as(sql_groups("SELECT status, COUNT(*) " + live + " GROUP BY status")));
  EXPECT_EQ(rows(s.by_nationality),
            unknown_as(sql_groups("SELECT nationality, COUNT(*) " + live + " GROUP BY 1")));
  EXPECT_EQ(rows(s.by_facility),
            unknown_as(sql_groups("SELECT facility_code, COUNT(*) " + live + " GROUP BY 1")));
  for (const auto* b : {&s.by_status, &s.by_nationality, &s.by_facility, &s.transfer}) {
    EXPECT_EQ(b->denominator, s.persons);
    std::int64_t sum = 0;
    for (const auto& r : b->rows) sum += r.count;
    EXPECT_EQ(sum, s.persons);
  }

  const std::string alleging =
      "SELECT COUNT(DISTINCT c.person_id) FROM allegations a JOIN cases c ON c.id = a.case_id "
      "JOIN persons p ON p.id = c.person_id WHERE p.merged_into IS NULL AND a.code IN ";
  EXPECT_EQ(s.torture.numerator, sql(alleging + "('torture')"));
  EXPECT_EQ(s.forced_statement.numerator, sql(alleging + "('forced_statement', 'coerced_statement')"));
  EXPECT_EQ(s.torture_or_forced.numerator,
            sql(alleging + "('torture', 'forced_statement', 'coerced_statement')"));
  EXPECT_GT(s.torture.numerator, 0);
  EXPECT_EQ(s.torture.denominator, s.persons);

  const std::string has_start =
      " AND (EXISTS (SELECT 1 FROM arrests a WHERE a.person_id = p.id AND a.date <> '') OR EXISTS (SELECT 1 "
      "FROM "
      "custody c WHERE c.person_id = p.id AND c.from_date <> ''))";
  EXPECT_EQ(s.pretrial.denominator, sql("SELECT COUNT(*) " + live + " AND status = 'pretrial'"));
  EXPECT_EQ(static_cast<std::int64_t>(s.pretrial.values.size()),
            sql("SELECT COUNT(*) " + live + " AND status = 'pretrial'" + has_start));
  EXPECT_EQ(s.years_detained.denominator,
            sql("SELECT COUNT(*) " + live + " AND status IN ('pretrial', 'sentenced')"));
  EXPECT_EQ(static_cast<std::int64_t>(s.years_detained.values.size()),
            sql("SELECT COUNT(*) " + live + " AND status IN ('pretrial', 'sentenced')" + has_start));
  EXPECT_GT(s.pretrial.values.size(), 0u);
  for (double v : s.years_detained.values) EXPECT_GE(v, 0);

  std::map<std::string, std::int64_t> per_year;
  for (const auto& y : s.incidents_per_year) per_year[fmt::format("{}/{}", y.year, y.type)] = y.count;
  EXPECT_EQ(per_year,
            sql_groups("SELECT substr(ltrim(date, '~'), 1, 4) || '/' || type, COUNT(*) FROM incidents "
                       "GROUP BY 1"));
  std::map<std::string, std::int64_t> deaths;
  for (const auto& [year, n] : s.deaths_per_year) deaths[std::to_string(year)] = n;
  EXPECT_EQ(deaths,
            sql_groups("SELECT substr(ltrim(date, '~'), 1, 4), SUM(deaths) FROM incidents WHERE deaths > 0 "
                       "GROUP BY 1"));
  EXPECT_EQ(s.incidents, sql("SELECT COUNT(*) FROM incidents"));
  EXPECT_EQ(s.visits, sql("SELECT COUNT(*) FROM visits"));
  EXPECT_EQ(s.with_health_needs.numerator,
            sql("SELECT COUNT(DISTINCT h.person_id) FROM health_needs h JOIN persons p ON p.id = h.person_id "
                "WHERE h.met = 0 AND p.merged_into IS NULL"));
  EXPECT_GT(s.with_health_needs.numerator, 0);

  std::map<std::string, std::int64_t> figures;
  for (const auto& o : s.occupancy) figures[o.facility.code] = static_cast<std::int64_t>(o.figures.size());
  EXPECT_EQ(figures, sql_groups("SELECT facility_code, COUNT(*) FROM facility_figures GROUP BY 1"));
  ASSERT_TRUE(store->db().exec("UPDATE persons SET merged_into = NULL WHERE id = 2"));
}

TEST_F(StatsTest, AsOfLeavesOutWhatCameLater) {
  const Stats s = compute("2024-12-31");
  EXPECT_EQ(s.as_of, "2024-12-31");
  EXPECT_EQ(s.incidents, sql("SELECT COUNT(*) FROM incidents WHERE ltrim(date, '~') <= '2024-12-31'"));
  EXPECT_LT(s.incidents, sql("SELECT COUNT(*) FROM incidents"));
  std::int64_t figures = 0;
  for (const auto& o : s.occupancy) figures += static_cast<std::int64_t>(o.figures.size());
  EXPECT_EQ(figures, sql("SELECT COUNT(*) FROM facility_figures WHERE ltrim(date, '~') <= '2024-12-31'"));
  EXPECT_FALSE(s.deaths_per_year.contains(2025));
}

TEST_F(StatsTest, JsonGivesEveryFigureItsDenominatorAndDate) {
  const auto j = to_json(compute());
  for (const char* key : {"by_status", "by_nationality", "by_facility", "transfer", "torture",
                          "forced_statement", "pretrial_months", "years_detained", "health_needs"}) {
    SCOPED_TRACE(key);
    ASSERT_TRUE(j.contains(key));
    EXPECT_TRUE(j[key].contains("denominator"));
    EXPECT_EQ(j[key]["as_of"], "2026-06-30");
  }
  EXPECT_EQ(
      j["torture"]["numerator"].get<std::int64_t>() * 1.0 / j["torture"]["denominator"].get<std::int64_t>(),
      j["torture"]["share"].get<double>());
  // Occupancy keeps both sources of the same date apart.
  bool roumieh = false;
  for (const auto& o : j["occupancy"]) {
    if (o["facility"] != "lb-roumieh") continue;
    roumieh = true;
    std::set<std::string> sources;
    for (const auto& f : o["figures"]) {
      sources.insert(f["source"].get<std::string>());
      EXPECT_EQ(f["capacity_basis"], "source");
    }
    EXPECT_EQ(sources.size(), 2u);
  }
  EXPECT_TRUE(roumieh);
}

}  // namespace
}  // namespace sawt::app
