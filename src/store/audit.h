// The tamper-evident audit log. Every write through the repository appends one
// row: who, when, what entity, and its before/after values (JSON). Each row's
// hash is BLAKE2b-256 over the previous row's hash and the row's own fields
// (length-prefixed, so no two rows encode alike); the first row chains from a
// genesis hash derived from the store's random log id. The table's triggers
// forbid UPDATE and DELETE; verify() detects edits made behind SQLite's back
// (or with the triggers dropped) and names the first broken row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/sqlite.h"

namespace sawt::store {

struct AuditEntry {
  std::string actor;
  std::string action;  // create, update, delete, link, unlink, merge, import, ...
  std::string entity;  // person, source, source_record, case, consent, ...
  std::string entity_id;
  std::string before;  // JSON or ""
  std::string after;   // JSON or ""
};

struct AuditRow {
  std::int64_t id = 0;
  std::string at;
  AuditEntry entry;
  std::string prev_hash;
  std::string hash;
};

struct AuditVerification {
  std::int64_t rows = 0;
  std::string head_hash;                 // hash of the last row (genesis if empty)
  std::optional<std::int64_t> first_bad;  // id of the first row that fails
  std::string problem;                   // what failed there
};

class AuditLog {
 public:
  // Binds to the store's log id (meta 'audit_log_id'); creates it when absent.
  [[nodiscard]] static Result<AuditLog> attach(Db& db);

  // Appends one row. Must run inside the caller's write transaction so that the
  // change and its audit row commit together.
  [[nodiscard]] Status append(const AuditEntry& entry);

  // Recomputes the whole chain.
  [[nodiscard]] Result<AuditVerification> verify() const;

  [[nodiscard]] const std::string& log_id() const { return log_id_; }
  [[nodiscard]] std::string genesis_hash() const;

  // The row hash for given fields (exposed for tests and checkpoints).
  [[nodiscard]] static std::string row_hash(const std::string& prev_hash, std::int64_t id, const std::string& at,
                                            const AuditEntry& e);

 private:
  AuditLog(Db* db, std::string log_id) : db_(db), log_id_(std::move(log_id)) {}
  Db* db_;  // not owned
  std::string log_id_;
};

}  // namespace sawt::store
