// `sawt serve`: the HTTP front end. A thin layer over the core library: it
// authenticates, checks roles and case teams, calls the repository and the
// app layer, and serialises JSON; the browser interface's built assets are
// embedded in the binary. Each worker thread has its own connection to the
// store (opened with the key already unlocked at start); writes are serialised
// and run in BEGIN IMMEDIATE transactions with their audit rows.
#pragma once

#include <filesystem>
#include <string>

#include "crypto/sodium.h"
#include "util/error.h"

namespace sawt::server {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (written to port_file)
  std::string tls_cert;
  std::string tls_key;
  std::string port_file;  // when set, the bound port is written there once listening
  int threads = 64;
  bool quiet = false;
};

// Runs until SIGINT/SIGTERM. Returns the process exit code.
[[nodiscard]] Result<int> serve(const std::filesystem::path& store_dir, const crypto::Passphrase& passphrase,
                                const ServeOptions& options);

}  // namespace sawt::server
