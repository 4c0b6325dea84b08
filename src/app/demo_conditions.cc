#include "app/demo_conditions.h"

#include <fmt/format.h>

#include <array>
#include <span>

namespace sawt::app {

namespace {

PartialDate date(std::string_view text) { return *PartialDate::parse(text); }

struct SeriesPoint {
  std::string_view date;
  int official;   // the authorities' count
  int coalition;  // the monitors' count, usually higher
};

// Roumieh ran at about 360% of its official capacity in Aug 2024 (PRODUCT.md);
// the rest of the series is synthetic.
constexpr std::array<SeriesPoint, 6> kRoumieh = {{{"2021-06", 3650, 3900},
                                                  {"2022-06", 3800, 4100},
                                                  {"2023-06", 3700, 4050},
                                                  {"2024-08", 3780, 4200},
                                                  {"2025-06", 3900, 4350},
                                                  {"2026-03", 3600, 4000}}};
constexpr std::array<SeriesPoint, 4> kQobbeh = {
    {{"2022-06", 780, 900}, {"2023-06", 820, 950}, {"2024-08", 850, 990}, {"2025-06", 870, 1010}}};
constexpr std::array<SeriesPoint, 3> kZahle = {
    {{"2023-06", 560, 610}, {"2024-08", 600, 700}, {"2025-06", 590, 680}}};

Status add_series(store::Repository& repo, std::string_view facility, std::span<const SeriesPoint> series,
                  Id official, Id coalition, int official_capacity, int coalition_capacity) {
  for (const auto& p : series) {
    FacilityFigure a;
    a.facility_code = facility;
    a.date = date(p.date);
    a.population = p.official;
    a.capacity = official_capacity;
    a.source_id = official;
    a.scope = "all prisoners";
    SAWT_CHECK(repo.add_facility_figure(a));
    FacilityFigure b = a;
    b.population = p.coalition;
    b.capacity = coalition_capacity;
    b.source_id = coalition;
    b.scope = "all prisoners, counted from block lists";
    SAWT_CHECK(repo.add_facility_figure(b));
  }
  return {};
}

Visit visit(std::string_view facility, std::string_view when, std::string_view visitor,
            std::initializer_list<IndicatorRating> indicators, std::string_view notes) {
  return Visit{0, std::string(facility), date(when), std::string(visitor), indicators, std::string(notes)};
}

}  // namespace

Status add_demo_conditions(store::Repository& repo, std::chrono::sys_days) {
  Source official{0,
                  "Demo ISF prison statistics",
                  "official_document",
                  3,
                  date("2026-03"),
                  "Synthetic demo figures standing in for official counts"};
  Source coalition{0,
                   "Demo monitoring coalition",
                   "ngo_list",
                   4,
                   date("2026-03"),
                   "Synthetic demo figures standing in for monitors' counts"};
  const Id off = SAWT_TRY(repo.add_source(official)).id;
  const Id coa = SAWT_TRY(repo.add_source(coalition)).id;
  SAWT_CHECK(add_series(repo, "lb-roumieh", kRoumieh, off, coa, 1050, 1200));
  SAWT_CHECK(add_series(repo, "lb-qobbeh", kQobbeh, off, coa, 400, 450));
  SAWT_CHECK(add_series(repo, "lb-zahle", kZahle, off, coa, 300, 300));

  SAWT_CHECK(repo.add_visit(
      visit("lb-roumieh", "2025-03-12", "Demo monitoring coalition",
            {{"overcrowding", "critical", "Three to a bed in Block B; mattresses in corridors"},
             {"sanitation", "poor", "One working toilet per floor wing"},
             {"ventilation", "poor", "No fans; summer heat"},
             {"food", "poor", "Two meals a day; families bring food"},
             {"water", "adequate", ""},
             {"medical_access", "critical", "No doctor at night; transfers to hospital delayed"},
             {"disease", "critical", "Scabies and skin infections widespread"},
             {"separation", "critical", "Pretrial and convicted detainees share cells"},
             {"family_contact", "poor", "Visits cut to 15 minutes"},
             {"lawyer_contact", "poor", "Lawyers wait hours; no private room"}},
            "Synthetic demo visit.")));
  SAWT_CHECK(repo.add_visit(visit("lb-qobbeh", "2025-06-20", "Demo monitoring coalition",
                                  {{"overcrowding", "critical", ""},
                                   {"sanitation", "poor", ""},
                                   {"ventilation", "adequate", ""},
                                   {"food", "adequate", ""},
                                   {"water", "poor", "Water cut for days at a time"},
                                   {"medical_access", "poor", ""},
                                   {"disease", "poor", "Tuberculosis suspected in two cells"},
                                   {"separation", "poor", ""},
                                   {"family_contact", "adequate", ""},
                                   {"lawyer_contact", "not_observed", ""}},
                                  "Synthetic demo visit.")));
  SAWT_CHECK(repo.add_visit(visit("lb-roumieh", "2026-02-05", "Demo monitoring coalition",
                                  {{"overcrowding", "critical", ""},
                                   {"sanitation", "poor", ""},
                                   {"medical_access", "poor", "A doctor now visits twice a week"},
                                   {"disease", "poor", "Scabies treated; hepatitis cases reported"},
                                   {"separation", "critical", ""},
                                   {"lawyer_contact", "adequate", ""}},
                                  "Synthetic demo follow-up visit.")));

  // Persons to tie incidents and health needs to: a few of the held ones.
  auto q =
      SAWT_TRY(repo.store().db().prepare("SELECT id FROM persons WHERE merged_into IS NULL AND status IN "
                                         "('pretrial', 'sentenced') ORDER BY id"));
  std::vector<Id> held;
  while (SAWT_TRY(q.step())) held.push_back(q.int64(0));
  auto pick = [&](size_t k) {
    return held.empty() ? std::vector<Id>{} : std::vector<Id>{held[k % held.size()]};
  };

  struct DemoIncident {
    std::string_view facility, type, date;
    int deaths, affected;
    std::string_view description;
    int person;  // index into held, or -1
  };
  const std::array<DemoIncident, 9> incidents = {{
      {"lb-roumieh", "death_in_custody", "2023-07-14", 1, 0,
       "Synthetic: death after delayed hospital transfer", 3},
      {"lb-roumieh", "disease_outbreak", "2024-02", 0, 140, "Synthetic: scabies outbreak in Block B", -1},
      {"lb-roumieh", "death_in_custody", "2024-08-02", 2, 0, "Synthetic: two deaths during a heat wave", -1},
      {"lb-qobbeh", "death_in_custody", "2024-11-19", 1, 0, "Synthetic: death in custody, cause disputed", 7},
      {"lb-roumieh-block-b", "hunger_strike", "2025-01-10", 0, 60,
       "Synthetic: hunger strike against transfer threats", 11},
      {"lb-roumieh", "violence", "2025-04-03", 0, 12, "Synthetic: beatings after a search", 13},
      {"lb-zahle", "denial_of_care", "2025-09", 0, 1, "Synthetic: insulin withheld for two weeks", 17},
      {"lb-qobbeh", "disease_outbreak", "~2025-10", 0, 35, "Synthetic: tuberculosis cases", -1},
      {"lb-roumieh", "death_in_custody", "2026-01-22", 1, 0, "Synthetic: death in custody", 19},
  }};
  for (const auto& d : incidents) {
    Incident i;
    i.facility_code = d.facility;
    i.type = d.type;
    i.date = date(d.date);
    i.deaths = d.deaths;
    i.affected = d.affected;
    i.description = d.description;
    i.source_id = coa;
    if (d.person >= 0) i.person_ids = pick(static_cast<size_t>(d.person));
    SAWT_CHECK(repo.add_incident(i));
  }

  constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kNeeds = {
      {{"chronic_illness", "serious"},
       {"medication", "urgent"},
       {"torture_sequelae", "serious"},
       {"mental_health", "moderate"},
       {"surgery", "urgent"},
       {"infectious_disease", "serious"}}};
  for (size_t k = 0; k < held.size() && k < 60; k += 4) {
    const auto& [need, severity] = kNeeds[(k / 4) % kNeeds.size()];
    HealthNeed h;
    h.person_id = held[k];
    h.need = need;
    h.severity = severity;
    h.date = date("2025-03-12");
    h.met = (k / 4) % 5 == 4;
    h.note = "Synthetic demo need";
    SAWT_CHECK(repo.add_health_need(h));
  }
  return {};
}

}  // namespace sawt::app
