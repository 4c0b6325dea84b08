// Exports (docs/API.md): the anonymised public dataset (admins, coordinators
// and researchers), the full export for partners and the Uwazi CSV (admins
// and coordinators only; the full export holds only what the caller may
// see). Every export is a POST with the CSRF token and leaves an audit row
// with the user, the kind and the counts, never names.
#include <fmt/format.h>

#include "app/export.h"
#include "server/api_call.h"

namespace sawt::server {

namespace {

const std::vector<std::string> kPublicExporters = {"admin", "coordinator", "researcher"};
const std::vector<std::string> kPartnerExporters = {"admin", "coordinator"};

void attach(httplib::Response& res, const std::string& bytes, const char* type, const std::string& file) {
  res.set_content(bytes, type);
  res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file));
}

}  // namespace

void install_exports_routes(Api& api, httplib::Server& http) {
  http.Post(
      "/api/exports/public", wrap(api, Mode::kWrite, kPublicExporters, [](Call& c) -> Result<json> {
        auto b = SAWT_TRY(body_json(c.req));
        app::PublicExportOptions o;
        o.k = b.contains("k") && b["k"].is_number_integer() ? b["k"].get<int>() : 5;
        const auto as_of = SAWT_TRY(date_field(b, "as_of", PartialDate::from_days(today())));
        if (as_of.precision() != PartialDate::Precision::kDay) {
          return fail(ErrorKind::kUsage, "as_of needs a whole date", "as_of", "e.g. 2026-12-01");
        }
        o.as_of = as_of.earliest();
        const auto d = SAWT_TRY(app::build_public_dataset(*c.repo, o));
        const auto summary = app::public_summary_json(d);
        const auto format = str(b, "format");
        SAWT_CHECK(app::audit_export(
            *c.repo, "public",
            {{"format", format.empty() ? "json" : format}, {"persons", d.persons_published}, {"k", d.k}}));
        if (format == "csv") {
          attach(c.res, app::table_csv(d.persons), "text/csv; charset=utf-8", "persons.csv");
          return json::object();
        }
        if (format == "dictionary") {
          attach(c.res, app::public_dictionary_markdown(d), "text/markdown; charset=utf-8", "dictionary.md");
          return json::object();
        }
        return json{{"summary", summary},
                    {"summary_text", app::public_summary_text(d)},
                    {"columns", d.persons.columns},
                    {"rows", d.persons.rows}};
      }));

  http.Post("/api/exports/full", wrap(api, Mode::kWrite, kPartnerExporters, [](Call& c) -> Result<json> {
              auto b = SAWT_TRY(body_json(c.req));
              const auto format = str(b, "format").empty() ? std::string("json") : str(b, "format");
              if (format != "csv" && format != "json" && format != "xlsx") {
                return fail(ErrorKind::kUsage, fmt::format("format '{}' is not known", format), "format",
                            "use csv, json or xlsx");
              }
              app::FullExportOptions o;
              o.visible_to = &c.user;
              const auto e = SAWT_TRY(app::build_full_export(*c.repo, o));
              json counts = json::object();
              for (const auto& t : e.tables) counts[t.name] = t.rows.size();
              SAWT_CHECK(app::audit_export(*c.repo, "full", {{"format", format}, {"rows", counts}}));
              c.res.set_header("X-Sawt-Warning", "unencrypted person data");
              if (format == "json") {
                attach(c.res, app::tables_json(e.tables, "sawt-full-export").dump(1), "application/json",
                       "sawt-full-export.json");
              } else if (format == "xlsx") {
                attach(c.res, SAWT_TRY(app::tables_xlsx(e.tables)),
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       "sawt-full-export.xlsx");
              } else {
                const auto table = str(b, "table").empty() ? std::string("persons") : str(b, "table");
                for (const auto& t : e.tables) {
                  if (t.name != table) continue;
                  attach(c.res, app::table_csv(t), "text/csv; charset=utf-8", t.name + ".csv");
                  return json::object();
                }
                return fail(ErrorKind::kNotFound, fmt::format("no table '{}'", table), "table",
                            "persons, names, detention, cases or consents");
              }
              return json::object();
            }));

  http.Post("/api/exports/uwazi", wrap(api, Mode::kWrite, kPartnerExporters, [](Call& c) -> Result<json> {
              auto b = SAWT_TRY(body_json(c.req));
              app::UwaziOptions o;
              o.lang = str(b, "lang").empty() ? std::string("ar") : str(b, "lang");
              if (o.lang != "ar" && o.lang != "en")
                return fail(ErrorKind::kUsage, "lang must be ar or en", "lang");
              const auto e = SAWT_TRY(app::build_uwazi_export(*c.repo, o));
              SAWT_CHECK(app::audit_export(*c.repo, "uwazi",
                                           {{"entities", e.entities.rows.size()}, {"named", e.named}}));
              attach(c.res, app::table_csv(e.entities), "text/csv; charset=utf-8", "uwazi.csv");
              return json::object();
            }));
}

}  // namespace sawt::server
