// What the full-text index stores for a name and how a query is turned into an
// FTS5 MATCH expression. Both sides go through the name engine, so a query in
// either script meets a name written in either script.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "names/similarity.h"

namespace sawt::store {

// What the index keeps of NAMES (every variant of a person, or one record's
// name), from one parse of each written name (its display form and its
// mother's name):
//  terms     space-separated FTS5 terms, every key of every name token
//            (names::search_keys), what a query's MATCH finds;
//  variants  one line per written name: the name, '\x1d' and its parsed
//            tokens (names::encode_parsed), a mother's name marked by a
//            leading '~'; what query_match() ranks without parsing again.
struct IndexedNames {
  std::string terms;
  std::string variants;
};
[[nodiscard]] IndexedNames index_names(const std::vector<const NameParts*>& names);

// How well QUERY's name tokens are found among VARIANTS' (index_names' form;
// lines without parsed tokens, written before they were stored, are parsed):
// for each query token the best token similarity in any variant, a mother's
// name counting for less, averaged. 1 = every word found as written.
[[nodiscard]] double query_match(const names::ParsedName& query, std::string_view variants);
// What the name engine makes of a fixed list of names, as index_names()
// stores it, hashed: it changes when a change to the engine changes what the
// index holds (keys, tokens, vowels), so a store knows its index was built by
// another engine (Repository::refresh_search_index). 16 hex digits.
[[nodiscard]] std::string engine_fingerprint();
// Index terms for free text (notes): normalised words.
[[nodiscard]] std::string index_text(std::string_view text);
// An FTS5 MATCH expression for a user's query, or "" when it has no usable term.
// Every query word must match (AND); a word matches any of its keys (OR).
[[nodiscard]] std::string match_expression(std::string_view query);

}  // namespace sawt::store
