// Wall-clock timestamps for records and the audit log: UTC, ISO 8601 with
// seconds ("2026-11-28T19:30:16Z"), so that text order is time order.
#pragma once

#include <string>

namespace sawt {

[[nodiscard]] std::string now_timestamp();

}  // namespace sawt
