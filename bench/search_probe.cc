// First-time people searches on an existing store, one at a time, timed by
// the thread's CPU clock (not wall time: the figures stay meaningful on a
// loaded machine). The queries are every "first family" pair of data/synth's
// name lists in Arabic script and in Latin transliteration, as
// bench/web/unique.lua asks them of the server, and the search is the
// server's (persons only, ids and scores, the first 200 hits).
//
//   search_probe STORE [N] [SYNTH_DIR]    (SAWT_PASSPHRASE unlocks the store)
//
// Prints CPU per search (mean, p50, p90, p99, max) for a cold pass (pages
// not yet in the connection's cache), then warm passes over the same
// queries, the Arabic-script ones and the Latin ones apart.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/sodium.h"
#include "store/repository.h"
#include "store/store.h"
#include "util/strings.h"

namespace {

using sawt::split;

struct Name {
  std::string arabic, latin;
};

std::vector<Name> read_names(const std::string& path, size_t latin_col, int article_col) {
  std::ifstream in(path);
  std::vector<Name> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto cols = split(line, '\t');
    if (cols.size() <= latin_col) continue;
    std::string latin(cols[latin_col]);
    if (!latin.empty()) latin[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(latin[0])));
    if (article_col >= 0 && cols[static_cast<size_t>(article_col)] == "1") latin = "al-" + latin;
    out.push_back({std::string(cols[0]), latin});
  }
  return out;
}

double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

void report(const char* pass, std::vector<double> ms, long hits, int partial, long ranked) {
  std::sort(ms.begin(), ms.end());
  double sum = 0;
  for (double m : ms) sum += m;
  const auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))]; };
  fmt::print(
      "{:11} {:4} searches: CPU ms mean {:.2f}  p50 {:.2f}  p90 {:.2f}  p99 {:.2f}  max {:.2f}  "
      "({:.0f} searches/s per core; {} hits, {} partial, {:.0f} entries ranked per search)\n",
      pass, ms.size(), sum / static_cast<double>(ms.size()), at(0.5), at(0.9), at(0.99), ms.back(),
      1e3 * static_cast<double>(ms.size()) / sum, hits, partial,
      static_cast<double>(ranked) / static_cast<double>(ms.size()));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: search_probe STORE [N] [SYNTH_DIR]   (SAWT_PASSPHRASE unlocks the store)\n");
    return 2;
  }
  const int n = argc > 2 ? std::atoi(argv[2]) : 2000;
  const std::string synth = argc > 3 ? argv[3] : "data/synth";
  const char* pass = std::getenv("SAWT_PASSPHRASE");
  auto store = sawt::store::Store::open(argv[1], sawt::crypto::make_passphrase(pass != nullptr ? pass : ""));
  if (!store) {
    fmt::print(stderr, "search_probe: {}\n", store.error().message);
    return 1;
  }
  const auto firsts = read_names(synth + "/first_names.tsv", 3, -1);
  const auto families = read_names(synth + "/family_names.tsv", 3, 2);
  if (firsts.empty() || families.empty()) {
    fmt::print(stderr, "search_probe: no names in {}\n", synth);
    return 1;
  }
  std::vector<std::string> queries;
  for (int k = 0; k < n; ++k) {
    const auto c = static_cast<size_t>(k / 2);
    const auto& first = firsts[c % firsts.size()];
    const auto& family = families[(c / firsts.size()) % families.size()];
    queries.push_back(k % 2 == 0 ? first.arabic + " " + family.arabic : first.latin + " " + family.latin);
  }
  // The server's page cache per connection (src/server/api_call.cc).
  if (auto st = (*store)->db().exec("PRAGMA cache_size = -131072"); !st) return 1;
  sawt::store::Repository repo(**store, "bench");
  // The cold pass over all queries, then a warm one per script.
  for (const char* pass_name : {"cold", "warm Arabic", "warm Latin"}) {
    const std::string_view name(pass_name);
    std::vector<double> ms;
    long hits = 0, ranked = 0;
    int partial = 0;
    for (size_t k = 0; k < queries.size(); ++k) {
      if ((name == "warm Arabic" && k % 2 != 0) || (name == "warm Latin" && k % 2 == 0)) continue;
      const double t0 = cpu_ms();
      auto found = repo.search(queries[k], 200, {.persons_only = true, .ids_only = true});
      ms.push_back(cpu_ms() - t0);
      if (!found) {
        fmt::print(stderr, "search_probe: '{}': {}\n", queries[k], found.error().message);
        return 1;
      }
      hits += static_cast<long>(found->hits.size());
      ranked += found->ranked;
      partial += found->partial ? 1 : 0;
    }
    report(pass_name, ms, hits, partial, ranked);
  }
  return 0;
}
