// Advocacy outputs built from the whole registry: the bilingual report
// (summary figures, charts, conditions by facility, anonymised case vignettes,
// methodology and sources), the charts of the statistics on their own (for the
// web page), and the case brief of one person.
//
// Invariants:
//  1. Consent first. A vignette is written only for a person whose consent in
//     force grants "publish_anonymised" or "publish_name", and it never names
//     the person nor gives their id, birth date or place. A brief needs one of
//     the same two consents (kAuth otherwise, naming the scope to record); it
//     shows the name only under "publish_name".
//  2. Every figure shows its denominator and the as-of date; every chart's
//     caption names its source and date.
//  3. Nothing touches the disk; the caller writes the rendered bytes.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "app/protection.h"
#include "app/stats.h"
#include "render/document.h"

namespace sawt::reports {

struct ReportOptions {
  std::string lang = "ar";  // "ar" or "en"
  std::chrono::sys_days as_of;
  std::string organisation;  // shown on the title page when given
  int max_vignettes = 8;
};

// The charts of STATS, in LANG, by name: "status", "nationality", "facility",
// "pretrial", "years_detained", "transfer", "incidents", "deaths" and one
// "occupancy-<facility code>" per facility with figures. Charts without data
// are left out.
struct NamedChart {
  std::string name;
  render::Chart chart;
};
[[nodiscard]] std::vector<NamedChart> stats_charts(const app::Stats& stats, const Vocabularies& vocab,
                                                   std::string_view lang);

// The report of the store as of OPTIONS.as_of. kBadInput for a language other
// than ar or en.
[[nodiscard]] Result<render::Document> make_report(store::Repository& repo, const app::ProtectionRules& rules,
                                                   const ReportOptions& options);

// One person's case brief, or kAuth without consent to publish (see above).
[[nodiscard]] Result<render::Document> make_brief(store::Repository& repo, const app::ProtectionRules& rules,
                                                  Id person_id, std::string_view lang,
                                                  std::chrono::sys_days today);

}  // namespace sawt::reports
