// Committed transactions survive a crash in WAL mode (the store's default).
//
// KNOWN BUG (found by tests/slow/crash_recovery_test.cc, reported with this
// branch): these tests FAIL until src/crypto/vfs.cc is fixed. SQLite computes
// each WAL frame's checksum over the whole page buffer, the 40 reserved bytes
// included; the VFS then writes a fresh nonce and tag into those bytes when it
// seals the frame, and open_page() leaves them there when the frame is read
// back. So no frame read back matches its checksum, WAL recovery after a crash
// stops at the first frame, and every transaction committed since the last
// checkpoint is silently discarded (a crash during a checkpoint can also leave
// the main file half-updated). Fix: hand the reserved bytes back as zeros on
// every read (read_sealed), so that what SQLite reads equals what it wrote.
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

TEST_F(WalRecovery, ACommittedPersonSurvivesAKillBeforeTheCheckpoint) {
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // The child commits one person, then dies before closing the store (no
    // checkpoint): like a crash, a power cut or the OOM killer.
    auto s = store::Store::open(dir(), crypto::make_passphrase(kPassphrase));
    if (!s) _exit(3);
    store::Repository repo(**s, "child");
    Person p;
    p.name_ar.full = "ناجٍ من الانهيار";
    p.notes = "committed before the crash";
    if (!repo.add_person(p)) _exit(4);
    ::kill(::getpid(), SIGKILL);
    _exit(5);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the child failed before the kill: exit " << WEXITSTATUS(status);
  ASSERT_GT(fs::file_size(dir() / "sawt.db-wal"), 32u) << "the commit should still be in the WAL";

  auto s = store::Store::open(dir(), crypto::make_passphrase(kPassphrase));
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_EQ(*(*s)->db().query_int("SELECT count(*) FROM persons WHERE notes = 'committed before the crash'"), 1)
      << "a transaction that committed was lost in WAL recovery";
  EXPECT_EQ(*(*s)->db().query_int("SELECT count(*) FROM audit WHERE entity = 'person'"), 1);
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
