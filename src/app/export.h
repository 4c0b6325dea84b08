// Data going out of the store, as tables the caller writes where the user
// asked (docs/FORMATS.md describes every column):
//  - the public dataset: anonymised, one row per person. No direct
//    identifiers (names only with publish_name consent in force; never id
//    numbers, exact dates, notes or free text); dates and places generalised;
//    the quasi-identifiers made k-anonymous (app/anonymise.h); confidential
//    persons and those who refused anonymised publication left out; a summary
//    of what was withheld and why (counts, never names).
//  - the full export for partners: persons, names with their sources,
//    detention, cases and consents; unencrypted person data, so front ends
//    warn (encrypted shares are `sawt share`).
//  - an Uwazi CSV: one entity per person for Uwazi's CSV importer, names
//    only with publish_name consent, else an anonymised title.
// Merged persons are never exported (they live on as the person they were
// merged into). Nothing here writes a file; write_* helpers turn tables into
// bytes.
#pragma once

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/repository.h"

namespace sawt::app {

struct Table {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

// ------------------------------------------------------------------ public

struct PublicExportOptions {
  int k = 5;
  std::chrono::sys_days as_of;  // ages are computed at this date
  double max_row_share = 0.05;  // see KAnonOptions
};

struct PublicDataset {
  Table persons;  // the dataset
  int k = 5;
  std::string as_of;
  int persons_in_store = 0;  // not merged
  int persons_published = 0;
  std::map<std::string, int> persons_withheld;     // reason code -> count
  std::map<std::string, int> cells_suppressed;     // quasi-identifier -> count
  std::map<std::string, std::string> generalised;  // quasi-identifier -> the level published
  int names_published = 0;                         // persons named, with publish_name consent in force
  int names_withheld = 0;                          // persons published without a name
  int smallest_class = 0;
  std::vector<std::string> quasi_identifiers;
};

// kInternal/kIntegrity only when the store cannot be read; k < 2 is kUsage.
[[nodiscard]] Result<PublicDataset> build_public_dataset(store::Repository& repo,
                                                         const PublicExportOptions& options);

// The summary (what was withheld and why) as JSON, and as text lines.
[[nodiscard]] nlohmann::json public_summary_json(const PublicDataset& d);
[[nodiscard]] std::string public_summary_text(const PublicDataset& d);

// The data dictionary in Markdown, Arabic and English.
[[nodiscard]] std::string public_dictionary_markdown(const PublicDataset& d);

// ------------------------------------------------------------------ full

struct FullExportOptions {
  const User* visible_to = nullptr;   // only what this user may see (the API); nullptr: everything
  bool include_confidential = false;  // CLI: confidential persons only when asked
};

struct FullExport {
  std::vector<Table> tables;  // persons, names, detention, cases, consents
  int confidential_left_out = 0;
};

[[nodiscard]] Result<FullExport> build_full_export(store::Repository& repo, const FullExportOptions& options);

// ------------------------------------------------------------------ Uwazi

struct UwaziOptions {
  std::string lang = "ar";  // language of the select labels ("ar" or "en")
};

struct UwaziExport {
  Table entities;
  int named = 0;
  std::map<std::string, int> withheld;  // reason code -> persons left out
};

[[nodiscard]] Result<UwaziExport> build_uwazi_export(store::Repository& repo, const UwaziOptions& options);

// Appends an audit row saying who exported what (`kind`: public, full, uwazi;
// `details`: formats and counts, never names). Call it in the same
// transaction as the export's reads where there is one.
[[nodiscard]] Status audit_export(store::Repository& repo, std::string_view kind,
                                  const nlohmann::json& details);

// ------------------------------------------------------------------ writing

// A table as CSV (UTF-8 with a BOM so spreadsheet programs read Arabic right).
[[nodiscard]] std::string table_csv(const Table& t);
// Tables as one JSON document: {"format": ..., "version": 1, "tables": {name: [{column: value}]}}.
[[nodiscard]] nlohmann::json tables_json(const std::vector<Table>& tables, std::string_view format);
// Tables as an XLSX workbook, one sheet per table.
[[nodiscard]] Result<std::string> tables_xlsx(const std::vector<Table>& tables);

}  // namespace sawt::app
