// Case-file and timeline commands: case add|show|hearing|status, arrest add, custody add, event add.
#include <charconv>

#include <fmt/format.h>

#include "cli/cli.h"
#include "domain/json.h"
#include "util/strings.h"

namespace sawt::cli {

namespace {

Result<PartialDate> parse_date_arg(std::string_view text, std::string_view where) {
  auto d = PartialDate::parse(text);
  if (!d) {
    d.error().where = std::string(where);
    return std::unexpected(d.error());
  }
  return *d;
}

Result<int> print_id(const Args& args, std::string_view what, Id id) {
  if (args.json()) {
    print_json({{"id", id}, {"kind", what}});
  } else {
    fmt::print("Added {} {}\n", what, id);
  }
  return kExitOk;
}

Result<int> cmd_case_add(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto p = SAWT_TRY(repo.find_person(args.positional[0]));
  CaseFile c;
  c.person_id = p.id;
  c.court = args.get("court");
  c.case_number = args.get("number");
  c.charges = args.all("charge");
  c.allegations = args.all("allegation");
  c.lawyer = args.get("lawyer");
  c.notes = args.get("notes");
  c.sentence_months = SAWT_TRY(args.get_int("sentence-months", 0));
  c.sentence_start = SAWT_TRY(parse_date_arg(args.get("sentence-start"), "--sentence-start"));
  for (const auto& s : args.all("status")) {
    // STATUS or STATUS@DATE
    const auto at = s.find('@');
    StatusChange sc{s.substr(0, at), {}};
    if (at != std::string::npos) sc.date = SAWT_TRY(parse_date_arg(s.substr(at + 1), "--status"));
    c.statuses.push_back(std::move(sc));
  }
  return print_id(args, "case", SAWT_TRY(repo.add_case(c)));
}

Result<int> cmd_case_show(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto p = SAWT_TRY(repo.find_person(args.positional[0]));
  auto cases = SAWT_TRY(repo.cases(p.id));
  if (args.json()) {
    print_json({{"person", p.public_id}, {"cases", cases}});
    return kExitOk;
  }
  if (cases.empty()) fmt::print("{} has no case file yet (add one with 'sawt case add {}')\n", p.public_id, p.public_id);
  for (const auto& c : cases) {
    fmt::print("case {} — {} {}\n  charges: {}\n  allegations: {}\n", c.id, c.court, c.case_number, join(c.charges, ", "),
               join(c.allegations, ", "));
    for (const auto& s : c.statuses) fmt::print("  {:<13} {}\n", s.status, s.date.to_string());
    for (const auto& h : c.hearings) fmt::print("  hearing {} {}\n", h.date.to_string(), h.outcome);
    if (c.sentence_months != 0) fmt::print("  sentence {} months from {}\n", c.sentence_months, c.sentence_start.to_string());
  }
  return kExitOk;
}

Result<int> case_id_arg(const Args& args) {
  int id = 0;
  const auto& s = args.positional[0];
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || ptr != s.data() + s.size() || id <= 0) {
    return fail(ErrorKind::kUsage, fmt::format("'{}' is not a case id", s), "", "see 'sawt case show PERSON' for case ids");
  }
  return id;
}

Result<int> cmd_case_hearing(Context& ctx, const Args& args) {
  const int case_id = SAWT_TRY(case_id_arg(args));
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  Hearing h;
  h.date = SAWT_TRY(parse_date_arg(args.get("date"), "--date"));
  h.outcome = args.get("outcome");
  h.notes = args.get("notes");
  return print_id(args, "hearing", SAWT_TRY(repo.add_hearing(case_id, h)));
}

Result<int> cmd_case_status(Context& ctx, const Args& args) {
  const int case_id = SAWT_TRY(case_id_arg(args));
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  StatusChange s{args.get("status"), SAWT_TRY(parse_date_arg(args.get("date"), "--date"))};
  if (s.status.empty()) return fail(ErrorKind::kUsage, "--status is required");
  return print_id(args, "case status", SAWT_TRY(repo.add_case_status(case_id, s)));
}

Result<int> cmd_event_add(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto p = SAWT_TRY(repo.find_person(args.positional[0]));
  Event e;
  e.person_id = p.id;
  e.type = args.get("type");
  e.date = SAWT_TRY(parse_date_arg(args.get("date"), "--date"));
  e.description = args.get("description");
  e.facility_code = args.get("facility");
  if (e.type.empty()) return fail(ErrorKind::kUsage, "--type is required", "", "e.g. --type transfer");
  return print_id(args, "event", SAWT_TRY(repo.add_event(e)));
}

Result<int> cmd_arrest_add(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto p = SAWT_TRY(repo.find_person(args.positional[0]));
  Arrest a;
  a.person_id = p.id;
  a.date = SAWT_TRY(parse_date_arg(args.get("date"), "--date"));
  a.place = args.get("place");
  a.authority = args.get("authority");
  a.notes = args.get("notes");
  return print_id(args, "arrest", SAWT_TRY(repo.add_arrest(a)));
}

Result<int> cmd_custody_add(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto p = SAWT_TRY(repo.find_person(args.positional[0]));
  Custody c;
  c.person_id = p.id;
  c.facility_code = args.get("facility");
  if (c.facility_code.empty()) return fail(ErrorKind::kUsage, "--facility is required");
  SAWT_CHECK(repo.get_facility(c.facility_code));
  c.from = SAWT_TRY(parse_date_arg(args.get("from"), "--from"));
  c.to = SAWT_TRY(parse_date_arg(args.get("to"), "--to"));
  return print_id(args, "custody period", SAWT_TRY(repo.add_custody(c)));
}

}  // namespace

void add_case_commands(std::vector<Command>& out) {
  out.push_back({"case add", "PERSON", "open a case file for a person",
                 {{"court", "CODE", "military_court, judicial_council, criminal_court, ..."},
                  {"number", "TEXT", "the court's case number"},
                  {"charge", "CODE", "a charge code (see data/vocab/charges.tsv)", true},
                  {"allegation", "CODE", "torture, forced_statement, no_lawyer_interrogation, ...", true},
                  {"status", "CODE[@DATE]", "a status in the case's history, e.g. trial@2016-05", true},
                  {"sentence-months", "N", "sentence length in months (-1 life)"},
                  {"sentence-start", "DATE", "when the sentence started"},
                  {"lawyer", "NAME", "the lawyer"},
                  {"notes", "TEXT", "notes"}},
                 cmd_case_add, 1, 1});
  out.push_back({"case show", "PERSON", "a person's case files", {}, cmd_case_show, 1, 1});
  out.push_back({"case hearing", "CASE", "record a hearing",
                 {{"date", "DATE", "the hearing date"}, {"outcome", "CODE", "held, postponed, verdict, ..."}, {"notes", "TEXT", "notes"}},
                 cmd_case_hearing, 1, 1});
  out.push_back({"case status", "CASE", "record a change of the case's status",
                 {{"status", "CODE", "investigation, indictment, trial, verdict, appeal, final"}, {"date", "DATE", "when"}},
                 cmd_case_status, 1, 1});
  out.push_back({"arrest add", "PERSON", "record an arrest",
                 {{"date", "DATE", "when"}, {"place", "TEXT", "where"}, {"authority", "CODE", "army_intelligence, general_security, ..."},
                  {"notes", "TEXT", "notes"}},
                 cmd_arrest_add, 1, 1});
  out.push_back({"custody add", "PERSON", "record a period of custody in a facility",
                 {{"facility", "CODE", "facility code"}, {"from", "DATE", "start"}, {"to", "DATE", "end (empty while held)"}},
                 cmd_custody_add, 1, 1});
  out.push_back({"event add", "PERSON", "add a dated event to a person's timeline",
                 {{"type", "CODE", "arrest, transfer, hearing, verdict, release, handover, deportation, ..."},
                  {"date", "DATE", "when"},
                  {"description", "TEXT", "what happened"},
                  {"facility", "CODE", "where"}},
                 cmd_event_add, 1, 1});
}

}  // namespace sawt::cli
