// Committed transactions survive a crash in WAL mode (the store's default),
// and a frame that a crash cut short is not mistaken for a damaged store.
//
// Two bugs the crash loop (tests/slow/crash_recovery_test.cc) found, kept as
// regressions: (1) SQLite computes each WAL frame's checksum over the whole
// page, the reserved bytes included, so the VFS hands those bytes back as
// zeros; otherwise recovery stopped at the first frame and dropped every
// transaction committed since the last checkpoint. (2) SQLite writes a frame
// as two writes, header then page; a process killed between them left a
// frame header of the current WAL before a page that does not open, and the
// store then refused to open ("integrity failure at sawt.db-wal page 1").
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <vector>

#include "crypto/vfs.h"
#include "store/repository.h"
#include "store/store.h"
#include "testing.h"

namespace sawt {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kPassphrase = "wal recovery passphrase";

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

// SQLite's WAL checksum (walChecksumBytes), native byte order on x86 for
// magic 0x377f0682, big-endian words for 0x377f0683.
void wal_checksum(bool big_endian, const unsigned char* data, size_t n, std::uint32_t& s1, std::uint32_t& s2) {
  for (size_t i = 0; i < n; i += 8) {
    std::uint32_t a = 0, b = 0;
    if (big_endian) {
      a = be32(data + i);
      b = be32(data + i + 4);
    } else {
      std::memcpy(&a, data + i, 4);
      std::memcpy(&b, data + i + 4, 4);
    }
    s1 += a + s2;
    s2 += b + s1;
  }
}

class WalRecovery : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
    auto s = store::Store::create(dir(), crypto::make_passphrase(kPassphrase));
    ASSERT_TRUE(s) << s.error().describe();
  }
  fs::path dir() const { return tmp.path() / "store"; }
  testing::TempDir tmp;
};

// The child commits COUNT persons (one transaction each) and is killed
// before it closes the store, leaving the commits in the WAL.
void commit_and_die(const fs::path& dir, int count) {
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto s = store::Store::open(dir, crypto::make_passphrase(kPassphrase));
    if (!s) _exit(3);
    store::Repository repo(**s, "child");
    for (int i = 0; i < count; ++i) {
      Person p;
      p.name_lat.full = "Committed " + std::to_string(i);
      if (!repo.add_person(p)) _exit(4);
    }
    ::kill(::getpid(), SIGKILL);
    _exit(5);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the child failed before the kill: exit " << WEXITSTATUS(status);
}

TEST_F(WalRecovery, ACommittedPersonSurvivesAKillBeforeTheCheckpoint) {
  // Like a crash, a power cut or the OOM killer: no close, no checkpoint.
  commit_and_die(dir(), 1);
  ASSERT_GT(fs::file_size(dir() / "sawt.db-wal"), 32u) << "the commit should still be in the WAL";

  auto s = store::Store::open(dir(), crypto::make_passphrase(kPassphrase));
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_EQ(*(*s)->db().query_int("SELECT count(*) FROM persons WHERE display_name = 'Committed 0'"), 1)
      << "a transaction that committed was lost in WAL recovery";
  EXPECT_EQ(*(*s)->db().query_int("SELECT count(*) FROM audit WHERE entity = 'person'"), 1);
}

constexpr size_t kFrameBytes = 24 + crypto::kPageSize;

TEST_F(WalRecovery, AFrameCutShortByACrashEndsTheLogInsteadOfFailingTheStore) {
  commit_and_die(dir(), 3);
  const fs::path wal = dir() / "sawt.db-wal";
  std::string bytes = testing::read_file(wal);
  ASSERT_GT(bytes.size(), 32u);
  ASSERT_EQ((bytes.size() - 32) % kFrameBytes, 0u);
  // What a kill between SQLite's two writes of a frame leaves: a header with
  // the WAL's salts for page 1, then a page from an older WAL (here: another
  // frame's sealed page, which does not open as page 1 at this place).
  std::string header(24, '\0');
  header[3] = 1;                                 // page number 1
  header.replace(8, 8, bytes.substr(16, 8));     // the WAL header's salts
  std::string stale_page;
  for (size_t at = 32; at + kFrameBytes <= bytes.size() && stale_page.empty(); at += kFrameBytes) {
    if (be32(reinterpret_cast<const unsigned char*>(bytes.data() + at)) != 1)
      stale_page = bytes.substr(at + 24, crypto::kPageSize);
  }
  ASSERT_FALSE(stale_page.empty());
  testing::write_file(wal, bytes + header + stale_page);

  auto s = store::Store::open(dir(), crypto::make_passphrase(kPassphrase));
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_EQ(*(*s)->db().query_int("SELECT count(*) FROM persons WHERE display_name LIKE 'Committed %'"), 3)
      << "the transactions before the cut-short frame must survive";
  auto check = (*s)->db().prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check);
  ASSERT_TRUE(*check->step());
  EXPECT_EQ(check->text(0), "ok");
}

TEST_F(WalRecovery, ADamagedFrameWithCommittedFramesAfterItIsAnIntegrityFailure) {
  commit_and_die(dir(), 3);
  const fs::path wal = dir() / "sawt.db-wal";
  std::string bytes = testing::read_file(wal);
  ASSERT_GE((bytes.size() - 32) / kFrameBytes, 3u);
  bytes[32 + 24 + 100] = static_cast<char>(bytes[32 + 24 + 100] ^ 0x01);  // the first frame's page
  testing::write_file(wal, bytes);
  auto s = store::Store::open(dir(), crypto::make_passphrase(kPassphrase));
  bool failed = !s;
  if (s) failed = !(*s)->db().query_int("SELECT count(*) FROM persons");
  EXPECT_TRUE(failed) << "a damaged committed frame must not be dropped silently";
  if (!s) {
    EXPECT_NE(s.error().describe().find("integrity failure at sawt.db-wal"), std::string::npos)
        << s.error().describe();
  }
}

TEST_F(WalRecovery, EveryWalFrameReadBackMatchesItsChecksum) {
  // Reads the WAL of an open store the way SQLite's recovery does: through
  // the sawt VFS, frame by frame, recomputing the cumulative checksum.
  auto s = store::Store::open(dir(), crypto::make_passphrase(kPassphrase));
  ASSERT_TRUE(s) << s.error().describe();
  {
    store::Repository repo(**s, "tester");
    for (int i = 0; i < 5; ++i) {
      Person p;
      p.name_lat.full = "Frame Test " + std::to_string(i);
      ASSERT_TRUE(repo.add_person(p));
    }
  }
  const std::string db_path = ((*s)->dir() / "sawt.db").string();
  const std::string wal_path = db_path + "-wal";
  ASSERT_GT(fs::file_size(wal_path), 32u);

  sqlite3_vfs* vfs = sqlite3_vfs_find(crypto::kVfsName);
  ASSERT_NE(vfs, nullptr);
  // A WAL file name as SQLite builds it, so the VFS finds the database's key.
  sqlite3_filename names = sqlite3_create_filename(db_path.c_str(), (db_path + "-journal").c_str(), wal_path.c_str(), 0, nullptr);
  ASSERT_NE(names, nullptr);
  std::vector<char> mem(static_cast<size_t>(vfs->szOsFile));
  auto* file = reinterpret_cast<sqlite3_file*>(mem.data());
  int out_flags = 0;
  ASSERT_EQ(vfs->xOpen(vfs, sqlite3_filename_wal(names), file, SQLITE_OPEN_READONLY | SQLITE_OPEN_WAL, &out_flags), SQLITE_OK);

  sqlite3_int64 size = 0;
  ASSERT_EQ(file->pMethods->xFileSize(file, &size), SQLITE_OK);
  unsigned char header[32];
  ASSERT_EQ(file->pMethods->xRead(file, header, 32, 0), SQLITE_OK);
  const std::uint32_t magic = be32(header);
  ASSERT_TRUE(magic == 0x377f0682 || magic == 0x377f0683);
  const bool big_endian = (magic & 1) != 0;
  std::uint32_t s1 = 0, s2 = 0;
  wal_checksum(big_endian, header, 24, s1, s2);
  ASSERT_EQ(s1, be32(header + 24));
  ASSERT_EQ(s2, be32(header + 28));

  constexpr int kFrame = 24 + crypto::kPageSize;
  const sqlite3_int64 frames = (size - 32) / kFrame;
  std::vector<unsigned char> frame(kFrame);
  int valid = 0;
  for (sqlite3_int64 i = 0; i < frames; ++i) {
    // One read of header + page, as walIndexRecover() does.
    ASSERT_EQ(file->pMethods->xRead(file, frame.data(), kFrame, 32 + i * kFrame), SQLITE_OK);
    if (std::memcmp(frame.data() + 8, header + 16, 8) != 0) break;  // salt: a stale frame from an older WAL
    wal_checksum(big_endian, frame.data(), 8, s1, s2);
    wal_checksum(big_endian, frame.data() + 24, crypto::kPageSize, s1, s2);
    EXPECT_EQ(s1, be32(frame.data() + 16)) << "frame " << i << " (page " << be32(frame.data()) << ") fails its checksum";
    EXPECT_EQ(s2, be32(frame.data() + 20));
    if (s1 != be32(frame.data() + 16) || s2 != be32(frame.data() + 20)) break;
    ++valid;
  }
  file->pMethods->xClose(file);
  sqlite3_free_filename(names);
  EXPECT_EQ(valid, frames) << "WAL recovery would keep only " << valid << " of " << frames << " frames";
}

}  // namespace
}  // namespace sawt
