// Fuzz target: the records interchange CSV parser (io::parse_records_csv),
// the format every imported list arrives in. Properties: every row is either
// a record or a quarantined row with a reason (none dropped), records and
// their sources line up, and every record can be written back as a row.
#include "fuzz_common.h"
#include "io/records_csv.h"

using namespace sawt;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = io::parse_records_csv(text, "fuzz.csv");
  if (!parsed) {
    if (parsed.error().message.empty()) fuzz::violated("an error without a message");
    return 0;
  }
  if (parsed->records.size() != parsed->record_sources.size()) fuzz::violated("records and sources differ in number");
  if (static_cast<std::size_t>(parsed->rows_total) != parsed->records.size() + parsed->quarantined.size()) {
    fuzz::violated("rows_total != records + quarantined: a row was dropped or counted twice");
  }
  for (const auto& q : parsed->quarantined) {
    if (q.reason.empty()) fuzz::violated("a quarantined row without a reason");
  }
  for (std::size_t i = 0; i < parsed->records.size(); ++i) {
    const auto row = io::records_csv_row(parsed->records[i], parsed->record_sources[i]);
    if (row.size() != io::records_csv_columns().size()) fuzz::violated("a written row has the wrong number of columns");
  }
  return 0;
}
