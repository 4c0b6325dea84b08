// Routes for the web interface's reference data and person-page extras:
// vocabularies, sources and their quarantine, documents (of persons, visits
// and incidents), and the access list of confidential persons (docs/API.md).
// Thin: the repository and app/documents do the work.
#include <fmt/format.h>

#include <charconv>

#include "app/documents.h"
#include "domain/json.h"
#include "server/api_call.h"

namespace sawt::server {

namespace {

const std::vector<std::string> kCurators = {"admin", "coordinator"};

Result<Id> id_param(const std::string& text, std::string_view what) {
  Id id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) {
    return fail(ErrorKind::kNotFound, fmt::format("no {} '{}'", what, text));
  }
  return id;
}

// The document `ref` if the caller may read it (Repository::can_see_document)
// and it is not deleted; otherwise not found, exactly like a document that
// never existed.
Result<Document> visible_document(Call& c, const std::string& ref) {
  const Id id = SAWT_TRY(id_param(ref, "document"));
  auto d = c.repo->get_document(id);
  if (!d || !d->deleted_at.empty() || !SAWT_TRY(c.repo->can_see_document(c.user, *d))) {
    return fail(ErrorKind::kNotFound, fmt::format("no document '{}'", ref));
  }
  return *d;
}

// The visit or incident named by the path's first match, if it exists (else
// 404) and the caller may read its documents (an incident naming persons the
// caller may not see: 403, since the incident itself is shown to every role).
Result<Id> monitoring_owner(Call& c, DocumentOwner owner) {
  const Id id = SAWT_TRY(id_param(c.req.matches[1], document_owner_name(owner)));
  SAWT_CHECK(c.repo->document_owner_exists(owner, id));
  if (owner == DocumentOwner::kIncident && !SAWT_TRY(c.repo->can_see_incident_documents(c.user, id))) {
    return fail(ErrorKind::kAuth,
                "this incident names persons you may not see, so its documents are not shown", "incident",
                "ask a coordinator who may see every person it names");
  }
  return id;
}

// Stores the request body as a document of OWNER_ID; the file is the raw body
// (no multipart) and its type comes from its bytes.
Result<json> upload_document(Call& c, DocumentOwner owner, Id owner_id) {
  app::NewDocument meta{param(c.req, "title"), param(c.req, "kind"), param(c.req, "name"),
                        param(c.req, "date")};
  auto d = SAWT_TRY(app::attach_document(*c.repo, owner, owner_id, c.req.body, meta));
  c.res.status = 201;
  return json(d);
}

json access_json(Call& c, const Person& p) {
  auto users = c.repo->person_access(p.id);
  return json{{"person", p.public_id},
              {"confidential", p.confidential},
              {"users", users ? *users : std::vector<std::string>{}}};
}

}  // namespace

void install_web_routes(Api& api, httplib::Server& http) {
  // ------------------------------------------------------------ vocabularies
  // The store's vocabularies (shipped lists with its reference/ overrides), in
  // file order: {"vocabularies": {"charges": [{"code", "ar", "en"}...]...}}.
  http.Get("/api/vocab", wrap(api, Mode::kRead, {}, [](Call& c) -> Result<json> {
             const auto& all = c.store->vocab();
             json lists = json::object();
             for (const auto& name : all.names()) {
               json terms = json::array();
               for (const auto& t : all.get(name)->terms())
                 terms.push_back({{"code", t.code}, {"ar", t.ar}, {"en", t.en}});
               lists[name] = std::move(terms);
             }
             return json{{"vocabularies", std::move(lists)}};
           }));

  // ------------------------------------------------------------ sources
  http.Get("/api/sources", wrap(api, Mode::kRead, {}, [](Call& c) -> Result<json> {
             json out = json::array();
             for (const auto& s : SAWT_TRY(c.repo->source_summaries())) {
               json j = s.source;
               j["records"] = s.records;
               j["persons"] = s.persons;
               j["imports"] = s.imports;
               j["quarantined"] = s.quarantined;
               j["last_import"] = s.last_import;
               out.push_back(std::move(j));
             }
             return json{{"sources", std::move(out)}};
           }));
  http.Get(R"(/api/sources/([0-9]+)/quarantine)",
           wrap(api, Mode::kRead, kCurators, [](Call& c) -> Result<json> {
             const Id id = SAWT_TRY(id_param(c.req.matches[1], "source"));
             json rows = json::array();
             for (const auto& q : SAWT_TRY(c.repo->source_quarantine(id))) {
               rows.push_back({{"import_id", q.row.import_id},
                               {"file", q.file},
                               {"imported_at", q.imported_at},
                               {"line", q.row.line},
                               {"reason", q.row.reason},
                               {"raw", q.row.raw}});
             }
             return json{{"source_id", id}, {"rows", std::move(rows)}};
           }));

  // ------------------------------------------------------------ documents
  http.Get(R"(/api/persons/([A-Za-z0-9-]+)/documents)",
           wrap(api, Mode::kRead, kSeePersons, [](Call& c) -> Result<json> {
             auto p = SAWT_TRY(c.visible_person(c.req.matches[1]));
             return json{{"documents", SAWT_TRY(c.repo->documents(p.id))}};
           }));
  http.Post(R"(/api/persons/([A-Za-z0-9-]+)/documents)",
            wrap(api, Mode::kWrite, kEditPersons, [](Call& c) -> Result<json> {
              auto p = SAWT_TRY(c.visible_person(c.req.matches[1]));
              return upload_document(c, DocumentOwner::kPerson, p.id);
            }));
  // Documents of monitoring visits and incidents (photos, visit reports).
  for (const DocumentOwner owner : {DocumentOwner::kVisit, DocumentOwner::kIncident}) {
    const auto path = fmt::format(R"(/api/{}s/([0-9]+)/documents)", document_owner_name(owner));
    http.Get(path, wrap(api, Mode::kRead, kSeePersons, [owner](Call& c) -> Result<json> {
               const Id id = SAWT_TRY(monitoring_owner(c, owner));
               return json{{document_owner_name(owner), id},
                           {"documents", SAWT_TRY(c.repo->documents(owner, id))}};
             }));
    http.Post(path, wrap(api, Mode::kWrite, kEditPersons, [owner](Call& c) -> Result<json> {
                return upload_document(c, owner, SAWT_TRY(monitoring_owner(c, owner)));
              }));
  }
  // Always an attachment, never rendered: a document may be hostile.
  http.Get(R"(/api/documents/([0-9]+))", wrap(api, Mode::kRead, kSeePersons, [](Call& c) -> Result<json> {
             auto d = SAWT_TRY(visible_document(c, c.req.matches[1]));
             auto bytes = SAWT_TRY(c.repo->document_content(d.id));
             c.res.set_content(std::move(bytes), d.content_type);
             c.res.set_header("Content-Disposition",
                              fmt::format("attachment; filename=\"{}\"", app::download_name(d)));
             c.res.set_header("Content-Security-Policy",
                              "default-src 'none'; sandbox; frame-ancestors 'none'");
             return json::object();
           }));
  http.Delete(R"(/api/documents/([0-9]+))",
              wrap(api, Mode::kWrite, kEditPersons, [](Call& c) -> Result<json> {
                auto d = SAWT_TRY(visible_document(c, c.req.matches[1]));
                SAWT_CHECK(c.repo->delete_document(d.id));
                return json::object();
              }));

  // ------------------------------------------------------------ confidential persons' access lists
  // Who may be named: enabled users, for the access picker.
  http.Get(
      "/api/user-names", wrap(api, Mode::kRead, kCurators, [](Call& c) -> Result<json> {
        json out = json::array();
        for (const auto& u : SAWT_TRY(c.repo->list_users())) {
          if (!u.disabled)
            out.push_back({{"username", u.username}, {"display_name", u.display_name}, {"role", u.role}});
        }
        return out;
      }));
  http.Get(R"(/api/persons/([A-Za-z0-9-]+)/access)",
           wrap(api, Mode::kRead, kCurators, [](Call& c) -> Result<json> {
             auto p = SAWT_TRY(c.visible_person(c.req.matches[1]));
             return access_json(c, p);
           }));
  // Replaces the list: {"users": ["amal", ...]}; unknown names are bad input.
  http.Put(R"(/api/persons/([A-Za-z0-9-]+)/access)",
           wrap(api, Mode::kWrite, kCurators, [](Call& c) -> Result<json> {
             auto p = SAWT_TRY(c.visible_person(c.req.matches[1]));
             auto b = SAWT_TRY(body_json(c.req));
             if (!b.contains("users") || !b["users"].is_array()) {
               return fail(ErrorKind::kUsage, "send {\"users\": [user names]}", "users");
             }
             std::vector<std::string> wanted;
             for (const auto& u : b["users"]) {
               if (!u.is_string()) return fail(ErrorKind::kBadInput, "user names are strings", "users");
               auto found = c.repo->find_user(u.get<std::string>());
               if (!found)
                 return fail(ErrorKind::kBadInput, fmt::format("no user '{}'", u.get<std::string>()),
                             "users");
               wanted.push_back(found->username);
             }
             const auto had = SAWT_TRY(c.repo->person_access(p.id));
             const auto in = [](const std::vector<std::string>& v, const std::string& x) {
               return std::find(v.begin(), v.end(), x) != v.end();
             };
             for (const auto& u : had) {
               if (!in(wanted, u)) SAWT_CHECK(c.repo->revoke_access(p.id, u));
             }
             for (const auto& u : wanted) {
               if (!in(had, u)) SAWT_CHECK(c.repo->grant_access(p.id, u));
             }
             return access_json(c, p);
           }));
}

}  // namespace sawt::server
