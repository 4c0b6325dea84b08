#include "reports/dossier_render.h"

#include <fmt/format.h>

#include "util/strings.h"

namespace sawt::reports {

render::Document to_document(const Dossier& d, std::string_view generated_on) {
  const bool ar = d.lang == "ar";
  render::Document doc;
  doc.lang = d.lang;
  doc.dir = ar ? render::Dir::kRtl : render::Dir::kLtr;
  doc.title = d.title;
  doc.subtitle = d.subtitle;
  doc.footer = ar ? fmt::format("سرّي — أعدّه sawt بتاريخ {}", generated_on)
                  : fmt::format("Confidential — prepared with sawt on {}", generated_on);
  if (!d.missing.empty()) {
    render::Notice n;
    n.kind = render::NoticeKind::kMissing;
    n.runs.push_back(render::text(join(d.missing, ar ? "، " : ", ")));
    doc.blocks.emplace_back(std::move(n));
  }
  if (!d.confidentiality.empty()) doc.blocks.emplace_back(render::notice(render::NoticeKind::kConfidential, d.confidentiality));
  const std::string missing_mark = ar ? "— (غير متوفر) —" : "— (missing) —";
  for (const auto& s : d.sections) {
    if (!s.heading.empty()) doc.blocks.emplace_back(render::Heading{s.heading, 2});
    for (const auto& p : s.paragraphs) doc.blocks.emplace_back(render::paragraph(p));
    if (!s.fields.empty()) {
      render::Fields fields;
      for (const auto& f : s.fields) fields.fields.push_back({f.label, f.missing ? missing_mark : f.value});
      doc.blocks.emplace_back(std::move(fields));
    }
  }
  return doc;
}

Result<render::Document> make_dossier_document(store::Repository& repo, const app::ProtectionRules& rules, Id person_id,
                                               Form form, std::string_view lang, const Submitter& submitter) {
  DossierInput in;
  in.view = SAWT_TRY(app::load_case_view(repo, person_id));
  in.records = SAWT_TRY(repo.person_records(person_id));
  in.advocacy = SAWT_TRY(repo.advocacy(person_id));
  in.vocab = &repo.store().vocab();
  for (const auto& f : SAWT_TRY(repo.list_facilities())) in.facilities[f.code] = f;
  in.rules = &rules.rules;
  in.risk_rules = &rules.risk;
  in.submitter = submitter;
  in.today = today();
  auto dossier = SAWT_TRY(build_dossier(in, form, lang));
  return to_document(dossier, PartialDate::from_days(in.today).to_string());
}

}  // namespace sawt::reports
