// The records interchange CSV: the one format in which lists of detainees come
// into sawt (`sawt import`) and go to the linkage engine (`sawt link --in`).
// Known columns (any order, header case-insensitive, any may be absent):
//   record_id, source, full_name, first_name, father_name, grandfather_name,
//   family_name, mother_name, gender, birth_date, birth_place, nationality,
//   id_number, arrest_date, facility, notes
// Dates: YYYY, YYYY-MM or YYYY-MM-DD, optional leading ~ for approximate.
// Any other column is kept as an extra attribute of the record.
//
// A row that cannot be taken as it stands is quarantined with its line and
// reason, never dropped and never guessed at: unparseable or impossible dates,
// no name at all, an unknown gender, broken quoting, a record_id used twice.
//
// The same rows can come from a spreadsheet (XLSX, first sheet or a named
// one): it is read into the same RecordsTable as a CSV, so validation and
// quarantine are one code path; a row's line is then its spreadsheet row
// number. A column mapping renames the file's own headers ("الاسم", "DOB")
// to the interchange fields before the rows are read.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "io/csv.h"
#include "util/error.h"

namespace sawt::io {

struct ParsedRecords {
  std::vector<std::string> columns;         // the header as given
  std::vector<std::string> extra_columns;   // the ones kept as extra attributes
  std::vector<SourceRecord> records;        // line set; source_id unset
  std::vector<std::string> record_sources;  // the `source` column per record ("" when absent)
  std::vector<CsvProblem> quarantined;
  int rows_total = 0;  // records + quarantined
};

// A table as read from a file, before records are made of it: the header row
// and the data rows, each either read (cells) or unreadable (a problem with
// its reason, e.g. broken CSV quoting).
struct RecordsTable {
  std::string format;  // "csv" or "xlsx"
  CsvRow header;
  std::vector<CsvReader::Item> rows;
};

// Reads a CSV (UTF-8 text) or an XLSX workbook (recognised by its zip
// signature; `sheet` names the sheet, the first when empty). kBadInput when
// the file is empty or cannot be read at all (an encrypted workbook, a damaged
// zip); kNotFound for a missing sheet.
[[nodiscard]] Result<RecordsTable> read_records_table(std::string_view bytes, std::string_view file_name,
                                                      std::string_view sheet = {});

// Column header (as written; matched trimmed and ASCII-case-insensitively) ->
// interchange field (records_csv_fields()), "" to keep the column as an extra
// attribute, "-" to ignore it. Headers not named keep their own meaning.
using ColumnMapping = std::map<std::string, std::string>;

// The fields a column can be mapped to: records_csv_columns().
// kUsage when a mapping names a column the header lacks or a field that does not exist.
[[nodiscard]] Status check_mapping(const ColumnMapping& mapping, const std::vector<std::string>& header);

// A proposed mapping for a header: every column whose name is a known Arabic
// or English way to say a field ("الاسم", "اسم الأم", "تاريخ الولادة", "Name",
// "DOB", ...) mapped to it; columns already named as fields, and unknown ones,
// are left out. Never maps two columns to one field.
[[nodiscard]] ColumnMapping propose_mapping(const std::vector<std::string>& header);

// Makes records of a table. Fails (kBadInput) only when nothing can be read:
// a header without any name column, duplicate header names (after mapping),
// or text that is not UTF-8 in the header; kUsage for a bad mapping.
[[nodiscard]] Result<ParsedRecords> parse_records_table(const RecordsTable& table, std::string_view file_name,
                                                        const ColumnMapping& mapping = {});

// Parses a whole CSV file: read_records_table + parse_records_table.
[[nodiscard]] Result<ParsedRecords> parse_records_csv(std::string_view text, std::string_view file_name,
                                                      const ColumnMapping& mapping = {});

// The interchange header, in canonical order.
[[nodiscard]] const std::vector<std::string>& records_csv_columns();

// A row for `record` in the canonical column order (source as given).
[[nodiscard]] std::vector<std::string> records_csv_row(const SourceRecord& record, std::string_view source);

// The interchange header followed by EXTRA columns, and a record's row in that
// order (an extra attribute the record lacks is an empty cell).
[[nodiscard]] std::vector<std::string> records_csv_header(const std::vector<std::string>& extra);
[[nodiscard]] std::vector<std::string> records_csv_row(const SourceRecord& record, std::string_view source,
                                                       const std::vector<std::string>& extra);

// Maps the gender spellings found in lists (m, f, male, female, ذكر, أنثى, ...)
// to "m"/"f"; "" for empty; kBadInput for anything else.
[[nodiscard]] Result<std::string> parse_gender(std::string_view text);

}  // namespace sawt::io
