#include "protection/transfer.h"

#include <fmt/format.h>

#include <algorithm>

#include "protection/json_doc.h"
#include "protection/labels.h"
#include "util/embedded.h"
#include "util/strings.h"

namespace sawt::protection {

namespace chr = std::chrono;
using detail::JsonDoc;
using detail::Obj;

Result<Agreement> parse_agreement(std::string_view json, std::string_view origin) {
  const JsonDoc doc = SAWT_TRY(JsonDoc::parse(json, origin));
  Obj top = SAWT_TRY(Obj::at(doc, doc.root(), ""));
  Agreement a;
  a.origin = std::string(origin);
  a.version = SAWT_TRY(top.string("version"));
  a.code = SAWT_TRY(top.string("code"));
  if (!detail::is_code(a.code))
    return std::unexpected(top.error("code", "expected a lower-case code", "e.g. \"lb-sy-2026\""));
  a.name_en = SAWT_TRY(top.string("name_en"));
  a.name_ar = SAWT_TRY(top.string("name_ar"));
  a.signed_on = SAWT_TRY(top.optional_string("signed"));
  if (!a.signed_on.empty()) {
    auto date = PartialDate::parse(a.signed_on);
    if (!date || date->precision() != PartialDate::Precision::kDay) {
      return std::unexpected(
          top.error("signed", fmt::format("'{}' is not a date", a.signed_on), "write YYYY-MM-DD"));
    }
  }
  a.sentencing_country = SAWT_TRY(top.string("sentencing_country"));
  a.receiving_country = SAWT_TRY(top.string("receiving_country"));
  a.nationalities = SAWT_TRY(top.strings("nationalities", false));
  a.prison_year_months = static_cast<int>(SAWT_TRY(top.integer("prison_year_months", 1, 12)));
  a.min_prison_years = SAWT_TRY(top.number("min_prison_years", 0, 100));
  a.requires_final_verdict = SAWT_TRY(top.boolean("requires_final_verdict", std::nullopt));
  a.requires_written_consent = SAWT_TRY(top.boolean("requires_written_consent", std::nullopt));
  a.consent_scope = SAWT_TRY(top.string("consent_scope"));
  a.requires_no_pending_case = SAWT_TRY(top.boolean("requires_no_pending_case", false));
  for (Obj& e : SAWT_TRY(top.objects("excluded_offences", false))) {
    ExcludedOffences ex;
    ex.charges = SAWT_TRY(e.strings("charges", true));
    if (ex.charges.empty()) return std::unexpected(e.error("charges", "must list at least one charge code"));
    if (e.has("unless_served_prison_years")) {
      ex.unless_served_prison_years = SAWT_TRY(e.number("unless_served_prison_years", 0, 100));
    }
    ex.illustrative = SAWT_TRY(e.boolean("illustrative", false));
    ex.note = SAWT_TRY(e.optional_string("note"));
    SAWT_CHECK(e.finish());
    a.excluded.push_back(std::move(ex));
  }
  (void)SAWT_TRY(top.boolean("verify", false));
  SAWT_CHECK(top.finish());
  return a;
}

Result<Agreement> load_embedded_agreement(std::string_view path) {
  const auto text = embedded_file(path);
  if (!text) {
    return fail(ErrorKind::kNotFound, fmt::format("no agreement file '{}' is built in", path),
                std::string(path),
                "the built-in agreements are under data/agreements/, e.g. agreements/lb-sy-2026.json");
  }
  return parse_agreement(*text, path);
}

Status check_codes(const Agreement& agreement, const Vocabularies& vocabularies) {
  const auto check = [&](std::string_view vocab, const std::string& code, std::string_view field) -> Status {
    const Vocabulary* list = vocabularies.get(vocab);
    if (list != nullptr && list->contains(code)) return {};
    return fail(ErrorKind::kBadInput,
                fmt::format("{}: '{}' is not a code of the {} vocabulary", field, code, vocab),
                agreement.origin, fmt::format("add it to vocab/{}.tsv or correct the code", vocab));
  };
  for (const auto& n : agreement.nationalities) SAWT_CHECK(check("nationalities", n, "nationalities"));
  SAWT_CHECK(check("nationalities", agreement.sentencing_country, "sentencing_country"));
  SAWT_CHECK(check("nationalities", agreement.receiving_country, "receiving_country"));
  SAWT_CHECK(check("consent_scopes", agreement.consent_scope, "consent_scope"));
  for (const auto& ex : agreement.excluded) {
    for (const auto& c : ex.charges) SAWT_CHECK(check("charges", c, "excluded_offences"));
  }
  return {};
}

std::string_view eligibility_name(Eligibility e) {
  switch (e) {
    case Eligibility::kEligible:
      return "eligible";
    case Eligibility::kNotYet:
      return "not_yet";
    case Eligibility::kIneligible:
      return "ineligible";
    case Eligibility::kUndetermined:
      return "undetermined";
  }
  return "undetermined";
}

std::string_view eligibility_ar(Eligibility e) {
  switch (e) {
    case Eligibility::kEligible:
      return "مؤهل";
    case Eligibility::kNotYet:
      return "غير مؤهل بعد";
    case Eligibility::kIneligible:
      return "غير مؤهل";
    case Eligibility::kUndetermined:
      return "غير محدد";
  }
  return "غير محدد";
}

namespace {

std::string case_label(const CaseFile& c) {
  if (!c.case_number.empty()) return c.case_number;
  return c.id != 0 ? fmt::format("#{}", c.id) : std::string("(no number)");
}

std::string years_text(const PrisonYears& y) {
  const std::string lo = one_decimal_floor(y.min);
  const std::string hi = one_decimal_floor(y.max);
  return lo == hi ? lo : fmt::format("between {} and {}", lo, hi);
}

std::string years_text_ar(const PrisonYears& y) {
  const std::string lo = one_decimal_floor(y.min);
  const std::string hi = one_decimal_floor(y.max);
  return lo == hi ? lo : fmt::format("بين {} و{}", lo, hi);
}

enum class Outcome { kMet, kUnmet, kUnknown };

}  // namespace

TransferScreening screen_transfer(const CaseView& view, const Agreement& agreement, chr::sys_days today) {
  TransferScreening out;
  out.agreement_code = agreement.code;
  out.agreement_version = agreement.version;
  bool unmet = false;
  bool unknown = false;
  const auto record = [&](Outcome o, Reason r) {
    if (o == Outcome::kMet) {
      out.met.push_back(std::move(r));
      return;
    }
    (o == Outcome::kUnmet ? unmet : unknown) = true;
    out.reasons.push_back(std::move(r));
  };

  // Nationality.
  if (!agreement.nationalities.empty()) {
    const std::string covered = join(agreement.nationalities, ", ");
    const std::string covered_ar = code_labels("nationalities", agreement.nationalities, "ar");
    const std::string& nat = view.person.nationality;
    const std::string nat_ar = code_label("nationalities", nat, "ar");
    if (nat.empty()) {
      record(Outcome::kUnknown, {"nationality_unknown",
                                 fmt::format("no nationality recorded (the agreement covers: {})", covered),
                                 fmt::format("لا توجد جنسية مسجلة (تشمل الاتفاقية: {})", covered_ar)});
    } else if (std::find(agreement.nationalities.begin(), agreement.nationalities.end(), nat) ==
               agreement.nationalities.end()) {
      record(Outcome::kUnmet,
             {"nationality_not_covered",
              fmt::format("nationality '{}' is not covered by the agreement (it covers: {})", nat, covered),
              fmt::format("الجنسية «{}» غير مشمولة بالاتفاقية (تشمل: {})", nat_ar, covered_ar)});
    } else {
      record(Outcome::kMet, {"nationality_covered", fmt::format("nationality '{}' is covered", nat),
                             fmt::format("الجنسية «{}» مشمولة", nat_ar)});
    }
  }

  // In custody.
  const Detention detention = assess_detention(view, today);
  if (!detention.held) {
    record(Outcome::kUnmet,
           {"not_in_custody", fmt::format("not in custody (status: {})", view.person.status),
            fmt::format("ليس محتجزاً (الوضع: {})", code_label("person_statuses", view.person.status, "ar"))});
  }

  // Tried and sentenced, with a final verdict, and no case pending.
  std::vector<const CaseFile*> sentenced;
  for (const CaseFile& c : view.cases) {
    if (c.sentence_months != 0) sentenced.push_back(&c);
  }
  if (sentenced.empty()) {
    record(Outcome::kUnmet,
           {"not_tried", "not tried yet: detainees without a sentence are not covered by the agreement",
            "لم يُحاكم بعد: الاتفاقية لا تشمل الموقوفين غير المحكومين"});
  } else if (agreement.requires_final_verdict) {
    for (const CaseFile* c : sentenced) {
      const std::string status = latest_status(*c);
      if (status == "final") {
        record(Outcome::kMet, {"final_verdict", fmt::format("final verdict in case {}", case_label(*c)),
                               fmt::format("حكم مبرم في القضية {}", case_label(*c))});
      } else {
        const std::string shown = status.empty() ? std::string("none recorded") : status;
        const std::string shown_ar =
            status.empty() ? std::string("غير مسجل") : code_label("case_statuses", status, "ar");
        record(Outcome::kUnmet,
               {"no_final_verdict",
                fmt::format("no final verdict in case {} (latest status: {})", case_label(*c), shown),
                fmt::format("لا يوجد حكم مبرم في القضية {} (آخر وضع: {})", case_label(*c), shown_ar)});
      }
    }
  }
  if (agreement.requires_no_pending_case) {
    for (const CaseFile& c : view.cases) {
      if (c.sentence_months != 0 || has_verdict(c) || latest_status(c) == "dismissed") continue;
      record(Outcome::kUnmet,
             {"case_pending", fmt::format("case {} is still pending without a verdict", case_label(c)),
              fmt::format("القضية {} ما زالت قيد النظر دون حكم", case_label(c))});
    }
  }

  // Written consent.
  if (agreement.requires_written_consent) {
    const ConsentRecord* consent = consent_in_force(view, agreement.consent_scope);
    const std::string when =
        consent != nullptr && !consent->date.empty() ? consent->date.to_string() : std::string("undated");
    const std::string when_ar =
        consent != nullptr && !consent->date.empty() ? consent->date.to_string() : std::string("دون تاريخ");
    if (consent == nullptr || consent->decision == Consent::kUnknown) {
      record(Outcome::kUnmet, {"no_transfer_consent", "no written consent to transfer recorded",
                               "لا توجد موافقة خطية على النقل مسجلة"});
    } else if (consent->decision == Consent::kRefused) {
      record(Outcome::kUnmet,
             {"transfer_refused", fmt::format("transfer refused (consent record of {})", when),
              fmt::format("رفض النقل (سجل الموافقة بتاريخ {})", when_ar)});
    } else {
      record(Outcome::kMet,
             {"transfer_consent", fmt::format("written consent to transfer recorded ({})", when),
              fmt::format("موافقة خطية على النقل مسجلة ({})", when_ar)});
    }
  }

  // Excluded offences: absolute, or raising the time to serve.
  double required = agreement.min_prison_years;
  std::string raised_by;
  std::string raised_by_ar;
  for (const CaseFile* c : sentenced) {
    for (const ExcludedOffences& ex : agreement.excluded) {
      for (const std::string& charge : c->charges) {
        if (std::find(ex.charges.begin(), ex.charges.end(), charge) == ex.charges.end()) continue;
        const std::string list = ex.illustrative ? " (illustrative list)" : "";
        const std::string list_ar = ex.illustrative ? " (قائمة توضيحية)" : "";
        if (!ex.unless_served_prison_years) {
          record(Outcome::kUnmet,
                 {"excluded_offence", fmt::format("convicted of an excluded offence: {}{}", charge, list),
                  fmt::format("محكوم بجرم مستثنى: {}{}", code_label("charges", charge, "ar"), list_ar)});
        } else if (*ex.unless_served_prison_years >= required) {
          required = *ex.unless_served_prison_years;
          raised_by = charge + list;
          raised_by_ar = code_label("charges", charge, "ar") + list_ar;
        }
      }
    }
  }
  out.required_prison_years = required;
  const std::string required_text = fmt::format("{:g}", required);
  const std::string because =
      raised_by.empty() ? ""
                        : fmt::format(" ({} required for excluded offence {})", required_text, raised_by);
  const std::string because_ar =
      raised_by.empty() ? ""
                        : fmt::format(" ({} مطلوبة بسبب الجرم المستثنى {})", required_text, raised_by_ar);

  // Time served.
  bool time_short = false;
  bool time_uncertain = false;
  if (detention.days) out.served = prison_years(*detention.days, agreement.prison_year_months);
  if (!detention.start) {
    record(Outcome::kUnknown,
           {"time_served_unknown", "time served is unknown: no arrest or custody date recorded",
            "المدة المنفذة غير معروفة: لا يوجد تاريخ اعتقال أو احتجاز مسجل"});
  } else {
    const std::int64_t needed = days_for_prison_years(required, agreement.prison_year_months);
    out.eligible_from = detention.start->shifted(chr::days{needed});
    const std::string from = out.eligible_from->to_string();
    const std::string from_ar = out.eligible_from->to_string_ar();
    if (!detention.days) {
      record(Outcome::kUnknown,
             {"time_served_unknown", "time served is unknown: the date of leaving custody is not recorded",
              "المدة المنفذة غير معروفة: تاريخ الخروج من الاحتجاز غير مسجل"});
    } else if (detention.days->min >= needed) {
      record(Outcome::kMet,
             {"prison_years_served",
              fmt::format("{} of {} prison-years served{}", years_text(*out.served), required_text, because),
              fmt::format("أمضى {} من {} سنوات سجنية{}", years_text_ar(*out.served), required_text,
                          because_ar)});
    } else if (detention.days->max < needed) {
      time_short = true;
      out.reasons.push_back({"prison_years_short",
                             fmt::format("{} of {} prison-years served{}; eligible from {}",
                                         years_text(*out.served), required_text, because, from),
                             fmt::format("أمضى {} من {} سنوات سجنية{}؛ يصبح مؤهلاً اعتباراً من {}",
                                         years_text_ar(*out.served), required_text, because_ar, from_ar)});
    } else {
      time_uncertain = true;
      out.reasons.push_back(
          {"prison_years_uncertain",
           fmt::format("{} of {} prison-years served{}; eligible from {}: may already be eligible, "
                       "confirm the arrest date",
                       years_text(*out.served), required_text, because, from),
           fmt::format("أمضى {} من {} سنوات سجنية{}؛ يصبح مؤهلاً اعتباراً من {}: قد يكون مؤهلاً "
                       "الآن، يجب التحقق من تاريخ الاعتقال",
                       years_text_ar(*out.served), required_text, because_ar, from_ar)});
    }
    // A term that ends before the threshold is reached never qualifies.
    if (time_short || time_uncertain) {
      std::optional<DateRange> release;
      bool term_only = !sentenced.empty();
      for (const CaseFile* c : sentenced) {
        if (c->sentence_months < 0) term_only = false;
      }
      if (term_only) {
        // Rules for the sentence arithmetic come from the agreement's prison year.
        Rules rules;
        rules.prison_year_months = agreement.prison_year_months;
        rules.pretrial_credit = true;
        for (const CaseFile* c : sentenced) {
          const SentenceCalc calc = compute_sentence(*c, detention, rules);
          if (calc.release) release = release ? later_of(*release, *calc.release) : *calc.release;
        }
      }
      if (release && release->latest < out.eligible_from->earliest) {
        record(Outcome::kUnmet,
               {"sentence_ends_first",
                fmt::format("the sentence ends {}, before {} prison-years would be served ({})",
                            release->to_string(), required_text, from),
                fmt::format("تنتهي العقوبة {}، قبل إتمام {} سنوات سجنية ({})", release->to_string_ar(),
                            required_text, from_ar)});
      }
    }
  }

  if (unmet) {
    out.eligibility = Eligibility::kIneligible;
  } else if (unknown) {
    out.eligibility = Eligibility::kUndetermined;
  } else if (time_short || time_uncertain) {
    out.eligibility = Eligibility::kNotYet;
  } else {
    out.eligibility = Eligibility::kEligible;
    out.reasons = out.met;
  }
  return out;
}

}  // namespace sawt::protection
