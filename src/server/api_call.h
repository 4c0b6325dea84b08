// Plumbing shared by the API's route files (api.cc and routes_*.cc): one
// request being handled (`Call`), the wrapper that authenticates, checks CSRF
// and roles and runs writes in one serialised transaction, and small JSON
// helpers. Not part of the server's public interface.
#pragma once

#include <httplib.h>

#include <functional>
#include <initializer_list>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/protection.h"
#include "domain/model.h"
#include "domain/partial_date.h"
#include "server/api.h"
#include "store/repository.h"
#include "util/error.h"

namespace sawt::server {

using nlohmann::json;

// Roles that may see persons at all, and those that may change them.
inline const std::vector<std::string> kSeePersons = {"admin", "coordinator", "case_worker", "viewer"};
inline const std::vector<std::string> kEditPersons = {"admin", "coordinator", "case_worker"};

json error_json(const Error& e);
void send_json(httplib::Response& res, int status, const json& j);
std::string cookie(const httplib::Request& req, std::string_view name);
Result<json> body_json(const httplib::Request& req);
// The string at `key`, or "" when absent or not a string.
std::string str(const json& j, const char* key);
Result<PartialDate> date_field(const json& j, const char* key, const PartialDate& fallback = {});
// The query parameter `name`, or `fallback`.
std::string param(const httplib::Request& req, const char* name, std::string fallback = {});

// A connection to the store from the API's pool, given back when destroyed.
class StoreLease {
 public:
  StoreLease() = default;
  StoreLease(StorePool* pool, store::Store* s) : pool_(pool), store_(s) {}
  StoreLease(StoreLease&& o) noexcept
      : pool_(std::exchange(o.pool_, nullptr)), store_(std::exchange(o.store_, nullptr)) {}
  StoreLease& operator=(StoreLease&& o) noexcept {
    std::swap(pool_, o.pool_);
    std::swap(store_, o.store_);
    return *this;
  }
  StoreLease(const StoreLease&) = delete;
  StoreLease& operator=(const StoreLease&) = delete;
  ~StoreLease();
  store::Store* get() const { return store_; }

 private:
  StorePool* pool_ = nullptr;
  store::Store* store_ = nullptr;
};
// Waits for a connection of API's pool (opening one while the pool has room).
Result<StoreLease> lease_store(Api& api);

// One request being handled.
struct Call {
  Api& api;
  const httplib::Request& req;
  httplib::Response& res;
  StoreLease lease;
  store::Store* store = nullptr;
  std::unique_ptr<store::Repository> repo;
  User user;
  std::string token;

  Result<void> open();
  store::Repository& repository() { return *repo; }
  // The person `ref` (id or public id) if this user may see them; else not found.
  Result<Person> visible_person(const std::string& ref);
  // The first kSearchHits persons of QUERY that this user may see (checked
  // while ranking), narrowed to those that pass FILTER (its offset and limit
  // ignored), in rank order with their scores; remembered per user until the
  // store's files change (any commit, by any process, writes the WAL), so
  // that paging through a result and searching again cost nothing.
  static constexpr int kSearchHits = 200;
  struct VisibleHits {
    std::vector<std::pair<Id, double>> hits;
    bool partial = false;
  };
  Result<std::shared_ptr<const VisibleHits>> visible_hits(const std::string& query, const store::PersonFilter& filter);
  // The protection rules in force, kept per worker thread while the store's
  // edited rule files stay the same (app::protection_rules_stamp).
  Result<app::ProtectionRules> rules();
};

using Handler = std::function<Result<json>(Call&)>;

enum class Mode { kRead, kWrite };

// Wraps a handler: authentication, CSRF on writes, roles (empty = any logged-in
// user), the per-thread store, a serialised BEGIN IMMEDIATE transaction for
// writes, and errors mapped to HTTP statuses.
httplib::Server::Handler wrap(Api& api, Mode mode, std::vector<std::string> allowed, Handler h);

// Route groups, each in its own file, installed by Api::install.
// (Add one line here per routes_*.cc file.)
void install_conditions_routes(Api& api, httplib::Server& http);
void install_review_routes(Api& api, httplib::Server& http);
void install_imports_routes(Api& api, httplib::Server& http);
void install_exports_routes(Api& api, httplib::Server& http);
void install_web_routes(Api& api, httplib::Server& http);

}  // namespace sawt::server
