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

using Row = sawt::testing::GoldenRow;

// Rows of tests/data/names/NAME (see sawt::testing::read_golden).
inline std::vector<Row> read_table(const std::string& name, std::size_t columns) {
  return sawt::testing::read_golden("names/" + name, columns);
}

inline std::string where(const std::string& name, const Row& row) { return name + ":" + std::to_string(row.line); }

}  // namespace sawt::names::golden
