// Protection commands: alerts, transfer screening, risk, profile flags, the
// advocacy log, and the calendar export of deadlines.
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "app/protection.h"
#include "cli/cli.h"
#include "domain/json.h"
#include "protection/ics.h"
#include "render/html.h"
#include "render/pdf.h"
#include "reports/dossier_render.h"
#include "util/fs.h"
#include "util/strings.h"

namespace sawt::cli {

namespace {

// "90d", "90", "12w" -> days.
Result<int> parse_days(std::string_view text) {
  int n = 0;
  std::string_view digits = text;
  int factor = 1;
  if (text.ends_with('d')) digits.remove_suffix(1);
  if (text.ends_with('w')) {
    digits.remove_suffix(1);
    factor = 7;
  }
  const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || p != digits.data() + digits.size() || n < 0) {
    return fail(ErrorKind::kUsage, fmt::format("'{}' is not a number of days", text), "--due", "write e.g. 30d or 12w");
  }
  return n * factor;
}

Result<std::map<Id, Person>> persons_by_id(store::Repository& repo) {
  store::PersonFilter f;
  f.limit = 1 << 30;
  std::map<Id, Person> out;
  for (auto& p : SAWT_TRY(repo.list_persons(f))) out.emplace(p.id, std::move(p));
  return out;
}

std::string short_name(const Person& p) { return p.name_ar.display().empty() ? p.name_lat.display() : p.name_ar.display(); }

Result<int> cmd_alerts(Context& ctx, const Args& args) {
  auto o = SAWT_TRY(open_with_rules(ctx));
  SAWT_CHECK(app::refresh_alerts(*o.repo, o.rules, today()));
  store::Repository::AlertFilter f;
  f.due_within_days = SAWT_TRY(parse_days(args.get("due", "90d")));
  f.include_resolved = args.has("all");
  if (auto p = args.maybe("person")) f.person_id = SAWT_TRY(o.repo->find_person(*p)).id;
  auto alerts = SAWT_TRY(o.repo->alerts(f));
  if (auto kind = args.maybe("kind")) std::erase_if(alerts, [&](const Alert& a) { return a.kind != *kind; });
  auto persons = SAWT_TRY(persons_by_id(*o.repo));
  if (args.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& a : alerts) {
      nlohmann::json j = a;
      const auto& p = persons[a.person_id];
      j["person"] = p.public_id;
      j["name"] = short_name(p);
      j["name_lat"] = p.name_lat.display();
      out.push_back(std::move(j));
    }
    print_json({{"today", PartialDate::from_days(today()).to_string()}, {"due_within_days", f.due_within_days},
                {"alerts", out}});
    return kExitOk;
  }
  const auto print = [&](const Alert& a) {
    const auto& p = persons[a.person_id];
    fmt::print("{:<8} {:<10} {}  {}  {}\n         {}{}\n         key {}\n", a.stage, a.due_earliest, p.public_id,
               short_name(p), a.kind, a.explanation_en,
               a.state == "open" ? "" : fmt::format("  [{} by {}]", a.state, a.state_by), a.key);
  };
  int upcoming = 0;
  for (const auto& a : alerts) upcoming += a.stage != "overdue";
  fmt::print("Due within {} days: {}\n", f.due_within_days, upcoming);
  for (const auto& a : alerts) {
    if (a.stage != "overdue") print(a);
  }
  if (static_cast<size_t>(upcoming) < alerts.size()) {
    fmt::print("\nOverdue (the date has passed and nothing resolved it): {}\n", alerts.size() - static_cast<size_t>(upcoming));
    for (const auto& a : alerts) {
      if (a.stage == "overdue") print(a);
    }
  }
  return kExitOk;
}

Result<int> set_state(Context& ctx, const Args& args, std::string_view state) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  SAWT_CHECK(repo.set_alert_state(args.positional[0], state, args.get("note")));
  if (args.json()) {
    print_json({{"key", args.positional[0]}, {"state", state}});
  } else {
    fmt::print("Alert {} is now {}.\n", args.positional[0], state);
  }
  return kExitOk;
}

Result<int> cmd_alerts_ack(Context& ctx, const Args& args) { return set_state(ctx, args, "acknowledged"); }
Result<int> cmd_alerts_resolve(Context& ctx, const Args& args) { return set_state(ctx, args, "resolved"); }
Result<int> cmd_alerts_reopen(Context& ctx, const Args& args) { return set_state(ctx, args, "open"); }

Result<int> cmd_alerts_ics(Context& ctx, const Args& args) {
  auto o = SAWT_TRY(open_with_rules(ctx));
  const int horizon = SAWT_TRY(parse_days(args.get("due", "365d")));
  std::vector<protection::Deadline> all;
  auto persons = SAWT_TRY(persons_by_id(*o.repo));
  for (const auto& [id, p] : persons) {
    auto view = SAWT_TRY(app::load_case_view(*o.repo, id));
    for (auto& d : protection::compute_deadlines(view, o.rules.rules, today())) {
      if (d.days_left > horizon) continue;
      // Calendars leave the store: only the person's id, never the name.
      d.explanation.en = fmt::format("{}: {}", p.public_id, d.explanation.en);
      d.explanation.ar = fmt::format("{}: {}", p.public_id, d.explanation.ar);
      all.push_back(std::move(d));
    }
  }
  protection::IcsOptions opt;
  opt.stamp = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  opt.lang = args.get("lang", "ar");
  opt.calendar_name = "sawt deadlines";
  const auto text = protection::to_icalendar(all, opt);
  const auto out = args.get("out");
  if (out.empty()) {
    fmt::print("{}", text);
  } else {
    SAWT_CHECK(atomic_write_file(out, text));
    fmt::print(stderr, "{} deadlines written to {} (person ids only, no names).\n", all.size(), out);
  }
  return kExitOk;
}

Result<int> cmd_transfer_screen(Context& ctx, const Args& args) {
  auto o = SAWT_TRY(open_with_rules(ctx));
  auto screened = SAWT_TRY(app::screen_all(*o.repo, o.rules, today()));
  if (auto p = args.maybe("person")) {
    const auto target = SAWT_TRY(o.repo->find_person(*p)).id;
    std::erase_if(screened, [&](const app::ScreenedPerson& s) { return s.person.id != target; });
  }
  if (auto only = args.maybe("only")) {
    std::erase_if(screened, [&](const app::ScreenedPerson& s) { return protection::eligibility_name(s.screening.eligibility) != *only; });
  }
  if (args.json()) {
    nlohmann::json out = nlohmann::json::array();
    std::map<std::string, int> counts;
    for (const auto& s : screened) {
      nlohmann::json j = app::to_json(s.screening);
      j["person"] = s.person.public_id;
      j["name"] = short_name(s.person);
      j["status"] = s.person.status;
      out.push_back(std::move(j));
      ++counts[std::string(protection::eligibility_name(s.screening.eligibility))];
    }
    print_json({{"agreement", o.rules.agreement.code}, {"today", PartialDate::from_days(today()).to_string()},
                {"counts", counts}, {"persons", out}});
    return kExitOk;
  }
  fmt::print("Screening against {} ({})\n", o.rules.agreement.name_en, o.rules.agreement.code);
  for (const auto& s : screened) {
    fmt::print("{}  {:<13} {}\n", s.person.public_id, protection::eligibility_name(s.screening.eligibility), short_name(s.person));
    if (s.screening.eligible_from && s.screening.eligibility == protection::Eligibility::kNotYet) {
      fmt::print("           eligible from {}\n", s.screening.eligible_from->to_string());
    }
    for (const auto& r : s.screening.reasons) fmt::print("           - {}\n", r.en);
  }
  return kExitOk;
}

Result<int> cmd_risk(Context& ctx, const Args& args) {
  auto o = SAWT_TRY(open_with_rules(ctx));
  const auto destination = args.get("destination");
  if (!args.positional.empty()) {
    auto p = SAWT_TRY(o.repo->find_person(args.positional[0]));
    auto view = SAWT_TRY(app::load_case_view(*o.repo, p.id));
    auto risk = protection::assess_risk(view, destination, o.rules.rules, o.rules.risk, today());
    if (args.json()) {
      nlohmann::json j = app::to_json(risk);
      j["person"] = p.public_id;
      print_json(j);
    } else {
      fmt::print("{}  {}\n{}\n", p.public_id, short_name(p), risk.explanation.en);
      for (const auto& f : risk.factors) fmt::print("  +{:<3} {:<8} {}\n", f.weight, protection::risk_level_name(f.level), f.reason.en);
      for (const auto& g : risk.gaps) fmt::print("  ?    missing: {}\n", g.en);
    }
    return kExitOk;
  }
  auto all = SAWT_TRY(app::assess_all(*o.repo, o.rules, destination, today()));
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.risk.score > b.risk.score; });
  const auto min_level = args.get("level", "high");
  const auto rank = [](std::string_view l) { return l == "critical" ? 3 : l == "high" ? 2 : l == "medium" ? 1 : 0; };
  std::erase_if(all, [&](const app::AssessedPerson& a) { return rank(protection::risk_level_name(a.risk.level)) < rank(min_level); });
  if (args.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& a : all) {
      nlohmann::json j = app::to_json(a.risk);
      j["person"] = a.person.public_id;
      j["name"] = short_name(a.person);
      out.push_back(std::move(j));
    }
    print_json({{"persons", out}});
    return kExitOk;
  }
  for (const auto& a : all) fmt::print("{}  {:<9} {}\n           {}\n", a.person.public_id, protection::risk_level_name(a.risk.level), short_name(a.person), a.risk.explanation.en);
  return kExitOk;
}

Result<int> cmd_flag(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto p = SAWT_TRY(repo.find_person(args.positional[0]));
  if (auto code = args.maybe("code")) {
    SAWT_CHECK(repo.add_flag({0, p.id, *code, args.get("destination"), args.get("note")}));
  }
  auto flags = SAWT_TRY(repo.flags(p.id));
  if (args.json()) {
    print_json({{"person", p.public_id}, {"flags", flags}});
  } else {
    for (const auto& f : flags) fmt::print("{}  {}{}{}\n", p.public_id, f.code, f.destination.empty() ? "" : " (" + f.destination + ")", f.note.empty() ? "" : ": " + f.note);
  }
  return kExitOk;
}

Result<int> cmd_advocacy(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto p = SAWT_TRY(repo.find_person(args.positional[0]));
  if (auto action = args.maybe("action")) {
    AdvocacyAction a;
    a.person_id = p.id;
    a.action = *action;
    a.addressee = args.get("addressee");
    a.date = SAWT_TRY(date_option(args, "date", PartialDate::from_days(today())));
    a.reference = args.get("reference");
    a.response = args.get("response");
    a.follow_up = SAWT_TRY(date_option(args, "follow-up"));
    a.act_until = SAWT_TRY(date_option(args, "act-until"));
    a.notes = args.get("notes");
    SAWT_CHECK(repo.add_advocacy(a));
  }
  auto log = SAWT_TRY(repo.advocacy(p.id));
  if (args.json()) {
    print_json({{"person", p.public_id}, {"advocacy", log}});
  } else {
    for (const auto& a : log) {
      fmt::print("{}  {:<22} to {}{}{}\n", a.date.to_string(), a.action, a.addressee,
                 a.follow_up.empty() ? "" : ", follow up " + a.follow_up.to_string(),
                 a.response.empty() ? "" : "; answer: " + a.response);
    }
  }
  return kExitOk;
}

Result<int> cmd_dossier(Context& ctx, const Args& args) {
  const auto form = SAWT_TRY(reports::parse_form(args.get("form", "sp-urgent")));
  const auto lang = args.get("lang", "en");
  const auto format = args.get("format", "html");
  const auto out = args.get("out");
  if (format != "html" && format != "pdf") return fail(ErrorKind::kUsage, "--format must be html or pdf");
  if (out.empty()) return fail(ErrorKind::kUsage, "--out FILE is required", "", "e.g. --out appeal.pdf");
  auto o = SAWT_TRY(open_with_rules(ctx));
  auto p = SAWT_TRY(o.repo->find_person(args.positional[0]));
  reports::Submitter submitter{args.get("submitter"), args.get("contact")};
  auto doc = SAWT_TRY(reports::make_dossier_document(*o.repo, o.rules, p.id, form, lang, submitter));
  const std::string bytes = format == "pdf" ? SAWT_TRY(render::to_pdf(doc)) : SAWT_TRY(render::to_html(doc));
  SAWT_CHECK(atomic_write_file(out, bytes));
  if (args.json()) {
    print_json({{"person", p.public_id}, {"form", reports::form_code(form)}, {"lang", lang}, {"format", format}, {"out", out}});
  } else {
    fmt::print("{} {} for {} written to {} — review it before sending; it contains personal data.\n",
               reports::form_code(form), lang, p.public_id, out);
  }
  return kExitOk;
}

}  // namespace

void add_protection_commands(std::vector<Command>& out) {
  out.push_back({"alerts", "", "deadlines and risks due soon: sentence ends, pretrial limits, hearings, follow-ups",
                 {{"due", "Nd", "due within N days (default 90d)"},
                  {"person", "PERSON", "only this person"},
                  {"kind", "KIND", "only this kind (release, pretrial_limit, hearing, appeal_window, follow_up, ...)"},
                  {"all", "", "include resolved alerts"}},
                 cmd_alerts, 0, 0});
  out.push_back({"alerts ack", "KEY", "acknowledge an alert (audit-logged)", {{"note", "TEXT", "why"}}, cmd_alerts_ack, 1, 1});
  out.push_back({"alerts resolve", "KEY", "resolve an alert (audit-logged)", {{"note", "TEXT", "how"}}, cmd_alerts_resolve, 1, 1});
  out.push_back({"alerts reopen", "KEY", "reopen an alert", {{"note", "TEXT", "why"}}, cmd_alerts_reopen, 1, 1});
  out.push_back({"alerts ics", "", "export deadlines as an iCalendar file (person ids only, no names)",
                 {{"out", "FILE", "write to FILE (default: standard output)"},
                  {"due", "Nd", "deadlines within N days (default 365d)"},
                  {"lang", "ar|en", "language of the event titles (default ar)"}},
                 cmd_alerts_ics, 0, 0});
  out.push_back({"transfer screen", "", "screen every person against the transfer agreement: eligible / not yet / ineligible",
                 {{"person", "PERSON", "only this person"}, {"only", "VERDICT", "only eligible, not_yet, ineligible or undetermined"}},
                 cmd_transfer_screen, 0, 0});
  out.push_back({"risk", "[PERSON]", "risk of forced return, explained (one person, or everyone at --level or above)",
                 {{"destination", "CC", "destination country (default: each person's nationality)"},
                  {"level", "LEVEL", "list persons at this level or above (default high)"}},
                 cmd_risk, 0, 1});
  out.push_back({"dossier", "PERSON", "a pre-filled UN urgent appeal, WGAD questionnaire, WGEID submission or urgent action (consent-checked)",
                 {{"form", "FORM", "sp-urgent (default), wgad, wgeid or ua"},
                  {"lang", "en|ar", "language (default en, a UN working language)"},
                  {"format", "html|pdf", "output format (default html)"},
                  {"out", "FILE", "where to write it"},
                  {"submitter", "ORG", "the submitting organisation"},
                  {"contact", "TEXT", "the submitter's contact"}},
                 cmd_dossier, 1, 1});
  out.push_back({"flag", "PERSON", "show or add profile factors (defected_soldier, known_activist, ...)",
                 {{"code", "CODE", "the factor to add"}, {"destination", "CC", "for returns to this country only"},
                  {"note", "TEXT", "evidence or source"}},
                 cmd_flag, 1, 1});
  out.push_back({"advocacy", "PERSON", "show or add to a person's advocacy log (with follow-up reminders)",
                 {{"action", "CODE", "un_urgent_appeal, wgad_submission, urgent_action, ..."},
                  {"addressee", "TEXT", "to whom"}, {"date", "DATE", "when (default today)"},
                  {"reference", "TEXT", "reference"}, {"response", "TEXT", "what came back"},
                  {"follow-up", "DATE", "when to follow up (becomes an alert)"},
                  {"act-until", "DATE", "urgent action deadline"}, {"notes", "TEXT", "notes"}},
                 cmd_advocacy, 1, 1});
}

}  // namespace sawt::cli
