// Screening a person against a sentenced-prisoner transfer agreement, e.g. the
// Lebanon–Syria agreement signed on 6 Feb 2026 (data/agreements/lb-sy-2026.json).
// An agreement is data: covered nationalities, the prison-year length, the
// minimum prison years served, whether a final verdict and written consent
// are required, and the offences excluded unless a longer time is served.
//
// Each condition is met, unmet or unknown for a person; the verdict is
//   ineligible    when a condition other than time served is unmet (no final
//                 verdict, no written consent, not tried, a pending case, not
//                 covered nationality, not in custody, an absolutely excluded
//                 offence, or the sentence ends before the time would be served);
//   undetermined  when nothing is unmet but something cannot be checked (no
//                 arrest date, no nationality recorded);
//   not_yet       when time served is all that is missing, with the date it
//                 will be reached (a range when the arrest date is partial);
//   eligible      when every condition is met.
// Every verdict carries bilingual reasons ("7.9 of 10 prison-years served;
// eligible from 2028-03-02") and the conditions already met.
//
// Time served is counted from the first day of custody (pretrial custody
// included) with the agreement's own prison-year length, as in sentence.h:
// the threshold is reached after days_for_prison_years() days.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/vocab.h"
#include "protection/case_view.h"
#include "protection/explain.h"
#include "protection/rules.h"
#include "protection/sentence.h"

namespace sawt::protection {

// Offences that bar transfer unless a (longer) time has been served.
struct ExcludedOffences {
  std::vector<std::string> charges;              // vocab "charges"
  std::optional<double> unless_served_prison_years;  // omitted in the file: excluded whatever the time served
  bool illustrative = false;                     // the list is a stand-in for a text not yet published
  std::string note;
};

struct Agreement {
  std::string version;  // required
  std::string code;     // "lb-sy-2026"
  std::string name_en;
  std::string name_ar;
  std::string signed_on;           // YYYY-MM-DD
  std::string sentencing_country;  // "lb"
  std::string receiving_country;   // "sy"
  std::vector<std::string> nationalities;  // covered nationalities; empty = any
  int prison_year_months = 12;
  double min_prison_years = 0;
  bool requires_final_verdict = true;
  bool requires_written_consent = true;
  std::string consent_scope = "transfer";  // vocab "consent_scopes"
  bool requires_no_pending_case = false;
  std::vector<ExcludedOffences> excluded;
  std::string origin;
};

// Parses an agreement file. Errors as parse_rules(): kBadInput, where =
// "ORIGIN:LINE", naming the field and the problem.
[[nodiscard]] Result<Agreement> parse_agreement(std::string_view json, std::string_view origin);
// data/PATH from the binary; kNotFound when not embedded.
[[nodiscard]] Result<Agreement> load_embedded_agreement(std::string_view path = "agreements/lb-sy-2026.json");
// Success when the agreement's charge, nationality and consent-scope codes are in the vocabularies.
[[nodiscard]] Status check_codes(const Agreement& agreement, const Vocabularies& vocabularies);

using AgreementSet = Reloadable<Agreement, &parse_agreement>;

enum class Eligibility { kEligible, kNotYet, kIneligible, kUndetermined };
// "eligible", "not_yet", "ineligible", "undetermined"; Arabic labels.
[[nodiscard]] std::string_view eligibility_name(Eligibility e);
[[nodiscard]] std::string_view eligibility_ar(Eligibility e);

struct TransferScreening {
  std::string agreement_code;
  std::string agreement_version;
  Eligibility eligibility = Eligibility::kUndetermined;
  double required_prison_years = 0;        // the threshold that applies to this person
  std::optional<PrisonYears> served;       // prison years served up to today (or leaving custody)
  std::optional<DateRange> eligible_from;  // the day the threshold is reached, when the start is known
  std::vector<Reason> reasons;             // why this verdict: the unmet or unknown conditions (or, when eligible, all conditions)
  std::vector<Reason> met;                 // conditions already met
};

// Screens VIEW against AGREEMENT on TODAY. Never fails: missing data becomes
// reasons, and the verdict says how far it can be trusted.
[[nodiscard]] TransferScreening screen_transfer(const CaseView& view, const Agreement& agreement,
                                                std::chrono::sys_days today);

}  // namespace sawt::protection
