#include "util/clock.h"

#include <chrono>

#include <fmt/chrono.h>

namespace sawt {

std::string now_timestamp() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

}  // namespace sawt
