#include "crypto/vfs.h"

#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <new>
#include <vector>

#include <sodium.h>

#include <fmt/format.h>

namespace sawt::crypto {

namespace {

constexpr sqlite3_int64 kWalHeader = 32;
constexpr sqlite3_int64 kWalFrameHeader = 24;
constexpr sqlite3_int64 kWalFrame = kWalFrameHeader + kPageSize;

struct KeyEntry {
  SecretBytes key{32};
  std::string db_id;
  int registrations = 0;  // KeyRegistration objects alive for it
};

std::mutex g_registry_mutex;
std::map<std::string, std::shared_ptr<KeyEntry>>& registry() {
  static std::map<std::string, std::shared_ptr<KeyEntry>> r;
  return r;
}

std::shared_ptr<KeyEntry> find_key(const char* path) {
  std::lock_guard lock(g_registry_mutex);
  auto it = registry().find(path);
  return it == registry().end() ? nullptr : it->second;
}

std::atomic<std::uint64_t> g_sealed{0}, g_opened{0}, g_refused_writes{0}, g_refused_opens{0};
thread_local std::string t_integrity_failure;

sqlite3_vfs* g_base = nullptr;
sqlite3_vfs g_vfs;

enum class Kind { kMain, kWal, kJournal };

struct CryptFile {
  sqlite3_file base;  // must be first: SQLite sees a sqlite3_file*
  sqlite3_file* real;  // the underlying unix file, allocated right after this struct
  Kind kind;
  std::shared_ptr<KeyEntry>* entry;  // owned (new/delete): keeps the key alive while open
  const char* name;                  // for messages ("sawt.db", "sawt.db-wal")
};

PageKey page_key(const CryptFile* f) { return PageKey{&(*f->entry)->key, (*f->entry)->db_id}; }

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

const char* short_name(const char* path) {
  const char* slash = std::strrchr(path, '/');
  return slash != nullptr ? slash + 1 : path;
}

int integrity_failure(const CryptFile* f, std::uint32_t pgno) {
  t_integrity_failure = fmt::format("{} page {}", f->name, pgno);
  return SQLITE_IOERR_DATA;
}

int refuse_write() {
  g_refused_writes.fetch_add(1, std::memory_order_relaxed);
  return SQLITE_IOERR_WRITE;
}

// Reads the big-endian page number stored `back` bytes before `off`.
int read_pgno(CryptFile* f, sqlite3_int64 off, int back, std::uint32_t& pgno) {
  unsigned char b[4];
  const int rc = f->real->pMethods->xRead(f->real, b, 4, off - back);
  if (rc != SQLITE_OK) return rc;
  pgno = be32(b);
  return SQLITE_OK;
}

// Reads one sealed page at `off` into `out` and opens it.
int read_sealed(CryptFile* f, unsigned char* out, sqlite3_int64 off, std::uint32_t pgno) {
  const int rc = f->real->pMethods->xRead(f->real, out, kPageSize, off);
  if (rc != SQLITE_OK) return rc;  // includes SHORT_READ (zero-filled by the unix VFS)
  if (pgno == 0 || !open_page(out, pgno, page_key(f))) return integrity_failure(f, pgno);
  // SQLite sees the reserved bytes as zero, as they were when it wrote the page:
  // its WAL frame checksums cover the whole page, reserved bytes included, so
  // handing back the nonce and tag would fail every frame in WAL recovery.
  std::memset(out + kNonceOffset, 0, kReservedBytes);
  g_opened.fetch_add(1, std::memory_order_relaxed);
  return SQLITE_OK;
}

int write_sealed(CryptFile* f, const void* data, sqlite3_int64 off, std::uint32_t pgno) {
  if (pgno == 0) return refuse_write();
  alignas(16) unsigned char buf[kPageSize];
  std::memcpy(buf, data, kPageSize);
  seal_page(buf, pgno, page_key(f));
  g_sealed.fetch_add(1, std::memory_order_relaxed);
  const int rc = f->real->pMethods->xWrite(f->real, buf, kPageSize, off);
  sodium_memzero(buf, sizeof buf);
  return rc;
}

// ------------------------------------------------------------------ io methods

int x_close(sqlite3_file* file) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  const int rc = f->real->pMethods != nullptr ? f->real->pMethods->xClose(f->real) : SQLITE_OK;
  delete f->entry;
  f->entry = nullptr;
  return rc;
}

int read_main(CryptFile* f, unsigned char* out, int amt, sqlite3_int64 off) {
  alignas(16) unsigned char page[kPageSize];
  int result = SQLITE_OK;
  sqlite3_int64 pos = off;
  const sqlite3_int64 end = off + amt;
  while (pos < end) {
    const sqlite3_int64 page_start = pos - pos % kPageSize;
    const auto pgno = static_cast<std::uint32_t>(page_start / kPageSize + 1);
    const sqlite3_int64 take = std::min(end, page_start + kPageSize) - pos;
    const int rc = read_sealed(f, page, page_start, pgno);
    if (rc == SQLITE_IOERR_SHORT_READ) {
      std::memset(out + (pos - off), 0, static_cast<size_t>(end - pos));
      result = SQLITE_IOERR_SHORT_READ;
      break;
    }
    if (rc != SQLITE_OK) {
      sodium_memzero(page, sizeof page);
      return rc;
    }
    std::memcpy(out + (pos - off), page + (pos - page_start), static_cast<size_t>(take));
    pos += take;
  }
  sodium_memzero(page, sizeof page);
  return result;
}

// True when frame number FRAME of the WAL may be a write that a crash cut
// short: no frame after it in the file carries the salts of the WAL header.
// SQLite writes a frame as two writes (header, then page), so a process killed
// between them leaves a header of the current WAL before a page that is
// missing, stale (from an older WAL) or half written; every frame after it in
// the file is then from an older WAL. Such a frame was never committed.
bool torn_tail_frame(CryptFile* f, sqlite3_int64 frame) {
  unsigned char salt[8];
  if (f->real->pMethods->xRead(f->real, salt, 8, 16) != SQLITE_OK) return false;
  sqlite3_int64 size = 0;
  if (f->real->pMethods->xFileSize(f->real, &size) != SQLITE_OK) return false;
  unsigned char header[kWalFrameHeader];
  for (sqlite3_int64 later = frame + 1;; ++later) {
    const sqlite3_int64 start = kWalHeader + later * kWalFrame;
    if (start + kWalFrameHeader > size) return true;
    if (f->real->pMethods->xRead(f->real, header, kWalFrameHeader, start) != SQLITE_OK) return false;
    if (std::memcmp(header + 8, salt, 8) == 0) return false;
  }
}

int read_wal(CryptFile* f, unsigned char* out, int amt, sqlite3_int64 off) {
  // Copy raw bytes, then replace every frame page the range touches with its plaintext.
  int rc = f->real->pMethods->xRead(f->real, out, amt, off);
  if (rc != SQLITE_OK) return rc;
  const sqlite3_int64 end = off + amt;
  if (end <= kWalHeader) return SQLITE_OK;
  sqlite3_int64 frame = std::max<sqlite3_int64>(0, (off - kWalHeader) / kWalFrame);
  alignas(16) unsigned char page[kPageSize];
  for (;; ++frame) {
    const sqlite3_int64 frame_start = kWalHeader + frame * kWalFrame;
    const sqlite3_int64 page_start = frame_start + kWalFrameHeader;
    if (frame_start >= end) break;
    const sqlite3_int64 lo = std::max(off, page_start);
    const sqlite3_int64 hi = std::min(end, page_start + kPageSize);
    if (lo >= hi) continue;
    std::uint32_t pgno = 0;
    rc = read_pgno(f, page_start, static_cast<int>(kWalFrameHeader), pgno);
    if (rc == SQLITE_OK) rc = read_sealed(f, page, page_start, pgno);
    // WAL recovery reads whole frames and stops at the first whose checksum
    // fails. A frame a crash cut short is handed to it as the raw bytes on
    // disk, which fail the checksum, so recovery ends the log before it, as
    // SQLite does on an unencrypted file. Anywhere else (a page SQLite reads
    // as committed, or a frame with valid frames after it) a page that does
    // not open is an integrity failure.
    if (rc == SQLITE_IOERR_DATA && off == frame_start && amt == kWalFrame && torn_tail_frame(f, frame)) {
      t_integrity_failure.clear();
      continue;
    }
    if (rc != SQLITE_OK) {
      sodium_memzero(page, sizeof page);
      return rc;
    }
    std::memcpy(out + (lo - off), page + (lo - page_start), static_cast<size_t>(hi - lo));
  }
  sodium_memzero(page, sizeof page);
  return SQLITE_OK;
}

int read_journal(CryptFile* f, unsigned char* out, int amt, sqlite3_int64 off) {
  if (amt == kPageSize && off % 8 == 4) {
    std::uint32_t pgno = 0;
    int rc = read_pgno(f, off, 4, pgno);
    if (rc != SQLITE_OK) return rc;
    return read_sealed(f, out, off, pgno);
  }
  return f->real->pMethods->xRead(f->real, out, amt, off);
}

int x_read(sqlite3_file* file, void* out, int amt, sqlite3_int64 off) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  auto* o = static_cast<unsigned char*>(out);
  switch (f->kind) {
    case Kind::kMain: return read_main(f, o, amt, off);
    case Kind::kWal: return read_wal(f, o, amt, off);
    case Kind::kJournal: return read_journal(f, o, amt, off);
  }
  return SQLITE_IOERR_READ;
}

bool all_zero(const void* data, int amt) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (int i = 0; i < amt; ++i) {
    if (p[i] != 0) return false;
  }
  return true;
}

int x_write(sqlite3_file* file, const void* data, int amt, sqlite3_int64 off) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  const auto* bytes = static_cast<const unsigned char*>(data);
  switch (f->kind) {
    case Kind::kMain:
      if (amt != kPageSize || off % kPageSize != 0) return refuse_write();
      return write_sealed(f, data, off, static_cast<std::uint32_t>(off / kPageSize + 1));
    case Kind::kWal: {
      if (off == 0 && amt == kWalHeader) {
        const std::uint32_t magic = be32(bytes);
        if (magic != 0x377f0682 && magic != 0x377f0683) return refuse_write();
        return f->real->pMethods->xWrite(f->real, data, amt, off);
      }
      if (off < kWalHeader) return refuse_write();
      const sqlite3_int64 in_frame = (off - kWalHeader) % kWalFrame;
      if (in_frame == 0 && amt == kWalFrameHeader) return f->real->pMethods->xWrite(f->real, data, amt, off);
      if (in_frame == kWalFrameHeader && amt == kPageSize) {
        std::uint32_t pgno = 0;
        const int rc = read_pgno(f, off, static_cast<int>(kWalFrameHeader), pgno);
        if (rc != SQLITE_OK) return rc;
        return write_sealed(f, data, off, pgno);
      }
      return refuse_write();
    }
    case Kind::kJournal: {
      if (amt == kPageSize && off % 8 == 4) {
        std::uint32_t pgno = 0;
        const int rc = read_pgno(f, off, 4, pgno);
        if (rc != SQLITE_OK) return rc;
        return write_sealed(f, data, off, pgno);
      }
      static constexpr unsigned char kJournalMagic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
      // A journal header (or its first 12 bytes, rewritten after a sync) sits at a
      // sector boundary: magic or zeros, then counters, sizes and a random
      // checksum seed, then zero padding. It holds no page content.
      const bool header = off % 512 == 0 && amt >= 12 && amt <= 65536 &&
                          (std::memcmp(bytes, kJournalMagic, 8) == 0 || all_zero(bytes, 8)) &&
                          (amt <= 28 || all_zero(bytes + 28, amt - 28));
      if (amt == 4 || header || all_zero(data, amt)) return f->real->pMethods->xWrite(f->real, data, amt, off);
      return refuse_write();
    }
  }
  return refuse_write();
}

int x_truncate(sqlite3_file* file, sqlite3_int64 size) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  return f->real->pMethods->xTruncate(f->real, size);
}
int x_sync(sqlite3_file* file, int flags) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  return f->real->pMethods->xSync(f->real, flags);
}
int x_file_size(sqlite3_file* file, sqlite3_int64* size) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  return f->real->pMethods->xFileSize(f->real, size);
}
int x_lock(sqlite3_file* file, int level) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  return f->real->pMethods->xLock(f->real, level);
}
int x_unlock(sqlite3_file* file, int level) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  return f->real->pMethods->xUnlock(f->real, level);
}
int x_check_reserved_lock(sqlite3_file* file, int* out) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  return f->real->pMethods->xCheckReservedLock(f->real, out);
}

int x_file_control(sqlite3_file* file, int op, void* arg) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  if (op == SQLITE_FCNTL_PRAGMA) {
    auto** argv = static_cast<char**>(arg);
    const char* name = argv[1];
    const char* value = argv[2];
    const auto refuse = [&](const char* why) {
      argv[0] = sqlite3_mprintf("%s", why);
      return SQLITE_ERROR;
    };
    if (value != nullptr && sqlite3_stricmp(name, "page_size") == 0 && std::strcmp(value, "4096") != 0) {
      return refuse("sawt: the page size of an encrypted store is fixed at 4096");
    }
    if (value != nullptr && sqlite3_stricmp(name, "mmap_size") == 0 && std::strcmp(value, "0") != 0) {
      return refuse("sawt: memory-mapped I/O is disabled on an encrypted store");
    }
    if (value != nullptr && sqlite3_stricmp(name, "temp_store") == 0 && sqlite3_stricmp(value, "memory") != 0 &&
        std::strcmp(value, "2") != 0) {
      return refuse("sawt: temporary storage must stay in memory on an encrypted store");
    }
  }
  if (op == SQLITE_FCNTL_MMAP_SIZE) {
    auto* size = static_cast<sqlite3_int64*>(arg);
    *size = 0;  // report no mapping; never enable it
    return SQLITE_OK;
  }
  return f->real->pMethods->xFileControl(f->real, op, arg);
}

int x_sector_size(sqlite3_file* file) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  return f->real->pMethods->xSectorSize(f->real);
}
int x_device_characteristics(sqlite3_file* file) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  return f->real->pMethods->xDeviceCharacteristics(f->real) | SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}
int x_shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  return f->real->pMethods->xShmMap(f->real, region, size, extend, out);
}
int x_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}
void x_shm_barrier(sqlite3_file* file) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  f->real->pMethods->xShmBarrier(f->real);
}
int x_shm_unmap(sqlite3_file* file, int del) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  return f->real->pMethods->xShmUnmap(f->real, del);
}
int x_fetch(sqlite3_file*, sqlite3_int64, int, void** out) {
  *out = nullptr;  // never hand out mapped (encrypted) pages
  return SQLITE_OK;
}
int x_unfetch(sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; }

const sqlite3_io_methods kMethods = {
    3,           x_close,       x_read,         x_write,         x_truncate,
    x_sync,      x_file_size,   x_lock,         x_unlock,        x_check_reserved_lock,
    x_file_control, x_sector_size, x_device_characteristics, x_shm_map, x_shm_lock,
    x_shm_barrier, x_shm_unmap, x_fetch,        x_unfetch,
};

// ------------------------------------------------------------------ vfs methods

int refuse_open(sqlite3_file* file) {
  file->pMethods = nullptr;
  g_refused_opens.fetch_add(1, std::memory_order_relaxed);
  return SQLITE_CANTOPEN;
}

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto* f = reinterpret_cast<CryptFile*>(file);
  f->base.pMethods = nullptr;
  f->entry = nullptr;
  if (name == nullptr) return refuse_open(file);  // unnamed temporary file
  Kind kind;
  std::shared_ptr<KeyEntry> entry;
  if ((flags & SQLITE_OPEN_MAIN_DB) != 0) {
    kind = Kind::kMain;
    entry = find_key(name);
  } else if ((flags & SQLITE_OPEN_WAL) != 0) {
    kind = Kind::kWal;
    entry = find_key(sqlite3_filename_database(name));
  } else if ((flags & SQLITE_OPEN_MAIN_JOURNAL) != 0) {
    kind = Kind::kJournal;
    entry = find_key(sqlite3_filename_database(name));
  } else {
    return refuse_open(file);  // temp db, temp/sub/super journal, transient db
  }
  if (!entry) return refuse_open(file);
  f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + sizeof(CryptFile));
  const int rc = g_base->xOpen(g_base, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  f->kind = kind;
  f->entry = new std::shared_ptr<KeyEntry>(std::move(entry));
  f->name = short_name(name);
  f->base.pMethods = &kMethods;
  return SQLITE_OK;
}

int x_delete(sqlite3_vfs*, const char* name, int sync_dir) { return g_base->xDelete(g_base, name, sync_dir); }
int x_access(sqlite3_vfs*, const char* name, int flags, int* out) { return g_base->xAccess(g_base, name, flags, out); }
int x_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) { return g_base->xFullPathname(g_base, name, n, out); }
void* x_dl_open(sqlite3_vfs*, const char*) { return nullptr; }  // no extension loading through this VFS
void x_dl_error(sqlite3_vfs*, int n, char* msg) { sqlite3_snprintf(n, msg, "extensions are disabled"); }
void (*x_dl_sym(sqlite3_vfs*, void*, const char*))(void) { return nullptr; }
void x_dl_close(sqlite3_vfs*, void*) {}
int x_randomness(sqlite3_vfs*, int n, char* out) {
  randombytes_buf(out, static_cast<size_t>(n));
  return n;
}
int x_sleep(sqlite3_vfs*, int us) { return g_base->xSleep(g_base, us); }
int x_current_time(sqlite3_vfs*, double* out) { return g_base->xCurrentTime(g_base, out); }
int x_get_last_error(sqlite3_vfs*, int n, char* out) { return g_base->xGetLastError(g_base, n, out); }
int x_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) { return g_base->xCurrentTimeInt64(g_base, out); }

}  // namespace

void register_vfs() {
  static std::once_flag once;
  std::call_once(once, [] {
    init();
    // Before SQLite initialises (the next call does): without memory
    // statistics SQLite's allocations take no process-wide lock, which the
    // server's worker threads otherwise queue on. Nothing reads the figures.
    // Fails harmlessly if SQLite was already initialised.
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    g_base = sqlite3_vfs_find("unix");
    if (g_base == nullptr) g_base = sqlite3_vfs_find(nullptr);
    std::memset(&g_vfs, 0, sizeof g_vfs);
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = static_cast<int>(sizeof(CryptFile)) + g_base->szOsFile;
    g_vfs.mxPathname = g_base->mxPathname;
    g_vfs.zName = kVfsName;
    g_vfs.xOpen = x_open;
    g_vfs.xDelete = x_delete;
    g_vfs.xAccess = x_access;
    g_vfs.xFullPathname = x_full_pathname;
    g_vfs.xDlOpen = x_dl_open;
    g_vfs.xDlError = x_dl_error;
    g_vfs.xDlSym = x_dl_sym;
    g_vfs.xDlClose = x_dl_close;
    g_vfs.xRandomness = x_randomness;
    g_vfs.xSleep = x_sleep;
    g_vfs.xCurrentTime = x_current_time;
    g_vfs.xGetLastError = x_get_last_error;
    g_vfs.xCurrentTimeInt64 = x_current_time_int64;
    sqlite3_vfs_register(&g_vfs, /*makeDflt=*/0);
  });
}

KeyRegistration::~KeyRegistration() {
  std::lock_guard lock(g_registry_mutex);
  auto it = registry().find(path_);
  if (it != registry().end() && --it->second->registrations == 0) registry().erase(it);
}

Result<std::unique_ptr<KeyRegistration>> register_key(const std::string& db_path, const SecretBytes& key,
                                                      std::string_view db_id) {
  register_vfs();
  std::vector<char> full(static_cast<size_t>(g_base->mxPathname) + 1);
  if (g_base->xFullPathname(g_base, db_path.c_str(), static_cast<int>(full.size()), full.data()) != SQLITE_OK) {
    return fail(ErrorKind::kInternal, "cannot resolve the database path", db_path);
  }
  std::string path(full.data());
  std::lock_guard lock(g_registry_mutex);
  if (auto it = registry().find(path); it != registry().end()) {
    // Another connection to the same store: it must be the same key.
    if (it->second->db_id != db_id || sodium_memcmp(it->second->key.data(), key.data(), 32) != 0) {
      return fail(ErrorKind::kConflict, "this database is open in this process with another key", db_path);
    }
    ++it->second->registrations;
    return std::unique_ptr<KeyRegistration>(new KeyRegistration(std::move(path)));
  }
  auto entry = std::make_shared<KeyEntry>();
  std::memcpy(entry->key.data(), key.data(), 32);
  entry->db_id = std::string(db_id);
  entry->registrations = 1;
  registry().emplace(path, std::move(entry));
  return std::unique_ptr<KeyRegistration>(new KeyRegistration(std::move(path)));
}

std::string take_integrity_failure() { return std::exchange(t_integrity_failure, std::string()); }

VfsStats vfs_stats() {
  return VfsStats{g_sealed.load(), g_opened.load(), g_refused_writes.load(), g_refused_opens.load()};
}

}  // namespace sawt::crypto
