// API tests against the real server: `sawt serve` on loopback over a demo
// store, with users of every role. Checks authentication, CSRF, session
// expiry, login throttling, security headers, the role x endpoint matrix with
// guessed ids, and that script payloads in names come back as inert data.
#include <fmt/format.h>

#include <atomic>
#include <set>
#include <thread>

#include "server/harness.h"

namespace {

using namespace sawt::testing::api;

TEST(Api, RequiresLoginAndSendsSecurityHeaders) {
  Browser b;
  auto r = b.get("/api/persons");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  const auto csp = r->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(csp.find("http"), std::string::npos) << "no external origin may be allowed";
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  auto page = b.get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->get_header_value("X-Frame-Options"), "DENY");
  for (const char* external : {"http://", "https://", "//cdn", "fonts.googleapis"}) {
    EXPECT_EQ(page->body.find(external), std::string::npos) << external;
  }
}

TEST(Api, SessionCookieIsHttpOnlyStrictAndNewAtEachLogin) {
  Browser a;
  ASSERT_EQ(a.login("coord1"), 200);
  Browser b;
  ASSERT_EQ(b.login("coord1"), 200);
  EXPECT_NE(a.cookie, b.cookie);
  auto r = a.cli.Post("/api/login", json{{"username", "coord1"}, {"password", "a long password 123"}}.dump(),
                      "application/json");
  const auto set = r->get_header_value("Set-Cookie");
  EXPECT_NE(set.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set.find("SameSite=Strict"), std::string::npos);
}

TEST(Api, StateChangesNeedTheCsrfToken) {
  Browser b;
  ASSERT_EQ(b.login("coord1"), 200);
  auto without = b.post("/api/persons", {{"name_lat", "Csrf Test"}}, /*with_csrf=*/false);
  ASSERT_TRUE(without);
  EXPECT_EQ(without->status, 403);
  auto with = b.post("/api/persons", {{"name_lat", "Csrf Test"}});
  ASSERT_TRUE(with);
  EXPECT_EQ(with->status, 201);
}

TEST(Api, LoginIsThrottled) {
  Browser b;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(b.login("victim", "wrong password " + std::to_string(i)), 401);
  EXPECT_EQ(b.login("victim"), 429) << "even the right password is refused while locked";
}

TEST(Api, SessionsExpireWhenIdle) {
  Browser b;
  ASSERT_EQ(b.login("coord1"), 200);
  EXPECT_EQ(b.get("/api/me")->status, 200);
  std::this_thread::sleep_for(std::chrono::seconds(4));  // the test server's idle timeout is 3 s
  EXPECT_EQ(b.get("/api/me")->status, 401);
}

TEST(Api, RoleByEndpointMatrixWithGuessedIds) {
  struct Case {
    std::string user;
    int persons_list, person_page, users, audit, create;
  };
  // Expected statuses. Case workers and viewers see only their team's persons: P-000001
  // belongs to no team, so for them it is 404, exactly like a person that does not exist.
  const std::vector<Case> cases = {
      {"admin1", 200, 200, 200, 200, 201}, {"coord1", 200, 200, 403, 403, 201},
      {"cw1", 200, 404, 403, 403, 201},    {"res1", 403, 403, 403, 403, 403},
      {"view1", 200, 404, 403, 403, 403},
  };
  for (const auto& c : cases) {
    Browser b;
    ASSERT_EQ(b.login(c.user), 200) << c.user;
    EXPECT_EQ(b.get("/api/persons")->status, c.persons_list) << c.user;
    EXPECT_EQ(b.get("/api/persons/P-000001")->status, c.person_page) << c.user;
    EXPECT_EQ(b.get("/api/users")->status, c.users) << c.user;
    EXPECT_EQ(b.get("/api/audit")->status, c.audit) << c.user;
    EXPECT_EQ(b.post("/api/persons", {{"name_lat", "Matrix " + c.user}})->status, c.create) << c.user;
    // Guessed ids never reveal whether a person exists.
    for (const char* guess : {"P-999999", "P-000000", "999999", "..%2F..%2Fetc"}) {
      const auto r = b.get(std::string("/api/persons/") + guess);
      EXPECT_TRUE(r->status == 404 || r->status == 403) << c.user << " " << guess << " " << r->status;
    }
    // Existing persons outside the user's teams look exactly like missing ones.
    if (c.user == "cw1" || c.user == "view1") {
      for (int i = 1; i <= 60; i += 7) {
        const auto r = b.get(fmt::format("/api/persons/P-{:06}", i));
        EXPECT_EQ(r->status, 404) << c.user << " P-" << i;
        // Viewers may not make dossiers at all (403 for every id); case workers get 404 outside their teams.
        EXPECT_EQ(b.get(fmt::format("/api/persons/P-{:06}/dossier?form=wgad", i))->status,
                  c.user == "cw1" ? 404 : 403);
      }
    }
  }
}

// A case worker searching a name the store holds many times finds their own
// team's person: hits are the best among what they may see, not what is left
// of the whole store's best 200 once the others are hidden. The same for a
// filter (status).
TEST(Api, ACaseWorkerFindsTheirPersonAmongManyNamesakesOfOtherTeams) {
  Browser cw;
  ASSERT_EQ(cw.login("cw1"), 200);
  auto own =
      cw.post("/api/persons", {{"name_lat", "Zakariya Haddadin"}, {"gender", "m"}, {"status", "released"}});
  ASSERT_EQ(own->status, 201);
  const std::string own_id = json::parse(own->body)["public_id"];
  Browser admin;  // newer namesakes in no team of cw1's, ahead of cw1's person in index order
  ASSERT_EQ(admin.login("admin1"), 200);
  for (int i = 0; i < 210; ++i) {
    ASSERT_EQ(admin.post("/api/persons", {{"name_lat", "Zakariya Haddadin"}, {"gender", "m"}})->status, 201);
  }
  auto r = cw.get("/api/persons?q=Zakariya%20Haddadin");
  ASSERT_EQ(r->status, 200);
  const auto body = json::parse(r->body);
  ASSERT_EQ(body["persons"].size(), 1U) << r->body;
  EXPECT_EQ(body["persons"][0]["public_id"], own_id);
  EXPECT_EQ(json::parse(admin.get("/api/persons?q=Zakariya%20Haddadin")->body)["total"], 200);
  // A filter is checked while ranking too: the one released namesake, oldest of 211.
  auto released = json::parse(admin.get("/api/persons?q=Zakariya%20Haddadin&status=released")->body);
  ASSERT_EQ(released["persons"].size(), 1U) << released.dump();
  EXPECT_EQ(released["persons"][0]["public_id"], own_id);
}

TEST(Api, CaseWorkersSeeTheirTeamsPersonsOnly) {
  Browser cw;
  ASSERT_EQ(cw.login("cw1"), 200);
  auto created = cw.post("/api/persons", {{"name_ar", "سمير الخطيب"}, {"gender", "m"}});
  ASSERT_EQ(created->status, 201);
  const std::string id = json::parse(created->body)["public_id"];
  EXPECT_EQ(cw.get("/api/persons/" + id)->status, 200);
  auto list = json::parse(cw.get("/api/persons")->body);
  for (const auto& p : list["persons"]) {
    EXPECT_NE(p["public_id"], "P-000001") << "a case worker listed a person outside their team";
  }
  Browser viewer;  // same team: may read
  ASSERT_EQ(viewer.login("view1"), 200);
  EXPECT_EQ(viewer.get("/api/persons/" + id)->status, 200);
  EXPECT_EQ(viewer.patch("/api/persons/" + id, {{"notes", "x"}})->status, 403);
}

TEST(Api, ScriptPayloadsInNamesComeBackAsData) {
  Browser b;
  ASSERT_EQ(b.login("coord1"), 200);
  const std::string ar = "<script>alert('اختراق')</script>محمد";
  const std::string lat = "<img src=x onerror=alert(1)>Mohamed";
  auto r = b.post("/api/persons", {{"name_ar", ar}, {"name_lat", lat}});
  ASSERT_EQ(r->status, 201);
  const std::string id = json::parse(r->body)["public_id"];
  auto page = b.get("/api/persons/" + id);
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type").rfind("application/json", 0), 0U);
  auto j = json::parse(page->body);
  EXPECT_EQ(j["name_ar"]["full"], ar);  // stored and returned verbatim, as JSON data
  EXPECT_EQ(j["name_lat"]["full"], lat);
}

TEST(Api, SearchFindsArabicByLatinSpelling) {
  Browser b;
  ASSERT_EQ(b.login("coord1"), 200);
  ASSERT_EQ(b.post("/api/persons", {{"name_ar", "أسامة إبراهيم الحموي"}})->status, 201);
  auto r = b.get("/api/persons?q=Osama%20Hamwi");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("أسامة إبراهيم الحموي"), std::string::npos) << r->body;
}

TEST(Api, SearchSeesAPersonAddedAfterTheSameSearch) {
  Browser b;
  ASSERT_EQ(b.login("coord1"), 200);
  // The server remembers searches until the store changes: the same search
  // after an addition must find the new person.
  const std::string q =
      "/api/persons?q=%D8%B2%D9%8A%D8%A7%D8%AF%20%D8%A7%D9%84%D9%82%D8%A7%D8%B3%D9%85";  // زياد القاسم
  for (int i = 0; i < 3; ++i) ASSERT_EQ(b.get(q)->status, 200);
  EXPECT_EQ(json::parse(b.get(q)->body)["total"], 0);
  Browser writer;  // another connection, so another worker thread and store connection
  ASSERT_EQ(writer.login("coord1"), 200);
  ASSERT_EQ(writer.post("/api/persons", {{"name_ar", "زياد القاسم"}})->status, 201);
  for (int i = 0; i < 20; ++i) {
    auto r = json::parse(b.get(q)->body);
    EXPECT_EQ(r["total"], 1) << "request " << i;
  }
}

// More requests at once than the server has store connections (8 worker
// threads share a pool of cores + 2): every request is answered, readers and
// writers alike, and a writer's new person is found by every reader after.
TEST(Api, ConcurrentRequestsShareThePooledConnections) {
  constexpr int kClients = 8;
  constexpr int kRounds = 12;
  std::vector<std::thread> clients;
  std::atomic<int> answered{0}, failed{0};
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      Browser b;
      if (b.login("coord1") != 200) {
        ++failed;
        return;
      }
      for (int i = 0; i < kRounds; ++i) {
        httplib::Result r =
            c % 4 == 0 ? b.post("/api/persons", {{"name_lat", fmt::format("Pool Tester{}x{}", c, i)}})
                       : b.get(fmt::format("/api/persons?q=Tester{}x{}", c, i));
        if (r && (r->status == 200 || r->status == 201)) {
          ++answered;
        } else {
          ++failed;
        }
        r = b.get("/api/persons?limit=5");
        if (r && r->status == 200)
          ++answered;
        else
          ++failed;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(answered, kClients * kRounds * 2);
  Browser reader;
  ASSERT_EQ(reader.login("coord1"), 200);
  auto r = reader.get("/api/persons?q=Pool%20Tester4x11");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("Pool Tester4x11"), std::string::npos) << r->body;
}

// The server remembers a search's visible hits per user until the store
// changes: one user's result must never be served to another, and a change
// of access must show at once in the same search.
TEST(Api, RememberedSearchesAreNeverSharedAcrossUsers) {
  Browser coord;
  ASSERT_EQ(coord.login("coord1"), 200);
  auto created = coord.post("/api/persons", {{"name_ar", "منذر الصيرفي"}, {"confidential", true}, {"team", "north"},
                                             {"access", {"cw1"}}});
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = json::parse(created->body)["public_id"];
  const std::string q = "/api/persons?q=%D9%85%D9%86%D8%B0%D8%B1%20%D8%A7%D9%84%D8%B5%D9%8A%D8%B1%D9%81%D9%8A";  // منذر الصيرفي
  const auto found = [&](Browser& b) {
    auto r = b.get(q);
    EXPECT_EQ(r->status, 200);
    return r->body.find(id) != std::string::npos;
  };
  Browser cw;
  ASSERT_EQ(cw.login("cw1"), 200);
  Browser viewer;  // same team, not named
  ASSERT_EQ(viewer.login("view1"), 200);
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(found(coord));
    EXPECT_TRUE(found(cw));
    EXPECT_FALSE(found(viewer)) << "a confidential person reached an unnamed user through a remembered search";
  }
  auto put = coord.cli.Put(("/api/persons/" + id + "/access").c_str(), coord.headers(),
                           R"({"users": ["coord1", "view1"]})", "application/json");
  ASSERT_EQ(put->status, 200) << put->body;
  EXPECT_FALSE(found(cw)) << "cw1 was taken off the list";
  EXPECT_TRUE(found(viewer));
}

TEST(Api, BadInputGetsAClearError) {
  Browser b;
  ASSERT_EQ(b.login("coord1"), 200);
  auto r = b.post("/api/persons", {{"name_lat", "Date Test"}, {"birth_date", "1985-13-40"}});
  ASSERT_EQ(r->status, 422);
  auto e = json::parse(r->body)["error"];
  EXPECT_EQ(e["kind"], "bad_input");
  EXPECT_EQ(e["where"], "birth_date");
  EXPECT_FALSE(e["hint"].get<std::string>().empty());
  auto bad = b.cli.Post("/api/persons", b.headers(), "not json", "application/json");
  EXPECT_EQ(bad->status, 400);
}

TEST(Api, DossierWithoutConsentIsARefusal) {
  Browser b;
  ASSERT_EQ(b.login("coord1"), 200);
  auto created = b.post("/api/persons", {{"name_lat", "No Consent Person"}});
  const std::string id = json::parse(created->body)["public_id"];
  auto r = b.get("/api/persons/" + id + "/dossier?form=wgad&lang=en&format=pdf");
  ASSERT_EQ(r->status, 403);
  EXPECT_NE(r->body.find("consent"), std::string::npos);
  ASSERT_EQ(b.post("/api/persons/" + id + "/consents",
                   {{"scope", "un_submission"}, {"decision", "granted"}, {"given_by", "self"}})
                ->status,
            200);
  auto pdf = b.get("/api/persons/" + id + "/dossier?form=wgad&lang=ar&format=pdf");
  ASSERT_EQ(pdf->status, 200);
  EXPECT_EQ(pdf->body.rfind("%PDF", 0), 0U);
}

TEST(Api, DisabledUsersAreLoggedOut) {
  Browser admin;
  ASSERT_EQ(admin.login("admin1"), 200);
  ASSERT_EQ(admin
                .post("/api/users",
                      {{"username", "temp1"}, {"role", "coordinator"}, {"password", "a long password 123"}})
                ->status,
            201);
  Browser temp;
  ASSERT_EQ(temp.login("temp1"), 200);
  ASSERT_EQ(temp.get("/api/me")->status, 200);
  ASSERT_EQ(admin.patch("/api/users/temp1", {{"disabled", true}})->status, 200);
  EXPECT_EQ(temp.get("/api/me")->status, 401);
  EXPECT_EQ(temp.login("temp1"), 401);
}

// ------------------------------------------------------------ linkage review

TEST(Api, ReviewRoleByEndpointMatrixWithGuessedIds) {
  struct Case {
    std::string user;
    int queue, pair, decide, link;
  };
  // Deciding takes a role that may edit persons; a pair is visible only when both
  // of its persons are (the demo's persons belong to no team: 404 for case
  // workers, like a pair that does not exist); running linkage is for admins
  // and coordinators.
  const std::vector<Case> cases = {
      {"admin1", 200, 200, 400, 200},
      {"coord1", 200, 200, 400, 200},
      {"cw1", 200, 404, 404, 403},
      {"res1", 403, 403, 403, 403},
      {"view1", 403, 403, 403, 403},
  };
  for (const auto& c : cases) {
    Browser b;
    ASSERT_EQ(b.login(c.user), 200) << c.user;
    auto queue = b.get("/api/review");
    EXPECT_EQ(queue->status, c.queue) << c.user;
    if (c.user == "cw1") {
      EXPECT_EQ(json::parse(queue->body)["total"], 0) << "pairs outside the user's teams are hidden";
    }
    EXPECT_EQ(b.get("/api/review/1")->status, c.pair) << c.user;
    // An unknown decision is bad input, but only for someone allowed to decide this pair.
    EXPECT_EQ(b.post("/api/review/1/decision", {{"decision", "perhaps"}})->status, c.decide) << c.user;
    EXPECT_EQ(b.post("/api/link", json::object())->status, c.link) << c.user;
    for (const char* guess : {"999999", "0", "-1", "abc"}) {
      const auto r = b.get(std::string("/api/review/") + guess);
      EXPECT_TRUE(r->status == 404 || r->status == 403) << c.user << " " << guess << " " << r->status;
      const auto d = b.post(std::string("/api/review/") + guess + "/decision", {{"decision", "match"}});
      EXPECT_TRUE(d->status == 404 || d->status == 403) << c.user << " " << guess << " " << d->status;
    }
  }
}

TEST(Api, ReviewDecideMergesAndUndoRestores) {
  Browser b;
  ASSERT_EQ(b.login("coord1"), 200);
  auto queue = json::parse(b.get("/api/review?limit=5")->body);
  ASSERT_GT(queue["total"].get<int>(), 0) << "the demo store has pairs to review";
  ASSERT_LE(queue["pairs"].size(), 5U);
  const auto& first = queue["pairs"][0];
  const std::string id = std::to_string(first["id"].get<int>());
  auto pair = json::parse(b.get("/api/review/" + id)->body);
  ASSERT_TRUE(pair["a"].contains("name"));
  ASSERT_FALSE(pair["fields"].empty()) << "the explanation lists the fields compared";
  EXPECT_FALSE(pair["explanation"].get<std::string>().empty());
  const std::string pa = pair["a"]["person"], pb = pair["b"]["person"];
  ASSERT_NE(pa, pb);

  EXPECT_EQ(b.post("/api/review/" + id + "/decision", {{"decision", "match"}}, /*with_csrf=*/false)->status, 403);
  auto decided = b.post("/api/review/" + id + "/decision", {{"decision", "match"}, {"note", "same mother, same arrest"}});
  ASSERT_EQ(decided->status, 200) << decided->body;
  const auto result = json::parse(decided->body);
  const std::string survivor = result["persons"][0], merged = result["persons"][1];
  EXPECT_EQ(std::set<std::string>({survivor, merged}), std::set<std::string>({pa, pb}));
  // The merged person's page is the survivor's, with both records.
  auto page = json::parse(b.get("/api/persons/" + merged)->body);
  EXPECT_EQ(page["public_id"], survivor);
  std::set<int> records;
  for (const auto& r : page["records"]) records.insert(r["id"].get<int>());
  EXPECT_TRUE(records.contains(pair["a"]["id"].get<int>()) && records.contains(pair["b"]["id"].get<int>()));
  EXPECT_EQ(b.post("/api/review/" + id + "/decision", {{"decision", "no_match"}})->status, 409)
      << "a decided pair is not decided twice";
  auto after = json::parse(b.get("/api/review")->body);
  EXPECT_EQ(after["total"].get<int>(), queue["total"].get<int>() - 1);
  EXPECT_TRUE(after["can_undo"].get<bool>());

  // Someone else cannot undo it; its author can.
  Browser admin;
  ASSERT_EQ(admin.login("admin1"), 200);
  EXPECT_EQ(admin.post("/api/review/undo", json::object())->status, 404);
  auto undone = b.post("/api/review/undo", json::object());
  ASSERT_EQ(undone->status, 200) << undone->body;
  EXPECT_EQ(json::parse(b.get("/api/persons/" + merged)->body)["public_id"], merged);
  EXPECT_EQ(json::parse(b.get("/api/review")->body)["total"], queue["total"]);

  // Not a match, then linkage again: the pair stays decided and apart.
  ASSERT_EQ(b.post("/api/review/" + id + "/decision", {{"decision", "no_match"}})->status, 200);
  auto run = b.post("/api/link", json::object());
  ASSERT_EQ(run->status, 200) << run->body;
  EXPECT_EQ(json::parse(run->body)["labelled_pairs"], 1);
  EXPECT_NE(json::parse(b.get("/api/persons/" + pa)->body)["public_id"],
            json::parse(b.get("/api/persons/" + pb)->body)["public_id"]);
  ASSERT_EQ(b.post("/api/review/undo", json::object())->status, 200);
  EXPECT_EQ(b.post("/api/link", {{"match_threshold", 2}})->status, 400) << "thresholds are probabilities";
}

// ------------------------------------------------------------ vocabularies, sources, documents, access lists

const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

// Uploads BYTES as a document of PERSON; returns the response.
httplib::Result upload(Browser& b, const std::string& person, const std::string& bytes,
                       const std::string& query = "?name=judgment.pdf&title=Judgment&kind=judgment") {
  return b.cli.Post(("/api/persons/" + person + "/documents" + query).c_str(), b.headers(), bytes,
                    "application/octet-stream");
}

TEST(Api, RoleByEndpointMatrixForVocabSourcesDocumentsAndAccess) {
  Browser admin;
  ASSERT_EQ(admin.login("admin1"), 200);
  struct Case {
    std::string user;
    int vocab, sources, quarantine, user_names, docs_list, doc_upload, doc_get, access_get, access_put,
        doc_delete;
  };
  // P-000001 belongs to no team: case workers and viewers get 404 for it, as for a missing person.
  const std::vector<Case> cases = {
      {"res1", 200, 200, 403, 403, 403, 403, 403, 403, 403, 403},
      {"view1", 200, 200, 403, 403, 404, 403, 404, 403, 403, 403},
      {"cw1", 200, 200, 403, 403, 404, 404, 404, 403, 403, 404},
      {"coord1", 200, 200, 200, 200, 200, 201, 200, 200, 200, 200},
      {"admin1", 200, 200, 200, 200, 200, 201, 200, 200, 200, 200},
  };
  for (const auto& c : cases) {
    // A document on P-000001 (no team) for this user to read and delete.
    auto made = upload(admin, "P-000001", kPdf);
    ASSERT_EQ(made->status, 201) << made->body;
    const std::string doc = std::to_string(json::parse(made->body)["id"].get<long>());
    Browser b;
    ASSERT_EQ(b.login(c.user), 200) << c.user;
    EXPECT_EQ(b.get("/api/vocab")->status, c.vocab) << c.user;
    EXPECT_EQ(b.get("/api/sources")->status, c.sources) << c.user;
    EXPECT_EQ(b.get("/api/sources/1/quarantine")->status, c.quarantine) << c.user;
    EXPECT_EQ(b.get("/api/user-names")->status, c.user_names) << c.user;
    EXPECT_EQ(b.get("/api/persons/P-000001/documents")->status, c.docs_list) << c.user;
    EXPECT_EQ(upload(b, "P-000001", kPdf)->status, c.doc_upload) << c.user;
    EXPECT_EQ(b.get("/api/documents/" + doc)->status, c.doc_get) << c.user;
    EXPECT_EQ(b.get("/api/persons/P-000001/access")->status, c.access_get) << c.user;
    EXPECT_EQ(b.cli.Put("/api/persons/P-000001/access", b.headers(), R"({"users": []})", "application/json")
                  ->status,
              c.access_put)
        << c.user;
    EXPECT_EQ(b.cli.Delete(("/api/documents/" + doc).c_str(), b.headers())->status, c.doc_delete) << c.user;
    // Guessed document and source ids look like missing ones (or are refused by role).
    for (const char* guess : {"999999", "0", "-1", "abc"}) {
      const auto r = b.get(std::string("/api/documents/") + guess);
      EXPECT_TRUE(r->status == 404 || r->status == 403) << c.user << " " << guess << " " << r->status;
    }
    if (c.quarantine == 200) {
      EXPECT_EQ(b.get("/api/sources/999999/quarantine")->status, 404);
    }
    // Without the CSRF token no write goes through.
    EXPECT_EQ(b.cli.Delete(("/api/documents/" + doc).c_str(), b.headers(false))->status, 403) << c.user;
  }
}

TEST(Api, DocumentsAreStoredCheckedDownloadedAsAttachmentsAndDeleted) {
  Browser b;
  ASSERT_EQ(b.login("coord1"), 200);
  auto r = upload(b, "P-000002", kPdf);
  ASSERT_EQ(r->status, 201) << r->body;
  auto d = json::parse(r->body);
  EXPECT_EQ(d["content_type"], "application/pdf");
  EXPECT_EQ(d["size"], kPdf.size());
  EXPECT_EQ(d["kind"], "judgment");
  EXPECT_EQ(d["sha256"].get<std::string>().size(), 64U);
  const std::string id = std::to_string(d["id"].get<long>());

  auto list = json::parse(b.get("/api/persons/P-000002/documents")->body)["documents"];
  ASSERT_EQ(list.size(), 1U);
  EXPECT_EQ(list[0]["title"], "Judgment");

  auto got = b.get("/api/documents/" + id);
  ASSERT_EQ(got->status, 200);
  EXPECT_EQ(got->body, kPdf);
  EXPECT_EQ(got->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(got->get_header_value("Content-Disposition"), "attachment; filename=\"judgment.pdf\"");
  EXPECT_EQ(got->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(got->get_header_value("Content-Security-Policy").find("sandbox"), std::string::npos);

  // The type comes from the bytes, not the name: HTML named .pdf is refused, and so is a binary blob.
  for (const std::string& bad : {std::string("<html><script>alert(1)</script></html>"),
                                 std::string("\x7f"
                                             "ELF\0\0",
                                             6),
                                 std::string("  <svg onload=alert(1)>")}) {
    auto refused = upload(b, "P-000002", bad);
    EXPECT_EQ(refused->status, 422) << refused->body;
    EXPECT_EQ(json::parse(refused->body)["error"]["where"], "file");
  }
  EXPECT_EQ(upload(b, "P-000002", "")->status, 422);
  EXPECT_EQ(upload(b, "P-000002", "%PDF-" + std::string(10u << 20, 'x'))->status, 422) << "over 10 MiB";
  EXPECT_EQ(upload(b, "P-000002", kPdf, "?kind=no_such_kind&name=a.pdf")->status, 422);
  auto text = upload(b, "P-000002", "شهادة العائلة\nFamily statement\n", "?name=statement.txt");
  ASSERT_EQ(text->status, 201);
  EXPECT_EQ(json::parse(text->body)["content_type"], "text/plain; charset=utf-8");
  EXPECT_EQ(json::parse(text->body)["kind"], "other");
  EXPECT_EQ(json::parse(text->body)["title"], "statement.txt");

  ASSERT_EQ(b.cli.Delete(("/api/documents/" + id).c_str(), b.headers())->status, 200);
  EXPECT_EQ(b.get("/api/documents/" + id)->status, 404);
  EXPECT_EQ(b.cli.Delete(("/api/documents/" + id).c_str(), b.headers())->status, 404);
  EXPECT_EQ(json::parse(b.get("/api/persons/P-000002/documents")->body)["documents"].size(), 1U);

  // Upload and deletion are in the audit log, with the hash but never the bytes.
  Browser admin;
  ASSERT_EQ(admin.login("admin1"), 200);
  const auto audit = admin.get("/api/audit?limit=500")->body;
  bool created = false;
  bool deleted = false;
  const auto rows = json::parse(audit)["rows"];
  for (const auto& row : rows) {
    if (row["entity"] != "document" || row["entity_id"] != id) continue;
    created |= row["action"] == "create";
    deleted |= row["action"] == "delete";
    EXPECT_EQ(row["after"].get<std::string>().find("Catalog"), std::string::npos);
  }
  EXPECT_TRUE(created);
  EXPECT_TRUE(deleted);
}

TEST(Api, ConfidentialPersonsAreSeenOnlyByTheNamedUsers) {
  Browser coord;
  ASSERT_EQ(coord.login("coord1"), 200);
  auto created =
      coord.post("/api/persons",
                 {{"name_ar", "شخص سري"}, {"confidential", true}, {"team", "north"}, {"access", {"cw1"}}});
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = json::parse(created->body)["public_id"];
  auto access = json::parse(coord.get("/api/persons/" + id + "/access")->body);
  EXPECT_EQ(access["confidential"], true);
  EXPECT_EQ(access["users"], json({"coord1", "cw1"}));

  Browser cw;
  ASSERT_EQ(cw.login("cw1"), 200);
  Browser viewer;  // same team, not named
  ASSERT_EQ(viewer.login("view1"), 200);
  EXPECT_EQ(cw.get("/api/persons/" + id)->status, 200);
  EXPECT_EQ(viewer.get("/api/persons/" + id)->status, 404);

  auto put = coord.cli.Put(("/api/persons/" + id + "/access").c_str(), coord.headers(),
                           R"({"users": ["coord1", "view1"]})", "application/json");
  ASSERT_EQ(put->status, 200) << put->body;
  EXPECT_EQ(cw.get("/api/persons/" + id)->status, 404) << "cw1 was taken off the list";
  EXPECT_EQ(viewer.get("/api/persons/" + id)->status, 200);
  auto unknown = coord.cli.Put(("/api/persons/" + id + "/access").c_str(), coord.headers(),
                               R"({"users": ["nobody"]})", "application/json");
  EXPECT_EQ(unknown->status, 422);
  EXPECT_EQ(
      coord.post("/api/persons", {{"name_lat", "X"}, {"confidential", true}, {"access", {"nobody"}}})->status,
      422);
}

TEST(Api, VocabulariesAndSourcesForTheForms) {
  Browser b;
  ASSERT_EQ(b.login("cw1"), 200);
  auto vocab = json::parse(b.get("/api/vocab")->body)["vocabularies"];
  ASSERT_TRUE(vocab.contains("document_kinds"));
  bool judgment = false;
  for (const auto& term : vocab["document_kinds"]) {
    if (term["code"] == "judgment") judgment = term["ar"] == "حكم قضائي" && term["en"] == "Judgment";
  }
  EXPECT_TRUE(judgment);
  EXPECT_TRUE(vocab.contains("person_statuses"));

  Browser coord;
  ASSERT_EQ(coord.login("coord1"), 200);
  auto sources = json::parse(coord.get("/api/sources")->body)["sources"];
  ASSERT_GE(sources.size(), 4U);
  long records = 0;
  long quarantined = 0;
  long with_quarantine = 0;
  for (const auto& s : sources) {
    EXPECT_GE(s["reliability"].get<int>(), 1);
    records += s["records"].get<long>();
    quarantined += s["quarantined"].get<long>();
    if (s["quarantined"].get<long>() > 0) with_quarantine = s["id"].get<long>();
    // The lists were imported; the sources of prison figures (conditions) have no records.
    if (s["records"].get<long>() > 0) {
      EXPECT_GE(s["imports"].get<long>(), 1);
    }
  }
  EXPECT_GT(records, 60);
  EXPECT_EQ(quarantined, 3) << "the demo's three broken rows";
  auto rows =
      json::parse(coord.get("/api/sources/" + std::to_string(with_quarantine) + "/quarantine")->body)["rows"];
  ASSERT_EQ(rows.size(), 3U);
  for (const auto& r : rows) {
    EXPECT_FALSE(r["reason"].get<std::string>().empty());
    EXPECT_GT(r["line"].get<int>(), 1);
  }
}

}  // namespace
