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

}  // namespace sawt::testing
