// Store-level commands: init, import, audit verify, sources.
#include <fmt/format.h>

#include "app/import.h"
#include "app/reference.h"
#include "cli/cli.h"
#include "domain/json.h"
#include "store/checkpoint.h"
#include "util/fs.h"

namespace sawt::cli {

namespace {

Result<int> cmd_init(Context& ctx, const Args&) {
  const auto dir = SAWT_TRY(ctx.store_dir());
  const auto pass = SAWT_TRY(ctx.passphrase(true));
  auto store = SAWT_TRY(store::Store::create(dir, pass));
  store::Repository repo(*store, ctx.actor());
  SAWT_CHECK(app::seed_reference_data(repo));
  if (ctx.args->json()) {
    print_json({{"store", dir}, {"created", true}});
  } else {
    fmt::print("Created an encrypted sawt store in {}\n", dir);
    fmt::print("Keep the passphrase safe: without it (or the recovery key) the data cannot be read.\n");
  }
  return kExitOk;
}

// --map COL=FIELD, repeatable; the column may itself contain '=' only before the last one.
Result<io::ColumnMapping> mapping_option(const Args& args) {
  io::ColumnMapping out;
  for (const auto& m : args.all("map")) {
    const auto eq = m.rfind('=');
    if (eq == std::string::npos || eq == 0) {
      return fail(
          ErrorKind::kUsage, fmt::format("--map '{}' is not COLUMN=FIELD", m), "--map",
          "e.g. --map 'الاسم=full_name' --map 'DOB=birth_date' (FIELD '' keeps the column as an extra "
          "attribute, '-' ignores it)");
    }
    out[m.substr(0, eq)] = m.substr(eq + 1);
  }
  return out;
}

Result<int> print_import_preview(const app::ImportPreview& p, const std::string& path, bool json) {
  if (json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : p.first_rows) rows.push_back({{"line", r.line}, {"cells", r.fields}});
    nlohmann::json q = nlohmann::json::array();
    for (const auto& x : p.quarantined) q.push_back({{"line", x.line}, {"reason", x.reason}, {"raw", x.raw}});
    nlohmann::json j = {{"file", path},         {"format", p.format},         {"sheets", p.sheets},
                        {"columns", p.columns}, {"proposed", p.proposed},     {"mapping", p.applied},
                        {"preview", rows},      {"rows_total", p.rows_total}, {"records_ok", p.records_ok},
                        {"quarantined", q}};
    if (p.blocking) j["blocking"] = {{"message", p.blocking->message}, {"hint", p.blocking->hint}};
    print_json(j);
    return kExitOk;
  }
  fmt::print("{} ({}): {} rows, {} would be imported, {} quarantined. Nothing was written.\n", path, p.format,
             p.rows_total, p.records_ok, p.quarantined.size());
  fmt::print("Columns:\n");
  for (const auto& c : p.columns) {
    auto it = p.applied.find(c);
    fmt::print("  {:<24} {}\n", c,
               it == p.applied.end()
                   ? "(as named)"
                   : "-> " + (it->second.empty() ? std::string("extra attribute") : it->second));
  }
  if (p.blocking) fmt::print("Cannot import as mapped: {} ({})\n", p.blocking->message, p.blocking->hint);
  for (const auto& x : p.quarantined) fmt::print("  line {}: {}\n", x.line, x.reason);
  return kExitOk;
}

Result<int> cmd_import(Context& ctx, const Args& args) {
  const std::string path = args.positional[0];
  auto bytes = SAWT_TRY(read_file(path));
  app::ImportOptions opt;
  opt.source = args.get("source");
  opt.source_kind = args.get("source-kind", "other");
  opt.reliability = SAWT_TRY(args.get_int("reliability", 3));
  opt.file_name = path;
  opt.sheet = args.get("sheet");
  opt.mapping = SAWT_TRY(mapping_option(args));
  if (args.has("preview")) {
    // Reads the file only: no store, no passphrase.
    return print_import_preview(SAWT_TRY(app::preview_import(bytes, opt, 10)), path, args.json());
  }
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto report = SAWT_TRY(app::import_records(repo, bytes, opt));
  const int code = report.already_imported ? kExitOk : (report.quarantined.empty() ? kExitOk : kExitPartial);
  if (args.json()) {
    nlohmann::json q = nlohmann::json::array();
    for (const auto& p : report.quarantined)
      q.push_back({{"line", p.line}, {"reason", p.reason}, {"raw", p.raw}});
    print_json(
        {{"file", path},
         {"already_imported", report.already_imported},
         {"import_id", report.info.id},
         {"rows_total", report.info.rows_total},
         {"records_added", report.already_imported ? 0 : report.info.rows_ok},
         {"quarantined", report.already_imported ? 0 : report.info.rows_quarantined},
         {"status", report.already_imported ? "already_imported" : (code == kExitPartial ? "partial" : "ok")},
         {"records_per_source", report.records_per_source},
         {"sources_created", report.sources_created},
         {"quarantine", q}});
    return code;
  }
  if (report.already_imported) {
    fmt::print("{} was already imported on {} (import {}, {} records): nothing to do.\n", path,
               report.info.imported_at, report.info.id, report.info.rows_ok);
    return code;
  }
  fmt::print("Imported {}: {} rows, {} records added, {} quarantined.\n", path, report.info.rows_total,
             report.info.rows_ok, report.info.rows_quarantined);
  for (const auto& [source, n] : report.records_per_source)
    fmt::print("  {:>7} records from {}\n", n, source);
  if (!report.quarantined.empty()) {
    fmt::print("Quarantined rows (kept in the store with their reason; fix them and import again):\n");
    for (const auto& p : report.quarantined) fmt::print("  line {}: {}\n", p.line, p.reason);
  }
  return code;
}

Result<int> cmd_audit_verify(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  if (auto file = args.maybe("checkpoint")) {
    auto text = SAWT_TRY(read_file(*file));
    auto cp = SAWT_TRY(store::parse_checkpoint(text, *file));
    SAWT_CHECK(store::check_against(*store, cp));
    if (args.json()) {
      print_json({{"ok", true}, {"checkpoint_rows", cp.rows}, {"checkpoint_time", cp.time}});
    } else {
      fmt::print("audit log consistent with the checkpoint of {} ({} rows then)\n", cp.time, cp.rows);
    }
    return kExitOk;
  }
  auto v = SAWT_TRY(store->audit().verify());
  if (args.json()) {
    nlohmann::json j = {{"ok", !v.first_bad.has_value()},
                        {"rows", v.rows},
                        {"head_hash", v.head_hash},
                        {"log_id", store->audit().log_id()}};
    if (v.first_bad) {
      j["first_bad_row"] = *v.first_bad;
      j["problem"] = v.problem;
    }
    print_json(j);
  } else if (v.first_bad) {
    fmt::print(stderr, "sawt: audit log BROKEN at row {}: {}\n", *v.first_bad, v.problem);
    fmt::print(
        stderr,
        "  {} rows checked; rows before {} are intact. Compare with a backup or a signed checkpoint.\n",
        v.rows, *v.first_bad);
  } else {
    fmt::print("audit log intact: {} rows, head {}\n", v.rows, v.head_hash);
  }
  return v.first_bad ? kExitIntegrity : kExitOk;
}

Result<int> cmd_check(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  // Reads and authenticates every page, then checks SQLite's own structure.
  auto q = SAWT_TRY(store->db().prepare("PRAGMA integrity_check"));
  std::vector<std::string> problems;
  while (SAWT_TRY(q.step())) {
    if (q.text(0) != "ok") problems.push_back(q.text(0));
  }
  auto v = SAWT_TRY(store->audit().verify());
  const bool ok = problems.empty() && !v.first_bad;
  if (args.json()) {
    nlohmann::json j = {{"ok", ok}, {"database_problems", problems}, {"audit_rows", v.rows}};
    if (v.first_bad) j["audit_first_bad_row"] = *v.first_bad;
    print_json(j);
  } else {
    for (const auto& p : problems) fmt::print(stderr, "database: {}\n", p);
    if (v.first_bad) fmt::print(stderr, "audit log broken at row {}: {}\n", *v.first_bad, v.problem);
    if (ok)
      fmt::print("store intact: every page authenticates, structure ok, audit log intact ({} rows)\n",
                 v.rows);
  }
  return ok ? kExitOk : kExitIntegrity;
}

Result<int> cmd_sources(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto sources = SAWT_TRY(repo.list_sources());
  if (args.json()) {
    print_json(sources);
    return kExitOk;
  }
  for (const auto& s : sources) {
    fmt::print("{:>4}  {:<30} {:<18} reliability {}  received {}\n", s.id, s.name, s.kind, s.reliability,
               s.received.to_string());
  }
  return kExitOk;
}

}  // namespace

void add_store_commands(std::vector<Command>& out) {
  out.push_back(
      {"init", "", "create a new encrypted store (asks for a passphrase twice)", {}, cmd_init, 0, 0});
  out.push_back(
      {"import",
       "FILE.csv|FILE.xlsx",
       "import a records list (CSV or XLSX) as source records; bad rows are quarantined with reasons",
       {{"source", "NAME", "source for rows without a `source` column value"},
        {"sheet", "NAME", "XLSX: the sheet to read (default: the first)"},
        {"map", "COL=FIELD", "read the file's column COL as FIELD (e.g. 'الاسم=full_name', 'DOB=birth_date')",
         true},
        {"preview", "",
         "show the columns, the proposed mapping and the rows that would be quarantined; write nothing"},
        {"source-kind", "KIND", "kind of a newly created source (family, lawyer, ngo_list, ...)"},
        {"reliability", "1-5", "reliability of a newly created source (default 3)"}},
       cmd_import,
       1,
       1});
  out.push_back({"check",
                 "",
                 "read and authenticate every page, check the database structure and the audit chain",
                 {},
                 cmd_check,
                 0,
                 0});
  out.push_back({"sources", "", "list the sources information came from", {}, cmd_sources, 0, 0});
  out.push_back(
      {"audit verify",
       "",
       "recompute the audit log's hash chain and name the first broken row",
       {{"checkpoint", "FILE", "also check against a signed checkpoint (detects truncation and rollback)"}},
       cmd_audit_verify,
       0,
       0});
}

}  // namespace sawt::cli
