// JSON forms of the domain types, used by the audit log (before/after), the
// CLI's --json output and the HTTP API. Field names are the documented schema
// (docs/SCHEMA.md); dates are PartialDate text. from_json is lenient about
// missing fields (they keep their defaults) and strict about malformed ones.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/model.h"

namespace sawt {

void to_json(nlohmann::json& j, const PartialDate& d);
void to_json(nlohmann::json& j, const NameParts& n);
void from_json(const nlohmann::json& j, NameParts& n);
void to_json(nlohmann::json& j, const Source& s);
void to_json(nlohmann::json& j, const SourceRecord& r);
void to_json(nlohmann::json& j, const Fact& f);
void to_json(nlohmann::json& j, const Person& p);
void to_json(nlohmann::json& j, const Facility& f);
void to_json(nlohmann::json& j, const Arrest& a);
void to_json(nlohmann::json& j, const Custody& c);
void to_json(nlohmann::json& j, const Hearing& h);
void to_json(nlohmann::json& j, const StatusChange& s);
void to_json(nlohmann::json& j, const CaseFile& c);
void to_json(nlohmann::json& j, const Document& d);
void to_json(nlohmann::json& j, const Event& e);
void to_json(nlohmann::json& j, const ConsentRecord& c);
void to_json(nlohmann::json& j, const PersonFlag& f);
void to_json(nlohmann::json& j, const AdvocacyAction& a);
void to_json(nlohmann::json& j, const Alert& a);
void to_json(nlohmann::json& j, const User& u);  // never the password hash

[[nodiscard]] std::string_view consent_name(Consent c);  // "unknown", "granted", "refused"
[[nodiscard]] Result<Consent> parse_consent(std::string_view text);

}  // namespace sawt
