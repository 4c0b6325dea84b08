#include "server/api_call.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "util/strings.h"

namespace sawt::server {

// Connections to the store, shared by all worker threads: a request takes one
// for its duration and gives it back. A connection per worker thread (64 of
// them) kept 64 separate page caches, each cold for most requests, so most
// reads went to the file and were decrypted again; a few connections with
// large caches keep the pages searches and person pages read decrypted in
// memory. Memory only: a running, unlocked server is outside what the
// encryption protects against. The number: enough for every core to run a
// request and one more to wait on I/O or the write lock.
class StorePool {
 public:
  Result<store::Store*> acquire(store::Store& master) {
    {
      std::unique_lock lock(mu_);
      // First come, first served: a connection given back goes to the
      // longest waiting request, never to one that just arrived (with 64
      // workers on a few connections, barging left some waiting for seconds).
      if (!idle_.empty() && waiters_.empty()) {
        store::Store* s = idle_.back();
        idle_.pop_back();
        return s;
      }
      while (opened_ >= size_) {
        Waiter me;
        waiters_.push_back(&me);
        me.cv.wait(lock, [&] { return me.given != nullptr || me.retry; });
        if (me.given != nullptr) return me.given;
      }
      ++opened_;
    }
    auto opened = master.reopen();
    if (opened) {
      if (auto st = (*opened)->db().exec(fmt::format("PRAGMA cache_size = -{}", kCacheKiB)); !st) {
        opened = std::unexpected(st.error());
      }
    }
    std::lock_guard lock(mu_);
    if (!opened) {
      --opened_;
      if (!waiters_.empty()) {  // the slot is free again: the next in line opens it
        waiters_.front()->retry = true;
        waiters_.front()->cv.notify_one();
        waiters_.pop_front();
      }
      return std::unexpected(opened.error());
    }
    all_.push_back(std::move(*opened));
    return all_.back().get();
  }

  void release(store::Store* s) {
    std::lock_guard lock(mu_);
    if (waiters_.empty()) {
      idle_.push_back(s);
      return;
    }
    Waiter* next = waiters_.front();
    waiters_.pop_front();
    next->given = s;
    next->cv.notify_one();
  }

 private:
  struct Waiter {
    std::condition_variable cv;
    store::Store* given = nullptr;
    bool retry = false;  // a connection failed to open: try opening one
  };
  static constexpr int kCacheKiB = 128 * 1024;
  const int size_ = std::max(2, static_cast<int>(std::thread::hardware_concurrency())) + 2;
  std::mutex mu_;
  int opened_ = 0;
  std::vector<std::unique_ptr<store::Store>> all_;
  std::vector<store::Store*> idle_;
  std::deque<Waiter*> waiters_;
};

Api::Api(store::Store& master, bool tls) : master_(master), pool_(std::make_shared<StorePool>()), tls_(tls) {}

StoreLease::~StoreLease() {
  if (store_ != nullptr) pool_->release(store_);
}

Result<StoreLease> lease_store(Api& api) {
  return StoreLease(api.pool_.get(), SAWT_TRY(api.pool_->acquire(api.master_)));
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
  lease = SAWT_TRY(lease_store(api));
  store = lease.get();
  return {};
}

namespace {

// Values shared by all worker threads, valid while the store's files are
// unchanged: every commit (by this server or another process) writes to the
// WAL, which changes its size, modification time or WAL index header. Extra
// invalidations (a checkpoint) only cost a recomputation. Threads asking for a
// value while another computes it wait for it instead of computing it again.
// Values are shared, never copied under the lock: a copy of 200 hits made
// while holding it queued every worker behind one preempted thread (p99 ~1 s).
template <typename V>
class StampedCache {
 public:
  using Value = std::shared_ptr<const V>;
  // The value for KEY while the store has STAMP; COMPUTE makes it, STAMP_NOW
  // tells whether the store changed meanwhile (then the value is not kept).
  Result<Value> get(const std::string& stamp, const std::string& key, const std::function<Result<V>()>& compute,
                    const std::function<std::string()>& stamp_now) {
    std::shared_ptr<Entry> mine;
    {
      std::unique_lock lock(mu_);
      if (stamp != stamp_) {
        entries_.clear();
        stamp_ = stamp;
      }
      if (auto it = entries_.find(key); it != entries_.end()) {
        auto entry = it->second;
        cv_.wait(lock, [&] { return entry->done || entry->failed; });
        if (entry->done) return entry->value;
      } else {
        if (entries_.size() >= kMaxEntries) entries_.clear();
        mine = std::make_shared<Entry>();
        entries_.emplace(key, mine);
      }
    }
    auto computed = compute();
    Value value;
    if (computed) value = std::make_shared<const V>(std::move(*computed));
    if (mine) {
      const bool unchanged = value && stamp_now() == stamp;
      std::lock_guard lock(mu_);
      if (unchanged) {
        mine->value = value;
        mine->done = true;
      } else {
        mine->failed = true;
        if (auto it = entries_.find(key); it != entries_.end() && it->second == mine) entries_.erase(it);
      }
      cv_.notify_all();
    }
    if (!computed) return std::unexpected(computed.error());
    return value;
  }

 private:
  struct Entry {
    bool done = false;
    bool failed = false;
    Value value;
  };
  static constexpr size_t kMaxEntries = 1024;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string stamp_;
  std::map<std::string, std::shared_ptr<Entry>> entries_;
};

StampedCache<Call::VisibleHits> g_visible_hits;

// "" when a file cannot be examined: then nothing is cached.
std::string store_stamp(const std::filesystem::path& db) {
  std::string out = db.string() + ";";  // two servers in one process never share a value
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

Result<std::shared_ptr<const Call::VisibleHits>> Call::visible_hits(const std::string& query,
                                                                      const store::PersonFilter& filter) {
  const auto compute = [&]() -> Result<VisibleHits> {
    // Visibility and the filters are checked while ranking: a case worker's
    // hits are the best of their teams' persons, a filtered search's the best
    // of the persons that pass it.
    store::PersonFilter passing = filter;
    passing.visible_to = &user;
    const auto found = SAWT_TRY(
        repo->search(query, kSearchHits, {.persons_only = true, .ids_only = true, .persons = &passing}));
    VisibleHits out;
    out.partial = found.partial;
    for (const auto& h : found.hits) out.hits.emplace_back(h.id, h.score);
    return out;
  };
  const std::string stamp = store_stamp(store->database_path());
  if (stamp.empty()) return std::make_shared<const VisibleHits>(SAWT_TRY(compute()));
  // The user (id and role decide visibility; teams and access lists are in
  // the store, so a change to them changes the stamp), the filters, the query.
  const std::string key = fmt::format("{}\n{}\n{}\n{}\n{}\n{}\n{}", user.id, user.role, filter.status,
                                      filter.facility_code, filter.risk_level, filter.source_name, query);
  return g_visible_hits.get(stamp, key, compute, [&] { return store_stamp(store->database_path()); });
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
    Call call{api, req, res, {}, nullptr, nullptr, {}, {}};
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
