#include "store/backup.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cstdlib>
#include <cstring>

#include "store/repository.h"
#include "testing.h"

namespace sawt::store {
namespace {

namespace fs = std::filesystem;

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
    auto s = Store::create(tmp / "store", crypto::make_passphrase("store passphrase"));
    ASSERT_TRUE(s);
    store = std::move(*s);
    Repository repo(*store, "t");
    for (int i = 0; i < 50; ++i) {
      Person p;
      p.name_ar.full = "ماركرسري " + std::to_string(i);
      p.name_lat.full = "BACKUPMARKER " + std::to_string(i);
      ASSERT_TRUE(repo.add_person(p));
    }
  }
  BackupTarget to_passphrase() {
    BackupTarget t;
    t.passphrase = crypto::make_passphrase("backup passphrase");
    return t;
  }
  RestoreKey with_passphrase(const char* p = "backup passphrase") {
    RestoreKey k;
    k.passphrase = crypto::make_passphrase(p);
    return k;
  }
  void corrupt(const fs::path& f, std::uintmax_t offset) {
    std::string bytes = sawt::testing::read_file(f);
    bytes[offset] = static_cast<char>(bytes[offset] ^ 1);
    sawt::testing::write_file(f, bytes);
  }
  sawt::testing::TempDir tmp;
  std::unique_ptr<Store> store;
};

TEST_F(BackupTest, RoundTripsToANewFolderAndLeaksNoName) {
  auto r = backup(*store, tmp / "b.sawtbak", to_passphrase());
  ASSERT_TRUE(r) << r.error().describe();
  const auto bytes = sawt::testing::read_file(tmp / "b.sawtbak");
  EXPECT_EQ(bytes.find("BACKUPMARKER"), std::string::npos);
  EXPECT_EQ(bytes.find("ماركرسري"), std::string::npos);
  auto restored = restore(tmp / "b.sawtbak", tmp / "restored", with_passphrase());
  ASSERT_TRUE(restored) << restored.error().describe();
  auto s = Store::open(tmp / "restored", crypto::make_passphrase("store passphrase"));
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_EQ(*(*s)->db().query_int("SELECT count(*) FROM persons"), 50);
  EXPECT_FALSE((*(*s)->audit().verify()).first_bad);
}

// Attached documents live inside the database (document_contents), so the
// snapshot carries them: a person's, a monitoring visit's and an incident's
// come back byte for byte, and none is readable in the backup file.
TEST_F(BackupTest, CarriesEveryAttachedDocument) {
  Repository repo(*store, "t");
  ASSERT_TRUE(repo.upsert_facility({0, "lb-roumieh", "سجن رومية المركزي", "Roumieh Central Prison",
                                    "central_prison", "isf", "lb", "Roumieh", 1050}));
  Visit v;
  v.facility_code = "lb-roumieh";
  v.date = *PartialDate::parse("2026-05-20");
  const Id visit = *repo.add_visit(v);
  Incident i;
  i.facility_code = "lb-roumieh";
  i.type = "hunger_strike";
  i.date = *PartialDate::parse("2026-05-02");
  const Id incident = *repo.add_incident(i);
  std::map<Id, std::string> bytes;
  const auto attach = [&](Document d, const std::string& marker) {
    const std::string content = "DOCMARKER " + marker + " " + std::string(5000, 'x');
    d.title = marker;
    d.kind = "photo";
    d.sha256 = std::string(64, '0');
    d.size = static_cast<std::int64_t>(content.size());
    d.content_type = "text/plain; charset=utf-8";
    auto added = repo.add_document(d, content);
    ASSERT_TRUE(added) << added.error().describe();
    bytes[added->id] = content;
  };
  Document of_person;
  of_person.person_id = 1;
  attach(of_person, "person");
  Document of_visit;
  of_visit.visit_id = visit;
  attach(of_visit, "visit");
  Document of_incident;
  of_incident.incident_id = incident;
  attach(of_incident, "incident");
  ASSERT_EQ(bytes.size(), 3u);

  ASSERT_TRUE(backup(*store, tmp / "d.sawtbak", to_passphrase()));
  EXPECT_EQ(sawt::testing::read_file(tmp / "d.sawtbak").find("DOCMARKER"), std::string::npos);
  ASSERT_TRUE(restore(tmp / "d.sawtbak", tmp / "restored", with_passphrase()));
  auto s = Store::open(tmp / "restored", crypto::make_passphrase("store passphrase"));
  ASSERT_TRUE(s) << s.error().describe();
  Repository restored(**s, "t");
  for (const auto& [id, content] : bytes) {
    auto got = restored.document_content(id);
    ASSERT_TRUE(got) << id << ": " << got.error().describe();
    EXPECT_EQ(*got, content);
  }
  EXPECT_EQ(restored.documents(DocumentOwner::kVisit, visit)->size(), 1u);
  EXPECT_EQ(restored.documents(DocumentOwner::kIncident, incident)->size(), 1u);
}

TEST_F(BackupTest, RecipientsOpenItWithTheirSecretKey) {
  std::string pk(32, '\0');
  crypto::SecretBytes sk(32);
  crypto_box_keypair(reinterpret_cast<unsigned char*>(pk.data()), sk.data());
  BackupTarget t;
  t.recipients = {pk};
  ASSERT_TRUE(backup(*store, tmp / "r.sawtbak", t));
  RestoreKey k;
  k.box_public = pk;
  k.box_secret.emplace(32);
  std::memcpy(k.box_secret->data(), sk.data(), 32);
  ASSERT_TRUE(restore(tmp / "r.sawtbak", tmp / "restored", k));
  // Another key pair cannot.
  std::string pk2(32, '\0');
  RestoreKey other;
  other.box_secret.emplace(32);
  crypto_box_keypair(reinterpret_cast<unsigned char*>(pk2.data()), other.box_secret->data());
  other.box_public = pk2;
  auto r = restore(tmp / "r.sawtbak", tmp / "restored2", other);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kAuth);
}

TEST_F(BackupTest, RefusesTruncatedExtendedAlteredAndForeignFiles) {
  ASSERT_TRUE(backup(*store, tmp / "b.sawtbak", to_passphrase()));
  const auto good = sawt::testing::read_file(tmp / "b.sawtbak");
  const auto expect_refused = [&](const std::string& bytes, const char* what) {
    sawt::testing::write_file(tmp / "bad.sawtbak", bytes);
    auto r = restore(tmp / "bad.sawtbak", tmp / ("out-" + std::string(what)), with_passphrase());
    ASSERT_FALSE(r) << what;
    EXPECT_TRUE(r.error().kind == ErrorKind::kIntegrity || r.error().kind == ErrorKind::kBadInput) << what;
    EXPECT_FALSE(fs::exists(tmp / ("out-" + std::string(what)))) << what << ": nothing may be left behind";
  };
  expect_refused(good.substr(0, good.size() - 1), "truncated-1");
  expect_refused(good.substr(0, good.size() / 2), "truncated-half");
  expect_refused(good + "extra", "extended");
  std::string flipped = good;
  flipped[good.size() / 2] ^= 4;
  expect_refused(flipped, "flipped");
  std::string header = good;
  header[20] ^= 1;  // inside the JSON header
  expect_refused(header, "header");
  expect_refused("SQLite format 3" + std::string(100, '\0'), "foreign");
}

TEST_F(BackupTest, WrongPassphraseAndOccupiedTargetAreRefused) {
  ASSERT_TRUE(backup(*store, tmp / "b.sawtbak", to_passphrase()));
  auto wrong = restore(tmp / "b.sawtbak", tmp / "x", with_passphrase("not it"));
  ASSERT_FALSE(wrong);
  auto over = restore(tmp / "b.sawtbak", tmp / "store", with_passphrase());
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().kind, ErrorKind::kConflict);
  auto again = backup(*store, tmp / "b.sawtbak", to_passphrase());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
}

}  // namespace
}  // namespace sawt::store
