#include "store/search_text.h"

#include <set>

#include "names/normalize.h"
#include "names/search.h"
#include "util/strings.h"

namespace sawt::store {

namespace {

std::string quote(std::string_view term) {
  std::string out = "\"";
  for (char c : term) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string index_terms(const std::vector<const NameParts*>& names) {
  std::set<std::string> seen;
  std::vector<std::string> terms;
  const auto add = [&](const std::string& text) {
    if (text.empty()) return;
    for (auto& k : names::search_keys(text)) {
      if (seen.insert(k).second) terms.push_back(std::move(k));
    }
  };
  for (const auto* n : names) {
    add(n->full);
    add(n->display());  // the parts as one name, so compounds split across parts still meet
    add(n->mother);
  }
  return join(terms, " ");
}

std::string index_text(std::string_view text) {
  // Notes: every word's keys, so notes are searchable in either script too.
  std::vector<std::string> out;
  for (const auto& word : split(names::normalize_name(text), ' ')) {
    if (word.empty()) continue;
    for (auto& k : names::search_keys(word)) out.push_back(std::move(k));
  }
  return join(out, " ");
}

std::string match_expression(std::string_view query) {
  std::vector<std::string> clauses;
  for (const auto& term : names::query_terms(query)) clauses.push_back(quote(term));
  return join(clauses, " AND ");
}

}  // namespace sawt::store
