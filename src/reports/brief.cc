// The case brief: one person's situation on a page or two, for advocacy
// officers and partners (reports/report.h for the consent rule).
#include <fmt/format.h>

#include "protection/case_view.h"
#include "protection/risk.h"
#include "protection/transfer.h"
#include "reports/lang.h"
#include "reports/report.h"
#include "util/strings.h"

namespace sawt::reports {

namespace {

std::string sentence_text(const CaseFile& c, const Lang& T) {
  if (c.sentence_months == 0) return T("no sentence", "لا حكم");
  if (c.sentence_months == -1) return T("life imprisonment", "المؤبد");
  if (c.sentence_months == -2) return T("death", "الإعدام");
  return fmt::format("{} {}", c.sentence_months, T("months", "شهراً"));
}

}  // namespace

Result<render::Document> make_brief(store::Repository& repo, const app::ProtectionRules& rules, Id person_id,
                                    std::string_view lang, std::chrono::sys_days today) {
  if (lang != "ar" && lang != "en") {
    return fail(ErrorKind::kBadInput, fmt::format("language '{}' is not available for briefs", lang),
                "--lang", "use ar or en");
  }
  const Lang T{lang == "ar", &repo.store().vocab()};
  const auto view = SAWT_TRY(app::load_case_view(repo, person_id));
  const Person& p = view.person;
  auto granted = [&](std::string_view scope) {
    const auto* c = protection::consent_in_force(view, scope);
    return c != nullptr && c->decision == Consent::kGranted;
  };
  const bool named = granted("publish_name");
  if (!named && !granted("publish_anonymised")) {
    return fail(
        ErrorKind::kAuth,
        fmt::format("{} has not consented to publication (neither 'publish_name' nor 'publish_anonymised' is "
                    "granted): no brief was produced",
                    p.public_id),
        p.public_id,
        "record the person's (or family's) informed consent first: sawt consent PERSON --scope "
        "publish_anonymised --decision granted");
  }
  std::map<std::string, Facility> facilities;
  for (auto& f : SAWT_TRY(repo.list_facilities())) facilities[f.code] = f;

  render::Document doc;
  doc.lang = std::string(lang);
  doc.dir = T.ar ? render::Dir::kRtl : render::Dir::kLtr;
  const std::string name = T.ar ? (p.name_ar.empty() ? p.name_lat.display() : p.name_ar.display())
                                : (p.name_lat.empty() ? p.name_ar.display() : p.name_lat.display());
  doc.title =
      named ? fmt::format("{}: {}", T("Case brief", "موجز الحالة"), name) : T("Case brief", "موجز الحالة");
  doc.subtitle =
      fmt::format("{} {}", T("As of", "حتى تاريخ"), T.date(PartialDate::from_days(today).to_string()));
  doc.footer =
      named ? T("Published with the person's consent to publish the name", "يُنشر بموافقة الشخص على نشر اسمه")
            : T("Anonymised with the person's consent; no name or identifying detail",
                "مجهّل الهوية بموافقة الشخص؛ دون اسم أو تفاصيل تكشف الهوية");

  render::Fields who;
  if (named) who.fields.push_back({T("Name", "الاسم"), name});
  who.fields.push_back({T("Nationality", "الجنسية"), T.code("nationalities", p.nationality)});
  if (!p.gender.empty()) who.fields.push_back({T("Sex", "الجنس"), T.code("genders", p.gender)});
  if (named && !p.birth_date.empty())
    who.fields.push_back({T("Born", "تاريخ الولادة"), p.birth_date.to_string()});
  who.fields.push_back({T("Situation", "الوضع"), T.code("person_statuses", p.status)});
  if (auto it = facilities.find(p.facility_code); it != facilities.end()) {
    who.fields.push_back(
        {T("Place of detention", "مكان الاحتجاز"), T.ar ? it->second.name_ar : it->second.name_en});
  }
  for (const auto& a : view.arrests) {
    who.fields.push_back(
        {T("Arrested", "الاعتقال"), fmt::format("{} — {}", T.code("authorities", a.authority),
                                                a.date.empty() ? "—" : T.date(a.date.to_string()))});
  }
  doc.blocks.emplace_back(render::Heading{T("The person", "الشخص"), 1});
  doc.blocks.emplace_back(std::move(who));

  if (!view.cases.empty()) {
    doc.blocks.emplace_back(render::Heading{T("Judicial file", "الملف القضائي"), 1});
    render::Table cases{{T("Court", "المحكمة"), T("Charges", "التهم"), T("Stage", "المرحلة"),
                         T("Sentence", "الحكم"), T("Alleged violations", "الانتهاكات المدّعاة")},
                        {},
                        ""};
    for (const auto& c : view.cases) {
      std::vector<std::string> charges, allegations;
      for (const auto& ch : c.charges) charges.push_back(T.code("charges", ch));
      for (const auto& a : c.allegations) allegations.push_back(T.code("allegations", a));
      const std::string stage =
          c.statuses.empty() ? "—"
                             : fmt::format("{} ({})", T.code("case_statuses", c.statuses.back().status),
                                           T.date(c.statuses.back().date.to_string()));
      cases.rows.push_back({T.code("courts", c.court), join(charges, T(", ", "، ")), stage,
                            sentence_text(c, T),
                            allegations.empty() ? "—" : join(allegations, T(", ", "، "))});
    }
    doc.blocks.emplace_back(std::move(cases));
  }

  doc.blocks.emplace_back(render::Heading{T("Protection", "الحماية"), 1});
  const auto screening = protection::screen_transfer(view, rules.agreement, today);
  const auto risk = protection::assess_risk(view, "", rules.rules, rules.risk, today);
  render::Fields protect;
  protect.fields.push_back({T("Transfer under the agreement", "النقل بموجب الاتفاقية"),
                            T.ar ? std::string(protection::eligibility_ar(screening.eligibility))
                                 : std::string(protection::eligibility_name(screening.eligibility))});
  if (screening.eligible_from && screening.eligibility == protection::Eligibility::kNotYet) {
    protect.fields.push_back({T("Eligible from", "مؤهل اعتباراً من"), screening.eligible_from->to_string()});
  }
  protect.fields.push_back({T("Risk of forced return", "خطر الإعادة القسرية"),
                            T.ar ? std::string(protection::risk_level_ar(risk.level))
                                 : std::string(protection::risk_level_name(risk.level))});
  doc.blocks.emplace_back(std::move(protect));
  doc.blocks.emplace_back(render::paragraph(T.ar ? risk.explanation.ar : risk.explanation.en));

  const auto needs = SAWT_TRY(repo.health_needs(person_id));
  if (!needs.empty()) {
    doc.blocks.emplace_back(render::Heading{T("Health", "الصحة"), 1});
    render::Table table{{T("Need", "الحاجة"), T("Severity", "الخطورة"), T("Recorded", "تاريخ التسجيل"),
                         T("Met", "تمت تلبيتها")},
                        {},
                        ""};
    for (const auto& h : needs) {
      table.rows.push_back({T.code("health_needs", h.need),
                            h.severity.empty() ? "—" : T.code("health_severities", h.severity),
                            h.date.to_string(), h.met ? T("yes", "نعم") : T("no", "لا")});
    }
    doc.blocks.emplace_back(std::move(table));
  }
  return doc;
}

}  // namespace sawt::reports
