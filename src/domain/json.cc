#include "domain/json.h"

#include <fmt/format.h>

namespace sawt {

using nlohmann::json;

void to_json(json& j, const PartialDate& d) { j = d.to_string(); }

void to_json(json& j, const NameParts& n) {
  j = json::object();
  const auto put = [&](const char* k, const std::string& v) {
    if (!v.empty()) j[k] = v;
  };
  put("full", n.full);
  put("first", n.first);
  put("father", n.father);
  put("grandfather", n.grandfather);
  put("family", n.family);
  put("mother", n.mother);
}

void from_json(const json& j, NameParts& n) {
  n.full = j.value("full", "");
  n.first = j.value("first", "");
  n.father = j.value("father", "");
  n.grandfather = j.value("grandfather", "");
  n.family = j.value("family", "");
  n.mother = j.value("mother", "");
}

void to_json(json& j, const Source& s) {
  j = {{"id", s.id},
       {"name", s.name},
       {"kind", s.kind},
       {"reliability", s.reliability},
       {"received", s.received},
       {"notes", s.notes}};
}

void to_json(json& j, const SourceRecord& r) {
  j = {{"id", r.id},
       {"source_id", r.source_id},
       {"import_id", r.import_id},
       {"record_id", r.record_id},
       {"line", r.line},
       {"name", r.name},
       {"gender", r.gender},
       {"birth_date", r.birth_date},
       {"birth_place", r.birth_place},
       {"nationality", r.nationality},
       {"id_number", r.id_number},
       {"arrest_date", r.arrest_date},
       {"facility", r.facility},
       {"notes", r.notes},
       {"extra", r.extra}};
}

void to_json(json& j, const Fact& f) {
  j = {{"field", f.field}, {"value", f.value}, {"source_ids", f.source_ids}};
}

void to_json(json& j, const Person& p) {
  j = {{"id", p.id},
       {"public_id", p.public_id},
       {"name_ar", p.name_ar},
       {"name_lat", p.name_lat},
       {"gender", p.gender},
       {"birth_date", p.birth_date},
       {"birth_place", p.birth_place},
       {"nationality", p.nationality},
       {"id_number", p.id_number},
       {"status", p.status},
       {"facility", p.facility_code},
       {"confidential", p.confidential},
       {"notes", p.notes},
       {"facts", p.facts}};
}

void to_json(json& j, const Facility& f) {
  j = {{"code", f.code},           {"name_ar", f.name_ar}, {"name_en", f.name_en}, {"type", f.type},
       {"authority", f.authority}, {"country", f.country}, {"city", f.city},       {"capacity", f.capacity}};
}

void to_json(json& j, const Arrest& a) {
  j = {{"id", a.id}, {"date", a.date}, {"place", a.place}, {"authority", a.authority}, {"notes", a.notes}};
}

void to_json(json& j, const Custody& c) {
  j = {{"id", c.id}, {"facility", c.facility_code}, {"from", c.from}, {"to", c.to}};
}

void to_json(json& j, const Hearing& h) {
  j = {{"id", h.id}, {"date", h.date}, {"outcome", h.outcome}, {"notes", h.notes}};
}

void to_json(json& j, const StatusChange& s) { j = {{"status", s.status}, {"date", s.date}}; }

void to_json(json& j, const CaseFile& c) {
  j = {{"id", c.id},
       {"person_id", c.person_id},
       {"court", c.court},
       {"case_number", c.case_number},
       {"charges", c.charges},
       {"statuses", c.statuses},
       {"hearings", c.hearings},
       {"sentence_months", c.sentence_months},
       {"sentence_start", c.sentence_start},
       {"lawyer", c.lawyer},
       {"allegations", c.allegations},
       {"notes", c.notes}};
}

void to_json(json& j, const Document& d) {
  j = {{"id", d.id},
       {"person_id", d.person_id},
       {"case_id", d.case_id},
       {"visit_id", d.visit_id},
       {"incident_id", d.incident_id},
       {"title", d.title},
       {"kind", d.kind},
       {"sha256", d.sha256},
       {"size", d.size},
       {"date", d.date},
       {"file_name", d.file_name},
       {"content_type", d.content_type},
       {"created_at", d.created_at},
       {"created_by", d.created_by},
       {"deleted", !d.deleted_at.empty()}};
}

void to_json(json& j, const Event& e) {
  j = {{"id", e.id},     {"person_id", e.person_id},     {"facility", e.facility_code}, {"type", e.type},
       {"date", e.date}, {"description", e.description}, {"source_id", e.source_id}};
}

void to_json(json& j, const ConsentRecord& c) {
  j = {{"id", c.id},
       {"person_id", c.person_id},
       {"scope", c.scope},
       {"partner", c.partner},
       {"decision", consent_name(c.decision)},
       {"given_by", c.given_by},
       {"witness", c.witness},
       {"recorded_by", c.recorded_by},
       {"date", c.date},
       {"notes", c.notes}};
}

void to_json(json& j, const PersonFlag& f) {
  j = {{"id", f.id},
       {"person_id", f.person_id},
       {"code", f.code},
       {"destination", f.destination},
       {"note", f.note}};
}

void to_json(json& j, const AdvocacyAction& a) {
  j = {{"id", a.id},
       {"person_id", a.person_id},
       {"action", a.action},
       {"addressee", a.addressee},
       {"date", a.date},
       {"reference", a.reference},
       {"response", a.response},
       {"follow_up", a.follow_up},
       {"act_until", a.act_until},
       {"notes", a.notes},
       {"created_by", a.created_by}};
}

void to_json(json& j, const Alert& a) {
  j = {{"key", a.key},
       {"person_id", a.person_id},
       {"kind", a.kind},
       {"due", a.due_earliest == a.due_latest ? a.due_earliest : a.due_earliest + ".." + a.due_latest},
       {"due_earliest", a.due_earliest},
       {"due_latest", a.due_latest},
       {"stage", a.stage},
       {"explanation", a.explanation_en},
       {"explanation_ar", a.explanation_ar},
       {"state", a.state},
       {"state_by", a.state_by},
       {"state_at", a.state_at},
       {"state_note", a.state_note}};
}

void to_json(json& j, const User& u) {
  j = {{"username", u.username}, {"display_name", u.display_name},
       {"role", u.role},         {"disabled", u.disabled},
       {"lang", u.lang},         {"teams", u.teams}};
}

std::string_view consent_name(Consent c) {
  switch (c) {
    case Consent::kGranted:
      return "granted";
    case Consent::kRefused:
      return "refused";
    case Consent::kUnknown:
      break;
  }
  return "unknown";
}

Result<Consent> parse_consent(std::string_view text) {
  if (text == "granted" || text == "yes") return Consent::kGranted;
  if (text == "refused" || text == "no") return Consent::kRefused;
  if (text == "unknown" || text.empty()) return Consent::kUnknown;
  return fail(ErrorKind::kBadInput, fmt::format("'{}' is not a consent decision", text), "",
              "use granted, refused or unknown");
}

}  // namespace sawt
