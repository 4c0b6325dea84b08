// Linkage quality on the synthetic Arabic benchmark at the size:
// 100,000 records (55,000 people, 4 sources, both scripts, siblings) written
// by `sawt synth`, linked by file mode (`sawt link --in --out`, the library
// path behind it), measured by link-eval, on two seeds so that no change is
// tuned to one.
//
// The floors are what the engine reaches today less a margin (F1 0.968 on
// seed 1 and 0.970 on seed 2, precision 0.986: records that are the sole
// candidate of one cluster join it on weaker evidence, see link.h), not the
// goal: the issue asks for F1 >= 0.97 (see docs/LINKAGE.md for where the
// misses are). Sibling pairs kept apart must stay at or above 0.99, which is
// the goal.
#include <gtest/gtest.h>

#include <cstdio>

#include "app/demo.h"
#include "app/link_files.h"
#include "testing.h"

namespace sawt::app {
namespace {

void check_seed(std::uint64_t seed) {
  sawt::testing::TempDir dir;
  const auto files = write_synth_files(dir / "s", 55000, 4, seed);
  ASSERT_TRUE(files) << files.error().describe();
  ASSERT_GT(files->records, 95000);
  LinkFilesOptions o;
  o.in = dir / "s" / "records.csv";
  o.out = dir / "clusters.csv";
  o.link.threads = 2;
  const auto report = link_files(o);
  ASSERT_TRUE(report) << report.error().describe();
  const auto e = evaluate_files(dir / "clusters.csv", dir / "s" / "truth.csv");
  ASSERT_TRUE(e) << e.error().describe();
  ASSERT_TRUE(e->siblings);
  std::fprintf(stderr, "seed %llu: %s; siblings kept apart %.4f (%zu of %zu merged)\n",
               static_cast<unsigned long long>(seed), e->pairs.summary().c_str(), e->siblings->kept_apart,
               e->siblings->merged, e->siblings->pairs);
  EXPECT_GE(e->pairs.precision, 0.984);
  EXPECT_GE(e->pairs.f1, 0.965);
  EXPECT_GE(e->siblings->kept_apart, 0.99);
}

TEST(LinkQuality, Synthetic100kSeed1) { check_seed(1); }
TEST(LinkQuality, Synthetic100kSeed2) { check_seed(2); }

}  // namespace
}  // namespace sawt::app
