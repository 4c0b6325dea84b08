// Risk of forced return, per person AND destination, from a rule set in data
// (data/rules/risk.json). Each rule names a detector (what to look for in the
// case: a sentence about to end, a deportation order, a profile flag...), a
// weight and a level; the assessment lists the factors found, heaviest
// first, each with a bilingual explanation, and an overall level
// critical/high/medium/low that is always explained:
//   "high because: sentence ends 2027-01-14 (47 days); no consent to transfer recorded".
//
// Overall level = the higher of (a) the highest level of any factor found and
// (b) the level the sum of the weights reaches on the rule set's score
// thresholds. So a single decisive fact (a deportation order) makes a case
// critical by itself, and several lesser ones add up.
//
// Destinations: a rule may be limited to some destinations ("destinations":
// ["sy"]); for a given destination, a rule naming it replaces the rule with
// the same id that names none. Profile flags carry their own destination
// (case_view.h). Nothing in the engine treats one government specially: any
// difference between destinations is in the data, where it can be argued
// and changed.
//
// Invariants of a parsed RiskRules: non-empty version; 0 < medium <= high <=
// critical score thresholds; rule ids are codes, unique per destination;
// each detector has the parameters it needs and no others.
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

namespace sawt::protection {

enum class RiskLevel { kLow = 0, kMedium = 1, kHigh = 2, kCritical = 3 };
// "low", "medium", "high", "critical"; Arabic: منخفض، متوسط، مرتفع، حرج.
[[nodiscard]] std::string_view risk_level_name(RiskLevel level);
[[nodiscard]] std::string_view risk_level_ar(RiskLevel level);

// What a rule looks for.
enum class Detector {
  kSentenceEndsWithin,        // the sentence ends within `days` (default: Rules::sentence_ends_soon_days)
  kHeldPastSentenceEnd,       // still held after the latest possible end of the sentence
  kEvent,                     // an event of one of `codes` (event types), within `days` if given
  kExtraditionWithoutConsent, // an extradition_request event and no transfer consent granted
  kPretrialBeyondLimit,       // ongoing pretrial detention past the legal limit
  kNoLawyer,                  // no lawyer recorded on any case
  kAllegation,                // an allegation of one of `codes` on any case
  kProfileFlag,               // the profile flag `flag`, for this destination
  kNoTransferConsent,         // no transfer consent granted
};
// The detector's name in rule files: "sentence_ends_within", "held_past_sentence_end",
// "event", "extradition_without_consent", "pretrial_beyond_limit", "no_lawyer",
// "allegation", "profile_flag", "no_transfer_consent".
[[nodiscard]] std::string_view detector_name(Detector detector);

struct RiskRule {
  std::string id;  // stable code, e.g. "deportation_order"
  Detector detector = Detector::kEvent;
  int weight = 0;                          // 0..100 points towards the score
  RiskLevel level = RiskLevel::kLow;       // the least overall level this factor gives alone
  std::vector<std::string> destinations;   // empty = any destination
  std::optional<int> days;                 // horizon (sentence_ends_within) or recency (event)
  std::vector<std::string> codes;          // event types (event) or allegations (allegation)
  std::string flag;                        // profile_flag
  std::string label_en;                    // how the factor reads, e.g. "deportation order"
  std::string label_ar;
  int line = 0;                            // line in the rule file
};

struct RiskRules {
  std::string version;
  std::string origin;
  int medium_score = 20;
  int high_score = 50;
  int critical_score = 80;
  std::vector<RiskRule> rules;

  // The rules in force for DESTINATION, in file order: for each id, the rule
  // naming DESTINATION if any, else the rule naming no destination.
  [[nodiscard]] std::vector<const RiskRule*> for_destination(std::string_view destination) const;
};

// Parses a risk rule file. Errors as parse_rules(): kBadInput, where = "ORIGIN:LINE".
[[nodiscard]] Result<RiskRules> parse_risk_rules(std::string_view json, std::string_view origin);
[[nodiscard]] Result<RiskRules> load_embedded_risk_rules(std::string_view path = "rules/risk.json");
// Success when event types, allegations and destinations named by the rules are vocabulary codes.
[[nodiscard]] Status check_codes(const RiskRules& rules, const Vocabularies& vocabularies);

using RiskRuleSet = Reloadable<RiskRules, &parse_risk_rules>;

// A factor found in a case.
struct RiskFactor {
  std::string id;  // the rule's id
  int weight = 0;
  RiskLevel level = RiskLevel::kLow;
  Reason reason;   // code = id; e.g. "sentence ends 2027-01-14 (47 days)"
};

struct RiskAssessment {
  std::string destination;
  std::string rules_version;
  RiskLevel level = RiskLevel::kLow;
  int score = 0;                     // sum of the factors' weights
  std::vector<RiskFactor> factors;   // heaviest first (then file order)
  std::vector<Reason> gaps;          // missing data that kept a check from running
  Reason explanation;                // code = level name: "high because: ...; ..."
};

// The risk for VIEW if returned to DESTINATION (ISO 3166 alpha-2, lower
// case; "" means the person's nationality). RULES gives the jurisdiction's
// arithmetic (sentence end, pretrial limits). Never fails: what cannot be
// checked is listed in `gaps`.
[[nodiscard]] RiskAssessment assess_risk(const CaseView& view, std::string_view destination, const Rules& rules,
                                         const RiskRules& risk_rules, std::chrono::sys_days today);

}  // namespace sawt::protection
