// Linkage in the store (`sawt link` without --in, `sawt review`, `sawt merge`,
// `sawt unmerge`, `sawt split`, and the API's /api/review and /api/link): the
// pure linkage library (linkage/link.h) run over every source record, with
// what the store already knows kept:
//  1. Records already linked keep their person; nothing is ever split
//     automatically.
//  2. A cluster's unlinked records join the person of the records they link
//     to, or become a new person built from them (names, birth date and so on
//     from the most complete record; every spelling stays visible through the
//     source records).
//  3. A link between two existing persons merges them automatically only when
//     at most one of them has curated data (case files, consent, flags...);
//     otherwise the pair goes to the review queue.
//  4. Reviewers' decisions hold on every run: a pair decided "not a match"
//     (also after an unmerge or a split) is never linked again, directly or
//     through other records; a "match" merged the two persons for good. The
//     model is estimated from the records and refined by the decisions, and
//     kept with the run.
// The result depends only on the records and the decisions, so running it
// twice in a row changes nothing the second time.
//
// Every reviewer action (decide, merge, unmerge, split) is one undoable unit,
// audit-logged with the actor; undo restores the persons, their case files,
// consent, flags and the search index exactly. Source records are never
// edited. Functions write through the repository and do not open a
// transaction: callers wrap them in one (the CLI per command, the server per
// request).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "store/repository.h"
#include "util/error.h"

namespace sawt::app {

struct LinkStoreOptions {
  double match_threshold = 0.95;
  double review_threshold = 0.50;
  int threads = 2;
  std::function<void(std::string_view stage, double fraction)> progress;  // optional
};

struct LinkStoreReport {
  Id run_id = 0;
  int records = 0;
  int persons_created = 0;
  int records_attached = 0;    // unlinked records that joined an existing person
  int persons_merged = 0;      // existing persons merged automatically (no curated data on one side)
  int kept_apart = 0;          // links not made because a reviewer said "not a match"
  int review_queued = 0;       // pairs added to (or reopened in) the queue by this run
  int review_pending = 0;      // pairs open in the queue after the run
  int labelled_pairs = 0;      // reviewers' decisions that refined the model
  double seconds = 0;          // the whole run
  double linkage_seconds = 0;  // of which the linkage library (features to clusters)
  [[nodiscard]] bool changed() const {
    return persons_created + records_attached + persons_merged + review_queued > 0;
  }
};

[[nodiscard]] Result<LinkStoreReport> link_store(store::Repository& repo,
                                                 const LinkStoreOptions& options = {});
[[nodiscard]] nlohmann::json to_json(const LinkStoreReport& report);

// Who is who, for evaluation against a truth file: CSV `record_id,source,person_id`
// (the source's record id, the source's name, the person's public id), one row per
// linked record, in record order. Ids only, never names.
[[nodiscard]] Result<std::string> clusters_csv(store::Repository& repo);

enum class Decision { kMatch, kNoMatch, kSkip };
// "match", "no-match" / "no_match" / "non_match", "skip"; kUsage otherwise.
[[nodiscard]] Result<Decision> parse_decision(std::string_view text);

// The open queue (pending pairs first, then skipped ones), each pair as
// review_pair_json: {"total", "pairs": [...]}.
[[nodiscard]] Result<nlohmann::json> review_queue_json(store::Repository& repo,
                                                       const store::ReviewFilter& filter);
// One pair: {"id", "status", "probability", "weight", "explanation", "note",
// "fields": [{"field", "level", "weight"}], "a": record, "b": record}; each
// record is the source record's JSON with "source", "person" (public id) and
// "person_name".
[[nodiscard]] Result<nlohmann::json> review_pair_json(store::Repository& repo, const store::ReviewPair& pair);
// The persons the pair's records belong to now (0 when unlinked).
[[nodiscard]] Result<std::pair<Id, Id>> pair_persons(store::Repository& repo, const store::ReviewPair& pair);

// What a reviewer action did, for the CLI and the API.
struct ActionResult {
  Id action_id = 0;
  std::string kind;                  // decide, merge, unmerge, split, undo
  std::string decision;              // decide: match, no_match, skip
  std::vector<std::string> persons;  // public ids of the persons changed (survivor first)
  std::string message;               // one sentence in English
};
[[nodiscard]] nlohmann::json to_json(const ActionResult& result);

// Decides an open review pair. match merges the two persons (the one with
// curated data, else the older, survives); no_match keeps them apart for good;
// skip leaves the pair in the queue after the others. kConflict when the pair
// was decided already or its records are in one person already.
[[nodiscard]] Result<ActionResult> decide_pair(store::Repository& repo, Id pair_id, Decision decision,
                                               std::string_view note);
// Merges MERGED into SURVIVOR (a reviewer's decision about persons).
[[nodiscard]] Result<ActionResult> merge(store::Repository& repo, Id survivor_id, Id merged_id,
                                         std::string_view note);
// Undoes the merge that made MERGED_ID part of another person, and records
// that the two are not the same person (so no later run links them again).
[[nodiscard]] Result<ActionResult> unmerge(store::Repository& repo, Id merged_id, std::string_view note);
// Makes RECORD_IDS (source record ids, all linked to PERSON_ID) into a new
// person, recorded as "not the same person" as the records left behind.
[[nodiscard]] Result<ActionResult> split(store::Repository& repo, Id person_id,
                                         const std::vector<Id>& record_ids, std::string_view note);
// Undoes the latest action of the repository's actor that is not undone yet;
// kNotFound when there is none.
[[nodiscard]] Result<ActionResult> undo_last(store::Repository& repo);
[[nodiscard]] Result<ActionResult> undo_action(store::Repository& repo, Id action_id);

// A new person's fields from its records: the most complete record (then the
// most reliable source, then the oldest record) gives the Arabic-script name,
// the most complete Latin-script record the Latin name, and each other field
// comes from the best record that has a valid value for it.
[[nodiscard]] Result<Person> person_from_records(store::Repository& repo,
                                                 const std::vector<SourceRecord>& records);

}  // namespace sawt::app
