#include "util/error.h"

namespace sawt {

std::string Error::describe() const {
  std::string out;
  if (!where.empty()) out += where + ": ";
  out += message;
  if (!hint.empty()) out += " (" + hint + ")";
  return out;
}

int exit_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage: return kExitUsage;
    case ErrorKind::kBadInput: return kExitBadInput;
    case ErrorKind::kConflict: return kExitBadInput;
    case ErrorKind::kNotFound: return kExitNotFound;
    case ErrorKind::kAuth: return kExitAuth;
    case ErrorKind::kIntegrity: return kExitIntegrity;
    case ErrorKind::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

int http_status(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage: return 400;
    case ErrorKind::kBadInput: return 422;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kAuth: return 403;
    case ErrorKind::kIntegrity: return 500;
    case ErrorKind::kInternal: return 500;
  }
  return 500;
}

std::string_view kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage: return "usage";
    case ErrorKind::kBadInput: return "bad_input";
    case ErrorKind::kConflict: return "conflict";
    case ErrorKind::kNotFound: return "not_found";
    case ErrorKind::kAuth: return "auth";
    case ErrorKind::kIntegrity: return "integrity";
    case ErrorKind::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace sawt
