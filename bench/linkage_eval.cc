// Measures the linkage engine: quality on FEBRL and on synthetic Arabic
// lists, and the file mode's time and memory (CSV in, clusters CSV out: what
// `sawt link --in --out` does). Prints one report per run.
//
//   linkage_eval febrl4 [--with-ssn] [--threshold P]   FEBRL 4a + 4b linkage
//   linkage_eval febrl3 [--with-ssn] [--threshold P]   FEBRL 3 deduplication
//   linkage_eval file IN.csv OUT.csv [--truth COLUMN] [--no-explain]
//                                 interchange CSV -> clusters CSV (+ figures when a truth column is named)
//   linkage_eval synth PEOPLE [--seed S] [--sources K] [--csv OUT.csv]
//                                 synthetic detainee lists (needs src/synth/): F1, sibling pairs kept apart;
//                                 --csv writes the records (with a truth column) instead of linking
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "io/csv.h"
#include "io/records_csv.h"
#include "linkage/blocking.h"
#include "linkage/compare.h"
#include "linkage/evaluate.h"
#include "linkage/features.h"
#include "linkage/febrl.h"
#include "linkage/link.h"
#ifdef SAWT_HAVE_SYNTH
#include "synth/synth.h"
#endif

namespace {

using sawt::linkage::LinkResult;
using Clock = std::chrono::steady_clock;

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

long peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

std::string flag(const std::vector<std::string>& args, const std::string& name, const std::string& fallback) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == name) return args[i + 1];
  }
  return fallback;
}
bool has(const std::vector<std::string>& args, const std::string& name) {
  for (const auto& a : args) {
    if (a == name) return true;
  }
  return false;
}

void print_stats(const LinkResult& r) {
  const auto& s = r.stats;
  fmt::print(
      "records {}  candidates {}  patterns {}  matches {}  review {}  vetoed {}  refused {}  clusters {}\n",
      s.records, s.candidate_pairs, s.distinct_patterns, r.matches.size(), r.review.size(), s.vetoed,
      s.refused, s.clusters);
  std::string times = "seconds (wall/cpu):";
  for (const auto& t : s.timings)
    times += fmt::format(" {} {:.2f}/{:.2f}", t.stage, t.seconds, t.cpu_seconds);
  fmt::print("{}; total {:.2f}\n", times, s.seconds_total);
  for (const auto& p : s.passes) {
    fmt::print("  pass {:<28} keyed {:>8} blocks {:>7} largest {:>6} split {:>5} pairs {:>9}\n", p.name,
               p.keyed, p.blocks, p.largest, p.split_blocks, p.pairs);
  }
  fmt::print("model: lambda {:.4g}, {} EM iterations{}\n", r.model.lambda, r.model.em_iterations,
             r.model.converged ? "" : " (not converged)");
  for (const auto& f : r.model.fields) {
    std::string line = fmt::format("  {:<18}", f.name);
    for (int l = 1; l < sawt::linkage::kLevels; ++l) {
      const auto level = static_cast<sawt::linkage::Level>(l);
      if (!sawt::linkage::kind_uses(f.kind, level)) continue;
      line += fmt::format(" {}: m {:.3f} u {:.4f} ({:+.1f})", sawt::linkage::level_name(level), f.m[l],
                          f.u[l], f.weight(level));
    }
    fmt::print("{}\n", line);
  }
}

std::size_t g_max_block = 24, g_window = 4;  // blocking options of the run being diagnosed

// Why true pairs were missed: not a candidate, vetoed, or too weak.
void diagnose(const std::vector<sawt::SourceRecord>& records, const std::vector<std::string>& sources,
              const std::vector<std::string>& truth, const LinkResult& result, bool cross_source_only,
              const std::function<std::string(std::size_t)>& show, int limit) {
  using namespace sawt::linkage;  // NOLINT: a tool, not a header
  std::vector<std::string> names;
  for (const auto& f : result.model.fields) names.push_back(f.name);
  const Features features = Features::build(records, sources, names, 2);
  BlockingOptions bo;
  bo.cross_source_only = cross_source_only;
  bo.max_block = g_max_block;
  bo.window = g_window;
  const Candidates candidates = candidate_pairs(features, bo);
  const std::set<std::uint64_t> candidate_set(candidates.pairs.begin(), candidates.pairs.end());
  const Comparator comparator(features);
  const Scorer scorer(result.model, features);
  NameCache cache;
  std::map<std::string, std::vector<std::size_t>> by_truth;
  for (std::size_t i = 0; i < truth.size(); ++i) by_truth[truth[i]].push_back(i);
  std::size_t true_pairs = 0, found = 0, not_candidate = 0, vetoed = 0, weak = 0, missed = 0;
  std::map<std::string, std::size_t> veto_reasons;
  int shown = 0;
  for (const auto& [label, members] : by_truth) {
    for (std::size_t x = 0; x < members.size(); ++x) {
      for (std::size_t y = x + 1; y < members.size(); ++y) {
        const auto a = static_cast<std::uint32_t>(members[x]), b = static_cast<std::uint32_t>(members[y]);
        if (cross_source_only && sources[a] == sources[b]) continue;
        ++true_pairs;
        const bool candidate = candidate_set.contains(pair_id(a, b));
        if (candidate) ++found;
        if (result.cluster_of[a] == result.cluster_of[b]) continue;
        ++missed;
        const Pattern p = comparator.compare(a, b, cache);
        const Assessment as = comparator.assess(p, a, b);
        const double w = scorer.weight(p, a, b);
        std::string why;
        if (!candidate) {
          ++not_candidate;
          why = "not a candidate";
        } else if (as.veto) {
          ++vetoed;
          ++veto_reasons[std::string(as.reason)];
          why = "vetoed: " + std::string(as.reason);
        } else {
          ++weak;
          why = fmt::format("p={:.3f}", Scorer::probability(w));
        }
        if (shown++ < limit) {
          std::string levels;
          for (std::size_t f = 0; f < names.size(); ++f) {
            if (level_at(p, f) == Level::kMissing) continue;
            levels += fmt::format("{}={}({:+.1f}) ", names[f], level_name(level_at(p, f)).substr(0, 4),
                                  scorer.field_weight(f, level_at(p, f), a, b));
          }
          fmt::print("MISSED ({}) w={:.1f}\n  {}\n  {}\n  {}\n", why, w, levels, show(a), show(b));
        }
      }
    }
  }
  // What each pass finds, and finds alone.
  {
    const std::vector<std::string> passes = pass_names(features);
    std::vector<std::set<std::uint64_t>> by_pass(passes.size());
    for (std::size_t k = 0; k < passes.size(); ++k) {
      BlockingOptions one = bo;
      one.passes = {passes[k]};
      const Candidates c = candidate_pairs(features, one);
      by_pass[k].insert(c.pairs.begin(), c.pairs.end());
    }
    std::vector<std::size_t> hits(passes.size(), 0), alone(passes.size(), 0);
    for (const auto& [label, members] : by_truth) {
      for (std::size_t x = 0; x < members.size(); ++x) {
        for (std::size_t y = x + 1; y < members.size(); ++y) {
          const auto a = static_cast<std::uint32_t>(members[x]), b = static_cast<std::uint32_t>(members[y]);
          if (cross_source_only && sources[a] == sources[b]) continue;
          int n = 0;
          std::size_t last = 0;
          for (std::size_t k = 0; k < passes.size(); ++k) {
            if (by_pass[k].contains(pair_id(a, b))) {
              ++hits[k];
              ++n;
              last = k;
            }
          }
          if (n == 1) ++alone[last];
        }
      }
    }
    for (std::size_t k = 0; k < passes.size(); ++k) {
      fmt::print("  pass {:<28} pairs {:>9} true {:>7} alone {:>5}\n", passes[k], by_pass[k].size(), hits[k],
                 alone[k]);
    }
  }
  fmt::print(
      "blocking recall {:.4f} ({} of {} true pairs are candidates); missed {}: not candidate {}, vetoed {}, "
      "weak or refused {}\n",
      true_pairs ? static_cast<double>(found) / static_cast<double>(true_pairs) : 1.0, found, true_pairs,
      missed, not_candidate, vetoed, weak);
  for (const auto& [reason, count] : veto_reasons) fmt::print("  veto {}: {}\n", reason, count);
}

int run_febrl(bool linkage, const std::vector<std::string>& args) {
  sawt::linkage::febrl::Dataset data;
  std::vector<std::string> sources;
  const std::string dir = std::string(SAWT_TEST_DATA) + "/linkage/febrl/";
  if (linkage) {
    sawt::linkage::febrl::append(data, read_all(dir + "dataset4a.csv"));
    sources.assign(data.records.size(), "a");
    sawt::linkage::febrl::append(data, read_all(dir + "dataset4b.csv"));
    sources.resize(data.records.size(), "b");
  } else {
    sawt::linkage::febrl::append(data, read_all(dir + "dataset3.csv"));
  }
  sawt::linkage::Options options;
  if (!has(args, "--with-ssn")) options.ignore_columns = {"soc_sec_id"};
  options.match_threshold = std::stod(flag(args, "--threshold", "0.95"));
  options.review_threshold = std::min(0.5, options.match_threshold);
  options.cross_source_only = linkage;
  options.one_record_per_source = linkage;
  const auto t = Clock::now();
  auto result = sawt::linkage::link(data.records, options, linkage ? sources : std::vector<std::string>{});
  const double seconds = std::chrono::duration<double>(Clock::now() - t).count();
  if (!result) {
    fmt::print(stderr, "link failed: {}\n", result.error().describe());
    return 1;
  }
  print_stats(*result);
  auto e = sawt::linkage::evaluate(data.truth, result->cluster_of);
  fmt::print("FEBRL {}: {:.2f} s, peak RSS {} MB\n{}\n", linkage ? "4a+4b" : "3", seconds, peak_rss_mb(),
             e->summary());
  if (has(args, "--errors")) {
    // False links and missed pairs, for tuning.
    std::map<std::string, std::vector<std::size_t>> by_truth;
    for (std::size_t i = 0; i < data.truth.size(); ++i) by_truth[data.truth[i]].push_back(i);
    const auto show = [&](std::size_t i) {
      const auto& r = data.records[i];
      std::string extra;
      for (const auto& [k, v] : r.extra) extra += k + "=" + v + " ";
      return fmt::format("{} | {} | {} | {} | {}", r.record_id, r.name.first, r.name.family,
                         r.birth_date.to_string(), extra);
    };
    diagnose(data.records, linkage ? sources : std::vector<std::string>(data.records.size()), data.truth,
             *result, linkage, show, 40);
    int shown = 0;
    for (const auto& m : result->matches) {
      if (data.truth[m.a] != data.truth[m.b] && shown++ < 40) {
        fmt::print("FALSE {:.3f} {}\n  {}\n  {}\n", m.probability, m.explanation, show(m.a), show(m.b));
      }
    }
  }
  return 0;
}

int run_file(const std::vector<std::string>& args) {
  if (args.size() < 4) throw std::runtime_error("file IN.csv OUT.csv");
  const auto t0 = Clock::now();
  const std::string text = read_all(args[2]);
  auto parsed = sawt::io::parse_records_csv(text, args[2]);
  if (!parsed) {
    fmt::print(stderr, "{}\n", parsed.error().describe());
    return 1;
  }
  const double read_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  const std::string truth_column = flag(args, "--truth", "");
  std::vector<std::string> truth;
  if (!truth_column.empty()) {
    for (auto& r : parsed->records) {
      truth.push_back(r.extra[truth_column]);
      r.extra.erase(truth_column);
    }
  }
  sawt::linkage::Options options;
  options.explain = !has(args, "--no-explain");
  options.ignore_columns = {truth_column};
  const bool any_source = std::any_of(parsed->record_sources.begin(), parsed->record_sources.end(),
                                      [](const std::string& s) { return !s.empty(); });
  auto result = sawt::linkage::link(parsed->records, options,
                                    any_source ? parsed->record_sources : std::vector<std::string>{});
  if (!result) {
    fmt::print(stderr, "link failed: {}\n", result.error().describe());
    return 1;
  }
  const auto t1 = Clock::now();
  const std::string out = sawt::linkage::clusters_csv(parsed->records, parsed->record_sources, *result);
  std::ofstream(args[3], std::ios::binary) << out;
  const double write_seconds = std::chrono::duration<double>(Clock::now() - t1).count();
  const double total = std::chrono::duration<double>(Clock::now() - t0).count();
  print_stats(*result);
  fmt::print(
      "file mode: read+parse {:.2f} s, link {:.2f} s, write {:.2f} s, total {:.2f} s, peak RSS {} MB\n",
      read_seconds, result->stats.seconds_total, write_seconds, total, peak_rss_mb());
  if (!truth.empty()) fmt::print("{}\n", sawt::linkage::evaluate(truth, result->cluster_of)->summary());
  return 0;
}

// Times feature building alone (1 and 2 threads).
int run_features(const std::vector<std::string>& args) {
  const std::string text = read_all(args[2]);
  auto parsed = sawt::io::parse_records_csv(text, args[2]);
  if (!parsed) return 1;
  sawt::linkage::Options o;
  o.ignore_columns = {"truth"};
  const auto fields = sawt::linkage::choose_fields(parsed->records, o);
  if (has(args, "--compare")) {
    // Comparison vectors of all candidate pairs on one thread.
    const auto f = sawt::linkage::Features::build(parsed->records, parsed->record_sources, fields, 2);
    const auto candidates = sawt::linkage::candidate_pairs(f, {});
    const sawt::linkage::Comparator comparator(f);
    sawt::linkage::NameCache cache;
    const std::clock_t c = std::clock();
    std::uint64_t sum = 0;
    for (std::uint64_t id : candidates.pairs) {
      sum += comparator.compare(sawt::linkage::pair_first(id), sawt::linkage::pair_second(id), cache);
    }
    const double cpu = static_cast<double>(std::clock() - c) / CLOCKS_PER_SEC;
    fmt::print("compare: {} pairs, {:.2f} s cpu, {:.3f} us per pair ({})\n", candidates.pairs.size(), cpu,
               1e6 * cpu / static_cast<double>(candidates.pairs.size()), sum % 7);
    return 0;
  }
  for (int threads : {1, 2}) {
    const auto t = Clock::now();
    const std::clock_t c = std::clock();
    const auto f = sawt::linkage::Features::build(parsed->records, parsed->record_sources, fields, threads);
    fmt::print("features, {} thread(s): {:.2f} s wall, {:.2f} s cpu; {} names, {} keys\n", threads,
               std::chrono::duration<double>(Clock::now() - t).count(),
               static_cast<double>(std::clock() - c) / CLOCKS_PER_SEC, f.name_count(), f.key_count());
  }
  return 0;
}

#ifdef SAWT_HAVE_SYNTH
int run_synth(const std::vector<std::string>& args) {
  if (args.size() < 3) throw std::runtime_error("synth PEOPLE");
  sawt::synth::Options so;
  so.people = std::stoi(args[2]);
  so.seed = std::stoull(flag(args, "--seed", "1"));
  so.sources = std::stoi(flag(args, "--sources", "4"));
  so.case_data = false;
  auto generator = sawt::synth::Generator::create(so);
  if (!generator) {
    fmt::print(stderr, "{}\n", generator.error().describe());
    return 1;
  }
  std::vector<sawt::SourceRecord> records;
  std::vector<int> person;
  std::vector<std::string> sources;
  const auto& source_list = generator->sources();
  auto status = generator->for_each_record([&](const sawt::SourceRecord& r, int p) -> sawt::Status {
    records.push_back(r);
    person.push_back(p);
    sources.push_back(source_list[static_cast<std::size_t>(r.source_id - 1)].name);
    return {};
  });
  if (!status) {
    fmt::print(stderr, "{}\n", status.error().describe());
    return 1;
  }
  const std::string csv_path = flag(args, "--csv", "");
  if (!csv_path.empty()) {
    std::ofstream out(csv_path, std::ios::binary);
    auto header = sawt::io::records_csv_columns();
    std::set<std::string> extra_columns;
    for (const auto& r : records) {
      for (const auto& [k, v] : r.extra) extra_columns.insert(k);
    }
    for (const auto& c : extra_columns) header.push_back(c);
    header.push_back("truth");
    out << sawt::io::csv_line(header);
    for (std::size_t i = 0; i < records.size(); ++i) {
      auto row = sawt::io::records_csv_row(records[i], sources[i]);
      for (const auto& c : extra_columns) {
        auto it = records[i].extra.find(c);
        row.push_back(it == records[i].extra.end() ? "" : it->second);
      }
      row.push_back(std::to_string(person[i]));
      out << sawt::io::csv_line(row);
    }
    fmt::print("wrote {} records of {} people to {}\n", records.size(), so.people, csv_path);
    return 0;
  }
  sawt::linkage::Options options;
  options.match_threshold = std::stod(flag(args, "--threshold", "0.95"));
  options.review_threshold = std::min(0.5, options.match_threshold);
  options.max_block = std::stoul(flag(args, "--max-block", std::to_string(options.max_block)));
  options.window = std::stoul(flag(args, "--window", std::to_string(options.window)));
  g_max_block = options.max_block;
  g_window = options.window;
  const auto t = Clock::now();
  auto result = sawt::linkage::link(records, options, sources);
  const double seconds = std::chrono::duration<double>(Clock::now() - t).count();
  if (!result) {
    fmt::print(stderr, "link failed: {}\n", result.error().describe());
    return 1;
  }
  print_stats(*result);
  std::vector<std::string> truth;
  for (int p : person) truth.push_back(std::to_string(p));
  fmt::print("synthetic {} people, {} records: {:.2f} s, peak RSS {} MB\n{}\n", so.people, records.size(),
             seconds, peak_rss_mb(), sawt::linkage::evaluate(truth, result->cluster_of)->summary());
  // Sibling pairs: records of different persons of one family must stay apart.
  std::map<int, std::vector<std::size_t>> by_family;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const int family = generator->person(person[i]).family;
    if (family >= 0) by_family[family].push_back(i);
  }
  std::size_t sibling_pairs = 0, merged = 0;
  int shown = 0;
  for (const auto& [family, members] : by_family) {
    for (std::size_t x = 0; x < members.size(); ++x) {
      for (std::size_t y = x + 1; y < members.size(); ++y) {
        if (person[members[x]] == person[members[y]]) continue;
        ++sibling_pairs;
        if (result->cluster_of[members[x]] == result->cluster_of[members[y]]) {
          ++merged;
          if (has(args, "--errors") && shown++ < 20) {
            const auto& a = records[members[x]];
            const auto& b = records[members[y]];
            fmt::print("SIBLINGS MERGED\n  {} / {} {} {} / {} {}\n  {} / {} {} {} / {} {}\n",
                       a.name.display(), a.name.mother, a.gender, a.birth_date.to_string(), a.id_number,
                       a.record_id, b.name.display(), b.name.mother, b.gender, b.birth_date.to_string(),
                       b.id_number, b.record_id);
          }
        }
      }
    }
  }
  fmt::print(
      "sibling record pairs {}: kept apart {:.4f} ({} merged)\n", sibling_pairs,
      sibling_pairs == 0 ? 1.0 : 1.0 - static_cast<double>(merged) / static_cast<double>(sibling_pairs),
      merged);
  if (has(args, "--errors")) {
    shown = 0;
    for (const auto& m : result->matches) {
      if (person[m.a] != person[m.b] && shown++ < 30) {
        const auto& a = records[m.a];
        const auto& b = records[m.b];
        fmt::print("FALSE {:.3f} {}\n  {} / {} {} {}\n  {} / {} {} {}\n", m.probability, m.explanation,
                   a.name.display(), a.name.mother, a.birth_date.to_string(), a.record_id, b.name.display(),
                   b.name.mother, b.birth_date.to_string(), b.record_id);
      }
    }
    const auto show = [&](std::size_t i) {
      const auto& a = records[i];
      std::string extra;
      for (const auto& [k, v] : a.extra) extra += k + "=" + v + " ";
      return fmt::format("{} [{}|{}|{}|{}] / {} / {} {} {} / {} / {} / {} {}", a.name.full, a.name.first,
                         a.name.father, a.name.grandfather, a.name.family, a.name.mother, a.gender,
                         a.birth_date.to_string(), a.birth_place, a.id_number, a.facility, extra, sources[i]);
    };
    diagnose(records, sources, truth, *result, false, show, std::stoi(flag(args, "--limit", "30")));
  }
  return 0;
}
#endif

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv, argv + argc);
  try {
    if (args.size() >= 2 && args[1] == "febrl4") return run_febrl(true, args);
    if (args.size() >= 2 && args[1] == "febrl3") return run_febrl(false, args);
    if (args.size() >= 2 && args[1] == "file") return run_file(args);
    if (args.size() >= 3 && args[1] == "features") return run_features(args);
#ifdef SAWT_HAVE_SYNTH
    if (args.size() >= 2 && args[1] == "synth") return run_synth(args);
#endif
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  fmt::print(stderr,
             "usage: linkage_eval febrl4|febrl3 [--with-ssn] [--threshold P] [--errors]\n"
             "       linkage_eval file IN.csv OUT.csv [--truth COLUMN] [--no-explain]\n"
             "       linkage_eval synth PEOPLE [--seed S] [--sources K] [--csv OUT.csv] [--errors]\n");
  return 1;
}
