#include "app/link_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "io/csv.h"
#include "io/records_csv.h"
#include "util/fs.h"
#include "util/strings.h"

namespace sawt::app {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// How many bad rows an error message lists by line.
constexpr std::size_t kProblemsShown = 5;

Status refuse_bad_rows(const io::ParsedRecords& parsed, const std::filesystem::path& file) {
  const auto& q = parsed.quarantined;
  if (q.empty()) return {};
  std::string others;
  for (std::size_t i = 1; i < q.size() && i <= kProblemsShown; ++i) {
    others += fmt::format("\n  line {}: {}", q[i].line, q[i].reason);
  }
  if (q.size() > kProblemsShown + 1)
    others += fmt::format("\n  ... and {} more", q.size() - kProblemsShown - 1);
  return fail(ErrorKind::kBadInput,
              q.size() == 1 ? q[0].reason
                            : fmt::format("{} (and {} more bad rows){}", q[0].reason, q.size() - 1, others),
              fmt::format("{}:{}", file.string(), q[0].line),
              "fix or remove these rows and run again ('sawt import' would quarantine them instead)");
}

// The name of record I in the output files: its record_id, else "#LINE".
std::string record_name(const SourceRecord& r) {
  return r.record_id.empty() ? fmt::format("#{}", r.line) : r.record_id;
}

Status refuse_repeated_ids(const io::ParsedRecords& parsed, const std::filesystem::path& file) {
  std::unordered_map<std::string_view, int> first_line;
  first_line.reserve(parsed.records.size());
  for (const SourceRecord& r : parsed.records) {
    if (r.record_id.empty()) continue;
    auto [it, inserted] = first_line.try_emplace(r.record_id, r.line);
    if (!inserted) {
      return fail(ErrorKind::kBadInput,
                  fmt::format("record_id '{}' is used again (first at line {}, by another source)",
                              r.record_id, it->second),
                  fmt::format("{}:{}", file.string(), r.line),
                  "the clusters file names records by record_id: make the ids unique, e.g. prefix each with "
                  "its source");
    }
  }
  return {};
}

std::string pairs_file(const std::vector<SourceRecord>& records,
                       const std::vector<linkage::PairResult>& pairs, bool with_note) {
  std::vector<std::string> header = {"record_id_a", "record_id_b", "probability", "explanation"};
  if (with_note) header.emplace_back("note");
  std::string out = io::csv_line(header);
  std::vector<std::string> row;
  for (const linkage::PairResult& p : pairs) {
    row = {record_name(records[p.a]), record_name(records[p.b]), fmt::format("{:.4f}", p.probability),
           p.explanation};
    if (with_note) {
      row.push_back(p.note);
    } else if (!p.note.empty()) {
      // A link under the match probability says why it was made (the whole
      // cluster, or the record's only candidate) where the reader looks.
      row[3] += " | " + p.note;
    }
    out += io::csv_line(row);
  }
  return out;
}

Status write_output(const std::filesystem::path& path, std::string_view text,
                    std::vector<std::string>& written) {
  auto status = atomic_write_file(path, text);
  if (!status) {
    status.error().hint = "check that the folder exists and can be written";
    return status;
  }
  written.push_back(path.string());
  return {};
}

// A CSV file read as a table: header names (lower case) and rows.
struct Table {
  std::vector<std::string> header;
  std::vector<io::CsvRow> rows;
  [[nodiscard]] int column(std::string_view name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  }
};

Result<Table> read_table(const std::filesystem::path& path) {
  const std::string text = SAWT_TRY(read_file(path));
  io::CsvReader reader(text);
  io::CsvReader::Item item;
  Table t;
  if (!reader.next(item)) {
    return fail(ErrorKind::kBadInput, "the file is empty", fmt::format("{}:1", path.string()),
                "give a CSV file with a header row");
  }
  if (!item.ok) {
    return fail(ErrorKind::kBadInput, "the header row cannot be read: " + item.problem.reason,
                fmt::format("{}:{}", path.string(), item.problem.line), "fix the header row");
  }
  for (const std::string& h : item.row.fields) t.header.push_back(to_lower_ascii(trim(h)));
  reader.expect_fields(t.header.size());
  while (reader.next(item)) {
    if (!item.ok) {
      return fail(ErrorKind::kBadInput, item.problem.reason,
                  fmt::format("{}:{}", path.string(), item.problem.line), "fix the row");
    }
    t.rows.push_back(std::move(item.row));
  }
  return t;
}

Result<int> need_column(const Table& t, const std::filesystem::path& path,
                        std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (const int c = t.column(n); c >= 0) return c;
  }
  return fail(ErrorKind::kBadInput, fmt::format("the header has no {} column", *names.begin()),
              fmt::format("{}:1", path.string()),
              fmt::format("the header must name the columns record_id and {}", *names.begin()));
}

}  // namespace

nlohmann::json LinkFilesReport::to_json() const {
  nlohmann::json timings = nlohmann::json::array();
  for (const auto& t : stats.timings) timings.push_back({{"stage", t.stage}, {"seconds", t.seconds}});
  return {{"records", records},
          {"persons", persons},
          {"linked_records", linked_records},
          {"links", links},
          {"review", review},
          {"candidate_pairs", stats.candidate_pairs},
          {"vetoed", stats.vetoed},
          {"refused", stats.refused},
          {"model",
           {{"fields", model.fields.size()},
            {"lambda", model.lambda},
            {"em_iterations", model.em_iterations},
            {"converged", model.converged}}},
          {"seconds",
           {{"read", read_seconds},
            {"link", stats.seconds_total},
            {"write", write_seconds},
            {"total", total_seconds}}},
          {"stages", timings},
          {"written", written}};
}

Result<LinkFilesReport> link_files(const LinkFilesOptions& options) {
  const auto started = Clock::now();
  LinkFilesReport report;
  linkage::Options link = options.link;
  if (!options.model_in.empty()) {
    const std::string text = SAWT_TRY(read_file(options.model_in));
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded()) {
      return fail(ErrorKind::kBadInput, "the model file is not JSON", options.model_in.string(),
                  "give a model written by 'sawt link --save-model'");
    }
    auto model = linkage::ModelParams::from_json(json);
    if (!model) {
      model.error().where =
          options.model_in.string() + (model.error().where.empty() ? "" : ": " + model.error().where);
      return std::unexpected(model.error());
    }
    link.model = std::move(*model);
    link.estimate = false;
  }
  // Explanations cost time and memory; only the pair files show them.
  link.explain = !options.pairs.empty() || !options.review.empty();

  if (link.progress) link.progress("reading", 0.0);
  io::ParsedRecords parsed;
  {
    const std::string text = SAWT_TRY(read_file(options.in));
    parsed = SAWT_TRY(io::parse_records_csv(text, options.in.string()));
  }
  SAWT_CHECK(refuse_bad_rows(parsed, options.in));
  SAWT_CHECK(refuse_repeated_ids(parsed, options.in));
  report.read_seconds = seconds_since(started);
  if (link.progress) link.progress("reading", 1.0);

  const bool any_source = std::any_of(parsed.record_sources.begin(), parsed.record_sources.end(),
                                      [](const std::string& s) { return !s.empty(); });
  if (!any_source) std::vector<std::string>().swap(parsed.record_sources);
  linkage::LinkResult result = SAWT_TRY(linkage::link(parsed.records, link, parsed.record_sources));

  const auto writing = Clock::now();
  if (link.progress) link.progress("writing", 0.0);
  const std::vector<SourceRecord>& records = parsed.records;
  report.records = records.size();
  {
    // Person ids by first appearance; cluster sizes for the summary.
    std::vector<int> person(result.stats.clusters + 1, 0);
    std::vector<std::size_t> size(person.size(), 0);
    int next = 0;
    std::string out = io::csv_line({"record_id", "person_id"});
    out.reserve(records.size() * 24);
    for (std::size_t i = 0; i < records.size(); ++i) {
      const auto c = static_cast<std::size_t>(result.cluster_of[i]);
      if (c >= person.size()) {
        person.resize(c + 1, 0);
        size.resize(c + 1, 0);
      }
      if (person[c] == 0) person[c] = ++next;
      ++size[c];
      out += io::csv_line({record_name(records[i]), fmt::format("P{}", person[c])});
    }
    report.persons = static_cast<std::size_t>(next);
    for (std::size_t s : size) report.linked_records += s >= 2 ? s : 0;
    SAWT_CHECK(write_output(options.out, out, report.written));
  }
  if (!options.pairs.empty())
    SAWT_CHECK(write_output(options.pairs, pairs_file(records, result.matches, false), report.written));
  if (!options.review.empty())
    SAWT_CHECK(write_output(options.review, pairs_file(records, result.review, true), report.written));
  if (!options.model_out.empty())
    SAWT_CHECK(write_output(options.model_out, result.model.to_json().dump(2) + "\n", report.written));
  if (link.progress) link.progress("writing", 1.0);
  report.links = result.matches.size();
  report.review = result.review.size();
  report.write_seconds = seconds_since(writing);
  report.stats = std::move(result.stats);
  report.model = std::move(result.model);
  report.total_seconds = seconds_since(started);
  return report;
}

nlohmann::json LinkEvalReport::to_json() const {
  nlohmann::json j = {
      {"records", pairs.records},
      {"pairs",
       {{"precision", pairs.precision},
        {"recall", pairs.recall},
        {"f1", pairs.f1},
        {"true", pairs.true_pairs},
        {"predicted", pairs.predicted_pairs},
        {"correct", pairs.correct_pairs}}},
      {"clusters",
       {{"true", pairs.true_clusters},
        {"predicted", pairs.predicted_clusters},
        {"exact", pairs.exact_clusters},
        {"precision", pairs.cluster_precision},
        {"recall", pairs.cluster_recall}}},
      {"bcubed",
       {{"precision", pairs.bcubed_precision}, {"recall", pairs.bcubed_recall}, {"f1", pairs.bcubed_f1}}}};
  if (siblings) {
    j["siblings"] = {
        {"pairs", siblings->pairs}, {"merged", siblings->merged}, {"precision", siblings->kept_apart}};
  }
  return j;
}

Result<LinkEvalReport> evaluate_files(const std::filesystem::path& clusters_path,
                                      const std::filesystem::path& truth_path) {
  const Table clusters = SAWT_TRY(read_table(clusters_path));
  const Table truth = SAWT_TRY(read_table(truth_path));
  const int c_id = SAWT_TRY(need_column(clusters, clusters_path, {"record_id"}));
  const int c_person = SAWT_TRY(need_column(clusters, clusters_path, {"person_id", "cluster"}));
  const int t_id = SAWT_TRY(need_column(truth, truth_path, {"record_id"}));
  const int t_person = SAWT_TRY(need_column(truth, truth_path, {"person_id"}));
  const int t_family = truth.column("family");

  const auto at = [](const std::filesystem::path& p, int line) {
    return fmt::format("{}:{}", p.string(), line);
  };
  // record_id -> row of the truth.
  std::unordered_map<std::string_view, std::size_t> truth_row;
  truth_row.reserve(truth.rows.size());
  for (std::size_t i = 0; i < truth.rows.size(); ++i) {
    const std::string& id = truth.rows[i].fields[static_cast<std::size_t>(t_id)];
    auto [it, inserted] = truth_row.try_emplace(id, i);
    if (!inserted) {
      return fail(
          ErrorKind::kBadInput,
          fmt::format("record '{}' is listed again (first at line {})", id, truth.rows[it->second].line),
          at(truth_path, truth.rows[i].line), "list every record once");
    }
  }
  std::vector<std::string> truth_labels, family_labels, predicted;
  truth_labels.reserve(clusters.rows.size());
  predicted.reserve(clusters.rows.size());
  std::vector<std::uint8_t> seen(truth.rows.size(), 0);
  for (const io::CsvRow& row : clusters.rows) {
    const std::string& id = row.fields[static_cast<std::size_t>(c_id)];
    const auto it = truth_row.find(id);
    if (it == truth_row.end()) {
      return fail(
          ErrorKind::kBadInput, fmt::format("record '{}' is not in {}", id, truth_path.filename().string()),
          at(clusters_path, row.line), "evaluate the clusters of the records the truth file describes");
    }
    if (seen[it->second]++ != 0) {
      return fail(ErrorKind::kBadInput, fmt::format("record '{}' is listed twice", id),
                  at(clusters_path, row.line), "list every record once");
    }
    const io::CsvRow& t = truth.rows[it->second];
    truth_labels.push_back(t.fields[static_cast<std::size_t>(t_person)]);
    if (t_family >= 0) family_labels.push_back(t.fields[static_cast<std::size_t>(t_family)]);
    predicted.push_back(row.fields[static_cast<std::size_t>(c_person)]);
  }
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (seen[i] == 0) {
      return fail(ErrorKind::kBadInput,
                  fmt::format("record '{}' has no cluster in {}",
                              truth.rows[i].fields[static_cast<std::size_t>(t_id)],
                              clusters_path.filename().string()),
                  at(truth_path, truth.rows[i].line), "give the clusters of every record of the truth file");
    }
  }
  LinkEvalReport report;
  report.pairs = SAWT_TRY(linkage::evaluate(truth_labels, predicted));
  if (t_family >= 0)
    report.siblings = SAWT_TRY(linkage::evaluate_siblings(truth_labels, family_labels, predicted));
  return report;
}

}  // namespace sawt::app
