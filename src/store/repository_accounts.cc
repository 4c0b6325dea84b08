// Accounts, teams and access for the web interface (see repository.h).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "crypto/password.h"
#include "domain/json.h"
#include "store/repository.h"
#include "store/savepoint.h"
#include "util/clock.h"
#include "util/strings.h"

namespace sawt::store {

using nlohmann::json;

namespace {

bool valid_role(std::string_view r) {
  return r == "admin" || r == "coordinator" || r == "case_worker" || r == "researcher" || r == "viewer";
}

Status check_user(const User& u) {
  if (u.username.empty() || u.username.size() > 64) {
    return fail(ErrorKind::kBadInput, "a user name must have 1 to 64 characters", "username");
  }
  for (char c : u.username) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) {
      return fail(ErrorKind::kBadInput,
                  fmt::format("user name '{}' has a character other than a-z, 0-9, . _ -", u.username),
                  "username", "use lower-case Latin letters, digits, dots, dashes or underscores");
    }
  }
  if (!valid_role(u.role)) {
    return fail(ErrorKind::kBadInput, fmt::format("role '{}' is not known", u.role), "role",
                "use admin, coordinator, case_worker, researcher or viewer");
  }
  if (u.lang != "ar" && u.lang != "en")
    return fail(ErrorKind::kBadInput, "language must be ar or en", "lang");
  return {};
}

}  // namespace

Result<User> Repository::add_user(User u, const crypto::Passphrase& password) {
  if (u.lang.empty()) u.lang = "ar";
  SAWT_CHECK(check_user(u));
  const auto hash = SAWT_TRY(crypto::hash_password(password));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins =
      SAWT_TRY(db_.prepare("INSERT INTO users(username, display_name, password_hash, role, disabled, lang, "
                           "created_at, updated_at) "
                           "VALUES (?,?,?,?,?,?,?,?)"));
  const auto now = now_timestamp();
  ins.bind(1, u.username).bind(2, u.display_name).bind(3, hash).bind(4, u.role).bind(5, u.disabled ? 1 : 0);
  ins.bind(6, u.lang).bind(7, now).bind(8, now);
  auto st = ins.run();
  if (!st) {
    if (st.error().kind == ErrorKind::kConflict) {
      return fail(ErrorKind::kConflict, fmt::format("user '{}' exists already", u.username), "username");
    }
    return std::unexpected(st.error());
  }
  u.id = db_.last_insert_id();
  SAWT_CHECK(set_user_teams(u.id, u.teams));
  SAWT_CHECK(audit("create", "user", u.username, "", dump(u)));
  SAWT_CHECK(sp.release());
  return u;
}

Status Repository::set_user_teams(Id user_id, const std::vector<std::string>& teams) {
  auto del = SAWT_TRY(db_.prepare("DELETE FROM team_members WHERE user_id = ?"));
  SAWT_CHECK(del.bind(1, user_id).run());
  auto ins = SAWT_TRY(db_.prepare("INSERT OR IGNORE INTO team_members(team_id, user_id) VALUES (?, ?)"));
  for (const auto& t : teams) {
    const Id team = SAWT_TRY(ensure_team(t));
    SAWT_CHECK(ins.bind(1, team).bind(2, user_id).run());
  }
  return {};
}

Result<User> Repository::find_user(std::string_view username) {
  auto q = SAWT_TRY(
      db_.prepare("SELECT id, username, display_name, role, disabled, lang FROM users WHERE username = ?"));
  q.bind(1, username);
  if (!SAWT_TRY(q.step()))
    return fail(ErrorKind::kNotFound, fmt::format("no user '{}'", username), "", "see 'sawt user list'");
  User u{q.int64(0), q.text(1), q.text(2), q.text(3), q.int64(4) != 0, q.text(5), {}};
  auto t =
      SAWT_TRY(db_.prepare("SELECT t.name FROM teams t JOIN team_members m ON m.team_id = t.id WHERE "
                           "m.user_id = ? ORDER BY t.name"));
  t.bind(1, u.id);
  while (SAWT_TRY(t.step())) u.teams.push_back(t.text(0));
  return u;
}

Result<std::vector<User>> Repository::list_users() {
  auto q = SAWT_TRY(db_.prepare("SELECT username FROM users ORDER BY username"));
  std::vector<std::string> names;
  while (SAWT_TRY(q.step())) names.push_back(q.text(0));
  std::vector<User> out;
  for (const auto& n : names) out.push_back(SAWT_TRY(find_user(n)));
  return out;
}

Status Repository::update_user(const User& u) {
  SAWT_CHECK(check_user(u));
  auto before = SAWT_TRY(find_user(u.username));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto upd = SAWT_TRY(db_.prepare(
      "UPDATE users SET display_name = ?, role = ?, disabled = ?, lang = ?, updated_at = ? WHERE id = ?"));
  SAWT_CHECK(upd.bind(1, u.display_name)
                 .bind(2, u.role)
                 .bind(3, u.disabled ? 1 : 0)
                 .bind(4, u.lang)
                 .bind(5, now_timestamp())
                 .bind(6, before.id)
                 .run());
  SAWT_CHECK(set_user_teams(before.id, u.teams));
  auto after = SAWT_TRY(find_user(u.username));
  SAWT_CHECK(audit("update", "user", u.username, dump(before), dump(after)));
  return sp.release();
}

Status Repository::set_password(std::string_view username, const crypto::Passphrase& password) {
  auto user = SAWT_TRY(find_user(username));
  const auto hash = SAWT_TRY(crypto::hash_password(password));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto upd = SAWT_TRY(db_.prepare("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?"));
  SAWT_CHECK(upd.bind(1, hash).bind(2, now_timestamp()).bind(3, user.id).run());
  SAWT_CHECK(audit("password", "user", user.username, "", ""));
  return sp.release();
}

Result<User> Repository::check_login(std::string_view username, const crypto::Passphrase& password) {
  auto q = SAWT_TRY(db_.prepare("SELECT password_hash, disabled FROM users WHERE username = ?"));
  q.bind(1, username);
  // A dummy hash keeps the time the same whether or not the user exists.
  static const std::string dummy = [] {
    auto h = crypto::hash_password(crypto::make_passphrase("not a real password at all"));
    return h ? *h : std::string();
  }();
  const bool exists = SAWT_TRY(q.step());
  const std::string hash = exists ? q.text(0) : dummy;
  const bool disabled = exists && q.int64(1) != 0;
  const bool ok = crypto::verify_password(hash, password);
  if (!exists || !ok || disabled) {
    return fail(ErrorKind::kAuth, "wrong user name or password, or the account is disabled");
  }
  return find_user(username);
}

Result<Id> Repository::ensure_team(std::string_view name) {
  if (trim(name).empty()) return fail(ErrorKind::kBadInput, "a team needs a name", "team");
  auto q = SAWT_TRY(db_.prepare("SELECT id FROM teams WHERE name = ?"));
  q.bind(1, name);
  if (SAWT_TRY(q.step())) return q.int64(0);
  auto ins = SAWT_TRY(db_.prepare("INSERT INTO teams(name) VALUES (?)"));
  SAWT_CHECK(ins.bind(1, name).run());
  const Id id = db_.last_insert_id();
  SAWT_CHECK(audit("create", "team", std::string(name), "", json{{"name", name}}.dump()));
  return id;
}

Status Repository::set_person_teams(Id person_id, const std::vector<std::string>& teams) {
  auto before = SAWT_TRY(person_teams(person_id));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto del = SAWT_TRY(db_.prepare("DELETE FROM person_teams WHERE person_id = ?"));
  SAWT_CHECK(del.bind(1, person_id).run());
  auto ins = SAWT_TRY(db_.prepare("INSERT OR IGNORE INTO person_teams(person_id, team_id) VALUES (?, ?)"));
  for (const auto& t : teams) SAWT_CHECK(ins.bind(1, person_id).bind(2, SAWT_TRY(ensure_team(t))).run());
  SAWT_CHECK(
      audit("update", "person_teams", std::to_string(person_id), json(before).dump(), json(teams).dump()));
  return sp.release();
}

Result<std::vector<std::string>> Repository::person_teams(Id person_id) {
  auto q =
      SAWT_TRY(db_.prepare("SELECT t.name FROM teams t JOIN person_teams pt ON pt.team_id = t.id WHERE "
                           "pt.person_id = ? ORDER BY t.name"));
  q.bind(1, person_id);
  std::vector<std::string> out;
  while (SAWT_TRY(q.step())) out.push_back(q.text(0));
  return out;
}

Status Repository::grant_access(Id person_id, std::string_view username) {
  auto user = SAWT_TRY(find_user(username));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(db_.prepare("INSERT OR IGNORE INTO person_access(person_id, user_id) VALUES (?, ?)"));
  SAWT_CHECK(ins.bind(1, person_id).bind(2, user.id).run());
  SAWT_CHECK(
      audit("grant", "person_access", std::to_string(person_id), "", json{{"user", user.username}}.dump()));
  return sp.release();
}

Status Repository::revoke_access(Id person_id, std::string_view username) {
  auto user = SAWT_TRY(find_user(username));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto del = SAWT_TRY(db_.prepare("DELETE FROM person_access WHERE person_id = ? AND user_id = ?"));
  SAWT_CHECK(del.bind(1, person_id).bind(2, user.id).run());
  if (db_.changes() > 0) {
    SAWT_CHECK(audit("revoke", "person_access", std::to_string(person_id),
                     json{{"user", user.username}}.dump(), ""));
  }
  return sp.release();
}

Result<std::vector<std::string>> Repository::person_access(Id person_id) {
  auto q = SAWT_TRY(db_.prepare(
      "SELECT u.username FROM person_access a JOIN users u ON u.id = a.user_id WHERE a.person_id = ? "
      "ORDER BY u.username"));
  q.bind(1, person_id);
  std::vector<std::string> out;
  while (SAWT_TRY(q.step())) out.push_back(q.text(0));
  return out;
}

std::string Repository::visibility_sql(const User& u) {
  const std::string named =
      fmt::format("EXISTS (SELECT 1 FROM person_access a WHERE a.person_id = p.id AND a.user_id = {})", u.id);
  if (u.role == "admin") return "1";
  if (u.role == "coordinator") return fmt::format("(p.confidential = 0 OR {})", named);
  if (u.role == "case_worker" || u.role == "viewer") {
    return fmt::format(
        "(EXISTS (SELECT 1 FROM person_teams pt JOIN team_members m ON m.team_id = pt.team_id "
        "WHERE pt.person_id = p.id AND m.user_id = {}) AND (p.confidential = 0 OR {}))",
        u.id, named);
  }
  return "0";  // researcher: statistics only
}

bool Repository::sees_persons(const User& u) { return visibility_sql(u) != "0"; }

Result<bool> Repository::can_see(const User& user, Id person_id) {
  auto q = SAWT_TRY(
      db_.prepare(fmt::format("SELECT 1 FROM persons p WHERE p.id = ? AND {}", visibility_sql(user))));
  q.bind(1, person_id);
  return q.step();
}

Status Repository::set_person_risk(Id person_id, std::string_view level, int score, std::string_view en,
                                   std::string_view ar) {
  auto up =
      SAWT_TRY(db_.prepare("INSERT INTO person_risk(person_id, level, score, explanation_en, explanation_ar, "
                           "computed_at) VALUES (?,?,?,?,?,?) "
                           "ON CONFLICT(person_id) DO UPDATE SET level=excluded.level, score=excluded.score, "
                           "explanation_en=excluded.explanation_en, explanation_ar=excluded.explanation_ar, "
                           "computed_at=excluded.computed_at"));
  return up.bind(1, person_id)
      .bind(2, level)
      .bind(3, score)
      .bind(4, en)
      .bind(5, ar)
      .bind(6, now_timestamp())
      .run();
}

}  // namespace sawt::store
