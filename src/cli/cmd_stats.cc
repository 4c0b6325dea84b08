// Statistics and advocacy documents from the whole registry: `sawt stats`,
// its charts as SVG or PNG, the bilingual report and the per-person brief.
#include <fmt/format.h>

#include "app/stats.h"
#include "cli/cli.h"
#include "render/chart.h"
#include "render/html.h"
#include "render/pdf.h"
#include "reports/report.h"
#include "util/fs.h"

namespace sawt::cli {

namespace {

Result<std::chrono::sys_days> as_of(const Args& args) {
  const auto d = SAWT_TRY(date_option(args, "as-of"));
  return d.empty() ? today() : d.latest();
}

Result<std::string> lang_option(const Args& args, std::string_view fallback) {
  auto lang = args.get("lang", fallback);
  if (lang != "ar" && lang != "en") return fail(ErrorKind::kUsage, "--lang must be ar or en", "--lang");
  return lang;
}

// Renders DOC as --format (pdf or html) into --out.
Result<std::string> write_document(const Args& args, const render::Document& doc) {
  const auto format = args.get("format", "pdf");
  const auto out = args.get("out");
  if (format != "html" && format != "pdf")
    return fail(ErrorKind::kUsage, "--format must be html or pdf", "--format");
  if (out.empty()) return fail(ErrorKind::kUsage, "--out FILE is required", "--out", "e.g. --out report.pdf");
  const std::string bytes = format == "pdf" ? SAWT_TRY(render::to_pdf(doc)) : SAWT_TRY(render::to_html(doc));
  SAWT_CHECK(atomic_write_file(out, bytes));
  return out;
}

void print_breakdown(std::string_view title, const app::Breakdown& b) {
  fmt::print("{} (n = {})\n", title, b.denominator);
  for (const auto& r : b.rows) {
    fmt::print(
        "  {:<34} {:>6}  {:>5.1f}%\n", r.en, r.count,
        b.denominator == 0 ? 0.0 : 100.0 * static_cast<double>(r.count) / static_cast<double>(b.denominator));
  }
}

Result<int> cmd_stats(Context& ctx, const Args& args) {
  auto o = SAWT_TRY(open_with_rules(ctx));
  const auto s = SAWT_TRY(app::compute_stats(*o.repo, o.rules, SAWT_TRY(as_of(args))));
  if (args.json()) {
    print_json(app::to_json(s));
    return kExitOk;
  }
  fmt::print("Statistics as of {} — {} persons (merged records counted once)\n\n", s.as_of, s.persons);
  print_breakdown("By status", s.by_status);
  print_breakdown("By nationality", s.by_nationality);
  print_breakdown("By place of detention", s.by_facility);
  print_breakdown(fmt::format("Transfer eligibility ({})", s.agreement), s.transfer);
  auto share = [](std::string_view what, const app::Share& x) {
    fmt::print("{:<44} {} of {} ({:.1f}%)\n", what, x.numerator, x.denominator, 100 * x.ratio());
  };
  fmt::print("\n");
  share("Allege torture", s.torture);
  share("Allege a forced or coerced statement", s.forced_statement);
  share("Allege either", s.torture_or_forced);
  share("With an open health need", s.with_health_needs);
  fmt::print("Pretrial: {} of {} with a known start, median {:.1f} months\n", s.pretrial.values.size(),
             s.pretrial.denominator, s.pretrial.median());
  fmt::print("Held (pretrial or sentenced): {} of {} with a known start, median {:.1f} years\n",
             s.years_detained.values.size(), s.years_detained.denominator, s.years_detained.median());
  fmt::print("Incidents: {}; visits: {}\n", s.incidents, s.visits);
  for (const auto& [year, n] : s.deaths_per_year) fmt::print("  deaths in {}: {}\n", year, n);
  for (const auto& occ : s.occupancy) {
    fmt::print("Occupancy, {}:\n", occ.facility.code);
    for (const auto& f : occ.figures) {
      const auto r = app::occupancy(f, occ.facility);
      fmt::print("  {:<10} {:>6} / {:>6}  {:>5}  {}\n", f.date.to_string(),
                 f.population ? std::to_string(*f.population) : "?",
                 f.capacity ? std::to_string(*f.capacity) : "?", r ? fmt::format("{:.0f}%", *r * 100) : "?",
                 f.source_name);
    }
  }
  return kExitOk;
}

Result<int> cmd_stats_chart(Context& ctx, const Args& args) {
  auto o = SAWT_TRY(open_with_rules(ctx));
  const auto lang = SAWT_TRY(lang_option(args, "ar"));
  const auto format = args.get("format", "svg");
  if (format != "svg" && format != "png")
    return fail(ErrorKind::kUsage, "--format must be svg or png", "--format");
  const auto s = SAWT_TRY(app::compute_stats(*o.repo, o.rules, SAWT_TRY(as_of(args))));
  const auto charts = reports::stats_charts(s, o.store->vocab(), lang);
  std::string names;
  for (const auto& c : charts) {
    if (c.name != args.positional[0]) {
      names += " " + c.name;
      continue;
    }
    const auto dir = lang == "ar" ? render::Dir::kRtl : render::Dir::kLtr;
    const std::string bytes = format == "svg" ? SAWT_TRY(render::chart_svg(c.chart, dir, lang))
                                              : SAWT_TRY(render::chart_png(c.chart, dir, lang));
    const auto out = args.get("out");
    if (out.empty()) return fail(ErrorKind::kUsage, "--out FILE is required", "--out");
    SAWT_CHECK(atomic_write_file(out, bytes));
    if (args.json()) print_json({{"chart", c.name}, {"out", out}});
    return kExitOk;
  }
  return fail(ErrorKind::kNotFound, fmt::format("no chart '{}'", args.positional[0]), "CHART",
              "charts with data in this store:" + names);
}

Result<int> cmd_report(Context& ctx, const Args& args) {
  auto o = SAWT_TRY(open_with_rules(ctx));
  reports::ReportOptions ro;
  ro.lang = SAWT_TRY(lang_option(args, "ar"));
  ro.as_of = SAWT_TRY(as_of(args));
  ro.organisation = args.get("organisation");
  const auto doc = SAWT_TRY(reports::make_report(*o.repo, o.rules, ro));
  const auto out = SAWT_TRY(write_document(args, doc));
  if (args.json()) {
    print_json({{"lang", ro.lang}, {"out", out}});
  } else {
    fmt::print("Report ({}) written to {}.\n", ro.lang, out);
  }
  return kExitOk;
}

Result<int> cmd_brief(Context& ctx, const Args& args) {
  auto o = SAWT_TRY(open_with_rules(ctx));
  const auto p = SAWT_TRY(o.repo->find_person(args.positional[0]));
  const auto lang = SAWT_TRY(lang_option(args, "ar"));
  const auto doc = SAWT_TRY(reports::make_brief(*o.repo, o.rules, p.id, lang, SAWT_TRY(as_of(args))));
  const auto out = SAWT_TRY(write_document(args, doc));
  if (args.json()) {
    print_json({{"person", p.public_id}, {"lang", lang}, {"out", out}});
  } else {
    fmt::print("Brief of {} ({}) written to {}.\n", p.public_id, lang, out);
  }
  return kExitOk;
}

}  // namespace

void add_stats_commands(std::vector<Command>& out) {
  const OptionSpec as_of{"as-of", "DATE", "figures as of this date (default today)"};
  const OptionSpec lang{"lang", "ar|en", "language (default ar)"};
  const OptionSpec format{"format", "pdf|html", "output format (default pdf)"};
  const OptionSpec out_file{"out", "FILE", "where to write it"};
  out.push_back({"stats",
                 "",
                 "statistics with their denominators: persons by facility, nationality, status, time held, "
                 "allegations, transfer eligibility, deaths, incidents, occupancy",
                 {as_of},
                 cmd_stats,
                 0,
                 0});
  out.push_back({"stats chart",
                 "CHART",
                 "one chart of the statistics as SVG or PNG (status, facility, pretrial, ...)",
                 {lang, {"format", "svg|png", "output format (default svg)"}, out_file, as_of},
                 cmd_stats_chart,
                 1,
                 1});
  out.push_back({"report",
                 "",
                 "the bilingual advocacy report: figures, charts, conditions, consented vignettes, method",
                 {lang, format, out_file, as_of, {"organisation", "NAME", "shown under the title"}},
                 cmd_report,
                 0,
                 0});
  out.push_back({"brief",
                 "PERSON",
                 "a person's case brief (needs consent to publish; anonymised without 'publish_name')",
                 {lang, format, out_file, as_of},
                 cmd_brief,
                 1,
                 1});
}

}  // namespace sawt::cli
