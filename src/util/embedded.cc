#include "util/embedded.h"

#include "util/strings.h"

namespace sawt {

std::optional<std::string_view> embedded_file(std::string_view path) {
  for (const auto& f : embedded_files()) {
    if (f.path == path) return f.contents;
  }
  return std::nullopt;
}

std::vector<std::vector<std::string>> embedded_table(std::string_view path) {
  std::vector<std::vector<std::string>> rows;
  const std::optional<std::string_view> text = embedded_file(path);
  if (!text) return rows;
  bool header = true;
  for (const std::string& line : split(*text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    rows.push_back(split(line, '\t'));
  }
  return rows;
}

}  // namespace sawt
