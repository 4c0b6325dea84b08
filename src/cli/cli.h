// The CLI's shared pieces: the subcommand table (which both dispatches and
// writes --help), option parsing, and the context every command gets (store
// path, passphrase source, output mode). Commands are thin: parse, call the
// core library, print text or JSON.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/protection.h"
#include "store/repository.h"
#include "util/error.h"

namespace sawt::cli {

struct OptionSpec {
  std::string_view name;   // without the leading "--"
  std::string_view value;  // placeholder for help ("FILE"); empty for a flag
  std::string_view help;
  bool repeatable = false;
};

class Args {
 public:
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;

  [[nodiscard]] bool has(std::string_view name) const { return options.contains(std::string(name)); }
  [[nodiscard]] std::string get(std::string_view name, std::string_view fallback = {}) const;
  [[nodiscard]] std::optional<std::string> maybe(std::string_view name) const;
  [[nodiscard]] std::vector<std::string> all(std::string_view name) const;
  [[nodiscard]] Result<int> get_int(std::string_view name, int fallback) const;
  [[nodiscard]] bool json() const { return has("json"); }
};

struct Context;
using Handler = Result<int> (*)(Context&, const Args&);

struct Command {
  std::string_view name;     // "person add"
  std::string_view args;     // positional arguments for usage, e.g. "PERSON"
  std::string_view summary;  // one line
  std::vector<OptionSpec> options;
  Handler run;
  size_t min_positional = 0;
  size_t max_positional = 0;
};

struct Context {
  std::string program = "sawt";
  const Args* args = nullptr;
  // Opens the store named by --store / SAWT_STORE with the passphrase from
  // --passphrase-file, SAWT_PASSPHRASE or a prompt.
  [[nodiscard]] Result<std::unique_ptr<store::Store>> open_store();
  [[nodiscard]] Result<std::string> store_dir() const;
  // The passphrase; with `confirm`, a prompt asks twice.
  [[nodiscard]] Result<crypto::Passphrase> passphrase(bool confirm) const;
  // Who acts: SAWT_USER, or the login name; prefixed "cli:".
  [[nodiscard]] std::string actor() const;
};

// The command table, in help order.
[[nodiscard]] const std::vector<Command>& commands();

// Entry point used by main(): returns the process exit code.
int run(int argc, char** argv);

// A second secret (a new passphrase, a backup passphrase, a user's password):
// the first line of the file named by --OPTION, else a prompt showing PROMPT
// (asked twice with `confirm`). Never SAWT_PASSPHRASE, which is the store's.
[[nodiscard]] Result<crypto::Passphrase> secret_option(const Args& args, std::string_view option,
                                                       std::string_view prompt, bool confirm);

// The partial date given with --NAME, FALLBACK when absent; a bad date is
// kBadInput with where = "--NAME".
[[nodiscard]] Result<PartialDate> date_option(const Args& args, std::string_view name,
                                              const PartialDate& fallback = {});

// The store, a repository acting as the context's actor, and the protection
// rules in force; a broken edited rules file is warned about on stderr (the
// previous rules stay in force).
struct Opened {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::Repository> repo;
  app::ProtectionRules rules;
};
[[nodiscard]] Result<Opened> open_with_rules(Context& ctx);

// Output helpers.
void print_json(const nlohmann::json& j);
void print_error(const Error& e, bool json);

// Registration lists from each cmd_*.cc file.
void add_store_commands(std::vector<Command>& out);
void add_person_commands(std::vector<Command>& out);
void add_case_commands(std::vector<Command>& out);
void add_misc_commands(std::vector<Command>& out);
void add_key_commands(std::vector<Command>& out);
void add_protection_commands(std::vector<Command>& out);
void add_serve_commands(std::vector<Command>& out);
void add_export_commands(std::vector<Command>& out);
void add_share_commands(std::vector<Command>& out);
void add_conditions_commands(std::vector<Command>& out);
void add_stats_commands(std::vector<Command>& out);
void add_link_store_commands(std::vector<Command>& out);
void add_link_commands(std::vector<Command>& out);

// `sawt link` (one command, cmd_link.cc): with --in, file mode
// (run_link_file); without, store mode (run_link_store, cmd_link_store.cc).
[[nodiscard]] Result<int> run_link_file(Context& ctx, const Args& args);
[[nodiscard]] Result<int> run_link_store(Context& ctx, const Args& args);
void add_document_commands(std::vector<Command>& out);

}  // namespace sawt::cli
