#include "store/audit.h"

#include <sodium.h>

#include <fmt/format.h>

#include "crypto/sodium.h"
#include "util/clock.h"
#include "util/strings.h"

namespace sawt::store {

namespace {

void put_field(crypto::Blake2b& h, std::string_view field) {
  const std::uint64_t n = field.size();
  char len[8];
  for (int i = 0; i < 8; ++i) len[i] = static_cast<char>((n >> (8 * i)) & 0xff);
  h.update(std::string_view(len, 8));
  h.update(field);
}

}  // namespace

Result<AuditLog> AuditLog::attach(Db& db) {
  auto get = SAWT_TRY(db.prepare("SELECT value FROM meta WHERE key = 'audit_log_id'"));
  if (SAWT_TRY(get.step())) return AuditLog(&db, get.text(0));
  crypto::init();
  unsigned char raw[16];
  randombytes_buf(raw, sizeof raw);
  std::string id = to_hex(std::string_view(reinterpret_cast<const char*>(raw), sizeof raw));
  auto put = SAWT_TRY(db.prepare("INSERT INTO meta(key, value) VALUES ('audit_log_id', ?)"));
  SAWT_CHECK(put.bind(1, id).run());
  return AuditLog(&db, std::move(id));
}

std::string AuditLog::genesis_hash() const { return crypto::hex(crypto::blake2b("sawt-audit-genesis/" + log_id_)); }

std::string AuditLog::row_hash(const std::string& prev_hash, std::int64_t id, const std::string& at,
                               const AuditEntry& e) {
  crypto::Blake2b h;
  put_field(h, "sawt-audit-v1");
  put_field(h, prev_hash);
  put_field(h, std::to_string(id));
  put_field(h, at);
  put_field(h, e.actor);
  put_field(h, e.action);
  put_field(h, e.entity);
  put_field(h, e.entity_id);
  put_field(h, e.before);
  put_field(h, e.after);
  return crypto::hex(h.finish());
}

Status AuditLog::append(const AuditEntry& entry) {
  auto last = SAWT_TRY(db_->prepare("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1"));
  std::int64_t id = 1;
  std::string prev = genesis_hash();
  if (SAWT_TRY(last.step())) {
    id = last.int64(0) + 1;
    prev = last.text(1);
  }
  const std::string at = now_timestamp();
  const std::string hash = row_hash(prev, id, at, entry);
  auto ins = SAWT_TRY(db_->prepare(
      "INSERT INTO audit(id, at, actor, action, entity, entity_id, before, after, prev_hash, hash) "
      "VALUES (?,?,?,?,?,?,?,?,?,?)"));
  ins.bind(1, id).bind(2, at).bind(3, entry.actor).bind(4, entry.action).bind(5, entry.entity);
  ins.bind(6, entry.entity_id).bind(7, entry.before).bind(8, entry.after).bind(9, prev).bind(10, hash);
  return ins.run();
}

Result<AuditVerification> AuditLog::verify() const {
  AuditVerification out;
  std::string prev = genesis_hash();
  std::int64_t expected_id = 1;
  auto rows = SAWT_TRY(db_->prepare(
      "SELECT id, at, actor, action, entity, entity_id, before, after, prev_hash, hash FROM audit ORDER BY id"));
  while (SAWT_TRY(rows.step())) {
    ++out.rows;
    const std::int64_t id = rows.int64(0);
    AuditEntry e{rows.text(2), rows.text(3), rows.text(4), rows.text(5), rows.text(6), rows.text(7)};
    const std::string at = rows.text(1);
    const std::string stored_prev = rows.text(8);
    const std::string stored_hash = rows.text(9);
    const auto bad = [&](std::string problem) {
      out.first_bad = id;
      out.problem = std::move(problem);
      return out;
    };
    if (id != expected_id) {
      return bad(fmt::format("row {} follows row {}: rows are missing or were inserted", id, expected_id - 1));
    }
    if (stored_prev != prev) return bad("its link to the previous row does not match (a row before it was changed or removed)");
    if (row_hash(prev, id, at, e) != stored_hash) return bad("its contents do not match its hash (the row was edited)");
    prev = stored_hash;
    ++expected_id;
  }
  out.head_hash = prev;
  return out;
}

}  // namespace sawt::store
