#include "store/search_text.h"

#include <set>

#include "util/strings.h"

namespace sawt::store {

namespace {

// Placeholder until the name engine lands: lower-cased words.
std::vector<std::string> word_keys(std::string_view word) { return {to_lower_ascii(word)}; }

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !std::isalnum(u)) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

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
  std::set<std::string> terms;
  for (const auto* n : names) {
    for (const auto* part : {&n->full, &n->first, &n->father, &n->grandfather, &n->family, &n->mother}) {
      for (const auto& w : words(*part)) {
        for (auto& k : word_keys(w)) terms.insert(std::move(k));
      }
    }
  }
  return join(std::vector<std::string>(terms.begin(), terms.end()), " ");
}

std::string index_text(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& w : words(text)) {
    for (auto& k : word_keys(w)) out.push_back(std::move(k));
  }
  return join(out, " ");
}

std::string match_expression(std::string_view query) {
  std::vector<std::string> clauses;
  for (const auto& w : words(query)) {
    std::vector<std::string> alts;
    for (const auto& k : word_keys(w)) alts.push_back(quote(k));
    if (alts.empty()) continue;
    clauses.push_back(alts.size() == 1 ? alts[0] : "(" + join(alts, " OR ") + ")");
  }
  return join(clauses, " AND ");
}

}  // namespace sawt::store
