// Nonces never repeat: a million seal_page() calls, and more than a million
// page writes through the real encrypting VFS, every one of them observed.
//
// How the VFS writes are observed: before sawt's VFS registers (it wraps
// whatever "unix" names at that moment), this test registers a recording VFS
// under the name "unix" that forwards everything to SQLite's real unix VFS and
// notes the nonce of every sealed page that reaches it: main-database pages,
// WAL frame pages and rollback-journal pages, classified by file type and
// offset exactly as the shim writes them. The count of recorded nonces must
// equal the shim's own pages_sealed counter (nothing escaped the recorder),
// and every page of the final database file on disk must carry a recorded
// nonce (the recorder saw what landed on disk).
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <random>
#include <vector>

#include <fmt/format.h>

#include "crypto/page_cipher.h"
#include "crypto/vfs.h"
#include "store/repository.h"
#include "store/store.h"
#include "testing.h"

namespace sawt {
namespace {

namespace fs = std::filesystem;
using Nonce = std::array<unsigned char, 24>;

constexpr std::size_t kMillion = 1'000'000;

// Sorts and returns how many nonces occur more than once (0 = all unique),
// printing the first repeat.
std::size_t repeats(std::vector<Nonce>& nonces) {
  std::sort(nonces.begin(), nonces.end());
  std::size_t n = 0;
  for (std::size_t i = 1; i < nonces.size(); ++i) {
    if (nonces[i] == nonces[i - 1]) {
      if (n == 0) ADD_FAILURE() << "repeated nonce at sorted position " << i;
      ++n;
    }
  }
  return n;
}

TEST(NonceUniqueness, TheCheckFindsAPlantedRepeat) {
  std::vector<Nonce> nonces(1000);
  for (auto& n : nonces) randombytes_buf(n.data(), n.size());
  nonces.push_back(nonces[417]);
  EXPECT_NONFATAL_FAILURE(EXPECT_EQ(repeats(nonces), 1u), "repeated nonce");
}

TEST(NonceUniqueness, AMillionSealsOfOnePageNeverRepeatANonce) {
  crypto::init();
  crypto::SecretBytes key(32);
  randombytes_buf(key.data(), key.size());
  const std::string db_id(16, 'n');
  std::vector<unsigned char> page(crypto::kPageSize, 0x5a);
  std::vector<Nonce> nonces;
  nonces.reserve(kMillion);
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < kMillion; ++i) {
    // The same page number and key every time: the worst case for a repeat.
    crypto::seal_page(page.data(), 1, crypto::PageKey{&key, db_id});
    Nonce n;
    std::memcpy(n.data(), page.data() + crypto::kNonceOffset, n.size());
    nonces.push_back(n);
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(repeats(nonces), 0u);
  fmt::print("seal_page: {} seals in {:.1f} s, {} distinct nonces\n", nonces.size(), secs,
             std::unique(nonces.begin(), nonces.end()) - nonces.begin());
}

// ------------------------------------------------------------ the recorder

enum class FileKind { kMain, kWal, kJournal, kOther };

struct Recorder {
  std::mutex mu;
  std::vector<Nonce> nonces;
  std::uint64_t main_pages = 0, wal_pages = 0, journal_pages = 0;
  bool on = false;
};
Recorder g_rec;
sqlite3_vfs* g_unix = nullptr;
sqlite3_vfs g_recording_vfs;

struct RecFile {
  sqlite3_file base;
  sqlite3_file* real;
  FileKind kind;
};

sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<RecFile*>(f)->real; }

void record(FileKind kind, const void* data) {
  Nonce n;
  std::memcpy(n.data(), static_cast<const unsigned char*>(data) + crypto::kNonceOffset, n.size());
  std::lock_guard lock(g_rec.mu);
  if (!g_rec.on) return;
  g_rec.nonces.push_back(n);
  switch (kind) {
    case FileKind::kMain: ++g_rec.main_pages; break;
    case FileKind::kWal: ++g_rec.wal_pages; break;
    case FileKind::kJournal: ++g_rec.journal_pages; break;
    case FileKind::kOther: break;
  }
}

int rec_write(sqlite3_file* file, const void* data, int amt, sqlite3_int64 off) {
  auto* f = reinterpret_cast<RecFile*>(file);
  if (amt == crypto::kPageSize) {
    // Where the shim puts sealed pages (src/crypto/vfs.cc): whole pages of the
    // main database, the page part of a WAL frame (after the 32-byte header
    // and each 24-byte frame header), journal pages after their 4-byte number.
    const bool sealed = (f->kind == FileKind::kMain && off % crypto::kPageSize == 0) ||
                        (f->kind == FileKind::kWal && off >= 32 && (off - 32) % (24 + crypto::kPageSize) == 24) ||
                        (f->kind == FileKind::kJournal && off % 8 == 4);
    if (sealed) record(f->kind, data);
  }
  return f->real->pMethods->xWrite(f->real, data, amt, off);
}
int rec_close(sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); }
int rec_read(sqlite3_file* f, void* b, int n, sqlite3_int64 o) { return real(f)->pMethods->xRead(real(f), b, n, o); }
int rec_truncate(sqlite3_file* f, sqlite3_int64 s) { return real(f)->pMethods->xTruncate(real(f), s); }
int rec_sync(sqlite3_file* f, int fl) { return real(f)->pMethods->xSync(real(f), fl); }
int rec_file_size(sqlite3_file* f, sqlite3_int64* s) { return real(f)->pMethods->xFileSize(real(f), s); }
int rec_lock(sqlite3_file* f, int l) { return real(f)->pMethods->xLock(real(f), l); }
int rec_unlock(sqlite3_file* f, int l) { return real(f)->pMethods->xUnlock(real(f), l); }
int rec_check_reserved(sqlite3_file* f, int* o) { return real(f)->pMethods->xCheckReservedLock(real(f), o); }
int rec_file_control(sqlite3_file* f, int op, void* a) { return real(f)->pMethods->xFileControl(real(f), op, a); }
int rec_sector_size(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int rec_device(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int rec_shm_map(sqlite3_file* f, int r, int s, int e, void volatile** o) {
  return real(f)->pMethods->xShmMap(real(f), r, s, e, o);
}
int rec_shm_lock(sqlite3_file* f, int o, int n, int fl) { return real(f)->pMethods->xShmLock(real(f), o, n, fl); }
void rec_shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
int rec_shm_unmap(sqlite3_file* f, int d) { return real(f)->pMethods->xShmUnmap(real(f), d); }
int rec_fetch(sqlite3_file* f, sqlite3_int64 o, int n, void** p) { return real(f)->pMethods->xFetch(real(f), o, n, p); }
int rec_unfetch(sqlite3_file* f, sqlite3_int64 o, void* p) { return real(f)->pMethods->xUnfetch(real(f), o, p); }

const sqlite3_io_methods kRecMethods = {
    3,           rec_close,         rec_read,        rec_write,        rec_truncate,    rec_sync,
    rec_file_size, rec_lock,        rec_unlock,      rec_check_reserved, rec_file_control, rec_sector_size,
    rec_device,  rec_shm_map,       rec_shm_lock,    rec_shm_barrier,  rec_shm_unmap,   rec_fetch,
    rec_unfetch,
};

int rec_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto* f = reinterpret_cast<RecFile*>(file);
  f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + sizeof(RecFile));
  f->kind = (flags & SQLITE_OPEN_MAIN_DB) != 0        ? FileKind::kMain
            : (flags & SQLITE_OPEN_WAL) != 0          ? FileKind::kWal
            : (flags & SQLITE_OPEN_MAIN_JOURNAL) != 0 ? FileKind::kJournal
                                                      : FileKind::kOther;
  const int rc = g_unix->xOpen(g_unix, name, f->real, flags, out_flags);
  // The real file's methods decide whether this file is open; mirror them.
  f->base.pMethods = f->real->pMethods != nullptr ? &kRecMethods : nullptr;
  return rc;
}

// Installs the recorder as "unix" (and the default) before sawt's VFS exists.
// False when sawt's VFS was registered earlier in this process: it would then
// wrap the real unix VFS directly and the recorder would see nothing.
bool install_recorder() {
  if (sqlite3_vfs_find(crypto::kVfsName) != nullptr) return false;
  if (g_unix != nullptr) return true;
  g_unix = sqlite3_vfs_find("unix");
  if (g_unix == nullptr) return false;
  g_recording_vfs = *g_unix;  // forwards path, randomness, time, ... unchanged
  g_recording_vfs.pNext = nullptr;
  g_recording_vfs.szOsFile = static_cast<int>(sizeof(RecFile)) + g_unix->szOsFile;
  g_recording_vfs.xOpen = rec_open;
  g_recording_vfs.pAppData = g_unix->pAppData;
  // Same name, registered first in the list: sqlite3_vfs_find("unix") now returns it.
  if (sqlite3_vfs_register(&g_recording_vfs, 1) != SQLITE_OK) return false;
  return sqlite3_vfs_find("unix") == &g_recording_vfs;
}

// A folder on tmpfs when there is one: the workload writes gigabytes.
class FastTempDir {
 public:
  FastTempDir() {
    const fs::path base = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    std::string tmpl = (base / "sawt-nonce-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~FastTempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void exec(store::Store& s, const std::string& sql) {
  auto st = s.db().exec(sql);
  ASSERT_TRUE(st) << sql << ": " << st.error().describe();
}

TEST(NonceUniqueness, AMillionPageWritesThroughTheVfsNeverRepeatANonce) {
  if (!install_recorder()) {
    GTEST_SKIP() << "sawt's VFS was registered before this test; run it in its own process "
                    "(ctest does: --gtest_filter='*ThroughTheVfs*')";
  }
  setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
  FastTempDir tmp;
  const fs::path dir = tmp.path() / "store";
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t sealed_before = 0;
  std::uint64_t persons_added = 0, persons_updated = 0, blob_updates = 0;
  {
    {
      std::lock_guard lock(g_rec.mu);
      g_rec.on = true;
      sealed_before = crypto::vfs_stats().pages_sealed;
    }
    auto created = store::Store::create(dir, crypto::make_passphrase("nonce test passphrase"));
    ASSERT_TRUE(created) << created.error().describe();
    auto& s = **created;
    // Throughput, not durability, matters here: no fsync.
    exec(s, "PRAGMA synchronous = OFF");
    store::Repository repo(s, "nonce-test");
    std::mt19937 rng(20240601);

    // 1. The real write path: persons added and edited through the
    //    repository (search index, audit chain), in WAL mode with SQLite's
    //    automatic checkpoints copying pages into the main file.
    for (int batch = 0; batch < 100; ++batch) {
      auto tx = store::Transaction::begin(s.db());
      ASSERT_TRUE(tx);
      for (int i = 0; i < 20; ++i) {
        Person p;
        p.name_ar.full = fmt::format("شخص تجريبي {} {}", batch, i);
        p.name_lat.full = fmt::format("Test Person {} {}", batch, i);
        p.notes = fmt::format("nonce workload {}", rng());
        auto added = repo.add_person(p);
        ASSERT_TRUE(added) << added.error().describe();
        ++persons_added;
      }
      ASSERT_TRUE(tx->commit());
    }
    for (int i = 0; i < 2000; ++i) {
      auto p = repo.get_person(1 + static_cast<Id>(rng() % persons_added));
      ASSERT_TRUE(p);
      p->notes = fmt::format("edited {} {}", i, rng());
      ASSERT_TRUE(repo.update_person(*p));
      ++persons_updated;
    }

    // 2. Volume: a table of one-page rows rewritten in small transactions,
    //    in WAL mode, then in rollback-journal mode (journal pages sealed too).
    exec(s, "CREATE TABLE nonce_filler (id INTEGER PRIMARY KEY, b BLOB NOT NULL)");
    exec(s, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
            "INSERT INTO nonce_filler SELECT i, randomblob(3000) FROM n");
    auto update = s.db().prepare("UPDATE nonce_filler SET b = randomblob(3000) WHERE id BETWEEN ?1 AND ?1 + 24");
    ASSERT_TRUE(update);
    const auto sealed_now = [&] { return crypto::vfs_stats().pages_sealed - sealed_before; };
    const auto churn = [&](std::uint64_t until) {
      while (sealed_now() < until) {
        auto tx = store::Transaction::begin(s.db());
        ASSERT_TRUE(tx);
        update->bind(1, static_cast<std::int64_t>(1 + rng() % 2976));
        ASSERT_TRUE(update->run());
        update->reset();
        ASSERT_TRUE(tx->commit());
        blob_updates += 25;
      }
    };
    churn(kMillion * 8 / 10);
    {
      auto mode = s.db().prepare("PRAGMA journal_mode = DELETE");
      ASSERT_TRUE(mode);
      ASSERT_TRUE(*mode->step());
      ASSERT_EQ(mode->text(0), "delete");
    }
    churn(kMillion + kMillion / 20);
    exec(s, "DROP TABLE nonce_filler");
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<Nonce> nonces;
  std::uint64_t main_pages = 0, wal_pages = 0, journal_pages = 0;
  {
    std::lock_guard lock(g_rec.mu);
    g_rec.on = false;
    nonces = std::move(g_rec.nonces);
    main_pages = g_rec.main_pages;
    wal_pages = g_rec.wal_pages;
    journal_pages = g_rec.journal_pages;
  }
  const std::uint64_t sealed = crypto::vfs_stats().pages_sealed - sealed_before;
  fmt::print("VFS: {} pages sealed in {:.1f} s; recorded {} (main file {}, WAL {}, journal {}); "
             "{} persons added, {} edits, {} blob row rewrites\n",
             sealed, secs, nonces.size(), main_pages, wal_pages, journal_pages, persons_added, persons_updated,
             blob_updates);
  EXPECT_GE(nonces.size(), kMillion);
  EXPECT_EQ(nonces.size(), sealed) << "a sealed page reached the disk without the recorder seeing it";
  EXPECT_GT(journal_pages, 10'000u);
  EXPECT_GT(wal_pages, 100'000u);

  // Every page on disk now carries a nonce the recorder saw.
  std::vector<Nonce> sorted = nonces;
  std::sort(sorted.begin(), sorted.end());
  const std::string db = testing::read_file(dir / "sawt.db");
  ASSERT_EQ(db.size() % crypto::kPageSize, 0u);
  ASSERT_GT(db.size(), 0u);
  std::size_t unseen = 0;
  for (std::size_t off = 0; off < db.size(); off += crypto::kPageSize) {
    Nonce n;
    std::memcpy(n.data(), db.data() + off + crypto::kNonceOffset, n.size());
    if (!std::binary_search(sorted.begin(), sorted.end(), n)) ++unseen;
  }
  EXPECT_EQ(unseen, 0u) << "pages on disk whose nonce was never recorded";

  EXPECT_EQ(repeats(nonces), 0u);
}

}  // namespace
}  // namespace sawt
