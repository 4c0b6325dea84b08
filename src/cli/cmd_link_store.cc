// Linkage in the store: `sawt link` (store mode: without --in), `sawt review
// list|show|decide|undo`, `sawt merge`, `sawt unmerge`, `sawt split`. Thin:
// each command opens the store, runs one app/link_store.h use case in one
// transaction, and prints text or JSON.
#include <fmt/format.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>

#include "app/link_store.h"
#include "cli/cli.h"
#include "domain/json.h"
#include "util/fs.h"
#include "util/strings.h"

namespace sawt::cli {

namespace {

Result<double> probability_option(const Args& args, std::string_view name, double fallback) {
  auto v = args.maybe(name);
  if (!v) return fallback;
  char* end = nullptr;
  const double d = std::strtod(v->c_str(), &end);
  if (end == v->c_str() || *end != '\0' || !(d > 0 && d < 1)) {
    return fail(ErrorKind::kUsage,
                fmt::format("--{} needs a probability between 0 and 1, not '{}'", name, *v),
                fmt::format("--{}", name), "e.g. 0.95");
  }
  return d;
}

Result<Id> pair_argument(std::string_view text) {
  Id id = 0;
  std::string_view digits = text;
  if (digits.starts_with("R-") || digits.starts_with("r-") || digits.starts_with("#")) {
    digits.remove_prefix(digits.starts_with("#") ? 1 : 2);
  }
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || id <= 0) {
    return fail(ErrorKind::kUsage, fmt::format("'{}' is not a review pair number", text), "PAIR",
                "see 'sawt review list' for the numbers");
  }
  return id;
}

// Runs F in one transaction on the store; F returns what to print as JSON and as text.
template <typename F>
Result<int> in_transaction(Context& ctx, const Args& args, F&& f) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto tx = SAWT_TRY(store::Transaction::begin(store->db()));
  auto result = SAWT_TRY(f(repo));
  SAWT_CHECK(tx.commit());
  if (args.json()) {
    print_json(app::to_json(result));
  } else {
    fmt::print("{}\n", result.message);
  }
  return kExitOk;
}

std::string record_line(const nlohmann::json& r, std::string_view key) {
  const auto v = r.value(std::string(key), nlohmann::json());
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  return "";
}

std::string name_of(const nlohmann::json& r) {
  const auto n = r.value("name", nlohmann::json::object()).get<NameParts>();
  return n.display();
}

void print_pair(const nlohmann::json& p) {
  const auto& a = p["a"];
  const auto& b = p["b"];
  fmt::print("Pair {}  probability {:.1f}%  weight {:+.1f} bits  ({})\n", p["id"].get<Id>(),
             100 * p["probability"].get<double>(), p["weight"].get<double>(), p["status"].get<std::string>());
  const auto row = [](std::string_view label, const std::string& x, const std::string& y) {
    if (x.empty() && y.empty()) return;
    const char* mark = (!x.empty() && !y.empty() && x != y) ? "≠" : " ";
    fmt::print("  {:<14} {} {:<40} | {}\n", label, mark, x, y);
  };
  row("person", record_line(a, "person"), record_line(b, "person"));
  row("source", record_line(a, "source"), record_line(b, "source"));
  row("record", record_line(a, "record_id"), record_line(b, "record_id"));
  row("name", name_of(a), name_of(b));
  row("mother", a["name"].value("mother", ""), b["name"].value("mother", ""));
  for (const char* f :
       {"gender", "birth_date", "birth_place", "nationality", "id_number", "arrest_date", "facility"}) {
    row(f, record_line(a, f), record_line(b, f));
  }
  fmt::print("  why: {}\n", p["explanation"].get<std::string>());
  for (const auto& e : p["fields"]) {
    if (e["level"] == "missing") continue;
    fmt::print("    {:<18} {:<10} {:+.1f}\n", e["field"].get<std::string>(), e["level"].get<std::string>(),
               e["weight"].get<double>());
  }
  if (!p["note"].get<std::string>().empty()) fmt::print("  note: {}\n", p["note"].get<std::string>());
}

}  // namespace

Result<int> run_link_store(Context& ctx, const Args& args) {
  app::LinkStoreOptions o;
  o.match_threshold = SAWT_TRY(probability_option(args, "match-threshold", o.match_threshold));
  o.review_threshold = SAWT_TRY(probability_option(args, "review-threshold", o.review_threshold));
  o.threads = SAWT_TRY(args.get_int("threads", o.threads));
  if (o.review_threshold > o.match_threshold) {
    return fail(ErrorKind::kUsage, "the review threshold is above the match threshold", "--review-threshold",
                "give a review threshold below the match threshold");
  }
  if (isatty(STDERR_FILENO) != 0 && !args.json()) {
    o.progress = [](std::string_view stage, double fraction) {
      if (fraction == 0) std::fprintf(stderr, "\r%-40s", fmt::format("linking: {}...", stage).c_str());
    };
  }
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto tx = SAWT_TRY(store::Transaction::begin(store->db()));
  auto report = SAWT_TRY(app::link_store(repo, o));
  SAWT_CHECK(tx.commit());
  if (auto file = args.maybe("clusters"))
    SAWT_CHECK(atomic_write_file(*file, SAWT_TRY(app::clusters_csv(repo))));
  if (o.progress) std::fprintf(stderr, "\r%-40s\r", "");
  if (args.json()) {
    print_json(app::to_json(report));
    return kExitOk;
  }
  fmt::print("Linked {} source records in {:.2f} s (linkage {:.2f} s; run {}).\n", report.records,
             report.seconds, report.linkage_seconds, report.run_id);
  fmt::print("  persons created           {}\n", report.persons_created);
  fmt::print("  records attached          {}\n", report.records_attached);
  fmt::print("  persons merged            {}\n", report.persons_merged);
  fmt::print("  kept apart by decisions   {}\n", report.kept_apart);
  fmt::print("  pairs queued for review   {} (open: {})\n", report.review_queued, report.review_pending);
  if (report.labelled_pairs > 0) fmt::print("  model refined by {} decisions\n", report.labelled_pairs);
  if (!report.changed()) fmt::print("Nothing changed.\n");
  if (report.review_pending > 0) fmt::print("Review the open pairs with 'sawt review list'.\n");
  return kExitOk;
}

namespace {

Result<int> cmd_review_list(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  store::ReviewFilter f;
  f.limit = SAWT_TRY(args.get_int("limit", 20));
  f.offset = SAWT_TRY(args.get_int("offset", 0));
  auto queue = SAWT_TRY(app::review_queue_json(repo, f));
  if (args.json()) {
    print_json(queue);
    return kExitOk;
  }
  fmt::print("{} pair(s) to review\n", queue["total"].get<int>());
  for (const auto& p : queue["pairs"]) {
    fmt::print("  {:>5}  {:5.1f}%  {:<9} {} ({}) ~ {} ({})\n", p["id"].get<Id>(),
               100 * p["probability"].get<double>(), p["status"].get<std::string>(), name_of(p["a"]),
               record_line(p["a"], "person"), name_of(p["b"]), record_line(p["b"], "person"));
  }
  if (queue["total"].get<int>() > 0) fmt::print("Show one with 'sawt review show PAIR'.\n");
  return kExitOk;
}

Result<int> cmd_review_show(Context& ctx, const Args& args) {
  const Id id = SAWT_TRY(pair_argument(args.positional[0]));
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto pair = SAWT_TRY(app::review_pair_json(repo, SAWT_TRY(repo.get_review_pair(id))));
  if (args.json()) {
    print_json(pair);
  } else {
    print_pair(pair);
  }
  return kExitOk;
}

Result<int> cmd_review_decide(Context& ctx, const Args& args) {
  const Id id = SAWT_TRY(pair_argument(args.positional[0]));
  const auto decision = SAWT_TRY(app::parse_decision(args.positional[1]));
  return in_transaction(ctx, args, [&](store::Repository& repo) {
    return app::decide_pair(repo, id, decision, args.get("note"));
  });
}

Result<int> cmd_review_undo(Context& ctx, const Args& args) {
  return in_transaction(ctx, args, [&](store::Repository& repo) -> Result<app::ActionResult> {
    if (auto action = args.maybe("action")) {
      Id id = 0;
      std::from_chars(action->data(), action->data() + action->size(), id);
      return app::undo_action(repo, id);
    }
    return app::undo_last(repo);
  });
}

Result<int> cmd_merge(Context& ctx, const Args& args) {
  return in_transaction(ctx, args, [&](store::Repository& repo) -> Result<app::ActionResult> {
    const auto survivor = SAWT_TRY(repo.find_person(args.positional[0]));
    const auto merged = SAWT_TRY(repo.find_person(args.positional[1]));
    if (survivor.id == merged.id) {
      return fail(ErrorKind::kBadInput,
                  fmt::format("{} and {} are one person already", args.positional[0], args.positional[1]));
    }
    return app::merge(repo, survivor.id, merged.id, args.get("note"));
  });
}

Result<int> cmd_unmerge(Context& ctx, const Args& args) {
  return in_transaction(ctx, args, [&](store::Repository& repo) -> Result<app::ActionResult> {
    return app::unmerge(repo, SAWT_TRY(repo.find_person_id(args.positional[0])), args.get("note"));
  });
}

Result<int> cmd_split(Context& ctx, const Args& args) {
  std::vector<std::string> refs;
  for (const auto& v : args.all("records")) {
    for (const auto& part : split(v, ',')) {
      if (!trim(part).empty()) refs.emplace_back(trim(part));
    }
  }
  if (refs.empty()) {
    return fail(ErrorKind::kUsage, "name the records to split off", "--records",
                "give source record numbers or the sources' record ids, e.g. --records 12,17");
  }
  return in_transaction(ctx, args, [&](store::Repository& repo) -> Result<app::ActionResult> {
    const auto person = SAWT_TRY(repo.find_person(args.positional[0]));
    const auto records = SAWT_TRY(repo.person_records(person.id));
    std::vector<Id> ids;
    for (const auto& ref : refs) {
      const SourceRecord* found = nullptr;
      for (const auto& r : records) {
        if (r.record_id == ref || std::to_string(r.id) == ref || "#" + std::to_string(r.id) == ref)
          found = &r;
      }
      if (found == nullptr) {
        return fail(ErrorKind::kBadInput,
                    fmt::format("'{}' is not one of {}'s records", ref, person.public_id), "--records",
                    fmt::format("see 'sawt person show {} --json' for its records", person.public_id));
      }
      ids.push_back(found->id);
    }
    return app::split(repo, person.id, ids, args.get("note"));
  });
}

}  // namespace

void add_link_store_commands(std::vector<Command>& out) {
  out.push_back({"review list",
                 "",
                 "the pairs of records waiting for a decision, most likely first",
                 {{"limit", "N", "at most N (default 20)"}, {"offset", "N", "skip the first N"}},
                 cmd_review_list,
                 0,
                 0});
  out.push_back({"review show",
                 "PAIR",
                 "two records side by side, with which fields agreed and their weights",
                 {},
                 cmd_review_show,
                 1,
                 1});
  out.push_back({"review decide",
                 "PAIR DECISION",
                 "decide a pair: match (merges the persons), no-match (kept apart for good) or skip",
                 {{"note", "TEXT", "why (kept with the decision)"}},
                 cmd_review_decide,
                 2,
                 2});
  out.push_back({"review undo",
                 "",
                 "undo your last decision, merge, unmerge or split",
                 {{"action", "N", "undo this action instead of the last one"}},
                 cmd_review_undo,
                 0,
                 0});
  out.push_back({"merge",
                 "PERSON MERGED",
                 "merge MERGED into PERSON (reversible: 'sawt review undo', 'sawt unmerge')",
                 {{"note", "TEXT", "why"}},
                 cmd_merge,
                 2,
                 2});
  out.push_back({"unmerge",
                 "PERSON",
                 "separate a merged person again (by its old id) and keep the two apart in later links",
                 {{"note", "TEXT", "why"}},
                 cmd_unmerge,
                 1,
                 1});
  out.push_back({"split",
                 "PERSON",
                 "make some of a person's records into a new person (reversible)",
                 {{"records", "IDS", "the records to split off (numbers or the sources' record ids)", true},
                  {"note", "TEXT", "why"}},
                 cmd_split,
                 1,
                 1});
}

}  // namespace sawt::cli
