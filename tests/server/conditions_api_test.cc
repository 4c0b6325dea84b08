// API tests of conditions monitoring, statistics, charts, the report and
// briefs: who may read and write what (role x endpoint), the statistics'
// shape, charts served as SVG with Arabic text drawn, documents refused
// without consent, and persons named in incidents shown only to those who
// may see them.
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
