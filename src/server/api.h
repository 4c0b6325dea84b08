// The JSON API (docs/API.md): routes, authentication, CSRF, roles and case
// teams, security headers, and the mapping of the core's errors to HTTP
// statuses. Handlers are thin: they read the request, call the repository or
// the app layer on a store connection taken from the API's pool for the
// request, and answer JSON.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "server/sessions.h"
#include "store/store.h"
#include "util/error.h"

namespace httplib {
class Server;
}

namespace sawt::server {

class StorePool;   // api_call.cc
class StoreLease;  // api_call.h

class Api {
 public:
  Api(store::Store& master, bool tls);
  void install(httplib::Server& http);

  [[nodiscard]] Sessions& sessions() { return sessions_; }
  [[nodiscard]] std::mutex& write_mu() { return write_mu_; }
  // "__Host-sawt" under TLS (the prefix requires Secure), "sawt_session" on plain loopback HTTP.
  [[nodiscard]] std::string tls_cookie_name() const;

 private:
  friend struct Call;
  friend Result<StoreLease> lease_store(Api& api);
  store::Store& master_;  // used only to open the pooled connections (api_call.cc)
  std::shared_ptr<StorePool> pool_;
  bool tls_;
  Sessions sessions_;
  Throttle throttle_;
  std::mutex write_mu_;  // one writer at a time
};

}  // namespace sawt::server
