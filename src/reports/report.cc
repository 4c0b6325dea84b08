#include "reports/report.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "protection/case_view.h"
#include "protection/transfer.h"
#include "render/chart.h"
#include "reports/lang.h"
#include "util/strings.h"

namespace sawt::reports {

using app::Stats;

namespace {

std::string percent(double ratio) { return fmt::format("{:.0f}%", ratio * 100); }

// "120 of 300 (40%)" / "120 من أصل 300 (40%)".
std::string share_text(const app::Share& s, const Lang& L) {
  return fmt::format("{} {} {} ({})", s.numerator, L("of", "من أصل"), s.denominator, percent(s.ratio()));
}

std::string row_label(const app::CountRow& r, const Lang& L) { return L.ar ? r.ar : r.en; }

std::string caption(const Stats& s, const Lang& L, std::string_view what) {
  return fmt::format("{} {} — {}: {}", L("Source: the registry,", "المصدر: السجل،"), what,
                     L("as of", "حتى تاريخ"), L.date(s.as_of));
}

render::Chart breakdown_chart(const app::Breakdown& b, const Lang& L, std::string title, std::string what,
                              const Stats& s, render::Chart::Type type) {
  render::Chart c;
  c.type = type;
  c.title = std::move(title);
  c.caption = caption(s, L, fmt::format("{} {} {}", L("n =", "العدد ="), b.denominator, what));
  c.y_label = L("Persons", "الأشخاص");
  render::Series series{L("Persons", "الأشخاص"), {}};
  for (const auto& r : b.rows) {
    c.categories.push_back(row_label(r, L));
    series.values.push_back(static_cast<double>(r.count));
  }
  c.series.push_back(std::move(series));
  return c;
}

render::Chart duration_chart(const app::Durations& d, const Lang& L, std::string title, std::string x_label,
                             const Stats& s) {
  render::Chart c;
  c.type = render::Chart::Type::kHistogram;
  c.title = std::move(title);
  c.x_label = std::move(x_label);
  c.y_label = L("Persons", "الأشخاص");
  c.caption = caption(s, L,
                      fmt::format("{} {} {} {}, {} {}", d.values.size(), L("of", "من أصل"), d.denominator,
                                  L("with a known start of detention", "تاريخ بدء احتجازهم معروف"),
                                  L("median", "الوسيط"), fmt::format("{:.1f}", d.median())));
  c.series.push_back({"", d.values});
  return c;
}

}  // namespace

std::vector<NamedChart> stats_charts(const Stats& s, const Vocabularies&, std::string_view lang) {
  const Lang L{lang == "ar"};
  using Type = render::Chart::Type;
  std::vector<NamedChart> out;
  if (s.persons > 0) {
    out.push_back({"status", breakdown_chart(s.by_status, L, L("Persons by status", "الأشخاص حسب الوضع"),
                                             L("persons", "شخصاً"), s, Type::kHBar)});
    out.push_back({"nationality",
                   breakdown_chart(s.by_nationality, L, L("Persons by nationality", "الأشخاص حسب الجنسية"),
                                   L("persons", "شخصاً"), s, Type::kHBar)});
    out.push_back(
        {"facility",
         breakdown_chart(s.by_facility, L, L("Persons by place of detention", "الأشخاص حسب مكان الاحتجاز"),
                         L("persons", "شخصاً"), s, Type::kHBar)});
    auto transfer = breakdown_chart(
        s.transfer, L, L("Eligibility for transfer under the agreement", "أهلية النقل بموجب الاتفاقية"),
        fmt::format("{} ({})", L("persons screened", "شخصاً خضعوا للتدقيق"), s.agreement), s, Type::kBar);
    out.push_back({"transfer", std::move(transfer)});
  }
  if (!s.pretrial.values.empty()) {
    out.push_back(
        {"pretrial", duration_chart(s.pretrial, L, L("Time in pretrial detention", "مدة التوقيف دون محاكمة"),
                                    L("Months since detention began", "الأشهر منذ بدء الاحتجاز"), s)});
  }
  if (!s.years_detained.values.empty()) {
    out.push_back(
        {"years_detained", duration_chart(s.years_detained, L, L("Years in detention", "سنوات الاحتجاز"),
                                          L("Years since detention began", "السنوات منذ بدء الاحتجاز"), s)});
  }
  if (!s.incidents_per_year.empty()) {
    std::set<int> years;
    std::map<std::string, std::map<int, double>> by_type;
    for (const auto& y : s.incidents_per_year) {
      years.insert(y.year);
      by_type[y.type][y.year] += static_cast<double>(y.count);
    }
    render::Chart c;
    c.type = Type::kBar;
    c.title = L("Incidents recorded per year", "الحوادث المسجلة في كل سنة");
    c.caption = caption(
        s, L, fmt::format("{} {}", s.incidents, L("incidents recorded by monitors", "حادثة سجّلها الراصدون")));
    c.y_label = L("Incidents", "الحوادث");
    c.x_label = L("Year", "السنة");
    for (int y : years) c.categories.push_back(std::to_string(y));
    // One series for all incidents keeps the chart readable; types are in the tables.
    render::Series all{L("Incidents", "الحوادث"), {}};
    for (int y : years) {
      double n = 0;
      for (const auto& [type, counts] : by_type) n += counts.contains(y) ? counts.at(y) : 0;
      all.values.push_back(n);
    }
    c.series.push_back(std::move(all));
    out.push_back({"incidents", std::move(c)});
  }
  if (!s.deaths_per_year.empty()) {
    render::Chart c;
    c.type = Type::kBar;
    c.title = L("Deaths in custody recorded per year", "الوفيات أثناء الاحتجاز المسجلة في كل سنة");
    std::int64_t total = 0;
    for (const auto& [y, n] : s.deaths_per_year) total += n;
    c.caption = caption(
        s, L, fmt::format("{} {}", total, L("deaths recorded on incidents", "حالة وفاة مسجلة في الحوادث")));
    c.y_label = L("Deaths", "الوفيات");
    c.x_label = L("Year", "السنة");
    render::Series deaths{L("Deaths", "الوفيات"), {}};
    for (const auto& [y, n] : s.deaths_per_year) {
      c.categories.push_back(std::to_string(y));
      deaths.values.push_back(static_cast<double>(n));
    }
    c.series.push_back(std::move(deaths));
    out.push_back({"deaths", std::move(c)});
  }
  for (const auto& o : s.occupancy) {
    // One line per source over the dates any source reported; a gap where a source said nothing.
    std::set<std::string> dates;
    std::map<std::string, std::map<std::string, double>> by_source;
    for (const auto& f : o.figures) {
      const auto r = app::occupancy(f, o.facility);
      if (!r) continue;
      dates.insert(f.date.to_string());
      by_source[f.source_name][f.date.to_string()] = std::round(*r * 100);
    }
    if (dates.empty()) continue;
    render::Chart c;
    c.type = Type::kLine;
    c.title = fmt::format("{} — {}", L("Occupancy", "نسبة الإشغال"),
                          L.ar ? o.facility.name_ar : o.facility.name_en);
    c.y_label = L("% of capacity", "٪ من السعة");
    c.x_label = L("Date of the figure", "تاريخ الرقم");
    std::vector<std::string> sources;
    for (const auto& [name, _] : by_source) sources.push_back(name);
    c.caption = fmt::format("{} {} — {}: {}",
                            L("Sources (they disagree; each shown):", "المصادر (تختلف، ويُعرض كل منها):"),
                            join(sources, L("; ", "؛ ")), L("as of", "حتى تاريخ"), L.date(s.as_of));
    for (const auto& d : dates) c.categories.push_back(d);
    for (const auto& [name, values] : by_source) {
      render::Series series{name, {}};
      for (const auto& d : dates) {
        auto it = values.find(d);
        series.values.push_back(it == values.end() ? std::numeric_limits<double>::quiet_NaN() : it->second);
      }
      c.series.push_back(std::move(series));
    }
    out.push_back({"occupancy-" + o.facility.code, std::move(c)});
  }
  return out;
}

namespace {

bool consent_granted(const protection::CaseView& v, std::string_view scope) {
  const auto* c = protection::consent_in_force(v, scope);
  return c != nullptr && c->decision == Consent::kGranted;
}

// Years from the earliest arrest or custody date to AS_OF, rounded down; -1 if unknown.
int years_held(const protection::CaseView& v, std::chrono::sys_days as_of) {
  std::optional<std::chrono::sys_days> start;
  for (const auto& a : v.arrests) {
    if (!a.date.empty() && (!start || a.date.earliest() < *start)) start = a.date.earliest();
  }
  for (const auto& c : v.custody) {
    if (!c.from.empty() && (!start || c.from.earliest() < *start)) start = c.from.earliest();
  }
  if (!start || *start > as_of) return -1;
  return static_cast<int>((as_of - *start).count() / 365);
}

// A few sentences about a person that name nobody: nationality, situation,
// place, time held, what they allege, where the transfer screening stands.
std::string vignette(const protection::CaseView& v, const protection::TransferScreening& screening,
                     const std::map<std::string, Facility>& facilities, std::chrono::sys_days as_of,
                     const Lang& L) {
  const Person& p = v.person;
  std::string text;
  const std::string nat = p.nationality.empty() ? L("unknown nationality", "مجهول الجنسية")
                                                : L.code("nationalities", p.nationality);
  const std::string gender = p.gender == "f" ? L("A woman", "امرأة") : L("A detainee", "محتجز");
  text =
      fmt::format("{} {} {}: {}.", gender, L("of", "من الجنسية"), nat, L.code("person_statuses", p.status));
  const bool held = !protection::status_means_not_held(p.status);
  if (auto it = facilities.find(p.facility_code); held && it != facilities.end()) {
    text += fmt::format(" {} {}.", L("Held in", "محتجز في"), L.ar ? it->second.name_ar : it->second.name_en);
  }
  if (const int years = years_held(v, as_of); held && years >= 0) {
    text += fmt::format(" {} {} {}.", L("Detained for about", "محتجز منذ نحو"), years, L("years", "سنوات"));
  }
  std::set<std::string> allegations;
  std::set<std::string> courts;
  for (const auto& c : v.cases) {
    for (const auto& a : c.allegations) allegations.insert(L.code("allegations", a));
    if (!c.court.empty()) courts.insert(L.code("courts", c.court));
  }
  if (!courts.empty()) {
    text += fmt::format(" {} {}.", L("Case before:", "القضية أمام:"),
                        join(std::vector<std::string>(courts.begin(), courts.end()), L(", ", "، ")));
  }
  if (!allegations.empty()) {
    text +=
        fmt::format(" {} {}.", L("Alleges:", "يفيد بما يلي:"),
                    join(std::vector<std::string>(allegations.begin(), allegations.end()), L(", ", "، ")));
  }
  text += fmt::format(" {} {}.", L("Transfer screening:", "نتيجة التدقيق في أهلية النقل:"),
                      L.ar ? std::string(protection::eligibility_ar(screening.eligibility))
                           : std::string(protection::eligibility_name(screening.eligibility)));
  return text;
}

}  // namespace

Result<render::Document> make_report(store::Repository& repo, const app::ProtectionRules& rules,
                                     const ReportOptions& o) {
  if (o.lang != "ar" && o.lang != "en") {
    return fail(ErrorKind::kBadInput, fmt::format("language '{}' is not available for reports", o.lang),
                "--lang", "use ar or en");
  }
  const Vocabularies& vocab = repo.store().vocab();
  const Lang L{o.lang == "ar", &vocab};
  const auto stats = SAWT_TRY(app::compute_stats(repo, rules, o.as_of));
  std::map<std::string, Facility> facilities;
  for (auto& f : SAWT_TRY(repo.list_facilities())) facilities[f.code] = f;

  render::Document doc;
  doc.lang = o.lang;
  doc.dir = L.ar ? render::Dir::kRtl : render::Dir::kLtr;
  doc.title = L("Detainees at risk of forced return: figures, conditions and cases",
                "المعتقلون المهددون بالإعادة القسرية: أرقام وظروف احتجاز وحالات");
  doc.subtitle = fmt::format("{} {}{}", L("Figures as of", "الأرقام حتى تاريخ"), L.date(stats.as_of),
                             o.organisation.empty() ? "" : " — " + o.organisation);
  doc.footer =
      fmt::format("{} {}", L("Prepared with sawt; figures as of", "أُعدّ باستخدام sawt؛ الأرقام حتى تاريخ"),
                  L.date(stats.as_of));
  auto heading = [&](std::string text, int level = 1) {
    doc.blocks.emplace_back(render::Heading{std::move(text), level});
  };
  auto para = [&](std::string text) { doc.blocks.emplace_back(render::paragraph(std::move(text))); };

  // 1. Summary figures.
  heading(L("Summary", "ملخص"));
  para(
      L("Every figure below is counted from the organisation's registry of persons (each person once, after "
        "merging the lists of different sources) and shows what it is counted out of.",
        "كل رقم أدناه محسوب من سجل المنظمة للأشخاص (كل شخص مرة واحدة بعد دمج قوائم المصادر المختلفة)، "
        "ومعه العدد الذي حُسب منه."));
  auto count_of = [](const app::Breakdown& b, std::string_view code) -> app::Share {
    for (const auto& r : b.rows) {
      if (r.code == code) return {r.count, b.denominator};
    }
    return {0, b.denominator};
  };
  render::Fields summary;
  summary.fields.push_back(
      {L("Persons in the registry", "عدد الأشخاص في السجل"), std::to_string(stats.persons)});
  summary.fields.push_back({L("Held without trial (pretrial)", "موقوفون دون محاكمة"),
                            share_text(count_of(stats.by_status, "pretrial"), L)});
  summary.fields.push_back(
      {L("Sentenced", "محكومون"), share_text(count_of(stats.by_status, "sentenced"), L)});
  if (!stats.pretrial.values.empty()) {
    summary.fields.push_back(
        {L("Median time in pretrial detention", "الوسيط لمدة التوقيف دون محاكمة"),
         fmt::format("{:.0f} {} ({} {} {})", stats.pretrial.median(), L("months", "شهراً"),
                     stats.pretrial.values.size(), L("of", "من أصل"), stats.pretrial.denominator)});
  }
  summary.fields.push_back({L("Allege torture", "يفيدون بتعرّضهم للتعذيب"), share_text(stats.torture, L)});
  summary.fields.push_back({L("Allege a forced or coerced statement", "يفيدون بانتزاع إفادات منهم بالإكراه"),
                            share_text(stats.forced_statement, L)});
  summary.fields.push_back({L("Eligible for transfer now", "مؤهلون للنقل الآن"),
                            share_text(count_of(stats.transfer, "eligible"), L)});
  summary.fields.push_back(
      {L("With an open health need", "لديهم حاجة صحية لم تُلبَّ"), share_text(stats.with_health_needs, L)});
  std::int64_t deaths = 0;
  for (const auto& [y, n] : stats.deaths_per_year) deaths += n;
  summary.fields.push_back(
      {L("Deaths in custody recorded", "الوفيات أثناء الاحتجاز المسجلة"), std::to_string(deaths)});
  summary.fields.push_back({L("Incidents recorded", "الحوادث المسجلة"), std::to_string(stats.incidents)});
  summary.fields.push_back(
      {L("Monitoring visits recorded", "زيارات الرصد المسجلة"), std::to_string(stats.visits)});
  doc.blocks.emplace_back(std::move(summary));

  // 2. Charts.
  doc.blocks.emplace_back(render::PageBreak{});
  heading(L("Figures", "الأرقام"));
  for (auto& named : stats_charts(stats, vocab, o.lang)) doc.blocks.emplace_back(std::move(named.chart));

  // 3. Conditions by facility.
  doc.blocks.emplace_back(render::PageBreak{});
  heading(L("Conditions by place of detention", "ظروف الاحتجاز حسب المكان"));
  para(
      L("Population and capacity figures come from several sources that often disagree; all are shown with "
        "their "
        "source and date. Ratings come from monitoring visits.",
        "تأتي أرقام النزلاء والسعة من مصادر عدة كثيراً ما تختلف، وتُعرض كلها مع مصدرها وتاريخها. "
        "أما التقييمات فمن زيارات الرصد."));
  const auto all_visits = SAWT_TRY(repo.visits());
  const auto all_incidents = SAWT_TRY(repo.incidents());
  std::set<std::string> monitored;
  for (const auto& occ : stats.occupancy) monitored.insert(occ.facility.code);
  for (const auto& v : all_visits) monitored.insert(v.facility_code);
  for (const auto& i : all_incidents) monitored.insert(i.facility_code);
  const auto dated = [&](const PartialDate& d) { return d.earliest() <= o.as_of; };
  for (const auto& code : monitored) {
    auto fit = facilities.find(code);
    if (fit == facilities.end()) continue;
    const Facility& f = fit->second;
    heading(L.ar ? f.name_ar : f.name_en, 2);
    if (f.capacity > 0) {
      para(fmt::format("{} {}",
                       L("Official capacity in the reference data:", "السعة الرسمية في البيانات المرجعية:"),
                       f.capacity));
    }
    render::Table figures{{L("Date", "التاريخ"), L("Population", "عدد النزلاء"), L("Capacity", "السعة"),
                           L("Occupancy", "الإشغال"), L("Source", "المصدر"), L("Scope", "النطاق")},
                          {},
                          L("Population and capacity, by source", "عدد النزلاء والسعة حسب المصدر")};
    for (const auto& occ : stats.occupancy) {
      if (occ.facility.code != code) continue;
      for (const auto& fig : occ.figures) {
        const auto r = app::occupancy(fig, f);
        figures.rows.push_back({fig.date.to_string(), fig.population ? std::to_string(*fig.population) : "—",
                                fig.capacity ? std::to_string(*fig.capacity) : "—", r ? percent(*r) : "—",
                                fig.source_name, fig.scope});
      }
    }
    if (!figures.rows.empty()) doc.blocks.emplace_back(std::move(figures));
    const Visit* latest = nullptr;
    for (const auto& v : all_visits) {
      if (v.facility_code == code && dated(v.date)) latest = &v;
    }
    if (latest != nullptr) {
      render::Table checklist{{L("Indicator", "المؤشر"), L("Rating", "التقييم"), L("Note", "ملاحظة")},
                              {},
                              fmt::format("{} {} ({})", L("Latest monitoring visit:", "آخر زيارة رصد:"),
                                          L.date(latest->date.to_string()), latest->visitor)};
      for (const auto& r : latest->indicators) {
        checklist.rows.push_back(
            {L.code("condition_indicators", r.indicator), L.code("condition_ratings", r.rating), r.note});
      }
      doc.blocks.emplace_back(std::move(checklist));
    }
    render::Table incidents{{L("Date", "التاريخ"), L("Incident", "الحادثة"), L("Deaths", "الوفيات"),
                             L("Persons affected", "المتأثرون"), L("Source", "المصدر")},
                            {},
                            L("Incidents", "الحوادث")};
    for (const auto& i : all_incidents) {
      if (i.facility_code != code || !dated(i.date)) continue;
      incidents.rows.push_back({i.date.to_string(), L.code("incident_types", i.type),
                                std::to_string(i.deaths), i.affected > 0 ? std::to_string(i.affected) : "—",
                                i.source_name});
    }
    if (!incidents.rows.empty()) doc.blocks.emplace_back(std::move(incidents));
  }

  // 4. Case vignettes, only with consent, never naming anyone.
  doc.blocks.emplace_back(render::PageBreak{});
  heading(L("Cases", "حالات"));
  auto ids = SAWT_TRY(repo.store().db().prepare(
      "SELECT DISTINCT c.person_id FROM consents c JOIN persons p ON p.id = c.person_id "
      "WHERE p.merged_into IS NULL AND c.scope IN ('publish_anonymised', 'publish_name') AND c.decision = 1 "
      "ORDER BY c.person_id"));
  std::vector<Id> candidates;
  while (SAWT_TRY(ids.step())) candidates.push_back(ids.int64(0));
  render::Bullets vignettes;
  vignettes.numbered = true;
  int consented = 0;
  for (Id id : candidates) {
    const auto view = SAWT_TRY(app::load_case_view(repo, id));
    // The consent in force decides, not any earlier grant.
    if (!consent_granted(view, "publish_anonymised") && !consent_granted(view, "publish_name")) continue;
    ++consented;
    if (static_cast<int>(vignettes.items.size()) >= o.max_vignettes) continue;
    const auto screening = protection::screen_transfer(view, rules.agreement, o.as_of);
    vignettes.items.push_back({render::text(vignette(view, screening, facilities, o.as_of, L))});
  }
  para(fmt::format(
      "{} {} {} {}",
      L("Only persons who consented to publication are described, without names or identifying "
        "details. Persons who consented:",
        "لا تُعرض إلا حالات من وافقوا على النشر، ودون أسماء أو تفاصيل تكشف هويتهم. عدد من وافقوا:"),
      consented, L("; shown:", "؛ المعروض منها:"), vignettes.items.size()));
  if (!vignettes.items.empty()) doc.blocks.emplace_back(std::move(vignettes));

  // 5. Methodology and sources.
  heading(L("Methodology and sources", "المنهجية والمصادر"));
  render::Bullets method;
  for (const auto& line : {
           L("Persons are counted once: lists from different sources are linked into one record per person; "
             "merged "
             "records are not counted again.",
             "يُحسب كل شخص مرة واحدة: تُربط قوائم المصادر المختلفة في سجل واحد لكل شخص، ولا تُحسب السجلات "
             "المدمجة مرة أخرى."),
           L("Status, nationality and place of detention are the registry's current values.",
             "الوضع والجنسية ومكان الاحتجاز هي القيم الحالية في السجل."),
           L("Time in detention runs from the earliest known arrest or custody date (the middle of a partial "
             "date) "
             "to the as-of date; persons without such a date are counted as unknown.",
             "تُحسب مدة الاحتجاز من أقدم تاريخ معروف للاعتقال أو الاحتجاز (منتصف التاريخ إن كان ناقصاً) حتى "
             "تاريخ الأرقام؛ "
             "ومن لا تاريخ له يُحسب ضمن غير المعروف."),
           L("Transfer eligibility is screened against the agreement in force (" + stats.agreement +
                 "): final verdict, written consent and time served.",
             "تُدقَّق أهلية النقل وفق الاتفاقية النافذة (" + stats.agreement +
                 "): حكم مبرم وموافقة خطية ومدة منفذة."),
           L("Occupancy is population divided by the capacity the same source gave, or the official "
             "capacity.",
             "نسبة الإشغال هي عدد النزلاء مقسوماً على السعة التي ذكرها المصدر نفسه، أو على السعة الرسمية."),
       }) {
    method.items.push_back({render::text(line)});
  }
  doc.blocks.emplace_back(std::move(method));
  render::Table sources{
      {L("Source", "المصدر"), L("Kind", "النوع"), L("Reliability (1-5)", "الموثوقية (1-5)")}, {}, ""};
  for (const auto& src : SAWT_TRY(repo.list_sources())) {
    sources.rows.push_back({src.name, L.code("source_kinds", src.kind), std::to_string(src.reliability)});
  }
  if (!sources.rows.empty()) doc.blocks.emplace_back(std::move(sources));
  return doc;
}

}  // namespace sawt::reports
