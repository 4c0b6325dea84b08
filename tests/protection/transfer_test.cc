// Screening against the Lebanon–Syria transfer agreement of 6 Feb 2026
// (data/agreements/lb-sy-2026.json): eligible, not yet (with the date),
// ineligible for each reason, undetermined when data is missing.
#include "protection/transfer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "builders.h"

namespace sawt::protection {
namespace {

using test::day;
using test::transfer_ready;
using test::ViewBuilder;

const auto kToday = day("2026-03-01");

TransferScreening screen(const CaseView& v, std::chrono::sys_days today = kToday) {
  return screen_transfer(v, test::lb_sy_agreement(), today);
}

bool has_code(const std::vector<Reason>& reasons, std::string_view code) {
  return std::any_of(reasons.begin(), reasons.end(), [&](const Reason& r) { return r.code == code; });
}

const Reason& reason(const TransferScreening& s, std::string_view code) {
  for (const Reason& r : s.reasons) {
    if (r.code == code) return r;
  }
  throw std::runtime_error("no reason " + std::string(code));
}

TEST(TransferAgreement, ShippedFileHoldsTheReportedConditions) {
  const Agreement a = test::lb_sy_agreement();
  EXPECT_EQ(a.code, "lb-sy-2026");
  EXPECT_EQ(a.signed_on, "2026-02-06");
  EXPECT_EQ(a.prison_year_months, 9);
  EXPECT_EQ(a.min_prison_years, 10);
  EXPECT_TRUE(a.requires_final_verdict);
  EXPECT_TRUE(a.requires_written_consent);
  EXPECT_EQ(a.nationalities, std::vector<std::string>{"sy"});
  ASSERT_EQ(a.excluded.size(), 1U);
  EXPECT_TRUE(a.excluded[0].illustrative);
}

TEST(TransferScreen, EligibleWhenEveryConditionIsMet) {
  const auto s = screen(transfer_ready());
  EXPECT_EQ(s.eligibility, Eligibility::kEligible);
  EXPECT_EQ(eligibility_name(s.eligibility), "eligible");
  EXPECT_TRUE(has_code(s.reasons, "final_verdict"));
  EXPECT_TRUE(has_code(s.reasons, "transfer_consent"));
  EXPECT_TRUE(has_code(s.reasons, "nationality_covered"));
  EXPECT_EQ(reason(s, "prison_years_served").en, "14.8 of 10 prison-years served");
  EXPECT_EQ(reason(s, "prison_years_served").ar, "أمضى 14.8 من 10 سنوات سجنية");
  EXPECT_EQ(s.agreement_version, "lb-sy-2026.1");
}

TEST(TransferScreen, NotYetGivesTheDateTheThresholdIsReached) {
  ViewBuilder b;
  b.arrested("2019-06-01").add_case("5/2020", {"pc_335"}).sentence(240).case_status("final", "2021-05-01");
  b.consent("transfer", Consent::kGranted, "2026-02-20");
  const auto s = screen(b);
  EXPECT_EQ(s.eligibility, Eligibility::kNotYet);
  ASSERT_TRUE(s.eligible_from);
  EXPECT_EQ(s.eligible_from->to_string(), "2026-12-01");
  ASSERT_EQ(s.reasons.size(), 1U);
  EXPECT_EQ(s.reasons[0].code, "prison_years_short");
  // 2,465 days = 8.998 prison years: shown rounded down, never as 9.0.
  EXPECT_EQ(s.reasons[0].en, "8.9 of 10 prison-years served; eligible from 2026-12-01");
  EXPECT_EQ(s.reasons[0].ar, "أمضى 8.9 من 10 سنوات سجنية؛ يصبح مؤهلاً اعتباراً من 2026-12-01");
  // On that day the same person is eligible.
  EXPECT_EQ(screen(b, day("2026-12-01")).eligibility, Eligibility::kEligible);
  EXPECT_EQ(screen(b, day("2026-11-30")).eligibility, Eligibility::kNotYet);
}

TEST(TransferScreen, NotYetWithAMonthOnlyArrestGivesARange) {
  ViewBuilder b;
  b.arrested("2019-06").add_case("5/2020").sentence(240).case_status("final", "2021-05-01");
  b.consent("transfer", Consent::kGranted, "2026-02-20");
  const auto s = screen(b);
  EXPECT_EQ(s.eligibility, Eligibility::kNotYet);
  EXPECT_EQ(s.eligible_from->to_string(), "between 2026-12-01 and 2026-12-30");
}

TEST(TransferScreen, UncertainTimeServedSaysItMayAlreadyBeReached) {
  ViewBuilder b;
  b.arrested("2018").add_case("5/2019").sentence(240).case_status("final", "2020-05-01");
  b.consent("transfer", Consent::kGranted, "2026-02-20");
  const auto s = screen(b);
  EXPECT_EQ(s.eligibility, Eligibility::kNotYet);
  const Reason& r = reason(s, "prison_years_uncertain");
  EXPECT_EQ(
      r.en,
      "between 9.5 and 10.8 of 10 prison-years served; eligible from between 2025-07-03 and 2026-07-02: "
      "may already be eligible, confirm the arrest date");
}

TEST(TransferScreen, IneligibleWithoutAFinalVerdict) {
  ViewBuilder b;
  b.arrested("2012-01-01")
      .add_case("9/2013", {"pc_335"})
      .sentence(240)
      .case_status("verdict", "2014-01-01")
      .case_status("appeal", "2014-01-10");
  b.consent("transfer", Consent::kGranted, "2026-02-20");
  const auto s = screen(b);
  EXPECT_EQ(s.eligibility, Eligibility::kIneligible);
  EXPECT_EQ(reason(s, "no_final_verdict").en, "no final verdict in case 9/2013 (latest status: appeal)");
  EXPECT_TRUE(has_code(s.met, "prison_years_served"));
}

TEST(TransferScreen, IneligibleWithoutWrittenConsent) {
  ViewBuilder b;
  b.arrested("2012-01-01").add_case("9/2013").sentence(240).case_status("final", "2015-01-01");
  const auto s = screen(b);
  EXPECT_EQ(s.eligibility, Eligibility::kIneligible);
  EXPECT_EQ(reason(s, "no_transfer_consent").en, "no written consent to transfer recorded");
  EXPECT_EQ(reason(s, "no_transfer_consent").ar, "لا توجد موافقة خطية على النقل مسجلة");
}

TEST(TransferScreen, TheLatestConsentRecordIsInForce) {
  ViewBuilder refused = transfer_ready();
  refused.consent("transfer", Consent::kRefused, "2026-02-25");
  const auto s = screen(refused);
  EXPECT_EQ(s.eligibility, Eligibility::kIneligible);
  EXPECT_EQ(reason(s, "transfer_refused").en, "transfer refused (consent record of 2026-02-25)");

  ViewBuilder granted_again = refused;
  granted_again.consent("transfer", Consent::kGranted, "2026-02-27");
  EXPECT_EQ(screen(granted_again).eligibility, Eligibility::kEligible);

  ViewBuilder other_scope;
  other_scope.arrested("2012-01-01").add_case("9/2013").sentence(240).case_status("final", "2015-01-01");
  other_scope.consent("publish_name", Consent::kGranted, "2026-02-27");
  EXPECT_TRUE(has_code(screen(other_scope).reasons, "no_transfer_consent"));
}

TEST(TransferScreen, PretrialDetaineesAreNotCovered) {
  ViewBuilder b;
  b.arrested("2014-01-01").add_case("1/2014", {"pc_314"}).case_status("trial", "2016-01-01");
  b.consent("transfer", Consent::kGranted, "2026-02-20");
  const auto s = screen(b);
  EXPECT_EQ(s.eligibility, Eligibility::kIneligible);
  EXPECT_EQ(reason(s, "not_tried").en,
            "not tried yet: detainees without a sentence are not covered by the agreement");
  EXPECT_TRUE(has_code(s.reasons, "case_pending"));
}

TEST(TransferScreen, AnotherPendingCaseBlocksTransfer) {
  ViewBuilder b = transfer_ready();
  b.add_case("77/2020", {"weapons_72"}).case_status("trial", "2021-01-01");
  const auto s = screen(b);
  EXPECT_EQ(s.eligibility, Eligibility::kIneligible);
  EXPECT_EQ(reason(s, "case_pending").en, "case 77/2020 is still pending without a verdict");
}

TEST(TransferScreen, OtherNationalitiesAreNotCovered) {
  ViewBuilder b = transfer_ready();
  b.nationality("ps");
  const auto s = screen(b);
  EXPECT_EQ(s.eligibility, Eligibility::kIneligible);
  EXPECT_EQ(reason(s, "nationality_not_covered").en,
            "nationality 'ps' is not covered by the agreement (it covers: sy)");
}

TEST(TransferScreen, OnlyPeopleInCustodyAreScreenedIn) {
  ViewBuilder b = transfer_ready();
  b.event("release", "2025-06-01").status("released");
  const auto s = screen(b);
  EXPECT_EQ(s.eligibility, Eligibility::kIneligible);
  EXPECT_EQ(reason(s, "not_in_custody").en, "not in custody (status: released)");
}

TEST(TransferScreen, ASentenceThatEndsFirstNeverQualifies) {
  ViewBuilder b;
  b.arrested("2023-01-01").add_case("3/2024").sentence(60).case_status("final", "2024-06-01");
  b.consent("transfer", Consent::kGranted, "2026-02-20");
  const auto s = screen(b);
  EXPECT_EQ(s.eligibility, Eligibility::kIneligible);
  EXPECT_EQ(reason(s, "sentence_ends_first").en,
            "the sentence ends 2026-10-01, before 10 prison-years would be served (2030-07-03)");
}

TEST(TransferScreen, SeveralFailuresAreAllListed) {
  ViewBuilder b;
  b.nationality("")
      .arrested("2020-01-01")
      .add_case("1/2021")
      .sentence(240)
      .case_status("verdict", "2021-06-01");
  const auto s = screen(b);
  EXPECT_EQ(s.eligibility, Eligibility::kIneligible);
  EXPECT_TRUE(has_code(s.reasons, "nationality_unknown"));
  EXPECT_TRUE(has_code(s.reasons, "no_final_verdict"));
  EXPECT_TRUE(has_code(s.reasons, "no_transfer_consent"));
  EXPECT_TRUE(has_code(s.reasons, "prison_years_short"));
  for (const Reason& r : s.reasons) EXPECT_FALSE(r.ar.empty()) << r.code;
}

TEST(TransferScreen, MissingDataIsUndeterminedNotIneligible) {
  ViewBuilder no_arrest;
  no_arrest.add_case("1/2010").sentence(240).case_status("final", "2012-01-01");
  no_arrest.consent("transfer", Consent::kGranted, "2026-02-20");
  const auto s = screen(no_arrest);
  EXPECT_EQ(s.eligibility, Eligibility::kUndetermined);
  EXPECT_TRUE(has_code(s.reasons, "time_served_unknown"));

  ViewBuilder no_nationality = transfer_ready();
  no_nationality.nationality("");
  EXPECT_EQ(screen(no_nationality).eligibility, Eligibility::kUndetermined);
}

TEST(TransferScreen, ExcludedOffencesRaiseTheTimeOrBarTransfer) {
  Agreement a = test::lb_sy_agreement();
  a.min_prison_years = 5;
  ViewBuilder b;
  b.arrested("2020-01-01")
      .add_case("1/2021", {"killing_soldiers"})
      .sentence(-1)
      .case_status("final", "2022-01-01");
  b.consent("transfer", Consent::kGranted, "2026-02-20");
  // 8.2 prison years served: enough for 5, not for the 10 the offence requires.
  auto s = screen_transfer(b, a, kToday);
  EXPECT_EQ(s.eligibility, Eligibility::kNotYet);
  EXPECT_EQ(s.required_prison_years, 10);
  EXPECT_EQ(reason(s, "prison_years_short").en,
            "8.2 of 10 prison-years served (10 required for excluded offence killing_soldiers (illustrative "
            "list)); "
            "eligible from 2027-07-03");

  ViewBuilder other = b;
  CaseView v = other;
  v.cases[0].charges = {"pc_335"};
  auto plain = screen_transfer(v, a, kToday);
  EXPECT_EQ(plain.eligibility, Eligibility::kEligible);
  EXPECT_EQ(plain.required_prison_years, 5);

  a.excluded[0].unless_served_prison_years.reset();
  auto barred = screen_transfer(b, a, kToday);
  EXPECT_EQ(barred.eligibility, Eligibility::kIneligible);
  EXPECT_EQ(reason(barred, "excluded_offence").en,
            "convicted of an excluded offence: killing_soldiers (illustrative list)");
}

TEST(TransferAgreement, ErrorsNameTheFileAndLine) {
  const std::string text = R"({
  "version": "x",
  "code": "lb-sy-2026",
  "name_en": "A", "name_ar": "ا",
  "sentencing_country": "lb", "receiving_country": "sy",
  "prison_year_months": 9,
  "min_prison_years": "ten",
  "requires_final_verdict": true, "requires_written_consent": true, "consent_scope": "transfer"
})";
  auto a = parse_agreement(text, "agreements/test.json");
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().where, "agreements/test.json:7");
  EXPECT_EQ(a.error().message, "min_prison_years: expected a number, found a text");
}

TEST(TransferScreen, ArabicReasonsNameCodesByTheirArabicLabels) {
  ViewBuilder b;
  b.status("released").nationality("sy");
  const auto s = screen(b.build());
  const Reason& not_held = reason(s, "not_in_custody");
  EXPECT_EQ(not_held.ar, "ليس محتجزاً (الوضع: مفرج عنه)");
  for (const Reason& r : s.met) {
    if (r.code == "nationality_covered") {
      EXPECT_EQ(r.ar, "الجنسية «سوريا» مشمولة");
    }
  }
  for (const auto* list : {&s.reasons, &s.met}) {
    for (const Reason& r : *list) {
      for (const char* code : {"released", "sy", "pretrial", "verdict"}) {
        EXPECT_EQ(r.ar.find(code), std::string::npos) << r.code << ": " << r.ar;
      }
    }
  }
}

}  // namespace
}  // namespace sawt::protection
