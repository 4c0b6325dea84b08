// The demo store: a complete store built from synthetic detainees (never real
// people), so that a newcomer sees everything sawt can do. Sources' lists are
// written as interchange CSV and go through the real importer (including a few
// deliberately broken rows, which are quarantined); linkage in the store
// (app/link_store.h) makes them into persons and leaves a few pairs for
// review; each synthetic person's case files, custody, events and consent go
// to the person holding most of that person's records.
#pragma once

#include <filesystem>

#include "crypto/sodium.h"
#include "util/error.h"

namespace sawt::app {

struct DemoOptions {
  int people = 300;
  std::uint64_t seed = 1;
};

struct DemoReport {
  int persons = 0;         // persons made by linkage (plus any entered by hand)
  int review_pending = 0;  // pairs in the linkage review queue
  double link_f1 = 0;      // pairwise F1 of the linkage against the synthetic truth
  int records = 0;
  int quarantined = 0;
  int sources = 0;
};

[[nodiscard]] Result<DemoReport> build_demo_store(const std::filesystem::path& dir,
                                                  const crypto::Passphrase& passphrase,
                                                  const DemoOptions& options);

// `sawt synth`: writes DIR/records.csv (interchange format) and DIR/truth.csv
// (record_id,person_id,family: the family label "F<n>" is shared by siblings;
// a person without a sibling in the data has a family of their own),
// streaming, for linkage benchmarks (`sawt link-eval`).
struct SynthFiles {
  int records = 0;
  int people = 0;
};
[[nodiscard]] Result<SynthFiles> write_synth_files(const std::filesystem::path& dir, int people, int sources,
                                                   std::uint64_t seed);

}  // namespace sawt::app
