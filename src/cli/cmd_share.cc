// Partner shares: `sawt share` (consent-gated, encrypted to the partner,
// signed by us) and `sawt receive` (verified, imported as a new source).
#include <fmt/format.h>

#include "app/share.h"
#include "cli/cli.h"
#include "util/strings.h"

namespace sawt::cli {

namespace {

Result<int> cmd_share(Context& ctx, const Args& args) {
  if (!args.has("to"))
    return fail(ErrorKind::kUsage, "--to PUBFILE is required", "", "give the partner's public keys");
  app::ShareRequest request;
  request.partner = SAWT_TRY(app::read_public_keys(args.get("to")));
  request.partner_name = args.get("partner");
  request.sender_name = args.get("as");
  for (const auto& list : args.all("persons")) {
    for (const auto& ref : split(list, ',')) {
      if (auto t = trim(ref); !t.empty()) request.persons.emplace_back(t);
    }
  }
  request.all = args.has("all");
  request.include_confidential = args.has("include-confidential");
  request.include_notes = args.has("include-notes");
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  const std::string out = args.positional[0];
  auto report = SAWT_TRY(app::make_share(repo, request, out));
  if (args.json()) {
    nlohmann::json withheld = nlohmann::json::array();
    for (const auto& w : report.withheld) withheld.push_back({{"person", w.person}, {"reason", w.reason}});
    print_json({{"file", out},
                {"bundle_id", report.bundle_id},
                {"partner", report.partner},
                {"shared", report.shared},
                {"withheld", withheld}});
  } else {
    fmt::print("Bundle {} written to {} for '{}': {} person(s), encrypted to the partner's key and signed.\n",
               report.bundle_id, out, report.partner, report.shared.size());
    if (!report.withheld.empty()) {
      fmt::print("Withheld ({}), not in the bundle:\n", report.withheld.size());
      for (const auto& w : report.withheld) fmt::print("  {}  {}\n", w.person, w.reason);
    }
    fmt::print(
        "The partner takes it in with: sawt receive {} --from OUR-KEYS.pub (from 'sawt key "
        "export-public').\n",
        out);
  }
  return report.withheld.empty() ? kExitOk : kExitPartial;
}

Result<int> cmd_receive(Context& ctx, const Args& args) {
  if (!args.has("from")) {
    return fail(ErrorKind::kUsage, "--from PUBFILE is required", "",
                "give the sender's public keys, to check the signature");
  }
  const auto from = SAWT_TRY(app::read_public_keys(args.get("from")));
  const int reliability = SAWT_TRY(args.get_int("reliability", 3));
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto report = SAWT_TRY(app::receive_share(repo, args.positional[0], from, args.get("source"), reliability));
  const auto& imp = report.import;
  if (args.json()) {
    nlohmann::json q = nlohmann::json::array();
    for (const auto& p : imp.quarantined) q.push_back({{"line", p.line}, {"reason", p.reason}});
    print_json({{"bundle_id", report.bundle_id},
                {"created", report.created},
                {"sender", report.sender},
                {"import_id", imp.info.id},
                {"already_imported", imp.already_imported},
                {"records_added", imp.already_imported ? 0 : imp.info.rows_ok},
                {"quarantined", q},
                {"records_per_source", imp.records_per_source}});
  } else {
    fmt::print(
        "Bundle {} (made {}) from '{}': signature verified; {} record(s) imported as a new source{}.\n",
        report.bundle_id, report.created, report.sender.empty() ? "?" : report.sender,
        imp.already_imported ? 0 : imp.info.rows_ok,
        imp.quarantined.empty() ? "" : fmt::format(", {} quarantined", imp.quarantined.size()));
    fmt::print("Run linkage to connect them with the persons you hold; nothing you held was changed.\n");
  }
  return imp.quarantined.empty() ? kExitOk : kExitPartial;
}

}  // namespace

void add_share_commands(std::vector<Command>& out) {
  out.push_back(
      {"share",
       "OUT",
       "write a bundle of persons' records for a partner: encrypted to them, signed by us, consent-gated",
       {{"to", "PUBFILE", "the partner's public keys (their 'sawt key export-public')"},
        {"partner", "NAME", "the partner's name as in share_partner consents (default: the key file's name)"},
        {"persons", "P1,P2,...", "the persons to share", true},
        {"all", "", "every person whose consent allows it"},
        {"as", "NAME", "how the bundle names us (e.g. our organisation)"},
        {"include-confidential", "", "also confidential persons (if their consent allows)"},
        {"include-notes", "", "also the persons' free-text notes"}},
       cmd_share,
       1,
       1});
  out.push_back(
      {"receive",
       "BUNDLE",
       "verify a partner's bundle and import its records as a new source",
       {{"from", "PUBFILE",
         "the sender's public keys (their 'sawt key export-public'), checked against the signature"},
        {"source", "NAME", "the new source's name (default: from the sender and date)"},
        {"reliability", "1-5", "the source's reliability (default 3)"}},
       cmd_receive,
       1,
       1});
}

}  // namespace sawt::cli
