#include "store/backup.h"

#include <fmt/format.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "crypto/keyfile.h"
#include "crypto/sealed_file.h"
#include "util/clock.h"
#include "util/fs.h"
#include "util/strings.h"

namespace sawt::store {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::string_view kMagic = "SAWTBAK1";

// Entry: name length (u64) | name | size (u64) | bytes.
Status add_file(crypto::SealedWriter& w, const std::string& name, const fs::path& path,
                BackupReport& report) {
  auto bytes = SAWT_TRY(read_file(path));
  std::string head;
  crypto::put_u64_le(head, name.size());
  head += name;
  crypto::put_u64_le(head, bytes.size());
  SAWT_CHECK(w.write(head));
  SAWT_CHECK(w.write(bytes));
  report.files += 1;
  report.bytes += bytes.size();
  return {};
}

// Names a backup may contain; anything else is refused on restore.
bool allowed_name(const std::string& name) {
  if (name.empty() || name.size() > 255 || name.find("..") != std::string::npos || name.front() == '/')
    return false;
  if (name == "sawt.key") return true;
  if (name.find('/') == std::string::npos) return name.ends_with(".db");
  const auto slash = name.find('/');
  const std::string dir = name.substr(0, slash);
  const std::string rest = name.substr(slash + 1);
  return (dir == "documents" || dir == "reference") && !rest.empty() && rest.find('/') == std::string::npos;
}

// The header, with every field the reader uses checked for its type, so that
// later reads cannot throw on a hostile file.
Result<json> parse_header(const std::string& text, const fs::path& in) {
  const auto bad = [&](std::string_view what) {
    return fail(ErrorKind::kBadInput, fmt::format("not a sawt backup, or a damaged one: {}", what),
                in.string(), "check that you gave the right file; use an untouched copy");
  };
  auto h = json::parse(text, nullptr, false);
  if (h.is_discarded() || !h.is_object()) return bad("the header is not a JSON object");
  const auto is_str = [&](const json& o, const char* k) { return o.contains(k) && o[k].is_string(); };
  if (!is_str(h, "format") || h["format"].get<std::string>() != "sawt-backup")
    return bad("no sawt-backup format marker");
  if (!h.contains("version") || !h["version"].is_number_integer() || h["version"].get<int>() != 1) {
    return bad("unsupported version (this sawt reads version 1)");
  }
  for (const char* k : {"backup_id", "created", "mode"}) {
    if (!is_str(h, k)) return bad(fmt::format("'{}' is missing or not text", k));
  }
  const auto mode = h["mode"].get<std::string>();
  if (mode == "passphrase") {
    if (!h.contains("kdf") || !h["kdf"].is_object()) return bad("the key-derivation parameters are missing");
    const auto& k = h["kdf"];
    if (!k.contains("opslimit") || !k["opslimit"].is_number_unsigned() || !k.contains("memlimit") ||
        !k["memlimit"].is_number_unsigned() || !is_str(k, "salt")) {
      return bad("the key-derivation parameters are malformed");
    }
  } else if (mode == "recipients") {
    if (!h.contains("recipients") || !h["recipients"].is_array()) return bad("the recipients are missing");
    for (const auto& r : h["recipients"]) {
      if (!r.is_object() || !is_str(r, "box_public") || !is_str(r, "sealed_key"))
        return bad("a recipient entry is malformed");
    }
  } else {
    return bad("the encryption mode is unknown");
  }
  return h;
}

}  // namespace

Result<BackupReport> backup(Store& store, const fs::path& out, const BackupTarget& target) {
  if (target.passphrase.has_value() == !target.recipients.empty()) {
    return fail(ErrorKind::kUsage,
                "a backup is encrypted to a passphrase or to recipients' public keys, not both");
  }
  BackupReport report;
  unsigned char id_raw[16];
  randombytes_buf(id_raw, sizeof id_raw);
  report.backup_id = to_hex(std::string_view(reinterpret_cast<const char*>(id_raw), sizeof id_raw));
  auto verification = SAWT_TRY(store.audit().verify());
  report.audit_rows = verification.rows;

  crypto::SecretBytes file_key(crypto_secretstream_xchacha20poly1305_KEYBYTES);
  json header = {{"format", "sawt-backup"},          {"version", 1},
                 {"backup_id", report.backup_id},    {"created", now_timestamp()},
                 {"log_id", store.audit().log_id()}, {"audit_rows", report.audit_rows}};
  if (target.passphrase) {
    const auto kdf = crypto::default_kdf();
    std::string salt(crypto_pwhash_SALTBYTES, '\0');
    randombytes_buf(salt.data(), salt.size());
    if (crypto_pwhash(file_key.data(), file_key.size(),
                      reinterpret_cast<const char*>(target.passphrase->data()), target.passphrase->size(),
                      reinterpret_cast<const unsigned char*>(salt.data()), kdf.opslimit, kdf.memlimit,
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
      return fail(ErrorKind::kInternal, "key derivation ran out of memory");
    }
    header["mode"] = "passphrase";
    header["kdf"] = {{"alg", "argon2id13"},
                     {"opslimit", kdf.opslimit},
                     {"memlimit", kdf.memlimit},
                     {"salt", to_hex(salt)}};
  } else {
    randombytes_buf(file_key.data(), file_key.size());
    header["mode"] = "recipients";
    header["recipients"] = json::array();
    for (const auto& pk : target.recipients) {
      if (pk.size() != crypto_box_PUBLICKEYBYTES)
        return fail(ErrorKind::kBadInput, "a recipient key has the wrong length");
      std::string sealed(file_key.size() + crypto_box_SEALBYTES, '\0');
      crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), file_key.data(), file_key.size(),
                      reinterpret_cast<const unsigned char*>(pk.data()));
      header["recipients"].push_back({{"box_public", to_hex(pk)}, {"sealed_key", to_hex(sealed)}});
    }
  }

  // A consistent, compact copy of the database, encrypted under the store's key.
  const fs::path snapshot = store.dir() / fmt::format(".snapshot-{}.db", report.backup_id.substr(0, 8));
  {
    auto reg = SAWT_TRY(crypto::register_key(snapshot.string(), store.key(), store.keyfile().db_id()));
    auto st = store.db().exec(fmt::format("VACUUM INTO '{}'", snapshot.string()));
    if (!st) {
      std::error_code ec;
      fs::remove(snapshot, ec);
      return std::unexpected(st.error());
    }
  }
  struct Cleanup {
    fs::path p;
    ~Cleanup() {
      std::error_code ec;
      fs::remove(p, ec);
    }
  } cleanup{snapshot};

  auto writer = SAWT_TRY(crypto::SealedWriter::create(out, kMagic, header.dump(), file_key));
  SAWT_CHECK(add_file(writer, "sawt.key", Store::key_path(store.dir()), report));
  SAWT_CHECK(add_file(writer, store.keyfile().db_file(), snapshot, report));
  for (const auto* sub : {"documents", "reference"}) {
    const fs::path d = store.dir() / sub;
    if (!fs::is_directory(d)) continue;
    for (const auto& e : fs::directory_iterator(d)) {
      if (e.is_regular_file())
        SAWT_CHECK(add_file(writer, std::string(sub) + "/" + e.path().filename().string(), e.path(), report));
    }
  }
  SAWT_CHECK(writer.finish());
  return report;
}

Result<std::string> backup_mode(const fs::path& in) {
  auto reader = SAWT_TRY(crypto::SealedReader::open(in, kMagic));
  auto header = SAWT_TRY(parse_header(reader.header(), in));
  return header["mode"].get<std::string>();
}

Result<RestoreReport> restore(const fs::path& in, const fs::path& dir, const RestoreKey& key) {
  if (fs::exists(dir) && !fs::is_empty(dir)) {
    return fail(ErrorKind::kConflict, "the restore folder is not empty", dir.string(),
                "restore into a new folder; sawt never restores over a store");
  }
  auto reader = SAWT_TRY(crypto::SealedReader::open(in, kMagic));
  auto header = SAWT_TRY(parse_header(reader.header(), in));
  RestoreReport report;
  report.backup_id = header.value("backup_id", "");
  report.created = header.value("created", "");
  crypto::SecretBytes file_key(crypto_secretstream_xchacha20poly1305_KEYBYTES);
  const std::string mode = header.value("mode", "");
  if (mode == "passphrase") {
    if (!key.passphrase)
      return fail(ErrorKind::kUsage, "this backup is encrypted to a passphrase", "",
                  "give the backup passphrase");
    const auto& kdf = header["kdf"];
    std::string salt;
    salt.resize(crypto_pwhash_SALTBYTES);
    size_t len = 0;
    const std::string salt_hex = kdf.value("salt", "");
    const auto ops = kdf.value("opslimit", std::uint64_t{0});
    const auto mem = kdf.value("memlimit", std::uint64_t{0});
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(salt.data()), salt.size(), salt_hex.data(),
                       salt_hex.size(), nullptr, &len, nullptr) != 0 ||
        len != salt.size() || ops < crypto_pwhash_OPSLIMIT_MIN || ops > 10 ||
        mem < crypto_pwhash_MEMLIMIT_MIN || mem > (std::uint64_t{1} << 30)) {
      return fail(ErrorKind::kBadInput,
                  "the backup's key-derivation parameters are malformed or out of bounds", in.string());
    }
    if (crypto_pwhash(file_key.data(), file_key.size(), reinterpret_cast<const char*>(key.passphrase->data()),
                      key.passphrase->size(), reinterpret_cast<const unsigned char*>(salt.data()), ops, mem,
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
      return fail(ErrorKind::kInternal, "key derivation ran out of memory");
    }
  } else if (mode == "recipients") {
    if (!key.box_secret)
      return fail(ErrorKind::kUsage, "this backup is encrypted to recipients' keys", "",
                  "give a recipient's store (--with-store)");
    bool opened = false;
    for (const auto& r : header.value("recipients", json::array())) {
      if (r.value("box_public", "") != to_hex(key.box_public)) continue;
      const std::string sealed_hex = r.value("sealed_key", "");
      std::string sealed(sealed_hex.size() / 2, '\0');
      size_t len = 0;
      if (sodium_hex2bin(reinterpret_cast<unsigned char*>(sealed.data()), sealed.size(), sealed_hex.data(),
                         sealed_hex.size(), nullptr, &len, nullptr) == 0 &&
          len == file_key.size() + crypto_box_SEALBYTES &&
          crypto_box_seal_open(file_key.data(), reinterpret_cast<const unsigned char*>(sealed.data()), len,
                               reinterpret_cast<const unsigned char*>(key.box_public.data()),
                               key.box_secret->data()) == 0) {
        opened = true;
      }
    }
    if (!opened) return fail(ErrorKind::kAuth, "this backup is not encrypted to the given key", in.string());
  } else {
    return fail(ErrorKind::kBadInput, "the backup's encryption mode is unknown", in.string());
  }
  SAWT_CHECK(reader.start(file_key));

  // Read everything first into a staging folder beside the target, then move
  // it into place: a failure halfway leaves no partial store.
  const fs::path staging = dir.string() + ".restoring";
  std::error_code ec;
  fs::remove_all(staging, ec);
  SAWT_CHECK(make_private_dir(staging));
  struct Cleanup {
    fs::path p;
    bool keep = false;
    ~Cleanup() {
      std::error_code e;
      if (!keep) fs::remove_all(p, e);
    }
  } cleanup{staging};

  std::string buffer;
  bool ended = false;
  const auto fill = [&](size_t need) -> Result<bool> {
    while (buffer.size() < need && !ended) {
      auto chunk = SAWT_TRY(reader.next());
      if (!chunk) {
        ended = true;
        break;
      }
      buffer += *chunk;
    }
    return buffer.size() >= need;
  };
  bool have_key = false;
  bool have_db = false;
  while (true) {
    if (!SAWT_TRY(fill(8))) {
      if (!buffer.empty()) return fail(ErrorKind::kIntegrity, "the backup ends inside an entry", in.string());
      break;
    }
    const auto name_len = crypto::get_u64_le(buffer);
    if (name_len > 255)
      return fail(ErrorKind::kIntegrity, "an entry has an impossible name length", in.string());
    if (!SAWT_TRY(fill(8 + name_len + 8)))
      return fail(ErrorKind::kIntegrity, "the backup ends inside an entry", in.string());
    const std::string name = buffer.substr(8, name_len);
    const auto size = crypto::get_u64_le(std::string_view(buffer).substr(8 + name_len));
    if (!allowed_name(name))
      return fail(ErrorKind::kIntegrity, fmt::format("the backup holds an unexpected entry '{}'", name),
                  in.string());
    if (size > (std::uint64_t{64} << 30))
      return fail(ErrorKind::kIntegrity, "an entry has an impossible size", in.string());
    buffer.erase(0, 16 + name_len);
    if (!SAWT_TRY(fill(size)))
      return fail(ErrorKind::kIntegrity, "the backup ends inside an entry", in.string());
    const fs::path target = staging / name;
    if (target.has_parent_path()) SAWT_CHECK(make_private_dir(target.parent_path()));
    SAWT_CHECK(atomic_write_file(target, std::string_view(buffer).substr(0, size)));
    buffer.erase(0, size);
    have_key |= name == "sawt.key";
    have_db |= name.ends_with(".db") && name.find('/') == std::string::npos;
    ++report.files;
  }
  // The stream must have ended with its FINAL chunk and nothing after it.
  if (auto tail = SAWT_TRY(reader.next()); tail) {
    return fail(ErrorKind::kIntegrity, "the backup continues after its last entry", in.string());
  }
  if (!have_key || !have_db)
    return fail(ErrorKind::kIntegrity, "the backup lacks the key file or the database", in.string());
  fs::remove(dir, ec);  // an empty folder, if it existed
  fs::rename(staging, dir, ec);
  if (ec)
    return fail(ErrorKind::kInternal,
                fmt::format("cannot move the restored store into place: {}", ec.message()), dir.string());
  cleanup.keep = true;
  return report;
}

}  // namespace sawt::store
