// The reader shared by every reference-data file (vocabularies, facilities,
// golden anchors): UTF-8 text, one header row naming the columns, then one row
// per record, fields separated by exactly one TAB, `#` comment lines and blank
// lines ignored. Organisations edit these files by hand or in a spreadsheet,
// so the reader accepts what editors add (a UTF-8 byte-order mark, CRLF line
// ends) and rejects what silently corrupts a table, naming the file and line
// and saying what to fix.
//
// Invariants of a parsed ReferenceTable: column names are unique and match
// [a-z0-9_]+; every row has exactly one field per column; no field starts or
// ends with a space or holds a control character; all text is valid UTF-8.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace sawt {

struct TableRow {
  std::vector<std::string> fields;  // one per column of the header, in header order
  int line = 0;                     // 1-based line in the file
};

struct ReferenceTable {
  std::string origin;                // the file it came from, for messages
  std::vector<std::string> columns;  // header names, in file order
  int header_line = 0;
  std::vector<TableRow> rows;

  // Index of the column named NAME, or nullopt when the header has no such column.
  [[nodiscard]] std::optional<std::size_t> column(std::string_view name) const;
};

// Parses TEXT (the contents of ORIGIN). Fails with kBadInput, where =
// "ORIGIN:LINE", when the text is not valid UTF-8, has no header row, lacks a
// column listed in REQUIRED, names a column twice, or has a row whose field
// count differs from the header's or whose field has leading or trailing
// spaces or control characters. A table with a header and no rows is valid.
[[nodiscard]] Result<ReferenceTable> parse_reference_table(std::string_view text, std::string_view origin,
                                                           std::initializer_list<std::string_view> required);

// "ORIGIN:LINE", the `where` of errors about one line of a reference file.
[[nodiscard]] std::string where_line(std::string_view origin, int line);

// True when TEXT (UTF-8) contains at least one letter of the Arabic script.
[[nodiscard]] bool contains_arabic_letter(std::string_view text);

// True when TEXT is non-empty and made only of the characters in [a-z0-9_].
[[nodiscard]] bool is_code_token(std::string_view text);

// The key under which a label is looked up: trimmed, inner runs of spaces made
// one, ASCII letters lower-cased, Arabic diacritics (U+064B-0652, U+0670) and
// tatweel dropped, alef forms (أ إ آ ٱ) folded to ا, ى to ي, ة to ه, and
// Arabic-Indic digits to ASCII digits. Two labels with the same key are the
// same label to a person typing them.
[[nodiscard]] std::string lookup_key(std::string_view text);

}  // namespace sawt
