// Reader for the golden tables of the name engine (tests/data/names/*.tsv):
// tab-separated rows; lines starting with '#' and empty lines are skipped.
// Header-only so that the test glob (tests/<module>/*_test.cc) needs no
// extra source.
#pragma once

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "testing.h"

namespace sawt::names::golden {

struct Row {
  int line = 0;  // 1-based line in the file, for failure messages
  std::vector<std::string> cells;
  [[nodiscard]] const std::string& operator[](std::size_t i) const { return cells.at(i); }
};

inline std::vector<Row> read_table(const std::string& name, std::size_t columns) {
  std::ifstream in(sawt::testing::data_path("names/" + name));
  if (!in) throw std::runtime_error("cannot open tests/data/names/" + name);
  std::vector<Row> rows;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    Row row{number, {}};
    std::size_t pos = 0;
    while (true) {
      const std::size_t tab = line.find('\t', pos);
      row.cells.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
      if (tab == std::string::npos) break;
      pos = tab + 1;
    }
    if (row.cells.size() != columns) {
      throw std::runtime_error(name + ":" + std::to_string(number) + ": expected " + std::to_string(columns) +
                               " columns, got " + std::to_string(row.cells.size()));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

inline std::string where(const std::string& name, const Row& row) { return name + ":" + std::to_string(row.line); }

}  // namespace sawt::names::golden
