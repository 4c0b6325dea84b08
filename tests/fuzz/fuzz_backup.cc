// Fuzz target: restoring a backup (store::restore), the file a partner or a
// courier hands over. Input: a mode byte, then bytes.
//  mode even: the bytes are the backup file as found (magic, public header,
//    secretstream). Without the key nothing past the first chunk can be
//    forged, so this explores the header and the stream framing.
//  mode odd: the bytes are the archive INSIDE a correctly sealed backup (as a
//    malicious insider with the backup passphrase could make): entry names,
//    lengths and sizes reach the restore logic.
// Properties, whatever the input: restore returns cleanly; nothing is written
// outside the target folder; no staging folder is left behind; a restored
// folder holds only sawt.key, *.db, documents/* and reference/* (no links).
// Raw inputs whose header asks Argon2id for more than 4 passes or 1 MiB are
// skipped: each would cost seconds (restore accepts up to 20 passes and 4 GiB,
// see the report), which would stall the fuzzer, not find bugs.
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "crypto/keyfile.h"
#include "crypto/sealed_file.h"
#include "fuzz_common.h"
#include "store/backup.h"

using namespace sawt;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "SAWTBAK1";
constexpr std::string_view kPassphrase = "fuzz backup passphrase";
const std::string kSalt(crypto_pwhash_SALTBYTES, 'w');  // 0x77: hex "7777..." below

std::string header_json() {
  nlohmann::json kdf = {{"alg", "argon2id13"},
                        {"opslimit", crypto_pwhash_OPSLIMIT_MIN},
                        {"memlimit", crypto_pwhash_MEMLIMIT_MIN},
                        {"salt", std::string(2 * kSalt.size(), '7')}};
  nlohmann::json h = {{"format", "sawt-backup"}, {"version", 1},     {"backup_id", "00112233445566778899aabbccddeeff"},
                      {"created", "2024-06-01T00:00:00Z"}, {"log_id", "fuzz"}, {"audit_rows", 0},
                      {"mode", "passphrase"}, {"kdf", kdf}};
  return h.dump();
}

const crypto::SecretBytes& file_key() {
  static const crypto::SecretBytes k = [] {
    crypto::init();
    crypto::SecretBytes key(crypto_secretstream_xchacha20poly1305_KEYBYTES);
    if (crypto_pwhash(key.data(), key.size(), kPassphrase.data(), kPassphrase.size(),
                      reinterpret_cast<const unsigned char*>(kSalt.data()), crypto_pwhash_OPSLIMIT_MIN,
                      crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13) != 0) {
      fuzz::violated("pwhash");
    }
    return key;
  }();
  return k;
}

void seal(const fs::path& path, std::string_view archive) {
  std::error_code ec;
  fs::remove(path, ec);
  auto w = crypto::SealedWriter::create(path, kMagic, header_json(), file_key());
  if (!w) fuzz::violated("SealedWriter::create");
  if (!w->write(archive) || !w->finish()) fuzz::violated("SealedWriter::write");
}

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}
std::string entry(const std::string& name, const std::string& bytes) {
  std::string e;
  put_u64(e, name.size());
  e += name;
  put_u64(e, bytes.size());
  return e + bytes;
}

// A raw backup's Argon2id parameters, if its header says.
bool raw_kdf_is_cheap(std::string_view file) {
  if (file.size() < 12 || file.substr(0, 8) != kMagic) return true;
  std::uint32_t len = 0;
  for (int i = 0; i < 4; ++i) len |= std::uint32_t{static_cast<unsigned char>(file[8 + i])} << (8 * i);
  if (len > file.size() - 12) return true;
  auto h = nlohmann::json::parse(file.substr(12, len), nullptr, false);
  if (!h.is_object() || !h.contains("kdf") || !h["kdf"].is_object()) return true;
  const auto& kdf = h["kdf"];
  const auto num = [&](const char* k) -> std::uint64_t {
    if (!kdf.contains(k)) return 0;
    if (kdf[k].is_number_unsigned()) return kdf[k].get<std::uint64_t>();
    if (kdf[k].is_number_integer()) return kdf[k].get<std::int64_t>() < 0 ? 0 : kdf[k].get<std::uint64_t>();
    return ~std::uint64_t{0};  // a float or anything else: let restore judge, but do not risk it
  };
  return num("opslimit") <= 4 && num("memlimit") <= (std::uint64_t{1} << 20);
}

bool allowed_restored(const fs::path& rel, bool is_dir) {
  auto it = rel.begin();
  const std::string first = it->string();
  if (++it == rel.end()) {
    if (is_dir) return first == "documents" || first == "reference";
    return first == "sawt.key" || (first.size() > 3 && first.ends_with(".db")) || first == ".db";
  }
  if (first != "documents" && first != "reference") return false;
  return !is_dir && ++it == rel.end();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)file_key();
  if (fuzz::seed_dir() != nullptr) {
    const fs::path tmp = fuzz::work_dir() / "seed.bak";
    const std::string key_text =
        R"({"format": "sawt-keyfile", "version": 1, "db_id": "00112233445566778899aabbccddeeff", "db_file": "sawt.db"})";
    const std::string archive = entry("sawt.key", key_text) + entry("sawt.db", std::string(4096, '\0')) +
                                entry("documents/4f2a.bin", "document bytes") + entry("reference/genders.tsv", "code\tar\ten\n");
    seal(tmp, archive);
    fuzz::write_seed("raw-backup", std::string(1, '\0') + fuzz::read_file(tmp));
    fuzz::write_seed("archive", std::string(1, '\1') + archive);
    fuzz::write_seed("archive-traversal", std::string(1, '\1') + entry("sawt.key", key_text) +
                                              entry("documents/../../escape.db", "x") + entry("sawt.db", "y"));
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  const std::uint8_t mode = in.byte();
  const std::string body = in.rest();
  const fs::path root = fuzz::work_dir();
  const fs::path file = root / "in.bak";
  const fs::path out = root / "restored";
  std::error_code ec;
  fs::remove_all(out, ec);
  if ((mode & 1) == 0) {
    if (!raw_kdf_is_cheap(body)) return 0;
    fuzz::write_file(file, body);
  } else {
    seal(file, body);
  }
  store::RestoreKey key;
  key.passphrase = crypto::make_passphrase(kPassphrase);
  auto r = store::restore(file, out, key);
  if (!r && r.error().message.empty()) fuzz::violated("an error without a message");
  for (const auto& e : fs::directory_iterator(root)) {
    const auto name = e.path().filename().string();
    if (name == "in.bak") continue;
    if (name == "restored" && r) continue;
    fuzz::violated(("restore left or wrote something outside its target: " + name).c_str());
  }
  if (r) {
    for (auto it = fs::recursive_directory_iterator(out); it != fs::recursive_directory_iterator(); ++it) {
      if (it->is_symlink()) fuzz::violated("restore created a symbolic link");
      if (!allowed_restored(fs::relative(it->path(), out), it->is_directory())) {
        fuzz::violated(("restore created an unexpected path: " + fs::relative(it->path(), out).string()).c_str());
      }
    }
  }
  return 0;
}
