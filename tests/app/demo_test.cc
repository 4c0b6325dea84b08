#include "app/demo.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "store/repository.h"
#include "testing.h"

namespace sawt::app {
namespace {

TEST(Demo, BuildsACompleteStore) {
  setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
  sawt::testing::TempDir tmp;
  auto report = build_demo_store(tmp / "demo", crypto::make_passphrase("demo passphrase"), {60, 7});
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_EQ(report->persons, 60);
  EXPECT_EQ(report->quarantined, 3);
  EXPECT_GE(report->sources, 4);
  auto s = store::Store::open(tmp / "demo", crypto::make_passphrase("demo passphrase"));
  ASSERT_TRUE(s);
  auto& db = (*s)->db();
  // Every record belongs to a person; persons have cases, consent and a timeline.
  EXPECT_EQ(*db.query_int(
                "SELECT count(*) FROM source_records WHERE id NOT IN (SELECT record_id FROM person_records)"),
            0);
  EXPECT_GT(*db.query_int("SELECT count(*) FROM cases"), 0);
  EXPECT_GT(*db.query_int("SELECT count(*) FROM consents"), 0);
  EXPECT_GT(*db.query_int("SELECT count(*) FROM events"), 0);
  EXPECT_GT(*db.query_int("SELECT count(DISTINCT scope) FROM consents"), 3);
  auto v = (*s)->audit().verify();
  ASSERT_TRUE(v);
  EXPECT_FALSE(v->first_bad);
}

TEST(Demo, SynthFilesHaveTruthForEveryRecord) {
  sawt::testing::TempDir tmp;
  auto files = write_synth_files(tmp / "synth", 200, 3, 5);
  ASSERT_TRUE(files) << files.error().describe();
  const auto records = sawt::testing::read_file(tmp / "synth" / "records.csv");
  const auto truth = sawt::testing::read_file(tmp / "synth" / "truth.csv");
  EXPECT_EQ(std::count(truth.begin(), truth.end(), '\n'), files->records + 1);
  EXPECT_TRUE(records.starts_with("record_id,source,full_name"));
}

}  // namespace
}  // namespace sawt::app
