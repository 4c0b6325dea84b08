// RFC 4180 CSV reading with recovery, and writing. Hand-written because the
// importer needs what general CSV libraries don't give: the physical line of
// every row, the raw text of a bad row for the quarantine, and recovery after
// broken quoting (a stray opening quote must cost one row, not the rest of
// the file).
//
// Accepts UTF-8 with or without BOM, LF or CRLF, quoted fields with commas,
// doubled quotes and newlines. Recovery rule: when a quoted field runs across
// lines and the record it produces does not have the expected number of
// fields (or the file ends inside the quotes), only its first physical line is
// reported as broken and reading resumes on the next line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sawt::io {

struct CsvRow {
  int line = 0;  // physical line where the row starts (1-based)
  std::vector<std::string> fields;
};

struct CsvProblem {
  int line = 0;
  std::string reason;
  std::string raw;  // the row's text as it stood in the file
};

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  // Once the header is read, rows with a different field count are problems.
  void expect_fields(size_t n) { expected_ = n; }

  // Reads the next row. Returns false at end of input. Exactly one of `row`
  // (ok == true) or `problem` (ok == false) is filled.
  struct Item {
    bool ok = true;
    CsvRow row;
    CsvProblem problem;
  };
  bool next(Item& item);

 private:
  struct Parsed {
    std::vector<std::string> fields;
    size_t end = 0;  // offset after the row's line ending
    int lines = 1;   // physical lines consumed
    std::string error;
    bool unterminated = false;
  };
  [[nodiscard]] Parsed parse_at(size_t pos) const;
  [[nodiscard]] size_t line_end(size_t pos) const;  // offset after the line ending at/after pos
  [[nodiscard]] std::string raw(size_t from, size_t to) const;

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t expected_ = 0;
};

// One CSV line (with "\n") from fields, quoting where needed.
[[nodiscard]] std::string csv_line(const std::vector<std::string>& fields);
[[nodiscard]] std::string csv_field(std::string_view field);

}  // namespace sawt::io
