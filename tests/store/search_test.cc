// Search golden table: variant spellings in either script find a person;
// names that only share consonants (محمد/محمود) do not.
#include <gtest/gtest.h>

#include <cstdlib>

#include "store/repository.h"
#include "testing.h"
#include "util/strings.h"

namespace sawt::store {
namespace {

// A new store with one repository over it.
class StoreSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
    auto created = Store::create(tmp / "store", crypto::make_passphrase("correct horse battery"));
    ASSERT_TRUE(created);
    s = std::move(*created);
    repo = std::make_unique<Repository>(*s, "t");
  }
  sawt::testing::TempDir tmp;
  std::unique_ptr<Store> s;
  std::unique_ptr<Repository> repo;
};

TEST_F(StoreSearch, GoldenTableOfQueries) {
  const auto table = sawt::testing::read_file(sawt::testing::data_path("store/search_cases.tsv"));
  int line_no = 0;
  int cases = 0;
  for (const auto& line : split(table, '\n')) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, '\t');
    ASSERT_EQ(f.size(), 4U) << "line " << line_no;
    // A fresh store state per case: one person only.
    ASSERT_TRUE(s->db().exec("DELETE FROM search_index"));
    Person p;
    p.name_ar.full = f[0];
    p.name_lat.full = f[1];
    auto added = repo->add_person(p);
    ASSERT_TRUE(added) << line_no;
    auto hits = repo->search(f[2]);
    const bool expected = f[3] == "1";
    bool found = false;
    if (hits) {
      for (const auto& h : hits->hits) found |= h.public_id == added->public_id;
    }
    EXPECT_EQ(found, expected) << "line " << line_no << ": '" << f[2] << "' vs '" << f[0] << "' / '" << f[1] << "'";
    ++cases;
  }
  EXPECT_GE(cases, 25);
}

// A word that matches more entries than a search ranks: the hits are the best
// of the first kSearchCandidates, the result says it is partial, and the best
// spellings still come before names that only share consonants.
TEST_F(StoreSearch, ACommonNameGivesAPartialResultRankedByName) {
  ASSERT_TRUE(s->db().exec("BEGIN"));
  for (int i = 0; i < kSearchCandidates + 50; ++i) {
    Person p;
    // Every third is Mahmoud, who shares Mohammed's consonants (m-h-m-d).
    p.name_lat.full = (i % 3 == 0 ? "Mahmoud Test" : "Mohammed Test") + std::to_string(i);
    ASSERT_TRUE(repo->add_person(p));
  }
  ASSERT_TRUE(s->db().exec("COMMIT"));

  auto many = repo->search("Muhammad", 100);
  ASSERT_TRUE(many) << many.error().describe();
  EXPECT_TRUE(many->partial);
  ASSERT_EQ(many->hits.size(), 100U);
  for (const auto& h : many->hits) EXPECT_TRUE(h.display.starts_with("Mohammed")) << h.display;

  Person rare;
  rare.name_ar.full = "زبير الحلبي";
  ASSERT_TRUE(repo->add_person(rare));
  auto one = repo->search("Zubair");
  ASSERT_TRUE(one);
  EXPECT_FALSE(one->partial);
  ASSERT_EQ(one->hits.size(), 1U);
  EXPECT_EQ(one->hits[0].display, "زبير الحلبي");
}

// A limit below one is a usage error, not "no match".
TEST_F(StoreSearch, ALimitBelowOneIsAUsageError) {
  for (const int limit : {0, -5}) {
    auto found = repo->search("Muhammad", limit);
    ASSERT_FALSE(found);
    EXPECT_EQ(found.error().kind, ErrorKind::kUsage);
    EXPECT_EQ(found.error().where, "limit");
  }
}

// A name longer than the name engine compares (kMaxNameTokens words) is still
// found by its last word: the index keys come from the whole name.
TEST_F(StoreSearch, ALongNameIsFoundByItsLastWord) {
  Person p;
  p.name_lat.full = "Ahmad Khaled Omar Yasser Samir Hamdan Ibrahim Mahmoud Ziad Zubair";
  auto added = repo->add_person(p);
  ASSERT_TRUE(added);
  auto found = repo->search("Zubair");
  ASSERT_TRUE(found) << found.error().describe();
  ASSERT_EQ(found->hits.size(), 1U);
  EXPECT_EQ(found->hits[0].public_id, added->public_id);
}

// A word found in the notes, not the names, finds the person (ranked below
// name matches); every query word must be a word of the notes.
TEST_F(StoreSearch, WordsInTheNotesFindThePerson) {
  Person a;
  a.name_lat.full = "Ahmad Ali";
  a.notes = "transferred to Roumieh in 2019";
  auto added_a = repo->add_person(a);
  ASSERT_TRUE(added_a);
  Person b;
  b.name_lat.full = "Omar Saleh";
  b.notes = "visited by his family";
  auto added_b = repo->add_person(b);
  ASSERT_TRUE(added_b);
  auto roumieh = repo->search("Roumieh");
  ASSERT_TRUE(roumieh) << roumieh.error().describe();
  ASSERT_EQ(roumieh->hits.size(), 1U);
  EXPECT_EQ(roumieh->hits[0].public_id, added_a->public_id);
  EXPECT_EQ(roumieh->hits[0].score, 0.5);
  auto both = repo->search("family visited");
  ASSERT_TRUE(both);
  ASSERT_EQ(both->hits.size(), 1U);
  EXPECT_EQ(both->hits[0].public_id, added_b->public_id);
  auto mixed = repo->search("Roumieh family");  // one word in each person's notes: neither
  ASSERT_TRUE(mixed);
  EXPECT_TRUE(mixed->hits.empty());
}

// Merging the index's segments changes what a search reads, never what it finds.
TEST_F(StoreSearch, OptimisingTheIndexKeepsEveryAnswer) {
  for (int i = 0; i < 40; ++i) {  // one transaction, so one index segment, each
    Person p;
    p.name_ar.full = i % 2 == 0 ? "محمد الحسن" : "أحمد الحلبي";
    p.name_lat.full = i % 4 < 2 ? "Mohammad al-Hasan" : "Ahmed Halabi";
    ASSERT_TRUE(repo->add_person(p));
  }
  const std::vector<std::string> queries = {"محمد", "Muhammad Hassan", "الحلبي", "Ahmad"};
  std::vector<std::vector<Id>> before;
  for (const auto& q : queries) {
    auto found = repo->search(q, 100);
    ASSERT_TRUE(found);
    EXPECT_FALSE(found->hits.empty()) << q;
    std::vector<Id> ids;
    for (const auto& h : found->hits) ids.push_back(h.id);
    before.push_back(ids);
  }
  ASSERT_TRUE(repo->optimize_search());
  for (size_t i = 0; i < queries.size(); ++i) {
    auto found = repo->search(queries[i], 100);
    ASSERT_TRUE(found);
    std::vector<Id> ids;
    for (const auto& h : found->hits) ids.push_back(h.id);
    EXPECT_EQ(ids, before[i]) << queries[i];
  }
}

// Once LIMIT hits have found every query word as written, nothing later in
// the index can rank above them: the search stops there (partial), and its
// hits are exactly the first LIMIT of a search that ranks every entry.
TEST_F(StoreSearch, StopsAtLimitPerfectHitsWithTheSameAnswerAsRankingAll) {
  ASSERT_TRUE(s->db().exec("BEGIN"));
  for (int i = 0; i < 300; ++i) {
    Person p;
    // Exact spellings, other spellings and other names that share the consonants.
    p.name_ar.full = i % 3 == 0 ? "محمد الحسن" : i % 3 == 1 ? "محمود الحسن" : "محمد الحسين";
    p.name_lat.full = i % 2 == 0 ? "Mohammad al-Hasan" : "Muhammed Hassan";
    ASSERT_TRUE(repo->add_person(p));
  }
  ASSERT_TRUE(s->db().exec("COMMIT"));
  for (const std::string query : {"محمد الحسن", "Mohammad al-Hasan"}) {
    auto all = repo->search(query, 1000);
    ASSERT_TRUE(all) << all.error().describe();
    EXPECT_FALSE(all->partial) << query;
    EXPECT_EQ(all->ranked, 300) << query;
    auto first = repo->search(query, 20);
    ASSERT_TRUE(first);
    EXPECT_TRUE(first->partial) << query;
    EXPECT_LT(first->ranked, 100) << query;
    ASSERT_EQ(first->hits.size(), 20U) << query;
    for (size_t i = 0; i < first->hits.size(); ++i) {
      EXPECT_EQ(first->hits[i].id, all->hits[i].id) << query << " hit " << i;
      EXPECT_EQ(first->hits[i].score, 1.0) << query << " hit " << i;
    }
    // The server's form: persons only, no names read.
    auto ids = repo->search(query, 20, {.persons_only = true, .ids_only = true});
    ASSERT_TRUE(ids);
    ASSERT_EQ(ids->hits.size(), 20U);
    for (size_t i = 0; i < ids->hits.size(); ++i) {
      EXPECT_EQ(ids->hits[i].id, first->hits[i].id);
      EXPECT_TRUE(ids->hits[i].display.empty());
    }
  }
}

// An index written by another name engine (here: every entry's stored
// tokens replaced, and another fingerprint) is rebuilt entry for entry,
// persons and source records alike, and ranks as a fresh one; a current
// index is left alone.
TEST_F(StoreSearch, AnIndexFromAnotherNameEngineIsRebuilt) {
  Person p;
  p.name_lat.full = "Hassine Ameur";
  auto person = repo->add_person(p);
  ASSERT_TRUE(person);
  auto src = repo->add_source(Source{0, "lawyers list", "lawyer", 4, {}, ""});
  ASSERT_TRUE(src);
  SourceRecord r;
  r.source_id = src->id;
  r.name.full = "Yaser Hamdan";
  ASSERT_TRUE(repo->add_source_record(r));
  auto fresh = repo->refresh_search_index();
  ASSERT_TRUE(fresh) << fresh.error().describe();
  EXPECT_EQ(*fresh, 0U) << "a new store's index is written by the current engine: nothing to rebuild";
  const auto before = s->db().query_int("SELECT count(*) FROM search_index");
  ASSERT_TRUE(before);
  EXPECT_EQ(*before, 2);
  const auto variants = [&] {
    std::vector<std::string> out;
    auto q = s->db().prepare("SELECT variants FROM search_index ORDER BY rowid");
    EXPECT_TRUE(q);
    while (q && *q->step()) out.push_back(q->text(0));
    return out;
  };
  const std::vector<std::string> current = variants();
  EXPECT_EQ(*repo->refresh_search_index(), 0U) << "a current index is not rebuilt";

  ASSERT_TRUE(s->db().exec("UPDATE search_index SET variants = 'stale' WHERE rowid <> 0"));
  ASSERT_TRUE(s->db().exec("UPDATE meta SET value = 'another engine' WHERE key = 'search_engine'"));
  // An entry left behind by a person and a record that are gone is dropped.
  ASSERT_TRUE(s->db().exec("INSERT INTO search_index(rowid, kind, ref, names, notes, variants) "
                           "VALUES (9999, 'p', 9999, 'x', '', 'x'), (-9999, 'r', 9999, 'x', '', 'x')"));
  auto rebuilt = repo->refresh_search_index();
  ASSERT_TRUE(rebuilt) << rebuilt.error().describe();
  EXPECT_EQ(*rebuilt, 4U);
  EXPECT_EQ(variants(), current);
  EXPECT_EQ(*s->db().query_int("SELECT count(*) FROM search_index"), 2);
  auto hits = repo->search("حسين عامر");
  ASSERT_TRUE(hits);
  ASSERT_EQ(hits->hits.size(), 1U);
  EXPECT_EQ(hits->hits[0].public_id, person->public_id);
  EXPECT_EQ(*repo->refresh_search_index(), 0U);
}

}  // namespace
}  // namespace sawt::store
