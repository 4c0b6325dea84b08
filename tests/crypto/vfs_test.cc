// The encrypted store, tested from the outside: nothing readable on disk
// (canary scan in WAL and rollback modes, after sorts, FTS maintenance,
// VACUUM and checkpoints), altered pages give a clean integrity error, wrong
// passphrases and foreign files are refused, and nothing can be copied out
// unencrypted (ATTACH, VACUUM INTO, temp files).
#include "crypto/vfs.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cstdlib>
#include <fstream>
#include <unordered_set>

#include <fmt/format.h>

#include "store/repository.h"
#include "testing.h"

namespace sawt::crypto {
namespace {

namespace fs = std::filesystem;

class EncryptedStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
    // A private temp folder: whatever SQLite or sawt might spill goes there, and
    // the scan does not wade through other programs' files in /tmp.
    std::filesystem::create_directories(tmp / "tmpdir");
    if (const char* old = std::getenv("TMPDIR")) saved_tmpdir = old;
    setenv("TMPDIR", (tmp / "tmpdir").c_str(), 1);
    unsigned char r[8];
    randombytes_buf(r, sizeof r);
    const std::string hex = to_hex(r);
    latin_marker = "CANARYq" + hex;
    // Random Arabic letters, so that only this run's marker can match.
    static const char* kLetters[16] = {"ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص", "ض", "ط", "ظ"};
    arabic_random.clear();
    for (char c : hex) arabic_random += kLetters[std::stoi(std::string(1, c), nullptr, 16)];
    arabic_marker = "كناري" + arabic_random;
  }
  static std::string to_hex(const unsigned char (&r)[8]) {
    std::string out;
    for (unsigned char c : r) out += fmt::format("{:02x}", c);
    return out;
  }
  void TearDown() override {
    if (saved_tmpdir) {
      setenv("TMPDIR", saved_tmpdir->c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
  }
  std::optional<std::string> saved_tmpdir;

  std::unique_ptr<store::Store> create() {
    auto s = store::Store::create(dir(), make_passphrase("correct horse battery"));
    EXPECT_TRUE(s) << s.error().describe();
    return s ? std::move(*s) : nullptr;
  }
  std::unique_ptr<store::Store> open() {
    auto s = store::Store::open(dir(), make_passphrase("correct horse battery"));
    EXPECT_TRUE(s) << s.error().describe();
    return s ? std::move(*s) : nullptr;
  }
  fs::path dir() const { return tmp / "store"; }

  void fill(store::Store& s, int n) {
    store::Repository repo(s, "tester");
    auto tx = store::Transaction::begin(s.db());
    ASSERT_TRUE(tx);
    for (int i = 0; i < n; ++i) {
      Person p;
      p.name_ar.full = arabic_marker + " " + std::to_string(i);
      p.name_lat.full = latin_marker + " " + std::to_string(i);
      p.notes = "notes " + latin_marker + " " + arabic_marker;
      ASSERT_TRUE(repo.add_person(p));
    }
    ASSERT_TRUE(tx->commit());
  }

  // Every byte of every file under `root`; returns the files containing a marker.
  std::vector<std::string> scan(const fs::path& root) const {
    std::vector<std::string> hits;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec || !it->is_regular_file(ec) || it->file_size(ec) > (64u << 20)) continue;
      const std::string bytes = sawt::testing::read_file(it->path());
      for (const auto& m : {latin_marker, arabic_marker, latin_marker.substr(7), arabic_random}) {
        if (bytes.find(m) != std::string::npos) hits.push_back(it->path().string() + " contains " + m);
      }
    }
    return hits;
  }

  sawt::testing::TempDir tmp;
  std::string latin_marker;
  std::string arabic_marker;
  std::string arabic_random;
};

void exercise(store::Store& s) {
  auto& db = s.db();
  // Sort-heavy queries on unindexed expressions, grouping, a big temp b-tree.
  ASSERT_TRUE(db.exec("SELECT display_name, notes FROM persons ORDER BY notes || display_name DESC"));
  ASSERT_TRUE(db.exec("SELECT substr(display_name, 1, 12), count(*) FROM persons GROUP BY 1 ORDER BY 2"));
  ASSERT_TRUE(db.exec("CREATE TEMP TABLE t AS SELECT * FROM persons ORDER BY random(); DROP TABLE t;"));
  ASSERT_TRUE(db.exec("INSERT INTO search_index(search_index) VALUES ('optimize')"));
  ASSERT_TRUE(db.exec("INSERT INTO search_index(search_index) VALUES ('integrity-check')"));
  ASSERT_TRUE(db.exec("VACUUM"));
}

TEST_F(EncryptedStoreTest, NoMarkerReachesTheDiskInWalMode) {
  {
    auto s = create();
    ASSERT_TRUE(s);
    fill(*s, 600);
    exercise(*s);
    fill(*s, 50);  // leave frames in the WAL
    EXPECT_TRUE(scan(dir()).empty());
    EXPECT_TRUE(scan(fs::temp_directory_path()).empty()) << scan(fs::temp_directory_path())[0];
    ASSERT_TRUE(s->db().exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  }
  auto hits = scan(dir());
  EXPECT_TRUE(hits.empty()) << hits[0];
  auto s = open();
  ASSERT_TRUE(s);
  EXPECT_EQ(*s->db().query_int("SELECT count(*) FROM persons"), 650);
  EXPECT_EQ(*s->db().query_int("PRAGMA journal_mode = WAL") , 0);  // returns text 'wal'; just must not fail
}

TEST_F(EncryptedStoreTest, NoMarkerReachesTheDiskInRollbackJournalMode) {
  auto s = create();
  ASSERT_TRUE(s);
  auto mode = s->db().prepare("PRAGMA journal_mode = DELETE");
  ASSERT_TRUE(mode);
  ASSERT_TRUE(*mode->step());
  EXPECT_EQ(mode->text(0), "delete");
  mode = s->db().prepare("SELECT 1");  // finalize the pragma statement
  fill(*s, 400);
  exercise(*s);
  // Keep a transaction open with a hot journal on disk while scanning.
  ASSERT_TRUE(s->db().exec("BEGIN IMMEDIATE; UPDATE persons SET notes = notes || ' again';"));
  auto hits = scan(dir());
  EXPECT_TRUE(hits.empty()) << hits[0];
  ASSERT_TRUE(s->db().exec("ROLLBACK"));
  EXPECT_EQ(*s->db().query_int("SELECT count(*) FROM persons WHERE notes LIKE '%again'"), 0);
  EXPECT_TRUE(scan(dir()).empty());
}

TEST_F(EncryptedStoreTest, AFlippedByteIsAnIntegrityErrorNamingThePage) {
  std::uint64_t page = 0;  // 0-based page index of the persons table's root
  {
    auto s = create();
    ASSERT_TRUE(s);
    fill(*s, 300);
    page = static_cast<std::uint64_t>(*s->db().query_int("SELECT rootpage FROM sqlite_schema WHERE name = 'persons'")) - 1;
    ASSERT_TRUE(s->db().exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  }
  const auto db = dir() / "sawt.db";
  {
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(page * kPageSize + 123));
    char c = 0;
    f.read(&c, 1);
    c = static_cast<char>(c ^ 0x20);
    f.seekp(static_cast<std::streamoff>(page * kPageSize + 123));
    f.write(&c, 1);
  }
  auto s = store::Store::open(dir(), make_passphrase("correct horse battery"));
  std::optional<Error> err;
  if (!s) {
    err = s.error();
  } else {
    auto r = (*s)->db().exec("SELECT * FROM persons; SELECT * FROM search_index; SELECT * FROM audit;");
    if (!r) err = r.error();
  }
  ASSERT_TRUE(err);
  EXPECT_EQ(err->kind, ErrorKind::kIntegrity);
  EXPECT_NE(err->message.find(fmt::format("sawt.db page {}", page + 1)), std::string::npos) << err->message;
}

TEST_F(EncryptedStoreTest, APlaintextDatabaseIsRefusedNotRecreated) {
  { ASSERT_TRUE(create()); }
  const auto db = dir() / "sawt.db";
  fs::remove(db);
  {
    // An ordinary SQLite database put in its place.
    auto plain = store::Db::open(db.string(), true);
    ASSERT_TRUE(plain);
    ASSERT_TRUE((*plain)->exec("CREATE TABLE x(a); INSERT INTO x VALUES ('hello');"));
  }
  const auto before = sawt::testing::read_file(db);
  auto s = store::Store::open(dir(), make_passphrase("correct horse battery"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kBadInput);
  EXPECT_NE(s.error().message.find("not this store's encrypted database"), std::string::npos);
  EXPECT_EQ(sawt::testing::read_file(db), before);
}

TEST_F(EncryptedStoreTest, ADatabaseFromAnotherStoreIsRefused) {
  { ASSERT_TRUE(create()); }
  sawt::testing::TempDir other;
  {
    auto s = store::Store::create(other.path() / "store", make_passphrase("correct horse battery"));
    ASSERT_TRUE(s);
  }
  fs::copy_file(other.path() / "store" / "sawt.db", dir() / "sawt.db", fs::copy_options::overwrite_existing);
  auto s = store::Store::open(dir(), make_passphrase("correct horse battery"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kBadInput);
}

TEST_F(EncryptedStoreTest, NothingCanBeCopiedOutUnencrypted) {
  auto s = create();
  ASSERT_TRUE(s);
  fill(*s, 5);
  const auto out = (tmp / "copy.db").string();
  EXPECT_FALSE(s->db().exec(fmt::format("VACUUM INTO '{}'", out)));
  EXPECT_FALSE(s->db().exec(fmt::format("ATTACH '{}' AS other", out)));
  EXPECT_FALSE(fs::exists(out) && fs::file_size(out) > 0 && sawt::testing::read_file(out).find(latin_marker) != std::string::npos);
  EXPECT_FALSE(s->db().exec("PRAGMA page_size = 8192"));
  EXPECT_FALSE(s->db().exec("PRAGMA mmap_size = 1000000"));
  EXPECT_FALSE(s->db().exec("PRAGMA temp_store = FILE"));
  EXPECT_TRUE(scan(tmp.path()).empty());
}

TEST_F(EncryptedStoreTest, WrongPassphraseChangesNoFile) {
  {
    auto s = create();
    ASSERT_TRUE(s);
    fill(*s, 5);
  }
  std::map<std::string, std::string> before;
  for (const auto& e : fs::directory_iterator(dir())) {
    if (e.is_regular_file()) before[e.path().filename()] = sawt::testing::read_file(e.path());
  }
  auto s = store::Store::open(dir(), make_passphrase("not the passphrase"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kAuth);
  std::map<std::string, std::string> after;
  for (const auto& e : fs::directory_iterator(dir())) {
    if (e.is_regular_file()) after[e.path().filename()] = sawt::testing::read_file(e.path());
  }
  EXPECT_EQ(before, after);
}

TEST(PageCipher, NoncesNeverRepeat) {
  init();
  SecretBytes key(32);
  randombytes_buf(key.data(), key.size());
  const std::string db_id(16, 'x');
  std::vector<unsigned char> page(kPageSize, 0x41);
  std::unordered_set<std::string> nonces;
  constexpr int kWrites = 50'000;  // the million-write run is in tests/slow
  for (int i = 0; i < kWrites; ++i) {
    seal_page(page.data(), 7, PageKey{&key, db_id});
    nonces.emplace(reinterpret_cast<const char*>(page.data() + kNonceOffset), 24);
  }
  EXPECT_EQ(nonces.size(), static_cast<size_t>(kWrites));
}

TEST(PageCipher, APageOpensOnlyAtItsNumberInItsDatabase) {
  init();
  SecretBytes key(32);
  randombytes_buf(key.data(), key.size());
  std::vector<unsigned char> page(kPageSize, 0x41), copy;
  seal_page(page.data(), 3, PageKey{&key, std::string(16, 'a')});
  copy = page;
  EXPECT_FALSE(open_page(copy.data(), 4, PageKey{&key, std::string(16, 'a')}));
  copy = page;
  EXPECT_FALSE(open_page(copy.data(), 3, PageKey{&key, std::string(16, 'b')}));
  copy = page;
  ASSERT_TRUE(open_page(copy.data(), 3, PageKey{&key, std::string(16, 'a')}));
  EXPECT_EQ(copy[0], 0x41);
  EXPECT_EQ(copy[kNonceOffset - 1], 0x41);
}

}  // namespace
}  // namespace sawt::crypto
