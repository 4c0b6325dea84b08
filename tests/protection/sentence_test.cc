// Sentence and detention arithmetic: the golden table
// tests/data/protection/sentence_cases.tsv (partial and approximate dates,
// pretrial credit, the 9-month prison year, leap days, life and death
// sentences, the 10-prison-year boundary), then pretrial limits.
#include "protection/sentence.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "builders.h"
#include "testing.h"
#include "util/strings.h"

namespace sawt::protection {
namespace {

using test::day;
using test::pd;
using test::ViewBuilder;

std::string range_text(const std::optional<DateRange>& r) {
  if (!r) return "none";
  std::string s = r->exact() ? iso_date(r->earliest) : iso_date(r->earliest) + ".." + iso_date(r->latest);
  return (r->approximate ? "~" : "") + s;
}

std::string pair_text(const std::string& a, const std::string& b) { return a == b ? a : a + ".." + b; }

std::string floor2(double v) { return fmt::format("{:.2f}", std::floor(v * 100 + 1e-9) / 100); }

struct Row {
  int line = 0;
  std::vector<std::string> cells;
  [[nodiscard]] const std::string& at(std::size_t i) const { return cells.at(i); }
};

std::vector<Row> read_table(const std::string& name, std::size_t columns) {
  std::vector<Row> rows;
  std::istringstream in(sawt::testing::read_file(sawt::testing::data_path(name)));
  std::string line;
  int number = 0;
  bool header = true;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    Row row{number, split(line, '\t')};
    EXPECT_EQ(row.cells.size(), columns) << name << ":" << number;
    if (row.cells.size() == columns) rows.push_back(std::move(row));
  }
  return rows;
}

TEST(SentenceGolden, EveryRowOfTheTableHolds) {
  const auto rows = read_table("protection/sentence_cases.tsv", 13);
  ASSERT_GE(rows.size(), 40U);
  const std::int64_t ten_py_days_9 = days_for_prison_years(10, 9);
  for (const Row& r : rows) {
    SCOPED_TRACE(fmt::format("sentence_cases.tsv:{} {}", r.line, r.at(0)));
    Rules rules = test::lb_rules();
    rules.pretrial_credit = r.at(5) == "yes";
    rules.prison_year_months = std::stoi(r.at(6));
    ViewBuilder b;
    if (r.at(1) != "-") b.arrested(r.at(1));
    b.add_case("1/2020", {"pc_335"});
    const int months = std::stoi(r.at(4));
    if (months != 0) b.sentence(months, r.at(2) == "-" ? "" : r.at(2)).case_status("final", "");
    if (r.at(3) != "-") b.event("release", r.at(3)).status("released");
    const auto today = day(r.at(7));

    const SentenceSummary s = assess_sentence(b.build(), rules, today);
    EXPECT_EQ(range_text(s.expected_release), r.at(8)) << "release";
    if (r.at(9) == "?") {
      EXPECT_FALSE(s.detention.days) << "served days";
      EXPECT_FALSE(s.served);
      continue;
    }
    ASSERT_TRUE(s.detention.days);
    EXPECT_EQ(pair_text(std::to_string(s.detention.days->min), std::to_string(s.detention.days->max)), r.at(9))
        << "served days";
    ASSERT_TRUE(s.served);
    EXPECT_EQ(pair_text(floor2(s.served->min), floor2(s.served->max)), r.at(10)) << "prison years";
    const std::int64_t need = days_for_prison_years(10, rules.prison_year_months);
    const std::string reached = s.detention.days->min >= need ? "yes" : s.detention.days->max < need ? "no" : "maybe";
    EXPECT_EQ(reached, r.at(11)) << "10 prison years reached";
    ASSERT_TRUE(s.detention.start);
    EXPECT_EQ(range_text(s.detention.start->shifted(std::chrono::days{need})), r.at(12)) << "10 prison years from";
  }
  EXPECT_EQ(ten_py_days_9, 2740);
}

TEST(SentenceArithmetic, PrisonTermConvertsByThePrisonYear) {
  EXPECT_EQ(prison_term(12, 9).months, 9);
  EXPECT_EQ(prison_term(12, 9).twelfths, 0);
  EXPECT_EQ(prison_term(13, 9).months, 9);
  EXPECT_EQ(prison_term(13, 9).twelfths, 9);  // 9.75 months
  EXPECT_EQ(prison_term(120, 9).months, 90);
  EXPECT_EQ(prison_term(60, 12).months, 60);
}

TEST(SentenceArithmetic, AddMonthsClampsToTheEndOfTheMonth) {
  EXPECT_EQ(add_months(day("2024-01-31"), 1), day("2024-02-29"));
  EXPECT_EQ(add_months(day("2023-01-31"), 1), day("2023-02-28"));
  EXPECT_EQ(add_months(day("2020-02-29"), 12), day("2021-02-28"));
  EXPECT_EQ(add_months(day("2020-02-29"), 48), day("2024-02-29"));
}

TEST(SentenceArithmetic, TenPrisonYearsAreTwoThousandSevenHundredAndFortyDays) {
  EXPECT_EQ(days_for_prison_years(10, 9), 2740);
  EXPECT_EQ(days_for_prison_years(10, 12), 3653);
  EXPECT_LT(prison_years(2739, 9), 10.0);
  EXPECT_GE(prison_years(2740, 9), 10.0);
}

TEST(SentenceExplained, NotesSayHowTheDateWasReached) {
  const CaseView v = ViewBuilder().arrested("2019-05").add_case("7/2020").sentence(60).case_status("final", "2021-01-01");
  const SentenceSummary s = assess_sentence(v, test::lb_rules(), day("2022-01-01"));
  ASSERT_EQ(s.sentences.size(), 1U);
  const std::string en = join_en(s.sentences[0].notes);
  EXPECT_NE(en.find("60 months of sentence are served in 45 calendar months (a prison year is 9 months)"), std::string::npos) << en;
  EXPECT_NE(en.find("counted from the first day of custody, between 2019-05-01 and 2019-05-31"), std::string::npos) << en;
  EXPECT_NE(en.find("expected release between 2023-02-01 and 2023-02-28"), std::string::npos) << en;
  EXPECT_NE(join_ar(s.sentences[0].notes).find("السنة السجنية 9 أشهر"), std::string::npos);
}

TEST(SentenceConcurrent, TheLastTermToEndDecidesAndIsFlagged) {
  const CaseView v = ViewBuilder()
                         .arrested("2020-01-01")
                         .add_case("1/2021")
                         .sentence(24)
                         .add_case("2/2021")
                         .sentence(60);
  const SentenceSummary s = assess_sentence(v, test::lb_rules(), day("2021-06-01"));
  EXPECT_EQ(s.kind, SentenceKind::kTerm);
  ASSERT_TRUE(s.expected_release);
  EXPECT_EQ(s.expected_release->earliest, day("2023-10-01"));  // 45 months after arrest
  ASSERT_FALSE(s.notes.empty());
  EXPECT_EQ(s.notes.back().code, "concurrent_sentences");
}

TEST(SentenceConcurrent, LifeOutranksATermAndPendingCasesAreNoted) {
  const CaseView v = ViewBuilder()
                         .arrested("2020-01-01")
                         .add_case("1/2021")
                         .sentence(24)
                         .add_case("2/2021")
                         .sentence(-1)
                         .add_case("3/2022");
  const SentenceSummary s = assess_sentence(v, test::lb_rules(), day("2023-01-01"));
  EXPECT_EQ(s.kind, SentenceKind::kLife);
  EXPECT_FALSE(s.expected_release);
  EXPECT_TRUE(s.pending_case);
}

TEST(SentenceDetention, RearrestAfterReleaseMeansHeldAgain) {
  const CaseView v = ViewBuilder().arrested("2015-01-01").event("release", "2016-01-01").arrested("2017-01-01");
  const Detention d = assess_detention(v, day("2018-01-01"));
  EXPECT_TRUE(d.held);
  ASSERT_TRUE(d.days);
  EXPECT_EQ(d.days->min, (day("2018-01-01") - day("2015-01-01")).count());
}

TEST(SentenceDetention, ReleasedWithoutADateIsAGapNotAGuess) {
  const CaseView v = ViewBuilder().arrested("2015-01-01").status("released");
  const Detention d = assess_detention(v, day("2018-01-01"));
  EXPECT_FALSE(d.held);
  EXPECT_FALSE(d.days);
  ASSERT_EQ(d.notes.size(), 1U);
  EXPECT_EQ(d.notes[0].code, "release_date_missing");
}

// --- Pretrial limits (CCP art. 108 in data/rules/lb.json) -----------------

TEST(PretrialLimit, FelonyWithinTheLimitGivesRenewalAndLimitDates) {
  const CaseView v = ViewBuilder().arrested("2025-01-10").add_case("55/2025", {"pc_335"});
  const auto checks = assess_pretrial(v, test::lb_rules(), day("2025-05-01"));
  ASSERT_EQ(checks.size(), 1U);
  const PretrialCheck& p = checks[0];
  EXPECT_EQ(p.status, PretrialStatus::kWithinLimit);
  EXPECT_EQ(p.offence_class, OffenceClass::kFelony);
  EXPECT_TRUE(p.ongoing);
  EXPECT_EQ(p.renewal_due->earliest, day("2025-07-10"));
  EXPECT_EQ(p.limit_date->earliest, day("2026-01-10"));
  EXPECT_EQ(p.explanation.code, "pretrial_within_limit");
  EXPECT_NE(p.explanation.en.find("felony limit of 12 months (Code of Criminal Procedure art. 108: 6 months, renewable 1 time)"),
            std::string::npos)
      << p.explanation.en;
}

TEST(PretrialLimit, MisdemeanourExceededAfterFourMonths) {
  const CaseView v = ViewBuilder().arrested("2025-01-10").add_case("9/2025", {"illegal_entry"});
  const auto checks = assess_pretrial(v, test::lb_rules(), day("2025-05-11"));
  ASSERT_EQ(checks.size(), 1U);
  EXPECT_EQ(checks[0].offence_class, OffenceClass::kMisdemeanour);
  EXPECT_EQ(checks[0].status, PretrialStatus::kExceeded);
  EXPECT_EQ(range_text(checks[0].limit_date), "2025-05-10");
  EXPECT_NE(checks[0].explanation.en.find("held 121 days without a verdict"), std::string::npos) << checks[0].explanation.en;
  // On the limit day itself the detention is still lawful.
  EXPECT_EQ(assess_pretrial(v, test::lb_rules(), day("2025-05-10"))[0].status, PretrialStatus::kWithinLimit);
}

TEST(PretrialLimit, OneFelonyChargeMakesTheCaseAFelony) {
  const CaseView v = ViewBuilder().arrested("2025-01-10").add_case("9/2025", {"illegal_entry", "kidnapping"});
  EXPECT_EQ(assess_pretrial(v, test::lb_rules(), day("2025-05-11"))[0].offence_class, OffenceClass::kFelony);
}

TEST(PretrialLimit, TerrorismChargesAreExempt) {
  const CaseView v = ViewBuilder().arrested("2019-01-10").add_case("9/2019", {"pc_314"});
  const auto checks = assess_pretrial(v, test::lb_rules(), day("2025-05-11"));
  EXPECT_EQ(checks[0].status, PretrialStatus::kExempt);
  EXPECT_EQ(checks[0].explanation.code, "pretrial_exempt");
  EXPECT_NE(checks[0].explanation.en.find("pc_314"), std::string::npos);
}

TEST(PretrialLimit, UncertainStartStraddlingTheLimitIsUnknownWithTheDates) {
  const CaseView v = ViewBuilder().arrested("2024-05").add_case("9/2024", {"pc_335"});
  const auto p = assess_pretrial(v, test::lb_rules(), day("2025-05-15"))[0];
  EXPECT_EQ(p.status, PretrialStatus::kUnknown);
  EXPECT_EQ(range_text(p.limit_date), "2025-05-01..2025-05-31");
  EXPECT_NE(p.explanation.en.find("between 2025-05-01 and 2025-05-31"), std::string::npos) << p.explanation.en;
}

TEST(PretrialLimit, AVerdictEndsThePretrialPeriod) {
  const CaseView v = ViewBuilder()
                         .arrested("2020-01-01")
                         .add_case("9/2020", {"pc_335"})
                         .case_status("verdict", "2022-03-01")
                         .sentence(120);
  const auto p = assess_pretrial(v, test::lb_rules(), day("2025-01-01"))[0];
  EXPECT_FALSE(p.ongoing);
  EXPECT_EQ(p.status, PretrialStatus::kExceeded);  // 26 months before the verdict
  EXPECT_EQ(range_text(p.ended), "2022-03-01");
}

TEST(PretrialLimit, NoDatesMeansUnknownAndNoCaseMeansOneCheck) {
  const CaseView no_date = ViewBuilder().add_case("1/2025", {"pc_335"});
  EXPECT_EQ(assess_pretrial(no_date, test::lb_rules(), day("2025-05-01"))[0].status, PretrialStatus::kUnknown);
  const CaseView no_case = ViewBuilder().arrested("2024-01-01");
  const auto checks = assess_pretrial(no_case, test::lb_rules(), day("2025-05-01"));
  ASSERT_EQ(checks.size(), 1U);
  EXPECT_EQ(checks[0].case_id, 0);
  EXPECT_EQ(checks[0].status, PretrialStatus::kExceeded);  // unclassified counts as felony: 12 months
}

TEST(PretrialLimit, DismissedCasesAreNotApplicable) {
  const CaseView v = ViewBuilder().arrested("2020-01-01").add_case("9/2020", {"pc_335"}).case_status("dismissed", "2020-05-01");
  EXPECT_EQ(assess_pretrial(v, test::lb_rules(), day("2025-01-01"))[0].status, PretrialStatus::kNotApplicable);
}

}  // namespace
}  // namespace sawt::protection
