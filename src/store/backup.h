// Encrypted backups: one file holding a consistent snapshot of the store (the
// key file, an encrypted copy of the database made with VACUUM INTO under the
// same key, the documents and reference overrides), sealed as a secretstream
// (crypto/sealed_file.h) to a backup passphrase or to recipients' X25519
// public keys. Restoring writes a NEW folder and never touches an existing
// store; a truncated, reordered, extended, altered or foreign file is refused.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "store/store.h"

namespace sawt::store {

struct BackupTarget {
  // Exactly one of: a passphrase, or recipients' X25519 public keys (raw 32 bytes).
  std::optional<crypto::Passphrase> passphrase;
  std::vector<std::string> recipients;
};

struct BackupReport {
  std::string backup_id;
  int files = 0;
  std::uint64_t bytes = 0;  // plaintext bytes archived
  std::int64_t audit_rows = 0;
};

[[nodiscard]] Result<BackupReport> backup(Store& store, const std::filesystem::path& out, const BackupTarget& target);

struct RestoreKey {
  std::optional<crypto::Passphrase> passphrase;
  std::string box_public;                    // with box_secret: a recipient's key pair
  std::optional<crypto::SecretBytes> box_secret;
};

struct RestoreReport {
  std::string backup_id;
  std::string created;
  int files = 0;
};

// Reads the backup's public header (mode, creation time) without a key.
[[nodiscard]] Result<std::string> backup_mode(const std::filesystem::path& in);

[[nodiscard]] Result<RestoreReport> restore(const std::filesystem::path& in, const std::filesystem::path& dir,
                                            const RestoreKey& key);

}  // namespace sawt::store
