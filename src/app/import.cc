#include "app/import.h"

#include <fmt/format.h>

#include "crypto/sodium.h"
#include "io/records_csv.h"
#include "io/xlsx.h"
#include "store/savepoint.h"

namespace sawt::app {

Result<ImportReport> import_records(store::Repository& repo, std::string_view bytes,
                                    const ImportOptions& options) {
  ImportReport report;
  const std::string hash = crypto::hex(crypto::blake2b(bytes));
  if (auto earlier = SAWT_TRY(repo.find_import_by_hash(hash))) {
    report.already_imported = true;
    report.info = *earlier;
    return report;
  }
  const auto table = SAWT_TRY(io::read_records_table(bytes, options.file_name, options.sheet));
  auto parsed = SAWT_TRY(io::parse_records_table(table, options.file_name, options.mapping));
  for (size_t i = 0; options.one_source && i < parsed.records.size(); ++i) {
    if (!parsed.record_sources[i].empty()) {
      return fail(
          ErrorKind::kBadInput,
          fmt::format("a row names a source of its own ('{}'), but every record here belongs to '{}'; "
                      "nothing was imported",
                      parsed.record_sources[i], options.source),
          fmt::format("{}:{}", options.file_name, parsed.records[i].line),
          "a partner share's records all come from its sender: ask them to share again with sawt share");
    }
  }
  if (options.source.empty()) {
    for (size_t i = 0; i < parsed.records.size(); ++i) {
      if (parsed.record_sources[i].empty()) {
        return fail(ErrorKind::kUsage, "some rows name no source and no default source was given",
                    fmt::format("{}:{}", options.file_name, parsed.records[i].line),
                    "give --source NAME, or fill the file's `source` column");
      }
    }
  }

  // A savepoint: atomic on its own, and nests inside a caller's transaction (the server's).
  auto tx = SAWT_TRY(store::Savepoint::begin(repo.store().db()));
  std::map<std::string, Id> source_ids;
  const auto source_id = [&](const std::string& name) -> Result<Id> {
    if (auto it = source_ids.find(name); it != source_ids.end()) return it->second;
    auto existing = SAWT_TRY(repo.find_source(name));
    Id id = 0;
    if (existing) {
      id = existing->id;
    } else {
      Source s;
      s.name = name;
      s.kind = options.source_kind;
      s.reliability = options.reliability;
      s.received = PartialDate::from_days(today());
      id = SAWT_TRY(repo.add_source(s)).id;
      report.sources_created.push_back(name);
    }
    source_ids.emplace(name, id);
    return id;
  };

  store::ImportInfo info;
  info.source_id = options.source.empty()
                       ? SAWT_TRY(source_id(parsed.record_sources.empty() ? std::string("unknown")
                                                                          : parsed.record_sources[0]))
                       : SAWT_TRY(source_id(options.source));
  info.file_name = options.file_name;
  info.content_hash = hash;
  info.format = table.format;
  info.rows_total = parsed.rows_total;
  info.rows_ok = static_cast<int>(parsed.records.size());
  info.rows_quarantined = static_cast<int>(parsed.quarantined.size());
  info.id = SAWT_TRY(repo.add_import(info));

  for (size_t i = 0; i < parsed.records.size(); ++i) {
    auto& r = parsed.records[i];
    const std::string& name = parsed.record_sources[i].empty() ? options.source : parsed.record_sources[i];
    r.source_id = SAWT_TRY(source_id(name));
    r.import_id = info.id;
    SAWT_CHECK(repo.add_source_record(r));
    ++report.records_per_source[name];
  }
  for (const auto& q : parsed.quarantined) {
    SAWT_CHECK(repo.add_quarantine({info.id, q.line, q.reason, q.raw}));
  }
  SAWT_CHECK(tx.release());
  report.info = info;
  report.quarantined = std::move(parsed.quarantined);
  return report;
}

Result<ImportPreview> preview_import(std::string_view bytes, const ImportOptions& options, int rows) {
  ImportPreview out;
  const auto table = SAWT_TRY(io::read_records_table(bytes, options.file_name, options.sheet));
  out.format = table.format;
  if (table.format == "xlsx") out.sheets = SAWT_TRY(io::xlsx_sheet_names(bytes, options.file_name));
  out.columns = table.header.fields;
  out.proposed = io::propose_mapping(out.columns);
  out.applied = options.mapping.empty() ? out.proposed : options.mapping;
  for (const auto& item : table.rows) {
    if (static_cast<int>(out.first_rows.size()) >= rows) break;
    if (item.ok) out.first_rows.push_back(item.row);
  }
  auto parsed = io::parse_records_table(table, options.file_name, out.applied);
  if (!parsed) {
    if (parsed.error().kind == ErrorKind::kUsage) return std::unexpected(parsed.error());
    out.rows_total = static_cast<int>(table.rows.size());
    out.blocking = parsed.error();
    return out;
  }
  out.rows_total = parsed->rows_total;
  out.records_ok = static_cast<int>(parsed->records.size());
  out.quarantined = std::move(parsed->quarantined);
  return out;
}

}  // namespace sawt::app
