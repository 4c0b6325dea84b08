// Tests of the generator's building blocks: the PRNG and weighted choice, the
// text noise and rendering helpers, and the embedded reference tables.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "synth/random.h"
#include "synth/tables.h"
#include "synth/text.h"

namespace sawt::synth {
namespace {

TEST(Synth, RngIsReproducibleAndKeyed) {
  Rng a(42);
  Rng b(42);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(a.next(), b.next());
  // Pinned outputs: xoshiro256** seeded by splitmix64 must give these on every machine.
  Rng pinned(42);
  EXPECT_EQ(pinned.next(), 0x5c8961e1f2055d33ULL);
  EXPECT_EQ(pinned.next(), 0xe182e8e848466886ULL);
  EXPECT_EQ(Rng::keyed(1, 2, 3).next(), 0x243534c38050e18bULL);
  EXPECT_NE(Rng::keyed(1, 2, 3).next(), Rng::keyed(1, 2, 4).next());
  EXPECT_NE(Rng::keyed(1, 2, 3).next(), Rng::keyed(1, 3, 2).next());
  EXPECT_EQ(Rng::keyed(7, 1, 2, 3).next(), Rng::keyed(7, 1, 2, 3).next());
}

TEST(Synth, RngHelpersStayInRange) {
  Rng rng(3);
  std::map<int, int> seen;
  double sum = 0;
  for (int i = 0; i < 20000; ++i) {
    const int r = rng.range(-2, 2);
    ASSERT_GE(r, -2);
    ASSERT_LE(r, 2);
    ++seen[r];
    const double u = rng.real();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    const double z = rng.normal();
    ASSERT_GE(z, -6.0);
    ASSERT_LE(z, 6.0);
    sum += z;
  }
  EXPECT_EQ(seen.size(), 5U);
  for (const auto& [value, count] : seen) EXPECT_NEAR(count, 4000, 300) << value;
  EXPECT_NEAR(sum / 20000, 0.0, 0.05);
  EXPECT_FALSE(rng.chance(0.0));
  EXPECT_TRUE(rng.chance(1.0));
}

TEST(Synth, WeightedChoiceFollowsTheWeights) {
  const std::vector<std::uint64_t> weights = {1, 0, 3};
  const WeightedTable table(weights);
  EXPECT_EQ(table.total(), 4U);
  Rng rng(9);
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 40000; ++i) ++counts[table.sample(rng)];
  EXPECT_EQ(counts[1], 0);
  EXPECT_NEAR(counts[0], 10000, 400);
  EXPECT_NEAR(counts[2], 30000, 400);
  const std::vector<double> w = {0.0, 2.0, 0.0};
  for (int i = 0; i < 100; ++i) EXPECT_EQ(choose(rng, w), 1U);
}

TEST(Synth, ArabicHabitsRewriteLettersAsListKeepersDo) {
  Rng rng(1);
  ArabicHabits none;
  EXPECT_EQ(arabic_noise("أحمد", none, rng), "أحمد");
  ArabicHabits hamza;
  hamza.drop_hamza = true;
  EXPECT_EQ(arabic_noise("أحمد إبراهيم مؤمن", hamza, rng), "احمد ابراهيم مومن");
  ArabicHabits ta;
  ta.ta_as_ha = true;
  EXPECT_EQ(arabic_noise("فاطمة", ta, rng), "فاطمه");
  ArabicHabits ya;
  ya.alef_maqsura_as_ya = true;
  EXPECT_EQ(arabic_noise("مصطفى", ya, rng), "مصطفي");
  ArabicHabits join;
  join.join_compounds = true;
  EXPECT_EQ(arabic_noise("عبد الرحمن", join, rng), "عبدالرحمن");
  EXPECT_EQ(arabic_noise("نور الدين", join, rng), "نورالدين");
  EXPECT_EQ(arabic_noise("العبد الله", join, rng), "العبدالله");
  EXPECT_EQ(arabic_noise("محمد خير", join, rng), "محمد خير");
  EXPECT_EQ(arabic_noise("أبو الخير", join, rng), "أبو الخير");
  ArabicHabits typo;
  typo.typo = 1.0;
  int changed = 0;
  for (int i = 0; i < 50; ++i) {
    const std::string out = arabic_noise("محمود", typo, rng);
    EXPECT_TRUE(has_arabic(out));
    changed += out != "محمود" ? 1 : 0;
  }
  EXPECT_GT(changed, 40);
  EXPECT_EQ(drop_arabic_article("الحموي"), "حموي");
  EXPECT_EQ(drop_arabic_article("علي"), "علي");
}

TEST(Synth, LatinTyposAreSingleSlips) {
  Rng rng(5);
  for (int i = 0; i < 200; ++i) {
    const std::string out = latin_typo("mohammad", rng);
    const auto diff = static_cast<long>(out.size()) - 8;
    EXPECT_LE(diff < 0 ? -diff : diff, 1) << out;
  }
  EXPECT_EQ(latin_typo("al", rng), "al");
}

TEST(Synth, LetterCasesAndArticles) {
  EXPECT_EQ(apply_case("abd al-rahman al-hamwi", LetterCase::kTitleParticles), "Abd al-Rahman al-Hamwi");
  EXPECT_EQ(apply_case("abd al-rahman al-hamwi", LetterCase::kTitle), "Abd Al-Rahman Al-Hamwi");
  EXPECT_EQ(apply_case("abd al-rahman al-hamwi", LetterCase::kUpper), "ABD AL-RAHMAN AL-HAMWI");
  EXPECT_EQ(apply_case("abd al-rahman", LetterCase::kLower), "abd al-rahman");
  EXPECT_EQ(render_article("hamwi", "الحموي", ArticleStyle::kAlHyphen), "al-hamwi");
  EXPECT_EQ(render_article("hamwi", "الحموي", ArticleStyle::kElSpace), "el hamwi");
  EXPECT_EQ(render_article("hamwi", "الحموي", ArticleStyle::kAlJoined), "alhamwi");
  EXPECT_EQ(render_article("hamwi", "الحموي", ArticleStyle::kNone), "hamwi");
  EXPECT_EQ(render_article("shami", "الشامي", ArticleStyle::kAssimilated), "ash-shami");
  EXPECT_EQ(render_article("rifai", "الرفاعي", ArticleStyle::kAssimilated), "ar-rifai");
  EXPECT_EQ(render_article("hamwi", "الحموي", ArticleStyle::kAssimilated), "al-hamwi");  // ح is a moon letter
  EXPECT_TRUE(has_arabic("Ahmad أحمد"));
  EXPECT_FALSE(has_arabic("Ahmad"));
}

TEST(Synth, ReferenceTablesLoad) {
  const auto& t = tables();
  ASSERT_TRUE(t) << t.error().describe();
  EXPECT_GE(t->male.size(), 150U);
  EXPECT_GE(t->female.size(), 60U);
  EXPECT_GE(t->family.size(), 300U);
  EXPECT_EQ(t->male.front().arabic, "محمد");
  const VariantSet& mohammad = t->variant_sets[t->male.front().variants];
  const std::set<std::string> spellings(mohammad.latin.begin(), mohammad.latin.end());
  for (const char* s : {"mohamed", "mohammed", "muhammad", "mohammad", "mohamad"}) EXPECT_TRUE(spellings.contains(s)) << s;
  // Compound names and family articles.
  for (const auto& n : t->male) {
    if (n.arabic != "عبد الرحمن") continue;
    const auto& v = t->variant_sets[n.variants].latin;
    const std::set<std::string> forms(v.begin(), v.end());
    for (const char* s : {"abdul rahman", "abdelrahman", "abd al-rahman", "abdulrahman", "abderrahmane"}) {
      EXPECT_TRUE(forms.contains(s)) << s;
    }
  }
  int with_article = 0;
  for (const auto& n : t->family) {
    if (!n.article) continue;
    ++with_article;
    for (const auto& latin : t->variant_sets[n.variants].latin) EXPECT_FALSE(latin.starts_with("al-")) << n.arabic;
  }
  EXPECT_GT(with_article, 150);
  for (const char* code : {"lb-roumieh", "lb-roumieh-block-b", "lb-qobbeh", "lb-zahle", "lb-baabda-women", "lb-barbar-khazen",
                           "lb-jbeil", "lb-baalbek", "lb-army-intelligence", "lb-mod-centre", "lb-gs-adlieh"}) {
    EXPECT_GE(t->facility_index(code), 0) << code;
  }
  EXPECT_TRUE(t->facilities[static_cast<std::size_t>(t->facility_index("lb-baabda-women"))].women_only);
  EXPECT_FALSE(t->facilities[static_cast<std::size_t>(t->facility_index("lb-roumieh"))].women_only);
}

TEST(Synth, MalformedTablesAreReportedWithFileAndLine) {
  const std::string variants = "arabic\tlatin\tweight\torigin\nعلي\tali\t1000\twikidata\n";
  const std::string first = "arabic\tgender\tweight\tlatin\nعلي\tm\t10\tali\nعلي\tf\t10\tali\n";
  const std::string family = "arabic\tweight\tarticle\tlatin\nعلي\t10\t0\tali\n";
  const std::string styles = "style\tweight\texample\nal-\t1\tal-X\n";
  const std::string places = "arabic\tlatin\tgovernorate_ar\tgovernorate_lat\tgroup\tweight\nحمص\tHoms\tحمص\tHoms\tsy\t1\n"
                             "بيروت\tBeirut\tبيروت\tBeirut\tlb\t1\nمخيم\tcamp\tدمشق\tDamascus\tps\t1\n";
  const std::string facilities =
      "code\twomen_only\tweight\tnames_ar\tnames_en\n"
      "lb-roumieh\t0\t1\tرومية\tRoumieh\nlb-roumieh-block-b\t0\t1\tب\tB\nlb-army-intelligence\t0\t1\tم\tA\n"
      "lb-mod-centre\t0\t1\tو\tM\nlb-gs-adlieh\t0\t1\tع\tG\nlb-baabda-women\t1\t1\tن\tW\n";
  ASSERT_TRUE(parse_tables(first, family, variants, styles, places, facilities));

  const auto broken = parse_tables(first, family, variants + "حسن\thassan\tmany\trule\n", styles, places, facilities);
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().kind, ErrorKind::kInternal);
  EXPECT_EQ(broken.error().where, "data/synth/latin_variants.tsv:3");

  const auto missing = parse_tables(first + "عمر\tm\t5\tomar\n", family, variants, styles, places, facilities);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().where, "data/synth/first_names.tsv:4");

  const auto short_row = parse_tables(first, family, variants, styles, places + "حماة\tHama\n", facilities);
  ASSERT_FALSE(short_row);
  EXPECT_EQ(short_row.error().where, "data/synth/places.tsv:5");
}

}  // namespace
}  // namespace sawt::synth
