#include "app/link_store.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <set>

#include "app/demo.h"
#include "app/import.h"
#include "app/reference.h"
#include "testing.h"

namespace sawt::app {
namespace {

class LinkStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
    auto s = store::Store::create(tmp / "store", crypto::make_passphrase("correct horse battery"));
    ASSERT_TRUE(s) << s.error().describe();
    store = std::move(*s);
    repo = std::make_unique<store::Repository>(*store, "reviewer");
    ASSERT_TRUE(seed_reference_data(*repo));
  }

  Id add_record(const std::string& source, NameParts name, const std::string& birth,
                const std::string& gender = "m") {
    auto src = repo->find_source(source);
    Id source_id = src && *src ? (*src)->id : 0;
    if (source_id == 0) source_id = repo->add_source({0, source, "ngo_list", 3, {}, ""})->id;
    SourceRecord r;
    r.source_id = source_id;
    r.record_id = fmt::format("{}-{}", source, ++serial);
    r.name = std::move(name);
    r.birth_date = *PartialDate::parse(birth);
    r.gender = gender;
    auto id = repo->add_source_record(r);
    EXPECT_TRUE(id) << id.error().describe();
    return *id;
  }

  // The same man in Arabic and in Latin script, and a stranger.
  void two_sources() {
    r_ar = add_record("families", {"", "محمد", "أحمد", "سعيد", "الحموي", "فاطمة"}, "1985-03-07");
    r_lat = add_record("lawyers", {"", "Mohammad", "Ahmad", "Said", "al-Hamwi", "Fatima"}, "1985-03-07");
    r_other = add_record("lawyers", {"", "Omar", "Yousef", "Khalil", "Haddad", "Samira"}, "1970-01-02");
  }

  // A realistic multi-source store (synthetic, 4 sources) with review pairs.
  void synthetic(int people = 300) {
    auto files = write_synth_files(tmp / "synth", people, 4, 2);
    ASSERT_TRUE(files) << files.error().describe();
    ImportOptions o;
    o.source = "synth";
    o.file_name = "records.csv";
    auto imported = import_records(*repo, sawt::testing::read_file(tmp / "synth" / "records.csv"), o);
    ASSERT_TRUE(imported) << imported.error().describe();
  }

  LinkStoreReport link() {
    auto r = link_store(*repo);
    EXPECT_TRUE(r) << r.error().describe();
    return r ? *r : LinkStoreReport{};
  }

  std::int64_t count(const std::string& sql) { return *store->db().query_int(sql); }
  Id person_of(Id record) { return *repo->person_of_record(record); }

  // Everything a person owns, table by table, for before/after comparisons.
  std::map<std::string, std::set<Id>> owned(Id person) {
    std::map<std::string, std::set<Id>> out;
    for (const auto& [table, key] :
         std::vector<std::pair<std::string, std::string>>{{"person_records", "record_id"},
                                                          {"cases", "id"},
                                                          {"consents", "id"},
                                                          {"person_flags", "id"},
                                                          {"events", "id"},
                                                          {"advocacy", "id"},
                                                          {"person_teams", "team_id"}}) {
      auto q = store->db().prepare(fmt::format("SELECT {} FROM {} WHERE person_id = ?", key, table));
      q->bind(1, person);
      while (*q->step()) out[table].insert(q->int64(0));
    }
    return out;
  }

  std::set<Id> search_persons(const std::string& query) {
    std::set<Id> out;
    auto hits = repo->search(query);
    EXPECT_TRUE(hits) << hits.error().describe();
    for (const auto& h : hits->hits) {
      if (h.kind == 'p') out.insert(h.id);
    }
    return out;
  }

  // Gives PERSON curated data of every kind that must survive a merge and its undo.
  void curate(Id person, const std::string& team) {
    CaseFile c;
    c.person_id = person;
    c.court = "military_court";
    c.case_number = fmt::format("2019/{}", person);
    ASSERT_TRUE(repo->add_case(c));
    ConsentRecord consent;
    consent.person_id = person;
    consent.scope = "un_submission";
    consent.decision = Consent::kGranted;
    ASSERT_TRUE(repo->add_consent(consent));
    ASSERT_TRUE(repo->add_flag({0, person, "known_activist", "sy", ""}));
    Event e;
    e.person_id = person;
    e.type = "hunger_strike";
    e.date = *PartialDate::parse("2024-05");
    ASSERT_TRUE(repo->add_event(e));
    ASSERT_TRUE(repo->set_person_teams(person, {team}));
  }

  sawt::testing::TempDir tmp;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::Repository> repo;
  int serial = 0;
  Id r_ar = 0, r_lat = 0, r_other = 0;
};

TEST_F(LinkStoreTest, LinksRecordsIntoPersonsAndASecondRunChangesNothing) {
  two_sources();
  const auto first = link();
  EXPECT_EQ(first.records, 3);
  EXPECT_EQ(first.persons_created, 2);
  EXPECT_TRUE(first.changed());
  EXPECT_EQ(person_of(r_ar), person_of(r_lat));
  EXPECT_NE(person_of(r_ar), person_of(r_other));
  EXPECT_EQ(
      count("SELECT count(*) FROM source_records WHERE id NOT IN (SELECT record_id FROM person_records)"), 0);
  // The new person has both scripts' names, from the records.
  auto p = repo->get_person(person_of(r_ar));
  EXPECT_EQ(p->name_ar.first, "محمد");
  EXPECT_EQ(p->name_lat.family, "al-Hamwi");
  EXPECT_EQ(p->birth_date.to_string(), "1985-03-07");

  const auto persons = count("SELECT count(*) FROM persons");
  const auto second = link();
  EXPECT_FALSE(second.changed());
  EXPECT_EQ(second.persons_created + second.records_attached + second.persons_merged, 0);
  EXPECT_EQ(count("SELECT count(*) FROM persons"), persons);
  EXPECT_EQ(count("SELECT count(*) FROM link_runs"), 2);
}

TEST_F(LinkStoreTest, NewRecordsJoinTheirPersonAndCuratedPersonsAreNotMergedWithoutReview) {
  two_sources();
  link();
  const Id person = person_of(r_ar);
  const Id late = add_record("prison list", {"", "محمد", "احمد", "", "الحموى", "فاطمه"}, "1985-03-07");
  auto r = link();
  EXPECT_EQ(r.records_attached, 1);
  EXPECT_EQ(r.persons_created, 0);
  EXPECT_EQ(person_of(late), person);

  // Two curated persons, each with one spelling: the link goes to review.
  Person a;
  a.name_lat.full = "Khaled Mahmoud Saleh";
  Person b;
  b.name_ar.full = "خالد محمود صالح";
  const Id pa = repo->add_person(a)->id;
  const Id pb = repo->add_person(b)->id;
  curate(pa, "north");
  curate(pb, "south");
  const Id ka = add_record("families", {"", "Khaled", "Mahmoud", "Hassan", "Saleh", "Amal"}, "1990-06-01");
  const Id kb = add_record("lawyers", {"", "خالد", "محمود", "حسن", "صالح", "أمل"}, "1990-06-01");
  ASSERT_TRUE(repo->link_record(pa, ka, "manual"));
  ASSERT_TRUE(repo->link_record(pb, kb, "manual"));
  r = link();
  EXPECT_EQ(r.persons_merged, 0);
  EXPECT_NE(person_of(ka), person_of(kb));
  auto queue = repo->review_pairs({});
  ASSERT_TRUE(queue);
  bool queued = false;
  for (const auto& p : *queue) queued |= (p.record_a == std::min(ka, kb) && p.record_b == std::max(ka, kb));
  EXPECT_TRUE(queued) << "a link between two curated persons must be queued for review";
}

TEST_F(LinkStoreTest, AnUncuratedDuplicatePersonIsMergedAutomatically) {
  two_sources();
  // Someone entered the Latin spelling by hand before linkage, with a case file.
  Person manual;
  manual.name_lat.full = "Mohammad Ahmad al-Hamwi";
  const Id pm = repo->add_person(manual)->id;
  curate(pm, "north");
  ASSERT_TRUE(repo->link_record(pm, r_lat, "manual"));
  Person empty;
  empty.name_ar.full = "محمد أحمد الحموي";
  const Id pe = repo->add_person(empty)->id;
  ASSERT_TRUE(repo->link_record(pe, r_ar, "manual"));
  const auto r = link();
  EXPECT_EQ(r.persons_merged, 1);
  EXPECT_EQ(person_of(r_ar), pm);
  EXPECT_EQ(repo->find_person(fmt::format("P-{:06}", pe))->id, pm)
      << "a merged person's id leads to the survivor";
}

TEST_F(LinkStoreTest, DecisionsHoldOnEveryRerun) {
  synthetic();
  link();
  auto queue = repo->review_pairs({});
  ASSERT_TRUE(queue);
  ASSERT_GE(queue->size(), 2U) << "the synthetic store should have pairs to review";
  const auto no = (*queue)[0];
  const auto yes = (*queue)[1];
  ASSERT_TRUE(decide_pair(*repo, no.id, Decision::kNoMatch, "different mothers"));
  auto merged = decide_pair(*repo, yes.id, Decision::kMatch, "");
  ASSERT_TRUE(merged) << merged.error().describe();
  EXPECT_EQ(person_of(yes.record_a), person_of(yes.record_b));
  auto again = decide_pair(*repo, no.id, Decision::kMatch, "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);

  for (int run = 0; run < 2; ++run) {
    const auto r = link();
    EXPECT_EQ(r.labelled_pairs, 2);
    EXPECT_NE(person_of(no.record_a), person_of(no.record_b)) << "run " << run;
    EXPECT_EQ(person_of(yes.record_a), person_of(yes.record_b)) << "run " << run;
    auto open = repo->review_pairs({});
    for (const auto& p : *open) EXPECT_NE(p.id, no.id) << "a decided pair is not asked again";
    if (run == 1) {
      EXPECT_FALSE(r.changed()) << "the same decisions give the same result";
    }
  }
  // The model was refined by the decisions and kept with the run.
  auto last = repo->last_link_run();
  ASSERT_TRUE(last && *last);
  EXPECT_EQ((*last)->labelled_pairs, 2);
  EXPECT_NE((*last)->model, (*last)->base_model);
}

TEST_F(LinkStoreTest, MergeAndUndoRestoreCaseFilesConsentFlagsTeamsAndSearch) {
  two_sources();
  const Id extra = add_record("families", {"", "Yasser", "Ali", "", "Hamdan", "Mona"}, "1979");
  link();
  const Id p1 = person_of(r_ar);
  const Id p2 = person_of(extra);
  ASSERT_NE(p1, p2);
  curate(p1, "north");
  curate(p2, "south");
  const auto before1 = owned(p1), before2 = owned(p2);
  ASSERT_EQ(search_persons("Yasser Hamdan"), std::set<Id>{p2});

  auto merged = merge(*repo, p1, p2, "same man");
  ASSERT_TRUE(merged) << merged.error().describe();
  auto left = owned(p2);
  left.erase("person_teams");  // teams are added to the survivor's, not taken away
  EXPECT_TRUE(left.empty()) << "everything moved to the survivor";
  EXPECT_EQ(owned(p1)["cases"].size(), 2U);
  EXPECT_EQ(owned(p1)["person_teams"].size(), 2U);
  EXPECT_EQ(search_persons("Yasser Hamdan"), std::set<Id>{p1}) << "the survivor is found by the merged names";
  EXPECT_EQ(repo->find_person(fmt::format("P-{:06}", p2))->id, p1);
  EXPECT_EQ(*repo->count_persons(), 2);

  auto undone = undo_last(*repo);
  ASSERT_TRUE(undone) << undone.error().describe();
  EXPECT_EQ(owned(p1), before1);
  EXPECT_EQ(owned(p2), before2);
  EXPECT_EQ(search_persons("Yasser Hamdan"), std::set<Id>{p2});
  EXPECT_EQ(repo->find_person(fmt::format("P-{:06}", p2))->id, p2);
  EXPECT_EQ(*repo->count_persons(), 3);
  // Undo is audit-logged with the actor, and there is nothing more to undo.
  EXPECT_GE(count("SELECT count(*) FROM audit WHERE actor = 'reviewer' AND action = 'unmerge'"), 1);
  auto nothing = undo_last(*repo);
  ASSERT_FALSE(nothing);
  EXPECT_EQ(nothing.error().kind, ErrorKind::kNotFound);
  auto v = store->audit().verify();
  ASSERT_TRUE(v);
  EXPECT_FALSE(v->first_bad);
}

TEST_F(LinkStoreTest, UnmergeKeepsThePersonsApartInLaterRuns) {
  two_sources();
  const Id extra = add_record("families", {"", "Yasser", "Ali", "", "Hamdan", "Mona"}, "1979");
  link();
  const Id p1 = person_of(r_ar), p2 = person_of(extra);
  ASSERT_TRUE(merge(*repo, p1, p2, ""));
  auto r = unmerge(*repo, p2, "not him");
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(person_of(extra), p2);
  link();
  EXPECT_EQ(person_of(extra), p2);
  // Undoing the unmerge merges them again.
  ASSERT_TRUE(undo_last(*repo));
  EXPECT_EQ(person_of(extra), p1);
}

TEST_F(LinkStoreTest, SplitMakesANewPersonThatLinkageLeavesApartAndUndoJoinsThemAgain) {
  two_sources();
  link();
  const Id person = person_of(r_ar);
  ASSERT_EQ(person, person_of(r_lat));
  auto split_off = split(*repo, person, {r_lat}, "two different men");
  ASSERT_TRUE(split_off) << split_off.error().describe();
  const Id fresh = person_of(r_lat);
  EXPECT_NE(fresh, person);
  EXPECT_EQ(repo->get_person(fresh)->name_lat.first, "Mohammad");
  EXPECT_EQ(search_persons("Mohammad al-Hamwi").count(fresh), 1U);

  const auto r = link();
  EXPECT_GE(r.kept_apart, 1) << "the link the split undid is not made again";
  EXPECT_NE(person_of(r_lat), person_of(r_ar));

  auto bad = split(*repo, person, {r_ar}, "");
  ASSERT_FALSE(bad) << "a split may not take every record";
  EXPECT_EQ(bad.error().kind, ErrorKind::kBadInput);

  ASSERT_TRUE(undo_last(*repo));
  EXPECT_EQ(person_of(r_lat), person);
  EXPECT_EQ(repo->find_person(fmt::format("P-{:06}", fresh))->id, person);
  EXPECT_EQ(search_persons("Mohammad al-Hamwi"), std::set<Id>{person});
}

TEST_F(LinkStoreTest, DecisionsAndQueueRejectBadInput) {
  EXPECT_FALSE(parse_decision("maybe"));
  EXPECT_EQ(*parse_decision("no-match"), Decision::kNoMatch);
  auto missing = decide_pair(*repo, 999, Decision::kMatch, "");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
  // An empty store links to nothing, without error.
  const auto r = link();
  EXPECT_EQ(r.records, 0);
  EXPECT_FALSE(r.changed());
}

}  // namespace
}  // namespace sawt::app
