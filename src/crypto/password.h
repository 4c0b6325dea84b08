// Password hashes for web accounts: Argon2id via libsodium's crypto_pwhash_str
// (the encoded string carries salt and parameters). INTERACTIVE parameters
// (2 passes, 64 MiB) keep a login under ~0.2 s on an old laptop while staying
// above OWASP's Argon2id minimum; SAWT_INSECURE_FAST_KDF=1 uses the minimum
// for tests.
#pragma once

#include <string>

#include "crypto/sodium.h"
#include "util/error.h"

namespace sawt::crypto {

[[nodiscard]] Result<std::string> hash_password(const Passphrase& password);
// Constant-time with respect to the password; false for a malformed hash.
[[nodiscard]] bool verify_password(const std::string& hash, const Passphrase& password);

}  // namespace sawt::crypto
