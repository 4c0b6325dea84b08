#include "store/store.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "store/repository.h"
#include "store/schema.h"
#include "testing.h"

namespace sawt::store {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { setenv("SAWT_INSECURE_FAST_KDF", "1", 1); }
  crypto::Passphrase pass(const char* p = "correct horse battery") { return crypto::make_passphrase(p); }
  sawt::testing::TempDir tmp;
};

TEST_F(StoreTest, CreatesAndReopensWithTheSamePassphrase) {
  auto dir = tmp / "store";
  {
    auto s = Store::create(dir, pass());
    ASSERT_TRUE(s) << s.error().describe();
    EXPECT_EQ(*(*s)->db().query_int("PRAGMA user_version"), latest_schema_version());
  }
  auto s = Store::open(dir, pass());
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_EQ(*(*s)->db().query_int("PRAGMA foreign_keys"), 1);
  EXPECT_EQ(*(*s)->db().query_int("PRAGMA temp_store"), 2);  // MEMORY
  EXPECT_EQ(*(*s)->db().query_int("PRAGMA mmap_size"), 0);
}

TEST_F(StoreTest, WrongPassphraseIsAnAuthErrorAndChangesNothing) {
  auto dir = tmp / "store";
  ASSERT_TRUE(Store::create(dir, pass()));
  const auto key_before = sawt::testing::read_file(Store::key_path(dir));
  auto s = Store::open(dir, pass("wrong passphrase"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kAuth);
  EXPECT_EQ(sawt::testing::read_file(Store::key_path(dir)), key_before);
}

TEST_F(StoreTest, RefusesToRecreateOrToOpenWhatIsNotAStore) {
  auto dir = tmp / "store";
  ASSERT_TRUE(Store::create(dir, pass()));
  auto again = Store::create(dir, pass());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);

  auto none = Store::open(tmp / "nothing", pass());
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().kind, ErrorKind::kNotFound);

  std::filesystem::create_directories(tmp / "junk");
  sawt::testing::write_file(tmp / "junk" / "sawt.key", "not json");
  auto junk = Store::open(tmp / "junk", pass());
  ASSERT_FALSE(junk);
  EXPECT_EQ(junk.error().kind, ErrorKind::kBadInput);
}

TEST_F(StoreTest, ShortPassphraseIsRefused) {
  auto s = Store::create(tmp / "store", pass("short"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kBadInput);
}

TEST_F(StoreTest, SourceRecordsCannotBeEditedOrDeleted) {
  auto s = Store::create(tmp / "store", pass());
  ASSERT_TRUE(s);
  Repository repo(**s, "tester");
  auto src = repo.add_source(Source{0, "family committee", "family", 3, {}, ""});
  ASSERT_TRUE(src);
  SourceRecord r;
  r.source_id = src->id;
  r.name.full = "محمد أحمد العلي";
  auto id = repo.add_source_record(r);
  ASSERT_TRUE(id) << id.error().describe();
  EXPECT_FALSE((*s)->db().exec("UPDATE source_records SET full_name = 'x'"));
  EXPECT_FALSE((*s)->db().exec("DELETE FROM source_records"));
}

TEST_F(StoreTest, AuditChainVerifiesAndNamesTheFirstAlteredRow) {
  auto s = Store::create(tmp / "store", pass());
  ASSERT_TRUE(s);
  Repository repo(**s, "tester");
  for (int i = 0; i < 5; ++i) {
    Person p;
    p.name_lat.full = "Person " + std::to_string(i);
    ASSERT_TRUE(repo.add_person(p));
  }
  auto ok = (*s)->audit().verify();
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->rows, 5);
  EXPECT_FALSE(ok->first_bad);

  // An attacker drops the trigger and edits row 3.
  ASSERT_TRUE((*s)->db().exec("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'someone else' WHERE id = 3"));
  auto bad = (*s)->audit().verify();
  ASSERT_TRUE(bad);
  ASSERT_TRUE(bad->first_bad);
  EXPECT_EQ(*bad->first_bad, 3);
}

TEST_F(StoreTest, AuditDetectsADeletedRow) {
  auto s = Store::create(tmp / "store", pass());
  ASSERT_TRUE(s);
  Repository repo(**s, "tester");
  for (int i = 0; i < 4; ++i) {
    Person p;
    p.name_lat.full = "Person " + std::to_string(i);
    ASSERT_TRUE(repo.add_person(p));
  }
  ASSERT_TRUE((*s)->db().exec("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2"));
  auto bad = (*s)->audit().verify();
  ASSERT_TRUE(bad);
  ASSERT_TRUE(bad->first_bad);
  EXPECT_EQ(*bad->first_bad, 3);
}

TEST_F(StoreTest, AuditRowsAreAppendOnly) {
  auto s = Store::create(tmp / "store", pass());
  ASSERT_TRUE(s);
  Repository repo(**s, "tester");
  Person p;
  p.name_lat.full = "Someone";
  ASSERT_TRUE(repo.add_person(p));
  EXPECT_FALSE((*s)->db().exec("UPDATE audit SET actor = 'x'"));
  EXPECT_FALSE((*s)->db().exec("DELETE FROM audit"));
}

}  // namespace
}  // namespace sawt::store

namespace sawt::store {
namespace {

TEST_F(StoreTest, KeyRotationKeepsTheDataAndSwitchesAtomically) {
  auto dir = tmp / "store";
  std::string old_db_bytes;
  {
    auto s = Store::create(dir, pass());
    ASSERT_TRUE(s);
    Repository repo(**s, "t");
    Person p;
    p.name_lat.full = "Rotated Person";
    ASSERT_TRUE(repo.add_person(p));
    ASSERT_TRUE((*s)->create_recovery_key());
  }
  const auto old_key_file = sawt::testing::read_file(Store::key_path(dir));
  auto r = Store::rotate_key(dir, pass(), "tester");
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->dropped.size(), 1U);  // the recovery key
  EXPECT_FALSE(std::filesystem::exists(dir / "sawt.db"));
  EXPECT_TRUE(std::filesystem::exists(dir / r->new_db_file));
  auto s = Store::open(dir, pass());
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_EQ(*(*s)->db().query_int("SELECT count(*) FROM persons"), 1);
  EXPECT_NE((*s)->keyfile().db_id(), crypto::KeyFile::parse(old_key_file, "old")->db_id());
  auto v = (*s)->audit().verify();
  ASSERT_TRUE(v);
  EXPECT_FALSE(v->first_bad);
}

TEST_F(StoreTest, AnInterruptedRotationLeavesTheOldStoreOpenable) {
  auto dir = tmp / "store";
  { ASSERT_TRUE(Store::create(dir, pass())); }
  // A rotation killed before its commit point leaves a new database file beside the old one.
  sawt::testing::write_file(dir / "sawt-deadbeef.db", std::string(8192, 'x'));
  sawt::testing::write_file(dir / ".snapshot-1234.db", "partial");
  auto s = Store::open(dir, pass());
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_FALSE(std::filesystem::exists(dir / "sawt-deadbeef.db"));
  EXPECT_FALSE(std::filesystem::exists(dir / ".snapshot-1234.db"));
}

}  // namespace
}  // namespace sawt::store
