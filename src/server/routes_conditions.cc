// API routes for conditions monitoring (facility figures, visits, incidents,
// health needs), the statistics and their charts, the advocacy report and
// persons' case briefs. docs/API.md documents them.
#include <fmt/format.h>

#include "app/conditions.h"
#include "app/stats.h"
#include "domain/json.h"
#include "render/chart.h"
#include "render/html.h"
#include "render/pdf.h"
#include "reports/report.h"
#include "server/api_call.h"

namespace sawt::server {

namespace {

// Who may produce the whole-registry report.
const std::vector<std::string> kReportRoles = {"admin", "coordinator"};

Result<std::chrono::sys_days> as_of_param(const httplib::Request& req) {
  auto d = PartialDate::parse(param(req, "as_of"));
  if (!d) {
    d.error().where = "as_of";
    return std::unexpected(d.error());
  }
  return d->empty() ? today() : d->latest();
}

Result<std::string> lang_param(const httplib::Request& req) {
  auto lang = param(req, "lang", "ar");
  if (lang != "ar" && lang != "en") return fail(ErrorKind::kBadInput, "lang must be ar or en", "lang");
  return lang;
}

// Sends DOC as PDF (attachment FILE_STEM.pdf) or self-contained HTML.
Status send_document(Call& c, const render::Document& doc, const std::string& file_stem) {
  const auto format = param(c.req, "format", "html");
  if (format == "pdf") {
    c.res.set_content(SAWT_TRY(render::to_pdf(doc)), "application/pdf");
    c.res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}.pdf\"", file_stem));
    return {};
  }
  if (format != "html") return fail(ErrorKind::kBadInput, "format must be html or pdf", "format");
  c.res.set_content(SAWT_TRY(render::to_html(doc)), "text/html; charset=utf-8");
  c.res.set_header("Content-Security-Policy",
                   "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
                   "base-uri 'none'");
  return {};
}

std::optional<int> optional_count(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  if (j[key].is_number_integer()) return j[key].get<int>();
  return -1;  // refused by the repository with a clear message
}

}  // namespace

void install_conditions_routes(Api& api, httplib::Server& http) {
  // ------------------------------------------------------------ statistics and charts
  http.Get("/api/stats", wrap(api, Mode::kRead, {}, [](Call& c) -> Result<json> {
             auto rules = SAWT_TRY(c.rules());
             auto stats = SAWT_TRY(app::compute_stats(*c.repo, rules, SAWT_TRY(as_of_param(c.req))));
             json j = app::to_json(stats);
             json charts = json::array();
             for (const auto& named : reports::stats_charts(stats, c.store->vocab(), "en"))
               charts.push_back(named.name);
             j["charts"] = charts;
             return j;
           }));

  http.Get(R"(/api/stats/charts/([a-z0-9_-]+)\.(svg|png))",
           wrap(api, Mode::kRead, {}, [](Call& c) -> Result<json> {
             const std::string name = c.req.matches[1];
             const std::string format = c.req.matches[2];
             const auto lang = SAWT_TRY(lang_param(c.req));
             auto rules = SAWT_TRY(c.rules());
             auto stats = SAWT_TRY(app::compute_stats(*c.repo, rules, SAWT_TRY(as_of_param(c.req))));
             for (const auto& named : reports::stats_charts(stats, c.store->vocab(), lang)) {
               if (named.name != name) continue;
               const auto dir = lang == "ar" ? render::Dir::kRtl : render::Dir::kLtr;
               if (format == "svg") {
                 c.res.set_content(SAWT_TRY(render::chart_svg(named.chart, dir, lang)), "image/svg+xml");
               } else {
                 c.res.set_content(SAWT_TRY(render::chart_png(named.chart, dir, lang)), "image/png");
               }
               return json::object();
             }
             return fail(ErrorKind::kNotFound, fmt::format("no chart '{}'", name));
           }));

  // ------------------------------------------------------------ report and briefs
  http.Get(
      "/api/report", wrap(api, Mode::kRead, kReportRoles, [](Call& c) -> Result<json> {
        reports::ReportOptions o;
        o.lang = SAWT_TRY(lang_param(c.req));
        o.as_of = SAWT_TRY(as_of_param(c.req));
        auto rules = SAWT_TRY(c.rules());
        const auto doc = SAWT_TRY(reports::make_report(*c.repo, rules, o));
        SAWT_CHECK(send_document(
            c, doc, fmt::format("sawt-report-{}-{}", o.lang, PartialDate::from_days(o.as_of).to_string())));
        return json::object();
      }));

  http.Get(R"(/api/persons/([A-Za-z0-9-]+)/brief)",
           wrap(api, Mode::kRead, kReportRoles, [](Call& c) -> Result<json> {
             auto p = SAWT_TRY(c.visible_person(c.req.matches[1]));
             const auto lang = SAWT_TRY(lang_param(c.req));
             auto rules = SAWT_TRY(c.rules());
             const auto doc =
                 SAWT_TRY(reports::make_brief(*c.repo, rules, p.id, lang, SAWT_TRY(as_of_param(c.req))));
             SAWT_CHECK(send_document(c, doc, fmt::format("{}-brief-{}", p.public_id, lang)));
             return json::object();
           }));

  // ------------------------------------------------------------ conditions
  http.Get(R"(/api/facilities/([a-z0-9_-]+)/conditions)",
           wrap(api, Mode::kRead, {}, [](Call& c) -> Result<json> {
             auto j = SAWT_TRY(app::facility_conditions(*c.repo, std::string(c.req.matches[1])));
             // Persons named in incidents: only those this user may see, by public id.
             for (auto& incident : j["incidents"]) {
               json visible = json::array();
               std::int64_t hidden = 0;
               for (const auto& p : incident["persons"]) {
                 if (SAWT_TRY(c.repo->can_see(c.user, p["id"].get<Id>()))) {
                   visible.push_back(p["public_id"]);
                 } else {
                   ++hidden;
                 }
               }
               incident["persons"] = visible;
               incident["persons_not_shown"] = hidden;
             }
             return j;
           }));

  http.Post(R"(/api/facilities/([a-z0-9_-]+)/figures)",
            wrap(api, Mode::kWrite, kEditPersons, [](Call& c) -> Result<json> {
              auto b = SAWT_TRY(body_json(c.req));
              FacilityFigure f;
              f.facility_code = c.req.matches[1];
              f.date = SAWT_TRY(date_field(b, "date"));
              f.population = optional_count(b, "population");
              f.capacity = optional_count(b, "capacity");
              f.scope = str(b, "scope");
              f.notes = str(b, "notes");
              f.source_id = SAWT_TRY(app::ensure_source(*c.repo, str(b, "source"), str(b, "source_kind"),
                                                        b.value("reliability", 3)));
              return json{{"id", SAWT_TRY(c.repo->add_facility_figure(f))}};
            }));

  http.Post(R"(/api/facilities/([a-z0-9_-]+)/visits)",
            wrap(api, Mode::kWrite, kEditPersons, [](Call& c) -> Result<json> {
              auto b = SAWT_TRY(body_json(c.req));
              Visit v;
              v.facility_code = c.req.matches[1];
              v.date = SAWT_TRY(date_field(b, "date"));
              v.visitor = str(b, "visitor");
              v.notes = str(b, "notes");
              if (b.contains("indicators") && b["indicators"].is_array()) {
                for (const auto& r : b["indicators"]) {
                  if (!r.is_object())
                    return fail(ErrorKind::kBadInput, "each indicator is an object", "indicators");
                  v.indicators.push_back({str(r, "indicator"), str(r, "rating"), str(r, "note")});
                }
              }
              return json{{"id", SAWT_TRY(c.repo->add_visit(v))}};
            }));

  http.Post(R"(/api/facilities/([a-z0-9_-]+)/incidents)",
            wrap(api, Mode::kWrite, kEditPersons, [](Call& c) -> Result<json> {
              auto b = SAWT_TRY(body_json(c.req));
              Incident i;
              i.facility_code = c.req.matches[1];
              i.type = str(b, "type");
              i.date = SAWT_TRY(date_field(b, "date"));
              i.deaths = optional_count(b, "deaths").value_or(0);
              i.affected = optional_count(b, "affected").value_or(0);
              i.description = str(b, "description");
              if (b.contains("persons") && b["persons"].is_array()) {
                for (const auto& ref : b["persons"]) {
                  if (!ref.is_string())
                    return fail(ErrorKind::kBadInput, "persons are public ids", "persons");
                  i.person_ids.push_back(SAWT_TRY(c.visible_person(ref.get<std::string>())).id);
                }
              }
              if (!str(b, "source").empty()) {
                i.source_id = SAWT_TRY(app::ensure_source(*c.repo, str(b, "source"), str(b, "source_kind"),
                                                          b.value("reliability", 3)));
              }
              return json{{"id", SAWT_TRY(c.repo->add_incident(i))}};
            }));

  // ------------------------------------------------------------ health needs
  http.Get(R"(/api/persons/([A-Za-z0-9-]+)/health)",
           wrap(api, Mode::kRead, kSeePersons, [](Call& c) -> Result<json> {
             auto p = SAWT_TRY(c.visible_person(c.req.matches[1]));
             return json{{"person", p.public_id}, {"health_needs", SAWT_TRY(c.repo->health_needs(p.id))}};
           }));

  http.Post(R"(/api/persons/([A-Za-z0-9-]+)/health)",
            wrap(api, Mode::kWrite, kEditPersons, [](Call& c) -> Result<json> {
              auto p = SAWT_TRY(c.visible_person(c.req.matches[1]));
              auto b = SAWT_TRY(body_json(c.req));
              HealthNeed h;
              h.person_id = p.id;
              h.need = str(b, "need");
              h.severity = str(b, "severity");
              h.date = SAWT_TRY(date_field(b, "date", PartialDate::from_days(today())));
              h.note = str(b, "note");
              return json{{"id", SAWT_TRY(c.repo->add_health_need(h))}};
            }));
}

}  // namespace sawt::server
