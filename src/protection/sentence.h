// Sentence and detention arithmetic with partial dates: how long a person has
// been held, when a sentence is expected to end, how many prison years that
// makes, and whether pretrial detention has outlasted its legal limit. Dates
// known only to the month or year stay ranges ("between 2027-01-01 and
// 2027-01-31") all the way through; nothing is guessed to a single day.
//
// What is implemented, and why (see rules.h for the numbers, which are data):
//  1. Custody starts on the earliest recorded arrest, custody record or
//     arrest event, and ends on the latest release, deportation, transfer
//     abroad or death event (unless a later arrest or open custody record
//     shows the person held again), else it runs to `today`. Custody is
//     taken as continuous from its first day: gaps are not subtracted.
//  2. Days are counted as END - START: the day of arrest is day 0, so a
//     person arrested yesterday has served 1 day.
//  3. Prison years served = days × 12 / prison_year_months / 365.25. With
//     Lebanon's 9-month prison year, 2,740 days make the first full 10
//     prison years (10 × 365.25 × 9 / 12 = 2,739.375 days).
//  4. A term of S months is served in S × prison_year_months / 12 calendar
//     months (Lebanon: S × 9/12). Whole months are added on the calendar
//     (a day missing from the target month clamps to its last day, so
//     29 Feb + 12 months = 28 Feb); a remaining fraction is that fraction of
//     the following calendar month, in days, rounded down for the early
//     bound and up for the late bound.
//  5. When the rules credit pretrial custody, the term runs from the first day
//     of custody: the same as sentence start + term - days held before the
//     verdict, and it needs no sentence start. Otherwise (or when no custody
//     date is known) it runs from the case's sentence_start.
//  6. Several sentences are taken as concurrent (merged), the usual result in
//     Lebanon: the person is expected out when the last one ends. Consecutive
//     sentences must be checked by a lawyer.
//  7. Life (-1) and death (-2) sentences have no release date.
//  8. Pretrial detention runs from the first day of custody to the
//     first-instance verdict (the earliest verdict, appeal or final status, or
//     a hearing with outcome "verdict"), release or `today`. It is exceeded
//     when that end is certainly after start + the class's months × (1 +
//     renewals), within the limit when certainly not, unknown otherwise.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protection/case_view.h"
#include "protection/explain.h"
#include "protection/rules.h"

namespace sawt::protection {

// When custody began and ended.
struct Detention {
  std::optional<DateRange> start;  // first day of custody; nullopt when no date is recorded
  std::optional<DateRange> end;    // day custody ended; nullopt while held or when not recorded
  bool held = true;                // still in custody as far as the record shows
  std::optional<DayCount> days;    // days in custody up to END (or today while held); nullopt when unknown
  std::vector<Reason> notes;       // gaps in the record that limit the result
};

[[nodiscard]] Detention assess_detention(const CaseView& view, std::chrono::sys_days today);

// A number of prison years known to lie in [min, max].
struct PrisonYears {
  double min = 0;
  double max = 0;
};

// DAYS of custody in prison years: days × 12 / prison_year_months / 365.25.
[[nodiscard]] double prison_years(std::int64_t days, int prison_year_months);
[[nodiscard]] PrisonYears prison_years(const DayCount& days, int prison_year_months);
// The fewest whole days of custody that make at least PRISON_YEARS prison years.
[[nodiscard]] std::int64_t days_for_prison_years(double prison_years, int prison_year_months);

// The calendar length of a term: MONTHS whole calendar months plus
// TWELFTHS/12 of the following calendar month.
struct PrisonTerm {
  int months = 0;
  int twelfths = 0;
};

// The calendar time to serve for SENTENCE_MONTHS (> 0) of sentence.
[[nodiscard]] PrisonTerm prison_term(int sentence_months, int prison_year_months);
// The day a term starting on START ends; ROUND_UP picks the late bound for a fractional month.
[[nodiscard]] std::chrono::sys_days add_term(std::chrono::sys_days start, const PrisonTerm& term, bool round_up);
// START advanced by MONTHS calendar months, the day clamped to the month's end.
[[nodiscard]] std::chrono::sys_days add_months(std::chrono::sys_days start, int months);

enum class SentenceKind { kNone, kTerm, kLife, kDeath };
[[nodiscard]] std::string_view sentence_kind_name(SentenceKind kind);  // "none", "term", "life", "death"

// One case's sentence.
struct SentenceCalc {
  Id case_id = 0;
  std::string case_number;
  SentenceKind kind = SentenceKind::kNone;
  int sentence_months = 0;
  PrisonTerm term;                    // for kTerm
  std::optional<DateRange> runs_from; // the day the term is counted from
  std::string runs_from_kind;         // "custody_start" or "sentence_start"; "" when unknown
  std::optional<DateRange> release;   // the day the term ends; nullopt for life, death or no start
  std::vector<Reason> notes;          // how it was computed, and what is missing
};

// The sentence of CASE_FILE. Precondition: DETENTION is assess_detention() of the same person.
[[nodiscard]] SentenceCalc compute_sentence(const CaseFile& case_file, const Detention& detention, const Rules& rules);

// The person's sentences together.
struct SentenceSummary {
  Detention detention;
  std::optional<PrisonYears> served;   // prison years in custody; nullopt when the days are unknown
  std::vector<SentenceCalc> sentences; // one per case with a sentence (months != 0)
  SentenceKind kind = SentenceKind::kNone;     // the most severe: death > life > term > none
  std::optional<DateRange> expected_release;   // kind == kTerm: when the last term ends
  bool pending_case = false;           // a case is still without verdict
  std::vector<Reason> notes;
};

[[nodiscard]] SentenceSummary assess_sentence(const CaseView& view, const Rules& rules, std::chrono::sys_days today);

enum class PretrialStatus { kNotApplicable, kExempt, kWithinLimit, kExceeded, kUnknown };
// "not_applicable", "exempt", "within_limit", "exceeded", "unknown".
[[nodiscard]] std::string_view pretrial_status_name(PretrialStatus status);

// Pretrial detention in one case against the legal limit.
struct PretrialCheck {
  Id case_id = 0;  // 0: the person is held with no case file recorded
  std::string case_number;
  PretrialStatus status = PretrialStatus::kUnknown;
  OffenceClass offence_class = OffenceClass::kFelony;
  PretrialLimit limit;
  bool ongoing = false;                  // no verdict yet and still held
  std::optional<DateRange> start;        // first day of custody
  std::optional<DateRange> renewal_due;  // end of the first period: a reasoned renewal is due
  std::optional<DateRange> limit_date;   // end of the longest allowed detention
  std::optional<DateRange> ended;        // verdict or release; nullopt while ongoing or unknown
  std::optional<DayCount> days_held;
  Reason explanation;                    // code "pretrial_<status>"
};

// One check per case that is not dismissed, or a single check (case_id 0)
// for a person held with no case file. Empty when the person has neither.
[[nodiscard]] std::vector<PretrialCheck> assess_pretrial(const CaseView& view, const Rules& rules,
                                                         std::chrono::sys_days today);

// The date of the first-instance verdict in CASE_FILE, if recorded.
[[nodiscard]] std::optional<DateRange> verdict_date(const CaseFile& case_file);
// True when CASE_FILE has reached a verdict (a verdict-like status, a hearing
// with outcome "verdict", or a sentence).
[[nodiscard]] bool has_verdict(const CaseFile& case_file);
// The case's latest status code by date, "" when none.
[[nodiscard]] std::string latest_status(const CaseFile& case_file);

}  // namespace sawt::protection
