// The web front end and its accounts: sawt serve, sawt user add|list|disable|enable|role|password.
#include <functional>

#include <fmt/format.h>

#include "cli/cli.h"
#include "domain/json.h"
#include "server/server.h"
#include "util/fs.h"
#include "util/strings.h"

namespace sawt::cli {

namespace {

Result<int> cmd_serve(Context& ctx, const Args& args) {
  server::ServeOptions o;
  const auto listen = args.get("listen", "127.0.0.1:8080");
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return fail(ErrorKind::kUsage, "--listen needs HOST:PORT", "--listen", "e.g. 127.0.0.1:8080");
  o.host = listen.substr(0, colon);
  o.port = std::atoi(listen.substr(colon + 1).c_str());
  o.tls_cert = args.get("tls-cert");
  o.tls_key = args.get("tls-key");
  if (o.tls_cert.empty() != o.tls_key.empty()) return fail(ErrorKind::kUsage, "--tls-cert and --tls-key go together");
  o.port_file = args.get("port-file");
  o.threads = SAWT_TRY(args.get_int("threads", 64));
  const auto dir = SAWT_TRY(ctx.store_dir());
  const auto pass = SAWT_TRY(ctx.passphrase(false));
  return server::serve(dir, pass, o);
}

Result<int> cmd_user_add(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  User u;
  u.username = args.positional[0];
  u.role = args.get("role", "case_worker");
  u.display_name = args.get("name");
  u.lang = args.get("lang", "ar");
  u.teams = args.all("team");
  auto added = SAWT_TRY(repo.add_user(u, SAWT_TRY(secret_option(args, "password-file", "The user's password.", true))));
  if (args.json()) {
    print_json(added);
  } else {
    fmt::print("Added user {} ({}){}\n", added.username, added.role, added.teams.empty() ? "" : ", teams " + join(added.teams, ", "));
  }
  return kExitOk;
}

Result<int> cmd_user_list(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto users = SAWT_TRY(repo.list_users());
  if (args.json()) {
    print_json(users);
    return kExitOk;
  }
  for (const auto& u : users) {
    fmt::print("{:<20} {:<12} {:<8} {}{}\n", u.username, u.role, u.disabled ? "disabled" : "active", u.display_name,
               u.teams.empty() ? "" : "  [" + join(u.teams, ", ") + "]");
  }
  return kExitOk;
}

Result<int> change_user(Context& ctx, const Args& args, const std::function<Status(User&)>& change) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto u = SAWT_TRY(repo.find_user(args.positional[0]));
  SAWT_CHECK(change(u));
  SAWT_CHECK(repo.update_user(u));
  if (args.json()) {
    print_json(SAWT_TRY(repo.find_user(u.username)));
  } else {
    fmt::print("User {}: role {}, {}\n", u.username, u.role, u.disabled ? "disabled" : "active");
  }
  return kExitOk;
}

Result<int> cmd_user_disable(Context& ctx, const Args& args) {
  return change_user(ctx, args, [](User& u) -> Status { u.disabled = true; return {}; });
}
Result<int> cmd_user_enable(Context& ctx, const Args& args) {
  return change_user(ctx, args, [](User& u) -> Status { u.disabled = false; return {}; });
}
Result<int> cmd_user_role(Context& ctx, const Args& args) {
  return change_user(ctx, args, [&](User& u) -> Status {
    if (auto r = args.maybe("role")) u.role = *r;
    if (args.has("team")) u.teams = args.all("team");
    return {};
  });
}
Result<int> cmd_user_password(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  SAWT_CHECK(repo.set_password(args.positional[0], SAWT_TRY(secret_option(args, "password-file", "The user's password.", true))));
  fmt::print("Password of {} changed.\n", args.positional[0]);
  return kExitOk;
}

}  // namespace

void add_serve_commands(std::vector<Command>& out) {
  out.push_back({"serve", "", "serve the web interface and API (loopback by default)",
                 {{"listen", "HOST:PORT", "where to listen (default 127.0.0.1:8080; port 0 = any free port)"},
                  {"tls-cert", "FILE", "PEM certificate: serve HTTPS"},
                  {"tls-key", "FILE", "PEM private key of the certificate"},
                  {"port-file", "FILE", "write the bound port to FILE once listening"},
                  {"threads", "N", "worker threads (default 64)"}},
                 cmd_serve, 0, 0});
  out.push_back({"user add", "USERNAME", "add a web user",
                 {{"role", "ROLE", "admin, coordinator, case_worker (default), researcher, viewer"},
                  {"name", "TEXT", "display name"}, {"lang", "ar|en", "interface language (default ar)"},
                  {"team", "NAME", "case team", true}, {"password-file", "FILE", "read the password from FILE"}},
                 cmd_user_add, 1, 1});
  out.push_back({"user list", "", "list web users", {}, cmd_user_list, 0, 0});
  out.push_back({"user disable", "USERNAME", "disable a user (ends their sessions at the next request)", {}, cmd_user_disable, 1, 1});
  out.push_back({"user enable", "USERNAME", "enable a user", {}, cmd_user_enable, 1, 1});
  out.push_back({"user role", "USERNAME", "change a user's role or teams",
                 {{"role", "ROLE", "the new role"}, {"team", "NAME", "the user's teams (replaces them)", true}},
                 cmd_user_role, 1, 1});
  out.push_back({"user password", "USERNAME", "set a user's password", {{"password-file", "FILE", "read it from FILE"}},
                 cmd_user_password, 1, 1});
}

}  // namespace sawt::cli
