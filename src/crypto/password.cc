#include "crypto/password.h"

#include <sodium.h>

#include "crypto/keyfile.h"

namespace sawt::crypto {

Result<std::string> hash_password(const Passphrase& password) {
  init();
  if (password.size() < 10) {
    return fail(ErrorKind::kBadInput, "the password is too short", "password", "use at least 10 characters");
  }
  const bool fast = default_kdf().opslimit == crypto_pwhash_OPSLIMIT_MIN;
  std::string out(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_str(out.data(), reinterpret_cast<const char*>(password.data()), password.size(),
                        fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return fail(ErrorKind::kInternal, "password hashing ran out of memory");
  }
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

bool verify_password(const std::string& hash, const Passphrase& password) {
  init();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), reinterpret_cast<const char*>(password.data()), password.size()) == 0;
}

}  // namespace sawt::crypto
