#include "crypto/keyfile.h"

#include <fmt/format.h>
#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>

namespace sawt::crypto {

namespace {

constexpr std::string_view kFormat = "sawt-keyfile";
constexpr int kVersion = 1;
// Bounds on what a key file may ask of an unlock (a hostile file must not make it take hours).
constexpr std::uint64_t kMaxOps = 10;
constexpr std::size_t kMaxMem = std::size_t{1} << 30;
constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr size_t kRecoveryBytes = 20;  // 160 bits, 32 base32 characters

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
  auto raw = crypto::from_hex(hex, expected);
  if (raw) out = std::move(*raw);
  return raw.has_value();
}

const unsigned char* u8(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string associated_data(std::string_view db_id, std::string_view kind) {
  return fmt::format("{}/v{}/{}/{}", kFormat, kVersion, to_hex(db_id), kind);
}

Result<SecretBytes> derive(const unsigned char* secret, size_t secret_len, std::string_view salt,
                           KdfParams kdf) {
  SecretBytes kek(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  if (crypto_pwhash(kek.data(), kek.size(), reinterpret_cast<const char*>(secret), secret_len, u8(salt),
                    kdf.opslimit, kdf.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail(ErrorKind::kInternal, "key derivation ran out of memory", "",
                "close other programs or use a machine with more memory");
  }
  return kek;
}

Result<KeySlot> wrap(std::string_view kind, const SecretBytes& key, const unsigned char* secret,
                     size_t secret_len, std::string_view db_id, std::string_view label, KdfParams kdf) {
  KeySlot slot;
  slot.kind = kind;
  slot.label = label;
  slot.kdf = kdf;
  slot.salt = random_bytes(crypto_pwhash_SALTBYTES);
  slot.nonce = random_bytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  auto kek = SAWT_TRY(derive(secret, secret_len, slot.salt, kdf));
  const std::string ad = associated_data(db_id, slot.kind);
  slot.wrapped.assign(key.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(slot.wrapped.data()), &clen,
                                             key.data(), key.size(), u8(ad), ad.size(), nullptr,
                                             u8(slot.nonce), kek.data());
  slot.wrapped.resize(clen);
  return slot;
}

std::optional<SecretBytes> try_slot(const KeySlot& slot, const unsigned char* secret, size_t len,
                                    std::string_view db_id) {
  auto kek = derive(secret, len, slot.salt, slot.kdf);
  if (!kek) return std::nullopt;
  const std::string ad = associated_data(db_id, slot.kind);
  SecretBytes key(kDatabaseKeySize);
  unsigned long long mlen = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(key.data(), &mlen, nullptr, u8(slot.wrapped),
                                                 slot.wrapped.size(), u8(ad), ad.size(), u8(slot.nonce),
                                                 kek->data()) == 0 &&
      mlen == kDatabaseKeySize) {
    return key;
  }
  return std::nullopt;
}

std::string encode_recovery(std::string_view raw) {
  std::string chars;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : raw) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      chars += kCrockford[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  std::string out;
  for (size_t i = 0; i < chars.size(); ++i) {
    if (i != 0 && i % 4 == 0) out += '-';
    out += chars[i];
  }
  return out;
}

}  // namespace

std::optional<std::string> normalize_recovery_key(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (kCrockford.find(c) == std::string_view::npos) return std::nullopt;
    out += c;
  }
  if (out.size() != kRecoveryBytes * 8 / 5) return std::nullopt;
  return out;
}

KdfParams default_kdf() {
  init();
  if (const char* fast = std::getenv("SAWT_INSECURE_FAST_KDF");
      fast != nullptr && std::strcmp(fast, "1") == 0) {
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
  }
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

Status KeyFile::seal_identity(const SecretBytes& key, const Identity& id) {
  sign_public_ = id.sign_public;
  box_public_ = id.box_public;
  SecretBytes plain(96);
  std::memcpy(plain.data(), id.sign_secret.data(), 64);
  std::memcpy(plain.data() + 64, id.box_secret.data(), 32);
  identity_nonce_ = random_bytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const std::string ad = associated_data(db_id_, "identity") + to_hex(sign_public_) + to_hex(box_public_);
  identity_wrapped_.assign(plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(identity_wrapped_.data()),
                                             &clen, plain.data(), plain.size(), u8(ad), ad.size(), nullptr,
                                             u8(identity_nonce_), key.data());
  identity_wrapped_.resize(clen);
  return {};
}

Result<Identity> KeyFile::identity(const SecretBytes& key) const {
  Identity id;
  id.sign_public = sign_public_;
  id.box_public = box_public_;
  SecretBytes plain(96);
  const std::string ad = associated_data(db_id_, "identity") + to_hex(sign_public_) + to_hex(box_public_);
  unsigned long long mlen = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain.data(), &mlen, nullptr, u8(identity_wrapped_),
                                                 identity_wrapped_.size(), u8(ad), ad.size(),
                                                 u8(identity_nonce_), key.data()) != 0 ||
      mlen != 96) {
    return fail(ErrorKind::kIntegrity, "the installation's identity keys do not open with this store's key",
                "sawt.key", "the key file is damaged: restore it from a backup");
  }
  std::memcpy(id.sign_secret.data(), plain.data(), 64);
  std::memcpy(id.box_secret.data(), plain.data() + 64, 32);
  return id;
}

Result<std::pair<KeyFile, SecretBytes>> KeyFile::create(const Passphrase& passphrase, std::string_view label,
                                                        KdfParams kdf) {
  init();
  KeyFile file;
  file.db_id_ = random_bytes(16);
  SecretBytes key(kDatabaseKeySize);
  randombytes_buf(key.data(), key.size());
  SAWT_CHECK(file.add_passphrase_slot(key, passphrase, label, kdf));
  Identity id;
  id.sign_public.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(id.sign_public.data()), id.sign_secret.data());
  id.box_public.assign(crypto_box_PUBLICKEYBYTES, '\0');
  crypto_box_keypair(reinterpret_cast<unsigned char*>(id.box_public.data()), id.box_secret.data());
  SAWT_CHECK(file.seal_identity(key, id));
  return std::pair<KeyFile, SecretBytes>(std::move(file), std::move(key));
}

Status KeyFile::add_passphrase_slot(const SecretBytes& key, const Passphrase& passphrase,
                                    std::string_view label, KdfParams kdf) {
  slots_.push_back(
      SAWT_TRY(wrap("passphrase", key, passphrase.data(), passphrase.size(), db_id_, label, kdf)));
  return {};
}

Status KeyFile::replace_passphrase(size_t index, const SecretBytes& key, const Passphrase& passphrase,
                                   KdfParams kdf) {
  if (index >= slots_.size() || slots_[index].kind != "passphrase") {
    return fail(ErrorKind::kUsage, "only a passphrase slot can take a new passphrase", "",
                "unlock with your passphrase, not the recovery key, to change it; or add a new passphrase");
  }
  slots_[index] = SAWT_TRY(
      wrap("passphrase", key, passphrase.data(), passphrase.size(), db_id_, slots_[index].label, kdf));
  return {};
}

Result<std::string> KeyFile::set_recovery(const SecretBytes& key, KdfParams kdf) {
  const std::string raw = random_bytes(kRecoveryBytes);
  const std::string text = encode_recovery(raw);
  const std::string normal = *normalize_recovery_key(text);
  auto slot = SAWT_TRY(wrap("recovery", key, u8(normal), normal.size(), db_id_, "recovery key", kdf));
  std::erase_if(slots_, [](const KeySlot& s) { return s.kind == "recovery"; });
  slots_.push_back(std::move(slot));
  return text;
}

Status KeyFile::add_escrow(const SecretBytes& key, std::string_view partner_box_public,
                           std::string_view label) {
  if (partner_box_public.size() != crypto_box_PUBLICKEYBYTES) {
    return fail(ErrorKind::kBadInput, "the partner's public key has the wrong length", std::string(label));
  }
  KeySlot slot;
  slot.kind = "escrow";
  slot.label = label;
  slot.public_key = partner_box_public;
  slot.wrapped.assign(key.size() + crypto_box_SEALBYTES, '\0');
  crypto_box_seal(reinterpret_cast<unsigned char*>(slot.wrapped.data()), key.data(), key.size(),
                  u8(partner_box_public));
  slots_.push_back(std::move(slot));
  return {};
}

Result<SecretBytes> KeyFile::unlock_escrow(std::string_view box_public, const SecretBytes& box_secret) const {
  for (const auto& s : slots_) {
    if (s.kind != "escrow" || s.public_key != box_public) continue;
    SecretBytes key(kDatabaseKeySize);
    if (crypto_box_seal_open(key.data(), u8(s.wrapped), s.wrapped.size(), u8(box_public),
                             box_secret.data()) == 0) {
      return key;
    }
  }
  return fail(ErrorKind::kAuth, "no escrow slot opens with this key pair");
}

Result<Unlocked> KeyFile::unlock(const Passphrase& secret) const {
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i].kind != "passphrase") continue;
    if (auto key = try_slot(slots_[i], secret.data(), secret.size(), db_id_))
      return Unlocked{std::move(*key), i};
  }
  const auto recovery =
      normalize_recovery_key(std::string_view(reinterpret_cast<const char*>(secret.data()), secret.size()));
  if (recovery) {
    for (size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].kind != "recovery") continue;
      if (auto key = try_slot(slots_[i], u8(*recovery), recovery->size(), db_id_))
        return Unlocked{std::move(*key), i};
    }
  }
  return fail(ErrorKind::kAuth, "wrong passphrase: no key slot opens with it", "",
              "check the passphrase (keyboard layout, Arabic/Latin input) or use the recovery key");
}

Result<KeyFile> KeyFile::rekeyed(const SecretBytes& old_key, const SecretBytes& new_key, size_t keep,
                                 const Passphrase& passphrase, std::string_view new_db_file,
                                 std::vector<std::string>& dropped) const {
  auto id = SAWT_TRY(identity(old_key));
  KeyFile out;
  out.db_id_ = random_bytes(16);
  out.db_file_ = new_db_file;
  for (size_t i = 0; i < slots_.size(); ++i) {
    const auto& s = slots_[i];
    if (i == keep) {
      out.slots_.push_back(SAWT_TRY(wrap(s.kind == "recovery" ? "passphrase" : s.kind, new_key,
                                         passphrase.data(), passphrase.size(), out.db_id_,
                                         s.kind == "recovery" ? "owner" : s.label, default_kdf())));
    } else if (s.kind == "escrow") {
      SAWT_CHECK(out.add_escrow(new_key, s.public_key, s.label));
    } else {
      dropped.push_back(fmt::format("{} slot '{}'", s.kind, s.label));
    }
  }
  SAWT_CHECK(out.seal_identity(new_key, id));
  return out;
}

std::string KeyFile::serialize() const {
  nlohmann::json j;
  j["format"] = kFormat;
  j["version"] = kVersion;
  j["db_id"] = to_hex(db_id_);
  j["db_file"] = db_file_;
  j["slots"] = nlohmann::json::array();
  for (const auto& s : slots_) {
    nlohmann::json js = {{"kind", s.kind}, {"label", s.label}, {"wrapped", to_hex(s.wrapped)}};
    if (s.kind == "escrow") {
      js["public_key"] = to_hex(s.public_key);
    } else {
      js["kdf"] = {{"alg", "argon2id13"}, {"opslimit", s.kdf.opslimit}, {"memlimit", s.kdf.memlimit}};
      js["salt"] = to_hex(s.salt);
      js["nonce"] = to_hex(s.nonce);
    }
    j["slots"].push_back(std::move(js));
  }
  j["identity"] = {{"sign_public", to_hex(sign_public_)},
                   {"box_public", to_hex(box_public_)},
                   {"nonce", to_hex(identity_nonce_)},
                   {"wrapped", to_hex(identity_wrapped_)}};
  return j.dump(2) + "\n";
}

Result<KeyFile> KeyFile::parse(std::string_view text, std::string_view where) {
  init();
  const auto bad = [&](std::string msg) {
    return fail(ErrorKind::kBadInput, std::move(msg), std::string(where),
                "this is not a sawt key file, or it is damaged: restore it from a backup");
  };
  if (text.size() > (1u << 20)) return bad("the key file is too large");
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return bad("the key file is not valid JSON");
  if (!j.contains("format") || !j["format"].is_string() || j["format"].get<std::string>() != kFormat) {
    return bad("the key file has no 'sawt-keyfile' format marker");
  }
  if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int>() != kVersion) {
    return bad(fmt::format("unsupported key file version (this sawt reads version {})", kVersion));
  }
  const auto str = [](const nlohmann::json& o, const char* k) {
    return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
  };
  KeyFile file;
  if (!from_hex(str(j, "db_id"), 16, file.db_id_)) return bad("db_id is missing or malformed");
  file.db_file_ = str(j, "db_file");
  if (file.db_file_.empty() || file.db_file_.find('/') != std::string::npos ||
      !file.db_file_.ends_with(".db") || file.db_file_.size() > 64) {
    return bad("db_file is missing or not a plain file name ending in .db");
  }
  if (!j.contains("slots") || !j["slots"].is_array() || j["slots"].empty() || j["slots"].size() > 16) {
    return bad("the key file has no key slots");
  }
  for (size_t i = 0; i < j["slots"].size(); ++i) {
    const auto& s = j["slots"][i];
    const auto slot_bad = [&](std::string_view what) {
      return bad(fmt::format("key slot {}: {}", i + 1, what));
    };
    if (!s.is_object()) return slot_bad("not an object");
    KeySlot slot;
    slot.kind = str(s, "kind");
    slot.label = str(s, "label");
    if (slot.kind == "escrow") {
      if (!from_hex(str(s, "public_key"), crypto_box_PUBLICKEYBYTES, slot.public_key) ||
          !from_hex(str(s, "wrapped"), kDatabaseKeySize + crypto_box_SEALBYTES, slot.wrapped)) {
        return slot_bad("escrow public key or wrapped key is malformed");
      }
      file.slots_.push_back(std::move(slot));
      continue;
    }
    if (slot.kind != "passphrase" && slot.kind != "recovery") return slot_bad("unknown kind");
    const auto kdf = s.contains("kdf") ? s["kdf"] : nlohmann::json();
    if (!kdf.is_object() || str(kdf, "alg") != "argon2id13" || !kdf.contains("opslimit") ||
        !kdf["opslimit"].is_number_unsigned() || !kdf.contains("memlimit") ||
        !kdf["memlimit"].is_number_unsigned()) {
      return slot_bad("missing or unknown key-derivation parameters");
    }
    slot.kdf.opslimit = kdf["opslimit"].get<std::uint64_t>();
    slot.kdf.memlimit = kdf["memlimit"].get<std::size_t>();
    if (slot.kdf.opslimit < crypto_pwhash_OPSLIMIT_MIN || slot.kdf.opslimit > kMaxOps ||
        slot.kdf.memlimit < crypto_pwhash_MEMLIMIT_MIN || slot.kdf.memlimit > kMaxMem) {
      return slot_bad("key-derivation parameters are out of the accepted bounds");
    }
    if (!from_hex(str(s, "salt"), crypto_pwhash_SALTBYTES, slot.salt) ||
        !from_hex(str(s, "nonce"), crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, slot.nonce) ||
        !from_hex(str(s, "wrapped"), kDatabaseKeySize + crypto_aead_xchacha20poly1305_ietf_ABYTES,
                  slot.wrapped)) {
      return slot_bad("salt, nonce or wrapped key is malformed");
    }
    file.slots_.push_back(std::move(slot));
  }
  const auto id = j.contains("identity") ? j["identity"] : nlohmann::json();
  if (!id.is_object() || !from_hex(str(id, "sign_public"), crypto_sign_PUBLICKEYBYTES, file.sign_public_) ||
      !from_hex(str(id, "box_public"), crypto_box_PUBLICKEYBYTES, file.box_public_) ||
      !from_hex(str(id, "nonce"), crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, file.identity_nonce_) ||
      !from_hex(str(id, "wrapped"), 96 + crypto_aead_xchacha20poly1305_ietf_ABYTES, file.identity_wrapped_)) {
    return bad("the identity keys are missing or malformed");
  }
  return file;
}

}  // namespace sawt::crypto
