#include "protection/rules.h"

#include <fmt/format.h>

#include <algorithm>

#include "protection/json_doc.h"
#include "util/embedded.h"

namespace sawt::protection {

using detail::JsonDoc;
using detail::Obj;

std::string_view offence_class_name(OffenceClass c) {
  return c == OffenceClass::kFelony ? "felony" : "misdemeanour";
}

std::string_view offence_class_ar(OffenceClass c) { return c == OffenceClass::kFelony ? "جناية" : "جنحة"; }

OffenceClass Rules::classify(const std::vector<std::string>& charges) const {
  if (charges.empty()) return pretrial.unclassified;
  bool any_felony = false;
  for (const std::string& code : charges) {
    const auto listed = [&](const std::vector<std::string>& list) {
      return std::find(list.begin(), list.end(), code) != list.end();
    };
    if (listed(pretrial.felony_charges))
      any_felony = true;
    else if (!listed(pretrial.misdemeanour_charges) && pretrial.unclassified == OffenceClass::kFelony)
      any_felony = true;
  }
  return any_felony ? OffenceClass::kFelony : OffenceClass::kMisdemeanour;
}

const ChargeNote* Rules::exemption(const std::vector<std::string>& charges) const {
  for (const std::string& code : charges) {
    for (const ChargeNote& exempt : pretrial.exempt_charges) {
      if (exempt.code == code) return &exempt;
    }
  }
  return nullptr;
}

namespace {

Result<PretrialLimit> parse_limit(Obj o) {
  PretrialLimit limit;
  limit.months = static_cast<int>(SAWT_TRY(o.integer("months", 1, 120)));
  limit.renewals = static_cast<int>(SAWT_TRY(o.integer("renewals", 0, 12)));
  SAWT_CHECK(o.finish());
  return limit;
}

Result<std::vector<std::string>> charge_codes(Obj& o, std::string_view key) {
  auto codes = SAWT_TRY(o.strings(key, false));
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (!detail::is_code(codes[i])) {
      return std::unexpected(o.error(key, fmt::format("'{}' is not a charge code", codes[i]),
                                     "use codes from data/vocab/charges.tsv, e.g. pc_335"));
    }
  }
  return codes;
}

}  // namespace

Result<Rules> parse_rules(std::string_view json, std::string_view origin) {
  const JsonDoc doc = SAWT_TRY(JsonDoc::parse(json, origin));
  Obj top = SAWT_TRY(Obj::at(doc, doc.root(), ""));
  Rules rules;
  rules.origin = std::string(origin);
  rules.version = SAWT_TRY(top.string("version"));
  rules.jurisdiction = SAWT_TRY(top.string("jurisdiction"));
  if (!detail::is_code(rules.jurisdiction)) {
    return std::unexpected(top.error("jurisdiction", "expected a lower-case country code", "e.g. \"lb\""));
  }

  {
    Obj py = SAWT_TRY(top.object("prison_year"));
    rules.prison_year_months = static_cast<int>(SAWT_TRY(py.integer("months", 1, 12)));
    (void)SAWT_TRY(py.boolean("verify", false));
    SAWT_CHECK(py.finish());
  }
  {
    Obj credit = SAWT_TRY(top.object("pretrial_credit"));
    rules.pretrial_credit = SAWT_TRY(credit.boolean("credited", std::nullopt));
    SAWT_CHECK(credit.finish());
  }
  {
    Obj pt = SAWT_TRY(top.object("pretrial"));
    rules.pretrial.legal_basis = SAWT_TRY(pt.optional_string("legal_basis"));
    rules.pretrial.misdemeanour = SAWT_TRY(parse_limit(SAWT_TRY(pt.object("misdemeanour"))));
    rules.pretrial.felony = SAWT_TRY(parse_limit(SAWT_TRY(pt.object("felony"))));
    rules.pretrial.misdemeanour_charges = SAWT_TRY(charge_codes(pt, "misdemeanour_charges"));
    rules.pretrial.felony_charges = SAWT_TRY(charge_codes(pt, "felony_charges"));
    for (const std::string& code : rules.pretrial.misdemeanour_charges) {
      const auto& felonies = rules.pretrial.felony_charges;
      if (std::find(felonies.begin(), felonies.end(), code) != felonies.end()) {
        return std::unexpected(pt.error("felony_charges",
                                        fmt::format("'{}' is also listed as a misdemeanour", code),
                                        "keep each charge in one list"));
      }
    }
    const std::string unclassified = SAWT_TRY(pt.string("unclassified"));
    if (unclassified == "felony") {
      rules.pretrial.unclassified = OffenceClass::kFelony;
    } else if (unclassified == "misdemeanour") {
      rules.pretrial.unclassified = OffenceClass::kMisdemeanour;
    } else {
      return std::unexpected(pt.error("unclassified",
                                      fmt::format("'{}' is not an offence class", unclassified),
                                      "use \"felony\" or \"misdemeanour\""));
    }
    for (Obj& e : SAWT_TRY(pt.objects("exempt_charges", false))) {
      ChargeNote note;
      note.code = SAWT_TRY(e.string("code"));
      if (!detail::is_code(note.code)) {
        return std::unexpected(e.error("code", fmt::format("'{}' is not a charge code", note.code)));
      }
      note.note = SAWT_TRY(e.optional_string("note"));
      note.note_ar = SAWT_TRY(e.optional_string("note_ar"));
      SAWT_CHECK(e.finish());
      rules.pretrial.exempt_charges.push_back(std::move(note));
    }
    (void)SAWT_TRY(pt.boolean("verify", false));
    SAWT_CHECK(pt.finish());
  }
  {
    Obj aw = SAWT_TRY(top.object("appeal_window"));
    rules.appeal_window_days = static_cast<int>(SAWT_TRY(aw.integer("days", 1, 365)));
    rules.appeal_window_verify = SAWT_TRY(aw.boolean("verify", false));
    rules.appeal_window_note = SAWT_TRY(aw.optional_string("note"));
    SAWT_CHECK(aw.finish());
  }
  {
    Obj alerts = SAWT_TRY(top.object("alerts"));
    const std::string hint = "write three decreasing numbers of days, e.g. [90, 30, 7]";
    const auto days = SAWT_TRY(alerts.integers("escalation_days", 1, 3650));
    if (days.size() != 3) {
      return std::unexpected(
          alerts.error("escalation_days", "expected a list of three numbers of days", hint));
    }
    for (std::size_t i = 0; i < 3; ++i) {
      rules.escalation_days[i] = static_cast<int>(days[i]);
      if (i > 0 && days[i] >= days[i - 1]) {
        return std::unexpected(doc.error_at(alerts.child("escalation_days") + "/" + std::to_string(i),
                                            "each stage must be shorter than the one before", hint));
      }
    }
    rules.sentence_ends_soon_days =
        static_cast<int>(SAWT_TRY(alerts.integer("sentence_ends_soon_days", 1, 3650)));
    SAWT_CHECK(alerts.finish());
  }
  SAWT_CHECK(top.finish());
  return rules;
}

Result<Rules> load_embedded_rules(std::string_view path) {
  const auto text = embedded_file(path);
  if (!text) {
    return fail(ErrorKind::kNotFound, fmt::format("no rules file '{}' is built in", path), std::string(path),
                "the built-in rules are under data/rules/, e.g. rules/lb.json");
  }
  return parse_rules(*text, path);
}

Status check_codes(const Rules& rules, const Vocabularies& vocabularies) {
  const Vocabulary* charges = vocabularies.get("charges");
  if (charges == nullptr) return fail(ErrorKind::kNotFound, "the charges vocabulary is not loaded");
  const auto check = [&](const std::string& code, std::string_view list) -> Status {
    if (charges->contains(code)) return {};
    return fail(ErrorKind::kBadInput,
                fmt::format("pretrial/{}: '{}' is not a code of the charges vocabulary", list, code),
                rules.origin, "add the charge to vocab/charges.tsv or correct the code");
  };
  for (const auto& code : rules.pretrial.misdemeanour_charges)
    SAWT_CHECK(check(code, "misdemeanour_charges"));
  for (const auto& code : rules.pretrial.felony_charges) SAWT_CHECK(check(code, "felony_charges"));
  for (const auto& exempt : rules.pretrial.exempt_charges) SAWT_CHECK(check(exempt.code, "exempt_charges"));
  return {};
}

}  // namespace sawt::protection
