// The cost of encryption: the same insert and query workloads on Debian's
// SQLite with its own VFS ("plain") and through sawt's encrypting VFS
// ("encrypted"), in one run, so the ratio is meaningful on a noisy machine.
// Also the unlock time (Argon2id MODERATE) that every open pays.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sqlite3.h>

#include <filesystem>
#include <random>
#include <string>

#include "crypto/keyfile.h"
#include "crypto/vfs.h"
#include "store/sqlite.h"

namespace {

namespace fs = std::filesystem;
using sawt::store::Db;

constexpr int kRows = 60000;

struct Fixture {
  fs::path dir;
  std::unique_ptr<sawt::crypto::KeyRegistration> reg;
  std::unique_ptr<Db> db;
  sawt::crypto::SecretBytes key{32};

  // CACHE: the cache_size pragma; the store's own setting is -32768 (32 MiB).
  Fixture(bool encrypted, const char* sync, int cache = -2000) {
    sawt::crypto::init();
    dir = fs::temp_directory_path() / fmt::format("sawt-bench-{}-{}", encrypted ? "enc" : "plain", getpid());
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto path = (dir / "b.db").string();
    randombytes_buf(key.data(), 32);
    if (encrypted) reg = std::move(*sawt::crypto::register_key(path, key, std::string(16, 'b')));
    db = std::move(*Db::open(path, true, encrypted ? sawt::crypto::kVfsName : nullptr));
    (void)db->exec("PRAGMA page_size = 4096");
    if (encrypted) {
      int reserve = sawt::crypto::kReservedBytes;
      sqlite3_file_control(db->raw(), "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
    }
    (void)db->exec(
        fmt::format("PRAGMA journal_mode = WAL; PRAGMA synchronous = {}; PRAGMA temp_store = MEMORY; "
                    "PRAGMA cache_size = {}; PRAGMA mmap_size = 0;",
                    sync, cache));
    (void)db->exec(
        "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT, notes TEXT); CREATE INDEX p_name ON p(name);");
  }
  ~Fixture() {
    db.reset();
    reg.reset();
    fs::remove_all(dir);
  }
  void fill(int n) {
    (void)db->exec("BEGIN");
    auto ins = std::move(*db->prepare("INSERT INTO p(name, notes) VALUES (?, ?)"));
    for (int i = 0; i < n; ++i) {
      ins.bind(1, fmt::format("name {} محمد أحمد العلي", i))
          .bind(2, std::string(200, static_cast<char>('a' + i % 26)));
      (void)ins.run();
    }
    (void)db->exec("COMMIT");
  }
};

// Inserts of 100 rows per transaction.
void Insert(benchmark::State& state, bool encrypted, const char* sync) {
  Fixture f(encrypted, sync);
  auto ins = std::move(*f.db->prepare("INSERT INTO p(name, notes) VALUES (?, ?)"));
  int i = 0;
  for (auto _ : state) {
    (void)f.db->exec("BEGIN");
    for (int k = 0; k < 100; ++k, ++i) {
      ins.bind(1, fmt::format("name {} محمد", i)).bind(2, std::string(200, 'x'));
      (void)ins.run();
    }
    (void)f.db->exec("COMMIT");
  }
  state.SetItemsProcessed(state.iterations() * 100);
}

// Random point lookups by id: with a 2 MiB cache, on a table eight times
// larger (nearly every lookup decrypts pages: the worst case); with the
// store's 32 MiB cache, the table fits after the first pass.
void PointRead(benchmark::State& state, bool encrypted, int cache) {
  Fixture f(encrypted, "NORMAL", cache);
  f.fill(kRows);
  (void)f.db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
  auto q = std::move(*f.db->prepare("SELECT notes FROM p WHERE id = ?"));
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> pick(1, kRows);
  for (auto _ : state) {
    q.bind(1, pick(rng));
    benchmark::DoNotOptimize(*q.step());
    q.reset();
  }
  state.SetItemsProcessed(state.iterations());
}

// A full scan (sequential page reads).
void Scan(benchmark::State& state, bool encrypted, int cache) {
  Fixture f(encrypted, "NORMAL", cache);
  f.fill(kRows);
  (void)f.db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
  for (auto _ : state)
    benchmark::DoNotOptimize(*f.db->query_int("SELECT count(*) FROM p WHERE notes LIKE '%q%'"));
  state.SetItemsProcessed(state.iterations() * kRows);
}

void Unlock(benchmark::State& state) {
  auto [file, key] =
      *sawt::crypto::KeyFile::create(sawt::crypto::make_passphrase("bench passphrase"), "owner",
                                     {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE});
  for (auto _ : state)
    benchmark::DoNotOptimize(file.unlock(sawt::crypto::make_passphrase("bench passphrase")));
}

BENCHMARK_CAPTURE(Insert, plain_sync_full, false, "FULL")->Unit(benchmark::kMicrosecond)->MinTime(1.0);
BENCHMARK_CAPTURE(Insert, encrypted_sync_full, true, "FULL")->Unit(benchmark::kMicrosecond)->MinTime(1.0);
BENCHMARK_CAPTURE(Insert, plain_sync_off, false, "OFF")->Unit(benchmark::kMicrosecond)->MinTime(1.0);
BENCHMARK_CAPTURE(Insert, encrypted_sync_off, true, "OFF")->Unit(benchmark::kMicrosecond)->MinTime(1.0);
BENCHMARK_CAPTURE(PointRead, plain, false, -2000)->Unit(benchmark::kMicrosecond)->MinTime(1.0);
BENCHMARK_CAPTURE(PointRead, encrypted, true, -2000)->Unit(benchmark::kMicrosecond)->MinTime(1.0);
BENCHMARK_CAPTURE(PointRead, plain_store_cache, false, -32768)->Unit(benchmark::kMicrosecond)->MinTime(1.0);
BENCHMARK_CAPTURE(PointRead, encrypted_store_cache, true, -32768)
    ->Unit(benchmark::kMicrosecond)
    ->MinTime(1.0);
BENCHMARK_CAPTURE(Scan, plain, false, -2000)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK_CAPTURE(Scan, encrypted, true, -2000)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK_CAPTURE(Scan, plain_store_cache, false, -32768)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK_CAPTURE(Scan, encrypted_store_cache, true, -32768)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(Unlock)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
