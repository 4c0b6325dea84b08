// The browser interface's built files (web/dist), embedded at build time.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "util/embedded.h"

namespace sawt {
const std::vector<EmbeddedFile>& web_asset_files();  // generated from web/dist
}

namespace sawt::server {

// The file at PATH (relative, e.g. "index.html", "assets/app-1234.js"), or nullopt.
[[nodiscard]] std::optional<std::string_view> find_asset(std::string_view path);

}  // namespace sawt::server
