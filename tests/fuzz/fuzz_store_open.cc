// Fuzz target: opening a store whose database, WAL and rollback journal hold
// whatever the input says: the VFS read path (main file, WAL frames, journal
// pages, partial and unaligned reads, authentication failures) and, behind
// it, SQLite reading hostile but authenticated pages (a database handed over
// by someone who has the key), then WAL and hot-journal recovery.
//
// Input: flags byte, page-count byte, then
//   - the main file: 1..64 pages. Sealed mode (flags bit 0): each page is
//     4056 plaintext bytes from the input, sealed with the store's key at its
//     page number (bit 3: page 2 sealed as page 3, which must fail cleanly).
//     Raw mode: each page is 4096 bytes written as they are.
//   - bit 1: a WAL: a frame count byte, then per frame a page-number byte, a
//     commit byte (0 mod 4: no commit) and 4056 plaintext bytes; header and frame checksums are
//     computed so that SQLite's recovery accepts the frames (over the page as
//     SQLite will read it back: plaintext with a zeroed reserve).
//   - bit 2: a hot rollback journal: a record count byte, then per record a
//     page-number byte and 4056 plaintext bytes, with valid journal checksums.
// The store is then opened as `sawt` would, PRAGMA integrity_check and the
// audit verification run, and a write is attempted. Any error is fine; a
// crash, sanitizer report or hang is not.
#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "crypto/page_cipher.h"
#include "fuzz_common.h"
#include "store/repository.h"
#include "store/store.h"

using namespace sawt;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPassphrase = "fuzz store passphrase";
constexpr int kPlain = crypto::kNonceOffset;  // 4056 bytes of content per page

struct Fixture {
  fs::path dir;
  std::string key_text;
  std::string db_id;
  crypto::SecretBytes key{32};
};

const Fixture& fixture() {
  static const Fixture f = [] {
    setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
    crypto::init();
    Fixture fx;
    fx.dir = fuzz::work_dir() / "store";
    auto s = store::Store::create(fx.dir, crypto::make_passphrase(kPassphrase));
    if (!s) fuzz::violated("Store::create");
    fx.key_text = fuzz::read_file(store::Store::key_path(fx.dir));
    fx.db_id = (*s)->keyfile().db_id();
    std::memcpy(fx.key.data(), (*s)->key().data(), 32);
    return fx;
  }();
  return f;
}

void set_be32(unsigned char* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>((v >> (8 * (3 - i))) & 0xff);
}

// Files are built in byte vectors with memcpy: std::string copies of this
// size run instrumented, byte by byte, and made the target 20 times slower.
using Buf = std::vector<unsigned char>;
void append(Buf& b, const void* p, std::size_t n) {
  const std::size_t at = b.size();
  b.resize(at + n);
  std::memcpy(b.data() + at, p, n);
}

// Appends a full page: `page` holds kPlain plaintext bytes and is sealed in
// place at `pgno` (the reserve is zeroed first).
void append_sealed(Buf& out, unsigned char* page, std::uint32_t pgno) {
  std::memset(page + kPlain, 0, crypto::kReservedBytes);
  crypto::seal_page(page, pgno, crypto::PageKey{&fixture().key, fixture().db_id});
  append(out, page, crypto::kPageSize);
}

// SQLite's WAL checksum in native (little-endian) order: magic 0x377f0682.
void wal_cksum(const unsigned char* d, size_t n, std::uint32_t& s1, std::uint32_t& s2) {
  for (size_t i = 0; i < n; i += 8) {
    std::uint32_t a = 0, b = 0;
    std::memcpy(&a, d + i, 4);
    std::memcpy(&b, d + i + 4, 4);
    s1 += a + s2;
    s2 += b + s1;
  }
}

Buf build_wal(fuzz::Input& in, std::uint32_t db_pages) {
  unsigned char hdr[32] = {};
  set_be32(hdr, 0x377f0682);
  set_be32(hdr + 4, 3007000);
  set_be32(hdr + 8, crypto::kPageSize);
  set_be32(hdr + 12, 0);
  set_be32(hdr + 16, 0x5a5a0001);  // salts
  set_be32(hdr + 20, 0x00c0ffee);
  std::uint32_t s1 = 0, s2 = 0;
  wal_cksum(hdr, 24, s1, s2);
  set_be32(hdr + 24, s1);
  set_be32(hdr + 28, s2);
  Buf wal;
  append(wal, hdr, 32);
  const int frames = 1 + in.byte() % 8;
  alignas(16) unsigned char page[crypto::kPageSize];
  for (int i = 0; i < frames; ++i) {
    const std::uint32_t pgno = 1 + in.byte() % 20;
    // 0 mod 4: not a commit frame; else a commit, db size >= this page.
    const std::uint8_t c = in.byte();
    const std::uint32_t commit = c % 4 == 0 ? 0 : std::max(pgno, db_pages) + (c / 4) % 3;
    in.take(page, kPlain);
    std::memset(page + kPlain, 0, crypto::kReservedBytes);
    unsigned char fh[24] = {};
    set_be32(fh, pgno);
    set_be32(fh + 4, commit);
    std::memcpy(fh + 8, hdr + 16, 8);
    wal_cksum(fh, 8, s1, s2);
    wal_cksum(page, crypto::kPageSize, s1, s2);
    set_be32(fh + 16, s1);
    set_be32(fh + 20, s2);
    append(wal, fh, 24);
    append_sealed(wal, page, pgno);
  }
  return wal;
}

Buf build_journal(fuzz::Input& in, std::uint32_t db_pages) {
  constexpr std::uint32_t kSector = 512;
  const std::uint32_t nonce = 0x13572468;
  const int records = 1 + in.byte() % 4;
  Buf j(kSector, 0);
  static constexpr unsigned char kMagic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
  std::memcpy(j.data(), kMagic, 8);
  set_be32(j.data() + 8, static_cast<std::uint32_t>(records));
  set_be32(j.data() + 12, nonce);
  set_be32(j.data() + 16, db_pages);
  set_be32(j.data() + 20, kSector);
  set_be32(j.data() + 24, crypto::kPageSize);
  alignas(16) unsigned char page[crypto::kPageSize];
  for (int i = 0; i < records; ++i) {
    const std::uint32_t pgno = 1 + in.byte() % 20;
    in.take(page, kPlain);
    std::memset(page + kPlain, 0, crypto::kReservedBytes);
    std::uint32_t cksum = nonce;
    for (int k = crypto::kPageSize - 200; k > 0; k -= 200) cksum += page[k];
    unsigned char word[4];
    set_be32(word, pgno);
    append(j, word, 4);
    append_sealed(j, page, pgno);
    set_be32(word, cksum);
    append(j, word, 4);
  }
  return j;
}

void exercise(store::Store& s) {
  auto& db = s.db();
  if (auto q = db.prepare("PRAGMA integrity_check")) {
    for (int i = 0; i < 1000; ++i) {
      auto row = q->step();
      if (!row || !*row) break;
    }
  }
  (void)db.query_int("SELECT count(*) FROM persons");
  (void)s.audit().verify();
  store::Repository repo(s, "fuzz");
  Person p;
  p.name_lat.full = "Fuzz Person";
  (void)repo.add_person(p);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)fixture();
  if (fuzz::seed_dir() != nullptr) {
    // Plaintext pages of small real databases with the store's page layout
    // (4096-byte pages, 40 reserved bytes), made with SQLite's own VFS.
    const fs::path plain = fuzz::work_dir() / "plain.db";
    sqlite3* db = nullptr;
    sqlite3_open(plain.c_str(), &db);
    int reserve = crypto::kReservedBytes;
    sqlite3_exec(db, "PRAGMA page_size = 4096", nullptr, nullptr, nullptr);
    sqlite3_file_control(db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
    sqlite3_exec(db,
                 "CREATE TABLE old_meta(key TEXT PRIMARY KEY, value TEXT);"
                 "INSERT INTO old_meta VALUES ('schema_version', '1');"
                 "CREATE TABLE old_persons(id INTEGER PRIMARY KEY, public_id TEXT, notes TEXT);"
                 "INSERT INTO old_persons VALUES (1, 'P-000001', 'seed'), (2, 'P-000002', 'بذرة');"
                 "CREATE INDEX old_persons_by_notes ON old_persons(notes);",
                 nullptr, nullptr, nullptr);
    sqlite3_close(db);
    const std::string file = fuzz::read_file(plain);
    const int pages = static_cast<int>(file.size() / crypto::kPageSize);
    std::string body;
    for (int i = 0; i < pages; ++i) body += file.substr(static_cast<size_t>(i) * crypto::kPageSize, kPlain);
    const auto flags = [&](int bits) { return std::string{static_cast<char>(bits), static_cast<char>(pages - 1)}; };
    fuzz::write_seed("db", flags(1) + body);
    // The same, with a WAL of one committed frame rewriting page 2.
    std::string wal_frames(1, '\0');  // 1 frame
    wal_frames += static_cast<char>(1);  // page 2
    wal_frames += static_cast<char>(1);  // commit, db size unchanged
    wal_frames += file.substr(crypto::kPageSize, kPlain);
    fuzz::write_seed("db-wal", flags(1 | 2) + body + wal_frames);
    // A rollback-mode database (header bytes 18/19 = 1) with a hot journal.
    std::string rollback = body;
    rollback[18] = 1;
    rollback[19] = 1;
    std::string journal(1, '\0');  // 1 record
    journal += static_cast<char>(1);
    journal += file.substr(crypto::kPageSize, kPlain);
    fuzz::write_seed("db-journal", flags(1 | 4) + rollback + journal);
    fuzz::write_seed("raw", flags(0) + file);
    // A real sawt store: its plaintext pages, and a WAL rewriting two of them.
    {
      auto st = store::Store::open(fixture().dir, crypto::make_passphrase(kPassphrase));
      if (!st) return 1;
      store::Repository repo(**st, "seed");
      Person p;
      p.name_ar.full = "بذرة الفحص";
      p.notes = "fuzz seed";
      if (!repo.add_person(p)) return 1;
    }
    const std::string real = fuzz::read_file(fixture().dir / "sawt.db");
    const int real_pages = static_cast<int>(real.size() / crypto::kPageSize);
    if (real_pages > 64) return 1;
    std::string real_body;
    for (int i = 0; i < real_pages; ++i) {
      std::string page = real.substr(static_cast<size_t>(i) * crypto::kPageSize, crypto::kPageSize);
      if (!crypto::open_page(reinterpret_cast<unsigned char*>(page.data()), static_cast<std::uint32_t>(i + 1),
                             crypto::PageKey{&fixture().key, fixture().db_id})) {
        return 1;
      }
      real_body += page.substr(0, kPlain);
    }
    const std::string real_flags{static_cast<char>(1), static_cast<char>(real_pages - 1)};
    fuzz::write_seed("store", real_flags + real_body);
    std::string real_wal{static_cast<char>(1), static_cast<char>(0), static_cast<char>(0)};  // 2 frames; page 1, no commit
    real_wal += real_body.substr(0, kPlain);
    real_wal += std::string{static_cast<char>(1), static_cast<char>(1)};  // page 2, commit
    real_wal += real_body.substr(kPlain, kPlain);
    const std::string real_wal_flags{static_cast<char>(1 | 2), static_cast<char>(real_pages - 1)};
    fuzz::write_seed("store-wal", real_wal_flags + real_body + real_wal);
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& fx = fixture();
  fuzz::Input in(data, size);
  const std::uint8_t flags = in.byte();
  const int pages = 1 + in.byte() % 64;
  std::error_code ec;
  for (const char* f : {"sawt.db", "sawt.db-wal", "sawt.db-shm", "sawt.db-journal"}) fs::remove(fx.dir / f, ec);
  Buf db;
  db.reserve(static_cast<size_t>(pages) * crypto::kPageSize);
  alignas(16) unsigned char page[crypto::kPageSize];
  for (int i = 0; i < pages; ++i) {
    if ((flags & 1) != 0) {
      const auto pgno = static_cast<std::uint32_t>(i + 1);
      in.take(page, kPlain);
      append_sealed(db, page, (flags & 8) != 0 && pgno == 2 ? 3 : pgno);
    } else {
      in.take(page, crypto::kPageSize);
      append(db, page, crypto::kPageSize);
    }
  }
  const auto save = [](const fs::path& p, const Buf& b) {
    fuzz::write_file(p, std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
  };
  save(fx.dir / "sawt.db", db);
  if ((flags & 2) != 0) save(fx.dir / "sawt.db-wal", build_wal(in, static_cast<std::uint32_t>(pages)));
  if ((flags & 4) != 0) save(fx.dir / "sawt.db-journal", build_journal(in, static_cast<std::uint32_t>(pages)));
  static const bool verbose = std::getenv("SAWT_FUZZ_VERBOSE") != nullptr;
  auto s = store::Store::open(fx.dir, crypto::make_passphrase(kPassphrase));
  if (!s) {
    if (verbose) std::fprintf(stderr, "open: %s\n", s.error().describe().c_str());
    if (s.error().message.empty()) fuzz::violated("an error without a message");
    return 0;
  }
  if (verbose) std::fprintf(stderr, "open: ok\n");
  exercise(**s);
  return 0;
}
