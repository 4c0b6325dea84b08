// Known-answer tests for everything sawt writes to disk encrypted. The files
// under tests/data/crypto/ were made once (see kat/README.md) and are what an
// installation in the field has on its disk. If a change to the page format,
// the key file, the backup format or the audit chain stops these from opening
// with exactly these contents, old stores would stop opening too: that change
// needs a migration path, not new vectors.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sodium.h>

#include <cstring>
#include <filesystem>
#include <vector>

#include "app/share.h"
#include "crypto/keyfile.h"
#include "crypto/page_cipher.h"
#include "store/backup.h"
#include "store/repository.h"
#include "store/store.h"
#include "testing.h"

namespace sawt {
namespace {

namespace fs = std::filesystem;

// ------------------------------------------------------------ page cipher

// The page-cipher vector: key = bytes 0x00..0x1f, db_id = "sawt-kat-db-id-1",
// page number 7, plaintext = kat_plaintext(). The nonce is random on every
// seal, so the sealed page is committed as it was produced once.
constexpr std::uint32_t kKatPgno = 7;
constexpr std::string_view kKatDbId = "sawt-kat-db-id-1";

crypto::SecretBytes kat_key() {
  crypto::SecretBytes key(32);
  for (size_t i = 0; i < 32; ++i) key.data()[i] = static_cast<unsigned char>(i);
  return key;
}

std::vector<unsigned char> kat_plaintext() {
  std::vector<unsigned char> page(crypto::kPageSize, 0);
  for (int i = 0; i < crypto::kNonceOffset; ++i) page[static_cast<size_t>(i)] = static_cast<unsigned char>((i * 31 + 7) & 0xff);
  constexpr std::string_view kHead = "sawt page-cipher known-answer vector v1\n";
  std::memcpy(page.data(), kHead.data(), kHead.size());
  return page;  // the 40 reserved bytes stay zero; seal_page fills them
}

fs::path page_vector_path() { return testing::data_path("crypto/page_cipher_v1.bin"); }

std::vector<unsigned char> read_bytes(const fs::path& p) {
  const std::string s = testing::read_file(p);
  return {s.begin(), s.end()};
}

// Run explicitly (--gtest_also_run_disabled_tests --gtest_filter='*MakePageCipherVector*')
// only when the page format changes on purpose.
TEST(PageCipherKat, DISABLED_MakePageCipherVector) {
  crypto::init();
  auto key = kat_key();
  auto page = kat_plaintext();
  crypto::seal_page(page.data(), kKatPgno, crypto::PageKey{&key, kKatDbId});
  testing::write_file(page_vector_path(), std::string(page.begin(), page.end()));
}

TEST(PageCipherKat, TheCommittedSealedPageOpensToTheKnownPlaintext) {
  crypto::init();
  auto key = kat_key();
  auto sealed = read_bytes(page_vector_path());
  ASSERT_EQ(sealed.size(), static_cast<size_t>(crypto::kPageSize));
  auto page = sealed;
  ASSERT_TRUE(crypto::open_page(page.data(), kKatPgno, crypto::PageKey{&key, kKatDbId}));
  const auto want = kat_plaintext();
  EXPECT_TRUE(std::equal(want.begin(), want.begin() + crypto::kNonceOffset, page.begin()))
      << "the page opened but its plaintext differs";
}

TEST(PageCipherKat, TheCommittedPageFollowsTheDocumentedLayout) {
  // Recomputed with libsodium directly from the layout SECURITY.md documents,
  // so that the format is pinned independently of page_cipher.cc:
  // ciphertext = bytes [0, 4056), nonce = [4056, 4080), tag = [4080, 4096),
  // XChaCha20-Poly1305-IETF, AD = "sawt-page-v1" | db_id (16) | pgno (u32 LE).
  crypto::init();
  auto key = kat_key();
  const auto sealed = read_bytes(page_vector_path());
  ASSERT_EQ(sealed.size(), static_cast<size_t>(crypto::kPageSize));
  std::string ad = "sawt-page-v1";
  ad += kKatDbId;
  for (int i = 0; i < 4; ++i) ad += static_cast<char>((kKatPgno >> (8 * i)) & 0xff);
  std::vector<unsigned char> out(4056);
  ASSERT_EQ(crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
                out.data(), nullptr, sealed.data(), 4056, sealed.data() + 4080,
                reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), sealed.data() + 4056, key.data()),
            0);
  const auto want = kat_plaintext();
  EXPECT_TRUE(std::equal(out.begin(), out.end(), want.begin()));
}

TEST(PageCipherKat, TheCommittedPageFailsAnywhereElse) {
  crypto::init();
  auto key = kat_key();
  const auto sealed = read_bytes(page_vector_path());
  ASSERT_EQ(sealed.size(), static_cast<size_t>(crypto::kPageSize));
  auto page = sealed;
  EXPECT_FALSE(crypto::open_page(page.data(), kKatPgno + 1, crypto::PageKey{&key, kKatDbId}));
  page = sealed;
  EXPECT_FALSE(crypto::open_page(page.data(), kKatPgno, crypto::PageKey{&key, "sawt-kat-db-id-2"}));
  for (int at : {0, 100, 4055, 4056, 4079, 4080, 4095}) {
    page = sealed;
    page[static_cast<size_t>(at)] ^= 0x01;
    EXPECT_FALSE(crypto::open_page(page.data(), kKatPgno, crypto::PageKey{&key, kKatDbId})) << "flip at " << at;
  }
}

// ------------------------------------------------------- store and backup

constexpr std::string_view kStorePassphrase = "sawt known-answer store 2024";
constexpr std::string_view kBackupPassphrase = "sawt known-answer backup 2024";

// What make_kat.sh put in the store (values read back once and frozen here).
constexpr std::string_view kDbIdHex = "ea90cdf701e0ee8633634b1bbfe33b36";
constexpr std::string_view kDbKeyHex = "584306362263552a0b4198e0b03514c4f95696953dbfcf8113ff29a037727b5a";
constexpr std::string_view kLogId = "5866fcd1c376daee43d25afd2b2806b2";
constexpr std::int64_t kAuditRows = 24;
constexpr std::string_view kAuditHead = "081ef3384988ff6f9d8dbc98bee063337fad594f233161c6fcf8a1a650a762d8";

class KnownAnswerStore : public ::testing::Test {
 protected:
  void SetUp() override { crypto::init(); }

  // A working copy: opening a store may write (WAL, migrations), and the
  // committed files must stay as they are.
  fs::path copy_store(const char* from = "crypto/kat/store", const char* to = "store") {
    const fs::path dir = tmp / to;
    fs::create_directories(dir / "documents");
    for (const char* f : {"sawt.key", "sawt.db"}) {
      fs::copy_file(testing::data_path(from) / f, dir / f);
      fs::permissions(dir / f, fs::perms::owner_read | fs::perms::owner_write);
    }
    fs::permissions(dir, fs::perms::owner_all);
    return dir;
  }

  testing::TempDir tmp;
};

std::string hex(std::string_view raw) {
  std::string out;
  for (unsigned char c : raw) out += fmt::format("{:02x}", c);
  return out;
}

// Checks everything the KAT store holds; `what` names the copy in messages.
void expect_kat_contents(store::Store& s, const std::string& what) {
  SCOPED_TRACE(what);
  store::Repository repo(s, "kat-test");

  store::PersonFilter all;
  all.limit = 100;
  auto persons = repo.list_persons(all);
  ASSERT_TRUE(persons) << persons.error().describe();
  ASSERT_EQ(persons->size(), 3u);
  std::map<std::string, Person> by_id;
  for (auto& p : *persons) by_id[p.public_id] = p;
  ASSERT_EQ(by_id.count("P-000001"), 1u);
  ASSERT_EQ(by_id.count("P-000002"), 1u);
  ASSERT_EQ(by_id.count("P-000003"), 1u);

  const Person& p1 = by_id["P-000001"];
  EXPECT_EQ(p1.name_ar.full, "أسامة إبراهيم الحموي");
  EXPECT_EQ(p1.name_lat.full, "Usama Ibrahim al-Hamwi");
  EXPECT_EQ(p1.gender, "m");
  EXPECT_EQ(p1.birth_date.to_string(), "1984-03");
  EXPECT_EQ(p1.birth_place, "حماة");
  EXPECT_EQ(p1.nationality, "sy");
  EXPECT_EQ(p1.status, "sentenced");
  EXPECT_EQ(p1.notes, "ملاحظة اختبار KAT-1 (معدلة)");
  EXPECT_FALSE(p1.confidential);

  const Person& p2 = by_id["P-000002"];
  EXPECT_EQ(p2.name_ar.full, "فاطمة الزهراء العلي");
  EXPECT_TRUE(p2.name_lat.empty());
  EXPECT_EQ(p2.gender, "f");
  EXPECT_EQ(p2.birth_date.to_string(), "~1990");
  EXPECT_EQ(p2.status, "disappeared");
  EXPECT_EQ(p2.notes, "known-answer person 2");
  EXPECT_TRUE(p2.confidential);

  const Person& p3 = by_id["P-000003"];
  EXPECT_TRUE(p3.name_ar.empty());
  EXPECT_EQ(p3.name_lat.full, "Khaled Omar");
  EXPECT_EQ(p3.nationality, "ps");
  EXPECT_EQ(p3.id_number, "KAT-0003");
  EXPECT_EQ(p3.status, "unknown");

  // The import: 3 records from "KAT list", 1 row quarantined.
  auto source = repo.find_source("KAT list");
  ASSERT_TRUE(source);
  ASSERT_TRUE(source->has_value());
  auto records = s.db().prepare(
      "SELECT record_id, notes FROM source_records WHERE source_id = ? ORDER BY record_id");
  ASSERT_TRUE(records);
  records->bind(1, (*source)->id);
  std::vector<std::string> got;
  while (true) {
    auto row = records->step();
    ASSERT_TRUE(row) << row.error().describe();
    if (!*row) break;
    got.push_back(records->text(0) + "|" + records->text(1));
  }
  EXPECT_EQ(got, (std::vector<std::string>{"K1|KAT row 1", "K2|KAT row 2", "K3|KAT row 3"}));
  EXPECT_EQ(*s.db().query_int("SELECT count(*) FROM quarantine"), 1);
  auto k1 = s.db().prepare("SELECT first_name, family_name, birth_date FROM source_records WHERE record_id = 'K1'");
  ASSERT_TRUE(k1);
  ASSERT_TRUE(*k1->step());
  EXPECT_EQ(k1->text(0), "محمد");
  EXPECT_EQ(k1->text(1), "الخطيب");
  EXPECT_EQ(k1->text(2), "1979-05-02");

  // The audit chain: intact, with the same rows and head hash as when made.
  EXPECT_EQ(s.audit().log_id(), kLogId);
  auto v = s.audit().verify();
  ASSERT_TRUE(v) << v.error().describe();
  EXPECT_FALSE(v->first_bad) << v->problem;
  EXPECT_GE(v->rows, kAuditRows);
  if (v->rows == kAuditRows) {
    EXPECT_EQ(v->head_hash, kAuditHead);
  }
  auto head = s.db().prepare("SELECT hash FROM audit WHERE id = ?");
  ASSERT_TRUE(head);
  head->bind(1, kAuditRows);
  ASSERT_TRUE(*head->step()) << "no audit row " << kAuditRows << "; the store has " << v->rows << ", head "
                             << v->head_hash;
  EXPECT_EQ(head->text(0), kAuditHead) << "audit rows " << v->rows << ", head " << v->head_hash;

  // Every page authenticates and the structure is sound.
  auto check = s.db().prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check);
  ASSERT_TRUE(*check->step());
  EXPECT_EQ(check->text(0), "ok");
}

TEST_F(KnownAnswerStore, TheKeyFileUnlocksToTheKnownDatabaseKey) {
  const auto text = testing::read_file(testing::data_path("crypto/kat/store/sawt.key"));
  auto kf = crypto::KeyFile::parse(text, "kat/sawt.key");
  ASSERT_TRUE(kf) << kf.error().describe();
  EXPECT_EQ(hex(kf->db_id()), kDbIdHex);
  EXPECT_EQ(kf->db_file(), "sawt.db");
  ASSERT_EQ(kf->slots().size(), 1u);
  EXPECT_EQ(kf->slots()[0].kind, "passphrase");
  EXPECT_EQ(kf->slots()[0].kdf.opslimit, crypto_pwhash_OPSLIMIT_MIN);
  EXPECT_EQ(kf->slots()[0].kdf.memlimit, crypto_pwhash_MEMLIMIT_MIN);
  auto unlocked = kf->unlock(crypto::make_passphrase(kStorePassphrase));
  ASSERT_TRUE(unlocked) << unlocked.error().describe();
  EXPECT_EQ(hex(std::string_view(reinterpret_cast<const char*>(unlocked->key.data()), unlocked->key.size())), kDbKeyHex);
  auto wrong = kf->unlock(crypto::make_passphrase("sawt known-answer store 2025"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().kind, ErrorKind::kAuth);
  // The serialised form parses back to the same key file.
  auto again = crypto::KeyFile::parse(kf->serialize(), "reserialised");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->serialize(), kf->serialize());
}

TEST_F(KnownAnswerStore, TheCommittedStoreOpensWithItsExactContents) {
  const auto dir = copy_store();
  auto s = store::Store::open(dir, crypto::make_passphrase(kStorePassphrase));
  ASSERT_TRUE(s) << s.error().describe();
  expect_kat_contents(**s, "committed store");
}

TEST_F(KnownAnswerStore, TheCommittedStoreRefusesAWrongPassphrase) {
  const auto dir = copy_store();
  auto s = store::Store::open(dir, crypto::make_passphrase("not the kat passphrase"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kAuth);
}

TEST_F(KnownAnswerStore, TheCommittedBackupRestoresToTheSameStore) {
  store::RestoreKey key;
  key.passphrase = crypto::make_passphrase(kBackupPassphrase);
  const auto dir = tmp / "restored";
  auto r = store::restore(testing::data_path("crypto/kat/kat.sawtbak"), dir, key);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->files, 2);
  auto s = store::Store::open(dir, crypto::make_passphrase(kStorePassphrase));
  ASSERT_TRUE(s) << s.error().describe();
  expect_kat_contents(**s, "restored backup");
  // Same database key and id as the store it was made from.
  EXPECT_EQ(hex((*s)->keyfile().db_id()), kDbIdHex);
}

TEST_F(KnownAnswerStore, TheCommittedBackupRefusesAWrongPassphrase) {
  store::RestoreKey key;
  key.passphrase = crypto::make_passphrase("sawt known-answer backup 2025");
  auto r = store::restore(testing::data_path("crypto/kat/kat.sawtbak"), tmp / "restored", key);
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().kind == ErrorKind::kAuth || r.error().kind == ErrorKind::kIntegrity) << r.error().describe();
  EXPECT_FALSE(fs::exists(tmp / "restored" / "sawt.db"));
}

// ------------------------------------------------------------ partner share

// A bundle "KAT Sender" sent to "KAT Partner" (kat/make_share_kat.sh): the
// partner's store holds the recipient identity, sender.pub the sender's
// public keys. Partners keep bundles they were sent; a change to the bundle
// format that stops this one from opening needs a new format version.
constexpr const char* kSharePassphrase = "sawt known-answer share 2026";
constexpr const char* kShareBundleId = "ce58a6e3a613ef25e88f146e664061e2";

class KnownAnswerShare : public KnownAnswerStore {
 protected:
  // The partner's store, opened from a working copy.
  std::unique_ptr<store::Store> open_partner() {
    auto s = store::Store::open(copy_store("crypto/kat/share/partner", "partner"),
                                crypto::make_passphrase(kSharePassphrase));
    EXPECT_TRUE(s) << s.error().describe();
    return s ? std::move(*s) : nullptr;
  }
  fs::path bundle() const { return testing::data_path("crypto/kat/share/kat-share.bundle"); }
  app::PublicKeys sender() const {
    auto keys = app::read_public_keys(testing::data_path("crypto/kat/share/sender.pub"));
    EXPECT_TRUE(keys) << keys.error().describe();
    return keys ? *keys : app::PublicKeys{};
  }
};

TEST_F(KnownAnswerShare, TheCommittedBundleOpensWithItsExactRecords) {
  auto s = open_partner();
  ASSERT_TRUE(s);
  store::Repository repo(*s, "kat");
  auto got = app::receive_share(repo, bundle(), sender(), "");
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_EQ(got->bundle_id, kShareBundleId);
  EXPECT_EQ(got->sender, "KAT Sender");
  EXPECT_EQ(got->import.info.rows_ok, 2);  // the third person had no consent
  EXPECT_TRUE(got->import.quarantined.empty());
  auto first = repo.get_source_record(1);
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(first->name.display(), "أسامة إبراهيم الحموي");
  EXPECT_EQ(first->extra["full_name_latin"], "Usama Ibrahim al-Hamwi");
  EXPECT_EQ(first->extra["sender_person_id"], "P-000001");
  EXPECT_EQ(first->birth_date.to_string(), "1984-03");
  EXPECT_TRUE(first->notes.empty());  // notes go only with --include-notes
  auto second = repo.get_source_record(2);
  ASSERT_TRUE(second) << second.error().describe();
  EXPECT_EQ(second->name.display(), "Khaled Omar");
  EXPECT_EQ(second->id_number, "KAT-S-2");
  EXPECT_EQ(second->extra["sender_person_id"], "P-000002");
}

TEST_F(KnownAnswerShare, TheCommittedBundleRefusesAnotherSendersKey) {
  auto s = open_partner();
  ASSERT_TRUE(s);
  store::Repository repo(*s, "kat");
  const app::PublicKeys someone_else{"KAT Partner", s->keyfile().sign_public(), s->keyfile().box_public()};
  auto got = app::receive_share(repo, bundle(), someone_else, "");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().kind, ErrorKind::kAuth) << got.error().describe();
  EXPECT_TRUE(repo.list_sources()->empty());
}

TEST_F(KnownAnswerShare, AFlippedByteInTheCommittedBundleIsRefused) {
  std::string bytes = testing::read_file(bundle());
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
  testing::write_file(tmp / "flipped.bundle", bytes);
  auto s = open_partner();
  ASSERT_TRUE(s);
  store::Repository repo(*s, "kat");
  auto got = app::receive_share(repo, tmp / "flipped.bundle", sender(), "");
  ASSERT_FALSE(got);
  EXPECT_TRUE(got.error().kind == ErrorKind::kIntegrity || got.error().kind == ErrorKind::kAuth ||
              got.error().kind == ErrorKind::kBadInput)
      << got.error().describe();
  EXPECT_TRUE(repo.list_sources()->empty());
}

}  // namespace
}  // namespace sawt
