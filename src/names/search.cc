#include "names/search.h"

#include <algorithm>

#include "names/skeleton.h"
#include "names/tokens.h"

namespace sawt::names {
namespace {

void add(std::vector<std::string>& keys, const std::string& key) {
  if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
}

}  // namespace

std::vector<std::string> search_keys(std::string_view name) {
  std::vector<std::string> keys;
  for (const Token& t : tokenize(name)) {
    if (!t.is_name()) continue;
    const TokenKeys k = token_keys(t);
    add(keys, t.key);
    add(keys, k.fine);
    add(keys, k.coarse);
  }
  return keys;
}

std::vector<std::string> search_keys(const ParsedName& name) {
  std::vector<std::string> keys;
  for (const NameToken& t : name.tokens) {
    add(keys, t.token.key);
    add(keys, t.keys.fine);
    add(keys, t.keys.coarse);
  }
  return keys;
}

std::vector<std::string> query_terms(std::string_view query) {
  std::vector<std::string> terms;
  for (const Token& t : tokenize(query)) {
    if (t.is_name()) add(terms, token_keys(t).coarse);
  }
  return terms;
}

}  // namespace sawt::names
