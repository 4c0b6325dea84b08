#include "server/sessions.h"

#include <sodium.h>

#include "crypto/sodium.h"
#include "util/strings.h"

namespace sawt::server {

namespace {

std::string random_hex(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return to_hex(raw);
}

std::string token_hash(const std::string& token) { return crypto::hex(crypto::blake2b(token)); }

}  // namespace

std::pair<std::string, std::string> Sessions::create(const std::string& username) {
  const std::string token = random_hex(32);
  Session s{username, random_hex(32), std::chrono::steady_clock::now(), std::chrono::steady_clock::now()};
  std::lock_guard lock(mu_);
  const std::string csrf = s.csrf;
  by_hash_[token_hash(token)] = std::move(s);
  return {token, csrf};
}

std::optional<Session> Sessions::find(const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  auto it = by_hash_.find(token_hash(token));
  if (it == by_hash_.end()) return std::nullopt;
  if (now - it->second.last_seen > kIdle || now - it->second.created > kAbsolute) {
    by_hash_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = now;
  return it->second;
}

void Sessions::end(const std::string& token) {
  std::lock_guard lock(mu_);
  by_hash_.erase(token_hash(token));
}

void Sessions::end_all_for(const std::string& username) {
  std::lock_guard lock(mu_);
  std::erase_if(by_hash_, [&](const auto& kv) { return kv.second.username == username; });
}

void Sessions::age_all(std::chrono::seconds by) {
  std::lock_guard lock(mu_);
  for (auto& [h, s] : by_hash_) {
    s.created -= by;
    s.last_seen -= by;
  }
}

bool Throttle::locked(const std::string& key) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  auto& q = failures_[key];
  while (!q.empty() && now - q.front() > kWindow) q.pop_front();
  return static_cast<int>(q.size()) >= kMaxFailures;
}

void Throttle::failure(const std::string& key) {
  std::lock_guard lock(mu_);
  failures_[key].push_back(std::chrono::steady_clock::now());
}

void Throttle::success(const std::string& key) {
  std::lock_guard lock(mu_);
  failures_.erase(key);
}

}  // namespace sawt::server
