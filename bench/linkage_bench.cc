// Google Benchmark kernels of the linkage engine's inner loops: name-pair
// levels (the costliest comparison), whole comparison vectors and scores over
// the FEBRL candidate pairs, and feature building.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "linkage/blocking.h"
#include "linkage/compare.h"
#include "linkage/febrl.h"
#include "linkage/link.h"

namespace {

using namespace sawt::linkage;  // NOLINT: a benchmark file, not a header

const febrl::Dataset& febrl3() {
  static const febrl::Dataset data = [] {
    std::ifstream in(std::string(SAWT_TEST_DATA) + "/linkage/febrl/dataset3.csv");
    std::ostringstream s;
    s << in.rdbuf();
    febrl::Dataset d;
    febrl::append(d, s.str());
    return d;
  }();
  return data;
}

void BM_CompareNames(benchmark::State& state) {
  const NameValue a = make_name_value("Mohammed Abd al-Rahman");
  const NameValue b = make_name_value("محمد عبد الرحمن");
  for (auto _ : state) benchmark::DoNotOptimize(compare_names(a, b));
}
BENCHMARK(BM_CompareNames);

void BM_BuildFeatures(benchmark::State& state) {
  const auto& d = febrl3();
  sawt::linkage::Options o;
  const auto fields = choose_fields(d.records, o);
  for (auto _ : state) benchmark::DoNotOptimize(Features::build(d.records, {}, fields, 1).size());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(d.records.size()));
}
BENCHMARK(BM_BuildFeatures)->Unit(benchmark::kMillisecond);

void BM_ComparePairs(benchmark::State& state) {
  const auto& d = febrl3();
  sawt::linkage::Options o;
  const auto fields = choose_fields(d.records, o);
  const Features features = Features::build(d.records, {}, fields, 1);
  const Candidates c = candidate_pairs(features, {});
  const Comparator comparator(features);
  const ModelParams model = default_model(fields);
  const Scorer scorer(model, features);
  NameCache cache;
  for (auto _ : state) {
    double sum = 0;
    for (std::uint64_t id : c.pairs) {
      const Pattern p = comparator.compare(pair_first(id), pair_second(id), cache);
      sum += scorer.weight(p, pair_first(id), pair_second(id));
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(c.pairs.size()));
}
BENCHMARK(BM_ComparePairs)->Unit(benchmark::kMillisecond);

}  // namespace
