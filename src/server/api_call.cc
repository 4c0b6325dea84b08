#include "server/api_call.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "util/strings.h"

namespace sawt::server {

namespace {

// Per worker thread: its own connection to the store.
thread_local std::unique_ptr<store::Store> t_store;

}  // namespace

// Decrypted pages kept per connection: SQLite's default (2 MiB) made every
// person page read and decrypt its pages again. Memory only: a running,
// unlocked server is outside what the encryption protects against.
constexpr int kServerCacheKiB = 16 * 1024;

Result<store::Store*> thread_store(store::Store& master) {
  if (!t_store) {
    auto opened = SAWT_TRY(master.reopen());
    SAWT_CHECK(opened->db().exec(fmt::format("PRAGMA cache_size = -{}", kServerCacheKiB)));
    t_store = std::move(opened);
  }
  return t_store.get();
}

json error_json(const Error& e) {
  // Internal errors may carry SQL in `where`: a browser gets no internals.
  const bool internal = e.kind == ErrorKind::kInternal || e.kind == ErrorKind::kIntegrity;
  return {{"error",
           {{"kind", kind_name(e.kind)},
            {"message", e.message},
            {"where", internal ? "" : e.where},
            {"hint", e.hint}}}};
}

void send_json(httplib::Response& res, int status, const json& j) {
  res.status = status;
  res.set_content(j.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

std::string cookie(const httplib::Request& req, std::string_view name) {
  const auto header = req.get_header_value("Cookie");
  for (const auto& part : split(header, ';')) {
    const auto t = trim(part);
    if (t.starts_with(name) && t.size() > name.size() && t[name.size()] == '=') {
      return std::string(t.substr(name.size() + 1));
    }
  }
  return {};
}

Result<json> body_json(const httplib::Request& req) {
  if (req.body.empty()) return json::object();
  auto j = json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return fail(ErrorKind::kUsage, "the request body is not a JSON object", "body",
                "send Content-Type: application/json");
  }
  return j;
}

std::string str(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

Result<PartialDate> date_field(const json& j, const char* key, const PartialDate& fallback) {
  if (!j.contains(key)) return fallback;
  auto d = PartialDate::parse(str(j, key));
  if (!d) {
    d.error().where = key;
    return std::unexpected(d.error());
  }
  return *d;
}

std::string param(const httplib::Request& req, const char* name, std::string fallback) {
  return req.has_param(name) ? req.get_param_value(name) : fallback;
}

Result<void> Call::open() {
  store = SAWT_TRY(thread_store(api.master_));
  return {};
}

namespace {

// Search hits shared by all worker threads, valid while the store's files
// are unchanged: every commit (by this server or another process) writes to
// the WAL, which changes its size or modification time. Extra invalidations
// (a checkpoint) only cost a recomputation.
// One search being computed or done; threads asking for the same search
// while it is computed wait for it instead of computing it again.
struct SearchEntry {
  bool done = false;
  bool failed = false;
  // Shared, never copied under the lock: a copy of 200 hits made while
  // holding it queued every worker behind one preempted thread (p99 ~1 s).
  std::shared_ptr<const store::SearchResults> hits;
};
struct SearchCache {
  std::mutex mu;
  std::condition_variable cv;
  std::string stamp;
  std::map<std::pair<std::string, int>, std::shared_ptr<SearchEntry>> hits;
};
SearchCache g_search;
constexpr size_t kMaxCachedSearches = 1024;

// "" when a file cannot be examined: then nothing is cached.
std::string store_stamp(const std::filesystem::path& db) {
  std::string out;
  for (const auto& f : {db, std::filesystem::path(db.string() + "-wal")}) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(f, ec);
    if (ec) return f == db ? std::string() : out + "-";
    const auto mtime = std::filesystem::last_write_time(f, ec);
    if (ec) return {};
    out += fmt::format("{}@{};", size, mtime.time_since_epoch().count());
  }
  // The WAL index header counts transactions (iChange) and frames (mxFrame):
  // exact even when two commits share a file timestamp.
  std::ifstream shm(db.string() + "-shm", std::ios::binary);
  char header[24] = {};
  if (shm.read(header, sizeof header)) out += to_hex(std::string_view(header + 8, 16));
  return out;
}

}  // namespace

Result<std::shared_ptr<const store::SearchResults>> Call::search(const std::string& query, int limit) {
  const std::string stamp = store_stamp(store->database_path());
  if (stamp.empty()) return std::make_shared<const store::SearchResults>(SAWT_TRY(repo->search(query, limit)));
  const auto key = std::make_pair(query, limit);
  std::shared_ptr<SearchEntry> mine;
  {
    std::unique_lock lock(g_search.mu);
    if (stamp != g_search.stamp) {
      g_search.hits.clear();
      g_search.stamp = stamp;
    }
    if (auto it = g_search.hits.find(key); it != g_search.hits.end()) {
      auto entry = it->second;
      g_search.cv.wait(lock, [&] { return entry->done || entry->failed; });
      if (entry->done) return entry->hits;
    } else {
      if (g_search.hits.size() >= kMaxCachedSearches) g_search.hits.clear();
      mine = std::make_shared<SearchEntry>();
      g_search.hits.emplace(key, mine);
    }
  }
  auto found = repo->search(query, limit);
  std::shared_ptr<const store::SearchResults> hits;
  if (found) hits = std::make_shared<const store::SearchResults>(std::move(*found));
  if (mine) {
    // Kept only if nothing was committed while it was computed.
    const bool unchanged = hits && store_stamp(store->database_path()) == stamp;
    std::lock_guard lock(g_search.mu);
    if (unchanged) {
      mine->hits = hits;
      mine->done = true;
    } else {
      mine->failed = true;
      if (auto it = g_search.hits.find(key); it != g_search.hits.end() && it->second == mine)
        g_search.hits.erase(it);
    }
    g_search.cv.notify_all();
  }
  if (!found) return std::unexpected(found.error());
  return hits;
}

Result<app::ProtectionRules> Call::rules() {
  struct Cached {
    std::string stamp;
    std::optional<app::ProtectionRules> rules;
  };
  thread_local Cached cache;
  auto stamp = app::protection_rules_stamp(*repo);
  if (!cache.rules || cache.stamp != stamp) {
    cache.rules = SAWT_TRY(app::load_protection_rules(*repo));
    cache.stamp = std::move(stamp);
  }
  return *cache.rules;
}

Result<Person> Call::visible_person(const std::string& ref) {
  auto p = repo->find_person(ref);
  if (!p || !SAWT_TRY(repo->can_see(user, p->id))) {
    return fail(ErrorKind::kNotFound, fmt::format("no person '{}'", ref));
  }
  return *p;
}

httplib::Server::Handler wrap(Api& api, Mode mode, std::vector<std::string> allowed, Handler h) {
  return [&api, mode, allowed = std::move(allowed), h = std::move(h)](const httplib::Request& req,
                                                                      httplib::Response& res) {
    Call call{api, req, res, nullptr, nullptr, {}, {}};
    const auto fail_with = [&](const Error& e, int status) { send_json(res, status, error_json(e)); };
    if (auto st = call.open(); !st) return fail_with(st.error(), 500);
    call.token = cookie(req, api.tls_cookie_name());
    auto session = api.sessions().find(call.token);
    if (!session) return fail_with(Error{ErrorKind::kAuth, "not logged in", "", "log in at /"}, 401);
    if (mode == Mode::kWrite) {
      const auto sent = req.get_header_value("X-CSRF-Token");
      if (sent.size() != session->csrf.size() ||
          sodium_memcmp(sent.data(), session->csrf.data(), sent.size()) != 0) {
        return fail_with(
            Error{ErrorKind::kAuth, "missing or wrong CSRF token", "X-CSRF-Token", "reload the page"}, 403);
      }
    }
    call.repo = std::make_unique<store::Repository>(*call.store, "web:" + session->username);
    auto user = call.repo->find_user(session->username);
    if (!user || user->disabled) {
      api.sessions().end(call.token);
      return fail_with(Error{ErrorKind::kAuth, "the account is disabled", "", ""}, 401);
    }
    call.user = *user;
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), call.user.role) == allowed.end()) {
      return fail_with(Error{ErrorKind::kAuth, "your role does not allow this", call.user.role, ""}, 403);
    }
    Result<json> out = json::object();
    if (mode == Mode::kWrite) {
      std::lock_guard lock(api.write_mu());
      auto tx = store::Transaction::begin(call.store->db());
      if (!tx) return fail_with(tx.error(), 500);
      out = h(call);
      if (out) {
        if (auto c = tx->commit(); !c) out = std::unexpected(c.error());
      }
    } else {
      out = h(call);
    }
    if (!out) return fail_with(out.error(), http_status(out.error().kind));
    if (res.body.empty()) send_json(res, res.status > 0 ? res.status : 200, *out);
  };
}

}  // namespace sawt::server
