// Sealed files: a public header followed by a libsodium secretstream
// (XChaCha20-Poly1305) of chunks, for backups and partner shares. The stream
// authenticates each chunk and its position, and the last chunk carries the
// FINAL tag, so truncation, reordering, chunks from another file and bytes
// appended after the end are all detected. The header is bound to the stream
// as the associated data of the first chunk, so it cannot be altered either.
//
// Layout: magic (8 bytes) | header length (u32 LE) | header (JSON) |
//         secretstream header (24 bytes) | chunks: length (u32 LE) + ciphertext
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/sodium.h"
#include "util/error.h"

namespace sawt::crypto {

inline constexpr size_t kSealedChunk = 64 * 1024;

// Little-endian u64 framing used by the archives inside sealed files
// (backups, bundles): entries are name length | name | size | bytes.
inline void put_u64_le(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}
inline std::uint64_t get_u64_le(std::string_view s) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[static_cast<size_t>(i)]);
  return v;
}

class SealedWriter {
 public:
  // Creates `path` (must not exist) with the given magic and public header.
  [[nodiscard]] static Result<SealedWriter> create(const std::filesystem::path& path, std::string_view magic,
                                                   std::string_view header, const SecretBytes& key);
  // Appends plaintext; it is chunked internally.
  [[nodiscard]] Status write(std::string_view data);
  // Writes the FINAL chunk, syncs and closes. Without finish() the file is
  // incomplete and readers refuse it.
  [[nodiscard]] Status finish();

  SealedWriter(SealedWriter&&) noexcept;
  SealedWriter& operator=(SealedWriter&&) = delete;
  ~SealedWriter();

 private:
  SealedWriter() = default;
  [[nodiscard]] Status emit(bool final);
  std::filesystem::path path_;
  std::ofstream out_;
  alignas(16) unsigned char state_[64]{};
  std::string header_;  // AD of the first chunk
  bool first_ = true;
  std::string pending_;
};

class SealedReader {
 public:
  // Reads the magic and header; kBadInput when the magic differs (another
  // kind of file). The caller derives the key from the header, then start()s.
  [[nodiscard]] static Result<SealedReader> open(const std::filesystem::path& path, std::string_view magic);
  [[nodiscard]] const std::string& header() const { return header_; }
  [[nodiscard]] Status start(const SecretBytes& key);
  // The next plaintext chunk, or nullopt after the FINAL chunk. kIntegrity on
  // any tampering (with what was detected).
  [[nodiscard]] Result<std::optional<std::string>> next();

 private:
  SealedReader() = default;
  std::filesystem::path path_;
  std::ifstream in_;
  std::string header_;
  alignas(16) unsigned char state_[64]{};
  bool first_ = true;
  bool done_ = false;
};

}  // namespace sawt::crypto
