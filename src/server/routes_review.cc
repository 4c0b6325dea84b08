// The linkage review API (docs/API.md, "Linkage review"): the queue, one pair
// side by side, decisions, undo, and running linkage over the store. Deciding
// takes a role that may edit persons, and a pair is only shown or decided when
// the user may see both persons it touches (a pair outside the user's teams is
// "not found", as a person would be). Running linkage is for admins and
// coordinators.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "app/link_store.h"
#include "server/api_call.h"

namespace sawt::server {

namespace {

int int_param(const httplib::Request& req, const char* name, int fallback) {
  const std::string v = param(req, name);
  int out = fallback;
  std::from_chars(v.data(), v.data() + v.size(), out);
  return out;
}

// The pair REF if this user may see both of its persons; else not found.
Result<store::ReviewPair> visible_pair(Call& c, const std::string& ref) {
  Id id = 0;
  const auto [ptr, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
  const auto not_found = [&] { return fail(ErrorKind::kNotFound, fmt::format("no review pair '{}'", ref)); };
  if (ec != std::errc() || ptr != ref.data() + ref.size()) return not_found();
  auto pair = c.repo->get_review_pair(id);
  if (!pair) return not_found();
  const auto [pa, pb] = SAWT_TRY(app::pair_persons(*c.repo, *pair));
  if (pa == 0 || pb == 0 || !SAWT_TRY(c.repo->can_see(c.user, pa)) ||
      !SAWT_TRY(c.repo->can_see(c.user, pb))) {
    return not_found();
  }
  return *pair;
}

}  // namespace

void install_review_routes(Api& api, httplib::Server& http) {
  http.Get("/api/review", wrap(api, Mode::kRead, kEditPersons, [](Call& c) -> Result<json> {
             store::ReviewFilter f;
             f.visible_to = &c.user;
             f.limit = std::clamp(int_param(c.req, "limit", 20), 1, 200);
             f.offset = std::max(0, int_param(c.req, "offset", 0));
             auto out = SAWT_TRY(app::review_queue_json(*c.repo, f));
             out["limit"] = f.limit;
             out["offset"] = f.offset;
             auto last = SAWT_TRY(c.repo->last_link_action(c.repo->actor()));
             out["can_undo"] = last.has_value();
             return out;
           }));

  http.Get(R"(/api/review/(\d+))", wrap(api, Mode::kRead, kEditPersons, [](Call& c) -> Result<json> {
             auto pair = SAWT_TRY(visible_pair(c, c.req.matches[1]));
             return app::review_pair_json(*c.repo, pair);
           }));

  http.Post(R"(/api/review/(\d+)/decision)",
            wrap(api, Mode::kWrite, kEditPersons, [](Call& c) -> Result<json> {
              auto pair = SAWT_TRY(visible_pair(c, c.req.matches[1]));
              auto b = SAWT_TRY(body_json(c.req));
              const auto decision = SAWT_TRY(app::parse_decision(str(b, "decision")));
              return app::to_json(SAWT_TRY(app::decide_pair(*c.repo, pair.id, decision, str(b, "note"))));
            }));

  // Undoes the user's own last action (or, with {"action": N}, that one of theirs).
  http.Post("/api/review/undo", wrap(api, Mode::kWrite, kEditPersons, [](Call& c) -> Result<json> {
              auto b = SAWT_TRY(body_json(c.req));
              if (b.contains("action") && b["action"].is_number_integer()) {
                auto action = c.repo->get_link_action(b["action"].get<Id>());
                if (!action || action->actor != c.repo->actor()) {
                  return fail(ErrorKind::kNotFound, "no such action of yours", "action");
                }
                return app::to_json(SAWT_TRY(app::undo_action(*c.repo, action->id)));
              }
              return app::to_json(SAWT_TRY(app::undo_last(*c.repo)));
            }));

  http.Post("/api/link", wrap(api, Mode::kWrite, {"admin", "coordinator"}, [](Call& c) -> Result<json> {
              auto b = SAWT_TRY(body_json(c.req));
              app::LinkStoreOptions o;
              if (b.contains("match_threshold") && b["match_threshold"].is_number())
                o.match_threshold = b["match_threshold"].get<double>();
              if (b.contains("review_threshold") && b["review_threshold"].is_number())
                o.review_threshold = b["review_threshold"].get<double>();
              return app::to_json(SAWT_TRY(app::link_store(*c.repo, o)));
            }));
}

}  // namespace sawt::server
