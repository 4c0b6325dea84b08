// The encrypting SQLite VFS ("sawt-crypt"): a shim over SQLite's own unix VFS
// that seals every database page with page_cipher before it reaches the disk
// and opens it on the way back, for the main database, its WAL and its
// rollback journal. Design and invariants (see SECURITY.md):
//
//  1. Every write is classified by file type and offset. Main database: whole
//     pages at page offsets only. WAL: the 32-byte header and 24-byte frame
//     headers pass (no user data), frame pages are sealed. Journal: 4-byte
//     fields, headers (magic or zeros) pass, pages are sealed. Anything else
//     is refused with SQLITE_IOERR_WRITE: fail closed.
//  2. Only files of a registered database open: a main database needs a key
//     registered for its full path; WAL and journal find the key of their main
//     database. Temporary and unnamed files (temp databases, sort spills,
//     statement journals), super-journals and unknown databases (ATTACH,
//     VACUUM INTO) are refused, so nothing leaves the shim unencrypted.
//  3. xFetch never maps pages (reads always go through decryption).
//  4. A page that does not authenticate is an SQLITE_IOERR_DATA error, and
//     last_integrity_failure() says which file and page.
//  5. PRAGMAs that would change the page layout (page_size, reserve) or turn
//     memory mapping on are refused.
//
// Residual leaks, documented in SECURITY.md: file sizes and timing, the WAL
// frame and journal checksums SQLite computes over plaintext, page numbers in
// WAL frame headers and the -shm index.
#pragma once

#include <memory>
#include <string>

#include "crypto/page_cipher.h"
#include "util/error.h"

namespace sawt::crypto {

inline constexpr const char* kVfsName = "sawt-crypt";

// Registers the VFS with SQLite once (thread-safe). Not the default VFS.
void register_vfs();

// While alive, files of the database at `db_path` open with this key.
class KeyRegistration {
 public:
  ~KeyRegistration();
  KeyRegistration(const KeyRegistration&) = delete;
  KeyRegistration& operator=(const KeyRegistration&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  friend Result<std::unique_ptr<KeyRegistration>> register_key(const std::string&, const SecretBytes&,
                                                               std::string_view);
  explicit KeyRegistration(std::string path) : path_(std::move(path)) {}
  std::string path_;  // the full path SQLite will use
};

// Registers `key` for the database file at `db_path` (its full path is what
// SQLite resolves). kConflict if that database is registered already.
[[nodiscard]] Result<std::unique_ptr<KeyRegistration>> register_key(const std::string& db_path, const SecretBytes& key,
                                                                    std::string_view db_id);

// The last page that failed to authenticate on this thread, as
// "sawt.db page 7" (empty if none), and clears it.
[[nodiscard]] std::string take_integrity_failure();

// Counters for tests (process-wide).
struct VfsStats {
  std::uint64_t pages_sealed = 0;
  std::uint64_t pages_opened = 0;
  std::uint64_t writes_refused = 0;
  std::uint64_t opens_refused = 0;
};
[[nodiscard]] VfsStats vfs_stats();

}  // namespace sawt::crypto
