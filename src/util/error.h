// One error policy for the whole program. Expected failures are returned as
// std::expected<T, Error>; exceptions are only for what must abort. Every Error
// says what went wrong, where (file:line, field, id) and how to fix it, and its
// kind maps to one exit code (CLI) and one HTTP status (server), so a script
// and a browser see the same classification.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace sawt {

enum class ErrorKind {
  kUsage,     // the command line or request is malformed
  kBadInput,  // a file, field or value is invalid
  kNotFound,  // the thing named does not exist
  kConflict,  // it exists already or contradicts the current state
  kAuth,      // wrong passphrase, no permission, failed signature or MAC
  kIntegrity, // stored data fails a check (audit chain, page tag)
  kInternal,  // a bug or an environment failure (disk full, I/O error)
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;  // what went wrong, one sentence
  std::string where;    // file:line, field or id; may be empty
  std::string hint;     // how to fix it; may be empty

  // "where: message (hint)" for humans.
  [[nodiscard]] std::string describe() const;
};

template <typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

[[nodiscard]] inline std::unexpected<Error> fail(ErrorKind kind, std::string message,
                                                 std::string where = {}, std::string hint = {}) {
  return std::unexpected(Error{kind, std::move(message), std::move(where), std::move(hint)});
}

// Documented exit codes (README, `sawt --help`).
enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 1,
  kExitBadInput = 2,
  kExitNotFound = 3,
  kExitAuth = 4,
  kExitInternal = 5,
  kExitPartial = 6,  // the command did part of its work: e.g. rows were quarantined
  kExitIntegrity = 7,
};

[[nodiscard]] int exit_code(ErrorKind kind);
[[nodiscard]] int http_status(ErrorKind kind);
[[nodiscard]] std::string_view kind_name(ErrorKind kind);

}  // namespace sawt

// Propagates an error from an expression returning std::expected; yields the
// value otherwise (a GNU statement expression, supported by g++ and clang).
// Each use gets a unique temporary name, so uses may nest.
#define SAWT_CONCAT_INNER_(a, b) a##b
#define SAWT_CONCAT_(a, b) SAWT_CONCAT_INNER_(a, b)
#define SAWT_TRY(expr) SAWT_TRY_IMPL_(expr, SAWT_CONCAT_(sawt_try_, __COUNTER__))
#define SAWT_TRY_IMPL_(expr, tmp)                                         \
  __extension__({                                                         \
    auto tmp = (expr);                                                    \
    if (!tmp) return std::unexpected(std::move(tmp.error()));             \
    std::move(*tmp);                                                      \
  })
#define SAWT_CHECK(expr)                                                  \
  do {                                                                    \
    auto sawt_check_result_ = (expr);                                     \
    if (!sawt_check_result_) return std::unexpected(std::move(sawt_check_result_.error())); \
  } while (0)
