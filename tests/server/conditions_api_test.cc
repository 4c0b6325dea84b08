// API tests of conditions monitoring, statistics, charts, the report and
// briefs: who may read and write what (role x endpoint), the statistics'
// shape, charts served as SVG with Arabic text drawn, documents refused
// without consent, persons named in incidents shown only to those who may
// see them, and the documents of visits and incidents (who may read and
// attach them, stored and audited like persons' documents).
#include "server/harness.h"

namespace {

using namespace sawt::testing::api;

TEST(ConditionsApi, RoleByEndpointMatrix) {
  struct Case {
    std::string user;
    int stats, chart, report, conditions, figure, health_get;
  };
  const std::vector<Case> cases = {
      {"admin1", 200, 200, 200, 200, 200, 200}, {"coord1", 200, 200, 200, 200, 200, 200},
      {"cw1", 200, 200, 403, 200, 200, 404},   // P-000001 is outside cw1's team
      {"res1", 200, 200, 403, 200, 403, 403},  // researchers see aggregates only
      {"view1", 200, 200, 403, 200, 403, 404},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.user);
    Browser b;
    ASSERT_EQ(b.login(c.user), 200);
    EXPECT_EQ(b.get("/api/stats")->status, c.stats);
    EXPECT_EQ(b.get("/api/stats/charts/status.svg?lang=ar")->status, c.chart);
    EXPECT_EQ(b.get("/api/report?lang=en&format=html")->status, c.report);
    EXPECT_EQ(b.get("/api/facilities/lb-roumieh/conditions")->status, c.conditions);
    EXPECT_EQ(b.post("/api/facilities/lb-zahle/figures",
                     {{"date", "2026-01"}, {"population", 610}, {"source", "API test monitors"}})
                  ->status,
              c.figure);
    EXPECT_EQ(b.get("/api/persons/P-000001/health")->status, c.health_get);
  }
}

TEST(ConditionsApi, StatsGiveDenominatorsAndChartsAreShapedSvg) {
  Browser b;
  ASSERT_EQ(b.login("res1"), 200);
  auto r = b.get("/api/stats");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const auto j = json::parse(r->body);
  // The demo's 60 synthetic people become about as many persons through
  // linkage (other tests of this binary add a few more to the shared server).
  EXPECT_GE(j["persons"]["count"].get<int>(), 55);
  EXPECT_EQ(j["by_status"]["denominator"], j["persons"]["count"]);
  EXPECT_TRUE(j["torture"].contains("numerator"));
  EXPECT_FALSE(j["occupancy"].empty());
  ASSERT_TRUE(j["charts"].is_array());
  EXPECT_NE(std::find(j["charts"].begin(), j["charts"].end(), "occupancy-lb-roumieh"), j["charts"].end());
  for (const auto& name : j["charts"]) {
    auto svg = b.get("/api/stats/charts/" + name.get<std::string>() + ".svg?lang=ar");
    ASSERT_TRUE(svg);
    EXPECT_EQ(svg->status, 200) << name;
    EXPECT_EQ(svg->get_header_value("Content-Type"), "image/svg+xml");
    EXPECT_NE(svg->body.find("<svg"), std::string::npos);
    EXPECT_NE(svg->body.find("<symbol"), std::string::npos) << "text is drawn as glyphs";
  }
  auto png = b.get("/api/stats/charts/status.png?lang=en");
  ASSERT_TRUE(png);
  EXPECT_EQ(png->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(png->body.substr(1, 3), "PNG");
  EXPECT_EQ(b.get("/api/stats/charts/nothing.svg")->status, 404);
  EXPECT_EQ(b.get("/api/stats/charts/status.svg?lang=fr")->status, 422);
  EXPECT_EQ(b.get("/api/stats?as_of=2024-13")->status, 422);
}

TEST(ConditionsApi, ReportIsADocumentAndBriefsNeedConsent) {
  Browser b;
  ASSERT_EQ(b.login("coord1"), 200);
  auto pdf = b.get("/api/report?lang=ar&format=pdf&as_of=2026-06-30");
  ASSERT_TRUE(pdf);
  ASSERT_EQ(pdf->status, 200);
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_TRUE(pdf->body.starts_with("%PDF-"));
  auto html = b.get("/api/report?lang=en");
  ASSERT_EQ(html->status, 200);
  EXPECT_NE(html->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  // Briefs: find one person with consent to publish and one without.
  int granted = 0, refused = 0;
  for (int i = 1; i <= 60 && (granted == 0 || refused == 0); ++i) {
    const auto id = fmt::format("P-{:06}", i);
    auto r = b.get("/api/persons/" + id + "/brief?lang=ar");
    ASSERT_TRUE(r);
    if (r->status == 200) {
      ++granted;
      EXPECT_NE(r->body.find("dir=\"rtl\""), std::string::npos);
    } else {
      EXPECT_EQ(r->status, 403) << id;
      EXPECT_NE(r->body.find("consent"), std::string::npos);
      ++refused;
    }
  }
  EXPECT_GT(granted, 0);
  EXPECT_GT(refused, 0);
  EXPECT_EQ(b.get("/api/persons/P-999999/brief")->status, 404);
}

TEST(ConditionsApi, WritesAreValidatedAndIncidentPersonsAreVisibilityFiltered) {
  Browser coord;
  ASSERT_EQ(coord.login("coord1"), 200);
  auto bad = coord.post(
      "/api/facilities/lb-roumieh/visits",
      {{"date", "2026-02-01"}, {"indicators", {{{"indicator", "overcrowding"}, {"rating", "awful"}}}}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_NE(bad->body.find("awful"), std::string::npos);
  auto visit =
      coord.post("/api/facilities/lb-roumieh/visits",
                 {{"date", "2026-02-01"},
                  {"visitor", "API test"},
                  {"indicators", {{{"indicator", "overcrowding"}, {"rating", "critical"}, {"note", "x"}}}}});
  ASSERT_EQ(visit->status, 200) << visit->body;
  EXPECT_EQ(
      coord
          .post("/api/facilities/lb-nowhere/figures", {{"date", "2026"}, {"population", 1}, {"source", "s"}})
          ->status,
      422);
  EXPECT_EQ(coord.post("/api/facilities/lb-zahle/figures", {{"date", "2026"}, {"population", 1}})->status,
            422)
      << "a figure without its source is refused";
  auto incident = coord.post(
      "/api/facilities/lb-qobbeh/incidents",
      {{"type", "hunger_strike"}, {"date", "2026-03-02"}, {"affected", 20}, {"persons", {"P-000001"}}});
  ASSERT_EQ(incident->status, 200) << incident->body;
  auto health = coord.post("/api/persons/P-000001/health", {{"need", "medication"}, {"severity", "urgent"}});
  ASSERT_EQ(health->status, 200) << health->body;
  EXPECT_EQ(coord.post("/api/persons/P-000001/health", {{"need", "wings"}})->status, 422);

  auto find_incident = [](const json& conditions) {
    for (const auto& i : conditions["incidents"]) {
      if (i["date"] == "2026-03-02") return i;
    }
    return json();
  };
  const auto seen = find_incident(json::parse(coord.get("/api/facilities/lb-qobbeh/conditions")->body));
  ASSERT_FALSE(seen.is_null());
  EXPECT_EQ(seen["persons"], json::array({"P-000001"}));
  Browser researcher;
  ASSERT_EQ(researcher.login("res1"), 200);
  const auto hidden =
      find_incident(json::parse(researcher.get("/api/facilities/lb-qobbeh/conditions")->body));
  ASSERT_FALSE(hidden.is_null());
  EXPECT_TRUE(hidden["persons"].empty());
  EXPECT_EQ(hidden["persons_not_shown"], 1);
}

}  // namespace

// ------------------------------------------------------------ documents of visits and incidents

namespace {

const std::string kPhoto = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\0');

httplib::Result attach(Browser& b, const std::string& owner_path, bool with_csrf = true) {
  return b.cli.Post((owner_path + "/documents?name=cell.png&title=Cell%20B&kind=photo").c_str(),
                    b.headers(with_csrf), kPhoto, "application/octet-stream");
}

std::string id_of(const httplib::Result& r) { return std::to_string(json::parse(r->body)["id"].get<long>()); }

}  // namespace

// Visit documents are for every role that sees persons (not researchers);
// an incident's documents only for those who may see every person it names.
// The incidents name a person of team north (seen by cw1 and view1) and a
// confidential person of team north named for cw1 only (admin1 created it).
TEST(ConditionsApi, RoleByEndpointMatrixForVisitAndIncidentDocuments) {
  Browser admin;
  ASSERT_EQ(admin.login("admin1"), 200);
  const auto north = admin.post("/api/persons", {{"name_lat", "North Person"}, {"team", "north"}});
  ASSERT_EQ(north->status, 201) << north->body;
  const auto secret = admin.post(
      "/api/persons",
      {{"name_lat", "Secret Person"}, {"team", "north"}, {"confidential", true}, {"access", {"cw1"}}});
  ASSERT_EQ(secret->status, 201) << secret->body;
  const std::string north_id = json::parse(north->body)["public_id"];
  const std::string secret_id = json::parse(secret->body)["public_id"];
  const auto visit =
      admin.post("/api/facilities/lb-jezzine/visits", {{"date", "2026-04-01"}, {"visitor", "M"}});
  ASSERT_EQ(visit->status, 200) << visit->body;
  const std::string v = "/api/visits/" + id_of(visit);
  const auto make_incident = [&](const json& persons) {
    auto r = admin.post("/api/facilities/lb-jezzine/incidents",
                        {{"type", "violence"}, {"date", "2026-04-02"}, {"persons", persons}});
    EXPECT_EQ(r->status, 200) << r->body;
    return "/api/incidents/" + id_of(r);
  };
  const std::string open_incident = make_incident({north_id});
  const std::string secret_incident = make_incident({north_id, secret_id});

  struct Case {
    std::string user;
    int visit_list, visit_upload, visit_get, open_list, open_get, open_upload, secret_list, secret_get,
        secret_upload, visit_delete, secret_delete;
  };
  const std::vector<Case> cases = {
      {"res1", 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403},
      {"view1", 200, 403, 200, 200, 200, 403, 403, 404, 403, 403, 403},
      {"cw1", 200, 201, 200, 200, 200, 201, 200, 200, 201, 200, 200},
      {"coord1", 200, 201, 200, 200, 200, 201, 403, 404, 403, 200, 404},
      {"admin1", 200, 201, 200, 200, 200, 201, 200, 200, 201, 200, 200},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.user);
    const auto visit_doc = attach(admin, v);
    const auto open_doc = attach(admin, open_incident);
    const auto secret_doc = attach(admin, secret_incident);
    ASSERT_EQ(visit_doc->status, 201) << visit_doc->body;
    ASSERT_EQ(open_doc->status, 201) << open_doc->body;
    ASSERT_EQ(secret_doc->status, 201) << secret_doc->body;
    Browser b;
    ASSERT_EQ(b.login(c.user), 200);
    EXPECT_EQ(b.get(v + "/documents")->status, c.visit_list);
    EXPECT_EQ(attach(b, v)->status, c.visit_upload);
    EXPECT_EQ(b.get("/api/documents/" + id_of(visit_doc))->status, c.visit_get);
    EXPECT_EQ(b.get(open_incident + "/documents")->status, c.open_list);
    EXPECT_EQ(b.get("/api/documents/" + id_of(open_doc))->status, c.open_get);
    EXPECT_EQ(attach(b, open_incident)->status, c.open_upload);
    EXPECT_EQ(b.get(secret_incident + "/documents")->status, c.secret_list);
    EXPECT_EQ(b.get("/api/documents/" + id_of(secret_doc))->status, c.secret_get);
    EXPECT_EQ(attach(b, secret_incident)->status, c.secret_upload);
    EXPECT_EQ(b.cli.Delete(("/api/documents/" + id_of(secret_doc)).c_str(), b.headers())->status,
              c.secret_delete);
    // Without the CSRF token nothing is written or deleted.
    EXPECT_EQ(attach(b, v, false)->status, 403);
    EXPECT_EQ(b.cli.Delete(("/api/documents/" + id_of(visit_doc)).c_str(), b.headers(false))->status, 403);
    EXPECT_EQ(b.cli.Delete(("/api/documents/" + id_of(visit_doc)).c_str(), b.headers())->status,
              c.visit_delete);
    // Guessed visits and incidents look missing (or are refused by role).
    for (const char* guess :
         {"/api/visits/999999/documents", "/api/incidents/999999/documents", "/api/visits/0/documents"}) {
      const auto r = b.get(guess);
      EXPECT_EQ(r->status, c.visit_list == 200 ? 404 : 403) << guess;
    }
  }
}

TEST(ConditionsApi, VisitDocumentsAreListedDownloadedAndAuditedLikePersonDocuments) {
  Browser cw;
  ASSERT_EQ(cw.login("cw1"), 200);
  const auto visit =
      cw.post("/api/facilities/lb-jezzine/visits", {{"date", "2026-04-03"}, {"visitor", "M2"}});
  ASSERT_EQ(visit->status, 200) << visit->body;
  const std::string v = "/api/visits/" + id_of(visit);
  auto report = cw.cli.Post((v + "/documents?name=report.txt&kind=visit_report&date=2026-04-03").c_str(),
                            cw.headers(), "تقرير الزيارة\nVisit report\n", "application/octet-stream");
  ASSERT_EQ(report->status, 201) << report->body;
  const auto d = json::parse(report->body);
  EXPECT_EQ(d["visit_id"], json::parse(visit->body)["id"]);
  EXPECT_EQ(d["person_id"], 0);
  EXPECT_EQ(d["kind"], "visit_report");
  EXPECT_EQ(d["content_type"], "text/plain; charset=utf-8");
  EXPECT_EQ(cw.cli
                .Post((v + "/documents?name=x.svg").c_str(), cw.headers(), "<svg onload=alert(1)>",
                      "application/octet-stream")
                ->status,
            422)
      << "the type comes from the bytes, as for persons' documents";

  const auto list = json::parse(cw.get(v + "/documents")->body);
  ASSERT_EQ(list["documents"].size(), 1U);
  EXPECT_EQ(list["documents"][0]["title"], "report.txt");
  auto got = cw.get("/api/documents/" + id_of(report));
  ASSERT_EQ(got->status, 200);
  EXPECT_EQ(got->body, "تقرير الزيارة\nVisit report\n");
  EXPECT_EQ(got->get_header_value("Content-Disposition"), "attachment; filename=\"report.txt\"");
  EXPECT_NE(got->get_header_value("Content-Security-Policy").find("sandbox"), std::string::npos);

  Browser admin;
  ASSERT_EQ(admin.login("admin1"), 200);
  bool audited = false;
  const auto rows = json::parse(admin.get("/api/audit?limit=500")->body)["rows"];
  for (const auto& row : rows) {
    if (row["entity"] != "document" || row["entity_id"] != id_of(report)) continue;
    audited = row["action"] == "create" && row["actor"] == "web:cw1" &&
              json::parse(row["after"].get<std::string>())["visit_id"] == d["visit_id"];
  }
  EXPECT_TRUE(audited);
}
