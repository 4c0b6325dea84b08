// A SAVEPOINT that rolls back unless released: lets every repository write be
// atomic on its own and still nest inside a caller's transaction (the
// server's per-request transaction, a bulk import).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/json.h"
#include "store/sqlite.h"

namespace sawt::store {

class Savepoint {
 public:
  [[nodiscard]] static Result<Savepoint> begin(Db& db) {
    SAWT_CHECK(db.exec("SAVEPOINT repo"));
    return Savepoint(&db);
  }
  Savepoint(Savepoint&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Savepoint& operator=(Savepoint&&) = delete;
  Savepoint(const Savepoint&) = delete;
  ~Savepoint() {
    if (db_ != nullptr) {
      (void)db_->exec("ROLLBACK TO repo");
      (void)db_->exec("RELEASE repo");
    }
  }
  [[nodiscard]] Status release() {
    Db* db = db_;
    db_ = nullptr;
    return db->exec("RELEASE repo");
  }

 private:
  explicit Savepoint(Db* db) : db_(db) {}
  Db* db_;  // not owned; null once released
};

// A value's JSON text, for audit rows.
[[nodiscard]] inline std::string dump(const auto& value) { return nlohmann::json(value).dump(); }

}  // namespace sawt::store
