// Measures the linkage engine: quality on FEBRL and on synthetic Arabic
// lists, and the file mode's time and memory (CSV in, clusters CSV out: what
// `sawt link --in --out` does). Prints one report per run.
//
//   linkage_eval febrl4 [--with-ssn] [--threshold P]   FEBRL 4a + 4b linkage
//   linkage_eval febrl3 [--with-ssn] [--threshold P]   FEBRL 3 deduplication
//   linkage_eval file IN.csv OUT.csv [--truth COLUMN] [--no-explain]
//                                 interchange CSV -> clusters CSV (+ figures when a truth column is named)
//   linkage_eval synth PEOPLE [--seed S] [--sources K] [--csv OUT.csv] [--errors]
//                [--content-oracle] [--oracle N] [--wide-blocks N] [--blocking-misses]
//                [--blocking-dump FILE] [--only-veto REASON] [--veto-dump FILE] [--limit N]
//                [--sole-weight BITS] [--competitor-weight BITS] [--competitor-gap BITS] [--sole-only]
//                [--conflict-weight BITS]
//                [--em-iterations N]
//                                 synthetic detainee lists (needs src/synth/): F1, sibling pairs kept apart,
//                                 false links by relation; --csv writes the records (with a truth column)
//                                 instead of linking; --content-oracle and --oracle bound what record
//                                 content allows for the missed pairs (see content_oracle() and oracle());
//                                 with --errors, --wide-blocks N sorts the pairs never compared into
//                                 those a big block's split lost and those that share no key, and
//                                 --blocking-dump FILE writes every true pair never compared with the
//                                 coarse name keys blocking sees, one line each; --only-veto shows only
//                                 the misses vetoed for a reason starting so, --veto-dump FILE writes every
//                                 candidate pair vetoed for its first names as TSV
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
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
#include "synth/population.h"
#include "synth/synth.h"
#include "synth/tables.h"
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

constexpr std::string_view kSoleNote = "linked as the record's only candidate";

std::size_t g_max_block = 24, g_window = 4;  // blocking options of the run being diagnosed
// --wide-blocks N: also block with unsplit blocks of up to N records, to tell
// the pairs that the splitting of big blocks loses from those that share no
// key at all; --blocking-misses: show only the true pairs never compared.
std::size_t g_wide_blocks = 0;
bool g_blocking_misses = false;
// --blocking-dump FILE: every true pair that is not a candidate, one line
// each, with the coarse keys blocking sees (for sorting the misses by kind).
std::string g_blocking_dump;
// --only-veto REASON-PREFIX: show only the misses vetoed for a reason that starts so ("" : any veto).
const char* g_only_veto = nullptr;
const char* g_veto_dump = nullptr;

// Why true pairs were missed: not a candidate, vetoed, or too weak.
void diagnose(const std::vector<sawt::SourceRecord>& records, const std::vector<std::string>& sources,
              const std::vector<std::string>& truth, const LinkResult& result, bool cross_source_only,
              const std::function<std::string(std::size_t)>& show, int limit,
              const std::function<bool(std::size_t, std::size_t)>& sibling = nullptr) {
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
  std::set<std::uint64_t> wide_set;
  if (g_wide_blocks > 0) {
    BlockingOptions wide = bo;
    wide.max_block = g_wide_blocks;
    const Candidates w = candidate_pairs(features, wide);
    wide_set.insert(w.pairs.begin(), w.pairs.end());
    fmt::print("wide blocking (max_block {}): {} pairs\n", wide.max_block, w.pairs.size());
  }
  std::size_t wide_found = 0;
  std::FILE* dump = g_blocking_dump.empty() ? nullptr : std::fopen(g_blocking_dump.c_str(), "w");
  const Comparator comparator(features);
  const Scorer scorer(result.model, features);
  NameCache cache;
  std::map<std::string, std::vector<std::size_t>> by_truth;
  for (std::size_t i = 0; i < truth.size(); ++i) by_truth[truth[i]].push_back(i);
  std::unordered_map<std::uint64_t, std::string_view> review_note;
  for (const auto& r : result.review) {
    if (!r.note.empty())
      review_note[pair_id(static_cast<std::uint32_t>(r.a), static_cast<std::uint32_t>(r.b))] = r.note;
  }
  std::vector<std::size_t> cluster_size(records.size() + 1, 0);
  for (int c : result.cluster_of) ++cluster_size[static_cast<std::size_t>(c)];
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
        if (!candidate && wide_set.contains(pair_id(a, b))) ++wide_found;
        if (!candidate && dump) {
          const auto keys = [&](std::uint32_t r) {
            std::string out;
            for (std::size_t k = 0; k <= features.alternatives(r).size(); ++k) {
              const NameSlots s = features.reading(r, k);
              out += k == 0 ? "{" : " {";
              for (std::size_t i = 0; i < 4; ++i) {
                const auto& t = features.name(s[i]).parsed.tokens;
                std::string all;
                for (const auto& tok : t) all += (all.empty() ? "" : "_") + tok.keys.coarse;
                out += (i ? "|" : "") + all;
              }
              out += "}";
            }
            return out;
          };
          fmt::print(dump, "PAIR {}\t{}\t{}\t{}\t{}\t{}\n", result.cluster_of[a] == result.cluster_of[b] ? 1 : 0,
                     keys(a), keys(b), show(a), show(b), features.guessed(a) * 2 + features.guessed(b));
        }
        if (result.cluster_of[a] == result.cluster_of[b]) continue;
        ++missed;
        const Pattern p = comparator.compare(a, b, cache);
        const Assessment as = comparator.assess(p, a, b);
        const double w = scorer.weight(p, a, b);
        std::string why;
        if (!candidate) {
          ++not_candidate;
          why = wide_set.empty()                   ? "not a candidate"
                : wide_set.contains(pair_id(a, b)) ? "not a candidate, in a split block"
                                                   : "not a candidate, no key shared";
        } else if (as.veto) {
          ++vetoed;
          ++veto_reasons[std::string(as.reason)];
          why = "vetoed: " + std::string(as.reason);
        } else {
          ++weak;
          why = fmt::format("p={:.3f}", Scorer::probability(w));
          if (auto it = review_note.find(pair_id(a, b)); it != review_note.end()) why += fmt::format("; {}", it->second);
        }
        if ((!g_blocking_misses || !candidate) &&
            (g_only_veto == nullptr || (candidate && as.veto && std::string_view(as.reason).starts_with(g_only_veto))) &&
            shown++ < limit) {
          std::string levels;
          for (std::size_t f = 0; f < names.size(); ++f) {
            if (level_at(p, f) == Level::kMissing) continue;
            levels += fmt::format("{}={}({:+.1f}) ", names[f], level_name(level_at(p, f)).substr(0, 4),
                                  scorer.field_weight(f, level_at(p, f), a, b, alignment_of(p)));
          }
          fmt::print("MISSED ({}) w={:.1f} sizes={},{}\n  {}\n  {}\n  {}\n", why, w,
                     cluster_size[static_cast<std::size_t>(result.cluster_of[a])],
                     cluster_size[static_cast<std::size_t>(result.cluster_of[b])], levels, show(a), show(b));
        }
      }
    }
  }
  // --veto-dump FILE: every candidate pair vetoed for its first names, as TSV (for trying rules).
  if (g_veto_dump != nullptr) {
    std::FILE* out = std::fopen(g_veto_dump, "w");
    const int first = features.column_of(KnownField::kFirstName);
    const int birth = features.column_of(KnownField::kBirthDate);
    std::fprintf(out, "truth\tsibling\treason\tweight\tfa\tfb\tka\tkb\tsa\tsb\tlevel\tbirth\tslip\tca\tcb\tscript\n");
    for (const std::uint64_t id : candidates.pairs) {
      const std::uint32_t a = pair_first(id), b = pair_second(id);
      const Pattern p = comparator.compare(a, b, cache);
      const Assessment as = comparator.assess(p, a, b);
      if (!as.veto || std::string_view(as.reason).find("first name") == std::string_view::npos) continue;
      const double w = scorer.weight(p, a, b);
      const auto [fa, fb] = comparator.first_names(p, a, b);
      const Column& c = features.column(static_cast<std::size_t>(first));
      const auto cnt = [&](std::uint32_t v) { return v == 0 ? 0U : c.key_count[features.name_key(v)]; };
      const auto sk = [&](std::uint32_t v) { return v == 0 ? 0U : c.skeleton_count[features.name_skeleton(v)]; };
      const auto txt = [&](std::uint32_t v) { return v == 0 ? std::string() : features.name(v).key; };
      const auto coarse = [&](std::uint32_t v) {
        std::string k;
        if (v == 0) return k;
        for (const auto& t : features.name(v).parsed.tokens) k += (k.empty() ? "" : " ") + t.keys.coarse;
        return k;
      };
      std::fprintf(out, "%d\t%d\t%s\t%.2f\t%s\t%s\t%u\t%u\t%u\t%u\t%s\t%s\t%d\t%s\t%s\t%d%d\n", truth[a] == truth[b] ? 1 : 0,
                   sibling && sibling(a, b) ? 1 : 0, std::string(as.reason).c_str(), w, txt(fa).c_str(),
                   txt(fb).c_str(), cnt(fa), cnt(fb), sk(fa), sk(fb),
                   std::string(level_name(level_at(p, static_cast<std::size_t>(first)))).c_str(),
                   birth < 0 ? "-" : std::string(level_name(level_at(p, static_cast<std::size_t>(birth)))).c_str(),
                   comparator.distinct_names(fa, fb) ? 1 : 0, coarse(fa).c_str(), coarse(fb).c_str(),
                   fa == 0 ? 0 : static_cast<int>(features.name(fa).script),
                   fb == 0 ? 0 : static_cast<int>(features.name(fb).script));
    }
    std::fclose(out);
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
  if (!wide_set.empty()) fmt::print("  not candidates that wide blocks would find: {}\n", wide_found);
  if (dump != nullptr) std::fclose(dump);
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
// An upper bound on what any comparison of record content can do with the
// missed pairs: for a missed true pair (a, b), a competitor is a record c of
// another person, not vetoed with a, that agrees with a on every field at
// least as well as b does (by the model's weight of each level, missing 0).
// A scorer that is monotone in the field levels cannot link a with b without
// scoring a with c as high; so a pair with a competitor carries no evidence
// that tells it from a false pair. Competitors are looked for among records
// that share a first, father or family name key with a (or b).
void oracle(const std::vector<sawt::SourceRecord>& records, const std::vector<std::string>& sources,
            const std::vector<int>& person, const LinkResult& result, std::size_t sample) {
  using namespace sawt::linkage;  // NOLINT: a tool, not a header
  std::vector<std::string> names;
  for (const auto& f : result.model.fields) names.push_back(f.name);
  const Features features = Features::build(records, sources, names, 2);
  const Comparator comparator(features);
  const ModelParams& model = result.model;
  NameCache cache;
  std::map<std::uint64_t, std::vector<std::uint32_t>> index;
  const auto keys_of = [&](std::uint32_t r) {
    std::vector<std::uint64_t> keys;
    for (std::size_t k = 0; k <= features.alternatives(r).size(); ++k) {
      const NameSlots s = features.reading(r, k);
      if (s[0] != 0) keys.push_back((std::uint64_t{1} << 32) | features.name(s[0]).first_token);
      if (s[1] != 0) keys.push_back((std::uint64_t{2} << 32) | features.name(s[1]).first_token);
      if (s[3] != 0) keys.push_back((std::uint64_t{3} << 32) | features.name(s[3]).last_token);
    }
    return keys;
  };
  for (std::uint32_t r = 0; r < records.size(); ++r) {
    for (std::uint64_t k : keys_of(r)) index[k].push_back(r);
  }
  std::map<int, std::vector<std::uint32_t>> by_person;
  for (std::uint32_t r = 0; r < records.size(); ++r) by_person[person[r]].push_back(r);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> missed;
  for (const auto& [p, members] : by_person) {
    for (std::size_t x = 0; x < members.size(); ++x) {
      for (std::size_t y = x + 1; y < members.size(); ++y) {
        if (result.cluster_of[members[x]] != result.cluster_of[members[y]]) missed.emplace_back(members[x], members[y]);
      }
    }
  }
  const std::size_t step = std::max<std::size_t>(1, missed.size() / std::max<std::size_t>(1, sample));
  std::vector<std::uint32_t> stamp(records.size(), 0);
  std::uint32_t stamp_now = 0;
  const auto field_weights = [&](Pattern p) {
    std::vector<double> w(model.fields.size());
    for (std::size_t f = 0; f < w.size(); ++f) w[f] = model.fields[f].weight(level_at(p, f));
    return w;
  };
  // Competing persons of X against its partner Y.
  const auto competitors = [&](std::uint32_t x, std::uint32_t y, std::set<int>& persons) {
    const std::vector<double> target = field_weights(comparator.compare(x, y, cache));
    ++stamp_now;
    for (std::uint64_t k : keys_of(x)) {
      for (std::uint32_t c : index[k]) {
        if (stamp[c] == stamp_now || person[c] == person[x]) continue;
        stamp[c] = stamp_now;
        const Pattern p = comparator.compare(x, c, cache);
        if (comparator.assess(p, x, c).veto) continue;
        const std::vector<double> w = field_weights(p);
        bool dominates = true;
        for (std::size_t f = 0; f < w.size() && dominates; ++f) dominates = w[f] >= target[f] - 1e-9;
        if (dominates) persons.insert(person[c]);
      }
    }
  };
  std::size_t looked = 0, ambiguous = 0, vetoed = 0, singletons = 0;
  std::map<std::size_t, std::size_t> by_count;  // competing persons (capped) -> pairs
  std::vector<std::size_t> cluster_size(records.size() + 1, 0);
  for (int c : result.cluster_of) ++cluster_size[static_cast<std::size_t>(c)];
  for (std::size_t i = 0; i < missed.size(); i += step) {
    const auto [a, b] = missed[i];
    ++looked;
    if (cluster_size[static_cast<std::size_t>(result.cluster_of[a])] == 1 ||
        cluster_size[static_cast<std::size_t>(result.cluster_of[b])] == 1)
      ++singletons;
    const Pattern p = comparator.compare(a, b, cache);
    if (comparator.assess(p, a, b).veto) {
      ++vetoed;
      continue;
    }
    std::set<int> persons;
    competitors(a, b, persons);
    competitors(b, a, persons);
    if (!persons.empty()) ++ambiguous;
    ++by_count[std::min<std::size_t>(persons.size(), 10)];
  }
  fmt::print(
      "oracle: {} missed pairs, {} looked at; {} with a record in a singleton cluster; {} vetoed; "
      "{} ({:.1f}% of those not vetoed) have a competitor from another person\n",
      missed.size(), looked, singletons, vetoed, ambiguous,
      100.0 * static_cast<double>(ambiguous) / static_cast<double>(std::max<std::size_t>(1, looked - vetoed)));
  for (const auto& [n, count] : by_count) fmt::print("  competing persons {}{}: {}\n", n, n == 10 ? "+" : "", count);
}

// What a reader who knew which fields of every record are wrong could make
// of the missed pairs. Every person gets a canonical record (all true values,
// Arabic script); a record "shows" the fields on which the engine finds it
// consistent with its own person's canonical record (so typos it cannot read
// and wrong dates count as not shown). S(x) is the set of persons whose
// canonical record is consistent with record x on every field x shows. For a
// pair (a, b), k = |S(a) ∩ S(b)|, and with records spread over persons as in
// the data the chance that a and b are one person is
// k / (k + r (|S(a)| |S(b)| - k)), r = E[n]^2 / E[n(n-1)] over records per
// person: the posterior of an oracle that reads content perfectly but cannot
// know who else exists beyond what the fields tell.
void content_oracle(const std::vector<sawt::SourceRecord>& records, const std::vector<std::string>& sources,
                    const std::vector<int>& person, const sawt::synth::Options& so, const LinkResult& result,
                    bool show_samples) {
  using namespace sawt::linkage;  // NOLINT: a tool, not a header
  const auto& tables = *sawt::synth::tables();
  const sawt::synth::Population population = sawt::synth::make_population(so, tables);
  const std::size_t n = records.size(), m = population.people.size();
  std::vector<sawt::SourceRecord> all = records;
  std::vector<std::string> all_sources = sources;
  for (const auto& who : population.people) {
    sawt::SourceRecord r;
    r.name.first = sawt::synth::first_name(who, tables).arabic;
    r.name.father = tables.male[who.father].arabic;
    r.name.grandfather = tables.male[who.grandfather].arabic;
    r.name.family = tables.family[who.family_name].arabic;
    r.name.mother = tables.female[who.mother_first].arabic + " " + tables.family[who.mother_family].arabic;
    r.gender = who.female != 0 ? "f" : "m";
    r.birth_date = sawt::PartialDate::from_days(sawt::synth::day(who.birth_day));
    r.birth_place = tables.places[who.birth_place].arabic;
    if (who.id_number != 0) r.id_number = fmt::format("{:011}", who.id_number);
    r.facility = tables.facilities[who.facility].names_ar.front();
    r.arrest_date = sawt::PartialDate::from_days(sawt::synth::day(who.arrest_day));
    all.push_back(std::move(r));
    all_sources.emplace_back("canonical");
  }
  std::vector<std::string> names;
  for (const auto& f : result.model.fields) names.push_back(f.name);
  const Features features = Features::build(all, all_sources, names, 2);
  const Comparator comparator(features);
  NameCache cache;
  {
    // How often two random persons truly share a name, against how often
    // the engine finds two random records of different persons agreeing.
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    const auto next = [&] {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      return state;
    };
    std::array<double, 4> same{}, agree{}, agree_true_differs{};
    std::map<std::string, int> false_agree, false_texts;
    const std::array<const char*, 4> label_of = {"first", "father", "family", "grandfather"};
    const int kSamples = 400000;
    for (int i = 0; i < kSamples; ++i) {
      const auto x = static_cast<std::uint32_t>(next() % n), y = static_cast<std::uint32_t>(next() % n);
      if (person[x] == person[y]) continue;
      const auto& px = population.people[static_cast<std::size_t>(person[x])];
      const auto& py = population.people[static_cast<std::size_t>(person[y])];
      const std::array<bool, 4> truly = {px.first == py.first && px.female == py.female, px.father == py.father,
                                         px.family_name == py.family_name, px.grandfather == py.grandfather};
      const Pattern p = comparator.compare(x, y, cache);
      const std::array<int, 4> cols = {features.column_of(KnownField::kFirstName),
                                       features.column_of(KnownField::kFatherName),
                                       features.column_of(KnownField::kFamilyName),
                                       features.column_of(KnownField::kGrandfatherName)};
      for (std::size_t k = 0; k < 4; ++k) {
        const Level l = level_at(p, static_cast<std::size_t>(cols[k]));
        if (l == Level::kMissing) continue;
        same[k] += truly[k] ? 1 : 0;
        const bool ag = l == Level::kExact || l == Level::kClose;
        agree[k] += ag ? 1 : 0;
        agree_true_differs[k] += ag && !truly[k] ? 1 : 0;
        if (ag && !truly[k] && show_samples) {
          const auto canon = [&](const auto& who) -> std::string {
            switch (k) {
              case 0: return sawt::synth::first_name(who, tables).arabic;
              case 1: return tables.male[who.father].arabic;
              case 2: return tables.family[who.family_name].arabic;
              default: return tables.male[who.grandfather].arabic;
            }
          };
          std::string a = canon(px), b = canon(py);
          if (b < a) std::swap(a, b);
          false_agree[fmt::format("{:<12} {} | {}  ({})", label_of[k], a, b, l == Level::kExact ? "exact" : "close")]++;
          const std::size_t col = static_cast<std::size_t>(cols[k]);
          const std::uint32_t vx = features.value(x, col), vy = features.value(y, col);
          std::string tx = vx != 0 ? features.name(vx).key : "-", ty = vy != 0 ? features.name(vy).key : "-";
          if (ty < tx) std::swap(tx, ty);
          false_texts[fmt::format("{} | {} :: {} | {}", a, b, tx, ty)]++;
        }
      }
    }
    if (show_samples) {
      std::vector<std::pair<int, std::string>> top;
      for (const auto& [key, count] : false_agree) top.emplace_back(count, key);
      std::sort(top.rbegin(), top.rend());
      for (std::size_t i = 0; i < top.size() && i < 60; ++i) fmt::print("false agreement {:5} {}\n", top[i].first, top[i].second);
      top.clear();
      for (const auto& [key, count] : false_texts) top.emplace_back(count, key);
      std::sort(top.rbegin(), top.rend());
      for (std::size_t i = 0; i < top.size() && i < 150; ++i) fmt::print("false texts {:5} {}\n", top[i].first, top[i].second);
    }
    const std::array<const char*, 4> label = {"first", "father", "family", "grandfather"};
    for (std::size_t k = 0; k < 4; ++k) {
      fmt::print("random record pairs, {}: truly the same name {:.4f}, engine says exact/close {:.4f} "
                 "(of which different names {:.4f})\n",
                 label[k], same[k] / kSamples, agree[k] / kSamples, agree_true_differs[k] / kSamples);
    }
  }
  const auto consistent = [&](Pattern p, std::size_t f) {
    const Level l = level_at(p, f);
    if (l == Level::kExact || l == Level::kClose) return true;
    return l == Level::kPartial && features.column(f).kind == FieldKind::kDate;
  };
  std::map<std::uint16_t, std::vector<std::uint32_t>> by_family, by_first;
  for (std::uint32_t q = 0; q < m; ++q) {
    by_family[population.people[q].family_name].push_back(q);
    by_first[population.people[q].first].push_back(q);
  }
  std::map<std::uint32_t, std::vector<std::uint32_t>> s_of;
  std::vector<std::uint32_t> stamp(m, 0);
  std::uint32_t now = 0;
  const auto persons_for = [&](std::uint32_t x) -> const std::vector<std::uint32_t>& {
    auto it = s_of.find(x);
    if (it != s_of.end()) return it->second;
    const auto self = static_cast<std::uint32_t>(person[x]);
    const Pattern own = comparator.compare(x, static_cast<std::uint32_t>(n + self), cache);
    std::vector<std::size_t> shown;
    for (std::size_t f = 0; f < names.size(); ++f) {
      if (consistent(own, f)) shown.push_back(f);
    }
    std::vector<std::uint32_t> out;
    ++now;
    const auto& who = population.people[self];
    for (const auto* list : {&by_family[who.family_name], &by_first[who.first]}) {
      for (std::uint32_t q : *list) {
        if (stamp[q] == now) continue;
        stamp[q] = now;
        const Pattern p = q == self ? own : comparator.compare(x, static_cast<std::uint32_t>(n + q), cache);
        bool ok = true;
        for (std::size_t f : shown) ok = ok && consistent(p, f);
        if (ok) out.push_back(q);
      }
    }
    std::sort(out.begin(), out.end());
    return s_of.emplace(x, std::move(out)).first->second;
  };
  // r from the records per person.
  std::vector<double> per(m, 0);
  for (int p : person) per[static_cast<std::size_t>(p)] += 1;
  double mean = 0, pairs = 0;
  for (double c : per) {
    mean += c;
    pairs += c * (c - 1);
  }
  mean /= static_cast<double>(m);
  pairs /= static_cast<double>(m);
  const double r = mean * mean / pairs;
  const auto posterior = [&](std::uint32_t a, std::uint32_t b) {
    const auto& sa = persons_for(a);
    const auto& sb = persons_for(b);
    std::vector<std::uint32_t> both;
    std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(both));
    const double k = static_cast<double>(both.size());
    const double all_pairs = static_cast<double>(sa.size()) * static_cast<double>(sb.size());
    return k == 0 ? 0.0 : k / (k + r * (all_pairs - k));
  };
  std::map<int, std::vector<std::uint32_t>> by_person;
  for (std::uint32_t x = 0; x < n; ++x) by_person[person[x]].push_back(x);
  std::array<std::size_t, 6> bins{};  // posterior < .1, < .3, < .5, < .7, < .9, >= .9
  const auto bin = [](double p) { return p < 0.1 ? 0 : p < 0.3 ? 1 : p < 0.5 ? 2 : p < 0.7 ? 3 : p < 0.9 ? 4 : 5; };
  std::size_t missed = 0;
  double linkable = 0, cost = 0;
  for (const auto& [p, members] : by_person) {
    for (std::size_t x = 0; x < members.size(); ++x) {
      for (std::size_t y = x + 1; y < members.size(); ++y) {
        if (result.cluster_of[members[x]] == result.cluster_of[members[y]]) continue;
        ++missed;
        const double post = posterior(members[x], members[y]);
        ++bins[static_cast<std::size_t>(bin(post))];
        if (show_samples && missed % 200 == 0) {
          const auto show = [&](std::uint32_t i) {
            const auto& a = records[i];
            return fmt::format("{} [{}|{}|{}|{}] / {} / {} {} {} / {} / {} {}", a.name.full, a.name.first,
                               a.name.father, a.name.grandfather, a.name.family, a.name.mother, a.gender,
                               a.birth_date.to_string(), a.birth_place, a.id_number, a.facility, sources[i]);
          };
          fmt::print("ORACLE post {:.3f} |S_a| {} |S_b| {}\n  {}\n  {}\n", post, persons_for(members[x]).size(),
                     persons_for(members[y]).size(), show(members[x]), show(members[y]));
        }
        if (post >= 0.5) {
          linkable += 1;
          cost += (1 - post) / post;
        }
      }
    }
  }
  std::array<std::size_t, 6> false_bins{};
  std::size_t false_links = 0;
  for (const auto& pr : result.matches) {
    if (person[pr.a] == person[pr.b]) continue;
    ++false_links;
    ++false_bins[static_cast<std::size_t>(bin(posterior(static_cast<std::uint32_t>(pr.a), static_cast<std::uint32_t>(pr.b))))];
  }
  fmt::print("content oracle (r = {:.2f}): {} missed true pairs by oracle posterior: <0.1 {}, 0.1-0.3 {}, 0.3-0.5 {}, "
             "0.5-0.7 {}, 0.7-0.9 {}, >=0.9 {}\n",
             r, missed, bins[0], bins[1], bins[2], bins[3], bins[4], bins[5]);
  fmt::print("  linking those at >= 0.5 would add {:.0f} true pairs and about {:.0f} false ones\n", linkable, cost);
  fmt::print("  {} false links (pairs) by oracle posterior: <0.1 {}, 0.1-0.3 {}, 0.3-0.5 {}, 0.5-0.7 {}, 0.7-0.9 {}, "
             ">=0.9 {}\n",
             false_links, false_bins[0], false_bins[1], false_bins[2], false_bins[3], false_bins[4], false_bins[5]);
}

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
  options.sole_candidate_weight =
      std::stod(flag(args, "--sole-weight", std::to_string(options.sole_candidate_weight)));
  options.competitor_weight = std::stod(flag(args, "--competitor-weight", std::to_string(options.competitor_weight)));
  options.competitor_gap = std::stod(flag(args, "--competitor-gap", std::to_string(options.competitor_gap)));
  options.conflict_weight = std::stod(flag(args, "--conflict-weight", std::to_string(options.conflict_weight)));
  options.em.max_iterations = std::stoi(flag(args, "--em-iterations", std::to_string(options.em.max_iterations)));
  g_max_block = options.max_block;
  g_window = options.window;
  g_wide_blocks = std::stoul(flag(args, "--wide-blocks", "0"));
  g_blocking_misses = has(args, "--blocking-misses");
  g_blocking_dump = flag(args, "--blocking-dump", "");
  static std::string veto_dump = flag(args, "--veto-dump", "");
  if (!veto_dump.empty()) g_veto_dump = veto_dump.c_str();
  static std::string only_veto;
  if (has(args, "--only-veto")) {
    only_veto = flag(args, "--only-veto", "");
    g_only_veto = only_veto.c_str();
  }
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
          if (has(args, "--errors") && shown++ < 200) {
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
  {
    // False links by how the two persons are related.
    std::size_t siblings = 0, cousins = 0, others = 0;
    for (const auto& m : result->matches) {
      if (person[m.a] == person[m.b]) continue;
      const auto pa = generator->person(person[m.a]), pb = generator->person(person[m.b]);
      if (pa.family >= 0 && pa.family == pb.family) {
        ++siblings;
      } else if (pa.clan == pb.clan) {
        ++cousins;
      } else {
        ++others;
        // --sole-only: only the links made by the only-candidate joins.
        const bool sole_only = has(args, "--sole-only");
        if (has(args, "--errors") && (!sole_only || m.note.starts_with(kSoleNote)) &&
            others <= (sole_only ? 3000 : 30)) {
          const auto& a = records[m.a];
          const auto& b = records[m.b];
          fmt::print("FALSE-OTHER {} {:.3f} {}\n  {} [{}|{}|{}|{}] / {} {} {} {}\n  {} [{}|{}|{}|{}] / {} {} {} {}\n  truth {} {} {} {} / {} {} {} {}\n",
                     m.note, m.probability, m.explanation, a.name.full, a.name.first, a.name.father, a.name.grandfather,
                     a.name.family, a.name.mother, a.birth_date.to_string(), a.birth_place, sources[m.a],
                     b.name.full, b.name.first, b.name.father, b.name.grandfather, b.name.family, b.name.mother,
                     b.birth_date.to_string(), b.birth_place, sources[m.b], pa.person.name_ar.first,
                     pa.person.name_ar.father, pa.person.name_ar.family, pa.person.birth_date.to_string(),
                     pb.person.name_ar.first, pb.person.name_ar.father, pb.person.name_ar.family,
                     pb.person.birth_date.to_string());
        }
      }
    }
    fmt::print("false links: {} between siblings, {} between cousins, {} between others\n", siblings, cousins,
               others);
    if (has(args, "--errors") || has(args, "--link-notes")) {
      // Links by how they were made and by weight: true and false.
      std::map<std::string, std::map<int, std::pair<int, int>>> by_note;
      for (const auto& m : result->matches) {
        const std::string note = m.note.empty() ? "pair" : m.note.substr(0, 30);
        auto& bin = by_note[note][std::min(30, static_cast<int>(std::floor(m.weight / 2)) * 2)];
        (person[m.a] == person[m.b] ? bin.first : bin.second)++;
      }
      for (const auto& [note, bins] : by_note) {
        std::string line = "  links (" + note + "):";
        for (const auto& [w, tf] : bins) line += fmt::format(" {}:{}/{}", w, tf.first, tf.second);
        fmt::print("{} (bits: true/false)\n", line);
      }
    }
    if (has(args, "--errors")) {
      // The sole-candidate joins by weight, and the refused links by reason.
      std::map<int, std::pair<int, int>> sole_bins;
      for (const auto& m : result->matches) {
        if (!m.note.starts_with(kSoleNote)) continue;
        auto& bin = sole_bins[static_cast<int>(std::floor(m.weight))];
        (person[m.a] == person[m.b] ? bin.first : bin.second)++;
      }
      for (const auto& [w, tf] : sole_bins)
        fmt::print("  only-candidate joins at {} bits: {} true, {} false\n", w, tf.first, tf.second);
      std::map<std::string, std::pair<int, int>> refusals;
      for (const auto& r : result->review) {
        if (r.note.empty()) continue;
        const auto colon = r.note.rfind(": ");
        auto& c = refusals[colon == std::string::npos ? r.note : r.note.substr(colon + 2)];
        (person[r.a] == person[r.b] ? c.first : c.second)++;
      }
      for (const auto& [why, tf] : refusals) fmt::print("  refused ({}): {} true, {} false\n", why, tf.first, tf.second);
    }
  }
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
    const auto sibling = [&](std::size_t x, std::size_t y) {
      const auto pa = generator->person(person[x]), pb = generator->person(person[y]);
      return person[x] != person[y] && pa.family >= 0 && pa.family == pb.family;
    };
    diagnose(records, sources, truth, *result, false, show, std::stoi(flag(args, "--limit", "30")), sibling);
  }
  if (has(args, "--content-oracle")) content_oracle(records, sources, person, so, *result, has(args, "--errors"));
  if (has(args, "--oracle")) oracle(records, sources, person, *result, std::stoul(flag(args, "--oracle", "2000")));
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
  fmt::print(
      stderr,
      "usage: linkage_eval febrl4|febrl3 [--with-ssn] [--threshold P] [--errors]\n"
      "       linkage_eval file IN.csv OUT.csv [--truth COLUMN] [--no-explain]\n"
      "       linkage_eval synth PEOPLE [--seed S] [--sources K] [--csv OUT.csv] [--errors]\n"
      "                          [--content-oracle] [--oracle N] [--wide-blocks N] [--blocking-misses]\n");
  return 1;
}
