#include "names/search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sqlite3.h>
#include <string>
#include <vector>

#include "names/similarity.h"
#include "names/text.h"

namespace sawt::names {
namespace {

bool is_fts_term(const std::string& key) {
  const std::u32string cps = detail::to_u32(key);
  return !cps.empty() && std::all_of(cps.begin(), cps.end(), [](char32_t c) {
    return detail::is_ascii_lower(c) || detail::is_ascii_digit(c) || (c >= 0x0627 && c <= 0x064A);
  });
}

// The index contract of search.h without a database: every query term must
// be among the keys of the name.
bool found(const std::string& query, const std::string& name) {
  const auto keys = search_keys(name);
  const auto terms = query_terms(query);
  return !terms.empty() && std::all_of(terms.begin(), terms.end(), [&](const std::string& t) {
           return std::find(keys.begin(), keys.end(), t) != keys.end();
         });
}

TEST(Search, KeysAreSingleFtsTerms) {
  for (const char* name : {"محمد أحمد الحموي", "Abd al-Rahman bin Ali al-Hamwi", "Nour Eddine Abu Bakr", "فاطمة بنت محمد",
                           "3li 7asan", "محمد ٢"}) {
    const auto keys = search_keys(name);
    EXPECT_FALSE(keys.empty()) << name;
    for (const auto& k : keys) EXPECT_TRUE(is_fts_term(k)) << name << ": " << k;
  }
}

TEST(Search, KeysOfANameHoldNormalFormsAndSkeletonsWithoutArticle) {
  const auto keys = search_keys("محمد الحموي");
  EXPECT_EQ(keys, (std::vector<std::string>{"محمد", "mhmd", "حموي", "hm"}));
  EXPECT_EQ(query_terms("Mohamed al-Hamwi"), (std::vector<std::string>{"mhmd", "hm"}));
  EXPECT_TRUE(search_keys("al").empty());
  EXPECT_TRUE(search_keys("، - ؟").empty());
  EXPECT_TRUE(query_terms("").empty());
}

TEST(Search, AQueryInEitherScriptFindsANameInEither) {
  EXPECT_TRUE(found("محمد الحموي", "Mohamed al-Hamwi"));
  EXPECT_TRUE(found("Mohammad Hamwi", "محمد أحمد الحموي"));
  EXPECT_TRUE(found("Muhammad El-Hamoui", "محمد أحمد الحموي"));
  EXPECT_TRUE(found("Abdurrahman", "عبد الرحمن خالد"));
  EXPECT_TRUE(found("عبدالرحمن", "Abdul Rahman Khaled"));
  EXPECT_TRUE(found("Noureddine", "نور الدين"));
  EXPECT_TRUE(found("Khaled", "Haled"));
  EXPECT_FALSE(found("Mohammad Hamwi", "Ahmad al-Hamwi"));
  EXPECT_FALSE(found("Abu Bakr", "Abd Bakr"));
  EXPECT_FALSE(found("", "محمد"));
}

// The documented use with SQLite FTS5: keys in one column, query terms ANDed,
// candidates ranked by name_similarity.
TEST(Search, WorksAsDocumentedWithSqliteFts5) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  auto exec = [&](const std::string& sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string message = err != nullptr ? err : "";
    sqlite3_free(err);
    return rc == SQLITE_OK ? std::string() : message;
  };
  const std::string created = exec("CREATE VIRTUAL TABLE name_index USING fts5(keys, tokenize='unicode61')");
  if (!created.empty()) {
    sqlite3_close(db);
    GTEST_SKIP() << "SQLite without FTS5: " << created;
  }
  const std::vector<std::string> names = {"محمد أحمد الحموي", "Mahmoud Ahmad Hamwi", "Ahmad Khaled al-Hamwi",
                                          "Mohamed Hamoui", "عبد الرحمن الحموي"};
  sqlite3_stmt* insert = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "INSERT INTO name_index(rowid, keys) VALUES (?, ?)", -1, &insert, nullptr), SQLITE_OK);
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string keys;
    for (const auto& k : search_keys(names[i])) keys += (keys.empty() ? "" : " ") + k;
    sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(i));
    sqlite3_bind_text(insert, 2, keys.c_str(), -1, SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(insert), SQLITE_DONE);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);

  auto search = [&](const std::string& query) {
    std::string match;
    for (const auto& t : query_terms(query)) match += (match.empty() ? "\"" : " AND \"") + t + "\"";
    std::vector<std::string> hits;
    sqlite3_stmt* select = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT rowid FROM name_index WHERE keys MATCH ?", -1, &select, nullptr), SQLITE_OK);
    sqlite3_bind_text(select, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(select) == SQLITE_ROW) {
      const auto& name = names[static_cast<std::size_t>(sqlite3_column_int64(select, 0))];
      if (name_similarity(query, name) >= 0.8) hits.push_back(name);
    }
    sqlite3_finalize(select);
    std::sort(hits.begin(), hits.end());
    return hits;
  };
  // Mahmoud shares the consonants (FTS finds it) but ranking drops it.
  EXPECT_EQ(search("Muhammad al-Hamwi"), (std::vector<std::string>{"Mohamed Hamoui", "محمد أحمد الحموي"}));
  EXPECT_EQ(search("Abdurrahman Hamwi"), (std::vector<std::string>{"عبد الرحمن الحموي"}));
  sqlite3_close(db);
}

// The store indexes the keys of a name it has parsed anyway: the same keys,
// in the same order, as from the text, for names in both scripts with
// compounds, kunyas, particles and markers.
TEST(SearchKeys, AParsedNameGivesTheKeysOfItsText) {
  for (const std::string name :
       {"محمد خالد الحموي", "Mohammed Khaled al-Hamwi", "Abd al-Rahman Abu Bakr", "عبد الرحمن بن أبو بكر",
        "Nour Eddine Nasrallah", "Ahmad bin Ali ibn Hussein", "محمود", "", "Zeinab el-Masri"}) {
    ASSERT_LT(parse_name(name).tokens.size(), kMaxNameTokens) << name;
    EXPECT_EQ(search_keys(parse_name(name)), search_keys(name)) << name;
  }
  const std::string long_name = "Ahmad Khaled Omar Yasser Samir Hamdan Ibrahim Mahmoud Ziad Zubair";
  EXPECT_EQ(parse_name(long_name).tokens.size(), kMaxNameTokens);
  EXPECT_EQ(search_keys(parse_name(long_name, 100)), search_keys(long_name));
}

}  // namespace
}  // namespace sawt::names
