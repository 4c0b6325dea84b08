// Reference and utility commands: facility list|show.
#include <fmt/format.h>

#include "cli/cli.h"
#include "domain/json.h"

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

}  // namespace

void add_misc_commands(std::vector<Command>& out) {
  out.push_back({"facility list", "", "list facilities (reference data and your own)", {}, cmd_facility_list, 0, 0});
  out.push_back({"facility show", "CODE", "a facility and how many persons are recorded there", {}, cmd_facility_show, 1, 1});
}

}  // namespace sawt::cli
