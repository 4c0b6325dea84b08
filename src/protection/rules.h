// Jurisdiction rules as data: how long a prison year is, whether pretrial
// custody counts towards a sentence, the pretrial detention limits and their
// exceptions, the appeal window, and the alert horizons. The rules of a
// country live in data/rules/<country>.json (Lebanon: data/rules/lb.json,
// embedded in the binary); nothing in the engine's code is specific to one
// country, so another jurisdiction is a new file, not a new build.
//
// Invariants of a parsed Rules (checked by parse_rules): a non-empty version;
// 1 <= prison_year_months <= 12; each pretrial limit has months >= 1 and
// renewals >= 0; no charge code is classed both misdemeanour and felony;
// escalation_days holds exactly three strictly decreasing positive numbers
// (notice, warning, urgent); all codes match [a-z0-9_]+.
//
// A parse error names the file and line ("rules/lb.json:14: pretrial/felony/
// months: expected a whole number, found a text"); see json_doc.h for how
// the line is found. RuleSet keeps the rules in force when a new file fails.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/vocab.h"
#include "util/error.h"

namespace sawt::protection {

enum class OffenceClass { kMisdemeanour, kFelony };

// "misdemeanour" / "felony" and their Arabic labels ("جنحة" / "جناية").
[[nodiscard]] std::string_view offence_class_name(OffenceClass c);
[[nodiscard]] std::string_view offence_class_ar(OffenceClass c);

// A pretrial detention period: MONTHS, renewable RENEWALS times for the same length.
struct PretrialLimit {
  int months = 0;
  int renewals = 0;
  [[nodiscard]] int max_months() const { return months * (1 + renewals); }
};

// A charge code singled out by a rule, with why.
struct ChargeNote {
  std::string code;  // vocab "charges"
  std::string note;
  std::string note_ar;  // shown in Arabic explanations; nothing is shown there when empty
};

struct Rules {
  std::string version;       // e.g. "lb-2026.1"; required
  std::string jurisdiction;  // ISO 3166 alpha-2, lower case: "lb"
  std::string origin;        // the file the rules came from

  // Calendar months a prisoner serves for 12 months of sentence (Lebanon: 9).
  int prison_year_months = 12;
  // True when pretrial custody counts towards the sentence, so the term runs
  // from the first day of custody.
  bool pretrial_credit = true;

  struct Pretrial {
    std::string legal_basis;  // "Code of Criminal Procedure art. 108"
    PretrialLimit misdemeanour;
    PretrialLimit felony;
    std::vector<std::string> misdemeanour_charges;      // charge codes classed as misdemeanours
    std::vector<std::string> felony_charges;            // ... as felonies
    OffenceClass unclassified = OffenceClass::kFelony;  // class of any other charge
    std::vector<ChargeNote> exempt_charges;             // charges to which no limit applies
  } pretrial;

  int appeal_window_days = 0;        // days after a verdict to appeal
  bool appeal_window_verify = true;  // the number is a default a lawyer must confirm
  std::string appeal_window_note;

  std::array<int, 3> escalation_days{90, 30, 7};  // notice, warning, urgent
  int sentence_ends_soon_days = 90;

  // The class of a case with CHARGES: felony if any charge is a felony (a
  // case with no charges takes the unclassified class).
  [[nodiscard]] OffenceClass classify(const std::vector<std::string>& charges) const;
  // The first of CHARGES exempt from the pretrial limits, or nullptr.
  [[nodiscard]] const ChargeNote* exemption(const std::vector<std::string>& charges) const;
  [[nodiscard]] const PretrialLimit& limit(OffenceClass c) const {
    return c == OffenceClass::kFelony ? pretrial.felony : pretrial.misdemeanour;
  }
};

// Parses a rules file; ORIGIN names it in errors and is kept in Rules::origin.
// Fails with kBadInput, where = "ORIGIN:LINE" (or "ORIGIN:LINE:COLUMN" for a
// JSON syntax error), on malformed JSON, a missing or mistyped field, an
// unknown field, or a breach of the invariants above.
[[nodiscard]] Result<Rules> parse_rules(std::string_view json, std::string_view origin);

// The rules shipped in the binary, data/PATH (default: Lebanon). kNotFound
// when no such file is embedded; kBadInput if it does not parse (a test
// guards the shipped files).
[[nodiscard]] Result<Rules> load_embedded_rules(std::string_view path = "rules/lb.json");

// Success when every charge code the rules name is in the "charges"
// vocabulary; otherwise kBadInput naming the rules file and the code.
[[nodiscard]] Status check_codes(const Rules& rules, const Vocabularies& vocabularies);

// A value parsed from a reference file that can be replaced at run time by a
// new version of the file. A failed reload leaves the value in force, so an
// edit with a mistake never takes protection checks down: the caller shows
// the error (file, line, problem) and keeps working with the previous rules.
// Not thread-safe: callers that share one across threads guard it.
template <typename T, Result<T> (*Parse)(std::string_view, std::string_view)>
class Reloadable {
 public:
  explicit Reloadable(T initial) : current_(std::move(initial)) {}

  // The first version of the value, from TEXT.
  [[nodiscard]] static Result<Reloadable> load(std::string_view text, std::string_view origin) {
    auto parsed = Parse(text, origin);
    if (!parsed) return std::unexpected(std::move(parsed.error()));
    return Reloadable(std::move(*parsed));
  }

  // Replaces the value with the one parsed from TEXT. On failure returns the
  // parse error and keeps the current value unchanged.
  [[nodiscard]] Status reload(std::string_view text, std::string_view origin) {
    auto parsed = Parse(text, origin);
    if (!parsed) return std::unexpected(std::move(parsed.error()));
    current_ = std::move(*parsed);
    return {};
  }

  // The value in force; the reference is valid until the next successful reload.
  [[nodiscard]] const T& current() const { return current_; }

 private:
  T current_;
};

using RuleSet = Reloadable<Rules, &parse_rules>;

}  // namespace sawt::protection
