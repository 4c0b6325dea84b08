#include "store/sqlite.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include "crypto/vfs.h"

namespace sawt::store {

Stmt::Stmt(Stmt&& o) noexcept : db_(o.db_), stmt_(o.stmt_), lent_(o.lent_) {
  o.db_ = nullptr;
  o.stmt_ = nullptr;
  o.lent_ = nullptr;
}

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    release();
    db_ = o.db_;
    stmt_ = o.stmt_;
    lent_ = o.lent_;
    o.db_ = nullptr;
    o.stmt_ = nullptr;
    o.lent_ = nullptr;
  }
  return *this;
}

Stmt::~Stmt() { release(); }

void Stmt::release() {
  if (lent_ != nullptr) {  // back to the cache, ready for the next caller
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *lent_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
  stmt_ = nullptr;
  lent_ = nullptr;
}

Stmt& Stmt::bind(int i, std::int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
  sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}
Stmt& Stmt::bind_blob(int i, std::string_view v) {
  sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind_null(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}
Stmt& Stmt::bind_text_or_null(int i, std::string_view v) { return v.empty() ? bind_null(i) : bind(i, v); }
Stmt& Stmt::bind_id_or_null(int i, std::int64_t v) { return v == 0 ? bind_null(i) : bind(i, v); }

Result<bool> Stmt::step() {
  const int rc = sqlite3_step(stmt_) & 0xff;  // primary code; extended codes are on
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error e{ErrorKind::kInternal, fmt::format("database error: {}", sqlite3_errmsg(db_)), "", ""};
  if (rc == SQLITE_CONSTRAINT) {
    e.kind = ErrorKind::kConflict;
  } else if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) {
    e.kind = ErrorKind::kIntegrity;
  } else if (sqlite3_extended_errcode(db_) == SQLITE_IOERR_DATA) {
    e.kind = ErrorKind::kIntegrity;
    e.message = fmt::format("integrity failure at {}: the page was altered or damaged",
                            crypto::take_integrity_failure());
    e.hint = "restore the store from a backup";
  } else if (rc == SQLITE_FULL) {
    e.hint = "the disk is full: free space and retry";
  }
  if (const char* sql = sqlite3_sql(stmt_)) e.where = std::string(sql).substr(0, 80);
  sqlite3_reset(stmt_);
  return std::unexpected(std::move(e));
}

Status Stmt::run() {
  while (true) {
    auto more = step();
    if (!more) return std::unexpected(std::move(more.error()));
    if (!*more) break;
  }
  reset();
  return {};
}

void Stmt::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Stmt::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::int64_t Stmt::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::real(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Stmt::text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}
std::string Stmt::blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (p == nullptr) return {};
  return std::string(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

Result<std::unique_ptr<Db>> Db::open(const std::string& path, bool create, const char* vfs) {
  sqlite3* raw = nullptr;
  const int flags =
      SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, vfs);
  if (rc != SQLITE_OK) {
    std::string msg = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close_v2(raw);
    if (auto page = crypto::take_integrity_failure(); !page.empty()) {
      return fail(ErrorKind::kIntegrity,
                  fmt::format("integrity failure at {}: the page was altered or damaged", page), path,
                  "restore the store from a backup");
    }
    return fail(ErrorKind::kInternal, fmt::format("cannot open the database: {}", msg), path);
  }
  sqlite3_extended_result_codes(raw, 1);
  return std::unique_ptr<Db>(new Db(raw));
}

Db::~Db() {
  for (auto& [sql, c] : cache_) sqlite3_finalize(c.stmt);
  sqlite3_close_v2(db_);
}

Status Db::exec(std::string_view sql) {
  char* err = nullptr;
  const std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    Error e = error(s.substr(0, 80));
    if (err != nullptr) {
      if (e.kind != ErrorKind::kIntegrity) e.message = fmt::format("database error: {}", err);
      sqlite3_free(err);
    }
    return std::unexpected(std::move(e));
  }
  return {};
}

Result<Stmt> Db::prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end() && !it->second.lent) {
    it->second.lent = true;
    return Stmt(db_, it->second.stmt, &it->second.lent);
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                         nullptr) != SQLITE_OK) {
    return std::unexpected(error(sql.substr(0, 80)));
  }
  if (it == cache_.end() && cache_.size() < kCacheLimit && stmt != nullptr) {
    auto slot = cache_.emplace(std::string(sql), Cached{stmt, true}).first;
    return Stmt(db_, stmt, &slot->second.lent);
  }
  return Stmt(db_, stmt);
}

Result<std::int64_t> Db::query_int(std::string_view sql) {
  auto stmt = SAWT_TRY(prepare(sql));
  if (!SAWT_TRY(stmt.step())) return fail(ErrorKind::kNotFound, "query returned no row", std::string(sql));
  return stmt.int64(0);
}

std::int64_t Db::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Db::changes() const { return sqlite3_changes(db_); }

Error Db::error(std::string_view context) const {
  const int rc = sqlite3_errcode(db_) & 0xff;
  ErrorKind kind = ErrorKind::kInternal;
  if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) kind = ErrorKind::kIntegrity;
  if (rc == SQLITE_CONSTRAINT) kind = ErrorKind::kConflict;
  if (sqlite3_extended_errcode(db_) == SQLITE_IOERR_DATA) {
    return Error{ErrorKind::kIntegrity,
                 fmt::format("integrity failure at {}: the page was altered or damaged",
                             crypto::take_integrity_failure()),
                 std::string(context), "restore the store from a backup"};
  }
  return Error{kind, fmt::format("database error: {}", sqlite3_errmsg(db_)), std::string(context), ""};
}

Result<Transaction> Transaction::begin(Db& db) {
  SAWT_CHECK(db.exec("BEGIN IMMEDIATE"));
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->exec("ROLLBACK");
}

Status Transaction::commit() {
  Db* db = db_;
  db_ = nullptr;
  auto st = db->exec("COMMIT");
  if (!st) (void)db->exec("ROLLBACK");
  return st;
}

}  // namespace sawt::store
