// Web sessions and login throttling, in memory (a restart logs everyone out).
// Tokens are 256 random bits handed to the browser in an HttpOnly cookie; the
// table keeps only their BLAKE2b hash, so a memory dump of the table does not
// yield usable tokens. Sessions expire after 30 minutes idle and 12 hours in
// all. Thread-safe.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "domain/model.h"

namespace sawt::server {

struct Session {
  std::string username;
  std::string csrf;  // sent with every state-changing request
  std::chrono::steady_clock::time_point created;
  std::chrono::steady_clock::time_point last_seen;
};

class Sessions {
 public:
  static constexpr auto kIdle = std::chrono::minutes(30);
  static constexpr auto kAbsolute = std::chrono::hours(12);

  // A new session; returns {token, csrf}.
  std::pair<std::string, std::string> create(const std::string& username);
  // The live session for TOKEN (touching it), or nullopt when unknown or expired.
  std::optional<Session> find(const std::string& token);
  void end(const std::string& token);
  void end_all_for(const std::string& username);

  // For tests: pretend time passed for every session.
  void age_all(std::chrono::seconds by);

 private:
  std::mutex mu_;
  std::map<std::string, Session> by_hash_;
};

// Failed logins per user name and per address: 5 within 15 minutes lock that
// key for 15 minutes.
class Throttle {
 public:
  static constexpr int kMaxFailures = 5;
  static constexpr auto kWindow = std::chrono::minutes(15);

  [[nodiscard]] bool locked(const std::string& key);
  void failure(const std::string& key);
  void success(const std::string& key);

 private:
  std::mutex mu_;
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> failures_;
};

}  // namespace sawt::server
