#include "names/similarity.h"

#include <gtest/gtest.h>

#include <string>

#include "names/golden.h"

namespace sawt::names {
namespace {

TEST(Similarity, JaroWinklerKnownValues) {
  // Winkler (1990) and the record-linkage literature.
  EXPECT_NEAR(jaro(U"MARTHA", U"MARHTA"), 0.944, 0.001);
  EXPECT_NEAR(jaro_winkler(U"MARTHA", U"MARHTA"), 0.961, 0.001);
  EXPECT_NEAR(jaro(U"DWAYNE", U"DUANE"), 0.822, 0.001);
  EXPECT_NEAR(jaro_winkler(U"DWAYNE", U"DUANE"), 0.840, 0.001);
  EXPECT_NEAR(jaro(U"DIXON", U"DICKSONX"), 0.767, 0.001);
  EXPECT_NEAR(jaro_winkler(U"DIXON", U"DICKSONX"), 0.813, 0.001);
  EXPECT_NEAR(jaro_winkler("MARTHA", "MARHTA"), 0.961, 0.001);
}

TEST(Similarity, JaroWinklerEdgeCases) {
  EXPECT_EQ(jaro_winkler(U"", U""), 1.0);
  EXPECT_EQ(jaro_winkler(U"", U"a"), 0.0);
  EXPECT_EQ(jaro_winkler(U"abc", U"xyz"), 0.0);
  EXPECT_EQ(jaro_winkler(U"a", U"a"), 1.0);
  EXPECT_DOUBLE_EQ(jaro_winkler("محمد", "محمد"), 1.0);
}

TEST(Similarity, CountsCodePointsNotBytes) {
  // محمد and محمود differ by one code point but by two bytes.
  EXPECT_EQ(osa_distance("محمد", "محمود"), 1);
  EXPECT_EQ(osa_distance("حسن", "حسين"), 1);
  EXPECT_NEAR(jaro_winkler("محمد", "محمود"), jaro_winkler(U"mhmd", U"mhmwd"), 1e-12);
  EXPECT_NEAR(osa_similarity("محمد", "محمود"), 0.8, 1e-12);
}

TEST(Similarity, OptimalStringAlignmentDistance) {
  EXPECT_EQ(osa_distance(U"ca", U"abc"), 3);  // unrestricted Damerau-Levenshtein would say 2
  EXPECT_EQ(osa_distance(U"abc", U"acb"), 1);  // one transposition
  EXPECT_EQ(osa_distance(U"kitten", U"sitting"), 3);
  EXPECT_EQ(osa_distance(U"", U"abc"), 3);
  EXPECT_EQ(osa_distance(U"abc", U""), 3);
  EXPECT_EQ(osa_distance(U"", U""), 0);
  EXPECT_EQ(osa_distance("mohammed", "mohammad"), 1);
  EXPECT_EQ(osa_distance("khaled", "khaeld"), 1);
  EXPECT_EQ(osa_similarity("", ""), 1.0);
}

TEST(Similarity, KernelsAreSymmetric) {
  const std::vector<std::string> words = {"mohammed", "mahmoud", "muhammad", "محمد", "محمود", "ca", "abc", "", "x",
                                          "dixon",    "dicksonx", "aaaaab"};
  for (const auto& a : words) {
    for (const auto& b : words) {
      EXPECT_DOUBLE_EQ(jaro_winkler(a, b), jaro_winkler(b, a)) << a << " " << b;
      EXPECT_EQ(osa_distance(a, b), osa_distance(b, a)) << a << " " << b;
    }
  }
}

TEST(Similarity, LongStringsTakeTheHeapPath) {
  const std::u32string a(100, U'a');
  std::u32string b = a;
  b[50] = U'b';
  EXPECT_EQ(osa_distance(a, b), 1);
  EXPECT_EQ(osa_distance(a, a + U"cc"), 2);
  EXPECT_GT(jaro_winkler(a, b), 0.99);
  EXPECT_EQ(jaro_winkler(a, a), 1.0);
  std::string long_arabic;
  for (int i = 0; i < 40; ++i) long_arabic += "محمد";
  EXPECT_EQ(osa_distance(long_arabic, long_arabic + "ي"), 1);
}

TEST(Similarity, NameGoldenTable) {
  const auto rows = golden::read_table("similarity.tsv", 4);
  ASSERT_GE(rows.size(), 30u);
  for (const auto& row : rows) {
    const double s = name_similarity(row[0], row[1]);
    const std::string at = golden::where("similarity.tsv", row) + " " + row[0] + " / " + row[1];
    EXPECT_GE(s, std::stod(row[2])) << at;
    EXPECT_LE(s, std::stod(row[3])) << at;
    EXPECT_NEAR(s, name_similarity(row[1], row[0]), 1e-9) << at << " (symmetry)";
  }
}

TEST(Similarity, ParsedNamesKeepOnlyNameTokens) {
  const ParsedName p = parse_name("Ahmad bin Ali al");
  ASSERT_EQ(p.tokens.size(), 2u);
  EXPECT_EQ(p.tokens[0].keys.coarse, "ahmd");
  EXPECT_EQ(p.tokens[1].keys.coarse, "al");
  EXPECT_EQ(parse_name("a b c d e f g h i j k").tokens.size(), kMaxNameTokens);
}

TEST(Similarity, RanksSpellingVariantsAboveOtherNames) {
  EXPECT_GT(name_similarity("Mohamed", "Muhammad"), name_similarity("Mohamed", "Mahmoud"));
  EXPECT_GT(name_similarity("محمد", "Mohammed"), name_similarity("محمود", "Mohammed"));
  EXPECT_GT(name_similarity("Mohammad Ahmad Hamwi", "Mohammad Ahmad Khaled Hamwi"),
            name_similarity("Mohammad Ahmad Hamwi", "Ahmad Mohammad Hamwi") - 0.01);
}

}  // namespace
}  // namespace sawt::names

namespace sawt::names {
namespace {

// What the search index stores instead of parsing a name again: decoding the
// stored form gives the same similarities as the parsed name, for names in
// both scripts, compounds, kunyas and articles.
TEST(ParsedNameEncoding, DecodedNamesCompareExactlyAsParsedOnes) {
  const std::vector<std::string> names = {
      "محمد خالد الحموي", "Mohammed Khaled al-Hamwi", "Abd al-Rahman Abu Bakr", "عبد الرحمن أبو بكر",
      "Nour Eddine Nasrallah", "محمود", "Mahmoud el-Masri", "Ahmad bin Ali", "", "Zeinab",
      "Munther", "منذر", "عبد الناظم", "Abdul Nathem", "Abd al-Nazem",
      // Names with a listed reading (Mahmud is not محمد): kept when decoded.
      "محمد", "Mahmud", "عمار", "Omar", "عمر"};
  for (const auto& a : names) {
    const ParsedName pa = parse_name(a);
    const std::string encoded = encode_parsed(pa);
    EXPECT_EQ(encoded.find('\n'), std::string::npos) << a;
    const auto decoded = decode_parsed(encoded);
    ASSERT_TRUE(decoded) << a;
    ASSERT_EQ(decoded->tokens.size(), pa.tokens.size()) << a;
    for (const auto& b : names) {
      const ParsedName pb = parse_name(b);
      for (const auto& tb : pb.tokens) {
        for (size_t i = 0; i < pa.tokens.size(); ++i) {
          EXPECT_EQ(token_similarity(tb, decoded->tokens[i]), token_similarity(tb, pa.tokens[i])) << a << " / " << b;
        }
      }
      EXPECT_EQ(name_similarity(*decoded, pb), name_similarity(pa, pb)) << a << " / " << b;
    }
  }
}

// One buffer decoded into again and again (as the search does per candidate)
// holds exactly the last name: no token of a longer earlier name survives.
TEST(ParsedNameEncoding, DecodingIntoAReusedBufferGivesTheLastNameOnly) {
  ParsedName buffer;
  for (const std::string name :
       {"Abd al-Rahman Abu Bakr Nasrallah al-Hamwi", "محمود", "Mahmoud el-Masri", ""}) {
    const ParsedName parsed = parse_name(name);
    ASSERT_TRUE(decode_parsed_into(encode_parsed(parsed), buffer)) << name;
    EXPECT_EQ(encode_parsed(buffer), encode_parsed(parsed)) << name;
  }
}

// The bounded form agrees with token_similarity whenever that is above the
// floor, and never claims more than the floor otherwise.
TEST(TokenSimilarity, TheBoundedFormIsExactAboveItsFloor) {
  const std::vector<std::string> names = {"محمد خالد الحموي",
                                          "Mohammed Khaled al-Hamwi",
                                          "Muhamad Kaled",
                                          "محمود",
                                          "Mahmoud el-Masri",
                                          "Abu Bakr",
                                          "عبد الرحمن",
                                          "Zeinab",
                                          "Hamdi",
                                          "حمدان",
                                          "Ahmad bin Ali",
                                          "منذر",
                                          "Munther",
                                          "Munzer",
                                          "Nazem",
                                          "ناظم"};
  for (const auto& a : names) {
    for (const auto& b : names) {
      for (const auto& ta : parse_name(a).tokens) {
        for (const auto& tb : parse_name(b).tokens) {
          const double exact = token_similarity(ta, tb);
          for (const double floor : {0.0, 0.5, 0.8, 0.85, 0.9, 0.95}) {
            const double bounded = token_similarity_above(ta, tb, floor);
            if (exact > floor) {
              EXPECT_EQ(bounded, exact) << a << " / " << b << " floor " << floor;
            } else {
              EXPECT_LE(bounded, floor) << a << " / " << b << " floor " << floor;
            }
          }
        }
      }
    }
  }
}

TEST(ParsedNameEncoding, TextThatIsNotAnEncodingIsRefused) {
  for (const std::string bad : {"Mohammed", "0\x1fkey", "99\x1fk\x1f" "f\x1f" "c\x1f" "100",
                                "01\x1fk\x1f" "f\x1f" "c\x1f" "2zz", "01\x1fk\x1f" "f\x1f" "c\x1f" "200\x1f" "extra"}) {
    EXPECT_FALSE(decode_parsed(bad)) << bad;
  }
  EXPECT_TRUE(decode_parsed(""));  // a name without name tokens
}

}  // namespace
}  // namespace sawt::names
