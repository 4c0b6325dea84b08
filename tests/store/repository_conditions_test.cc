// Conditions monitoring in the repository: every write is validated and
// audit-logged in the same transaction, figures from disagreeing sources are
// all kept, and a failed write leaves neither rows nor audit entries.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "store/repository.h"
#include "testing.h"

namespace sawt::store {
namespace {

class ConditionsRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
    auto s = Store::create(tmp / "store", crypto::make_passphrase("correct horse battery"));
    ASSERT_TRUE(s) << s.error().describe();
    store = std::move(*s);
    repo = std::make_unique<Repository>(*store, "monitor");
    ASSERT_TRUE(repo->upsert_facility({0, "lb-roumieh", "سجن رومية المركزي", "Roumieh Central Prison",
                                       "central_prison", "isf", "lb", "Roumieh", 1050}));
    official = repo->add_source({0, "ISF figures", "official_document", 3, {}, ""})->id;
    monitors = repo->add_source({0, "Monitors", "ngo_list", 4, {}, ""})->id;
    Person p;
    p.name_lat.full = "Omar Saleh";
    p.status = "pretrial";
    person = repo->add_person(p)->id;
  }
  std::int64_t audit_rows(std::string_view entity) {
    return *store->db().query_int(fmt::format("SELECT COUNT(*) FROM audit WHERE entity = '{}'", entity));
  }
  nlohmann::json last_audit(std::string_view entity) {
    auto q = store->db().prepare(
        fmt::format("SELECT actor, after FROM audit WHERE entity = '{}' ORDER BY id DESC LIMIT 1", entity));
    EXPECT_TRUE(q && *q->step());
    EXPECT_EQ(q->text(0), "monitor");
    return nlohmann::json::parse(q->text(1));
  }
  sawt::testing::TempDir tmp;
  std::unique_ptr<Store> store;
  std::unique_ptr<Repository> repo;
  Id official = 0;
  Id monitors = 0;
  Id person = 0;
};

TEST_F(ConditionsRepositoryTest, KeepsFiguresFromEverySourceWithAudit) {
  FacilityFigure a{0, "lb-roumieh", *PartialDate::parse("2024-08"), 3780, 1050, official, "", "all prisoners",
                   ""};
  FacilityFigure b = a;
  b.population = 4200;
  b.capacity = std::nullopt;
  b.source_id = monitors;
  ASSERT_TRUE(repo->add_facility_figure(a));
  ASSERT_TRUE(repo->add_facility_figure(b));
  auto figures = repo->facility_figures("lb-roumieh");
  ASSERT_TRUE(figures) << figures.error().describe();
  ASSERT_EQ(figures->size(), 2u);  // the same date, two sources: both kept
  EXPECT_EQ(figures->at(0).source_name, "ISF figures");
  EXPECT_EQ(figures->at(1).source_name, "Monitors");
  EXPECT_EQ(*figures->at(1).population, 4200);
  EXPECT_FALSE(figures->at(1).capacity.has_value());
  EXPECT_EQ(audit_rows("facility_figure"), 2);
  const auto after = last_audit("facility_figure");
  EXPECT_EQ(after["population"], 4200);
  EXPECT_EQ(after["source"], "Monitors");
  EXPECT_TRUE(after["capacity"].is_null());
}

TEST_F(ConditionsRepositoryTest, RefusesFiguresWithoutSourceDateOrValue) {
  FacilityFigure f{0, "lb-roumieh", *PartialDate::parse("2024"), 100, std::nullopt, 0, "", "", ""};
  auto no_source = repo->add_facility_figure(f);
  ASSERT_FALSE(no_source);
  EXPECT_EQ(no_source.error().kind, ErrorKind::kBadInput);
  EXPECT_EQ(no_source.error().where, "source");
  f.source_id = official;
  f.date = {};
  EXPECT_EQ(repo->add_facility_figure(f).error().where, "date");
  f.date = *PartialDate::parse("2024");
  f.population = std::nullopt;
  EXPECT_EQ(repo->add_facility_figure(f).error().where, "population");
  f.population = 10;
  f.facility_code = "lb-nowhere";
  EXPECT_EQ(repo->add_facility_figure(f).error().where, "facility");
  f.facility_code = "lb-roumieh";
  f.capacity = 0;
  EXPECT_EQ(repo->add_facility_figure(f).error().where, "capacity");
  EXPECT_EQ(audit_rows("facility_figure"), 0);
  EXPECT_EQ(*store->db().query_int("SELECT COUNT(*) FROM facility_figures"), 0);
}

TEST_F(ConditionsRepositoryTest, VisitKeepsItsChecklistAndValidatesCodes) {
  Visit v{0,
          "lb-roumieh",
          *PartialDate::parse("2025-03-12"),
          "Monitors",
          {{"overcrowding", "critical", "three to a bed"}, {"water", "adequate", ""}},
          "notes"};
  auto id = repo->add_visit(v);
  ASSERT_TRUE(id) << id.error().describe();
  auto visits = repo->visits("lb-roumieh");
  ASSERT_TRUE(visits);
  ASSERT_EQ(visits->size(), 1u);
  ASSERT_EQ(visits->at(0).indicators.size(), 2u);
  EXPECT_EQ(visits->at(0).indicators[0].indicator, "overcrowding");
  EXPECT_EQ(visits->at(0).indicators[0].note, "three to a bed");
  EXPECT_EQ(last_audit("visit")["indicators"].size(), 2u);

  Visit bad = v;
  bad.indicators = {{"overcrowding", "terrible", ""}};
  auto rating = repo->add_visit(bad);
  ASSERT_FALSE(rating);
  EXPECT_EQ(rating.error().kind, ErrorKind::kBadInput);
  EXPECT_NE(rating.error().message.find("terrible"), std::string::npos) << rating.error().message;
  bad.indicators = {{"wifi", "good", ""}};
  EXPECT_EQ(repo->add_visit(bad).error().where, "indicator");
  bad.indicators = {{"food", "poor", ""}, {"food", "good", ""}};
  EXPECT_NE(repo->add_visit(bad).error().message.find("twice"), std::string::npos);
  EXPECT_EQ(audit_rows("visit"), 1);
  EXPECT_EQ(*store->db().query_int("SELECT COUNT(*) FROM visit_indicators"), 2);
}

TEST_F(ConditionsRepositoryTest, IncidentsLinkPersonsAndCountDeaths) {
  Incident i;
  i.facility_code = "lb-roumieh";
  i.type = "death_in_custody";
  i.date = *PartialDate::parse("2024-08-02");
  i.person_ids = {person, person};
  i.source_id = monitors;
  ASSERT_TRUE(repo->add_incident(i));
  auto list = repo->incidents();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->at(0).deaths, 1);  // a death in custody is at least one death
  EXPECT_EQ(list->at(0).person_ids, std::vector<Id>{person});
  EXPECT_EQ(list->at(0).source_name, "Monitors");
  EXPECT_EQ(audit_rows("incident"), 1);

  i.type = "flood";
  EXPECT_EQ(repo->add_incident(i).error().where, "type");
  i.type = "hunger_strike";
  i.person_ids = {person + 100};
  EXPECT_EQ(repo->add_incident(i).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(audit_rows("incident"), 1);
}

TEST_F(ConditionsRepositoryTest, HealthNeedsAreValidatedAndMetIsAudited) {
  HealthNeed h{0, person, "medication", "urgent", *PartialDate::parse("2025-03"), false, "insulin"};
  auto id = repo->add_health_need(h);
  ASSERT_TRUE(id) << id.error().describe();
  ASSERT_TRUE(repo->set_health_need_met(*id, true));
  auto needs = repo->health_needs(person);
  ASSERT_TRUE(needs);
  ASSERT_EQ(needs->size(), 1u);
  EXPECT_TRUE(needs->at(0).met);
  EXPECT_EQ(audit_rows("health_need"), 2);
  EXPECT_EQ(last_audit("health_need")["met"], true);
  EXPECT_TRUE(repo->set_health_need_met(*id, true));  // no change, no audit row
  EXPECT_EQ(audit_rows("health_need"), 2);
  EXPECT_EQ(repo->set_health_need_met(*id + 1, true).error().kind, ErrorKind::kNotFound);
  h.severity = "mild";
  EXPECT_EQ(repo->add_health_need(h).error().where, "severity");
  h.person_id = person + 100;
  EXPECT_EQ(repo->add_health_need(h).error().kind, ErrorKind::kNotFound);
  auto verified = store->audit().verify();
  ASSERT_TRUE(verified);
  EXPECT_FALSE(verified->first_bad);
}

}  // namespace
}  // namespace sawt::store
