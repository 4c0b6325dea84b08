#include "server/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "app/person_file.h"
#include "app/protection.h"
#include "app/reference.h"
#include "domain/json.h"
#include "server/api.h"
#include "server/assets.h"
#include "store/repository.h"
#include "util/fs.h"

namespace sawt::server {

namespace {

std::atomic<httplib::Server*> g_server{nullptr};

void on_signal(int) {
  if (auto* s = g_server.load()) s->stop();
}

std::string content_type(std::string_view path) {
  if (path.ends_with(".html")) return "text/html; charset=utf-8";
  if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (path.ends_with(".css")) return "text/css; charset=utf-8";
  if (path.ends_with(".svg")) return "image/svg+xml";
  if (path.ends_with(".png")) return "image/png";
  if (path.ends_with(".ico")) return "image/x-icon";
  if (path.ends_with(".woff2")) return "font/woff2";
  if (path.ends_with(".json")) return "application/json";
  return "application/octet-stream";
}

}  // namespace

Result<int> serve(const std::filesystem::path& store_dir, const crypto::Passphrase& passphrase,
                  const ServeOptions& options) {
  auto master = SAWT_TRY(store::Store::open(store_dir, passphrase));
  {
    store::Repository repo(*master, "server");
    SAWT_CHECK(app::seed_reference_data(repo));
    auto rules = SAWT_TRY(app::load_protection_rules(repo));
    for (const auto& p : rules.problems)
      fmt::print(stderr, "sawt: warning: {} — the previous rules stay in force\n", p.describe());
    SAWT_CHECK(app::refresh_alerts(repo, rules, today()));
    // An index built by another name engine is rebuilt first (a store
    // opened by a newer sawt); like the merge below, a failure only warns.
    if (auto rebuilt = repo.refresh_search_index(); !rebuilt) {
      fmt::print(stderr, "sawt: warning: the search index was not rebuilt for this sawt ({}); searches work\n",
                 rebuilt.error().message);
    } else if (*rebuilt > 0) {
      fmt::print(stderr, "sawt: rebuilt {} search index entries for this version's name engine\n", *rebuilt);
    }
    // Searches are faster with the index merged, but work without: a store
    // busy with another process's long write still gets its server.
    if (auto st = repo.optimize_search(); !st) {
      fmt::print(stderr,
                 "sawt: warning: the search index was not merged ({}); searches work, a little slower\n",
                 st.error().message);
    }
  }

  std::unique_ptr<httplib::Server> http;
  const bool tls = !options.tls_cert.empty();
  if (tls) {
    auto s = std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
    if (!s->is_valid()) {
      return fail(ErrorKind::kBadInput, "the TLS certificate or key cannot be loaded", options.tls_cert,
                  "give a PEM certificate with --tls-cert and its PEM private key with --tls-key");
    }
    http = std::move(s);
  } else {
    http = std::make_unique<httplib::Server>();
  }
  const int threads = std::max(4, options.threads);
  http->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http->set_keep_alive_max_count(1000);
  // httplib writes the headers and the body apart; with Nagle's algorithm the
  // body then waits for the client's delayed ACK: 40 ms on every keep-alive
  // request (measured: p50 44 ms for a 2 ms person page).
  http->set_tcp_nodelay(true);
  http->set_payload_max_length(64u << 20);  // imports up to 64 MiB
  // Debian's httplib (0.11) listens with a backlog of 5: 64 connections opened
  // at once (the load test; an office of browsers after a restart) overflowed
  // it, the kernel dropped their SYNs and the clients retried after 1 s and
  // 3 s (requests of 1.8 s and timeouts in bench/web_load.sh). The socket
  // options hook hands us the listening socket, which listens again with the
  // system's backlog once bound (Linux takes a second listen() as a resize).
  int listener = -1;
  http->set_socket_options([&listener](socket_t sock) {
    httplib::default_socket_options(sock);
    listener = sock;
  });

  Api api(*master, tls);
  api.install(*http);

  // The embedded front end; unknown non-API paths get index.html (client-side routes).
  http->Get(R"(/.*)", [&](const httplib::Request& req, httplib::Response& res) {
    std::string path = req.path;
    if (path.starts_with("/api/")) {
      res.status = 404;
      res.set_content(R"({"error":{"kind":"not_found","message":"no such endpoint"}})", "application/json");
      return;
    }
    if (path == "/") path = "/index.html";
    auto asset = find_asset(path.substr(1));
    if (!asset) {
      asset = find_asset("index.html");
      path = "/index.html";
    }
    if (!asset) {
      res.set_content(
          "<!doctype html><meta charset=utf-8><title>sawt</title><p>The web interface was not built "
          "into this binary (npm was not available at build time). The API is at /api/.",
          "text/html; charset=utf-8");
      return;
    }
    res.set_content(std::string(*asset), content_type(path));
    res.set_header("Cache-Control",
                   path.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-store");
  });

  int port = options.port;
  if (port == 0) {
    port = http->bind_to_any_port(options.host);
  } else if (!http->bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port < 0) {
    return fail(ErrorKind::kInternal, fmt::format("cannot listen on {}:{}", options.host, options.port), "",
                "is another program using that port? choose another with --listen HOST:PORT");
  }
  if (listener >= 0 && ::listen(listener, SOMAXCONN) != 0) {
    return fail(ErrorKind::kInternal, fmt::format("cannot listen on {}:{}: {}", options.host, port,
                                                  std::strerror(errno)));
  }
  if (!options.port_file.empty())
    SAWT_CHECK(atomic_write_file(options.port_file, std::to_string(port) + "\n"));
  if (!options.quiet) {
    fmt::print("sawt is serving {} on {}://{}:{}/ (Ctrl-C to stop)\n", store_dir.string(),
               tls ? "https" : "http", options.host, port);
    if (options.host != "127.0.0.1" && options.host != "localhost" && options.host != "::1" && !tls) {
      fmt::print(stderr,
                 "sawt: warning: serving beyond this machine without TLS; give --tls-cert and --tls-key\n");
    }
    std::fflush(stdout);
  }
  g_server = http.get();
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  http->listen_after_bind();
  g_server = nullptr;
  return kExitOk;
}

}  // namespace sawt::server
