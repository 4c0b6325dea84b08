#include "crypto/keyfile.h"

#include <sodium.h>

#include <cstdlib>
#include <cstring>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace sawt::crypto {

namespace {

constexpr std::string_view kFormat = "sawt-keyfile";
constexpr int kVersion = 1;
constexpr std::uint64_t kMaxOps = 20;
constexpr std::size_t kMaxMem = std::size_t{4} << 30;

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

std::string to_hex(std::string_view raw) {
  std::string out(raw.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  out.pop_back();
  return out;
}

bool from_hex(std::string_view hex, std::size_t expected, std::string& out) {
  out.assign(hex.size() / 2, '\0');
  size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(), hex.size(), nullptr,
                     &len, nullptr) != 0) {
    return false;
  }
  out.resize(len);
  return expected == 0 || len == expected;
}

std::string associated_data(std::string_view db_id, std::string_view kind) {
  return fmt::format("{}/v{}/{}/{}", kFormat, kVersion, to_hex(db_id), kind);
}

Result<SecretBytes> derive(const Passphrase& passphrase, std::string_view salt, KdfParams kdf) {
  SecretBytes kek(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  if (crypto_pwhash(kek.data(), kek.size(), reinterpret_cast<const char*>(passphrase.data()), passphrase.size(),
                    reinterpret_cast<const unsigned char*>(salt.data()), kdf.opslimit, kdf.memlimit,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail(ErrorKind::kInternal, "key derivation ran out of memory", "",
                "close other programs or use a machine with more memory");
  }
  return kek;
}

Result<KeySlot> wrap(const SecretBytes& key, const Passphrase& passphrase, std::string_view db_id,
                     std::string_view label, KdfParams kdf) {
  KeySlot slot;
  slot.kind = "passphrase";
  slot.label = label;
  slot.kdf = kdf;
  slot.salt = random_bytes(crypto_pwhash_SALTBYTES);
  slot.nonce = random_bytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  auto kek = SAWT_TRY(derive(passphrase, slot.salt, kdf));
  const std::string ad = associated_data(db_id, slot.kind);
  slot.wrapped.assign(key.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      reinterpret_cast<unsigned char*>(slot.wrapped.data()), &clen, key.data(), key.size(),
      reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
      reinterpret_cast<const unsigned char*>(slot.nonce.data()), kek.data());
  slot.wrapped.resize(clen);
  return slot;
}

}  // namespace

KdfParams default_kdf() {
  init();
  if (const char* fast = std::getenv("SAWT_INSECURE_FAST_KDF"); fast != nullptr && std::strcmp(fast, "1") == 0) {
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
  }
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

Result<std::pair<KeyFile, SecretBytes>> KeyFile::create(const Passphrase& passphrase, std::string_view label,
                                                        KdfParams kdf) {
  init();
  KeyFile file;
  file.db_id_ = random_bytes(16);
  SecretBytes key(kDatabaseKeySize);
  randombytes_buf(key.data(), key.size());
  file.slots_.push_back(SAWT_TRY(wrap(key, passphrase, file.db_id_, label, kdf)));
  return std::pair<KeyFile, SecretBytes>(std::move(file), std::move(key));
}

Status KeyFile::add_passphrase_slot(const SecretBytes& key, const Passphrase& passphrase, std::string_view label,
                                    KdfParams kdf) {
  slots_.push_back(SAWT_TRY(wrap(key, passphrase, db_id_, label, kdf)));
  return {};
}

std::string KeyFile::serialize() const {
  nlohmann::json j;
  j["format"] = kFormat;
  j["version"] = kVersion;
  j["db_id"] = to_hex(db_id_);
  j["slots"] = nlohmann::json::array();
  for (const auto& s : slots_) {
    j["slots"].push_back({{"kind", s.kind},
                          {"label", s.label},
                          {"kdf", {{"alg", "argon2id13"}, {"opslimit", s.kdf.opslimit}, {"memlimit", s.kdf.memlimit}}},
                          {"salt", to_hex(s.salt)},
                          {"nonce", to_hex(s.nonce)},
                          {"wrapped", to_hex(s.wrapped)}});
  }
  return j.dump(2) + "\n";
}

Result<KeyFile> KeyFile::parse(std::string_view text, std::string_view where) {
  init();
  const auto bad = [&](std::string msg) {
    return fail(ErrorKind::kBadInput, std::move(msg), std::string(where),
                "this is not a sawt key file, or it is damaged: restore it from a backup");
  };
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return bad("the key file is not valid JSON");
  if (j.value("format", "") != kFormat) return bad("the key file has no 'sawt-keyfile' format marker");
  if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int>() != kVersion) {
    return bad(fmt::format("unsupported key file version (this sawt reads version {})", kVersion));
  }
  KeyFile file;
  if (!j.contains("db_id") || !j["db_id"].is_string() || !from_hex(j["db_id"].get<std::string>(), 16, file.db_id_)) {
    return bad("db_id is missing or malformed");
  }
  if (!j.contains("slots") || !j["slots"].is_array() || j["slots"].empty() || j["slots"].size() > 64) {
    return bad("the key file has no key slots");
  }
  for (size_t i = 0; i < j["slots"].size(); ++i) {
    const auto& s = j["slots"][i];
    const auto slot_bad = [&](std::string_view what) { return bad(fmt::format("key slot {}: {}", i + 1, what)); };
    if (!s.is_object()) return slot_bad("not an object");
    KeySlot slot;
    slot.kind = s.value("kind", "");
    slot.label = s.value("label", "");
    if (slot.kind.empty()) return slot_bad("no kind");
    const auto& kdf = s.contains("kdf") ? s["kdf"] : nlohmann::json();
    if (!kdf.is_object() || kdf.value("alg", "") != "argon2id13" || !kdf.contains("opslimit") ||
        !kdf["opslimit"].is_number_unsigned() || !kdf.contains("memlimit") || !kdf["memlimit"].is_number_unsigned()) {
      return slot_bad("missing or unknown key-derivation parameters");
    }
    slot.kdf.opslimit = kdf["opslimit"].get<std::uint64_t>();
    slot.kdf.memlimit = kdf["memlimit"].get<std::size_t>();
    if (slot.kdf.opslimit < crypto_pwhash_OPSLIMIT_MIN || slot.kdf.opslimit > kMaxOps ||
        slot.kdf.memlimit < crypto_pwhash_MEMLIMIT_MIN || slot.kdf.memlimit > kMaxMem) {
      return slot_bad("key-derivation parameters are out of the accepted bounds");
    }
    if (!from_hex(s.value("salt", ""), crypto_pwhash_SALTBYTES, slot.salt) ||
        !from_hex(s.value("nonce", ""), crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, slot.nonce) ||
        !from_hex(s.value("wrapped", ""), kDatabaseKeySize + crypto_aead_xchacha20poly1305_ietf_ABYTES, slot.wrapped)) {
      return slot_bad("salt, nonce or wrapped key is malformed");
    }
    file.slots_.push_back(std::move(slot));
  }
  return file;
}

Result<SecretBytes> KeyFile::unlock(const Passphrase& passphrase) const {
  for (const auto& slot : slots_) {
    if (slot.kind != "passphrase") continue;
    auto kek = SAWT_TRY(derive(passphrase, slot.salt, slot.kdf));
    const std::string ad = associated_data(db_id_, slot.kind);
    SecretBytes key(kDatabaseKeySize);
    unsigned long long mlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            key.data(), &mlen, nullptr, reinterpret_cast<const unsigned char*>(slot.wrapped.data()),
            slot.wrapped.size(), reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
            reinterpret_cast<const unsigned char*>(slot.nonce.data()), kek.data()) == 0 &&
        mlen == kDatabaseKeySize) {
      return key;
    }
  }
  return fail(ErrorKind::kAuth, "wrong passphrase: no key slot opens with it", "",
              "check the passphrase (keyboard layout, Arabic/Latin input) or use the recovery key");
}

}  // namespace sawt::crypto
