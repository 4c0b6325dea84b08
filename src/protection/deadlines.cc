#include "protection/deadlines.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "protection/sentence.h"

namespace sawt::protection {

namespace chr = std::chrono;

std::string_view stage_name(Stage stage) {
  switch (stage) {
    case Stage::kLater: return "later";
    case Stage::kNotice: return "notice";
    case Stage::kWarning: return "warning";
    case Stage::kUrgent: return "urgent";
    case Stage::kOverdue: return "overdue";
  }
  return "later";
}

std::string_view stage_ar(Stage stage) {
  switch (stage) {
    case Stage::kLater: return "لاحقاً";
    case Stage::kNotice: return "تنبيه";
    case Stage::kWarning: return "تحذير";
    case Stage::kUrgent: return "عاجل";
    case Stage::kOverdue: return "متأخر";
  }
  return "لاحقاً";
}

Stage escalation_stage(chr::sys_days due, chr::sys_days today, const std::array<int, 3>& escalation_days) {
  const auto left = (due - today).count();
  if (left < 0) return Stage::kOverdue;
  if (left <= escalation_days[2]) return Stage::kUrgent;
  if (left <= escalation_days[1]) return Stage::kWarning;
  if (left <= escalation_days[0]) return Stage::kNotice;
  return Stage::kLater;
}

namespace {

std::string case_label(const CaseFile& c) {
  if (!c.case_number.empty()) return c.case_number;
  return c.id != 0 ? fmt::format("#{}", c.id) : std::string("(no number)");
}

std::string person_key(const Person& p) {
  if (!p.public_id.empty()) return p.public_id;
  return fmt::format("person-{}", p.id);
}

}  // namespace

std::vector<Deadline> compute_deadlines(const CaseView& view, const Rules& rules, chr::sys_days today) {
  std::vector<Deadline> out;
  const std::string who = person_key(view.person);
  const auto add = [&](std::string kind, std::string key, DateRange due, Id case_id, std::string en, std::string ar) {
    Deadline d;
    d.due = due;
    d.days_left = (due.earliest - today).count();
    d.stage = escalation_stage(due.earliest, today, rules.escalation_days);
    d.case_id = case_id;
    d.explanation = {kind, std::move(en), std::move(ar)};
    d.kind = std::move(kind);
    d.key = fmt::format("{}/{}", who, key);
    out.push_back(std::move(d));
  };

  const SentenceSummary sentence = assess_sentence(view, rules, today);

  // Hearings ahead.
  for (const CaseFile& c : view.cases) {
    const std::string label = case_label(c);
    for (std::size_t i = 0; i < c.hearings.size(); ++i) {
      const Hearing& h = c.hearings[i];
      if (h.date.empty() || !h.outcome.empty() || h.date.latest() < today) continue;
      const DateRange due = DateRange::of(h.date);
      const std::string id = h.id != 0 ? std::to_string(h.id) : h.date.to_string();
      add("hearing", fmt::format("hearing/{}/{}", c.id, id), due, c.id,
          fmt::format("hearing in case {} on {}", label, due.to_string()),
          fmt::format("جلسة في القضية {} بتاريخ {}", label, due.to_string_ar()));
    }
  }

  // Expected release, while held.
  if (sentence.detention.held && sentence.expected_release) {
    const DateRange due = *sentence.expected_release;
    add("expected_release", "expected_release", due, 0,
        fmt::format("expected end of sentence {}: prepare against a handover for deportation", due.to_string()),
        fmt::format("الموعد المتوقع لانتهاء العقوبة {}: الاستعداد لمنع التسليم بهدف الترحيل", due.to_string_ar()));
  }

  // Pretrial limits of the cases still without a verdict.
  for (const PretrialCheck& p : assess_pretrial(view, rules, today)) {
    if (!p.ongoing || !p.limit_date || p.status == PretrialStatus::kExempt) continue;
    const std::string label = p.case_number.empty() ? (p.case_id != 0 ? fmt::format("#{}", p.case_id) : "(no case file)")
                                                    : p.case_number;
    const std::string basis = rules.pretrial.legal_basis.empty() ? std::string("the law") : rules.pretrial.legal_basis;
    if (p.limit.renewals > 0 && p.renewal_due && p.renewal_due->earliest >= today) {
      add("pretrial_renewal", fmt::format("pretrial_renewal/{}", p.case_id), *p.renewal_due, p.case_id,
          fmt::format("case {}: the first {}-month pretrial period ends {}; continued detention needs a reasoned renewal ({})",
                      label, p.limit.months, p.renewal_due->to_string(), basis),
          fmt::format("القضية {}: تنتهي مدة التوقيف الأولى ({} أشهر) {}؛ استمرار التوقيف يحتاج إلى قرار تمديد معلل ({})",
                      label, p.limit.months, p.renewal_due->to_string_ar(), basis));
    }
    add("pretrial_limit", fmt::format("pretrial_limit/{}", p.case_id), *p.limit_date, p.case_id,
        fmt::format("case {}: the {} pretrial limit of {} months ends {} ({})", label, offence_class_name(p.offence_class),
                    p.limit.max_months(), p.limit_date->to_string(), basis),
        fmt::format("القضية {}: تنتهي المهلة القصوى للتوقيف الاحتياطي في ال{} ({} شهراً) {} ({})", label,
                    offence_class_ar(p.offence_class), p.limit.max_months(), p.limit_date->to_string_ar(), basis));
  }

  // Appeal windows after a verdict.
  for (const CaseFile& c : view.cases) {
    if (latest_status(c) != "verdict") continue;
    const auto verdict = verdict_date(c);
    if (!verdict) continue;
    const DateRange due = verdict->shifted(chr::days{rules.appeal_window_days});
    const std::string label = case_label(c);
    const std::string verify = rules.appeal_window_verify ? "; the window is a default to confirm with the lawyer" : "";
    const std::string verify_ar = rules.appeal_window_verify ? "؛ المهلة افتراضية ويجب التأكد منها مع المحامي" : "";
    add("appeal_window", fmt::format("appeal_window/{}", c.id), due, c.id,
        fmt::format("case {}: the {}-day window to appeal the verdict of {} ends {}{}", label, rules.appeal_window_days,
                    verdict->to_string(), due.to_string(), verify),
        fmt::format("القضية {}: تنتهي مهلة الطعن ({} يوماً) في الحكم الصادر {} في {}{}", label, rules.appeal_window_days,
                    verdict->to_string_ar(), due.to_string_ar(), verify_ar));
  }

  // Dates the case worker set.
  for (std::size_t i = 0; i < view.actions.size(); ++i) {
    const PlannedAction& a = view.actions[i];
    if (a.due.empty()) continue;
    const DateRange due = DateRange::of(a.due);
    const bool act_until = a.kind == "act_until";
    const std::string kind = act_until ? "act_until" : "follow_up";
    const std::string ref = !a.ref.empty() ? a.ref : (!a.title.empty() ? a.title : std::to_string(i));
    const std::string title = a.title.empty() ? (act_until ? std::string("urgent action") : std::string("follow-up")) : a.title;
    add(kind, fmt::format("{}/{}", kind, ref), due, 0,
        act_until ? fmt::format("act until {}: {}", due.to_string(), title)
                  : fmt::format("follow up by {}: {}", due.to_string(), title),
        act_until ? fmt::format("التحرك قبل {}: {}", due.to_string_ar(), title)
                  : fmt::format("المتابعة قبل {}: {}", due.to_string_ar(), title));
  }

  std::sort(out.begin(), out.end(), [](const Deadline& a, const Deadline& b) {
    return std::tie(a.due.earliest, a.kind, a.key) < std::tie(b.due.earliest, b.kind, b.key);
  });
  return out;
}

}  // namespace sawt::protection
