// Signed, encrypted bundles: what one installation hands to a partner
// organisation (`sawt share` / `sawt receive`). A bundle is a sealed file
// (crypto/sealed_file.h, magic SAWTSHR1) whose stream key is sealed to each
// recipient's X25519 public key (crypto_box_seal), holding named entries and,
// last, the sender's Ed25519 signature.
//
// The signature covers a BLAKE2b-512 digest of the public header (bundle id,
// creation time, recipients) and of every entry's name and bytes, each
// length-prefixed, so a recipient knows who made the bundle, for whom, and
// that nothing was added, removed or changed. The sender's key is inside the
// encryption: a seized bundle does not say who sent it or what it holds; its
// public header shows only the bundle id, the time and the recipients' public
// keys.
//
// Layout of the plaintext stream: entries, each
//   name length (u64 LE) | name | size (u64 LE) | bytes
// and last the entry ".signature" = sender Ed25519 public key (32) | signature (64).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "crypto/sodium.h"
#include "util/error.h"

namespace sawt::crypto {

struct BundleEntry {
  std::string name;  // [a-z0-9._-], 1..64 characters, not starting with '.'
  std::string bytes;
};

struct BundleSigner {
  std::string sign_public;         // Ed25519, 32 bytes
  const SecretBytes* sign_secret;  // Ed25519, 64 bytes
};

struct BundleInfo {
  std::string bundle_id;                // 32 hex characters
  std::string created;                  // UTC timestamp
  std::vector<std::string> recipients;  // raw X25519 keys the bundle is sealed to
};

// Limits a reader enforces (a bundle is a list of records, not a backup).
inline constexpr std::uint64_t kMaxBundleBytes = std::uint64_t{512} << 20;
inline constexpr std::size_t kMaxBundleEntries = 64;

// Writes a new bundle at OUT (which must not exist) for RECIPIENTS (raw
// 32-byte X25519 keys, at least one), signed by SIGNER. Returns its id.
[[nodiscard]] Result<std::string> write_bundle(const std::filesystem::path& out,
                                               const std::vector<std::string>& recipients,
                                               const BundleSigner& signer,
                                               const std::vector<BundleEntry>& entries);

// The public header, readable without a key.
[[nodiscard]] Result<BundleInfo> bundle_info(const std::filesystem::path& in);

struct OpenedBundle {
  BundleInfo info;
  std::string sender_sign_public;
  std::vector<BundleEntry> entries;
};

// Opens IN with the recipient's key pair and checks that it was signed by
// EXPECTED_SENDER (raw Ed25519 public key). kBadInput: not a bundle / damaged
// header; kAuth: not sealed to this key, or signed by another key; kIntegrity:
// truncated, reordered, altered, extended, or a signature that does not verify.
[[nodiscard]] Result<OpenedBundle> read_bundle(const std::filesystem::path& in, std::string_view box_public,
                                               const SecretBytes& box_secret,
                                               std::string_view expected_sender);

}  // namespace sawt::crypto
