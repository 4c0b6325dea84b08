#include "store/checkpoint.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "store/repository.h"
#include "testing.h"

namespace sawt::store {
namespace {

class CheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
    auto s = Store::create(tmp / "store", crypto::make_passphrase("correct horse battery"));
    ASSERT_TRUE(s);
    store = std::move(*s);
  }
  void add(int n) {
    Repository repo(*store, "t");
    for (int i = 0; i < n; ++i) {
      Person p;
      p.name_lat.full = "P " + std::to_string(i);
      ASSERT_TRUE(repo.add_person(p));
    }
  }
  sawt::testing::TempDir tmp;
  std::unique_ptr<Store> store;
};

TEST_F(CheckpointTest, VerifiesWhileTheLogOnlyGrows) {
  add(3);
  auto text = make_checkpoint(*store);
  ASSERT_TRUE(text);
  add(2);
  auto cp = parse_checkpoint(*text, "cp");
  ASSERT_TRUE(cp) << cp.error().describe();
  EXPECT_EQ(cp->rows, 3);
  EXPECT_TRUE(check_against(*store, *cp));
}

TEST_F(CheckpointTest, DetectsAnAlteredCheckpoint) {
  add(3);
  auto text = make_checkpoint(*store);
  ASSERT_TRUE(text);
  std::string forged = *text;
  forged.replace(forged.find("rows: 3"), 7, "rows: 2");
  auto cp = parse_checkpoint(forged, "cp");
  ASSERT_FALSE(cp);
  EXPECT_EQ(cp.error().kind, ErrorKind::kAuth);
}

TEST_F(CheckpointTest, DetectsTruncationAndEdits) {
  add(4);
  auto cp = parse_checkpoint(*make_checkpoint(*store), "cp");
  ASSERT_TRUE(cp);
  ASSERT_TRUE(store->db().exec("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id >= 3"));
  auto r = check_against(*store, *cp);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kIntegrity);
  EXPECT_NE(r.error().message.find("truncated"), std::string::npos);
}

TEST_F(CheckpointTest, RefusesACheckpointOfAnotherInstallation) {
  add(1);
  sawt::testing::TempDir other_dir;
  auto other = Store::create(other_dir.path() / "s", crypto::make_passphrase("correct horse battery"));
  ASSERT_TRUE(other);
  auto cp = parse_checkpoint(*make_checkpoint(**other), "cp");
  ASSERT_TRUE(cp);
  auto r = check_against(*store, *cp);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kAuth);
}

}  // namespace
}  // namespace sawt::store
