// Reference and utility commands: facility list|show.
#include <fmt/format.h>

#include "cli/cli.h"
#include "app/demo.h"
#include "domain/json.h"
#include "names/explain.h"
#include "names/similarity.h"
#include "util/strings.h"

namespace sawt::cli {

namespace {

Result<int> cmd_facility_list(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto facilities = SAWT_TRY(repo.list_facilities());
  if (args.json()) {
    print_json(facilities);
    return kExitOk;
  }
  for (const auto& f : facilities) {
    fmt::print("{:<24} {:<40} {}  capacity {}\n", f.code, f.name_en, f.name_ar, f.capacity == 0 ? std::string("?") : std::to_string(f.capacity));
  }
  return kExitOk;
}

Result<int> cmd_facility_show(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto f = SAWT_TRY(repo.get_facility(args.positional[0]));
  store::PersonFilter filter;
  filter.facility_code = f.code;
  filter.limit = 100000;
  auto persons = SAWT_TRY(repo.list_persons(filter));
  if (args.json()) {
    nlohmann::json j = f;
    j["persons_held"] = persons.size();
    print_json(j);
    return kExitOk;
  }
  fmt::print("{}\n  {}\n  {}\n  type {}, authority {}, {} {}\n  official capacity {}\n  persons recorded here: {}\n", f.code,
             f.name_en, f.name_ar, f.type, f.authority, f.city, f.country,
             f.capacity == 0 ? std::string("unknown") : std::to_string(f.capacity), persons.size());
  return kExitOk;
}

Result<int> cmd_name_explain(Context&, const Args& args) {
  const std::string name = join(args.positional, " ");
  const auto e = names::explain(name);
  if (args.json()) {
    print_json(e.to_json());
    return kExitOk;
  }
  const auto j = e.to_json();
  fmt::print("input        {}\nscript       {}\nnormalised   {}\n", e.input, j.value("script", ""), e.normalized);
  fmt::print("tokens\n");
  for (const auto& t : j["tokens"]) {
    fmt::print("  {:<20} {:<18} key {:<16} fine {:<12} coarse {}\n", t.value("text", ""), t.value("kind", ""),
               t.value("key", ""), t.value("fine", ""), t.value("coarse", ""));
  }
  fmt::print("parts guess  first '{}', father '{}', grandfather '{}', family '{}' (rule: {})\n", e.parts.first,
             e.parts.father, e.parts.grandfather, e.parts.family, e.parts.rule);
  fmt::print("skeleton     fine '{}', coarse '{}'\nsearch keys  {}\n", e.skeleton_fine, e.skeleton_coarse,
             join(e.search_keys, " "));
  return kExitOk;
}

Result<int> cmd_name_compare(Context&, const Args& args) {
  const auto& a = args.positional[0];
  const auto& b = args.positional[1];
  const double score = names::name_similarity(a, b);
  if (args.json()) {
    print_json({{"a", a}, {"b", b}, {"similarity", score}});
  } else {
    fmt::print("{:.3f}  {}  ~  {}\n", score, a, b);
  }
  return kExitOk;
}

Result<int> cmd_demo(Context& ctx, const Args& args) {
  app::DemoOptions o;
  o.people = SAWT_TRY(args.get_int("people", 300));
  o.seed = static_cast<std::uint64_t>(SAWT_TRY(args.get_int("seed", 1)));
  if (o.people < 1 || o.people > 100000) return fail(ErrorKind::kUsage, "--people must be between 1 and 100000");
  const auto dir = SAWT_TRY(ctx.store_dir());
  const auto pass = SAWT_TRY(ctx.passphrase(false));
  auto report = SAWT_TRY(app::build_demo_store(dir, pass, o));
  if (args.json()) {
    print_json({{"store", dir}, {"persons", report.persons}, {"records", report.records},
                {"quarantined", report.quarantined}, {"sources", report.sources},
                {"review_pending", report.review_pending}, {"link_f1", report.link_f1}});
  } else {
    fmt::print("Demo store in {}: {} source records from {} sources ({} rows quarantined), linked into {} persons\n"
               "(pairwise F1 {:.3f} against the synthetic truth); {} pairs wait for review.\n",
               dir, report.records, report.sources, report.quarantined, report.persons, report.link_f1,
               report.review_pending);
  }
  return kExitOk;
}

Result<int> cmd_synth(Context&, const Args& args) {
  const int people = SAWT_TRY(args.get_int("people", 1000));
  const int sources = SAWT_TRY(args.get_int("sources", 4));
  const int seed = SAWT_TRY(args.get_int("seed", 1));
  const auto out = args.get("out");
  if (out.empty()) return fail(ErrorKind::kUsage, "--out DIR is required");
  auto files = SAWT_TRY(app::write_synth_files(out, people, sources, static_cast<std::uint64_t>(seed)));
  if (args.json()) {
    print_json({{"records", files.records}, {"people", files.people}, {"out", out}});
  } else {
    fmt::print("Wrote {}/records.csv ({} records of {} synthetic people) and {}/truth.csv\n", out, files.records,
               files.people, out);
  }
  return kExitOk;
}

}  // namespace

void add_misc_commands(std::vector<Command>& out) {
  out.push_back({"name explain", "NAME...", "show what the name engine sees: script, normal form, tokens, parts, keys", {},
                 cmd_name_explain, 1, 16});
  out.push_back({"name compare", "NAME1 NAME2", "similarity of two full names (0..1), in any scripts", {},
                 cmd_name_compare, 2, 2});
  out.push_back({"demo", "", "build a demo store of synthetic detainees (never real people) in --store DIR",
                 {{"people", "N", "how many persons (default 300)"}, {"seed", "S", "random seed (default 1)"}},
                 cmd_demo, 0, 0});
  out.push_back({"synth", "", "write a synthetic multi-source dataset: DIR/records.csv and DIR/truth.csv",
                 {{"people", "N", "persons (default 1000)"}, {"sources", "K", "sources (default 4)"},
                  {"seed", "S", "random seed (default 1)"}, {"out", "DIR", "output folder"}},
                 cmd_synth, 0, 0});
  out.push_back({"facility list", "", "list facilities (reference data and your own)", {}, cmd_facility_list, 0, 0});
  out.push_back({"facility show", "CODE", "a facility and how many persons are recorded there", {}, cmd_facility_show, 1, 1});
}

}  // namespace sawt::cli
