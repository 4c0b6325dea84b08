// The ranking of search hits: query_match() reads each variant's stored
// tokens and skips decoding when key equality settles a word, which must
// give exactly what comparing every word of every variant gives.
#include "store/search_text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "util/strings.h"

namespace sawt::store {
namespace {

// The definition, with nothing skipped: every query word against every word
// of every variant (parsed again from its written form), a mother's name
// counting for 0.85, the best per query word averaged.
double reference_match(const names::ParsedName& query, const std::vector<NameParts>& people) {
  const size_t n = std::min(query.tokens.size(), names::kMaxNameTokens);
  if (n == 0) return 0;
  std::vector<double> best(n, 0.0);
  for (const NameParts& p : people) {
    for (const auto& [text, weight] : {std::pair{p.display(), 1.0}, std::pair{p.mother, 0.85}}) {
      for (const auto& t : names::parse_name(text, 64).tokens) {
        for (size_t i = 0; i < n; ++i) best[i] = std::max(best[i], weight * names::token_similarity(query.tokens[i], t));
      }
    }
  }
  double total = 0;
  for (double b : best) total += b;
  return total / static_cast<double>(n);
}

TEST(QueryMatch, EqualsComparingEveryWordOfEveryVariant) {
  std::vector<NameParts> people(3);
  people[0].full = "محمد خالد الحموي";
  people[0].mother = "فاطمة الحموي";
  people[1].first = "Mohammed";
  people[1].father = "Khaled";
  people[1].family = "al-Hamwi";
  people[1].mother = "Fatima Hamwi";
  people[2].full = "Muhamad Kaled Abd al-Rahman Abu Bakr al-Hamawi";
  std::vector<const NameParts*> ptrs;
  for (const auto& p : people) ptrs.push_back(&p);
  const IndexedNames indexed = index_names(ptrs);
  for (const std::string query :
       {"محمد", "Mohamad Hamwi", "فاطمه", "Fatima Khaled", "Abdulrahman", "خالد الحموي محمد", "Mahmoud",
        "Hamwi Hamawi Khalid", "عبد الرحمن ابو بكر", "Zeinab Mohammed"}) {
    const names::ParsedName q = names::parse_name(query);
    EXPECT_DOUBLE_EQ(query_match(q, indexed.variants), reference_match(q, people)) << query;
  }
}

}  // namespace
}  // namespace sawt::store
