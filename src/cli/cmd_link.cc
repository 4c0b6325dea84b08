// Record linkage commands: `sawt link --in FILE` (file mode: records CSV in,
// clusters CSV out, no store) and `sawt link-eval` (a clustering against a
// truth file). `sawt link` without --in is the store mode, run_link_store(),
// defined with the store's review commands; the weak definition here only
// says it is not built yet.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <thread>

#include "app/link_files.h"
#include "cli/cli.h"

namespace sawt::cli {

namespace {

Result<double> probability_option(const Args& args, std::string_view name, double fallback) {
  const auto v = args.maybe(name);
  if (!v) return fallback;
  double p = 0;
  const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), p);
  if (ec != std::errc() || end != v->data() + v->size() || !(p > 0 && p < 1)) {
    return fail(ErrorKind::kUsage,
                fmt::format("--{} needs a probability between 0 and 1, not '{}'", name, *v),
                fmt::format("--{}", name), "e.g. 0.95");
  }
  return p;
}

// Progress on stderr, one line per stage, only for a person watching.
void progress_line(std::string_view stage, double fraction) {
  if (fraction == 0.0) {
    fmt::print(stderr, "sawt link: {}...\n", stage);
  }
}

void print_summary(const app::LinkFilesReport& r, const app::LinkFilesOptions& o) {
  fmt::print("Linked {} records into {} persons ({} records are in a person with more than one record).\n",
             r.records, r.persons, r.linked_records);
  fmt::print(
      "{} links, {} pairs for review; {} candidate pairs compared, {} kept apart by the sibling and id "
      "rules.\n",
      r.links, r.review, r.stats.candidate_pairs, r.stats.vetoed);
  fmt::print("Wrote {}", o.out.string());
  for (std::size_t i = 1; i < r.written.size(); ++i) fmt::print(", {}", r.written[i]);
  fmt::print(" in {:.1f} s (read {:.1f} s, link {:.1f} s, write {:.1f} s).\n", r.total_seconds,
             r.read_seconds, r.stats.seconds_total, r.write_seconds);
}

}  // namespace

Result<int> run_link_file(Context&, const Args& args) {
  app::LinkFilesOptions o;
  o.in = args.get("in");
  o.out = args.get("out");
  if (o.out.empty()) {
    return fail(ErrorKind::kUsage, "--out FILE is required with --in", "sawt link",
                "e.g. sawt link --in records.csv --out clusters.csv");
  }
  o.pairs = args.get("pairs");
  o.review = args.get("review");
  o.model_in = args.get("model");
  o.model_out = args.get("save-model");
  o.link.match_threshold = SAWT_TRY(probability_option(args, "match-threshold", o.link.match_threshold));
  o.link.review_threshold = SAWT_TRY(probability_option(
      args, "review-threshold", std::min(o.link.review_threshold, o.link.match_threshold)));
  if (o.link.review_threshold > o.link.match_threshold) {
    return fail(ErrorKind::kUsage,
                fmt::format("--review-threshold {} is above --match-threshold {}", o.link.review_threshold,
                            o.link.match_threshold),
                "--review-threshold",
                "pairs between the two thresholds go to review: give the lower one second");
  }
  o.link.ignore_columns = args.all("ignore");
  const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  o.link.threads = SAWT_TRY(args.get_int("threads", std::min(cores, 16)));
  if (o.link.threads < 1 || o.link.threads > 256) {
    return fail(ErrorKind::kUsage, fmt::format("--threads must be between 1 and 256, not {}", o.link.threads),
                "--threads");
  }
  if (!args.json() && isatty(STDERR_FILENO) != 0) o.link.progress = progress_line;
  const auto report = SAWT_TRY(app::link_files(o));
  if (args.json()) {
    print_json(report.to_json());
  } else {
    print_summary(report, o);
  }
  return kExitOk;
}

namespace {

Result<int> cmd_link(Context& ctx, const Args& args) {
  return args.has("in") ? run_link_file(ctx, args) : run_link_store(ctx, args);
}

Result<int> cmd_link_eval(Context&, const Args& args) {
  const auto clusters = args.get("clusters");
  const auto truth = args.get("truth");
  if (clusters.empty() || truth.empty()) {
    return fail(ErrorKind::kUsage, "--clusters FILE and --truth FILE are both required", "sawt link-eval",
                "e.g. sawt link-eval --clusters clusters.csv --truth truth.csv");
  }
  const auto report = SAWT_TRY(app::evaluate_files(clusters, truth));
  if (args.json()) {
    print_json(report.to_json());
    return kExitOk;
  }
  const auto& e = report.pairs;
  fmt::print("records    {}\n", e.records);
  fmt::print("pairs      precision {:.4f}  recall {:.4f}  F1 {:.4f}  ({} correct of {} predicted; {} true)\n",
             e.precision, e.recall, e.f1, e.correct_pairs, e.predicted_pairs, e.true_pairs);
  fmt::print("clusters   {} predicted, {} true, {} exactly right (precision {:.4f}, recall {:.4f})\n",
             e.predicted_clusters, e.true_clusters, e.exact_clusters, e.cluster_precision, e.cluster_recall);
  fmt::print("B-cubed    precision {:.4f}  recall {:.4f}  F1 {:.4f}\n", e.bcubed_precision, e.bcubed_recall,
             e.bcubed_f1);
  if (report.siblings) {
    fmt::print("siblings   precision {:.4f}  ({} of {} sibling record pairs merged)\n",
               report.siblings->kept_apart, report.siblings->merged, report.siblings->pairs);
  }
  return kExitOk;
}

}  // namespace

void add_link_commands(std::vector<Command>& out) {
  out.push_back({"link",
                 "",
                 "link records into persons: the store's source records (pairs in doubt go to review), or with "
                 "--in a records CSV to a clusters CSV (no store needed)",
                 {{"in", "FILE", "records interchange CSV to link (file mode)"},
                  {"out", "FILE", "file mode: clusters CSV to write, record_id,person_id for every record"},
                  {"pairs", "FILE", "also write the links: record_id_a,record_id_b,probability,explanation"},
                  {"review", "FILE", "also write the pairs for review (between the thresholds)"},
                  {"ignore", "COL", "do not compare this column", true},
                  {"match-threshold", "P", "link pairs at or above this probability (default 0.95)"},
                  {"review-threshold", "P", "review pairs at or above this probability (default 0.5)"},
                  {"model", "FILE", "use this model (from --save-model) instead of estimating one"},
                  {"save-model", "FILE", "write the estimated model as JSON"},
                  {"threads", "N", "threads to use (default: the number of cores)"},
                  {"clusters", "FILE",
                   "store mode: also write record_id,source,person_id for every record (ids only, no names)"}},
                 cmd_link,
                 0,
                 0});
  out.push_back({"link-eval",
                 "",
                 "compare a clustering with the truth: pairwise precision, recall, F1, siblings",
                 {{"clusters", "FILE", "clusters CSV (record_id,person_id), e.g. from sawt link"},
                  {"truth", "FILE", "truth CSV (record_id,person_id[,family]), e.g. from sawt synth"}},
                 cmd_link_eval,
                 0,
                 0});
}

}  // namespace sawt::cli
