// Record linkage between files, no store: `sawt link --in` reads a records
// interchange CSV, links it (linkage/link.h) and writes one person id per
// record, and optionally the linked pairs, the pairs to review and the model;
// `sawt link-eval` measures such a clustering against a truth file (the one
// `sawt synth` writes).
//
// File formats written (UTF-8, header row, RFC 4180 quoting; mode 0600,
// replaced atomically):
//   clusters  record_id,person_id — every input record, in input order;
//             person ids "P1", "P2", ... numbered by first appearance. A record
//             without a record_id is named "#LINE" (its line in the input).
//   pairs     record_id_a,record_id_b,probability,explanation — the links
//             that formed the clusters, strongest first.
//   review    record_id_a,record_id_b,probability,explanation,note — pairs for
//             a person to decide (between the thresholds, or links the
//             clustering refused: the note says why).
//
// Input that cannot be used as it stands is refused as a whole (kBadInput,
// where = "FILE:LINE" of the first bad row, the message counting them): a
// clustering that silently leaves records out would be read as complete.
#pragma once

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "linkage/evaluate.h"
#include "linkage/link.h"
#include "util/error.h"

namespace sawt::app {

struct LinkFilesOptions {
  std::filesystem::path in;     // records interchange CSV (required)
  std::filesystem::path out;    // clusters CSV (required)
  std::filesystem::path pairs;  // optional outputs: empty = not written
  std::filesystem::path review;
  std::filesystem::path model_in;   // a model saved by model_out, used as it is (no estimation)
  std::filesystem::path model_out;  // the model as estimated, JSON
  linkage::Options link;            // thresholds, ignored columns, threads, progress
};

struct LinkFilesReport {
  std::size_t records = 0;
  std::size_t persons = 0;         // clusters
  std::size_t linked_records = 0;  // records in a cluster of two or more
  std::size_t links = 0;           // pairs that formed the clusters
  std::size_t review = 0;          // pairs written for review
  linkage::LinkStats stats;
  linkage::ModelParams model;
  double read_seconds = 0, write_seconds = 0, total_seconds = 0;
  std::vector<std::string> written;  // the files written, in order

  [[nodiscard]] nlohmann::json to_json() const;
};

// Reads, links, writes. Fails with kNotFound when the input (or model) file
// does not exist, kBadInput on bad rows (see above), on record ids used twice
// (clusters name records by record_id) or an invalid model file, kUsage on
// inconsistent options (link.h), kInternal when an output cannot be written.
[[nodiscard]] Result<LinkFilesReport> link_files(const LinkFilesOptions& options);

struct LinkEvalReport {
  linkage::Evaluation pairs;
  std::optional<linkage::SiblingEvaluation> siblings;  // when the truth has a family column

  [[nodiscard]] nlohmann::json to_json() const;
};

// Reads CLUSTERS (record_id and person_id columns; `cluster` is accepted for
// person_id) and TRUTH (record_id, person_id, optionally family) and compares
// them. Every record must be in both files exactly once: kBadInput naming the
// file and line otherwise; kNotFound when a file does not exist.
[[nodiscard]] Result<LinkEvalReport> evaluate_files(const std::filesystem::path& clusters,
                                                    const std::filesystem::path& truth);

}  // namespace sawt::app
