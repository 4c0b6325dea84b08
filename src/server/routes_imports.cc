// Imports (docs/API.md): the wizard's preview of an uploaded CSV or XLSX
// (columns, proposed mapping, first rows, rows that would be quarantined;
// nothing written), and the import itself with the chosen column mapping.
// The file is the raw request body both times: the server keeps no upload
// between the two steps.
#include "app/import.h"
#include "app/link_store.h"
#include "server/api_call.h"

namespace sawt::server {

namespace {

const std::vector<std::string> kImporters = {"admin", "coordinator"};

// The query parameters every import call shares. `mapping` is a JSON object
// {"column as written": "field"} ("" keeps a column as an extra attribute,
// "-" ignores it).
Result<app::ImportOptions> import_options(const httplib::Request& req) {
  app::ImportOptions o;
  o.source = param(req, "source");
  o.source_kind = param(req, "source_kind", "other");
  if (o.source_kind.empty()) o.source_kind = "other";
  o.reliability = req.has_param("reliability") ? std::atoi(req.get_param_value("reliability").c_str()) : 3;
  o.file_name = param(req, "name", "upload.csv");
  o.sheet = param(req, "sheet");
  if (const auto m = param(req, "mapping"); !m.empty()) {
    const auto j = json::parse(m, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return fail(ErrorKind::kUsage, "the mapping is not a JSON object", "mapping",
                  R"(send {"column": "field", ...}, e.g. {"الاسم": "full_name"})");
    }
    for (const auto& [column, field] : j.items()) {
      if (!field.is_string())
        return fail(ErrorKind::kUsage, "a mapping value is not a string", "mapping." + column);
      o.mapping[column] = field.get<std::string>();
    }
  }
  if (req.body.empty())
    return fail(ErrorKind::kBadInput, "the upload is empty", "body", "send the file as the request body");
  return o;
}

json problems_json(const std::vector<io::CsvProblem>& problems) {
  json q = json::array();
  for (const auto& p : problems) q.push_back({{"line", p.line}, {"reason", p.reason}, {"raw", p.raw}});
  return q;
}

}  // namespace

void install_imports_routes(Api& api, httplib::Server& http) {
  http.Post("/api/imports/preview", wrap(api, Mode::kWrite, kImporters, [](Call& c) -> Result<json> {
              const auto o = SAWT_TRY(import_options(c.req));
              const int rows = std::clamp(std::atoi(param(c.req, "rows", "20").c_str()), 1, 200);
              const auto p = SAWT_TRY(app::preview_import(c.req.body, o, rows));
              json preview = json::array();
              for (const auto& r : p.first_rows) preview.push_back({{"line", r.line}, {"cells", r.fields}});
              json out = {{"format", p.format},         {"sheets", p.sheets},
                          {"columns", p.columns},       {"fields", io::records_csv_columns()},
                          {"proposed", p.proposed},     {"mapping", p.applied},
                          {"preview", preview},         {"rows_total", p.rows_total},
                          {"records_ok", p.records_ok}, {"quarantined", problems_json(p.quarantined)}};
              if (p.blocking) out["blocking"] = error_json(*p.blocking)["error"];
              return out;
            }));

  http.Post("/api/imports", wrap(api, Mode::kWrite, kImporters, [](Call& c) -> Result<json> {
              const auto o = SAWT_TRY(import_options(c.req));
              auto report = SAWT_TRY(app::import_records(*c.repo, c.req.body, o));
              json out = {{"already_imported", report.already_imported},
                          {"import_id", report.info.id},
                          {"format", report.info.format},
                          {"rows_total", report.info.rows_total},
                          {"records_added", report.already_imported ? 0 : report.info.rows_ok},
                          {"quarantined", problems_json(report.quarantined)},
                          {"records_per_source", report.records_per_source}};
              // New records become persons (or join the persons they match) at once, in the
              // same transaction; pairs in doubt go to the review queue. ?link=0 leaves them.
              if (!report.already_imported && report.info.rows_ok > 0 && c.req.get_param_value("link") != "0") {
                out["linkage"] = app::to_json(SAWT_TRY(app::link_store(*c.repo)));
              }
              return out;
            }));
}

}  // namespace sawt::server
