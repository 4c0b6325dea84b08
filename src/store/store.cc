#include "store/store.h"

#include <fmt/format.h>
#include <sodium.h>
#include <sqlite3.h>

#include <cstring>

#include "crypto/keyfile.h"
#include "store/schema.h"
#include "store/search_text.h"
#include "util/fs.h"

namespace sawt::store {

namespace fs = std::filesystem;

namespace {

// Every connection, every time: nothing spills to temp files or mmap. The
// page cache (32 MiB, decrypted pages, in memory only) is sized so that a
// working set of tens of thousands of persons is decrypted once, not on every
// read: decrypting a page costs about as much again as reading it.
constexpr std::string_view kConnectionSetup = R"sql(
PRAGMA cache_size = -32768;
PRAGMA foreign_keys = ON;
PRAGMA temp_store = MEMORY;
PRAGMA mmap_size = 0;
PRAGMA secure_delete = ON;
PRAGMA busy_timeout = 5000;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
)sql";

}  // namespace

Result<std::unique_ptr<Store>> Store::create(const fs::path& dir, const crypto::Passphrase& passphrase) {
  if (fs::exists(key_path(dir)) || fs::exists(dir / "sawt.db")) {
    return fail(ErrorKind::kConflict, "a sawt store already exists here", dir.string(),
                "choose another folder; an existing store is never overwritten");
  }
  if (passphrase.size() < 8) {
    return fail(ErrorKind::kBadInput, "the passphrase is too short", "",
                "use at least 8 characters; a few unrelated words are best");
  }
  SAWT_CHECK(make_private_dir(dir));
  SAWT_CHECK(make_private_dir(dir / "documents"));
  auto [keyfile, key] = SAWT_TRY(crypto::KeyFile::create(passphrase, "owner", crypto::default_kdf()));
  SAWT_CHECK(atomic_write_file(key_path(dir), keyfile.serialize()));
  return finish_open(dir, std::move(keyfile), crypto::Unlocked{std::move(key), 0}, /*create=*/true);
}

Result<std::unique_ptr<Store>> Store::open(const fs::path& dir, const crypto::Passphrase& passphrase) {
  if (!fs::is_directory(dir)) {
    return fail(ErrorKind::kNotFound, "no sawt store here (no such folder)", dir.string(),
                "check --store or SAWT_STORE, or create one with 'sawt init'");
  }
  auto text = read_file(key_path(dir));
  if (!text) {
    return fail(ErrorKind::kNotFound, "no sawt store here (no key file sawt.key)", dir.string(),
                "check --store or SAWT_STORE, or create one with 'sawt init'");
  }
  auto keyfile = SAWT_TRY(crypto::KeyFile::parse(*text, key_path(dir).string()));
  const auto db_file = dir / keyfile.db_file();
  if (!fs::exists(db_file)) {
    return fail(ErrorKind::kNotFound, fmt::format("the store's database {} is missing", keyfile.db_file()),
                dir.string(), "restore the store from a backup; sawt never recreates a missing database");
  }
  if (fs::file_size(db_file) == 0) {
    return fail(ErrorKind::kBadInput, fmt::format("the store's database {} is empty", keyfile.db_file()),
                dir.string(), "restore the store from a backup; sawt never recreates a database");
  }
  auto unlocked = SAWT_TRY(keyfile.unlock(passphrase));
  // Leftovers of an interrupted key rotation or backup snapshot.
  remove_stale_files(dir, keyfile.db_file());
  return finish_open(dir, std::move(keyfile), std::move(unlocked), /*create=*/false);
}

Result<std::unique_ptr<Store>> Store::finish_open(const fs::path& dir, crypto::KeyFile keyfile,
                                                  crypto::Unlocked unlocked, bool create) {
  auto vocab = SAWT_TRY(Vocabularies::load(dir / "reference"));
  const auto db_path = (dir / keyfile.db_file()).string();
  auto registration = SAWT_TRY(crypto::register_key(db_path, unlocked.key, keyfile.db_id()));
  const auto foreign = [&](const Error& e) -> Error {
    if (e.kind != ErrorKind::kIntegrity ||
        e.message.find(keyfile.db_file() + " page 1:") == std::string::npos)
      return e;
    return Error{
        ErrorKind::kBadInput,
        fmt::format("{} is not this store's encrypted database (page 1 does not authenticate)",
                    keyfile.db_file()),
        db_path,
        "it may be a plaintext or foreign file, or the key file belongs to another store; restore both from "
        "the same backup"};
  };
  auto opened = Db::open(db_path, create, crypto::kVfsName);
  if (!opened) return std::unexpected(foreign(opened.error()));
  auto db = std::move(*opened);
  if (create) {
    // Fix the page layout before the first page is written: 4096-byte pages
    // with 40 reserved bytes for the nonce and tag of each sealed page.
    SAWT_CHECK(db->exec("PRAGMA page_size = 4096"));
    int reserve = crypto::kReservedBytes;
    if (sqlite3_file_control(db->raw(), "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve) != SQLITE_OK) {
      return fail(ErrorKind::kInternal, "cannot reserve page space for encryption", db_path);
    }
  }
  // The first read decrypts page 1: a plaintext file, another store's
  // database or a damaged header fails here, before anything else runs.
  if (auto probe = db->query_int("SELECT count(*) FROM sqlite_schema"); !probe) {
    return std::unexpected(foreign(probe.error()));
  }
  int reserve = -1;
  sqlite3_file_control(db->raw(), "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  if (!create && reserve != crypto::kReservedBytes) {
    return fail(ErrorKind::kBadInput, "sawt.db does not have the encrypted page layout", db_path,
                "restore the store from a backup");
  }
  SAWT_CHECK(db->exec(kConnectionSetup));
  SAWT_CHECK(migrate(*db));
  auto tx = SAWT_TRY(Transaction::begin(*db));
  auto audit = SAWT_TRY(AuditLog::attach(*db));
  if (create) {
    // A new store's search index is written by this name engine from the
    // start: no rebuild at the first serve (Repository::refresh_search_index).
    auto put = SAWT_TRY(db->prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('search_engine', ?)"));
    SAWT_CHECK(put.bind(1, engine_fingerprint()).run());
  }
  SAWT_CHECK(tx.commit());
  return std::unique_ptr<Store>(new Store(dir, std::move(keyfile), unlocked.slot, std::move(registration),
                                          std::move(db), std::move(audit), std::move(vocab),
                                          std::move(unlocked.key)));
}

Result<std::unique_ptr<Store>> Store::reopen() const {
  crypto::Unlocked copy;
  std::memcpy(copy.key.data(), key_.data(), key_.size());
  copy.slot = unlocked_slot_;
  return finish_open(dir_, keyfile_, std::move(copy), /*create=*/false);
}

Status Store::save_keyfile(crypto::KeyFile keyfile) {
  SAWT_CHECK(atomic_write_file(key_path(dir_), keyfile.serialize()));
  keyfile_ = std::move(keyfile);
  return {};
}

Status Store::change_passphrase(const crypto::Passphrase& new_passphrase) {
  if (new_passphrase.size() < 8) {
    return fail(ErrorKind::kBadInput, "the new passphrase is too short", "", "use at least 8 characters");
  }
  crypto::KeyFile next = keyfile_;
  SAWT_CHECK(next.replace_passphrase(unlocked_slot_, key_, new_passphrase, crypto::default_kdf()));
  return save_keyfile(std::move(next));
}

Result<std::string> Store::create_recovery_key() {
  crypto::KeyFile next = keyfile_;
  auto text = SAWT_TRY(next.set_recovery(key_, crypto::default_kdf()));
  SAWT_CHECK(save_keyfile(std::move(next)));
  return text;
}

Result<Store::Rotation> Store::rotate_key(const fs::path& dir, const crypto::Passphrase& passphrase,
                                          std::string_view actor) {
  Rotation out;
  crypto::KeyFile next;
  fs::path old_db;
  {
    auto store = SAWT_TRY(open(dir, passphrase));
    crypto::SecretBytes new_key(crypto::kDatabaseKeySize);
    randombytes_buf(new_key.data(), new_key.size());
    unsigned char tag[4];
    randombytes_buf(tag, sizeof tag);
    out.new_db_file = fmt::format("sawt-{:02x}{:02x}{:02x}{:02x}.db", tag[0], tag[1], tag[2], tag[3]);
    next = SAWT_TRY(store->keyfile().rekeyed(store->key(), new_key, store->unlocked_slot(), passphrase,
                                             out.new_db_file, out.dropped));
    // The rotation is recorded in the log that moves to the new database.
    {
      auto tx = SAWT_TRY(Transaction::begin(store->db()));
      SAWT_CHECK(store->audit().append({std::string(actor), "rotate", "key", out.new_db_file, "", ""}));
      SAWT_CHECK(tx.commit());
    }
    const fs::path new_db = dir / out.new_db_file;
    {
      auto reg = SAWT_TRY(crypto::register_key(new_db.string(), new_key, next.db_id()));
      auto st = store->db().exec(fmt::format("VACUUM INTO '{}'", new_db.string()));
      if (!st) {
        std::error_code ec;
        fs::remove(new_db, ec);
        return std::unexpected(st.error());
      }
      // Prove the new database opens under the new key before switching to it.
      auto check = Db::open(new_db.string(), false, crypto::kVfsName);
      if (!check) return std::unexpected(check.error());
      auto ok = (*check)->query_int("SELECT count(*) FROM audit");
      if (!ok) return std::unexpected(ok.error());
    }
    old_db = store->database_path();
  }  // the old connection closes here
  // The commit point: one atomic rename of the key file.
  SAWT_CHECK(atomic_write_file(key_path(dir), next.serialize()));
  remove_stale_files(dir, next.db_file());
  return out;
}

void Store::remove_stale_files(const fs::path& dir, const std::string& current_db) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    const bool ours = (name.starts_with("sawt") || name.starts_with(".snapshot-")) &&
                      (name.ends_with(".db") || name.ends_with(".db-wal") || name.ends_with(".db-shm") ||
                       name.ends_with(".db-journal"));
    if (!ours || name == "sawt.key") continue;
    if (name == current_db || name == current_db + "-wal" || name == current_db + "-shm" ||
        name == current_db + "-journal") {
      continue;
    }
    fs::remove(e.path(), ec);
  }
}

Status Store::erase(const fs::path& dir) {
  const auto key = key_path(dir);
  if (!fs::exists(key)) return fail(ErrorKind::kNotFound, "no sawt store here (no key file)", dir.string());
  std::string db_file = "sawt.db";
  if (auto text = read_file(key)) {
    if (auto kf = crypto::KeyFile::parse(*text, key.string())) db_file = kf->db_file();
  }
  {
    const auto size = fs::file_size(key);
    std::string noise(std::max<std::uintmax_t>(size, 4096), '\0');
    randombytes_buf(noise.data(), noise.size());
    SAWT_CHECK(atomic_write_file(key, noise));  // replaces the inode's contents through a synced rename
  }
  std::error_code ec;
  fs::remove(key, ec);
  for (const auto* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(dir / (db_file + suffix), ec);
  return {};
}

}  // namespace sawt::store
