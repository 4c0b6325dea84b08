#include "crypto/sodium.h"

#include <sodium.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>

namespace sawt::crypto {

static_assert(sizeof(crypto_generichash_state) <= 384);

void init() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) {
      std::fputs("sawt: libsodium failed to initialise\n", stderr);
      std::abort();
    }
    const rlimit no_core{0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
  });
}

Hash32 blake2b(std::string_view data) {
  Blake2b h;
  h.update(data);
  return h.finish();
}

Blake2b::Blake2b() {
  init();
  crypto_generichash_init(reinterpret_cast<crypto_generichash_state*>(state_), nullptr, 0, 32);
}

void Blake2b::update(std::string_view data) {
  crypto_generichash_update(reinterpret_cast<crypto_generichash_state*>(state_),
                            reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

Hash32 Blake2b::finish() {
  Hash32 out{};
  crypto_generichash_final(reinterpret_cast<crypto_generichash_state*>(state_), out.data(), out.size());
  return out;
}

std::optional<std::string> from_hex(std::string_view hex, std::size_t expected) {
  std::string out(hex.size() / 2, '\0');
  size_t len = 0;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(), hex.size(),
                     nullptr, &len, nullptr) != 0 ||
      len != out.size()) {
    return std::nullopt;
  }
  if (expected != 0 && len != expected) return std::nullopt;
  return out;
}

std::string hex(const Hash32& h) {
  std::string out(h.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), h.data(), h.size());
  out.pop_back();
  return out;
}

std::string sha256_hex(std::string_view data) {
  init();
  Hash32 h{};
  crypto_hash_sha256(h.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return hex(h);
}

SecretBytes::SecretBytes(std::size_t size) : size_(size) {
  init();
  data_ = static_cast<unsigned char*>(sodium_malloc(size == 0 ? 1 : size));
  if (data_ == nullptr) throw std::bad_alloc();
  sodium_memzero(data_, size == 0 ? 1 : size);
}

SecretBytes::~SecretBytes() {
  if (data_ != nullptr) sodium_free(data_);  // sodium_free wipes before freeing
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept : data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) sodium_free(data_);
    data_ = other.data_;
    size_ = other.size_;
    other.data_ = nullptr;
    other.size_ = 0;
  }
  return *this;
}

Passphrase make_passphrase(std::string_view text) {
  Passphrase p(text.size());
  if (!text.empty()) std::memcpy(p.data(), text.data(), text.size());
  return p;
}

void wipe_string(std::string& s) {
  if (!s.empty()) sodium_memzero(s.data(), s.size());
  s.clear();
}

}  // namespace sawt::crypto
