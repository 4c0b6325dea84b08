// Reference data shipped inside the binary (vocabularies, facilities, rules),
// generated from data/ at build time by cmake/embed.cmake. Users may override
// any file by placing one with the same relative path in the store's
// `reference/` folder; see domain/vocab.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sawt {

struct EmbeddedFile {
  std::string_view path;  // relative to data/, e.g. "vocab/charges.tsv"
  std::string_view contents;
};

const std::vector<EmbeddedFile>& embedded_files();

// The contents of data/PATH, or nullopt when no such file was embedded.
std::optional<std::string_view> embedded_file(std::string_view path);

// The rows of the embedded tab-separated table data/PATH, each split at its
// tabs: lines that are empty or start with '#' are left out, and so is the
// first other line (the header). Empty when no such file was embedded. For
// built-in tables the engine trusts (the name readings, place names); tables
// users edit are read with file:line errors instead (domain/vocab.h).
std::vector<std::vector<std::string>> embedded_table(std::string_view path);

}  // namespace sawt
