#include "app/import.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "app/store_fixture.h"
#include "testing.h"

namespace sawt::app {
namespace {

class ImportTest : public StoreTest {};

TEST_F(ImportTest, GoodRowsGoInBadRowsAreQuarantinedAndReimportIsANoOp) {
  const auto csv = sawt::testing::read_file(sawt::testing::data_path("io/records_with_errors.csv"));
  auto r = import_records(*repo, csv, {"lawyers", "lawyer", 4, "x.csv", "", {}});
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_FALSE(r->already_imported);
  EXPECT_EQ(r->info.rows_ok, 4);
  EXPECT_EQ(r->quarantined.size(), 8U);
  EXPECT_EQ(*store->db().query_int("SELECT count(*) FROM source_records"), 4);
  EXPECT_EQ(*store->db().query_int("SELECT count(*) FROM quarantine"), 8);
  auto src = repo->find_source("lawyers");
  ASSERT_TRUE(src && *src);
  EXPECT_EQ((*src)->kind, "lawyer");
  EXPECT_EQ((*src)->reliability, 4);

  auto again = import_records(*repo, csv, {"lawyers", "lawyer", 4, "x.csv", "", {}});
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->already_imported);
  EXPECT_EQ(*store->db().query_int("SELECT count(*) FROM source_records"), 4);
}

TEST_F(ImportTest, RowsNameTheirOwnSources) {
  const std::string csv =
      "record_id,source,full_name\n1,Family committee,Ahmad Ali\n2,NGO list,Omar Saleh\n3,,Bilal Kassem\n";
  auto r = import_records(*repo, csv, {"default list", "other", 3, "y.csv", "", {}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->records_per_source.at("Family committee"), 1);
  EXPECT_EQ(r->records_per_source.at("default list"), 1);
  EXPECT_EQ(r->sources_created.size(), 3U);
}

// A file imported as one source (a partner share) may not slip records into
// other sources: one row naming a source refuses the whole file.
TEST_F(ImportTest, OneSourceRefusesARowNamingAnotherAndWritesNothing) {
  const std::string csv = "record_id,source,full_name\n1,,Ahmad Ali\n2,Family committee,Omar Saleh\n";
  ImportOptions o{"Share from X", "partner_share", 3, "share.csv", "", {}};
  o.one_source = true;
  auto r = import_records(*repo, csv, o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kBadInput);
  EXPECT_EQ(r.error().where, "share.csv:3");
  EXPECT_NE(r.error().message.find("Family committee"), std::string::npos) << r.error().message;
  EXPECT_EQ(*store->db().query_int("SELECT count(*) FROM imports"), 0);
  EXPECT_EQ(*store->db().query_int("SELECT count(*) FROM sources"), 0);
  o.one_source = false;  // the same file as an ordinary import names both sources
  ASSERT_TRUE(import_records(*repo, csv, o));
}

TEST_F(ImportTest, WithoutAnySourceTheImportIsRefusedAndNothingIsWritten) {
  auto r = import_records(*repo, "full_name\nAhmad Ali\n", {"", "other", 3, "z.csv", "", {}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kUsage);
  EXPECT_EQ(r.error().where, "z.csv:2");
  EXPECT_EQ(*store->db().query_int("SELECT count(*) FROM imports"), 0);
}

}  // namespace
}  // namespace sawt::app
