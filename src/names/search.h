// What a store indexes and queries with, so that a query in either script
// finds a name written in either script ("محمد الحموي" finds "Mohamed
// al-Hamwi" and the other way round).
//
// How a search layer must use it:
//  1. Index: for each name (each written form a record holds: full name,
//     parts, aliases), put search_keys(name) joined by single spaces into one
//     FTS5 column, e.g.
//       CREATE VIRTUAL TABLE name_index USING fts5(keys, tokenize='unicode61');
//       INSERT INTO name_index(rowid, keys) VALUES (?, 'محمد mhmd حموي hmw ...');
//     Every key is a single FTS5 term: ASCII a-z0-9 or Arabic base letters
//     (U+0627..U+064A) and digits, never punctuation or spaces.
//  2. Query: take query_terms(query), quote each term and AND them:
//       SELECT rowid FROM name_index WHERE keys MATCH '"mhmd" AND "hmw"';
//     A term may end with * for search-as-you-type ('"mhm"*'). The coarse
//     skeleton is the one key every spelling of a name shares, so this finds
//     all spellings (and some other names with the same consonants: Mahmoud
//     for Mohammed).
//  3. Rank the candidates by name_similarity(query, stored name)
//     (similarity.h) and cut below a threshold (0.8 keeps spelling variants
//     and drops most names that only share consonants).
// Keys of a name: for each name token (tokens.h), its key (normal form
// without article: "حموي", "hamwi", "abdrahman"), its fine skeleton and its
// coarse skeleton (skeleton.h); duplicates removed, order kept. Particles and
// patronymic markers are not indexed. Thread-safety: pure, any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "names/similarity.h"

namespace sawt::names {

// The index keys of NAME; empty when NAME has no name token.
[[nodiscard]] std::vector<std::string> search_keys(std::string_view name);
// The same keys from NAME as parse_name() gave it (similarity.h), for a
// caller that parses the name anyway: equal to search_keys(text) when the
// parse kept every name token (parse_name(text, max_tokens) with a
// max_tokens above the name's count).
[[nodiscard]] std::vector<std::string> search_keys(const ParsedName& name);

// The terms to AND in a query: the coarse skeleton of each name token of
// QUERY, in order, duplicates removed; empty when QUERY has no name token.
[[nodiscard]] std::vector<std::string> query_terms(std::string_view query);

}  // namespace sawt::names
