#include "reports/dossier.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "protection/risk.h"
#include "protection/sentence.h"
#include "util/strings.h"

namespace sawt::reports {

namespace {

using protection::CaseView;

// Labels in both languages, by key.
struct Label {
  const char* key;
  const char* en;
  const char* ar;
};
constexpr Label kLabels[] = {
    {"title_sp", "Urgent appeal to the UN Special Procedures", "نداء عاجل إلى الإجراءات الخاصة للأمم المتحدة"},
    {"title_wgad", "Model questionnaire for the Working Group on Arbitrary Detention", "الاستبيان النموذجي للفريق العامل المعني بالاحتجاز التعسفي"},
    {"title_wgeid", "Submission to the Working Group on Enforced or Involuntary Disappearances", "بلاغ إلى الفريق العامل المعني بحالات الاختفاء القسري أو غير الطوعي"},
    {"title_ua", "Urgent action", "تحرك عاجل"},
    {"draft", "Draft prepared from the case record — review every field before sending", "مسودة مُعدّة من سجل القضية — راجِع كل حقل قبل الإرسال"},
    {"victim", "Victim", "الضحية"},
    {"identity", "I. Identity", "أولاً: الهوية"},
    {"arrest", "II. Arrest", "ثانياً: الاعتقال"},
    {"detention", "III. Detention", "ثالثاً: الاحتجاز"},
    {"arbitrary", "IV. Why the detention is arbitrary", "رابعاً: أسباب اعتبار الاحتجاز تعسفياً"},
    {"remedies", "V. Domestic remedies", "خامساً: سبل الانتصاف المحلية"},
    {"submitter_s", "VI. Submitter", "سادساً: مقدّم البلاغ"},
    {"what", "What happened", "ما الذي حدث"},
    {"perpetrators", "Alleged perpetrators", "الجهات المسؤولة المزعومة"},
    {"steps", "Steps taken domestically", "الخطوات المتخذة محلياً"},
    {"consent", "Consent", "الموافقة"},
    {"submitter", "Submitter", "مقدّم البلاغ"},
    {"concern", "Concern", "موضع القلق"},
    {"case_details", "Case details", "تفاصيل الحالة"},
    {"background", "Background", "خلفية"},
    {"actions", "Recommended actions", "الإجراءات الموصى بها"},
    {"addressees", "Addressees", "الجهات المخاطَبة"},
    {"whereabouts", "Disappearance", "الاختفاء"},
    {"locate", "Steps taken to locate the person", "الخطوات المتخذة لتحديد مكان الشخص"},
    {"name", "Name", "الاسم"},
    {"name_latin", "Name (Latin script)", "الاسم بالأحرف اللاتينية"},
    {"initials", "Initials (public version)", "الأحرف الأولى (للنسخة العلنية)"},
    {"sex", "Sex", "الجنس"},
    {"birth", "Date of birth", "تاريخ الميلاد"},
    {"age", "Age", "العمر"},
    {"birth_place", "Place of birth", "مكان الولادة"},
    {"nationality", "Nationality", "الجنسية"},
    {"id_doc", "Identity document", "وثيقة الهوية"},
    {"profession", "Profession", "المهنة"},
    {"address", "Usual residence", "مكان الإقامة المعتاد"},
    {"mother", "Mother's name", "اسم الأم"},
    {"arrest_date", "Date of arrest", "تاريخ الاعتقال"},
    {"arrest_place", "Place of arrest", "مكان الاعتقال"},
    {"forces", "Forces who carried out the arrest", "الجهة التي نفّذت الاعتقال"},
    {"warrant", "Was a warrant shown?", "هل أُبرزت مذكرة توقيف؟"},
    {"legal_basis", "Legal basis invoked", "الأساس القانوني المُستنَد إليه"},
    {"detention_start", "Detained since", "محتجز منذ"},
    {"duration", "Duration of detention", "مدة الاحتجاز"},
    {"places", "Places of detention and transfers", "أماكن الاحتجاز وعمليات النقل"},
    {"current_place", "Current place of detention", "مكان الاحتجاز الحالي"},
    {"court", "Court", "المحكمة"},
    {"case_number", "Case number", "رقم الدعوى"},
    {"charges", "Charges", "التهم"},
    {"stage", "Stage of proceedings", "مرحلة الإجراءات"},
    {"sentence", "Sentence", "الحكم"},
    {"expected_release", "Expected end of sentence", "التاريخ المتوقع لانتهاء الحكم"},
    {"lawyer", "Lawyer", "المحامي"},
    {"allegations", "Allegations", "الادعاءات"},
    {"risk", "Risk of forced return", "خطر الإعادة القسرية"},
    {"organisation", "Organisation", "الجهة"},
    {"contact", "Contact", "جهة الاتصال"},
    {"date", "Date", "التاريخ"},
    {"reference", "Reference", "الرقم المرجعي"},
    {"act_until", "Act until", "يُرجى التحرك حتى"},
    {"consent_un", "Consent to submission to UN mechanisms", "الموافقة على تقديم البلاغ إلى آليات الأمم المتحدة"},
    {"consent_name", "Name may be published", "يجوز نشر الاسم"},
    {"given_by", "Consent given by", "مانح الموافقة"},
    {"confidential", "The submitter's identity and contact details; the family's details. Only a summary may be made public, with the name or initials as the consent allows.",
     "هوية مقدّم البلاغ وبيانات الاتصال به وبيانات العائلة. لا يجوز أن يُنشر سوى ملخص، بالاسم أو بالأحرف الأولى بحسب ما تسمح به الموافقة."},
    {"missing_note", "To complete before sending", "ما يجب استكماله قبل الإرسال"},
    {"unknown", "unknown", "غير معروف"},
    {"yes", "yes", "نعم"},
    {"no", "no", "لا"},
    {"years", "years", "سنة"},
    {"cat_1", "Category I: no legal basis for the detention (e.g. held past the end of the sentence)", "الفئة الأولى: لا أساس قانونياً للاحتجاز (مثل الاحتجاز بعد انتهاء مدة الحكم)"},
    {"cat_2", "Category II: detention for exercising rights and freedoms (to be assessed by the submitter)", "الفئة الثانية: الاحتجاز بسبب ممارسة الحقوق والحريات (يقدّرها مقدّم البلاغ)"},
    {"cat_3", "Category III: grave violations of the right to a fair trial", "الفئة الثالثة: انتهاكات جسيمة للحق في محاكمة عادلة"},
    {"cat_4", "Category IV: prolonged administrative custody of a migrant or asylum seeker", "الفئة الرابعة: الاحتجاز الإداري المطوّل لمهاجر أو طالب لجوء"},
    {"cat_5", "Category V: discrimination", "الفئة الخامسة: التمييز"},
    {"pretrial_exceeded", "Pretrial detention beyond the legal limit", "توقيف احتياطي يتجاوز المهلة القانونية"},
    {"ua_actions", "Urge the authorities not to hand the person over to any state where they face a real risk of torture or other serious harm (non-refoulement, CAT art. 3); to ensure access to a lawyer, to family and to medical care; and to investigate the allegations of torture and exclude any statement obtained under duress (Law 65/2017).",
     "حثّ السلطات على عدم تسليم الشخص إلى أي دولة يواجه فيها خطراً حقيقياً بالتعرض للتعذيب أو لأذى جسيم (مبدأ عدم الإعادة القسرية، المادة 3 من اتفاقية مناهضة التعذيب)؛ وضمان حصوله على محامٍ وتواصله مع عائلته وتلقيه الرعاية الطبية؛ والتحقيق في ادعاءات التعذيب واستبعاد أي إفادة انتُزعت تحت الإكراه (القانون 65/2017)."},
    {"sp_what_tmpl", "{name} was arrested on {date} in {place} by {authority} and is held at {facility}.", "اعتُقل {name} بتاريخ {date} في {place} من قبل {authority}، وهو محتجز في {facility}."},
};

class Labels {
 public:
  explicit Labels(std::string_view lang) : ar_(lang == "ar") {}
  [[nodiscard]] std::string operator()(std::string_view key) const {
    for (const auto& l : kLabels) {
      if (key == l.key) return ar_ ? l.ar : l.en;
    }
    return std::string(key);
  }
  [[nodiscard]] bool ar() const { return ar_; }

 private:
  bool ar_;
};

struct Builder {
  const DossierInput& in;
  Labels L;
  Dossier d;

  std::string vocab_label(std::string_view vocab, std::string_view code) const {
    if (code.empty()) return {};
    if (in.vocab == nullptr) return std::string(code);
    const auto* v = in.vocab->get(vocab);
    return v == nullptr ? std::string(code) : v->label(code, L.ar() ? "ar" : "en");
  }
  std::string facility_name(std::string_view code) const {
    auto it = in.facilities.find(std::string(code));
    if (it == in.facilities.end()) return std::string(code);
    return L.ar() ? it->second.name_ar : it->second.name_en;
  }
  void field(Section& s, std::string_view key, std::string value) {
    Field f{L(key), std::move(value), false};
    if (trim(f.value).empty()) {
      f.missing = true;
      f.value.clear();
      d.missing.push_back(f.label);
    }
    s.fields.push_back(std::move(f));
  }
  // A field whose absence is not something to fill in (e.g. no lawyer).
  void optional_field(Section& s, std::string_view key, std::string value) {
    if (!trim(value).empty()) s.fields.push_back({L(key), std::move(value), false});
  }

  const Person& person() const { return in.view.person; }
  std::string name() const {
    const auto ar = person().name_ar.display();
    const auto lat = person().name_lat.display();
    if (L.ar()) return ar.empty() ? lat : ar;
    return lat.empty() ? ar : lat;
  }
  std::string initials() const {
    std::string out;
    const auto& n = person().name_lat.empty() ? person().name_ar : person().name_lat;
    for (const auto& part : split(n.display(), ' ')) {
      if (part.empty()) continue;
      // First character (a whole UTF-8 sequence).
      size_t len = 1;
      const auto c = static_cast<unsigned char>(part[0]);
      if (c >= 0xF0) len = 4; else if (c >= 0xE0) len = 3; else if (c >= 0xC0) len = 2;
      out += part.substr(0, len) + ".";
    }
    return out;
  }
  std::string sex() const {
    if (person().gender.empty()) return {};
    return vocab_label("genders", person().gender);
  }
  std::string age() const {
    if (person().birth_date.empty()) return {};
    const auto lo = std::chrono::floor<std::chrono::years>(in.today - person().birth_date.latest()).count();
    const auto hi = std::chrono::floor<std::chrono::years>(in.today - person().birth_date.earliest()).count();
    return lo == hi ? fmt::format("{} {}", lo, L("years")) : fmt::format("{}–{} {}", lo, hi, L("years"));
  }
  const Arrest* arrest() const { return in.view.arrests.empty() ? nullptr : &in.view.arrests.front(); }
  const CaseFile* case_file() const { return in.view.cases.empty() ? nullptr : &in.view.cases.back(); }
  std::string charges() const {
    std::vector<std::string> out;
    if (const auto* c = case_file()) {
      for (const auto& ch : c->charges) out.push_back(vocab_label("charges", ch));
    }
    return join(out, L.ar() ? "، " : "; ");
  }
  std::string allegations() const {
    std::vector<std::string> out;
    for (const auto& c : in.view.cases) {
      for (const auto& a : c.allegations) out.push_back(vocab_label("allegations", a));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return join(out, L.ar() ? "، " : "; ");
  }
  std::string stage() const {
    const auto* c = case_file();
    if (c == nullptr || c->statuses.empty()) return {};
    const auto& s = c->statuses.back();
    return vocab_label("case_statuses", s.status) + (s.date.empty() ? "" : " (" + s.date.to_string() + ")");
  }
  std::string places() const {
    std::vector<std::string> out;
    for (const auto& c : in.view.custody) {
      out.push_back(fmt::format("{} ({} – {})", facility_name(c.facility_code), c.from.to_string(),
                                c.to.empty() ? (L.ar() ? "حتى الآن" : "now") : c.to.to_string()));
    }
    return join(out, L.ar() ? "؛ " : "; ");
  }
  std::string current_place() const {
    if (!person().facility_code.empty()) return facility_name(person().facility_code);
    for (const auto& c : in.view.custody) {
      if (c.to.empty()) return facility_name(c.facility_code);
    }
    return {};
  }
  std::string sentence_text() const {
    const auto* c = case_file();
    if (c == nullptr || c->sentence_months == 0) return {};
    if (c->sentence_months == -1) return L.ar() ? "المؤبد" : "life imprisonment";
    if (c->sentence_months == -2) return L.ar() ? "الإعدام" : "death";
    return L.ar() ? fmt::format("{} شهراً اعتباراً من {}", c->sentence_months, c->sentence_start.to_string())
                  : fmt::format("{} months from {}", c->sentence_months, c->sentence_start.to_string());
  }
  std::string expected_release() const {
    if (in.rules == nullptr) return {};
    const auto s = protection::assess_sentence(in.view, *in.rules, in.today);
    if (!s.expected_release) return {};
    return L.ar() ? s.expected_release->to_string_ar() : s.expected_release->to_string();
  }
  std::string duration() const {
    const auto det = protection::assess_detention(in.view, in.today);
    if (!det.days) return {};
    const double years_lo = static_cast<double>(det.days->min) / 365.25;
    const double years_hi = static_cast<double>(det.days->max) / 365.25;
    return std::abs(years_hi - years_lo) < 0.05 ? fmt::format("{:.1f} {}", years_lo, L("years"))
                                                : fmt::format("{:.1f}–{:.1f} {}", years_lo, years_hi, L("years"));
  }
  std::string steps_taken() const {
    std::vector<std::string> out;
    if (const auto* c = case_file(); c != nullptr && !c->lawyer.empty()) {
      out.push_back(L.ar() ? "يتولى الدفاع المحامي " + c->lawyer : "Represented by lawyer " + c->lawyer);
    }
    for (const auto& a : in.advocacy) {
      out.push_back(fmt::format("{} {} → {}{}", a.date.to_string(), vocab_label("advocacy_actions", a.action), a.addressee,
                                a.response.empty() ? "" : " (" + a.response + ")"));
    }
    return join(out, "\n");
  }
  std::string consent_line(std::string_view scope) const {
    const auto* c = protection::consent_in_force(in.view, scope);
    if (c == nullptr) return L("no");
    return fmt::format("{} ({}{})", c->decision == Consent::kGranted ? L("yes") : L("no"), c->date.to_string(),
                       c->given_by.empty() ? "" : ", " + vocab_label("relationships", c->given_by));
  }
  std::string what_happened() const {
    const auto* a = arrest();
    std::string text = L("sp_what_tmpl");
    const auto put = [&](std::string_view k, const std::string& v) {
      const auto pos = text.find(k);
      if (pos != std::string::npos) text.replace(pos, k.size(), v.empty() ? "[" + L("unknown") + "]" : v);
    };
    put("{name}", name());
    put("{date}", a ? a->date.to_string() : "");
    put("{place}", a ? a->place : "");
    put("{authority}", a ? vocab_label("authorities", a->authority) : "");
    put("{facility}", current_place());
    std::vector<std::string> more;
    if (!charges().empty()) more.push_back((L.ar() ? "التهم: " : "Charges: ") + charges() + ".");
    if (!stage().empty()) more.push_back((L.ar() ? "مرحلة الإجراءات: " : "Stage of proceedings: ") + stage() + ".");
    if (!allegations().empty()) more.push_back((L.ar() ? "الادعاءات: " : "Allegations: ") + allegations() + ".");
    for (const auto& e : in.view.events) {
      if (e.type == "deportation_order" || e.type == "handover" || e.type == "extradition_request" ||
          e.type == "hunger_strike" || e.type == "health_incident") {
        more.push_back(fmt::format("{}: {}{}", e.date.to_string(), vocab_label("event_types", e.type),
                                   e.description.empty() ? "" : " — " + e.description));
      }
    }
    return text + (more.empty() ? "" : "\n" + join(more, "\n"));
  }

  Section identity_section(std::string_view heading_key, bool public_version, bool name_allowed) {
    Section s{L(heading_key), {}, {}};
    if (public_version && !name_allowed) {
      field(s, "initials", initials());
    } else {
      field(s, "name", name());
      if (L.ar()) optional_field(s, "name_latin", person().name_lat.display());
      if (!public_version) optional_field(s, "mother", person().name_ar.mother.empty() ? person().name_lat.mother : person().name_ar.mother);
    }
    field(s, "sex", sex());
    if (!public_version) field(s, "birth", person().birth_date.to_string());
    field(s, "age", age());
    field(s, "nationality", vocab_label("nationalities", person().nationality));
    if (!public_version) {
      optional_field(s, "birth_place", person().birth_place);
      field(s, "id_doc", person().id_number);
    }
    return s;
  }
};

Status check_consent(const CaseView& view, Form form, bool& name_allowed) {
  const auto granted = [&](std::string_view scope) {
    const auto* c = protection::consent_in_force(view, scope);
    return c != nullptr && c->decision == Consent::kGranted;
  };
  name_allowed = granted("publish_name");
  if (form == Form::kUrgentAction) {
    if (!name_allowed && !granted("publish_anonymised")) {
      return fail(ErrorKind::kAuth,
                  fmt::format("{} has not consented to a public urgent action (neither 'publish_name' nor "
                              "'publish_anonymised' is granted)",
                              view.person.public_id),
                  view.person.public_id, "record the consent first: sawt consent PERSON --scope publish_anonymised --decision granted");
    }
    return {};
  }
  if (!granted("un_submission")) {
    const auto* c = protection::consent_in_force(view, "un_submission");
    return fail(ErrorKind::kAuth,
                fmt::format("{} has {} consent to submission to UN mechanisms: no document was produced",
                            view.person.public_id, c == nullptr ? "no recorded" : "refused"),
                view.person.public_id,
                "record the person's (or family's) informed consent first: sawt consent PERSON --scope un_submission "
                "--decision granted --given-by self");
  }
  return {};
}

}  // namespace

Result<Form> parse_form(std::string_view text) {
  if (text == "sp-urgent") return Form::kSpUrgent;
  if (text == "wgad") return Form::kWgad;
  if (text == "wgeid") return Form::kWgeid;
  if (text == "ua") return Form::kUrgentAction;
  return fail(ErrorKind::kUsage, fmt::format("'{}' is not a dossier form", text), "--form",
              "use sp-urgent, wgad, wgeid or ua");
}

std::string_view form_code(Form form) {
  switch (form) {
    case Form::kSpUrgent: return "sp-urgent";
    case Form::kWgad: return "wgad";
    case Form::kWgeid: return "wgeid";
    case Form::kUrgentAction: return "ua";
  }
  return "";
}

Result<Dossier> build_dossier(const DossierInput& in, Form form, std::string_view lang) {
  if (lang != "en" && lang != "ar") return fail(ErrorKind::kUsage, "the language must be en or ar", "--lang");
  bool name_allowed = false;
  SAWT_CHECK(check_consent(in.view, form, name_allowed));
  Builder b{in, Labels(lang), {}};
  auto& d = b.d;
  const auto& L = b.L;
  d.form = form;
  d.lang = lang;
  d.subtitle = L("draft");
  const auto* a = b.arrest();
  const auto* c = b.case_file();

  const auto submitter = [&](std::string_view heading) {
    Section s{L(heading), {}, {}};
    b.field(s, "organisation", in.submitter.organisation);
    b.field(s, "contact", in.submitter.contact);
    b.field(s, "date", PartialDate::from_days(in.today).to_string());
    return s;
  };

  switch (form) {
    case Form::kSpUrgent: {
      d.title = L("title_sp");
      d.confidentiality = L("confidential");
      d.sections.push_back(b.identity_section("victim", false, name_allowed));
      d.sections.back().fields.push_back({L("current_place"), b.current_place(), b.current_place().empty()});
      Section what{L("what"), {}, {}};
      what.paragraphs.push_back(b.what_happened());
      b.field(what, "arrest_date", a ? a->date.to_string() : "");
      b.field(what, "arrest_place", a ? a->place : "");
      b.optional_field(what, "expected_release", b.expected_release());
      d.sections.push_back(std::move(what));
      Section perp{L("perpetrators"), {}, {}};
      b.field(perp, "forces", a ? b.vocab_label("authorities", a->authority) : "");
      b.optional_field(perp, "court", c ? b.vocab_label("courts", c->court) : "");
      d.sections.push_back(std::move(perp));
      Section steps{L("steps"), {}, {}};
      const auto st = b.steps_taken();
      if (st.empty()) {
        b.field(steps, "steps", "");
      } else {
        steps.paragraphs.push_back(st);
      }
      d.sections.push_back(std::move(steps));
      Section consent{L("consent"), {}, {}};
      consent.fields.push_back({L("consent_un"), b.consent_line("un_submission"), false});
      consent.fields.push_back({L("consent_name"), b.consent_line("publish_name"), false});
      d.sections.push_back(std::move(consent));
      d.sections.push_back(submitter("submitter"));
      break;
    }
    case Form::kWgad: {
      d.title = L("title_wgad");
      d.confidentiality = L("confidential");
      auto id = b.identity_section("identity", false, name_allowed);
      b.field(id, "profession", "");
      b.field(id, "address", "");
      d.sections.push_back(std::move(id));
      Section arrest{L("arrest"), {}, {}};
      b.field(arrest, "arrest_date", a ? a->date.to_string() : "");
      b.field(arrest, "arrest_place", a ? a->place : "");
      b.field(arrest, "forces", a ? b.vocab_label("authorities", a->authority) : "");
      b.field(arrest, "warrant", "");
      b.field(arrest, "legal_basis", b.charges());
      d.sections.push_back(std::move(arrest));
      Section det{L("detention"), {}, {}};
      const auto start = protection::assess_detention(in.view, in.today);
      b.field(det, "detention_start", start.start ? (L.ar() ? start.start->to_string_ar() : start.start->to_string()) : "");
      b.field(det, "duration", b.duration());
      b.field(det, "places", b.places());
      b.field(det, "court", c ? b.vocab_label("courts", c->court) : "");
      b.optional_field(det, "case_number", c ? c->case_number : "");
      b.field(det, "charges", b.charges());
      b.field(det, "stage", b.stage());
      b.optional_field(det, "sentence", b.sentence_text());
      b.optional_field(det, "expected_release", b.expected_release());
      d.sections.push_back(std::move(det));
      Section arb{L("arbitrary"), {}, {}};
      // Categories suggested from the record; the submitter argues them.
      if (in.rules != nullptr) {
        const auto s = protection::assess_sentence(in.view, *in.rules, in.today);
        if (s.expected_release && s.expected_release->latest < in.today && start.held) arb.paragraphs.push_back(L("cat_1"));
        for (const auto& p : protection::assess_pretrial(in.view, *in.rules, in.today)) {
          if (p.status == protection::PretrialStatus::kExceeded) {
            arb.paragraphs.push_back(L("cat_3") + ": " + L("pretrial_exceeded") + " — " +
                                     (L.ar() ? p.explanation.ar : p.explanation.en));
          }
        }
      }
      const auto alleg = b.allegations();
      if (!alleg.empty() || (c != nullptr && c->lawyer.empty())) {
        arb.paragraphs.push_back(L("cat_3") + (alleg.empty() ? "" : ": " + alleg));
      }
      arb.paragraphs.push_back(L("cat_2"));
      d.sections.push_back(std::move(arb));
      Section rem{L("remedies"), {}, {}};
      const auto st = b.steps_taken();
      if (st.empty()) {
        b.field(rem, "steps", "");
      } else {
        rem.paragraphs.push_back(st);
      }
      d.sections.push_back(std::move(rem));
      d.sections.push_back(submitter("submitter_s"));
      break;
    }
    case Form::kWgeid: {
      d.title = L("title_wgeid");
      d.confidentiality = L("confidential");
      d.sections.push_back(b.identity_section("victim", false, name_allowed));
      Section dis{L("whereabouts"), {}, {}};
      b.field(dis, "arrest_date", a ? a->date.to_string() : "");
      b.field(dis, "arrest_place", a ? a->place : "");
      b.field(dis, "forces", a ? b.vocab_label("authorities", a->authority) : "");
      d.sections.push_back(std::move(dis));
      Section loc{L("locate"), {}, {}};
      const auto st = b.steps_taken();
      if (st.empty()) {
        b.field(loc, "locate", "");
      } else {
        loc.paragraphs.push_back(st);
      }
      d.sections.push_back(std::move(loc));
      Section consent{L("consent"), {}, {}};
      consent.fields.push_back({L("consent_un"), b.consent_line("un_submission"), false});
      d.sections.push_back(std::move(consent));
      d.sections.push_back(submitter("submitter"));
      break;
    }
    case Form::kUrgentAction: {
      d.title = L("title_ua");
      Section head{"", {}, {}};
      b.field(head, "reference", in.reference);
      const auto act_until = PartialDate::from_days(in.today + std::chrono::days{30});
      head.fields.push_back({L("act_until"), act_until.to_string(), false});
      d.sections.push_back(std::move(head));
      Section concern{L("concern"), {}, {}};
      if (in.rules != nullptr && in.risk_rules != nullptr) {
        const auto risk = protection::assess_risk(in.view, "", *in.rules, *in.risk_rules, in.today);
        concern.paragraphs.push_back(L("risk") + ": " + (L.ar() ? risk.explanation.ar : risk.explanation.en));
      } else {
        b.field(concern, "concern", "");
      }
      d.sections.push_back(std::move(concern));
      auto who = b.identity_section("case_details", true, name_allowed);
      who.paragraphs.push_back(b.what_happened());
      if (!name_allowed) {
        // The public text must not carry the name: replace it with initials.
        for (auto& p : who.paragraphs) {
          const auto full = b.name();
          for (auto pos = p.find(full); !full.empty() && pos != std::string::npos; pos = p.find(full)) p.replace(pos, full.size(), b.initials());
        }
      }
      d.sections.push_back(std::move(who));
      Section act{L("actions"), {}, {}};
      act.paragraphs.push_back(L("ua_actions"));
      d.sections.push_back(std::move(act));
      Section addr{L("addressees"), {}, {}};
      b.field(addr, "addressees", "");
      d.sections.push_back(std::move(addr));
      break;
    }
  }
  return d;
}

}  // namespace sawt::reports
