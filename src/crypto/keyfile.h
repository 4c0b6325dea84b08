// The store's key file: a random 32-byte database key wrapped once per slot,
// and the installation's identity keys (Ed25519 for signing checkpoints and
// shares, X25519 for receiving shares) sealed under the database key.
//
// Slots: "passphrase" and "recovery" wrap the key with XChaCha20-Poly1305
// under a key derived by Argon2id (parameters stored with the slot and bounded
// when read, so a hostile key file cannot make unlocking take hours);
// "escrow" seals the key to a partner organisation's X25519 public key
// (crypto_box_seal), so the partner can recover the store with its secret key.
// JSON text, so an administrator can see which slots exist; no secret is in
// the clear. `db_file` names the database file the key belongs to: key
// rotation writes a new database file and switches to it by replacing this
// file atomically, which is the rotation's single commit point.
//
// Invariants: db_id is 16 random bytes fixed per database key; every slot
// wraps the same key; associated data binds each wrap to db_id and slot kind.
#pragma once

#include <cstdint>
#include <optional>
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
// slot and stays with it).
[[nodiscard]] KdfParams default_kdf();

struct KeySlot {
  std::string kind;   // "passphrase", "recovery", "escrow"
  std::string label;  // who or what it is for, e.g. "owner", a partner's name
  KdfParams kdf;      // passphrase and recovery slots
  std::string salt;   // raw bytes (passphrase, recovery)
  std::string nonce;  // raw bytes (passphrase, recovery)
  std::string public_key;  // raw bytes (escrow: the partner's X25519 key)
  std::string wrapped;     // raw bytes
};

// The installation's long-term keys.
struct Identity {
  std::string sign_public;  // Ed25519, 32 bytes
  std::string box_public;   // X25519, 32 bytes
  SecretBytes sign_secret{64};
  SecretBytes box_secret{32};
};

struct Unlocked {
  SecretBytes key{kDatabaseKeySize};
  size_t slot = 0;  // index of the slot that opened
};

class KeyFile {
 public:
  // A new key file with one passphrase slot and a fresh identity; returns the
  // fresh database key too.
  [[nodiscard]] static Result<std::pair<KeyFile, SecretBytes>> create(const Passphrase& passphrase,
                                                                      std::string_view label, KdfParams kdf);
  // Parses key-file text. `where` names the file in errors.
  [[nodiscard]] static Result<KeyFile> parse(std::string_view text, std::string_view where);
  [[nodiscard]] std::string serialize() const;

  // Tries every passphrase slot, then every recovery slot (when `secret` looks
  // like a recovery key). kAuth when none opens.
  [[nodiscard]] Result<Unlocked> unlock(const Passphrase& secret) const;
  // Opens an escrow slot with a partner's X25519 key pair.
  [[nodiscard]] Result<SecretBytes> unlock_escrow(std::string_view box_public, const SecretBytes& box_secret) const;

  [[nodiscard]] Status add_passphrase_slot(const SecretBytes& key, const Passphrase& passphrase,
                                           std::string_view label, KdfParams kdf);
  // Replaces slot `index` with a passphrase slot for `passphrase` (same label).
  [[nodiscard]] Status replace_passphrase(size_t index, const SecretBytes& key, const Passphrase& passphrase,
                                          KdfParams kdf);
  // Creates (or replaces) the recovery slot; returns the recovery key text,
  // "XXXX-XXXX-..." (32 Crockford base32 characters, 160 bits).
  [[nodiscard]] Result<std::string> set_recovery(const SecretBytes& key, KdfParams kdf);
  [[nodiscard]] Status add_escrow(const SecretBytes& key, std::string_view partner_box_public, std::string_view label);

  // The identity keys, unsealed with the database key.
  [[nodiscard]] Result<Identity> identity(const SecretBytes& key) const;

  // A copy for a new database key: new db_id, identity resealed, the slot
  // `keep` rewrapped with `passphrase`, escrow slots resealed; other
  // passphrase and recovery slots are dropped (their secrets are unknown) and
  // listed in `dropped`.
  [[nodiscard]] Result<KeyFile> rekeyed(const SecretBytes& old_key, const SecretBytes& new_key, size_t keep,
                                        const Passphrase& passphrase, std::string_view new_db_file,
                                        std::vector<std::string>& dropped) const;

  [[nodiscard]] const std::string& db_id() const { return db_id_; }
  [[nodiscard]] const std::string& db_file() const { return db_file_; }
  [[nodiscard]] const std::vector<KeySlot>& slots() const { return slots_; }
  [[nodiscard]] const std::string& sign_public() const { return sign_public_; }
  [[nodiscard]] const std::string& box_public() const { return box_public_; }

 private:
  [[nodiscard]] Status seal_identity(const SecretBytes& key, const Identity& id);

  std::string db_id_;  // raw 16 bytes
  std::string db_file_ = "sawt.db";
  std::vector<KeySlot> slots_;
  std::string sign_public_;
  std::string box_public_;
  std::string identity_nonce_;
  std::string identity_wrapped_;  // sign_secret(64) | box_secret(32), sealed under the database key
};

// Normalises what a person typed as a recovery key (case, spaces, dashes,
// O/0 and I/L/1 confusions); nullopt when it cannot be one.
[[nodiscard]] std::optional<std::string> normalize_recovery_key(std::string_view typed);

}  // namespace sawt::crypto
