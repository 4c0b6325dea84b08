// CaseView: everything the protection engine needs to know about one person,
// assembled by the store layer and passed in by value. The engine is pure: it
// reads a CaseView, reference data (rules, agreements, risk rules) and an
// explicit `today`, and returns explained results; it never reads a clock,
// a file or the store.
//
// Codes are those of the vocabularies (event types, allegations, consent
// scopes, charges, person statuses). Order within the vectors does not
// matter: the engine sorts by date where order counts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace sawt::protection {

// A fact about a person that the case worker records because it changes the
// danger of return, e.g. "defected_soldier", "known_activist",
// "wanted_by_destination". DESTINATION scopes it to one country of return
// (ISO 3166 alpha-2, lower case, as in the nationalities vocabulary): a
// soldier who defected from one state's army is at risk if returned to that
// state. Empty = relevant whatever the destination.
struct ProfileFlag {
  std::string code;
  std::string destination;
  std::string note;
};

// A date someone must act by, recorded by hand: the act-until date of an
// urgent action, a follow-up with a UN mechanism, a lawyer's filing date.
struct PlannedAction {
  std::string kind;  // "act_until" or "follow_up"
  PartialDate due;
  std::string title;  // what to do, as the case worker wrote it
  std::string ref;    // stable reference (an action id, "UA-2026-014"); keeps calendar UIDs stable
};

struct CaseView {
  Person person;
  std::vector<Arrest> arrests;
  std::vector<Custody> custody;
  std::vector<CaseFile> cases;
  std::vector<Event> events;
  std::vector<ConsentRecord> consents;
  std::vector<ProfileFlag> profile_flags;
  std::vector<PlannedAction> actions;
};

// The consent record in force for SCOPE: the latest by date (undated records
// count as oldest; ties go to the higher id, i.e. the later entry), or
// nullptr when there is none.
[[nodiscard]] const ConsentRecord* consent_in_force(const CaseView& view, std::string_view scope);

// The consent record in force for sharing with PARTNER (scope
// "share_partner"): the latest record that names this partner or no partner
// at all (partner names compared without case and surrounding spaces).
[[nodiscard]] const ConsentRecord* partner_consent_in_force(const CaseView& view, std::string_view partner);

// True when the person's status says they are no longer held (released,
// deported, transferred, deceased).
[[nodiscard]] bool status_means_not_held(std::string_view person_status);

}  // namespace sawt::protection
