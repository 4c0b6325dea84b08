// What the full-text index stores for a name and how a query is turned into an
// FTS5 MATCH expression. Both sides go through the name engine, so a query in
// either script meets a name written in either script.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace sawt::store {

// Space-separated index terms for all given names (every variant of a person).
[[nodiscard]] std::string index_terms(const std::vector<const NameParts*>& names);
// Index terms for free text (notes): normalised words.
[[nodiscard]] std::string index_text(std::string_view text);
// An FTS5 MATCH expression for a user's query, or "" when it has no usable term.
// Every query word must match (AND); a word matches any of its keys (OR).
[[nodiscard]] std::string match_expression(std::string_view query);

}  // namespace sawt::store
