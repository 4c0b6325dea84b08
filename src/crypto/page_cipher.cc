#include "crypto/page_cipher.h"

#include <sodium.h>

#include <cstring>

namespace sawt::crypto {

static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == 24);
static_assert(crypto_aead_xchacha20poly1305_ietf_ABYTES == 16);

namespace {

// "sawt-page-v1" | db_id (16) | pgno (4, little-endian)
constexpr std::size_t kAdPrefix = 12;
std::size_t make_ad(unsigned char* ad, std::uint32_t pgno, std::string_view db_id) {
  std::memcpy(ad, "sawt-page-v1", kAdPrefix);
  std::memcpy(ad + kAdPrefix, db_id.data(), db_id.size());
  unsigned char* p = ad + kAdPrefix + db_id.size();
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>((pgno >> (8 * i)) & 0xff);
  return kAdPrefix + db_id.size() + 4;
}

}  // namespace

void seal_page(unsigned char* page, std::uint32_t pgno, const PageKey& key) {
  unsigned char ad[64];
  const std::size_t ad_len = make_ad(ad, pgno, key.db_id);
  randombytes_buf(page + kNonceOffset, 24);
  unsigned long long tag_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt_detached(page, page + kTagOffset, &tag_len, page, kNonceOffset, ad,
                                                      ad_len, nullptr, page + kNonceOffset, key.key->data());
}

bool open_page(unsigned char* page, std::uint32_t pgno, const PageKey& key) {
  unsigned char ad[64];
  const std::size_t ad_len = make_ad(ad, pgno, key.db_id);
  return crypto_aead_xchacha20poly1305_ietf_decrypt_detached(page, nullptr, page, kNonceOffset, page + kTagOffset, ad,
                                                             ad_len, page + kNonceOffset, key.key->data()) == 0;
}

}  // namespace sawt::crypto
