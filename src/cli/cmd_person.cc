// Person commands: add, show, list, edit, search, consent.
#include <fmt/format.h>

#include "app/person_file.h"
#include "app/protection.h"
#include "cli/cli.h"
#include "domain/json.h"
#include "util/strings.h"

namespace sawt::cli {

namespace {

std::vector<OptionSpec> person_options() {
  return {
      {"name", "TEXT", "a full name, in Arabic or Latin script (give both to record both)", true},
      {"first", "TEXT", "first name"},
      {"father", "TEXT", "father's name"},
      {"grandfather", "TEXT", "grandfather's name"},
      {"family", "TEXT", "family name"},
      {"mother", "TEXT", "mother's name"},
      {"gender", "m|f", "gender"},
      {"birth-date", "DATE", "YYYY, YYYY-MM or YYYY-MM-DD, ~ for approximate"},
      {"birth-place", "TEXT", "place of birth"},
      {"nationality", "CODE", "nationality (e.g. sy, lb, ps, stateless)"},
      {"id-number", "TEXT", "identity document number"},
      {"status", "CODE",
       "pretrial, sentenced, released, transferred, deported, deceased, disappeared, unknown"},
      {"facility", "CODE", "current facility code (see 'sawt facility list')"},
      {"notes", "TEXT", "free notes"},
      {"confidential", "", "only named users may see this person"},
  };
}

// Applies the person options present in `args` to `p`.
Status apply_person_options(const Args& args, Person& p) {
  for (const auto& full : args.all("name")) {
    (contains_arabic(full) ? p.name_ar : p.name_lat).full = full;
  }
  std::string probe;
  for (const char* part : {"first", "father", "grandfather", "family", "mother"}) probe += args.get(part);
  if (!probe.empty()) {
    NameParts& n = contains_arabic(probe) ? p.name_ar : p.name_lat;
    if (auto v = args.maybe("first")) n.first = *v;
    if (auto v = args.maybe("father")) n.father = *v;
    if (auto v = args.maybe("grandfather")) n.grandfather = *v;
    if (auto v = args.maybe("family")) n.family = *v;
    if (auto v = args.maybe("mother")) n.mother = *v;
  }
  if (auto v = args.maybe("gender")) p.gender = *v;
  p.birth_date = SAWT_TRY(date_option(args, "birth-date", p.birth_date));
  if (auto v = args.maybe("birth-place")) p.birth_place = *v;
  if (auto v = args.maybe("nationality")) p.nationality = *v;
  if (auto v = args.maybe("id-number")) p.id_number = *v;
  if (auto v = args.maybe("status")) p.status = *v;
  if (auto v = args.maybe("facility")) p.facility_code = *v;
  if (auto v = args.maybe("notes")) p.notes = *v;
  if (args.has("confidential")) p.confidential = true;
  return {};
}

std::string consent_summary(const std::vector<ConsentRecord>& history) {
  std::map<std::string, const ConsentRecord*> latest;
  for (const auto& c : history) latest[c.scope + (c.partner.empty() ? "" : ":" + c.partner)] = &c;
  std::string out;
  for (const auto& [scope, c] : latest)
    out += fmt::format("  {:<28} {} ({}, {})\n", scope, consent_name(c->decision),
                       c->given_by.empty() ? "?" : c->given_by, c->date.to_string());
  return out;
}

Result<int> cmd_person_add(Context& ctx, const Args& args) {
  Person p;
  SAWT_CHECK(apply_person_options(args, p));
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto added = SAWT_TRY(repo.add_person(p));
  if (args.json()) {
    print_json(added);
  } else {
    fmt::print("Added {}: {}\n", added.public_id,
               added.name_ar.display().empty() ? added.name_lat.display() : added.name_ar.display());
  }
  return kExitOk;
}

Result<int> cmd_person_edit(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto p = SAWT_TRY(repo.find_person(args.positional[0]));
  SAWT_CHECK(apply_person_options(args, p));
  SAWT_CHECK(repo.update_person(p));
  auto after = SAWT_TRY(repo.get_person(p.id));
  if (args.json()) {
    print_json(after);
  } else {
    fmt::print("Updated {}\n", after.public_id);
  }
  return kExitOk;
}

Result<int> cmd_person_show(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto p = SAWT_TRY(repo.find_person(args.positional[0]));
  auto records = SAWT_TRY(repo.person_records(p.id));
  auto arrests = SAWT_TRY(repo.arrests(p.id));
  auto custody = SAWT_TRY(repo.custody(p.id));
  auto cases = SAWT_TRY(repo.cases(p.id));
  auto events = SAWT_TRY(repo.events(p.id));
  auto consents = SAWT_TRY(repo.consents(p.id));
  auto sources = SAWT_TRY(repo.list_sources());
  auto flags = SAWT_TRY(repo.flags(p.id));
  auto advocacy = SAWT_TRY(repo.advocacy(p.id));
  auto rules = SAWT_TRY(app::load_protection_rules(repo));
  auto view = SAWT_TRY(app::load_case_view(repo, p.id));
  const auto risk = protection::assess_risk(view, "", rules.rules, rules.risk, today());
  const auto screening = protection::screen_transfer(view, rules.agreement, today());
  const auto source_name = [&](Id id) {
    for (const auto& s : sources) {
      if (s.id == id) return s.name;
    }
    return std::string("?");
  };
  if (args.json()) {
    print_json(SAWT_TRY(app::person_file_json(repo, rules, p.id, today())));
    return kExitOk;
  }
  fmt::print("{}  {}\n", p.public_id, p.name_ar.display());
  if (!p.name_lat.empty()) fmt::print("{:<9} {}\n", "", p.name_lat.display());
  const auto field = [](std::string_view label, const std::string& value) {
    if (!value.empty()) fmt::print("  {:<14} {}\n", label, value);
  };
  field("mother", !p.name_ar.mother.empty() ? p.name_ar.mother : p.name_lat.mother);
  field("gender", p.gender);
  field("born", p.birth_date.to_string() + (p.birth_place.empty() ? "" : ", " + p.birth_place));
  field("nationality", p.nationality);
  field("id number", p.id_number);
  field("status", p.status);
  field("facility", p.facility_code);
  field("notes", p.notes);
  if (p.confidential) field("confidential", "yes");
  if (!records.empty()) {
    fmt::print("\nName variants from sources:\n");
    for (const auto& r : records) {
      fmt::print("  {:<40} {} [{}{}]\n", r.name.display(), r.birth_date.to_string(), source_name(r.source_id),
                 r.record_id.empty() ? "" : " " + r.record_id);
    }
  }
  for (const auto& a : arrests) {
    fmt::print("\nArrest: {} {} by {}\n", a.date.to_string(), a.place, a.authority);
  }
  if (!custody.empty()) {
    fmt::print("\nCustody:\n");
    for (const auto& c : custody)
      fmt::print("  {:<24} {} → {}\n", c.facility_code, c.from.to_string(),
                 c.to.empty() ? "now" : c.to.to_string());
  }
  for (const auto& c : cases) {
    fmt::print("\nCase {} ({}), court {}\n", c.case_number, c.id, c.court);
    fmt::print("  charges: {}\n", join(c.charges, ", "));
    std::vector<std::string> st;
    for (const auto& s : c.statuses) st.push_back(s.status + " " + s.date.to_string());
    fmt::print("  status: {}\n", join(st, " → "));
    if (c.sentence_months != 0) {
      fmt::print("  sentence: {} from {}\n",
                 c.sentence_months == -1
                     ? "life"
                     : (c.sentence_months == -2 ? "death" : fmt::format("{} months", c.sentence_months)),
                 c.sentence_start.to_string());
    }
    if (!c.lawyer.empty()) fmt::print("  lawyer: {}\n", c.lawyer);
    if (!c.allegations.empty()) fmt::print("  allegations: {}\n", join(c.allegations, ", "));
    for (const auto& h : c.hearings) fmt::print("  hearing {} {}\n", h.date.to_string(), h.outcome);
  }
  if (!events.empty()) {
    fmt::print("\nTimeline:\n");
    for (const auto& e : events)
      fmt::print("  {:<11} {:<18} {}\n", e.date.to_string(), e.type, e.description);
  }
  if (!consents.empty()) fmt::print("\nConsent (latest per scope):\n{}", consent_summary(consents));
  if (auto shares = SAWT_TRY(repo.shares_of_person(p.id)); !shares.empty()) {
    fmt::print("\nShared with partners:\n");
    for (const auto& s : shares)
      fmt::print("  {}  {}  (bundle {}, by {})\n", s.at.substr(0, 10), s.partner, s.bundle_id, s.actor);
  }
  fmt::print("\nRisk: {}\n", risk.explanation.en);
  fmt::print("Transfer ({}): {}", rules.agreement.code, protection::eligibility_name(screening.eligibility));
  if (screening.eligible_from && screening.eligibility == protection::Eligibility::kNotYet) {
    fmt::print(", eligible from {}", screening.eligible_from->to_string());
  }
  fmt::print("\n");
  for (const auto& f : flags)
    fmt::print("Profile: {}{}\n", f.code, f.destination.empty() ? "" : " (" + f.destination + ")");
  if (!advocacy.empty()) {
    fmt::print("\nAdvocacy:\n");
    for (const auto& a : advocacy)
      fmt::print("  {}  {} to {}{}\n", a.date.to_string(), a.action, a.addressee,
                 a.response.empty() ? "" : "; answer: " + a.response);
  }
  return kExitOk;
}

Result<int> cmd_person_list(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  store::PersonFilter f;
  f.status = args.get("status");
  f.facility_code = args.get("facility");
  f.limit = SAWT_TRY(args.get_int("limit", 100));
  f.offset = SAWT_TRY(args.get_int("offset", 0));
  auto persons = SAWT_TRY(repo.list_persons(f));
  if (args.json()) {
    print_json({{"total", SAWT_TRY(repo.count_persons())}, {"persons", persons}});
    return kExitOk;
  }
  for (const auto& p : persons) {
    fmt::print("{}  {:<11} {:<22} {}  {}\n", p.public_id, p.status, p.facility_code, p.name_ar.display(),
               p.name_lat.display());
  }
  return kExitOk;
}

Result<int> cmd_search(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  const std::string query = join(args.positional, " ");
  const auto found = SAWT_TRY(repo.search(query, SAWT_TRY(args.get_int("limit", 50))));
  const auto& hits = found.hits;
  if (args.json()) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& h : hits) {
      j.push_back({{"kind", h.kind == 'p' ? "person" : "record"},
                   {"id", h.public_id},
                   {"name", h.display},
                   {"source", h.source},
                   {"score", h.score}});
    }
    print_json({{"query", query}, {"results", j}, {"partial", found.partial}});
    return hits.empty() ? kExitNotFound : kExitOk;
  }
  if (hits.empty()) {
    fmt::print(stderr, "no match for '{}'\n", query);
    return kExitNotFound;
  }
  for (const auto& h : hits) {
    if (h.kind == 'p') {
      fmt::print("{}  {}\n", h.public_id, h.display);
    } else {
      fmt::print("record {} from {}: {} (not yet linked to a person)\n", h.public_id, h.source, h.display);
    }
  }
  if (found.partial) {
    fmt::print(stderr,
               "more entries match '{}' than were ranked: these are the best of the first {} at most; add a "
               "name part to narrow the search\n",
               query, store::kSearchCandidates);
  }
  return kExitOk;
}

Result<int> cmd_consent(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto p = SAWT_TRY(repo.find_person(args.positional[0]));
  if (args.has("scope")) {
    ConsentRecord c;
    c.person_id = p.id;
    c.scope = args.get("scope");
    c.partner = args.get("partner");
    c.decision = SAWT_TRY(parse_consent(args.get("decision")));
    c.given_by = args.get("given-by");
    c.witness = args.get("witness");
    c.date = SAWT_TRY(date_option(args, "date", PartialDate::from_days(today())));
    c.notes = args.get("notes");
    SAWT_CHECK(repo.add_consent(c));
  }
  auto history = SAWT_TRY(repo.consents(p.id));
  if (args.json()) {
    print_json({{"person", p.public_id}, {"consents", history}});
  } else {
    fmt::print("{}\n{}", p.public_id, consent_summary(history));
  }
  return kExitOk;
}

}  // namespace

void add_person_commands(std::vector<Command>& out) {
  out.push_back({"person add", "", "add a person (the detainee as the organisation knows them)",
                 person_options(), cmd_person_add, 0, 0});
  out.push_back({"person edit", "PERSON", "change a person's curated facts (audit-logged)", person_options(),
                 cmd_person_edit, 1, 1});
  out.push_back({"person show",
                 "PERSON",
                 "a person's file: names from every source, detention, cases, timeline, consent",
                 {},
                 cmd_person_show,
                 1,
                 1});
  out.push_back({"person list",
                 "",
                 "list persons",
                 {{"status", "CODE", "only this status"},
                  {"facility", "CODE", "only this facility"},
                  {"limit", "N", "at most N (default 100)"},
                  {"offset", "N", "skip the first N"}},
                 cmd_person_list,
                 0,
                 0});
  out.push_back({"search",
                 "QUERY...",
                 "find persons and records by name or notes, in Arabic or Latin script",
                 {{"limit", "N", "at most N results (default 50)"}},
                 cmd_search,
                 1,
                 32});
  out.push_back(
      {"consent",
       "PERSON",
       "show a person's consent, or record a decision with --scope",
       {{"scope", "CODE", "publish_name, publish_anonymised, un_submission, share_partner, transfer"},
        {"decision", "D", "granted, refused or unknown"},
        {"partner", "NAME", "the partner organisation (for share_partner)"},
        {"given-by", "WHO", "self, or the relative or lawyer who gave it"},
        {"witness", "NAME", "who witnessed it"},
        {"date", "DATE", "when it was given (default today)"},
        {"notes", "TEXT", "notes"}},
       cmd_consent,
       1,
       1});
}

}  // namespace sawt::cli
