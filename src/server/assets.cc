#include "server/assets.h"

namespace sawt::server {

std::optional<std::string_view> find_asset(std::string_view path) {
  for (const auto& f : web_asset_files()) {
    if (f.path == path) return f.contents;
  }
  return std::nullopt;
}

}  // namespace sawt::server
