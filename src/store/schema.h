// The store's schema as an ordered list of migrations. Migration N (1-based)
// moves a database from user_version N-1 to N inside one transaction; a
// failed migration leaves the database at N-1. Migrations are append-only:
// never edit one that has shipped, add the next.
#pragma once

#include <span>
#include <string_view>

#include "store/sqlite.h"

namespace sawt::store {

[[nodiscard]] std::span<const std::string_view> migrations();

// Applies every migration above the database's user_version. Refuses a
// database newer than this program (kConflict: "upgrade sawt").
[[nodiscard]] Status migrate(Db& db);

[[nodiscard]] int latest_schema_version();

}  // namespace sawt::store
