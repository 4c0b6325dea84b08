// Linkage quality on the synthetic Arabic benchmark at the size:
// 100,000 records (55,000 people, 4 sources, both scripts, siblings) written
// by `sawt synth`, linked by file mode (`sawt link --in --out`, the library
// path behind it), measured by link-eval, on two seeds so that no change is
// tuned to one.
//
// The issue asks for F1 >= 0.97 with sibling pairs kept apart at 0.99 or
// more. The engine reaches F1 0.9710 on seed 1 and 0.9724 on seed 2 at
// precision 0.987 (records that are the sole candidate of one cluster join it
// on weaker evidence, see link.h); the F1 and precision floors are that less
// a margin, so that a change that costs quality fails here, and the sibling
// floor is the goal itself (docs/LINKAGE.md).
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
  EXPECT_GE(e->pairs.precision, 0.985);
  EXPECT_GE(e->pairs.f1, 0.967);
  EXPECT_GE(e->siblings->kept_apart, 0.99);
}

TEST(LinkQuality, Synthetic100kSeed1) { check_seed(1); }
TEST(LinkQuality, Synthetic100kSeed2) { check_seed(2); }

}  // namespace
}  // namespace sawt::app
