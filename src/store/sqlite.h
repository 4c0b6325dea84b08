// A thin RAII layer over SQLite's C API: a connection, prepared statements and
// transactions, with every failure turned into a sawt Error. It hides nothing
// SQLite does; it only makes misuse (leaked statements, ignored return codes)
// hard. Not thread-safe: one connection per thread.
//
// Prepared statements are cached per connection by their SQL text: a Stmt
// taken from the cache is lent, and reset (bindings cleared) when it goes out
// of scope instead of being finalized. A statement whose SQL is already lent
// (a nested use of the same query) is prepared afresh, so callers never share
// one. Parsing SQL was a fifth of the cost of a bulk write and of a page view.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sawt::store {

class Stmt {
 public:
  Stmt() = default;
  Stmt(Stmt&&) noexcept;
  Stmt& operator=(Stmt&&) noexcept;
  ~Stmt();

  // Binds parameter `i` (1-based). Empty optionals and empty views for
  // bind_text_or_null bind NULL.
  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind_blob(int i, std::string_view v);
  Stmt& bind_null(int i);
  Stmt& bind_text_or_null(int i, std::string_view v);
  Stmt& bind_id_or_null(int i, std::int64_t v);  // 0 binds NULL

  // Advances: true when a row is available, false when done.
  [[nodiscard]] Result<bool> step();
  // Steps to completion of a statement that returns no rows.
  [[nodiscard]] Status run();
  void reset();

  [[nodiscard]] bool is_null(int col) const;
  [[nodiscard]] std::int64_t int64(int col) const;
  [[nodiscard]] double real(int col) const;
  [[nodiscard]] std::string text(int col) const;  // "" for NULL
  [[nodiscard]] std::string blob(int col) const;

 private:
  friend class Db;
  Stmt(sqlite3* db, sqlite3_stmt* stmt, bool* lent = nullptr) : db_(db), stmt_(stmt), lent_(lent) {}
  void release();
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;  // owned unless lent_
  bool* lent_ = nullptr;          // the cache slot's flag when borrowed from Db's cache
};

class Db {
 public:
  // Opens (or, with create, creates) a database file. `vfs` may name a
  // registered SQLite VFS (the encrypting one); nullptr is SQLite's default.
  [[nodiscard]] static Result<std::unique_ptr<Db>> open(const std::string& path, bool create,
                                                        const char* vfs = nullptr);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  [[nodiscard]] Status exec(std::string_view sql);
  [[nodiscard]] Result<Stmt> prepare(std::string_view sql);
  // Runs a query that returns one integer (e.g. COUNT(*)); kNotFound on no row.
  [[nodiscard]] Result<std::int64_t> query_int(std::string_view sql);
  [[nodiscard]] std::int64_t last_insert_id() const;
  [[nodiscard]] int changes() const;
  [[nodiscard]] sqlite3* raw() { return db_; }

  // An error describing SQLite's current failure, with `context` as where.
  [[nodiscard]] Error error(std::string_view context) const;

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  struct Cached {
    sqlite3_stmt* stmt = nullptr;  // owned by the cache
    bool lent = false;
  };
  static constexpr size_t kCacheLimit = 256;       // statements with inlined values must not grow it forever
  std::unordered_map<std::string, Cached> cache_;  // node-based: a slot's address is stable
  sqlite3* db_ = nullptr;                          // owned
};

// BEGIN IMMEDIATE ... COMMIT, rolled back on destruction unless committed.
class Transaction {
 public:
  [[nodiscard]] static Result<Transaction> begin(Db& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();
  [[nodiscard]] Status commit();

 private:
  explicit Transaction(Db* db) : db_(db) {}
  Db* db_ = nullptr;  // not owned; null once committed or rolled back
};

}  // namespace sawt::store
