// A sawt store is a folder:
//   sawt.key     the key file (crypto/keyfile.h): the wrapped database key
//   sawt.db      the SQLite database (+ -wal / -journal while open)
//   documents/   attached documents, content-addressed
//   reference/   optional overrides of the shipped reference data (vocabularies)
// Store::create and Store::open are the only ways in: they take the
// passphrase, unlock the key, and configure every connection the same way
// (foreign keys, WAL, synchronous=FULL, temp_store=MEMORY, mmap off) before
// any query runs. The encrypting VFS plugs in here.
//
// Invariant: a folder without a valid key file is never treated as a store,
// and an existing store is never recreated.
#pragma once

#include <filesystem>
#include <memory>

#include "crypto/keyfile.h"
#include "crypto/sodium.h"
#include "crypto/vfs.h"
#include "domain/vocab.h"
#include "store/audit.h"
#include "store/sqlite.h"

namespace sawt::store {

class Store {
 public:
  // Creates a new store in `dir` (which must not hold one). kConflict if it does.
  [[nodiscard]] static Result<std::unique_ptr<Store>> create(const std::filesystem::path& dir,
                                                            const crypto::Passphrase& passphrase);
  // Opens an existing store. kNotFound if `dir` holds none; kAuth on a wrong
  // passphrase; kBadInput if the key file or database is not sawt's.
  [[nodiscard]] static Result<std::unique_ptr<Store>> open(const std::filesystem::path& dir,
                                                          const crypto::Passphrase& passphrase);

  // Another connection to the same store, without deriving the key again
  // (for the server's worker threads).
  [[nodiscard]] Result<std::unique_ptr<Store>> reopen() const;

  [[nodiscard]] Db& db() { return *db_; }
  [[nodiscard]] AuditLog& audit() { return audit_; }
  // The vocabularies in force: shipped ones, overridden by DIR/reference/*.tsv.
  [[nodiscard]] const Vocabularies& vocab() const { return vocab_; }
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  [[nodiscard]] std::filesystem::path database_path() const { return dir_ / keyfile_.db_file(); }
  [[nodiscard]] const crypto::KeyFile& keyfile() const { return keyfile_; }
  [[nodiscard]] const crypto::SecretBytes& key() const { return key_; }
  // Index of the key slot that unlocked this store.
  [[nodiscard]] size_t unlocked_slot() const { return unlocked_slot_; }
  // Atomically replaces the key file (temp file, fsync, rename).
  [[nodiscard]] Status save_keyfile(crypto::KeyFile keyfile);

  // Rewraps the slot that unlocked the store under a new passphrase: instant,
  // the database is not touched. kUsage when the store was unlocked with the
  // recovery key (add a passphrase instead).
  [[nodiscard]] Status change_passphrase(const crypto::Passphrase& new_passphrase);
  // Creates or replaces the recovery slot; returns the key text to show once.
  [[nodiscard]] Result<std::string> create_recovery_key();

  // Re-encrypts the whole database under a new random key, atomically: the new
  // database is written beside the old one and the key file, replaced in one
  // rename, switches to it. A kill at any moment leaves a store that opens
  // (with the old or the new key); leftovers are removed at the next open.
  // Keeps the slot `passphrase` opens (rewrapped) and escrow slots; other
  // passphrase slots and the recovery key are dropped and named in `dropped`.
  struct Rotation {
    std::vector<std::string> dropped;
    std::string new_db_file;
  };
  [[nodiscard]] static Result<Rotation> rotate_key(const std::filesystem::path& dir, const crypto::Passphrase& passphrase,
                                                   std::string_view actor);

  // Crypto-erase: overwrites the key file with random bytes, syncs it and
  // removes it, then removes the database files. Without the key file the
  // database cannot be decrypted; see SECURITY.md for what this cannot promise.
  [[nodiscard]] static Status erase(const std::filesystem::path& dir);
  [[nodiscard]] static std::filesystem::path key_path(const std::filesystem::path& dir) { return dir / "sawt.key"; }

 private:
  Store(std::filesystem::path dir, crypto::KeyFile keyfile, size_t slot,
        std::unique_ptr<crypto::KeyRegistration> registration, std::unique_ptr<Db> db, AuditLog audit,
        Vocabularies vocab, crypto::SecretBytes key)
      : dir_(std::move(dir)),
        keyfile_(std::move(keyfile)),
        unlocked_slot_(slot),
        registration_(std::move(registration)),
        db_(std::move(db)),
        audit_(std::move(audit)),
        vocab_(std::move(vocab)),
        key_(std::move(key)) {}
  static void remove_stale_files(const std::filesystem::path& dir, const std::string& current_db);
  [[nodiscard]] static Result<std::unique_ptr<Store>> finish_open(const std::filesystem::path& dir,
                                                                 crypto::KeyFile keyfile, crypto::Unlocked unlocked,
                                                                 bool create);

  std::filesystem::path dir_;
  crypto::KeyFile keyfile_;
  size_t unlocked_slot_ = 0;
  // Declared before db_ so that it outlives the connection (members die in reverse order).
  std::unique_ptr<crypto::KeyRegistration> registration_;
  std::unique_ptr<Db> db_;
  AuditLog audit_;
  Vocabularies vocab_;
  crypto::SecretBytes key_;  // the database key, locked in memory
};

}  // namespace sawt::store
