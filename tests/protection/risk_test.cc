// Risk of forced return per person and destination (data/rules/risk.json):
// each detector, the overall level and its explanation, destination scoping,
// and rule-file errors.
#include "protection/risk.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "builders.h"

namespace sawt::protection {
namespace {

using test::day;
using test::ViewBuilder;

RiskAssessment assess(const CaseView& v, std::chrono::sys_days today, std::string_view destination = "sy") {
  return assess_risk(v, destination, test::lb_rules(), test::risk_rules(), today);
}

const RiskFactor* factor(const RiskAssessment& a, std::string_view id) {
  for (const RiskFactor& f : a.factors) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

// Someone with nothing alarming on file: sentenced, a lawyer, consent to transfer.
ViewBuilder quiet() {
  ViewBuilder b;
  b.arrested("2020-01-01").add_case("1/2021", {"pc_335"}).sentence(240).case_status("final", "2021-06-01");
  b.consent("transfer", Consent::kGranted, "2026-01-01");
  return b;
}

TEST(RiskLevel, NothingFoundIsLowAndStillExplained) {
  const auto a = assess(quiet(), day("2026-03-01"));
  EXPECT_EQ(a.level, RiskLevel::kLow);
  EXPECT_TRUE(a.factors.empty());
  EXPECT_EQ(a.score, 0);
  EXPECT_EQ(a.explanation.en, "low: none of the 14 risk factors checked for sy was found");
  EXPECT_EQ(a.explanation.ar, "منخفض: لم يُعثر على أي من عوامل الخطر الـ14 التي فُحصت للوجهة sy");
}

TEST(RiskLevel, ExplanationListsTheFactorsHeaviestFirst) {
  ViewBuilder b;
  b.arrested("2020-01-01").add_case("1/2021").sentence(60).case_status("final", "2021-06-01");
  const auto a = assess(b, day("2023-08-15"));
  EXPECT_EQ(a.level, RiskLevel::kHigh);
  EXPECT_EQ(a.score, 60);
  EXPECT_EQ(a.explanation.code, "high");
  EXPECT_EQ(a.explanation.en,
            "high because: sentence ends 2023-10-01 (47 days); no consent to transfer recorded");
  EXPECT_EQ(a.explanation.ar,
            "مرتفع بسبب: تنتهي العقوبة 2023-10-01 (بعد 47 يوماً)؛ لا توجد موافقة على النقل مسجلة");
}

TEST(RiskLevel, LesserFactorsAddUpToAHigherLevel) {
  ViewBuilder b = quiet();
  b.no_lawyer().allegation("torture");
  auto a = assess(b, day("2026-03-01"));
  EXPECT_EQ(a.score, 30);
  EXPECT_EQ(a.level, RiskLevel::kMedium);
  b.flag("known_activist");
  a = assess(b, day("2026-03-01"));
  EXPECT_EQ(a.score, 60);
  EXPECT_EQ(a.level, RiskLevel::kHigh);  // every factor is medium; the sum reaches the high threshold
}

TEST(RiskFactors, SentenceEndingSoonCountsDaysAndGivesRanges) {
  ViewBuilder b = quiet();
  CaseView v = b;
  v.cases[0].sentence_months = 60;  // 45 months from 2020-01-01: 2023-10-01
  auto a = assess(v, day("2023-08-15"));
  ASSERT_NE(factor(a, "sentence_ends_soon"), nullptr);
  EXPECT_EQ(factor(a, "sentence_ends_soon")->reason.en, "sentence ends 2023-10-01 (47 days)");
  EXPECT_EQ(a.level, RiskLevel::kHigh);
  EXPECT_EQ(factor(assess(v, day("2023-06-01")), "sentence_ends_soon"), nullptr);  // 122 days: beyond 90

  v.arrests[0].date = test::pd("2020-01");
  a = assess(v, day("2023-08-15"));
  EXPECT_EQ(factor(a, "sentence_ends_soon")->reason.en,
            "sentence ends between 2023-10-01 and 2023-10-31 (47 days)");
  a = assess(v, day("2023-10-15"));
  EXPECT_EQ(factor(a, "sentence_ends_soon")->reason.en,
            "sentence ends between 2023-10-01 and 2023-10-31: it may already have ended");
}

TEST(RiskFactors, HeldPastTheEndOfSentenceIsCritical) {
  CaseView v = quiet();
  v.cases[0].sentence_months = 60;
  const auto a = assess(v, day("2023-11-01"));
  ASSERT_NE(factor(a, "held_past_sentence_end"), nullptr);
  EXPECT_EQ(factor(a, "held_past_sentence_end")->reason.en,
            "held after the end of the sentence: the sentence ended 2023-10-01 (31 days ago)");
  EXPECT_EQ(a.level, RiskLevel::kCritical);
  EXPECT_EQ(factor(a, "sentence_ends_soon"), nullptr);
}

TEST(RiskFactors, DeportationOrderAndHandoverAreCritical) {
  ViewBuilder order = quiet();
  order.event("deportation_order", "2026-02-10");
  auto a = assess(order, day("2026-03-01"));
  ASSERT_NE(factor(a, "deportation_order"), nullptr);
  EXPECT_EQ(factor(a, "deportation_order")->reason.en, "deportation order recorded (2026-02-10)");
  EXPECT_EQ(a.level, RiskLevel::kCritical);

  ViewBuilder handover = quiet();
  handover.event("handover", "");
  a = assess(handover, day("2026-03-01"));
  ASSERT_NE(factor(a, "handover"), nullptr);
  EXPECT_EQ(factor(a, "handover")->reason.en, "handover to another authority recorded (date not recorded)");
  EXPECT_EQ(a.level, RiskLevel::kCritical);
}

TEST(RiskFactors, ExtraditionRequestCountsOnlyWithoutTransferConsent) {
  ViewBuilder b;
  b.arrested("2020-01-01").add_case("1/2021").sentence(240).case_status("final", "2021-06-01");
  b.event("extradition_request", "2025-12-01");
  auto a = assess(b, day("2026-03-01"));
  ASSERT_NE(factor(a, "extradition_request"), nullptr);
  EXPECT_EQ(factor(a, "extradition_request")->reason.en,
            "extradition request (2025-12-01) without consent to transfer");
  EXPECT_EQ(a.level, RiskLevel::kHigh);
  b.consent("transfer", Consent::kGranted, "2026-01-01");
  EXPECT_EQ(factor(assess(b, day("2026-03-01")), "extradition_request"), nullptr);
}

TEST(RiskFactors, PretrialBeyondTheLimit) {
  ViewBuilder b;
  b.arrested("2024-01-10").add_case("3/2024", {"pc_335"});
  const auto a = assess(b, day("2025-03-01"));
  ASSERT_NE(factor(a, "pretrial_beyond_limit"), nullptr);
  EXPECT_EQ(factor(a, "pretrial_beyond_limit")->level, RiskLevel::kMedium);
  EXPECT_NE(factor(a, "pretrial_beyond_limit")
                ->reason.en.find("pretrial detention beyond the legal limit: case 3/2024: held"),
            std::string::npos);
  EXPECT_EQ(factor(assess(b, day("2024-06-01")), "pretrial_beyond_limit"), nullptr);
}

TEST(RiskFactors, NoLawyerAndAllegations) {
  ViewBuilder b = quiet();
  b.no_lawyer().allegation("torture").allegation("forced_statement").allegation("no_interpreter");
  const auto a = assess(b, day("2026-03-01"));
  ASSERT_NE(factor(a, "no_lawyer"), nullptr);
  EXPECT_EQ(factor(a, "no_lawyer")->reason.en, "no lawyer recorded");
  ASSERT_NE(factor(a, "torture_alleged"), nullptr);
  // Codes are shown by their labels, in Arabic in the Arabic reason (data/vocab/allegations.tsv).
  EXPECT_EQ(factor(a, "torture_alleged")->reason.en, "allegations: Torture, Forced to sign a statement");
  EXPECT_EQ(factor(a, "torture_alleged")->reason.ar, "ادعاءات: التعذيب، الإجبار على توقيع إفادة");
}

TEST(RiskFactors, HealthIncidentsAndHungerStrikesCountWhileRecent) {
  ViewBuilder b = quiet();
  b.event("health_incident", "2026-02-01").event("hunger_strike", "2026-01-15");
  auto a = assess(b, day("2026-03-01"));
  ASSERT_NE(factor(a, "critical_health"), nullptr);
  EXPECT_EQ(factor(a, "critical_health")->reason.en,
            "health incident on 2026-02-01 (within the last 60 days)");
  EXPECT_EQ(factor(a, "hunger_strike"), nullptr);  // 45 days ago: beyond 30
  EXPECT_EQ(a.level, RiskLevel::kHigh);
  a = assess(b, day("2026-02-10"));
  EXPECT_NE(factor(a, "hunger_strike"), nullptr);
  EXPECT_EQ(factor(assess(b, day("2026-05-01")), "critical_health"), nullptr);
}

TEST(RiskFactors, RefusedTransferIsSaid) {
  ViewBuilder b = quiet();
  b.consent("transfer", Consent::kRefused, "2026-02-01");
  const auto a = assess(b, day("2026-03-01"));
  ASSERT_NE(factor(a, "no_transfer_consent"), nullptr);
  EXPECT_EQ(factor(a, "no_transfer_consent")->reason.en, "no consent to transfer recorded: transfer refused");
}

TEST(RiskDestination, ProfileFlagsCountOnlyForTheirDestination) {
  ViewBuilder b = quiet();
  b.flag("defected_soldier", "sy").flag("wanted_by_destination", "");
  const auto sy = assess(b, day("2026-03-01"), "sy");
  EXPECT_NE(factor(sy, "defected_soldier"), nullptr);
  EXPECT_NE(factor(sy, "wanted_by_destination"), nullptr);
  EXPECT_EQ(sy.score, 100);
  EXPECT_EQ(sy.level, RiskLevel::kCritical);
  const auto tr = assess(b, day("2026-03-01"), "tr");
  EXPECT_EQ(factor(tr, "defected_soldier"), nullptr);
  EXPECT_NE(factor(tr, "wanted_by_destination"), nullptr);
  EXPECT_EQ(tr.destination, "tr");
}

TEST(RiskDestination, DefaultsToTheNationality) {
  ViewBuilder b = quiet();
  b.nationality("iq").flag("defected_soldier", "iq");
  const auto a = assess_risk(b, "", test::lb_rules(), test::risk_rules(), day("2026-03-01"));
  EXPECT_EQ(a.destination, "iq");
  EXPECT_NE(factor(a, "defected_soldier"), nullptr);
}

TEST(RiskDestination, ARuleForOneDestinationReplacesTheGeneralRule) {
  const std::string text = R"json({
  "version": "t1",
  "levels": { "medium": 20, "high": 50, "critical": 80 },
  "rules": [
    { "id": "no_lawyer", "detector": "no_lawyer", "weight": 15, "level": "medium", "label_en": "no lawyer", "label_ar": "لا محامي" },
    { "id": "no_lawyer", "detector": "no_lawyer", "weight": 50, "level": "high", "destinations": ["xx"],
      "label_en": "no lawyer (no fair trial after return)", "label_ar": "لا محامي" }
  ]
})json";
  auto rules = parse_risk_rules(text, "t.json");
  ASSERT_TRUE(rules) << rules.error().describe();
  ViewBuilder b = quiet();
  b.no_lawyer();
  const auto general = assess_risk(b, "sy", test::lb_rules(), *rules, day("2026-03-01"));
  EXPECT_EQ(general.level, RiskLevel::kMedium);
  const auto scoped = assess_risk(b, "xx", test::lb_rules(), *rules, day("2026-03-01"));
  EXPECT_EQ(scoped.level, RiskLevel::kHigh);
  EXPECT_EQ(scoped.explanation.en, "high because: no lawyer (no fair trial after return)");
}

TEST(RiskGaps, MissingDatesAreListed) {
  ViewBuilder b;
  b.add_case("1/2021").sentence(60).case_status("final", "2021-06-01");
  const auto a = assess(b, day("2026-03-01"));
  ASSERT_FALSE(a.gaps.empty());
  EXPECT_EQ(a.gaps[0].code, "no_custody_date");
  EXPECT_TRUE(std::any_of(a.gaps.begin(), a.gaps.end(),
                          [](const Reason& r) { return r.code == "no_sentence_start"; }));
}

TEST(RiskRulesFile, ShippedRulesAreValid) {
  const RiskRules r = test::risk_rules();
  EXPECT_EQ(r.version, "risk-2026.1");
  EXPECT_EQ(r.rules.size(), 14U);
  EXPECT_EQ(r.for_destination("sy").size(), 14U);
}

TEST(RiskRulesFile, ErrorsNameTheFileLineAndProblem) {
  const auto error_of = [](const std::string& rules_json) {
    const std::string text =
        "{\n\"version\": \"t\",\n\"levels\": {\"medium\": 20, \"high\": 50, \"critical\": 80},\n\"rules\": "
        "[\n" +
        rules_json + "\n]}";
    auto r = parse_risk_rules(text, "risk.json");
    return r ? Error{} : r.error();
  };
  Error e = error_of(
      R"({"id": "a", "detector": "event", "weight": 10, "level": "high", "label_en": "a", "label_ar": "ا"})");
  EXPECT_EQ(e.where, "risk.json:5");
  EXPECT_EQ(e.message, "rules/0/event_types: is required");

  e = error_of(
      R"({"id": "a", "detector": "no_lawyer", "weight": 10, "level": "severe", "label_en": "a", "label_ar": "ا"})");
  EXPECT_EQ(e.message, "rules/0/level: 'severe' is not a level");

  e = error_of(
      R"({"id": "a", "detector": "no_lawyer", "weight": 10, "level": "high", "flag": "x", "label_en": "a", "label_ar": "ا"})");
  EXPECT_EQ(e.message, "rules/0/flag: is not a known field here");

  e = error_of(
      R"({"id": "a", "detector": "no_lawyer", "weight": 10, "level": "high", "label_en": "a", "label_ar": "ا"},
{"id": "a", "detector": "no_lawyer", "weight": 20, "level": "high", "label_en": "a", "label_ar": "ا"})");
  EXPECT_EQ(e.where, "risk.json:6");
  EXPECT_EQ(e.message, "rules/1/id: rule 'a' is defined twice for the same destinations (first at line 5)");

  e = error_of(
      R"({"id": "a", "detector": "no_lawyer", "weight": 101, "level": "high", "label_en": "a", "label_ar": "ا"})");
  EXPECT_EQ(e.message, "rules/0/weight: 101 is out of range");
}

}  // namespace
}  // namespace sawt::protection
