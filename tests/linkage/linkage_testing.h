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

using Row = sawt::testing::GoldenRow;

// Rows of tests/data/linkage/NAME (see sawt::testing::read_golden).
inline std::vector<Row> read_table(const std::string& name, std::size_t columns) {
  return sawt::testing::read_golden("linkage/" + name, columns);
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
