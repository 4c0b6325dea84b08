// Fuzz target: the key file parser (crypto::KeyFile::parse) and the typed
// recovery-key normaliser. Properties: whatever parses serialises and parses
// back to the same text; unlocking a parsed file with a wrong passphrase fails
// cleanly (only tried when its Argon2id parameters are small, so one input
// cannot take seconds: parse() itself bounds them at 20 passes and 4 GiB).
#include <sodium.h>

#include "crypto/keyfile.h"
#include "fuzz_common.h"

using namespace sawt;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  crypto::init();
  if (fuzz::seed_dir() != nullptr) {
    const crypto::KdfParams fast{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
    auto created = crypto::KeyFile::create(crypto::make_passphrase("fuzz seed passphrase"), "owner", fast);
    if (!created) return 1;
    auto& [kf, key] = *created;
    fuzz::write_seed("one-slot.key", kf.serialize());
    std::string partner(32, '\0');
    randombytes_buf(partner.data(), partner.size());
    if (!kf.set_recovery(key, fast) || !kf.add_escrow(key, partner, "partner") ||
        !kf.add_passphrase_slot(key, crypto::make_passphrase("second fuzz passphrase"), "second", fast)) {
      return 1;
    }
    fuzz::write_seed("four-slots.key", kf.serialize());
    fuzz::write_seed("recovery-typed", "abcd-efgh-0o1l-IJKL-mnop-qrst-uvwx-yz23");
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)crypto::normalize_recovery_key(text.substr(0, 200));
  auto kf = crypto::KeyFile::parse(text, "fuzz.key");
  if (!kf) {
    if (kf.error().message.empty()) fuzz::violated("an error without a message");
    return 0;
  }
  const std::string once = kf->serialize();
  auto again = crypto::KeyFile::parse(once, "reserialised");
  if (!again) fuzz::violated("a parsed key file does not parse after serialize()");
  if (again->serialize() != once) fuzz::violated("serialize() is not stable");
  bool cheap = true;
  for (const auto& s : kf->slots()) {
    if (s.kind != "escrow" && (s.kdf.opslimit > 3 || s.kdf.memlimit > (std::size_t{1} << 20))) cheap = false;
  }
  if (cheap) {
    auto u = kf->unlock(crypto::make_passphrase("not the passphrase of any fuzz input"));
    if (u) fuzz::violated("a key file unlocked with an unrelated passphrase");
  }
  return 0;
}
