// Partner shares sent and received (see repository.h and app/share.h).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "store/repository.h"
#include "store/savepoint.h"
#include "util/clock.h"

namespace sawt::store {

using nlohmann::json;

namespace {

constexpr const char* kShareColumns =
    "id, bundle_id, direction, partner, partner_key, at, actor, persons, withheld, COALESCE(import_id, 0)";

ShareRecord read_share(const Stmt& q) {
  ShareRecord s;
  s.id = q.int64(0);
  s.bundle_id = q.text(1);
  s.direction = q.text(2);
  s.partner = q.text(3);
  s.partner_key = q.text(4);
  s.at = q.text(5);
  s.actor = q.text(6);
  s.persons = static_cast<int>(q.int64(7));
  s.withheld = static_cast<int>(q.int64(8));
  s.import_id = q.int64(9);
  return s;
}

}  // namespace

Result<Id> Repository::add_share(const ShareRecord& share) {
  if (share.direction != "sent" && share.direction != "received") {
    return fail(ErrorKind::kInternal, "a share is sent or received");
  }
  if (SAWT_TRY(find_share(share.bundle_id, share.direction))) {
    return fail(ErrorKind::kConflict,
                fmt::format("bundle {} was {} before", share.bundle_id, share.direction), share.bundle_id,
                "a bundle is taken in once; ask the sender for a new share if something changed");
  }
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins =
      SAWT_TRY(db_.prepare("INSERT INTO shares(bundle_id, direction, partner, partner_key, at, actor, "
                           "persons, withheld, import_id) "
                           "VALUES (?,?,?,?,?,?,?,?,?)"));
  ins.bind(1, share.bundle_id).bind(2, share.direction).bind(3, share.partner).bind(4, share.partner_key);
  ins.bind(5, now_timestamp()).bind(6, actor_).bind(7, share.persons).bind(8, share.withheld);
  ins.bind_id_or_null(9, share.import_id);
  SAWT_CHECK(ins.run());
  const Id id = db_.last_insert_id();
  auto link = SAWT_TRY(db_.prepare("INSERT OR IGNORE INTO share_persons(share_id, person_id) VALUES (?, ?)"));
  for (const Id p : share.person_ids) {
    link.reset();
    link.bind(1, id).bind(2, p);
    SAWT_CHECK(link.run());
  }
  json after = {{"bundle_id", share.bundle_id},  {"direction", share.direction},
                {"partner", share.partner},      {"partner_key", share.partner_key},
                {"persons", share.persons},      {"withheld", share.withheld},
                {"person_ids", share.person_ids}};
  if (share.import_id != 0) after["import_id"] = share.import_id;
  SAWT_CHECK(audit(share.direction == "sent" ? "share_sent" : "share_received", "share", std::to_string(id),
                   "", after.dump()));
  SAWT_CHECK(sp.release());
  return id;
}

Result<std::optional<ShareRecord>> Repository::find_share(std::string_view bundle_id,
                                                          std::string_view direction) {
  auto q = SAWT_TRY(
      db_.prepare(fmt::format("SELECT {} FROM shares WHERE bundle_id = ? AND direction = ?", kShareColumns)));
  q.bind(1, bundle_id).bind(2, direction);
  if (!SAWT_TRY(q.step())) return std::optional<ShareRecord>{};
  return std::optional<ShareRecord>{read_share(q)};
}

// A merged person's shares stay on their row (a share is a historical fact)
// and are listed with the person they were merged into.
Result<std::vector<ShareRecord>> Repository::shares_of_person(Id person_id) {
  auto q =
      SAWT_TRY(db_.prepare(fmt::format("SELECT {} FROM shares WHERE id IN (SELECT share_id FROM "
                                       "share_persons WHERE person_id = ?1 OR person_id IN (SELECT id FROM persons WHERE merged_into = ?1)) "
                                       "ORDER BY id DESC",
                                       kShareColumns)));
  q.bind(1, person_id);
  std::vector<ShareRecord> out;
  while (SAWT_TRY(q.step())) out.push_back(read_share(q));
  return out;
}

}  // namespace sawt::store
