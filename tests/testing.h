// Shared helpers for tests: temporary folders that clean up after
// themselves, the path of the test data, running the real binary.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sawt::testing {

// A fresh folder under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// tests/data/NAME
std::filesystem::path data_path(const std::string& name);

std::string read_file(const std::filesystem::path& p);

// A row of a golden table (tab-separated, under tests/data/).
struct GoldenRow {
  int line = 0;  // 1-based line in the file, for failure messages
  std::vector<std::string> cells;
  [[nodiscard]] const std::string& operator[](std::size_t i) const { return cells.at(i); }
};

// The rows of tests/data/PATH: '#' lines and empty lines are skipped; every
// row must have COLUMNS cells (std::runtime_error naming file:line otherwise).
std::vector<GoldenRow> read_golden(const std::string& path, std::size_t columns);
void write_file(const std::filesystem::path& p, const std::string& contents);

}  // namespace sawt::testing
