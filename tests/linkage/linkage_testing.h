// Helpers shared by the linkage tests: the golden tables' reader, the FEBRL
// data sets and small record builders. Header-only so that the test glob
// (tests/<module>/*_test.cc) needs no extra source.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/model.h"
#include "linkage/febrl.h"
#include "testing.h"

namespace sawt::linkage::testing {

struct Row {
  int line = 0;  // 1-based line in the file, for failure messages
  std::vector<std::string> cells;
  [[nodiscard]] const std::string& operator[](std::size_t i) const { return cells.at(i); }
};

// Tab-separated rows of tests/data/linkage/NAME; '#' lines and empty lines
// are skipped; every row must have COLUMNS cells.
inline std::vector<Row> read_table(const std::string& name, std::size_t columns) {
  std::ifstream in(sawt::testing::data_path("linkage/" + name));
  if (!in) throw std::runtime_error("cannot open tests/data/linkage/" + name);
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

inline std::string where(const std::string& name, const Row& row) {
  return name + ":" + std::to_string(row.line);
}

// FEBRL 4a + 4b (sources "a" and "b"), read once per test binary.
struct Febrl4 {
  febrl::Dataset data;
  std::vector<std::string> sources;
};
inline const Febrl4& febrl4() {
  static const Febrl4 d = [] {
    Febrl4 out;
    febrl::append(out.data,
                  sawt::testing::read_file(sawt::testing::data_path("linkage/febrl/dataset4a.csv")));
    out.sources.assign(out.data.records.size(), "a");
    febrl::append(out.data,
                  sawt::testing::read_file(sawt::testing::data_path("linkage/febrl/dataset4b.csv")));
    out.sources.resize(out.data.records.size(), "b");
    return out;
  }();
  return d;
}

inline const febrl::Dataset& febrl3() {
  static const febrl::Dataset d = [] {
    febrl::Dataset out;
    febrl::append(out, sawt::testing::read_file(sawt::testing::data_path("linkage/febrl/dataset3.csv")));
    return out;
  }();
  return d;
}

// A record from parts (empty strings for missing parts) and a birth date.
inline SourceRecord person(const std::string& first, const std::string& father,
                           const std::string& grandfather, const std::string& family,
                           const std::string& birth = "", const std::string& mother = "") {
  SourceRecord r;
  r.name.first = first;
  r.name.father = father;
  r.name.grandfather = grandfather;
  r.name.family = family;
  r.name.mother = mother;
  if (!birth.empty()) r.birth_date = PartialDate::parse(birth).value();
  return r;
}

}  // namespace sawt::linkage::testing
