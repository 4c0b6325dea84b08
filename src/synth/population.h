// The synthetic population in compact form: who each person is (names as
// table indices, dates as day numbers) and the outline of what happened to
// them (arrest, verdict, sentence, release), about 64 bytes a person so that
// a million people fit in tens of megabytes. Source records and full case
// files are rendered from an Identity on demand (sources.h, casefile.h).
//
// Invariants of make_population():
//  1. Siblings (equal `family`) share father, grandfather, family name and
//     mother; their first names differ; the eldest is born first and the
//     others 1-5 years apart (twins: same day).
//  2. Cousins (equal `clan`, different `family`) share grandfather and family
//     name, with different fathers.
//  3. birth_day <= arrest_day - 16 years; arrest_day in [2011-01-01,
//     min(2024-12-31, today - 45 days)]; verdict_day and exit_day, when set,
//     lie between arrest_day and today.
//  4. status, stage, sentence and exit agree: a sentenced person still held
//     has a life sentence or an expected release after today (or is held by
//     General Security after the sentence ended, awaiting deportation); women
//     are held in women-only facilities and men never are.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

#include "synth/random.h"
#include "synth/synth.h"
#include "synth/tables.h"

namespace sawt::synth {

enum class Nationality : std::uint8_t { kSyrian, kPalestinian, kLebanese, kStateless };
enum class PersonStatus : std::uint8_t { kPretrial, kSentenced, kReleased, kTransferred, kDeported, kDeceased };
enum class Stage : std::uint8_t { kInvestigation, kIndictment, kTrial, kVerdict, kAppeal, kFinal };
enum class Authority : std::uint8_t { kArmyIntelligence, kIsfInformationBranch, kGeneralSecurity };
// Persons planted so that the demo store shows every kind of deadline.
enum class Scenario : std::uint8_t { kNone, kReleaseSoon, kLongPretrial, kLongServedFinal, kAwaitingDeportation };

struct Identity {
  std::int32_t family = -1;
  std::int32_t clan = -1;
  std::uint16_t first = 0;  // into Tables::male or ::female by gender
  std::uint16_t father = 0;       // into Tables::male
  std::uint16_t grandfather = 0;  // into Tables::male
  std::uint16_t family_name = 0;  // into Tables::family
  std::uint16_t mother_first = 0;   // into Tables::female
  std::uint16_t mother_family = 0;  // into Tables::family
  std::uint16_t birth_place = 0;    // into Tables::places
  std::uint8_t female = 0;
  Nationality nationality = Nationality::kSyrian;
  PersonStatus status = PersonStatus::kPretrial;
  Stage stage = Stage::kInvestigation;
  Authority authority = Authority::kArmyIntelligence;
  std::uint8_t facility = 0;        // current (or last) facility, into Tables::facilities
  std::uint8_t first_facility = 0;  // where the person was first held
  Scenario scenario = Scenario::kNone;
  std::int32_t birth_day = 0;    // days since 1970-01-01
  std::int32_t arrest_day = 0;
  std::int32_t verdict_day = 0;  // 0: no verdict
  std::int32_t exit_day = 0;     // release, deportation, transfer or death; 0: still held
  std::int16_t sentence_months = 0;  // 0: none; -1: life
  std::uint64_t id_number = 0;       // Syrian national number (11 digits, leading zero), 0: unknown
};

struct Population {
  std::vector<Identity> people;
  int families = 0;
  int clans = 0;
};

// Builds the population for the options. Deterministic in options.seed.
// Preconditions: options validated (see generate()), tables loaded.
[[nodiscard]] Population make_population(const Options& options, const Tables& tables);

// Expected release under the Lebanese prison year: start + months * 9/12
// calendar months (whole months added on the calendar; a remaining quarter
// month counts 7 days). Precondition: months > 0.
[[nodiscard]] std::chrono::sys_days expected_release(std::chrono::sys_days start, int sentence_months);

[[nodiscard]] inline std::chrono::sys_days day(std::int32_t d) { return std::chrono::sys_days{std::chrono::days{d}}; }
[[nodiscard]] inline std::int32_t day_number(std::chrono::sys_days d) {
  return static_cast<std::int32_t>(d.time_since_epoch().count());
}

// Vocabulary codes.
[[nodiscard]] std::string_view status_code(PersonStatus s);
[[nodiscard]] std::string_view stage_code(Stage s);
[[nodiscard]] std::string_view authority_code(Authority a);
[[nodiscard]] std::string_view nationality_code(Nationality n);

// The person's first name entry (male or female table).
[[nodiscard]] const Name& first_name(const Identity& who, const Tables& tables);

// The case number a person's main case carries, e.g. "2014/3127"; the same
// for the lawyer's list and the case file.
[[nodiscard]] std::string case_number(const Identity& who, std::uint64_t seed, int index);

}  // namespace sawt::synth
