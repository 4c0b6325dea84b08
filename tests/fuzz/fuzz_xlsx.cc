// Fuzz target: the XLSX reader and the records table made from it
// (io::read_records_table on a workbook), the path every uploaded
// spreadsheet takes. Properties: no crash, an error always says what, and a
// read sheet's rows are numbered in increasing order; made into records,
// every row is a record or quarantined with a reason.
#include "fuzz_common.h"
#include "io/records_csv.h"
#include "io/xlsx.h"

using namespace sawt;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto sheet = io::read_xlsx(bytes, "fuzz.xlsx");
  if (!sheet) {
    if (sheet.error().message.empty()) fuzz::violated("an error without a message");
    return 0;
  }
  int last = 0;
  for (const auto& r : sheet->rows) {
    if (r.number <= last) fuzz::violated("row numbers do not increase");
    last = r.number;
  }
  auto table = io::read_records_table(bytes, "fuzz.xlsx");
  if (!table) return 0;
  auto parsed = io::parse_records_table(*table, "fuzz.xlsx");
  if (!parsed) return 0;
  if (static_cast<std::size_t>(parsed->rows_total) != parsed->records.size() + parsed->quarantined.size()) {
    fuzz::violated("rows_total != records + quarantined");
  }
  for (const auto& q : parsed->quarantined) {
    if (q.reason.empty()) fuzz::violated("a quarantined row without a reason");
  }
  return 0;
}
