// The store's key file: a random 32-byte database key wrapped, once per slot,
// under a key derived from a passphrase with Argon2id (libsodium crypto_pwhash)
// and sealed with XChaCha20-Poly1305. The KDF parameters are stored with each
// wrap and bounded when read, so a hostile key file cannot make unlocking take
// hours or gigabytes. Text (JSON) so that an administrator can see what slots
// exist; it holds no secret in the clear.
//
// Invariants: db_id is 16 random bytes fixed at creation; every slot wraps the
// same database key; the associated data binds each wrap to db_id and its slot
// kind, so a slot cannot be moved to another store's key file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/sodium.h"
#include "util/error.h"

namespace sawt::crypto {

inline constexpr std::size_t kDatabaseKeySize = 32;

struct KdfParams {
  std::uint64_t opslimit = 0;
  std::size_t memlimit = 0;
};

// MODERATE (3 passes, 256 MiB) by default. SAWT_INSECURE_FAST_KDF=1 selects
// the minimum (tests and throw-away demos only; the choice is recorded in the
// slot and applies to that store for good).
[[nodiscard]] KdfParams default_kdf();

struct KeySlot {
  std::string kind;   // "passphrase" (later: "recovery", "escrow")
  std::string label;  // who or what it is for, e.g. "owner"
  KdfParams kdf;
  std::string salt;     // raw bytes
  std::string nonce;    // raw bytes
  std::string wrapped;  // raw bytes: ciphertext + tag
};

class KeyFile {
 public:
  // A new key file with one passphrase slot; returns the fresh database key too.
  [[nodiscard]] static Result<std::pair<KeyFile, SecretBytes>> create(const Passphrase& passphrase,
                                                                      std::string_view label, KdfParams kdf);
  // Parses key-file text. `where` names the file in errors.
  [[nodiscard]] static Result<KeyFile> parse(std::string_view text, std::string_view where);
  [[nodiscard]] std::string serialize() const;

  // The database key, or kAuth when no passphrase slot accepts `passphrase`.
  [[nodiscard]] Result<SecretBytes> unlock(const Passphrase& passphrase) const;

  // Adds a passphrase slot for `key` (which must be this store's key).
  [[nodiscard]] Status add_passphrase_slot(const SecretBytes& key, const Passphrase& passphrase,
                                           std::string_view label, KdfParams kdf);

  [[nodiscard]] const std::string& db_id() const { return db_id_; }
  [[nodiscard]] const std::vector<KeySlot>& slots() const { return slots_; }

 private:
  std::string db_id_;  // raw 16 bytes
  std::vector<KeySlot> slots_;
};

}  // namespace sawt::crypto
