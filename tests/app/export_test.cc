// Exports from a small store whose every person is known: who is published,
// named or withheld, and why; merged persons never appear; the full export's
// tables; Uwazi titles.
#include "app/export.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "app/reference.h"
#include "app/store_fixture.h"
#include "io/xlsx.h"
#include "testing.h"

namespace sawt::app {
namespace {

class ExportTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(seed_reference_data(*repo));
    // Twelve alike Syrian men in Roumieh, so groups of k = 5 can form.
    for (int i = 0; i < 12; ++i) {
      Person p;
      p.name_ar.full = "شخص رقم " + std::to_string(i) + " الحموي";
      p.name_lat.full = "Person " + std::to_string(i) + " al-Hamwi";
      p.gender = "m";
      p.nationality = "sy";
      p.birth_date = *PartialDate::parse(i < 6 ? "1985-03-02" : "1986-07-01");
      p.birth_place = "حمص";
      p.status = "pretrial";
      p.facility_code = "lb-roumieh";
      p.id_number = "ID-SECRET-" + std::to_string(i);
      p.notes = "NOTE-SECRET";
      p.confidential = i == 11;
      ids.push_back(added(repo->add_person(p)).id);
      Arrest a;
      a.person_id = ids.back();
      a.date = *PartialDate::parse("2014-05-03");
      ASSERT_TRUE(repo->add_arrest(a));
    }
    consent(ids[0], "publish_name", Consent::kGranted, "2020-01-01");
    consent(ids[1], "publish_name", Consent::kGranted, "2020-01-01");
    consent(ids[1], "publish_name", Consent::kRefused, "2021-01-01");  // revoked
    consent(ids[2], "publish_anonymised", Consent::kRefused, "2020-01-01");
    // Person 10 was merged into person 9: a duplicate, never exported on its own.
    ASSERT_TRUE(
        store->db().exec(fmt::format("UPDATE persons SET merged_into = {} WHERE id = {}", ids[9], ids[10])));
  }

  static Person added(Result<Person> r) {
    EXPECT_TRUE(r) << r.error().describe();
    return r ? *r : Person{};
  }

  void consent(Id person, const char* scope, Consent decision, const char* date) {
    ConsentRecord c;
    c.person_id = person;
    c.scope = scope;
    c.decision = decision;
    c.given_by = "self";
    c.date = *PartialDate::parse(date);
    ASSERT_TRUE(repo->add_consent(c));
  }

  std::vector<Id> ids;
};

std::string all_text(const Table& t) {
  std::string out;
  for (const auto& r : t.rows) {
    for (const auto& c : r) out += c + "\n";
  }
  return out;
}

TEST_F(ExportTest, PublicDatasetNamesOnlyWithConsentInForceAndSaysWhoWasWithheld) {
  PublicExportOptions o;
  o.k = 2;
  o.as_of = PartialDate::parse("2026-12-01")->earliest();
  auto d = build_public_dataset(*repo, o);
  ASSERT_TRUE(d) << d.error().describe();
  EXPECT_EQ(d->persons_in_store, 11);  // the merged duplicate is not a person of its own
  EXPECT_EQ(d->persons_withheld.at("confidential"), 1);
  EXPECT_EQ(d->persons_withheld.at("refused_anonymised_publication"), 1);
  EXPECT_EQ(d->persons_published, 9);
  EXPECT_EQ(d->names_published, 1);
  const auto text = all_text(d->persons);
  EXPECT_NE(text.find("شخص رقم 0 الحموي"), std::string::npos);
  EXPECT_NE(text.find("Person 0 al-Hamwi"), std::string::npos);
  for (int i = 1; i < 12; ++i) {
    EXPECT_EQ(text.find("Person " + std::to_string(i) + " "), std::string::npos) << i;
    EXPECT_EQ(text.find("شخص رقم " + std::to_string(i) + " "), std::string::npos) << i;
  }
  for (const char* secret : {"ID-SECRET", "NOTE-SECRET", "1985-03-02", "حمص", "2014-05-03", "P-0000"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
  EXPECT_NE(text.find("Homs"), std::string::npos) << "birth place generalised to its governorate";
  EXPECT_GE(d->smallest_class, 2);
}

TEST_F(ExportTest, KAboveThePopulationWithholdsEveryone) {
  PublicExportOptions o;
  o.k = 50;
  o.as_of = today();
  auto d = build_public_dataset(*repo, o);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->persons_published, 0);
  EXPECT_EQ(d->persons_withheld.at("k_anonymity"), 9);
  o.k = 1;
  EXPECT_EQ(build_public_dataset(*repo, o).error().kind, ErrorKind::kUsage);
}

TEST_F(ExportTest, FullExportHasEveryTableAndLeavesConfidentialAndMergedPersonsOut) {
  auto e = build_full_export(*repo, {});
  ASSERT_TRUE(e);
  ASSERT_EQ(e->tables.size(), 5U);
  EXPECT_EQ(e->tables[0].name, "persons");
  EXPECT_EQ(e->tables[0].rows.size(), 10U);  // 12 - confidential - merged
  EXPECT_EQ(e->confidential_left_out, 1);
  EXPECT_EQ(e->tables[4].rows.size(), 4U);  // every consent record, history included
  FullExportOptions all;
  all.include_confidential = true;
  EXPECT_EQ(build_full_export(*repo, all)->tables[0].rows.size(), 11U);

  auto xlsx = tables_xlsx(e->tables);
  ASSERT_TRUE(xlsx);
  auto sheet = io::read_xlsx(*xlsx, "full.xlsx", "persons");
  ASSERT_TRUE(sheet);
  ASSERT_EQ(sheet->rows.size(), 11U);
  EXPECT_EQ(sheet->rows[1].cells[1], "شخص رقم 0 الحموي");
  const auto j = tables_json(e->tables, "sawt-full-export");
  EXPECT_EQ(j["tables"]["persons"][0]["name_ar"], "شخص رقم 0 الحموي");
  EXPECT_EQ(table_csv(e->tables[0]).rfind("\xEF\xBB\xBFperson_id,name_ar", 0), 0U);
}

TEST_F(ExportTest, UwaziTitlesAreNamesOnlyWithConsent) {
  auto u = build_uwazi_export(*repo, {});
  ASSERT_TRUE(u);
  EXPECT_EQ(u->entities.columns[0], "title__ar");
  EXPECT_EQ(u->entities.columns[1], "title__en");
  EXPECT_EQ(u->named, 1);
  EXPECT_EQ(u->entities.rows.size(), 9U);
  EXPECT_EQ(u->entities.rows[0][0], "شخص رقم 0 الحموي");
  EXPECT_EQ(u->entities.rows[1][1], "Detainee " + u->entities.rows[1][2]);
  EXPECT_EQ(u->entities.rows[0][7], "2014");  // the arrest year
}

}  // namespace
}  // namespace sawt::app
