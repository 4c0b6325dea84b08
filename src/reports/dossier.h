// Pre-filled, reviewable advocacy documents built from a person's record: a
// UN Special Procedures urgent appeal, the WGAD model questionnaire (sections
// I–VI), a WGEID submission (whereabouts unknown) and an Amnesty-style urgent
// action, in English (a UN working language) or Arabic.
//
// Invariants: nothing is invented. A field the record cannot fill is marked
// missing and listed at the top, for a person to complete before sending.
// Consent is checked first: UN forms need consent to submission to UN
// mechanisms; the public urgent action needs consent to publish the name (or,
// failing that, to publish an anonymised case, and then shows initials only).
// Without it the build is refused (kAuth) with the reason, and no document is
// produced.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "domain/vocab.h"
#include "protection/case_view.h"
#include "protection/risk.h"
#include "protection/rules.h"

namespace sawt::reports {

enum class Form { kSpUrgent, kWgad, kWgeid, kUrgentAction };

// "sp-urgent", "wgad", "wgeid", "ua".
[[nodiscard]] Result<Form> parse_form(std::string_view text);
[[nodiscard]] std::string_view form_code(Form form);

struct Field {
  std::string label;
  std::string value;
  bool missing = false;
};

struct Section {
  std::string heading;
  std::vector<Field> fields;
  std::vector<std::string> paragraphs;
};

struct Dossier {
  Form form = Form::kSpUrgent;
  std::string lang;  // "en" or "ar"
  std::string title;
  std::string subtitle;
  std::string confidentiality;     // what must stay confidential, shown as a notice
  std::vector<std::string> missing;  // labels of the fields to complete
  std::vector<Section> sections;
};

struct Submitter {
  std::string organisation;
  std::string contact;  // email or phone of the person responsible
};

struct DossierInput {
  protection::CaseView view;
  std::vector<SourceRecord> records;
  std::vector<AdvocacyAction> advocacy;
  const Vocabularies* vocab = nullptr;
  std::map<std::string, Facility> facilities;  // by code
  const protection::Rules* rules = nullptr;
  const protection::RiskRules* risk_rules = nullptr;
  Submitter submitter;
  std::string reference;  // the urgent action's number, e.g. "UA 014/2026"
  std::chrono::sys_days today;
};

// Builds the dossier, or refuses (kAuth) when consent does not allow it.
[[nodiscard]] Result<Dossier> build_dossier(const DossierInput& input, Form form, std::string_view lang);

}  // namespace sawt::reports
