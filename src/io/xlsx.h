// XLSX (Office Open XML spreadsheets) read and written entirely in memory:
// the zip container through libzip (a buffer source, never a file), the XML
// parts through expat. Nothing here touches the disk, so an imported list or
// an export being built never leaves a plaintext temporary file behind; the
// caller decides where the bytes go.
//
// Reading understands what spreadsheet programs write: shared strings (with
// rich-text runs), inline strings, numbers, booleans, cached formula results,
// and dates stored as serial numbers (a cell whose style has a date format
// becomes YYYY-MM-DD). Rows keep their spreadsheet row number; wholly empty
// rows are skipped, missing cells are empty strings. Encrypted workbooks (an
// OLE compound file, not a zip), other zip files and damaged parts are
// refused with kBadInput saying which. Sizes are bounded (zip bombs).
//
// Writing produces a minimal, valid workbook: one sheet per table, text as
// shared strings (Arabic kept as UTF-8), numbers, and dates as serial numbers
// with a date style.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace sawt::io {

struct XlsxRow {
  int number = 0;                  // the spreadsheet's row number (1-based)
  std::vector<std::string> cells;  // column A first; trailing empty cells trimmed
};

struct XlsxSheet {
  std::string name;
  std::vector<XlsxRow> rows;  // non-empty rows only, in order
};

// True when the bytes look like a zip container (PK\3\4), i.e. worth trying as XLSX.
[[nodiscard]] bool looks_like_zip(std::string_view bytes);
// True for an OLE compound file (how Office stores encrypted or legacy .xls workbooks).
[[nodiscard]] bool looks_like_ole(std::string_view bytes);

// The names of the workbook's sheets, in order.
[[nodiscard]] Result<std::vector<std::string>> xlsx_sheet_names(std::string_view bytes,
                                                                std::string_view file_name);

// Reads one sheet: `sheet` by name, or the first when empty. kNotFound when
// the named sheet does not exist (the message lists the sheets there are).
[[nodiscard]] Result<XlsxSheet> read_xlsx(std::string_view bytes, std::string_view file_name,
                                          std::string_view sheet = {});

// A cell to write.
struct XlsxCell {
  enum class Kind { kText, kNumber, kDate };
  Kind kind = Kind::kText;
  std::string text;   // kText; kDate: YYYY-MM-DD
  double number = 0;  // kNumber
  static XlsxCell of(std::string t) { return {Kind::kText, std::move(t), 0}; }
  static XlsxCell num(double n) { return {Kind::kNumber, {}, n}; }
  static XlsxCell date(std::string ymd) { return {Kind::kDate, std::move(ymd), 0}; }
};

struct XlsxTable {
  std::string name;  // the sheet's name (at most 31 characters, no []:*?/\)
  std::vector<std::vector<XlsxCell>> rows;
};

// The workbook's bytes. kBadInput for an invalid sheet name or date; kInternal
// if libzip fails.
[[nodiscard]] Result<std::string> write_xlsx(const std::vector<XlsxTable>& sheets);

// Excel's serial day number (1900 date system) <-> YYYY-MM-DD.
[[nodiscard]] std::string excel_serial_to_date(double serial);
[[nodiscard]] Result<double> date_to_excel_serial(std::string_view ymd);

}  // namespace sawt::io
