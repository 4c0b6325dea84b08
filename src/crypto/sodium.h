// libsodium setup and the few primitives the rest of the program composes:
// hashing (BLAKE2b) for the audit chain and content ids, and locked, wiped
// memory for keys. All cryptography in sawt is libsodium; nothing is home-made
// beyond composing its primitives as SECURITY.md describes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sawt::crypto {

// Initialises libsodium once (thread-safe) and disables core dumps so that
// keys never reach a crash file. Aborts if libsodium cannot start: nothing
// safe can run without it.
void init();

using Hash32 = std::array<std::uint8_t, 32>;

// BLAKE2b-256 of `data`.
[[nodiscard]] Hash32 blake2b(std::string_view data);

// Incremental BLAKE2b-256.
class Blake2b {
 public:
  Blake2b();
  void update(std::string_view data);
  [[nodiscard]] Hash32 finish();

 private:
  alignas(64) unsigned char state_[384];
};

[[nodiscard]] std::string hex(const Hash32& h);

// Raw bytes of lower- or upper-case HEX; nullopt when it is not hex or, with
// EXPECTED > 0, does not decode to exactly EXPECTED bytes.
[[nodiscard]] std::optional<std::string> from_hex(std::string_view hex, std::size_t expected = 0);
// SHA-256 of `data`, lower-case hex: attached documents' hashes, comparable
// with `sha256sum` by anyone holding a copy.
[[nodiscard]] std::string sha256_hex(std::string_view data);

// Fixed-size secret bytes in locked memory (sodium_malloc: guard pages,
// mlock, MADV_DONTDUMP), wiped on destruction. Move-only.
class SecretBytes {
 public:
  explicit SecretBytes(std::size_t size);
  ~SecretBytes();
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  [[nodiscard]] unsigned char* data() { return data_; }
  [[nodiscard]] const unsigned char* data() const { return data_; }
  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  unsigned char* data_ = nullptr;  // owned; sodium_free'd
  std::size_t size_ = 0;
};

// A passphrase in locked memory. Built from a std::string that the caller
// should wipe (wipe_string) as soon as possible.
using Passphrase = SecretBytes;
[[nodiscard]] Passphrase make_passphrase(std::string_view text);
void wipe_string(std::string& s);

}  // namespace sawt::crypto
