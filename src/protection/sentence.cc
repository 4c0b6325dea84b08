#include "protection/sentence.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "protection/labels.h"

namespace sawt::protection {

namespace chr = std::chrono;

namespace {

bool is_end_of_custody(std::string_view event_type) {
  return event_type == "release" || event_type == "deportation" || event_type == "transfer_abroad" ||
         event_type == "death";
}

std::string case_label(const CaseFile& c) {
  if (!c.case_number.empty()) return c.case_number;
  return c.id != 0 ? fmt::format("#{}", c.id) : std::string("(no number)");
}

std::string days_text(const DayCount& d) {
  if (d.min == d.max) return fmt::format("{} days", d.min);
  return fmt::format("between {} and {} days", d.min, d.max);
}

std::string days_text_ar(const DayCount& d) {
  if (d.min == d.max) return fmt::format("{} يوماً", d.min);
  return fmt::format("بين {} و{} يوماً", d.min, d.max);
}

std::string months_text(double months) { return fmt::format("{:g}", months); }

}  // namespace

Detention assess_detention(const CaseView& view, chr::sys_days today) {
  Detention d;
  std::optional<DateRange> latest_start;  // the most recent (re-)entry into custody
  const auto add_start = [&](const PartialDate& date) {
    if (date.empty()) return;
    const DateRange r = DateRange::of(date);
    d.start = d.start ? earlier_of(*d.start, r) : r;
    latest_start = latest_start ? later_of(*latest_start, r) : r;
  };
  for (const Arrest& a : view.arrests) add_start(a.date);
  for (const Custody& c : view.custody) add_start(c.from);
  for (const Event& e : view.events) {
    if (e.type == "arrest") add_start(e.date);
  }

  std::optional<DateRange> end;
  for (const Event& e : view.events) {
    if (!is_end_of_custody(e.type) || e.date.empty()) continue;
    const DateRange r = DateRange::of(e.date);
    if (d.start && r.latest < d.start->earliest) continue;  // before custody began: not this detention
    end = end ? later_of(*end, r) : r;
  }
  const bool open_custody =
      std::any_of(view.custody.begin(), view.custody.end(), [](const Custody& c) { return c.to.empty(); });
  if (end && latest_start && latest_start->earliest > end->latest) end.reset();  // held again after leaving
  if (end && open_custody) {
    const bool reopened = std::any_of(view.custody.begin(), view.custody.end(), [&](const Custody& c) {
      return c.to.empty() && !c.from.empty() && c.from.earliest() > end->latest;
    });
    if (reopened) end.reset();
  }
  if (!end && status_means_not_held(view.person.status) && !view.custody.empty() && !open_custody) {
    for (const Custody& c : view.custody) {
      const DateRange r = DateRange::of(c.to);
      end = end ? later_of(*end, r) : r;
    }
  }

  if (end) {
    d.held = false;
    d.end = end;
  } else if (status_means_not_held(view.person.status)) {
    d.held = false;
    d.notes.push_back(
        {"release_date_missing",
         fmt::format("status is '{}' but no date of leaving custody is recorded", view.person.status),
         fmt::format("الوضع «{}» لكن تاريخ الخروج من الاحتجاز غير مسجل",
                     code_label("person_statuses", view.person.status, "ar"))});
  }

  if (!d.start) {
    d.notes.push_back({"no_custody_date", "no arrest or custody date recorded: time in custody is unknown",
                       "لا يوجد تاريخ اعتقال أو احتجاز مسجل: مدة الاحتجاز غير معروفة"});
  } else if (d.held) {
    d.days = days_between(*d.start, DateRange::exactly(today));
  } else if (d.end) {
    d.days = days_between(*d.start, *d.end);
  }
  return d;
}

double prison_years(std::int64_t days, int prison_year_months) {
  return static_cast<double>(days) * 12.0 / prison_year_months / 365.25;
}

PrisonYears prison_years(const DayCount& days, int prison_year_months) {
  return {prison_years(days.min, prison_year_months), prison_years(days.max, prison_year_months)};
}

std::int64_t days_for_prison_years(double years, int prison_year_months) {
  // years × 365.25 × pym / 12, in exact arithmetic on hundredths of a prison
  // year (rule files give at most two decimals), rounded up to a whole day.
  const auto hundredths = static_cast<std::int64_t>(std::llround(years * 100.0));
  const std::int64_t numerator = hundredths * 36525 * prison_year_months;
  const std::int64_t denominator = 100 * 100 * 12;
  return (numerator + denominator - 1) / denominator;
}

PrisonTerm prison_term(int sentence_months, int prison_year_months) {
  const int twelfths_total = sentence_months * prison_year_months;
  return {twelfths_total / 12, twelfths_total % 12};
}

chr::sys_days add_months(chr::sys_days start, int months) {
  const chr::year_month_day ymd{start};
  const chr::year_month_day moved = ymd + chr::months{months};
  if (moved.ok()) return chr::sys_days{moved};
  return chr::sys_days{moved.year() / moved.month() / chr::last};
}

chr::sys_days add_term(chr::sys_days start, const PrisonTerm& term, bool round_up) {
  const chr::sys_days whole = add_months(start, term.months);
  if (term.twelfths == 0) return whole;
  const std::int64_t next_month_days = (add_months(start, term.months + 1) - whole).count();
  const std::int64_t scaled = next_month_days * term.twelfths;
  const std::int64_t extra = round_up ? (scaled + 11) / 12 : scaled / 12;
  return whole + chr::days{extra};
}

std::string_view sentence_kind_name(SentenceKind kind) {
  switch (kind) {
    case SentenceKind::kNone:
      return "none";
    case SentenceKind::kTerm:
      return "term";
    case SentenceKind::kLife:
      return "life";
    case SentenceKind::kDeath:
      return "death";
  }
  return "none";
}

SentenceCalc compute_sentence(const CaseFile& case_file, const Detention& detention, const Rules& rules) {
  SentenceCalc s;
  s.case_id = case_file.id;
  s.case_number = case_file.case_number;
  s.sentence_months = case_file.sentence_months;
  const std::string label = case_label(case_file);
  if (case_file.sentence_months == -1) {
    s.kind = SentenceKind::kLife;
    s.notes.push_back({"life_sentence", fmt::format("case {}: life sentence, no release date", label),
                       fmt::format("القضية {}: حكم بالسجن المؤبد، لا يوجد تاريخ إفراج", label)});
    return s;
  }
  if (case_file.sentence_months == -2) {
    s.kind = SentenceKind::kDeath;
    s.notes.push_back({"death_sentence", fmt::format("case {}: death sentence, no release date", label),
                       fmt::format("القضية {}: حكم بالإعدام، لا يوجد تاريخ إفراج", label)});
    return s;
  }
  if (case_file.sentence_months <= 0) {
    s.kind = SentenceKind::kNone;
    if (case_file.sentence_months < 0) {
      s.notes.push_back(
          {"invalid_sentence",
           fmt::format("case {}: sentence of {} months is not valid", label, case_file.sentence_months),
           fmt::format("القضية {}: مدة الحكم {} شهراً غير صالحة", label, case_file.sentence_months)});
    }
    return s;
  }

  s.kind = SentenceKind::kTerm;
  s.term = prison_term(case_file.sentence_months, rules.prison_year_months);
  const double calendar_months = case_file.sentence_months * rules.prison_year_months / 12.0;
  s.notes.push_back(
      {"prison_year",
       fmt::format(
           "case {}: {} months of sentence are served in {} calendar months (a prison year is {} months)",
           label, case_file.sentence_months, months_text(calendar_months), rules.prison_year_months),
       fmt::format("القضية {}: حكم {} شهراً يُنفَّذ في {} شهراً ميلادياً (السنة السجنية {} أشهر)", label,
                   case_file.sentence_months, months_text(calendar_months), rules.prison_year_months)});

  if (rules.pretrial_credit && detention.start) {
    s.runs_from = detention.start;
    s.runs_from_kind = "custody_start";
    s.notes.push_back({"counted_from_custody",
                       fmt::format("counted from the first day of custody, {} (pretrial custody is credited)",
                                   detention.start->to_string()),
                       fmt::format("تُحتسب من أول يوم احتجاز، {} (مع احتساب مدة التوقيف الاحتياطي)",
                                   detention.start->to_string_ar())});
  } else if (!case_file.sentence_start.empty()) {
    s.runs_from = DateRange::of(case_file.sentence_start);
    s.runs_from_kind = "sentence_start";
    s.notes.push_back({"counted_from_sentence_start",
                       fmt::format("counted from the sentence start, {}", s.runs_from->to_string()),
                       fmt::format("تُحتسب من تاريخ بدء تنفيذ العقوبة، {}", s.runs_from->to_string_ar())});
  } else {
    s.notes.push_back(
        {"no_sentence_start",
         fmt::format("case {}: no custody date or sentence start recorded, so no release date", label),
         fmt::format("القضية {}: لا يوجد تاريخ احتجاز أو تاريخ بدء العقوبة، فلا يمكن حساب تاريخ الإفراج",
                     label)});
    return s;
  }
  s.release = DateRange{add_term(s.runs_from->earliest, s.term, false),
                        add_term(s.runs_from->latest, s.term, true), s.runs_from->approximate};
  s.notes.push_back({"expected_release",
                     fmt::format("case {}: expected release {}", label, s.release->to_string()),
                     fmt::format("القضية {}: الإفراج المتوقع {}", label, s.release->to_string_ar())});
  return s;
}

std::optional<DateRange> verdict_date(const CaseFile& case_file) {
  std::optional<DateRange> out;
  const auto consider = [&](const PartialDate& date) {
    if (date.empty()) return;
    const DateRange r = DateRange::of(date);
    out = out ? earlier_of(*out, r) : r;
  };
  for (const StatusChange& s : case_file.statuses) {
    if (s.status == "verdict" || s.status == "appeal" || s.status == "final") consider(s.date);
  }
  for (const Hearing& h : case_file.hearings) {
    if (h.outcome == "verdict") consider(h.date);
  }
  return out;
}

bool has_verdict(const CaseFile& case_file) {
  if (case_file.sentence_months != 0) return true;
  for (const StatusChange& s : case_file.statuses) {
    if (s.status == "verdict" || s.status == "appeal" || s.status == "final") return true;
  }
  return std::any_of(case_file.hearings.begin(), case_file.hearings.end(),
                     [](const Hearing& h) { return h.outcome == "verdict"; });
}

std::string latest_status(const CaseFile& case_file) {
  // Dated entries win by date (ties: the later entry); undated ones count only
  // when nothing is dated, and then the last recorded wins.
  const StatusChange* best = nullptr;
  for (const StatusChange& s : case_file.statuses) {
    if (best == nullptr) {
      best = &s;
    } else if (s.date.empty()) {
      if (best->date.empty()) best = &s;
    } else if (best->date.empty() || best->date.earliest() <= s.date.earliest()) {
      best = &s;
    }
  }
  return best == nullptr ? std::string{} : best->status;
}

SentenceSummary assess_sentence(const CaseView& view, const Rules& rules, chr::sys_days today) {
  SentenceSummary out;
  out.detention = assess_detention(view, today);
  if (out.detention.days) out.served = prison_years(*out.detention.days, rules.prison_year_months);
  int terms = 0;
  for (const CaseFile& c : view.cases) {
    const bool dismissed = latest_status(c) == "dismissed";
    if (c.sentence_months == 0) {
      if (!dismissed && !has_verdict(c)) {
        out.pending_case = true;
        out.notes.push_back(
            {"case_pending",
             fmt::format("case {} has no verdict yet: release at the end of a sentence is not assured",
                         case_label(c)),
             fmt::format("القضية {} لم يصدر فيها حكم بعد: الإفراج عند انتهاء العقوبة غير مضمون",
                         case_label(c))});
      }
      continue;
    }
    SentenceCalc calc = compute_sentence(c, out.detention, rules);
    const auto severity = [](SentenceKind k) { return static_cast<int>(k); };
    if (severity(calc.kind) > severity(out.kind)) out.kind = calc.kind;
    if (calc.kind == SentenceKind::kTerm) {
      ++terms;
      if (calc.release)
        out.expected_release =
            out.expected_release ? later_of(*out.expected_release, *calc.release) : *calc.release;
    }
    out.sentences.push_back(std::move(calc));
  }
  if (out.kind != SentenceKind::kTerm) out.expected_release.reset();
  if (terms > 1 && out.kind == SentenceKind::kTerm) {
    out.notes.push_back(
        {"concurrent_sentences",
         fmt::format("{} sentences are taken as concurrent: release when the last ends (a lawyer should "
                     "confirm they were merged)",
                     terms),
         fmt::format("احتُسبت {} أحكام على أنها مدغمة: الإفراج عند انتهاء آخرها (يجب أن يتحقق محامٍ من "
                     "دغم العقوبات)",
                     terms)});
  }
  return out;
}

std::string_view pretrial_status_name(PretrialStatus status) {
  switch (status) {
    case PretrialStatus::kNotApplicable:
      return "not_applicable";
    case PretrialStatus::kExempt:
      return "exempt";
    case PretrialStatus::kWithinLimit:
      return "within_limit";
    case PretrialStatus::kExceeded:
      return "exceeded";
    case PretrialStatus::kUnknown:
      return "unknown";
  }
  return "unknown";
}

namespace {

PretrialCheck check_one(const CaseFile* case_file, const Detention& detention, const Rules& rules,
                        chr::sys_days today) {
  static const std::vector<std::string> kNoCharges;
  PretrialCheck p;
  const std::vector<std::string>& charges = case_file != nullptr ? case_file->charges : kNoCharges;
  std::string label = "(no case file)";
  std::string label_ar = "(لا يوجد ملف قضية)";
  if (case_file != nullptr) {
    p.case_id = case_file->id;
    p.case_number = case_file->case_number;
    label = fmt::format("case {}", case_label(*case_file));
    label_ar = fmt::format("القضية {}", case_label(*case_file));
  }
  p.offence_class = rules.classify(charges);
  p.limit = rules.limit(p.offence_class);
  p.start = detention.start;
  const std::string basis =
      rules.pretrial.legal_basis.empty() ? std::string("the law") : rules.pretrial.legal_basis;
  const std::string limit_text = fmt::format(
      "the {} limit of {} months ({}: {} months, renewable {} time{})", offence_class_name(p.offence_class),
      p.limit.max_months(), basis, p.limit.months, p.limit.renewals, p.limit.renewals == 1 ? "" : "s");
  const std::string limit_text_ar = fmt::format(
      "حد التوقيف في ال{} وهو {} شهراً ({}: {} أشهر قابلة للتجديد {} مرة)", offence_class_ar(p.offence_class),
      p.limit.max_months(), basis, p.limit.months, p.limit.renewals);

  const bool verdict = case_file != nullptr && has_verdict(*case_file);
  if (case_file != nullptr && latest_status(*case_file) == "dismissed") {
    p.status = PretrialStatus::kNotApplicable;
    p.explanation = {"pretrial_not_applicable", fmt::format("{}: charges dismissed", label),
                     fmt::format("{}: صدر قرار بمنع المحاكمة", label_ar)};
    return p;
  }
  if (const ChargeNote* exempt = rules.exemption(charges)) {
    p.status = PretrialStatus::kExempt;
    p.explanation = {
        "pretrial_exempt",
        fmt::format("{}: no pretrial limit applies to charge {} ({})", label, exempt->code, exempt->note),
        fmt::format("{}: لا يسري حد للتوقيف الاحتياطي على التهمة «{}»{}", label_ar,
                    code_label("charges", exempt->code, "ar"),
                    exempt->note_ar.empty() ? "" : fmt::format(" ({})", exempt->note_ar))};
    p.ongoing = !verdict && detention.held;
    return p;
  }
  if (!p.start) {
    p.status = PretrialStatus::kUnknown;
    p.explanation = {"pretrial_unknown",
                     fmt::format("{}: no arrest or custody date, so the limit cannot be checked", label),
                     fmt::format("{}: لا يوجد تاريخ اعتقال أو احتجاز، فلا يمكن التحقق من المهلة", label_ar)};
    return p;
  }
  p.renewal_due = DateRange{add_months(p.start->earliest, p.limit.months),
                            add_months(p.start->latest, p.limit.months), p.start->approximate};
  p.limit_date = DateRange{add_months(p.start->earliest, p.limit.max_months()),
                           add_months(p.start->latest, p.limit.max_months()), p.start->approximate};

  // Where pretrial detention ended, if it has.
  std::optional<DateRange> end;
  if (verdict) {
    end = verdict_date(*case_file);
    if (!end) {
      p.status = PretrialStatus::kUnknown;
      p.explanation = {
          "pretrial_unknown",
          fmt::format("{}: a verdict is recorded without a date, so the pretrial period "
                      "cannot be measured",
                      label),
          fmt::format("{}: الحكم مسجل دون تاريخ، فلا يمكن قياس مدة التوقيف الاحتياطي", label_ar)};
      return p;
    }
  }
  if (detention.end && (!end || detention.end->latest < end->earliest)) end = detention.end;
  if (!end && !detention.held) {
    p.status = PretrialStatus::kUnknown;
    p.explanation = {"pretrial_unknown",
                     fmt::format("{}: the person left custody on an unrecorded date", label),
                     fmt::format("{}: خرج الشخص من الاحتجاز في تاريخ غير مسجل", label_ar)};
    return p;
  }
  p.ongoing = !end;
  p.ended = end;
  const DateRange until = end ? *end : DateRange::exactly(today);
  p.days_held = days_between(*p.start, until);

  if (until.earliest > p.limit_date->latest) {
    p.status = PretrialStatus::kExceeded;
  } else if (until.latest <= p.limit_date->earliest) {
    p.status = PretrialStatus::kWithinLimit;
  } else {
    p.status = PretrialStatus::kUnknown;
  }
  const std::string held =
      p.ongoing ? fmt::format("held {} without a verdict", days_text(*p.days_held))
                : fmt::format("held {} before the verdict or release", days_text(*p.days_held));
  const std::string held_ar = p.ongoing
                                  ? fmt::format("محتجز منذ {} دون حكم", days_text_ar(*p.days_held))
                                  : fmt::format("احتُجز {} قبل الحكم أو الإفراج", days_text_ar(*p.days_held));
  switch (p.status) {
    case PretrialStatus::kExceeded:
      p.explanation = {
          "pretrial_exceeded",
          fmt::format("{}: {}; {} ended on {}", label, held, limit_text, p.limit_date->to_string()),
          fmt::format("{}: {}؛ {} انتهى في {}", label_ar, held_ar, limit_text_ar,
                      p.limit_date->to_string_ar())};
      break;
    case PretrialStatus::kWithinLimit:
      p.explanation = {"pretrial_within_limit",
                       fmt::format("{}: {}; {} {} {}", label, held, limit_text,
                                   p.ongoing ? "ends on" : "ended on", p.limit_date->to_string()),
                       fmt::format("{}: {}؛ {} {} {}", label_ar, held_ar, limit_text_ar,
                                   p.ongoing ? "ينتهي في" : "انتهى في", p.limit_date->to_string_ar())};
      break;
    default:
      p.explanation = {
          "pretrial_unknown",
          fmt::format("{}: {}; {} ends {}: the dates are too uncertain to tell whether it was exceeded",
                      label, held, limit_text, p.limit_date->to_string()),
          fmt::format("{}: {}؛ {} ينتهي {}: التواريخ غير دقيقة بما يكفي لمعرفة ما إذا تم تجاوزه", label_ar,
                      held_ar, limit_text_ar, p.limit_date->to_string_ar())};
  }
  return p;
}

}  // namespace

std::vector<PretrialCheck> assess_pretrial(const CaseView& view, const Rules& rules, chr::sys_days today) {
  const Detention detention = assess_detention(view, today);
  std::vector<PretrialCheck> out;
  for (const CaseFile& c : view.cases) out.push_back(check_one(&c, detention, rules, today));
  if (view.cases.empty() && (detention.start || view.person.status == "pretrial")) {
    out.push_back(check_one(nullptr, detention, rules, today));
  }
  return out;
}

}  // namespace sawt::protection
