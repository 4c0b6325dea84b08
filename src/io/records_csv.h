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
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "io/csv.h"
#include "util/error.h"

namespace sawt::io {

struct ParsedRecords {
  std::vector<std::string> columns;        // the header as given
  std::vector<std::string> extra_columns;  // the ones kept as extra attributes
  std::vector<SourceRecord> records;       // line set; source_id unset
  std::vector<std::string> record_sources; // the `source` column per record ("" when absent)
  std::vector<CsvProblem> quarantined;
  int rows_total = 0;  // records + quarantined
};

// Parses a whole file. Fails (kBadInput) only when nothing can be read: no
// header, a header without any name column, duplicate header names, or text
// that is not UTF-8 in the header.
[[nodiscard]] Result<ParsedRecords> parse_records_csv(std::string_view text, std::string_view file_name);

// The interchange header, in canonical order.
[[nodiscard]] const std::vector<std::string>& records_csv_columns();

// A row for `record` in the canonical column order (source as given).
[[nodiscard]] std::vector<std::string> records_csv_row(const SourceRecord& record, std::string_view source);

// Maps the gender spellings found in lists (m, f, male, female, ذكر, أنثى, ...)
// to "m"/"f"; "" for empty; kBadInput for anything else.
[[nodiscard]] Result<std::string> parse_gender(std::string_view text);

}  // namespace sawt::io
