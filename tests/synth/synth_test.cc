#include "synth/synth.h"

#include <gtest/gtest.h>

TEST(Synth, Builds) {
  auto ds = sawt::synth::generate({});
  ASSERT_TRUE(ds.has_value()) << ds.error().describe();
}
