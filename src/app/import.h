// Importing a records interchange CSV into a store: parse, quarantine what is
// bad, and write the good rows as source records of their source, all in one
// transaction (a crash leaves either the whole import or none of it). The
// file's BLAKE2b content hash makes re-importing the same file a no-op.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv.h"
#include "store/repository.h"

namespace sawt::app {

struct ImportOptions {
  std::string source;  // default source for rows without a `source` value
  std::string source_kind = "other";
  int reliability = 3;
  std::string file_name;  // for messages and the import record
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

}  // namespace sawt::app
