// The API tests' harness: one real `sawt serve` on loopback over a demo store
// (60 synthetic persons) with a user of every role, started once for the whole
// test binary, and a logged-in client that carries the session cookie and the
// CSRF token.
#pragma once

#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "testing.h"

namespace sawt::testing::api {

using nlohmann::json;
namespace fs = std::filesystem;

inline int run(const std::vector<std::string>& argv) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> a;
    for (const auto& s : argv) a.push_back(const_cast<char*>(s.c_str()));
    a.push_back(nullptr);
    const int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    execv(a[0], a.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class Server : public ::testing::Environment {
 public:
  void SetUp() override {
    setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
    setenv("SAWT_PASSPHRASE", "api test passphrase", 1);
    setenv("SAWT_TEST_SESSION_IDLE_SECONDS", "3", 1);
    dir = std::make_unique<sawt::testing::TempDir>();
    store = (dir->path() / "store").string();
    const std::string bin = SAWT_BINARY;
    ASSERT_EQ(run({bin, "demo", "--store", store, "--people", "60"}), 0);
    sawt::testing::write_file(dir->path() / "pw", "a long password 123\n");
    const std::string pw = (dir->path() / "pw").string();
    ASSERT_EQ(run({bin, "user", "add", "admin1", "--role", "admin", "--password-file", pw, "--store", store}),
              0);
    ASSERT_EQ(
        run({bin, "user", "add", "coord1", "--role", "coordinator", "--password-file", pw, "--store", store}),
        0);
    ASSERT_EQ(run({bin, "user", "add", "cw1", "--role", "case_worker", "--team", "north", "--password-file",
                   pw, "--store", store}),
              0);
    ASSERT_EQ(
        run({bin, "user", "add", "res1", "--role", "researcher", "--password-file", pw, "--store", store}),
        0);
    ASSERT_EQ(run({bin, "user", "add", "view1", "--role", "viewer", "--team", "north", "--password-file", pw,
                   "--store", store}),
              0);
    ASSERT_EQ(
        run({bin, "user", "add", "victim", "--role", "viewer", "--password-file", pw, "--store", store}), 0);
    const auto port_file = dir->path() / "port";
    pid = fork();
    if (pid == 0) {
      const int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      execl(bin.c_str(), bin.c_str(), "serve", "--store", store.c_str(), "--listen", "127.0.0.1:0",
            "--port-file", port_file.c_str(), "--threads", "8", nullptr);
      _exit(127);
    }
    for (int i = 0; i < 200 && !fs::exists(port_file); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_TRUE(fs::exists(port_file)) << "the server did not start";
    port = std::stoi(sawt::testing::read_file(port_file));
  }
  void TearDown() override {
    if (pid > 0) {
      kill(pid, SIGTERM);
      int status = 0;
      waitpid(pid, &status, 0);
    }
    dir.reset();
  }
  static inline std::unique_ptr<sawt::testing::TempDir> dir;
  static inline std::string store;
  static inline pid_t pid = -1;
  static inline int port = 0;
};

inline ::testing::Environment* const g_env = ::testing::AddGlobalTestEnvironment(new Server);

// A logged-in browser.
struct Browser {
  httplib::Client cli{"127.0.0.1", Server::port};
  std::string cookie;
  std::string csrf;

  httplib::Headers headers(bool with_csrf = true) const {
    httplib::Headers h;
    if (!cookie.empty()) h.emplace("Cookie", cookie);
    if (with_csrf && !csrf.empty()) h.emplace("X-CSRF-Token", csrf);
    return h;
  }
  int login(const std::string& user, const std::string& password = "a long password 123") {
    auto r =
        cli.Post("/api/login", json{{"username", user}, {"password", password}}.dump(), "application/json");
    if (!r) return -1;
    if (r->status == 200) {
      const auto set = r->get_header_value("Set-Cookie");
      cookie = set.substr(0, set.find(';'));
      csrf = json::parse(r->body)["csrf"];
    }
    return r->status;
  }
  httplib::Result get(const std::string& path) { return cli.Get(path.c_str(), headers()); }
  httplib::Result post(const std::string& path, const json& body, bool with_csrf = true) {
    return cli.Post(path.c_str(), headers(with_csrf), body.dump(), "application/json");
  }
  httplib::Result patch(const std::string& path, const json& body) {
    return cli.Patch(path.c_str(), headers(), body.dump(), "application/json");
  }
  // A raw body (an uploaded file), e.g. to /api/imports.
  httplib::Result upload(const std::string& path, const std::string& bytes,
                         const char* type = "application/octet-stream") {
    return cli.Post(path.c_str(), headers(), bytes, type);
  }
};

}  // namespace sawt::testing::api
