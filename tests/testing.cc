#include "testing.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sawt::testing {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "sawt-test-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path data_path(const std::string& name) { return std::filesystem::path(SAWT_TEST_DATA) / name; }

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::filesystem::path& p, const std::string& contents) {
  std::ofstream out(p, std::ios::binary);
  out << contents;
}

std::vector<GoldenRow> read_golden(const std::string& path, std::size_t columns) {
  std::ifstream in(data_path(path));
  if (!in) throw std::runtime_error("cannot open tests/data/" + path);
  std::vector<GoldenRow> rows;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    GoldenRow row{number, {}};
    std::size_t pos = 0;
    while (true) {
      const std::size_t tab = line.find('\t', pos);
      row.cells.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
      if (tab == std::string::npos) break;
      pos = tab + 1;
    }
    if (row.cells.size() != columns) {
      throw std::runtime_error(path + ":" + std::to_string(number) + ": expected " + std::to_string(columns) +
                               " columns, got " + std::to_string(row.cells.size()));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace sawt::testing
