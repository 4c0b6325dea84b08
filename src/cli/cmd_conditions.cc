// Conditions monitoring commands: facility figures (population and capacity
// by source and date), visits with the indicator checklist, incidents,
// persons' health needs, and one facility's conditions record.
#include <fmt/format.h>

#include "app/conditions.h"
#include "cli/cli.h"
#include "domain/json.h"

namespace sawt::cli {

namespace {

Result<std::optional<int>> optional_int(const Args& args, std::string_view name) {
  if (!args.has(name)) return std::optional<int>{};
  return std::optional<int>{SAWT_TRY(args.get_int(name, 0))};
}

Result<PartialDate> required_date(const Args& args) {
  auto d = SAWT_TRY(date_option(args, "date"));
  if (d.empty()) return fail(ErrorKind::kUsage, "--date is required", "--date", "e.g. --date 2025-03-12");
  return d;
}

Result<int> cmd_figure(Context& ctx, const Args& args) {
  auto o = SAWT_TRY(open_with_rules(ctx));
  FacilityFigure f;
  f.facility_code = args.positional[0];
  f.date = SAWT_TRY(required_date(args));
  f.population = SAWT_TRY(optional_int(args, "population"));
  f.capacity = SAWT_TRY(optional_int(args, "capacity"));
  f.scope = args.get("scope");
  f.notes = args.get("notes");
  auto tx = SAWT_TRY(store::Transaction::begin(o.store->db()));
  f.source_id = SAWT_TRY(app::ensure_source(*o.repo, args.get("source"), args.get("source-kind", "other"),
                                            SAWT_TRY(args.get_int("reliability", 3))));
  const Id id = SAWT_TRY(o.repo->add_facility_figure(f));
  SAWT_CHECK(tx.commit());
  if (args.json()) {
    print_json({{"id", id}});
  } else {
    fmt::print("Figure {} recorded for {} ({}, source: {}).\n", id, f.facility_code, f.date.to_string(),
               args.get("source"));
  }
  return kExitOk;
}

Result<int> cmd_visit(Context& ctx, const Args& args) {
  auto o = SAWT_TRY(open_with_rules(ctx));
  Visit v;
  v.facility_code = args.positional[0];
  v.date = SAWT_TRY(required_date(args));
  v.visitor = args.get("visitor");
  v.notes = args.get("notes");
  for (const auto& spec : args.all("rate")) v.indicators.push_back(SAWT_TRY(app::parse_indicator(spec)));
  const Id id = SAWT_TRY(o.repo->add_visit(v));
  if (args.json()) {
    print_json({{"id", id}});
  } else {
    fmt::print("Visit {} to {} on {} recorded with {} indicators.\n", id, v.facility_code, v.date.to_string(),
               v.indicators.size());
  }
  return kExitOk;
}

Result<int> cmd_incident(Context& ctx, const Args& args) {
  auto o = SAWT_TRY(open_with_rules(ctx));
  Incident i;
  i.facility_code = args.positional[0];
  i.type = args.get("type");
  i.date = SAWT_TRY(required_date(args));
  i.deaths = SAWT_TRY(args.get_int("deaths", 0));
  i.affected = SAWT_TRY(args.get_int("affected", 0));
  i.description = args.get("description");
  for (const auto& ref : args.all("person")) i.person_ids.push_back(SAWT_TRY(o.repo->find_person(ref)).id);
  auto tx = SAWT_TRY(store::Transaction::begin(o.store->db()));
  if (args.has("source")) {
    i.source_id = SAWT_TRY(app::ensure_source(*o.repo, args.get("source"), args.get("source-kind", "other"),
                                              SAWT_TRY(args.get_int("reliability", 3))));
  }
  const Id id = SAWT_TRY(o.repo->add_incident(i));
  SAWT_CHECK(tx.commit());
  if (args.json()) {
    print_json({{"id", id}});
  } else {
    fmt::print("Incident {} ({}) at {} on {} recorded.\n", id, i.type, i.facility_code, i.date.to_string());
  }
  return kExitOk;
}

Result<int> cmd_conditions(Context& ctx, const Args& args) {
  auto o = SAWT_TRY(open_with_rules(ctx));
  const auto j = SAWT_TRY(app::facility_conditions(*o.repo, args.positional[0]));
  if (args.json()) {
    print_json(j);
    return kExitOk;
  }
  fmt::print("{}  {} / {}\n  persons recorded here: {}\n", j["code"].get<std::string>(),
             j["name_en"].get<std::string>(), j["name_ar"].get<std::string>(),
             j["persons_held"].get<std::int64_t>());
  fmt::print("figures (every source kept):\n");
  for (const auto& f : j["figures"]) {
    fmt::print("  {:<10} population {:>6}  capacity {:>6}  {} {}\n", f["date"].get<std::string>(),
               f["population"].is_null() ? "?" : f["population"].dump(),
               f["capacity"].is_null() ? "?" : f["capacity"].dump(), f["source"].get<std::string>(),
               f["scope"].get<std::string>().empty() ? "" : "(" + f["scope"].get<std::string>() + ")");
  }
  fmt::print("visits:\n");
  for (const auto& v : j["visits"]) {
    fmt::print("  {} by {} (visit {})\n", v["date"].get<std::string>(), v["visitor"].get<std::string>(),
               v["id"].get<Id>());
    for (const auto& r : v["indicators"]) {
      fmt::print("    {:<16} {:<13} {}\n", r["indicator"].get<std::string>(), r["rating"].get<std::string>(),
                 r["note"].get<std::string>());
    }
  }
  fmt::print("incidents:\n");
  for (const auto& i : j["incidents"]) {
    std::string persons;
    for (const auto& p : i["persons"]) persons += " " + p["public_id"].get<std::string>();
    fmt::print("  {:<10} {:<18} deaths {} affected {}{} (incident {})\n", i["date"].get<std::string>(),
               i["type"].get<std::string>(), i["deaths"].get<int>(), i["affected"].get<int>(),
               persons.empty() ? "" : " —" + persons, i["id"].get<Id>());
  }
  return kExitOk;
}

Result<int> cmd_health(Context& ctx, const Args& args) {
  auto o = SAWT_TRY(open_with_rules(ctx));
  const auto p = SAWT_TRY(o.repo->find_person(args.positional[0]));
  if (args.has("need")) {
    HealthNeed h;
    h.person_id = p.id;
    h.need = args.get("need");
    h.severity = args.get("severity");
    h.date = SAWT_TRY(date_option(args, "date", PartialDate::from_days(today())));
    h.note = args.get("note");
    SAWT_CHECK(o.repo->add_health_need(h));
  }
  if (args.has("met") || args.has("open")) {
    const bool met = args.has("met");
    const int id = SAWT_TRY(args.get_int(met ? "met" : "open", 0));
    bool own = false;
    for (const auto& h : SAWT_TRY(o.repo->health_needs(p.id))) own |= h.id == id;
    if (!own)
      return fail(ErrorKind::kNotFound, fmt::format("{} has no health need {}", p.public_id, id), "--met");
    SAWT_CHECK(o.repo->set_health_need_met(id, met));
  }
  const auto needs = SAWT_TRY(o.repo->health_needs(p.id));
  if (args.json()) {
    print_json({{"person", p.public_id}, {"health_needs", needs}});
    return kExitOk;
  }
  for (const auto& h : needs) {
    fmt::print("{:>4}  {:<10} {:<20} {:<9} {}{}\n", h.id, h.date.to_string(), h.need, h.severity,
               h.met ? "met" : "open", h.note.empty() ? "" : "  " + h.note);
  }
  return kExitOk;
}

}  // namespace

void add_conditions_commands(std::vector<Command>& out) {
  const OptionSpec source{"source", "NAME", "who reported it (created when new)"};
  const OptionSpec source_kind{"source-kind", "KIND",
                               "a new source's kind (official_document, ngo_list, media, ...)"};
  const OptionSpec reliability{"reliability", "1-5", "a new source's reliability (default 3)"};
  out.push_back({"facility figure",
                 "CODE",
                 "record a population and/or capacity figure with its source and date",
                 {{"date", "DATE", "the date the figure is for"},
                  {"population", "N", "persons held"},
                  {"capacity", "N", "capacity as this source gives it"},
                  source,
                  source_kind,
                  reliability,
                  {"scope", "TEXT", "what was counted (e.g. 'Syrian nationals only')"},
                  {"notes", "TEXT", "notes"}},
                 cmd_figure,
                 1,
                 1});
  out.push_back({"facility visit",
                 "CODE",
                 "record a monitoring visit with its indicator checklist",
                 {{"date", "DATE", "the visit's date"},
                  {"visitor", "TEXT", "who visited"},
                  {"rate", "IND=RATING[:NOTE]",
                   "rate an indicator (overcrowding, sanitation, ventilation, food, water, "
                   "medical_access, disease, separation, family_contact, lawyer_contact) as "
                   "critical, poor, adequate, good or not_observed",
                   true},
                  {"notes", "TEXT", "free notes"}},
                 cmd_visit,
                 1,
                 1});
  out.push_back(
      {"facility incident",
       "CODE",
       "record an incident: death in custody, disease outbreak, hunger strike, ...",
       {{"type", "TYPE", "death_in_custody, disease_outbreak, hunger_strike, violence, denial_of_care, ..."},
        {"date", "DATE", "when"},
        {"deaths", "N", "deaths (a death in custody counts at least one)"},
        {"affected", "N", "persons affected"},
        {"person", "PERSON", "a person involved (repeatable)", true},
        {"description", "TEXT", "what happened"},
        source,
        source_kind,
        reliability},
       cmd_incident,
       1,
       1});
  out.push_back({"conditions",
                 "CODE",
                 "a facility's conditions record: figures by source, visits, incidents",
                 {},
                 cmd_conditions,
                 1,
                 1});
  out.push_back({"health",
                 "PERSON",
                 "show or add a person's health needs",
                 {{"need", "CODE", "add a need (chronic_illness, medication, surgery, mental_health, ...)"},
                  {"severity", "CODE", "urgent, serious, moderate or stable"},
                  {"date", "DATE", "when observed (default today)"},
                  {"note", "TEXT", "details"},
                  {"met", "ID", "mark need ID as met"},
                  {"open", "ID", "mark need ID as open again"}},
                 cmd_health,
                 1,
                 1});
}

}  // namespace sawt::cli
