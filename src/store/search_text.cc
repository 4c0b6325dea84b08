#include "store/search_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <set>

#include "names/normalize.h"
#include "names/search.h"
#include "util/strings.h"

namespace sawt::store {

namespace {

// A word found only in a mother's name counts for less than in the person's own name.
constexpr double kMotherWeight = 0.85;
// Between a variant's written form and its parsed tokens (names::encode_parsed).
constexpr char kParsedSep = '\x1d';

std::string quote(std::string_view term) {
  std::string out = "\"";
  for (char c : term) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

IndexedNames index_names(const std::vector<const NameParts*>& names) {
  std::set<std::string> seen;
  std::vector<std::string> terms;
  std::string variants;
  const auto add = [&](std::string_view prefix, const std::string& name) {
    if (name.empty()) return;
    const names::ParsedName parsed = names::parse_name(name, std::numeric_limits<std::size_t>::max());
    for (auto& k : names::search_keys(parsed)) {
      if (seen.insert(k).second) terms.push_back(std::move(k));
    }
    // A stored parse holds kMaxNameTokens tokens at most: the words of a
    // longer name go on further lines of the same kind (with no written form),
    // which ranks the same, as query_match does not look at word order.
    size_t from = 0;
    do {
      names::ParsedName chunk;
      const size_t to = std::min(parsed.tokens.size(), from + names::kMaxNameTokens);
      chunk.tokens.assign(parsed.tokens.begin() + static_cast<std::ptrdiff_t>(from),
                          parsed.tokens.begin() + static_cast<std::ptrdiff_t>(to));
      if (!variants.empty()) variants += '\n';
      variants += prefix;
      if (from == 0) variants += name;
      variants += kParsedSep;
      variants += names::encode_parsed(chunk);
      from = to;
    } while (from < parsed.tokens.size());
  };
  for (const auto* n : names) {
    add("", n->display());  // the full name, or the parts as one name
    add("~", n->mother);    // ~ marks a mother's name
  }
  return {join(terms, " "), std::move(variants)};
}

// Variants are decoded one at a time into one reused buffer, and the work
// stops once every query word has been found as written (similarity 1, the
// most it can be): the usual case for a hit, after its first variant.
double query_match(const names::ParsedName& query, std::string_view variants) {
  const size_t n = std::min(query.tokens.size(), names::kMaxNameTokens);
  if (n == 0) return 0;
  std::array<double, names::kMaxNameTokens> best{};
  size_t found = 0;  // query tokens whose best is 1
  thread_local names::ParsedName stored;
  while (!variants.empty() && found < n) {
    const auto eol = variants.find('\n');
    std::string_view v = variants.substr(0, eol);
    variants = eol == std::string_view::npos ? std::string_view() : variants.substr(eol + 1);
    const bool mother = v.starts_with("~");
    if (mother) v.remove_prefix(1);
    const double weight = mother ? kMotherWeight : 1.0;
    const auto sep = v.find(kParsedSep);
    if (sep == std::string_view::npos || !names::decode_parsed_into(v.substr(sep + 1), stored)) {
      stored = names::parse_name(v.substr(0, sep));
    }
    for (size_t i = 0; i < n; ++i) {
      if (best[i] >= 1.0) continue;
      for (const auto& t : stored.tokens) {
        best[i] =
            std::max(best[i], weight * names::token_similarity_above(query.tokens[i], t, best[i] / weight));
        if (best[i] >= 1.0) {
          ++found;
          break;
        }
      }
    }
  }
  double total = 0;
  for (size_t i = 0; i < n; ++i) total += best[i];
  return total / static_cast<double>(n);
}

std::string engine_fingerprint() {
  // Names that exercise every kind of rule: both scripts, hamza and alef
  // forms, ta marbuta, compounds and kunyas, particles, French and English
  // vowel spellings, interdentals, long names.
  static const std::vector<std::string_view> kProbe = {
      "محمد خالد الحموي",  "أسامة إبراهيم الحموي", "مصطفى علي",          "عبد الرحمن أبو بكر",
      "فاطمة الزهراء",     "منذر ظاهر",            "عمرو بن العاص",      "محمد خير محمد الحسن",
      "Mohammed Khaled al-Hamwi", "Muhammad Abdel Aziz El-Masri", "Abou Bakr Nasrallah", "Nour Eddine Ben Ali",
      "Hassine Ameur Jabeur",     "Hocine Amine Youssef",         "Munther Thaer Dhaher",  "Abdoo Ayad Iyad",
      "Ahmad bin Ali al-Hassan Omar Ali Hasan Mahmoud Khalil", "Sbdul Aziz Atallah"};
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, 64 bits
  const auto mix = [&](std::string_view text) {
    for (const char c : text) {
      h ^= static_cast<unsigned char>(c);
      h *= 0x100000001b3ULL;
    }
    h ^= 0xff;
    h *= 0x100000001b3ULL;
  };
  for (const std::string_view name : kProbe) {
    NameParts parts;
    parts.full = std::string(name);
    const IndexedNames indexed = index_names({&parts});
    mix(indexed.terms);
    mix(indexed.variants);
  }
  return fmt::format("{:016x}", h);
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
