#include "server/api.h"

#include <fmt/format.h>
#include <httplib.h>
#include <sodium.h>

#include <charconv>
#include <functional>
#include <nlohmann/json.hpp>

#include "app/person_file.h"
#include "app/protection.h"
#include "crypto/sodium.h"
#include "domain/json.h"
#include "render/document.h"
#include "render/html.h"
#include "render/pdf.h"
#include "reports/dossier.h"
#include "reports/dossier_render.h"
#include "server/api_call.h"
#include "store/repository.h"
#include "util/strings.h"

namespace sawt::server {

using nlohmann::json;

namespace {

constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

}  // namespace

std::string Api::tls_cookie_name() const { return tls_ ? "__Host-sawt" : "sawt_session"; }

void Api::install(httplib::Server& http) {
  // Security headers on every response.
  http.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    // A generated document (dossier HTML) brings its own, stricter policy.
    if (!res.has_header("Content-Security-Policy")) res.set_header("Content-Security-Policy", kCsp);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cross-Origin-Opener-Policy", "same-origin");
    res.set_header("Cross-Origin-Resource-Policy", "same-origin");
    res.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (tls_) res.set_header("Strict-Transport-Security", "max-age=31536000");
    if (req.path.starts_with("/api/")) res.set_header("Cache-Control", "no-store");
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    send_json(res, 500, error_json(Error{ErrorKind::kInternal, "internal error", "", ""}));
  });

  // ------------------------------------------------------------ sessions
  http.Post("/api/login", [this](const httplib::Request& req, httplib::Response& res) {
    auto lease = lease_store(*this);
    if (!lease) return send_json(res, 500, error_json(lease.error()));
    store::Store& db = *lease->get();
    auto body = body_json(req);
    if (!body) return send_json(res, 400, error_json(body.error()));
    const std::string username = str(*body, "username");
    const std::string ip_key = "ip:" + req.remote_addr;
    const std::string user_key = "user:" + username;
    if (throttle_.locked(ip_key, 30) || throttle_.locked(user_key, 5)) {
      return send_json(
          res, 429, error_json(Error{ErrorKind::kAuth, "too many failed logins: wait 15 minutes", "", ""}));
    }
    store::Repository repo(db, "web:" + username);
    auto password = crypto::make_passphrase(str(*body, "password"));
    auto user = repo.check_login(username, password);
    if (!user) {
      throttle_.failure(ip_key);
      throttle_.failure(user_key);
      std::lock_guard lock(write_mu_);
      (void)db.audit().append({"web:" + username, "login_failed", "session", req.remote_addr, "", ""});
      return send_json(res, 401, error_json(user.error()));
    }
    throttle_.success(user_key);
    auto [token, csrf] = sessions_.create(user->username);
    {
      std::lock_guard lock(write_mu_);
      (void)db.audit().append({"web:" + username, "login", "session", req.remote_addr, "", ""});
    }
    res.set_header("Set-Cookie", fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict{}", tls_cookie_name(),
                                             token, tls_ ? "; Secure" : ""));
    send_json(res, 200, {{"user", *user}, {"csrf", csrf}});
  });
  http.Post("/api/logout", wrap(*this, Mode::kWrite, {}, [this](Call& c) -> Result<json> {
              sessions_.end(c.token);
              c.res.set_header("Set-Cookie",
                               fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
                                           tls_cookie_name(), tls_ ? "; Secure" : ""));
              return json::object();
            }));
  http.Get("/api/me", wrap(*this, Mode::kRead, {}, [this](Call& c) -> Result<json> {
             auto s = sessions_.find(c.token);
             return json{{"user", c.user}, {"csrf", s ? s->csrf : ""}};
           }));

  // ------------------------------------------------------------ persons
  http.Get("/api/persons", wrap(*this, Mode::kRead, kSeePersons, [](Call& c) -> Result<json> {
             const auto& q = c.req;
             store::PersonFilter f;
             f.visible_to = &c.user;
             f.status = q.get_param_value("status");
             f.facility_code = q.get_param_value("facility");
             f.risk_level = q.get_param_value("risk");
             f.source_name = q.get_param_value("source");
             int limit = 50;
             int offset = 0;
             std::from_chars(q.get_param_value("limit").data(),
                             q.get_param_value("limit").data() + q.get_param_value("limit").size(), limit);
             std::from_chars(q.get_param_value("offset").data(),
                             q.get_param_value("offset").data() + q.get_param_value("offset").size(), offset);
             f.limit = std::clamp(limit, 1, 200);
             f.offset = std::max(0, offset);
             auto risk_of = [&](Id id) -> std::string {
               auto r = c.store->db().prepare("SELECT level FROM person_risk WHERE person_id = ?");
               if (!r) return "";
               r->bind(1, id);
               auto has = r->step();
               return has && *has ? r->text(0) : "";
             };
             json persons = json::array();
             const std::string text = q.get_param_value("q");
             if (!trim(text).empty()) {
               const auto visible = SAWT_TRY(c.visible_hits(text, f));
               const auto& hits = visible->hits;
               const size_t from = std::min(hits.size(), static_cast<size_t>(f.offset));
               const size_t to = std::min(hits.size(), from + static_cast<size_t>(f.limit));
               std::vector<Id> shown;
               for (size_t i = from; i < to; ++i) shown.push_back(hits[i].first);
               const auto rows = SAWT_TRY(c.repo->person_rows(shown));
               for (size_t i = 0; i < rows.size(); ++i) {
                 auto j = app::person_summary_json(rows[i].person, rows[i].risk);
                 j["score"] = hits[from + i].second;
                 persons.push_back(std::move(j));
               }
               const int total = static_cast<int>(hits.size());
               return json{{"total", total}, {"persons", persons}, {"partial", visible->partial}};
             }
             for (const auto& p : SAWT_TRY(c.repo->list_persons(f)))
               persons.push_back(app::person_summary_json(p, risk_of(p.id)));
             return json{{"total", SAWT_TRY(c.repo->count_persons(f))}, {"persons", persons}};
           }));

  http.Get(R"(/api/persons/([A-Za-z0-9-]+))",
           wrap(*this, Mode::kRead, kSeePersons, [](Call& c) -> Result<json> {
             auto p = SAWT_TRY(c.visible_person(c.req.matches[1]));
             auto rules = SAWT_TRY(c.rules());
             return app::person_file_json(*c.repo, rules, p.id, today());
           }));

  const auto apply_person = [](const json& b, Person& p) -> Status {
    if (b.contains("name_ar")) p.name_ar.full = str(b, "name_ar");
    if (b.contains("name_lat")) p.name_lat.full = str(b, "name_lat");
    for (const auto* part : {"first", "father", "grandfather", "family", "mother"}) {
      if (!b.contains(part)) continue;
      NameParts& n = contains_arabic(str(b, part)) ? p.name_ar : p.name_lat;
      const std::string v = str(b, part);
      if (std::string_view(part) == "first") n.first = v;
      if (std::string_view(part) == "father") n.father = v;
      if (std::string_view(part) == "grandfather") n.grandfather = v;
      if (std::string_view(part) == "family") n.family = v;
      if (std::string_view(part) == "mother") n.mother = v;
    }
    if (b.contains("gender")) p.gender = str(b, "gender");
    p.birth_date = SAWT_TRY(date_field(b, "birth_date", p.birth_date));
    if (b.contains("birth_place")) p.birth_place = str(b, "birth_place");
    if (b.contains("nationality")) p.nationality = str(b, "nationality");
    if (b.contains("id_number")) p.id_number = str(b, "id_number");
    if (b.contains("status")) p.status = str(b, "status");
    if (b.contains("facility")) p.facility_code = str(b, "facility");
    if (b.contains("notes")) p.notes = str(b, "notes");
    if (b.contains("confidential") && b["confidential"].is_boolean())
      p.confidential = b["confidential"].get<bool>();
    return {};
  };

  http.Post("/api/persons", wrap(*this, Mode::kWrite, kEditPersons, [apply_person](Call& c) -> Result<json> {
              auto b = SAWT_TRY(body_json(c.req));
              Person p;
              SAWT_CHECK(apply_person(b, p));
              auto added = SAWT_TRY(c.repo->add_person(p));
              // A case worker's new person belongs to their teams, so they keep seeing it.
              std::vector<std::string> teams = c.user.teams;
              if (b.contains("team") && b["team"].is_string()) {
                const auto t = str(b, "team");
                if (c.user.role == "admin" || c.user.role == "coordinator" ||
                    std::find(c.user.teams.begin(), c.user.teams.end(), t) != c.user.teams.end()) {
                  teams = {t};
                }
              }
              if (!teams.empty()) SAWT_CHECK(c.repo->set_person_teams(added.id, teams));
              if (added.confidential) SAWT_CHECK(c.repo->grant_access(added.id, c.user.username));
              // The access list of a confidential person: admins and coordinators name who else may see it.
              if (added.confidential && b.contains("access") && b["access"].is_array() &&
                  (c.user.role == "admin" || c.user.role == "coordinator")) {
                for (const auto& u : b["access"]) {
                  if (!u.is_string() || u.get<std::string>() == c.user.username) continue;
                  auto named = c.repo->find_user(u.get<std::string>());
                  if (!named)
                    return fail(ErrorKind::kBadInput, fmt::format("no user '{}'", u.get<std::string>()),
                                "access");
                  SAWT_CHECK(c.repo->grant_access(added.id, named->username));
                }
              }
              auto rules = SAWT_TRY(c.rules());
              SAWT_CHECK(app::refresh_person(*c.repo, rules, added.id, today()));
              c.res.status = 201;
              return json(added);
            }));

  http.Patch(R"(/api/persons/([A-Za-z0-9-]+))",
             wrap(*this, Mode::kWrite, kEditPersons, [apply_person](Call& c) -> Result<json> {
               auto p = SAWT_TRY(c.visible_person(c.req.matches[1]));
               auto b = SAWT_TRY(body_json(c.req));
               SAWT_CHECK(apply_person(b, p));
               SAWT_CHECK(c.repo->update_person(p));
               auto rules = SAWT_TRY(c.rules());
               SAWT_CHECK(app::refresh_person(*c.repo, rules, p.id, today()));
               return json(SAWT_TRY(c.repo->get_person(p.id)));
             }));

  http.Post(R"(/api/persons/([A-Za-z0-9-]+)/consents)",
            wrap(*this, Mode::kWrite, kEditPersons, [](Call& c) -> Result<json> {
              auto p = SAWT_TRY(c.visible_person(c.req.matches[1]));
              auto b = SAWT_TRY(body_json(c.req));
              ConsentRecord r;
              r.person_id = p.id;
              r.scope = str(b, "scope");
              r.partner = str(b, "partner");
              r.decision = SAWT_TRY(parse_consent(str(b, "decision")));
              r.given_by = str(b, "given_by");
              r.witness = str(b, "witness");
              r.date = SAWT_TRY(date_field(b, "date", PartialDate::from_days(today())));
              r.notes = str(b, "notes");
              const Id id = SAWT_TRY(c.repo->add_consent(r));
              auto rules = SAWT_TRY(c.rules());
              SAWT_CHECK(app::refresh_person(*c.repo, rules, p.id, today()));
              return json{{"id", id}};
            }));

  http.Post(R"(/api/persons/([A-Za-z0-9-]+)/events)",
            wrap(*this, Mode::kWrite, kEditPersons, [](Call& c) -> Result<json> {
              auto p = SAWT_TRY(c.visible_person(c.req.matches[1]));
              auto b = SAWT_TRY(body_json(c.req));
              Event e;
              e.person_id = p.id;
              e.type = str(b, "type");
              e.date = SAWT_TRY(date_field(b, "date"));
              e.description = str(b, "description");
              e.facility_code = str(b, "facility");
              const Id id = SAWT_TRY(c.repo->add_event(e));
              auto rules = SAWT_TRY(c.rules());
              SAWT_CHECK(app::refresh_person(*c.repo, rules, p.id, today()));
              return json{{"id", id}};
            }));

  http.Post(R"(/api/persons/([A-Za-z0-9-]+)/advocacy)",
            wrap(*this, Mode::kWrite, kEditPersons, [](Call& c) -> Result<json> {
              auto p = SAWT_TRY(c.visible_person(c.req.matches[1]));
              auto b = SAWT_TRY(body_json(c.req));
              AdvocacyAction a;
              a.person_id = p.id;
              a.action = str(b, "action");
              a.addressee = str(b, "addressee");
              a.date = SAWT_TRY(date_field(b, "date", PartialDate::from_days(today())));
              a.reference = str(b, "reference");
              a.response = str(b, "response");
              a.follow_up = SAWT_TRY(date_field(b, "follow_up"));
              a.act_until = SAWT_TRY(date_field(b, "act_until"));
              a.notes = str(b, "notes");
              const Id id = SAWT_TRY(c.repo->add_advocacy(a));
              auto rules = SAWT_TRY(c.rules());
              SAWT_CHECK(app::refresh_person(*c.repo, rules, p.id, today()));
              return json{{"id", id}};
            }));

  http.Get(
      R"(/api/persons/([A-Za-z0-9-]+)/dossier)",
      wrap(*this, Mode::kRead, kEditPersons, [](Call& c) -> Result<json> {
        auto p = SAWT_TRY(c.visible_person(c.req.matches[1]));
        const auto form = SAWT_TRY(reports::parse_form(c.req.get_param_value("form")));
        const auto lang = c.req.has_param("lang") ? c.req.get_param_value("lang") : std::string("en");
        const auto format = c.req.has_param("format") ? c.req.get_param_value("format") : std::string("html");
        auto rules = SAWT_TRY(c.rules());
        auto doc = SAWT_TRY(reports::make_dossier_document(*c.repo, rules, p.id, form, lang, {}));
        if (format == "pdf") {
          auto pdf = SAWT_TRY(render::to_pdf(doc));
          c.res.set_content(pdf, "application/pdf");
          c.res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}-{}-{}.pdf\"",
                                                              p.public_id, reports::form_code(form), lang));
        } else {
          c.res.set_content(SAWT_TRY(render::to_html(doc)), "text/html; charset=utf-8");
          // Self-contained: its own inline styles and data: images, nothing else at all.
          c.res.set_header("Content-Security-Policy",
                           "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors "
                           "'none'; base-uri 'none'");
        }
        return json::object();
      }));

  // ------------------------------------------------------------ reference, alerts, transfer
  http.Get("/api/facilities", wrap(*this, Mode::kRead, {}, [](Call& c) -> Result<json> {
             json out = json::array();
             for (const auto& f : SAWT_TRY(c.repo->list_facilities())) {
               json j = f;
               auto q = SAWT_TRY(c.store->db().prepare(
                   "SELECT COUNT(*) FROM persons WHERE facility_code = ? AND merged_into IS NULL"));
               q.bind(1, f.code);
               (void)SAWT_TRY(q.step());  // COUNT(*): always one row
               j["persons_held"] = q.int64(0);
               out.push_back(std::move(j));
             }
             return out;
           }));

  http.Get("/api/alerts", wrap(*this, Mode::kRead, kSeePersons, [](Call& c) -> Result<json> {
             store::Repository::AlertFilter f;
             if (c.req.has_param("due")) f.due_within_days = std::atoi(c.req.get_param_value("due").c_str());
             json out = json::array();
             for (const auto& a : SAWT_TRY(c.repo->alerts(f))) {
               if (!SAWT_TRY(c.repo->can_see(c.user, a.person_id))) continue;
               auto p = SAWT_TRY(c.repo->get_person(a.person_id));
               json j = a;
               j["person"] = p.public_id;
               j["name_ar"] = p.name_ar.display();
               j["name_lat"] = p.name_lat.display();
               out.push_back(std::move(j));
             }
             return json{{"alerts", out}};
           }));

  http.Post("/api/alerts/state", wrap(*this, Mode::kWrite, kEditPersons, [](Call& c) -> Result<json> {
              auto b = SAWT_TRY(body_json(c.req));
              const auto key = str(b, "key");
              auto q = SAWT_TRY(c.store->db().prepare("SELECT person_id FROM alerts WHERE key = ?"));
              q.bind(1, key);
              if (!SAWT_TRY(q.step()) || !SAWT_TRY(c.repo->can_see(c.user, q.int64(0)))) {
                return fail(ErrorKind::kNotFound, "no such alert");
              }
              SAWT_CHECK(c.repo->set_alert_state(key, str(b, "state"), str(b, "note")));
              return json::object();
            }));

  http.Get("/api/transfer", wrap(*this, Mode::kRead, kEditPersons, [](Call& c) -> Result<json> {
             auto rules = SAWT_TRY(c.rules());
             json out = json::array();
             std::map<std::string, int> counts;
             for (auto& s : SAWT_TRY(app::screen_all(*c.repo, rules, today()))) {
               if (!SAWT_TRY(c.repo->can_see(c.user, s.person.id))) continue;
               json j = app::to_json(s.screening);
               j["person"] = s.person.public_id;
               j["name_ar"] = s.person.name_ar.display();
               j["name_lat"] = s.person.name_lat.display();
               ++counts[j["eligibility"].get<std::string>()];
               out.push_back(std::move(j));
             }
             return json{{"agreement", rules.agreement.code}, {"counts", counts}, {"persons", out}};
           }));

  http.Get("/api/dashboard", wrap(*this, Mode::kRead, {}, [](Call& c) -> Result<json> {
             json counts = {{"persons", SAWT_TRY(c.repo->count_persons())}};
             auto by_status =
                 SAWT_TRY(c.store->db().prepare("SELECT status, COUNT(*) FROM persons WHERE merged_into IS "
                                                "NULL GROUP BY status ORDER BY status"));
             while (SAWT_TRY(by_status.step())) counts["by_status"][by_status.text(0)] = by_status.int64(1);
             counts["records"] = SAWT_TRY(c.store->db().query_int("SELECT COUNT(*) FROM source_records"));
             counts["sources"] = SAWT_TRY(c.store->db().query_int("SELECT COUNT(*) FROM sources"));
             if (c.user.role == "researcher")
               return json{{"counts", counts}, {"alerts", json::array()}, {"high_risk", json::array()}};
             store::Repository::AlertFilter f;
             f.due_within_days = 30;
             json alerts = json::array();
             for (const auto& a : SAWT_TRY(c.repo->alerts(f))) {
               if (a.stage == "overdue" || !SAWT_TRY(c.repo->can_see(c.user, a.person_id))) continue;
               auto p = SAWT_TRY(c.repo->get_person(a.person_id));
               json j = a;
               j["person"] = p.public_id;
               j["name_ar"] = p.name_ar.display();
               j["name_lat"] = p.name_lat.display();
               alerts.push_back(std::move(j));
             }
             json high = json::array();
             auto q = SAWT_TRY(
                 c.store->db().prepare(fmt::format("SELECT p.id, r.level, r.explanation_en, r.explanation_ar "
                                                   "FROM person_risk r JOIN persons p ON p.id = r.person_id "
                                                   "WHERE r.level IN ('critical', 'high') AND p.merged_into "
                                                   "IS NULL AND {} ORDER BY r.score DESC LIMIT 20",
                                                   store::Repository::visibility_sql(c.user))));
             while (SAWT_TRY(q.step())) {
               auto p = SAWT_TRY(c.repo->get_person(q.int64(0)));
               high.push_back({{"person", p.public_id},
                               {"name_ar", p.name_ar.display()},
                               {"name_lat", p.name_lat.display()},
                               {"level", q.text(1)},
                               {"explanation", q.text(2)},
                               {"explanation_ar", q.text(3)}});
             }
             return json{{"counts", counts}, {"alerts", alerts}, {"high_risk", high}};
           }));

  // ------------------------------------------------------------ users and audit (admin)
  http.Get("/api/users", wrap(*this, Mode::kRead, {"admin"},
                              [](Call& c) -> Result<json> { return json(SAWT_TRY(c.repo->list_users())); }));
  http.Post("/api/users", wrap(*this, Mode::kWrite, {"admin"}, [](Call& c) -> Result<json> {
              auto b = SAWT_TRY(body_json(c.req));
              User u;
              u.username = str(b, "username");
              u.display_name = str(b, "display_name");
              u.role = str(b, "role");
              if (b.contains("teams") && b["teams"].is_array()) {
                for (const auto& t : b["teams"]) {
                  if (t.is_string()) u.teams.push_back(t.get<std::string>());
                }
              }
              auto added = SAWT_TRY(c.repo->add_user(u, crypto::make_passphrase(str(b, "password"))));
              c.res.status = 201;
              return json(added);
            }));
  http.Patch(R"(/api/users/([a-z0-9._-]+))",
             wrap(*this, Mode::kWrite, {"admin"}, [this](Call& c) -> Result<json> {
               auto b = SAWT_TRY(body_json(c.req));
               auto u = SAWT_TRY(c.repo->find_user(c.req.matches[1].str()));
               if (b.contains("role")) u.role = str(b, "role");
               if (b.contains("display_name")) u.display_name = str(b, "display_name");
               if (b.contains("disabled") && b["disabled"].is_boolean())
                 u.disabled = b["disabled"].get<bool>();
               if (b.contains("teams") && b["teams"].is_array()) {
                 u.teams.clear();
                 for (const auto& t : b["teams"]) {
                   if (t.is_string()) u.teams.push_back(t.get<std::string>());
                 }
               }
               SAWT_CHECK(c.repo->update_user(u));
               if (b.contains("password"))
                 SAWT_CHECK(c.repo->set_password(u.username, crypto::make_passphrase(str(b, "password"))));
               if (u.disabled || b.contains("password") || b.contains("role"))
                 sessions_.end_all_for(u.username);
               return json(SAWT_TRY(c.repo->find_user(u.username)));
             }));
  http.Get("/api/audit", wrap(*this, Mode::kRead, {"admin"}, [](Call& c) -> Result<json> {
             const int limit = std::clamp(
                 c.req.has_param("limit") ? std::atoi(c.req.get_param_value("limit").c_str()) : 100, 1, 500);
             const std::int64_t before = c.req.has_param("before")
                                             ? std::atoll(c.req.get_param_value("before").c_str())
                                             : (1LL << 62);
             auto q =
                 SAWT_TRY(c.store->db().prepare("SELECT id, at, actor, action, entity, entity_id, before, "
                                                "after FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?"));
             q.bind(1, before).bind(2, limit);
             json rows = json::array();
             while (SAWT_TRY(q.step())) {
               rows.push_back({{"id", q.int64(0)},
                               {"at", q.text(1)},
                               {"actor", q.text(2)},
                               {"action", q.text(3)},
                               {"entity", q.text(4)},
                               {"entity_id", q.text(5)},
                               {"before", q.text(6)},
                               {"after", q.text(7)}});
             }
             auto v = SAWT_TRY(c.store->audit().verify());
             json verified = {{"ok", !v.first_bad.has_value()}, {"rows", v.rows}};
             if (v.first_bad) verified["first_bad_row"] = *v.first_bad;
             return json{{"rows", rows}, {"verified", verified}};
           }));

  install_conditions_routes(*this, http);
  install_review_routes(*this, http);
  install_imports_routes(*this, http);
  install_exports_routes(*this, http);
  install_web_routes(*this, http);
}

}  // namespace sawt::server
