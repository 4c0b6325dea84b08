// Reference data shipped inside the binary (vocabularies, facilities, rules),
// generated from data/ at build time by cmake/embed.cmake. Users may override
// any file by placing one with the same relative path in the store's
// `reference/` folder; see domain/vocab.h.
#pragma once

#include <optional>
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

}  // namespace sawt
