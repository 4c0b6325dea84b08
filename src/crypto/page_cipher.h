// Sealing and opening one database page. A page is kPageSize bytes of which
// SQLite leaves the last kReservedBytes unused (the store is created with that
// reserve); we put the 24-byte random nonce and the 16-byte Poly1305 tag
// there and encrypt the rest in place with XChaCha20-Poly1305. The associated
// data binds each page to its database (16-byte id) and its page number, so a
// page moved to another position or another database fails to open.
//
// A fresh random nonce on every seal: with 192-bit nonces, collisions are not
// a practical concern for any number of writes a store will see.
#pragma once

#include <cstdint>
#include <string_view>

#include "crypto/sodium.h"

namespace sawt::crypto {

inline constexpr int kPageSize = 4096;
inline constexpr int kReservedBytes = 40;  // nonce (24) + tag (16)
inline constexpr int kNonceOffset = kPageSize - kReservedBytes;
inline constexpr int kTagOffset = kNonceOffset + 24;

struct PageKey {
  const SecretBytes* key = nullptr;  // 32 bytes
  std::string_view db_id;            // 16 bytes
};

// Encrypts `page` (kPageSize bytes) in place for page number `pgno` (>= 1).
void seal_page(unsigned char* page, std::uint32_t pgno, const PageKey& key);

// Decrypts in place. False (and `page` unspecified) when the page does not
// authenticate: a wrong key, another database, a moved or altered page.
[[nodiscard]] bool open_page(unsigned char* page, std::uint32_t pgno, const PageKey& key);

}  // namespace sawt::crypto
