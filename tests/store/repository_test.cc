#include "store/repository.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "testing.h"

namespace sawt::store {
namespace {

class RepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
    auto s = Store::create(tmp / "store", crypto::make_passphrase("correct horse battery"));
    ASSERT_TRUE(s) << s.error().describe();
    store = std::move(*s);
    repo = std::make_unique<Repository>(*store, "case worker");
  }
  sawt::testing::TempDir tmp;
  std::unique_ptr<Store> store;
  std::unique_ptr<Repository> repo;
};

TEST_F(RepositoryTest, AddsAndReadsAPersonWithPublicId) {
  Person p;
  p.name_ar = {"", "خالد", "محمود", "", "الحموي", "فاطمة"};
  p.name_lat.full = "Khaled Mahmoud al-Hamwi";
  p.birth_date = *PartialDate::parse("~1988");
  p.status = "pretrial";
  auto added = repo->add_person(p);
  ASSERT_TRUE(added) << added.error().describe();
  EXPECT_EQ(added->public_id, "P-000001");
  auto got = repo->find_person("P-000001");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->name_ar.first, "خالد");
  EXPECT_EQ(got->birth_date.to_string(), "~1988");
  EXPECT_EQ(repo->find_person("1")->id, got->id);
  auto missing = repo->find_person("P-999999");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
}

TEST_F(RepositoryTest, UpdateIsAuditedWithBeforeAndAfter) {
  Person p;
  p.name_lat.full = "Omar Saleh";
  auto added = repo->add_person(p);
  ASSERT_TRUE(added);
  added->status = "sentenced";
  ASSERT_TRUE(repo->update_person(*added));
  auto q = store->db().prepare("SELECT actor, action, before, after FROM audit WHERE entity = 'person' ORDER BY id DESC LIMIT 1");
  ASSERT_TRUE(q);
  ASSERT_TRUE(*q->step());
  EXPECT_EQ(q->text(0), "case worker");
  EXPECT_EQ(q->text(1), "update");
  EXPECT_EQ(nlohmann::json::parse(q->text(2))["status"], "unknown");
  EXPECT_EQ(nlohmann::json::parse(q->text(3))["status"], "sentenced");
}

TEST_F(RepositoryTest, RejectsPersonWithoutNameOrWithBadGender) {
  Person nameless;
  auto r = repo->add_person(nameless);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kBadInput);
  Person p;
  p.name_lat.full = "X Y";
  p.gender = "male";
  r = repo->add_person(p);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, "gender");
  EXPECT_EQ(*store->db().query_int("SELECT COUNT(*) FROM audit"), 0);  // a refused write leaves no trace
}

TEST_F(RepositoryTest, CaseFileRoundTrips) {
  Person p;
  p.name_lat.full = "Ahmad Hasan";
  auto person = repo->add_person(p);
  ASSERT_TRUE(person);
  CaseFile c;
  c.person_id = person->id;
  c.court = "military_court";
  c.case_number = "2014/1234";
  c.charges = {"pc_335", "weapons_72"};
  c.allegations = {"torture", "forced_statement"};
  c.statuses = {{"investigation", *PartialDate::parse("2014-03")}, {"trial", *PartialDate::parse("2016")}};
  c.hearings = {{0, *PartialDate::parse("2016-05-02"), "postponed", ""}};
  c.sentence_months = 120;
  c.sentence_start = *PartialDate::parse("2014-03-01");
  ASSERT_TRUE(repo->add_case(c));
  auto cases = repo->cases(person->id);
  ASSERT_TRUE(cases);
  ASSERT_EQ(cases->size(), 1U);
  EXPECT_EQ((*cases)[0].charges, (std::vector<std::string>{"pc_335", "weapons_72"}));
  EXPECT_EQ((*cases)[0].statuses.size(), 2U);
  EXPECT_EQ((*cases)[0].hearings[0].outcome, "postponed");
  EXPECT_EQ((*cases)[0].sentence_months, 120);
}

TEST_F(RepositoryTest, ConsentHistoryKeepsEveryDecision) {
  Person p;
  p.name_lat.full = "Ahmad Hasan";
  auto person = repo->add_person(p);
  ASSERT_TRUE(person);
  ConsentRecord c;
  c.person_id = person->id;
  c.scope = "un_submission";
  c.decision = Consent::kGranted;
  ASSERT_TRUE(repo->add_consent(c));
  c.decision = Consent::kRefused;
  ASSERT_TRUE(repo->add_consent(c));
  auto all = repo->consents(person->id);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2U);
  EXPECT_EQ(all->back().decision, Consent::kRefused);
  EXPECT_EQ(all->back().recorded_by, "case worker");
  c.scope = "share_partner";
  auto no_partner = repo->add_consent(c);
  ASSERT_FALSE(no_partner);
  EXPECT_EQ(no_partner.error().where, "partner");
}

TEST_F(RepositoryTest, LinkedRecordsAreFoundThroughTheirPerson) {
  auto src = repo->add_source(Source{0, "lawyers list", "lawyer", 4, {}, ""});
  ASSERT_TRUE(src);
  SourceRecord r;
  r.source_id = src->id;
  r.name.full = "Yaser Hamdan";
  auto rid = repo->add_source_record(r);
  ASSERT_TRUE(rid);
  auto hits = repo->search("hamdan");
  ASSERT_TRUE(hits);
  ASSERT_EQ(hits->hits.size(), 1U);
  EXPECT_EQ(hits->hits[0].kind, 'r');
  EXPECT_EQ(hits->hits[0].source, "lawyers list");

  Person p;
  p.name_ar.full = "ياسر حمدان";
  auto person = repo->add_person(p);
  ASSERT_TRUE(person);
  ASSERT_TRUE(repo->link_record(person->id, *rid, "manual"));
  hits = repo->search("hamdan");
  ASSERT_TRUE(hits);
  ASSERT_EQ(hits->hits.size(), 1U);
  EXPECT_EQ(hits->hits[0].kind, 'p');
  EXPECT_EQ(hits->hits[0].public_id, person->public_id);
}

TEST_F(RepositoryTest, DuplicateSourceNameIsAConflict) {
  ASSERT_TRUE(repo->add_source(Source{0, "list A", "ngo_list", 3, {}, ""}));
  auto again = repo->add_source(Source{0, "list A", "ngo_list", 3, {}, ""});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
}

}  // namespace
}  // namespace sawt::store
