// Importing a records list (interchange CSV or an XLSX workbook) into a store:
// parse, quarantine what is bad, and write the good rows as source records of
// their source, all in one transaction (a crash leaves either the whole import
// or none of it). The file's BLAKE2b content hash makes re-importing the same
// file a no-op. A preview reads the file the same way and writes nothing.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv.h"
#include "io/records_csv.h"
#include "store/repository.h"

namespace sawt::app {

struct ImportOptions {
  std::string source;  // default source for rows without a `source` value
  std::string source_kind = "other";
  int reliability = 3;
  std::string file_name;      // for messages and the import record
  std::string sheet;          // XLSX: the sheet to read (default: the first)
  io::ColumnMapping mapping;  // the file's headers -> interchange fields
  // Every row belongs to `source`: a row naming a source of its own refuses
  // the whole import (kBadInput), as for a partner share's records.
  bool one_source = false;
};

struct ImportReport {
  bool already_imported = false;  // the same bytes were imported before: nothing done
  store::ImportInfo info;         // the new import, or the earlier one
  std::vector<io::CsvProblem> quarantined;
  std::map<std::string, int> records_per_source;
  std::vector<std::string> sources_created;
};

// kBadInput when the file cannot be read at all (no header, no name column,
// rows without a source and no default source given).
[[nodiscard]] Result<ImportReport> import_records(store::Repository& repo, std::string_view bytes,
                                                  const ImportOptions& options);

// What an import of the file would do, without writing anything.
struct ImportPreview {
  std::string format;                  // "csv" or "xlsx"
  std::vector<std::string> sheets;     // XLSX: every sheet's name
  std::vector<std::string> columns;    // the header as written
  io::ColumnMapping proposed;          // propose_mapping(columns)
  io::ColumnMapping applied;           // the mapping the preview was read with (given, else proposed)
  std::vector<io::CsvRow> first_rows;  // the first `rows` data rows as written
  std::vector<io::CsvProblem> quarantined;
  int rows_total = 0;
  int records_ok = 0;
  std::optional<Error> blocking;  // why nothing could be imported as mapped (e.g. no name column)
};

// kBadInput when the file cannot be read at all; kUsage for a bad mapping.
// A header that cannot be used as mapped (no name column yet) is not an
// error here: the preview shows the columns, `blocking` says why, records_ok is 0.
[[nodiscard]] Result<ImportPreview> preview_import(std::string_view bytes, const ImportOptions& options,
                                                   int rows);

}  // namespace sawt::app
