// The domain model: plain value types shared by the store, the importers, the
// linkage engine and the front ends. Codes (gender, court, charge, event type,
// consent scope, ...) are strings from the bilingual vocabularies in
// data/vocab/ (see domain/vocab.h) so organisations can extend them without a
// rebuild. Ids are store row ids (0 = not stored yet); `public_id` values such
// as "P-000042" are what people and URLs use.
//
// Invariant: a SourceRecord is what a source said, verbatim. Nothing after the
// import edits it; linkage and merging only add links and curated facts.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/partial_date.h"

namespace sawt {

using Id = std::int64_t;

// Where information came from. kind: vocab "source_kinds" (family, lawyer,
// ngo_list, official_document, media, detainee, partner_share, ...);
// reliability: vocab "reliability", 1 (unreliable) .. 5 (fully reliable).
struct Source {
  Id id = 0;
  std::string name;
  std::string kind;
  int reliability = 3;
  PartialDate received;
  std::string notes;
};

// The name parts of one written name, in the script it was written in.
struct NameParts {
  std::string full;  // as written, when given whole
  std::string first;
  std::string father;
  std::string grandfather;
  std::string family;
  std::string mother;

  [[nodiscard]] bool empty() const {
    return full.empty() && first.empty() && father.empty() && grandfather.empty() && family.empty();
  }
  // full if given, else the parts joined with spaces.
  [[nodiscard]] std::string display() const;
};

// One row as a source reported it (the records interchange CSV).
struct SourceRecord {
  Id id = 0;
  Id source_id = 0;
  Id import_id = 0;
  std::string record_id;  // the source's own id for the row, if any
  NameParts name;
  std::string gender;  // "m", "f" or "" (unknown)
  PartialDate birth_date;
  std::string birth_place;
  std::string nationality;
  std::string id_number;
  PartialDate arrest_date;
  std::string facility;  // as written
  std::string notes;
  std::map<std::string, std::string> extra;  // every column the format does not know
  int line = 0;                              // line in the imported file (1-based), 0 if not imported
};

// A curated fact about a person, with the sources that support it.
struct Fact {
  std::string field;  // e.g. "birth_date", "nationality"
  std::string value;
  std::vector<Id> source_ids;
};

enum class Consent : int { kUnknown = 0, kGranted = 1, kRefused = 2 };

// A consent decision for one scope (vocab "consent_scopes": publish_name,
// publish_anonymised, un_submission, share_partner, transfer). The latest
// record per scope (and partner) is in force; history is kept.
struct ConsentRecord {
  Id id = 0;
  Id person_id = 0;
  std::string scope;
  std::string partner;  // for share_partner: the partner's name; empty otherwise
  Consent decision = Consent::kUnknown;
  std::string given_by;  // the detainee, a family member (relation), ...
  std::string witness;
  std::string recorded_by;
  PartialDate date;
  std::string notes;
};

// The detainee as the organisation knows them. status: vocab
// "person_statuses" (pretrial, sentenced, released, transferred, deported,
// deceased, unknown).
struct Person {
  Id id = 0;
  std::string public_id;
  NameParts name_ar;   // curated name in Arabic script
  NameParts name_lat;  // curated name in Latin script
  std::string gender;
  PartialDate birth_date;
  std::string birth_place;
  std::string nationality;
  std::string id_number;
  std::string status = "unknown";
  std::string facility_code;  // current facility, if known
  bool confidential = false;
  std::string notes;
  std::vector<Fact> facts;
};

struct Facility {
  Id id = 0;
  std::string code;  // stable, e.g. "lb-roumieh"
  std::string name_ar;
  std::string name_en;
  std::string type;       // vocab "facility_types"
  std::string authority;  // vocab "authorities"
  std::string country;    // ISO 3166 alpha-2
  std::string city;
  int capacity = 0;  // official capacity, 0 if unknown
};

// Arrest and custody. authority: vocab "authorities".
struct Arrest {
  Id id = 0;
  Id person_id = 0;
  PartialDate date;
  std::string place;
  std::string authority;
  std::string notes;
};

struct Custody {
  Id id = 0;
  Id person_id = 0;
  std::string facility_code;
  PartialDate from;
  PartialDate to;  // empty while held there
};

struct Hearing {
  Id id = 0;
  PartialDate date;
  std::string outcome;  // free text or vocab "hearing_outcomes"
  std::string notes;
};

struct StatusChange {
  std::string status;  // vocab "case_statuses": investigation, indictment, trial, verdict, appeal, final
  PartialDate date;
};

// Case file. court: vocab "courts"; charges: vocab "charges"; allegations:
// vocab "allegations" (torture, forced_statement, no_lawyer_interrogation, ...).
struct CaseFile {
  Id id = 0;
  Id person_id = 0;
  std::string court;
  std::string case_number;
  std::vector<std::string> charges;
  std::vector<StatusChange> statuses;
  std::vector<Hearing> hearings;
  int sentence_months = 0;  // 0 = no sentence (yet); -1 = life; -2 = death
  PartialDate sentence_start;
  std::string lawyer;
  std::vector<std::string> allegations;
  std::string notes;
};

// What a document is attached to: a person (and optionally one of their
// cases), a monitoring visit (photos, the visit report) or an incident.
enum class DocumentOwner { kPerson, kVisit, kIncident };

// "person", "visit" or "incident": the owner in messages, JSON keys and CLI
// options; its table is NAME + "s" and a document's column NAME + "_id".
[[nodiscard]] constexpr std::string_view document_owner_name(DocumentOwner owner) {
  switch (owner) {
    case DocumentOwner::kVisit:
      return "visit";
    case DocumentOwner::kIncident:
      return "incident";
    case DocumentOwner::kPerson:
      break;
  }
  return "person";
}

// A document attached to exactly one owner (DocumentOwner); its content lives
// encrypted inside the store (table document_contents), with its hash here.
struct Document {
  Id id = 0;
  Id person_id = 0;
  Id case_id = 0;
  Id visit_id = 0;
  Id incident_id = 0;
  std::string title;
  std::string kind;    // vocab "document_kinds"
  std::string sha256;  // hex of the plaintext
  std::int64_t size = 0;
  PartialDate date;
  std::string file_name;     // as uploaded, for the download's name
  std::string content_type;  // from the bytes' signature (io/sniff.h), never from the uploader
  std::string created_at;
  std::string created_by;
  std::string deleted_at;  // set when deleted: the bytes are gone, this row stays as a tombstone

  [[nodiscard]] DocumentOwner owner() const {
    if (visit_id != 0) return DocumentOwner::kVisit;
    if (incident_id != 0) return DocumentOwner::kIncident;
    return DocumentOwner::kPerson;
  }
  [[nodiscard]] Id owner_id() const {
    if (visit_id != 0) return visit_id;
    if (incident_id != 0) return incident_id;
    return person_id;
  }
};

// A dated entry on a person's or a facility's timeline. type: vocab
// "event_types" (arrest, transfer, hearing, verdict, release, handover,
// deportation, transfer_abroad, death, hunger_strike, visit, health_incident).
struct Event {
  Id id = 0;
  Id person_id = 0;
  std::string facility_code;
  std::string type;
  PartialDate date;
  std::string description;
  Id source_id = 0;
};

// A profile factor a case worker records (vocab "profile_flags"), for a
// destination country or, when empty, any destination.
struct PersonFlag {
  Id id = 0;
  Id person_id = 0;
  std::string code;
  std::string destination;
  std::string note;
};

// One entry of a person's advocacy log (vocab "advocacy_actions").
struct AdvocacyAction {
  Id id = 0;
  Id person_id = 0;
  std::string action;
  std::string addressee;  // e.g. "UN Special Rapporteur on torture"
  PartialDate date;
  std::string reference;  // the addressee's or our reference
  std::string response;   // what came back, if anything
  PartialDate follow_up;  // when to follow up
  PartialDate act_until;  // for urgent actions
  std::string notes;
  std::string created_by;
};

// An alert in the queue: a computed deadline plus what users did about it.
struct Alert {
  std::string key;  // the deadline's stable key
  Id person_id = 0;
  std::string kind;
  std::string due_earliest;  // YYYY-MM-DD
  std::string due_latest;
  std::string stage;  // later, notice, warning, urgent, overdue
  std::string explanation_en;
  std::string explanation_ar;
  std::string state = "open";  // open, acknowledged, resolved
  std::string state_by;
  std::string state_at;
  std::string state_note;
};

// A web account. role: admin, coordinator, case_worker, researcher, viewer.
struct User {
  Id id = 0;
  std::string username;
  std::string display_name;
  std::string role;
  bool disabled = false;
  std::string lang = "ar";
  std::vector<std::string> teams;
};

}  // namespace sawt
