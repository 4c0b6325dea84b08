#include "cli/cli.h"

#include <fmt/format.h>
#include <pwd.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "util/fs.h"
#include "util/strings.h"

namespace sawt::cli {

namespace {

const std::vector<OptionSpec>& global_options() {
  static const std::vector<OptionSpec> g = {
      {"store", "DIR", "the store folder (default: $SAWT_STORE)"},
      {"passphrase-file", "FILE",
       "read the passphrase from the first line of FILE (default: $SAWT_PASSPHRASE, else a prompt)"},
      {"json", "", "print machine-readable JSON"},
      {"help", "", "show help for this command"},
  };
  return g;
}

const OptionSpec* find_spec(const Command& cmd, std::string_view name) {
  for (const auto& o : cmd.options) {
    if (o.name == name) return &o;
  }
  for (const auto& o : global_options()) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

Result<Args> parse(const Command& cmd, std::span<char*> argv) {
  Args args;
  for (size_t i = 0; i < argv.size(); ++i) {
    std::string_view a = argv[i];
    if (a == "--") {
      for (++i; i < argv.size(); ++i) args.positional.emplace_back(argv[i]);
      break;
    }
    if (!a.starts_with("--")) {
      args.positional.emplace_back(a);
      continue;
    }
    a.remove_prefix(2);
    std::string name(a);
    std::optional<std::string> inline_value;
    if (auto eq = a.find('='); eq != std::string_view::npos) {
      name = std::string(a.substr(0, eq));
      inline_value = std::string(a.substr(eq + 1));
    }
    const OptionSpec* spec = find_spec(cmd, name);
    if (spec == nullptr) {
      return fail(ErrorKind::kUsage, fmt::format("unknown option --{}", name), std::string(cmd.name),
                  fmt::format("see 'sawt {} --help'", cmd.name));
    }
    if (spec->value.empty()) {
      if (inline_value)
        return fail(ErrorKind::kUsage, fmt::format("--{} takes no value", name), std::string(cmd.name));
      args.options[name].emplace_back("1");
      continue;
    }
    std::string value;
    if (inline_value) {
      value = *inline_value;
    } else if (i + 1 < argv.size()) {
      value = argv[++i];
    } else {
      return fail(ErrorKind::kUsage, fmt::format("--{} needs a value ({})", name, spec->value),
                  std::string(cmd.name));
    }
    auto& slot = args.options[name];
    if (!slot.empty() && !spec->repeatable) {
      return fail(ErrorKind::kUsage, fmt::format("--{} is given twice", name), std::string(cmd.name));
    }
    slot.push_back(std::move(value));
  }
  return args;
}

void print_command_help(const Command& cmd) {
  fmt::print("usage: sawt {}{}{} [options]\n\n{}\n\noptions:\n", cmd.name, cmd.args.empty() ? "" : " ",
             cmd.args, cmd.summary);
  const auto line = [](const OptionSpec& o) {
    std::string left = fmt::format("--{}{}{}", o.name, o.value.empty() ? "" : " ", o.value);
    fmt::print("  {:<28} {}{}\n", left, o.help, o.repeatable ? " (repeatable)" : "");
  };
  for (const auto& o : cmd.options) line(o);
  for (const auto& o : global_options()) line(o);
}

void print_help() {
  fmt::print(
      "sawt {} — a secure, Arabic-first case registry for political detainees at risk of forced return\n\n"
      "usage: sawt COMMAND [ARGS] [options]\n\ncommands:\n",
      SAWT_VERSION);
  for (const auto& c : commands()) {
    fmt::print("  {:<22} {}\n", c.name, c.summary);
  }
  fmt::print(
      "\nThe store folder comes from --store DIR or $SAWT_STORE; the passphrase from --passphrase-file "
      "FILE,\n"
      "$SAWT_PASSPHRASE or a prompt. 'sawt COMMAND --help' describes a command.\n\n"
      "exit codes: 0 ok, 1 usage, 2 bad input, 3 not found, 4 wrong passphrase or not allowed,\n"
      "            5 internal error, 6 partly done (e.g. rows quarantined), 7 integrity check failed\n");
}

bool read_line_no_echo(std::string& out) {
  FILE* tty = std::fopen("/dev/tty", "r+");
  if (tty == nullptr) return false;
  const int fd = fileno(tty);
  termios old{};
  const bool have_term = tcgetattr(fd, &old) == 0;
  if (have_term) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  char buf[1024];
  const bool ok = std::fgets(buf, sizeof buf, tty) != nullptr;
  if (have_term) tcsetattr(fd, TCSAFLUSH, &old);
  std::fputs("\n", stderr);
  std::fclose(tty);
  if (ok) {
    out = buf;
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  }
  std::fill(std::begin(buf), std::end(buf), '\0');
  return ok;
}

}  // namespace

std::string Args::get(std::string_view name, std::string_view fallback) const {
  auto it = options.find(std::string(name));
  return it == options.end() ? std::string(fallback) : it->second.back();
}

std::optional<std::string> Args::maybe(std::string_view name) const {
  auto it = options.find(std::string(name));
  if (it == options.end()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::all(std::string_view name) const {
  auto it = options.find(std::string(name));
  return it == options.end() ? std::vector<std::string>{} : it->second;
}

Result<int> Args::get_int(std::string_view name, int fallback) const {
  auto v = maybe(name);
  if (!v) return fallback;
  int out = 0;
  const auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || p != v->data() + v->size()) {
    return fail(ErrorKind::kUsage, fmt::format("--{} needs a whole number, not '{}'", name, *v));
  }
  return out;
}

Result<std::string> Context::store_dir() const {
  if (auto s = args->maybe("store")) return *s;
  if (const char* env = std::getenv("SAWT_STORE"); env != nullptr && *env != '\0') return std::string(env);
  return fail(ErrorKind::kUsage, "no store given", "", "pass --store DIR or set SAWT_STORE");
}

Result<crypto::Passphrase> Context::passphrase(bool confirm) const {
  if (auto file = args->maybe("passphrase-file")) {
    auto text = SAWT_TRY(read_file(*file));
    const auto nl = text.find_first_of("\r\n");
    auto p = crypto::make_passphrase(std::string_view(text).substr(0, nl));
    crypto::wipe_string(text);
    return p;
  }
  if (const char* env = std::getenv("SAWT_PASSPHRASE"); env != nullptr && *env != '\0') {
    return crypto::make_passphrase(env);
  }
  std::string first;
  std::fputs("Passphrase: ", stderr);
  if (!read_line_no_echo(first)) {
    return fail(ErrorKind::kUsage, "no passphrase: there is no terminal to ask on", "",
                "use --passphrase-file FILE or set SAWT_PASSPHRASE");
  }
  if (confirm) {
    std::string second;
    std::fputs("Repeat the passphrase: ", stderr);
    const bool same = read_line_no_echo(second) && second == first;
    crypto::wipe_string(second);
    if (!same) {
      crypto::wipe_string(first);
      return fail(ErrorKind::kUsage, "the two passphrases differ", "", "type the same passphrase twice");
    }
  }
  auto p = crypto::make_passphrase(first);
  crypto::wipe_string(first);
  return p;
}

std::string Context::actor() const {
  if (const char* u = std::getenv("SAWT_USER"); u != nullptr && *u != '\0') return fmt::format("cli:{}", u);
  if (const passwd* pw = getpwuid(getuid()); pw != nullptr) return fmt::format("cli:{}", pw->pw_name);
  return "cli:unknown";
}

Result<crypto::Passphrase> secret_option(const Args& args, std::string_view option, std::string_view prompt,
                                         bool confirm) {
  if (auto file = args.maybe(option)) {
    auto text = SAWT_TRY(read_file(*file));
    auto p = crypto::make_passphrase(std::string_view(text).substr(0, text.find_first_of("\r\n")));
    crypto::wipe_string(text);
    return p;
  }
  Context ask;
  Args none;
  ask.args = &none;
  unsetenv("SAWT_PASSPHRASE");
  fmt::print(stderr, "{}\n", prompt);
  return ask.passphrase(confirm);
}

Result<PartialDate> date_option(const Args& args, std::string_view name, const PartialDate& fallback) {
  auto v = args.maybe(name);
  if (!v) return fallback;
  auto d = PartialDate::parse(*v);
  if (!d) {
    d.error().where = fmt::format("--{}", name);
    return std::unexpected(d.error());
  }
  return *d;
}

Result<std::unique_ptr<store::Store>> Context::open_store() {
  const auto dir = SAWT_TRY(store_dir());
  const auto pass = SAWT_TRY(passphrase(false));
  return store::Store::open(dir, pass);
}

void print_json(const nlohmann::json& j) {
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void print_error(const Error& e, bool json) {
  if (json) {
    nlohmann::json j = {
        {"error",
         {{"kind", kind_name(e.kind)}, {"message", e.message}, {"where", e.where}, {"hint", e.hint}}}};
    std::cerr << j.dump() << '\n';
    return;
  }
  std::cerr << "sawt: error: " << e.describe() << '\n';
}

Result<Opened> open_with_rules(Context& ctx) {
  Opened o;
  o.store = SAWT_TRY(ctx.open_store());
  o.repo = std::make_unique<store::Repository>(*o.store, ctx.actor());
  o.rules = SAWT_TRY(app::load_protection_rules(*o.repo));
  for (const auto& p : o.rules.problems) {
    fmt::print(stderr, "sawt: warning: {} — the previous rules stay in force\n", p.describe());
  }
  return o;
}

const std::vector<Command>& commands() {
  static const std::vector<Command> table = [] {
    std::vector<Command> out;
    add_store_commands(out);
    add_person_commands(out);
    add_document_commands(out);
    add_case_commands(out);
    add_protection_commands(out);
    add_link_store_commands(out);
    add_key_commands(out);
    add_serve_commands(out);
    add_share_commands(out);
    add_link_commands(out);
    add_export_commands(out);
    add_misc_commands(out);
    add_conditions_commands(out);
    add_stats_commands(out);
    return out;
  }();
  return table;
}

int run(int argc, char** argv) {
  crypto::init();
  umask(077);  // every file sawt creates is the owner's alone
  std::vector<char*> words(argv + 1, argv + argc);
  if (words.empty() || std::string_view(words[0]) == "--help" || std::string_view(words[0]) == "help") {
    print_help();
    return words.empty() ? kExitUsage : kExitOk;
  }
  if (std::string_view(words[0]) == "--version" || std::string_view(words[0]) == "version") {
    fmt::print("sawt {}\n", SAWT_VERSION);
    return kExitOk;
  }
  // Longest match of leading words against command names ("person add" before "person").
  const Command* cmd = nullptr;
  size_t used = 0;
  for (const auto& c : commands()) {
    const auto parts = split(c.name, ' ');
    if (parts.size() > words.size() || parts.size() <= used) continue;
    bool match = true;
    for (size_t i = 0; i < parts.size(); ++i) match = match && parts[i] == words[i];
    if (match) {
      cmd = &c;
      used = parts.size();
    }
  }
  const bool want_json = std::find_if(words.begin(), words.end(),
                                      [](char* w) { return std::string_view(w) == "--json"; }) != words.end();
  if (cmd == nullptr) {
    std::string known;
    for (const auto& c : commands()) {
      if (split(c.name, ' ')[0] == words[0]) known += fmt::format("\n  sawt {}", c.name);
    }
    print_error(Error{ErrorKind::kUsage, fmt::format("unknown command '{}'", words[0]), "",
                      known.empty() ? "see 'sawt --help'" : "did you mean one of:" + known},
                want_json);
    return kExitUsage;
  }
  auto args = parse(*cmd, std::span<char*>(words).subspan(used));
  if (!args) {
    print_error(args.error(), want_json);
    return kExitUsage;
  }
  if (args->has("help")) {
    print_command_help(*cmd);
    return kExitOk;
  }
  if (args->positional.size() < cmd->min_positional || args->positional.size() > cmd->max_positional) {
    print_error(
        Error{ErrorKind::kUsage,
              fmt::format("'sawt {}' takes {}", cmd->name, cmd->args.empty() ? "no arguments" : cmd->args),
              "", fmt::format("see 'sawt {} --help'", cmd->name)},
        want_json);
    return kExitUsage;
  }
  Context ctx;
  ctx.args = &*args;
  auto result = cmd->run(ctx, *args);
  if (!result) {
    print_error(result.error(), args->json());
    return exit_code(result.error().kind);
  }
  return *result;
}

}  // namespace sawt::cli
