// Export commands: the anonymised public dataset, the full export for
// partners (CSV, JSON or XLSX) and the Uwazi CSV. Each writes only the files
// the user named; the full export warns that it is unencrypted person data.
#include <fmt/format.h>

#include <cstdio>

#include "app/export.h"
#include "cli/cli.h"
#include "util/fs.h"

namespace sawt::cli {

namespace {

Result<int> cmd_export_public(Context& ctx, const Args& args) {
  const auto out = args.get("out");
  if (out.empty())
    return fail(ErrorKind::kUsage, "--out DIR is required", "export public", "e.g. --out public-data");
  app::PublicExportOptions o;
  o.k = SAWT_TRY(args.get_int("k", 5));
  const auto as_of = SAWT_TRY(date_option(args, "as-of", PartialDate::from_days(today())));
  if (as_of.precision() != PartialDate::Precision::kDay) {
    return fail(ErrorKind::kUsage, "--as-of needs a whole date", "--as-of", "e.g. --as-of 2026-12-01");
  }
  o.as_of = as_of.earliest();
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  const auto d = SAWT_TRY(app::build_public_dataset(repo, o));
  SAWT_CHECK(
      app::audit_export(repo, "public", {{"format", "csv"}, {"persons", d.persons_published}, {"k", d.k}}));
  SAWT_CHECK(make_private_dir(out));
  const std::filesystem::path dir(out);
  SAWT_CHECK(atomic_write_file(dir / "persons.csv", app::table_csv(d.persons)));
  SAWT_CHECK(atomic_write_file(dir / "dictionary.md", app::public_dictionary_markdown(d)));
  const auto summary = app::public_summary_json(d);
  SAWT_CHECK(atomic_write_file(dir / "summary.json", summary.dump(2) + "\n"));
  if (args.json()) {
    auto j = summary;
    j["out"] = out;
    j["files"] = {"persons.csv", "dictionary.md", "summary.json"};
    print_json(j);
  } else {
    fmt::print("{}Wrote {}/persons.csv, dictionary.md and summary.json.\n", app::public_summary_text(d), out);
  }
  return kExitOk;
}

void warn_unencrypted(std::string_view what) {
  fmt::print(stderr,
             "sawt: warning: {} is UNENCRYPTED person data. Keep it only as long as needed, on an encrypted "
             "disk; to "
             "send it to a partner use an encrypted share (sawt share) instead.\n",
             what);
}

Result<int> cmd_export_full(Context& ctx, const Args& args) {
  const auto out = args.get("out");
  const auto format = args.get("format", "json");
  if (format != "csv" && format != "json" && format != "xlsx") {
    return fail(ErrorKind::kUsage, fmt::format("--format '{}' is not known", format), "--format",
                "use csv, json or xlsx");
  }
  if (out.empty()) {
    return fail(ErrorKind::kUsage, "--out is required", "export full",
                format == "csv" ? "--out DIR (one CSV per table)" : "--out FILE");
  }
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  app::FullExportOptions o;
  o.include_confidential = args.has("include-confidential");
  const auto e = SAWT_TRY(app::build_full_export(repo, o));
  std::map<std::string, size_t> counts;
  for (const auto& t : e.tables) counts[t.name] = t.rows.size();
  SAWT_CHECK(app::audit_export(repo, "full", {{"format", format}, {"rows", counts}}));
  std::vector<std::string> files;
  if (format == "csv") {
    SAWT_CHECK(make_private_dir(out));
    for (const auto& t : e.tables) {
      SAWT_CHECK(atomic_write_file(std::filesystem::path(out) / (t.name + ".csv"), app::table_csv(t)));
      files.push_back(t.name + ".csv");
    }
  } else if (format == "json") {
    SAWT_CHECK(atomic_write_file(out, app::tables_json(e.tables, "sawt-full-export").dump(1) + "\n"));
    files.push_back(out);
  } else {
    SAWT_CHECK(atomic_write_file(out, SAWT_TRY(app::tables_xlsx(e.tables))));
    files.push_back(out);
  }
  warn_unencrypted(out);
  if (args.json()) {
    print_json({{"out", out},
                {"format", format},
                {"files", files},
                {"rows", counts},
                {"confidential_left_out", e.confidential_left_out},
                {"unencrypted", true}});
  } else {
    fmt::print("Wrote {} ({}): ", out, format);
    bool first = true;
    for (const auto& t : e.tables) {
      fmt::print("{}{} {}", first ? "" : ", ", t.rows.size(), t.name);
      first = false;
    }
    fmt::print(".\n");
    if (e.confidential_left_out > 0) {
      fmt::print("{} confidential persons were left out (add --include-confidential to export them).\n",
                 e.confidential_left_out);
    }
  }
  return kExitOk;
}

Result<int> cmd_export_uwazi(Context& ctx, const Args& args) {
  const auto out = args.get("out");
  if (out.empty())
    return fail(ErrorKind::kUsage, "--out FILE is required", "export uwazi", "e.g. --out uwazi.csv");
  app::UwaziOptions o;
  o.lang = args.get("lang", "ar");
  if (o.lang != "ar" && o.lang != "en") return fail(ErrorKind::kUsage, "--lang must be ar or en", "--lang");
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  const auto e = SAWT_TRY(app::build_uwazi_export(repo, o));
  SAWT_CHECK(app::audit_export(repo, "uwazi", {{"entities", e.entities.rows.size()}, {"named", e.named}}));
  SAWT_CHECK(atomic_write_file(out, app::table_csv(e.entities)));
  if (args.json()) {
    print_json(
        {{"out", out}, {"entities", e.entities.rows.size()}, {"named", e.named}, {"withheld", e.withheld}});
  } else {
    fmt::print("Wrote {}: {} entities for Uwazi's CSV import ({} named with publish_name consent).\n", out,
               e.entities.rows.size(), e.named);
    for (const auto& [reason, n] : e.withheld) fmt::print("  {:>6} withheld: {}\n", n, reason);
  }
  return kExitOk;
}

}  // namespace

void add_export_commands(std::vector<Command>& out) {
  out.push_back({"export public",
                 "",
                 "write the anonymised public dataset (CSV, data dictionary, summary of what was withheld) "
                 "to --out DIR",
                 {{"out", "DIR", "output folder"},
                  {"k", "K", "every combination of quasi-identifiers occurs at least K times (default 5)"},
                  {"as-of", "DATE", "compute ages at this date (default today)"}},
                 cmd_export_public,
                 0,
                 0});
  out.push_back(
      {"export full",
       "",
       "write every person's data for a partner (UNENCRYPTED): persons, names with sources, detention, "
       "cases, consents",
       {{"format", "csv|json|xlsx",
         "csv: one file per table in --out DIR; json, xlsx: one --out FILE (default json)"},
        {"out", "FILE|DIR", "where to write"},
        {"include-confidential", "", "also export persons marked confidential"}},
       cmd_export_full,
       0,
       0});
  out.push_back(
      {"export uwazi",
       "",
       "write a CSV for Uwazi's CSV import (names only with publish_name consent)",
       {{"out", "FILE", "the CSV file"}, {"lang", "ar|en", "language of the select labels (default ar)"}},
       cmd_export_uwazi,
       0,
       0});
}

}  // namespace sawt::cli
