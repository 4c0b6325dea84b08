// A fresh encrypted store and a repository on it, for the app tests (fast
// key derivation; removed with its folder after each test).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

#include "store/repository.h"
#include "testing.h"

namespace sawt::app {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
    auto s = store::Store::create(tmp / "store", crypto::make_passphrase("correct horse battery"));
    ASSERT_TRUE(s);
    store = std::move(*s);
    repo = std::make_unique<store::Repository>(*store, "t");
  }
  sawt::testing::TempDir tmp;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::Repository> repo;
};

}  // namespace sawt::app
