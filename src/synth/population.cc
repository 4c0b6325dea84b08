#include "synth/population.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace sawt::synth {

namespace chr = std::chrono;

namespace {

constexpr std::uint64_t kTagPopulation = 0x706f70;  // "pop"
constexpr std::uint64_t kTagScenario = 0x7363656e;
constexpr std::uint64_t kTagCaseNumber = 0x636e6f;

std::int32_t ymd_day(int y, unsigned m, unsigned d) {
  return day_number(chr::sys_days{chr::year{y} / chr::month{m} / chr::day{d}});
}

int year_of(std::int32_t d) { return static_cast<int>(chr::year_month_day{day(d)}.year()); }

std::int32_t add_years(std::int32_t d, int years) {
  auto ymd = chr::year_month_day{day(d)} + chr::years{years};
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / chr::last;  // 29 February
  return day_number(chr::sys_days{ymd});
}

// Facility choices, built once from the table.
struct Facilities {
  std::vector<std::uint8_t> men, women;  // prisons
  WeightedTable men_table, women_table;
  std::uint8_t army = 0, mod = 0, gs = 0, roumieh = 0, block_b = 0;

  explicit Facilities(const Tables& t) {
    std::vector<std::uint64_t> mw, ww;
    for (std::size_t i = 0; i < t.facilities.size(); ++i) {
      const auto& f = t.facilities[i];
      const auto idx = static_cast<std::uint8_t>(i);
      if (f.code == "lb-army-intelligence") army = idx;
      else if (f.code == "lb-mod-centre") mod = idx;
      else if (f.code == "lb-gs-adlieh") gs = idx;
      else if (f.women_only) {
        women.push_back(idx);
        ww.push_back(f.weight);
      } else {
        if (f.code == "lb-roumieh") roumieh = idx;
        if (f.code == "lb-roumieh-block-b") block_b = idx;
        men.push_back(idx);
        mw.push_back(f.weight);
      }
    }
    men_table = WeightedTable(mw);
    women_table = WeightedTable(ww);
  }

  std::uint8_t prison(bool female, Rng& rng) const {
    return female ? women[women_table.sample(rng)] : men[men_table.sample(rng)];
  }
  std::uint8_t first_held(Authority a, bool female, Rng& rng) const {
    switch (a) {
      case Authority::kArmyIntelligence: return rng.chance(0.6) ? army : mod;
      case Authority::kGeneralSecurity: return gs;
      case Authority::kIsfInformationBranch: break;
    }
    return prison(female, rng);  // the ISF's own cells have no facility code: first listed where sent
  }
};

struct Limits {
  std::int32_t arrest_min = 0;
  std::int32_t arrest_max = 0;
  std::int32_t today = 0;
  std::int32_t transfer_agreement = 0;  // first transfers under the Lebanon-Syria agreement
};

std::int32_t draw_arrest(Rng& rng, const Limits& lim) {
  // Arrests cluster in 2013-2015 (Qusayr, Qalamoun, Arsal); the rest spread over the whole period.
  std::int32_t lo = lim.arrest_min;
  std::int32_t hi = lim.arrest_max;
  if (rng.chance(0.45)) {
    lo = std::max(lo, ymd_day(2013, 6, 1));
    hi = std::min(hi, ymd_day(2015, 12, 31));
    if (lo > hi) {
      lo = lim.arrest_min;
      hi = lim.arrest_max;
    }
  }
  return lo + static_cast<std::int32_t>(rng.below(static_cast<std::uint64_t>(hi - lo + 1)));
}

int draw_sentence_months(Rng& rng) {
  if (rng.chance(0.07)) return -1;
  static constexpr std::array<double, 10> kWeights = {10, 10, 14, 8, 8, 7, 10, 6, 6, 4};
  static constexpr std::array<int, 10> kYears = {3, 4, 5, 6, 7, 8, 10, 12, 15, 20};
  return kYears[choose(rng, kWeights)] * 12;
}

std::int32_t between(Rng& rng, std::int32_t lo, std::int32_t hi) {
  if (hi <= lo) return lo;
  return lo + static_cast<std::int32_t>(rng.below(static_cast<std::uint64_t>(hi - lo + 1)));
}

// Decides what happened after the arrest: verdict, sentence, status, facility.
void outline(Identity& p, Rng& rng, const Limits& lim, const Facilities& fac, bool arrested_with_sibling,
             std::uint8_t sibling_facility) {
  const bool female = p.female != 0;
  p.first_facility = fac.first_held(p.authority, female, rng);
  p.facility = arrested_with_sibling && !female && rng.chance(0.7) ? sibling_facility : fac.prison(female, rng);
  const std::int32_t elapsed = lim.today - p.arrest_day;
  if (elapsed < 60) p.facility = p.first_facility;  // still with the arresting service

  if (elapsed >= 400 && rng.chance(0.25)) {
    p.verdict_day = p.arrest_day + between(rng, 300, std::min(2400, elapsed - 30));
    const double stage = rng.real();
    p.stage = stage < 0.3 ? Stage::kVerdict : stage < 0.55 ? Stage::kAppeal : Stage::kFinal;
    if (rng.chance(0.08)) {  // acquitted
      p.sentence_months = 0;
      p.status = PersonStatus::kReleased;
      p.exit_day = std::min(lim.today, p.verdict_day + between(rng, 1, 30));
      return;
    }
    p.sentence_months = static_cast<std::int16_t>(draw_sentence_months(rng));
    const bool life = p.sentence_months < 0;
    const std::int32_t release = life ? 0 : day_number(expected_release(day(p.arrest_day), p.sentence_months));
    if (life || release > lim.today) {
      p.status = PersonStatus::kSentenced;
      const bool served_ten = lim.today - p.arrest_day >= 90 * 30 + 45;  // 90 calendar months, rounded up
      if (p.stage == Stage::kFinal && served_ten && lim.today > lim.transfer_agreement && rng.chance(0.12)) {
        p.status = PersonStatus::kTransferred;
        p.exit_day = between(rng, lim.transfer_agreement, lim.today);
      }
      return;
    }
    // The sentence has ended: released, deported, or handed to General Security.
    const double r = rng.real();
    if (r < 0.5) {
      p.status = PersonStatus::kReleased;
      p.exit_day = release + between(rng, 0, 20);
    } else if (r < 0.82) {
      p.status = PersonStatus::kDeported;
      p.exit_day = release + between(rng, 10, 120);
      p.facility = fac.gs;
    } else {
      p.exit_day = lim.today + 1;  // forces the branch below
    }
    if (p.exit_day > lim.today) {
      p.status = PersonStatus::kSentenced;
      p.scenario = Scenario::kAwaitingDeportation;
      p.exit_day = 0;
      p.facility = fac.gs;
    }
    return;
  }
  // Not tried (yet): most detainees.
  p.verdict_day = 0;
  p.sentence_months = 0;
  const double stage = rng.real();
  p.stage = elapsed < 180 ? Stage::kInvestigation
            : stage < 0.35 ? Stage::kInvestigation
            : stage < 0.7  ? Stage::kIndictment
                           : Stage::kTrial;
  p.status = PersonStatus::kPretrial;
  const double r = rng.real();
  if (elapsed > 60 && r < 0.02) {
    p.status = PersonStatus::kDeceased;
    p.exit_day = p.arrest_day + between(rng, 30, elapsed);
  } else if (elapsed > 60 && r < 0.06) {
    p.status = PersonStatus::kReleased;  // released on bail or charges dropped
    p.exit_day = p.arrest_day + between(rng, 30, elapsed);
  } else if (elapsed > 60 && r < 0.075) {
    p.status = PersonStatus::kDeported;
    p.exit_day = p.arrest_day + between(rng, 30, elapsed);
    p.facility = fac.gs;
  }
}

struct Picker {
  const Tables& t;
  std::uint16_t male(Rng& rng) const { return static_cast<std::uint16_t>(t.male_table.sample(rng)); }
  std::uint16_t female(Rng& rng) const { return static_cast<std::uint16_t>(t.female_table.sample(rng)); }
  std::uint16_t family(Rng& rng) const { return static_cast<std::uint16_t>(t.family_table.sample(rng)); }
  std::uint16_t place(PlaceGroup g, Rng& rng) const {
    const auto gi = static_cast<std::size_t>(g);
    return t.group_places[gi][t.group_tables[gi].sample(rng)];
  }
};

int male_index(const Tables& t, std::string_view arabic) {
  for (std::size_t i = 0; i < t.male.size(); ++i) {
    if (t.male[i].arabic == arabic) return static_cast<int>(i);
  }
  return -1;
}

// Plants the demo scenarios on randomly chosen persons, each at most once.
void plant_scenarios(Population& pop, const Options& options, const Limits& lim, const Facilities& fac) {
  const int n = static_cast<int>(pop.people.size());
  const int each = n >= 12 ? std::clamp(n / 50, 3, 50) : (n >= 3 ? 1 : 0);
  if (each == 0) return;
  Rng rng = Rng::keyed(options.seed, kTagScenario);
  std::vector<int> order(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
  rng.shuffle(order);
  std::size_t next = 0;
  const auto take = [&](auto&& fits) -> Identity* {
    for (; next < order.size(); ++next) {
      Identity& p = pop.people[static_cast<std::size_t>(order[next])];
      if (p.scenario == Scenario::kNone && fits(p)) {
        ++next;
        return &p;
      }
    }
    return nullptr;
  };
  const auto held_in_prison = [&](Identity& p) {
    p.exit_day = 0;
    p.facility = fac.prison(p.female != 0, rng);
  };

  // Sentenced, expected release within the next 90 days.
  for (int k = 0; k < each; ++k) {
    static constexpr std::array<int, 9> kMonths = {36, 48, 60, 72, 84, 96, 120, 144, 180};
    const std::int32_t release = lim.today + 5 + static_cast<std::int32_t>(rng.below(80));
    int months = kMonths[static_cast<std::size_t>(rng.below(kMonths.size()))];
    std::int32_t arrest = 0;
    for (int tries = 0; tries < 12; ++tries, months = kMonths[static_cast<std::size_t>(rng.below(kMonths.size()))]) {
      // Solve start + months*3/4 = release by stepping back whole months.
      const auto ymd = chr::year_month_day{day(release)} - chr::months{months * 3 / 4};
      const auto start = ymd.ok() ? chr::sys_days{ymd} : chr::sys_days{ymd.year() / ymd.month() / chr::last};
      arrest = day_number(start);
      if (day_number(expected_release(start, months)) != release) continue;  // month-end clamping: try another
      if (arrest >= lim.arrest_min && arrest <= std::min(lim.arrest_max, lim.today - 400)) break;
      arrest = 0;
    }
    if (arrest == 0) continue;
    Identity* p = take([&](const Identity& q) { return add_years(q.birth_day, 16) <= arrest; });
    if (p == nullptr) break;
    p->scenario = Scenario::kReleaseSoon;
    p->arrest_day = arrest;
    p->status = PersonStatus::kSentenced;
    p->sentence_months = static_cast<std::int16_t>(months);
    p->verdict_day = arrest + between(rng, 300, std::min(1500, lim.today - 30 - arrest));
    p->stage = rng.chance(0.5) ? Stage::kFinal : (rng.chance(0.5) ? Stage::kVerdict : Stage::kAppeal);
    held_in_prison(*p);
  }
  // Held without trial for more than five years.
  const std::int32_t pretrial_latest = std::min(lim.arrest_max, add_years(lim.today, -5) - 200);
  for (int k = 0; k < each && pretrial_latest > lim.arrest_min; ++k) {
    const std::int32_t arrest = between(rng, lim.arrest_min, pretrial_latest);
    Identity* p = take([&](const Identity& q) { return add_years(q.birth_day, 16) <= arrest; });
    if (p == nullptr) break;
    p->scenario = Scenario::kLongPretrial;
    p->arrest_day = arrest;
    p->status = PersonStatus::kPretrial;
    p->verdict_day = 0;
    p->sentence_months = 0;
    p->stage = rng.chance(0.4) ? Stage::kTrial : (rng.chance(0.5) ? Stage::kIndictment : Stage::kInvestigation);
    held_in_prison(*p);
  }
  // Final verdict and at least 10 prison-years (90 calendar months) served.
  const std::int32_t served_latest = std::min(lim.arrest_max, add_years(lim.today, -10) + 200);
  for (int k = 0; k < each && served_latest > lim.arrest_min; ++k) {
    const std::int32_t arrest = between(rng, lim.arrest_min, served_latest);
    Identity* p = take([&](const Identity& q) { return add_years(q.birth_day, 16) <= arrest; });
    if (p == nullptr) break;
    p->scenario = Scenario::kLongServedFinal;
    p->arrest_day = arrest;
    p->status = PersonStatus::kSentenced;
    p->stage = Stage::kFinal;
    p->verdict_day = arrest + between(rng, 300, 1500);
    int months = -1;
    if (!rng.chance(0.4)) {
      // Shortest whole-year sentence still running after today, plus a few years.
      months = 12 * (static_cast<int>((lim.today - arrest) / 365 * 4 / 3) + 2 + static_cast<int>(rng.below(6)));
      if (months > 300) months = -1;
    }
    p->sentence_months = static_cast<std::int16_t>(months);
    if (months > 0 && day_number(expected_release(day(arrest), months)) <= lim.today) p->sentence_months = -1;
    held_in_prison(*p);
  }
}

}  // namespace

chr::sys_days expected_release(chr::sys_days start, int sentence_months) {
  const int quarter_months = sentence_months * 3;  // calendar months * 4
  const auto whole = chr::months{quarter_months / 4};
  auto ymd = chr::year_month_day{start} + whole;
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / chr::last;
  return chr::sys_days{ymd} + chr::days{(quarter_months % 4) * 7};
}

std::string_view status_code(PersonStatus s) {
  switch (s) {
    case PersonStatus::kPretrial: return "pretrial";
    case PersonStatus::kSentenced: return "sentenced";
    case PersonStatus::kReleased: return "released";
    case PersonStatus::kTransferred: return "transferred";
    case PersonStatus::kDeported: return "deported";
    case PersonStatus::kDeceased: return "deceased";
  }
  return "unknown";
}

std::string_view stage_code(Stage s) {
  switch (s) {
    case Stage::kInvestigation: return "investigation";
    case Stage::kIndictment: return "indictment";
    case Stage::kTrial: return "trial";
    case Stage::kVerdict: return "verdict";
    case Stage::kAppeal: return "appeal";
    case Stage::kFinal: return "final";
  }
  return "investigation";
}

std::string_view authority_code(Authority a) {
  switch (a) {
    case Authority::kArmyIntelligence: return "army_intelligence";
    case Authority::kIsfInformationBranch: return "isf_information_branch";
    case Authority::kGeneralSecurity: return "general_security";
  }
  return "army_intelligence";
}

std::string_view nationality_code(Nationality n) {
  switch (n) {
    case Nationality::kSyrian: return "sy";
    case Nationality::kPalestinian: return "ps";
    case Nationality::kLebanese: return "lb";
    case Nationality::kStateless: return "stateless";
  }
  return "sy";
}

const Name& first_name(const Identity& who, const Tables& tables) {
  return who.female != 0 ? tables.female[who.first] : tables.male[who.first];
}

std::string case_number(const Identity& who, std::uint64_t seed, int index) {
  Rng rng = Rng::keyed(seed, kTagCaseNumber, static_cast<std::uint64_t>(index));
  return fmt::format("{}/{}", year_of(who.arrest_day), 100 + rng.below(9800));
}

Population make_population(const Options& options, const Tables& tables) {
  Population pop;
  const auto n = static_cast<std::size_t>(options.people);
  pop.people.reserve(n);
  Rng rng = Rng::keyed(options.seed, kTagPopulation);
  const Picker pick{tables};
  const Facilities fac(tables);
  Limits lim;
  lim.today = day_number(options.today);
  lim.arrest_min = ymd_day(2011, 1, 1);
  lim.arrest_max = std::min(ymd_day(2024, 12, 31), lim.today - 45);
  lim.transfer_agreement = ymd_day(2026, 3, 17);
  const int birth_year_max = std::min(2000, year_of(lim.arrest_max) - 17);
  const int hasan = male_index(tables, "حسن");
  const int husain = male_index(tables, "حسين");

  // Share of sibling groups with more than one member such that about
  // sibling_share of persons have a sibling: q*m / (q*m + 1 - q) = s.
  static constexpr std::array<double, 3> kSizeWeights = {0.70, 0.22, 0.08};  // sizes 2, 3, 4
  const double mean_size = 2 * 0.70 + 3 * 0.22 + 4 * 0.08;
  const double s = options.sibling_share;
  const double q = s <= 0 ? 0 : s / (mean_size * (1 - s) + s);

  while (pop.people.size() < n) {
    const int clan = pop.clans++;
    std::uint16_t grandfather = pick.male(rng);
    std::uint16_t family_name = pick.family(rng);
    // A namesake: same first, father and family name as someone already
    // generated, but a different person (the hard negatives of linkage).
    int namesake_of = -1;
    if (!pop.people.empty() && rng.chance(0.04)) {
      const auto e = static_cast<int>(rng.below(pop.people.size()));
      const Identity& other = pop.people[static_cast<std::size_t>(e)];
      if (other.female == 0) {
        namesake_of = e;
        family_name = other.family_name;
        if (rng.chance(0.3)) grandfather = other.grandfather;
      }
    }
    const int groups = namesake_of < 0 && rng.chance(0.15) ? 2 : 1;
    std::uint16_t previous_father = 0xFFFF;
    for (int g = 0; g < groups && pop.people.size() < n; ++g) {
      const int family = pop.families++;
      std::uint16_t father = pick.male(rng);
      for (int tries = 0; tries < 8 && (father == grandfather || father == previous_father); ++tries) father = pick.male(rng);
      if (namesake_of >= 0) father = pop.people[static_cast<std::size_t>(namesake_of)].father;
      previous_father = father;
      const std::uint16_t mother_first = pick.female(rng);
      const std::uint16_t mother_family = rng.chance(0.25) ? family_name : pick.family(rng);

      std::size_t size = 1;
      if (namesake_of < 0 && rng.chance(q)) size = 2 + choose(rng, kSizeWeights);
      size = std::min(size, n - pop.people.size());

      const double nat = rng.real();
      const Nationality nationality = nat < 0.88   ? Nationality::kSyrian
                                      : nat < 0.94 ? Nationality::kPalestinian
                                      : nat < 0.97 ? Nationality::kLebanese
                                                   : Nationality::kStateless;
      const auto place_group = [&] {
        switch (nationality) {
          case Nationality::kPalestinian: return rng.chance(0.7) ? PlaceGroup::kPalestinianCamp : PlaceGroup::kSyria;
          case Nationality::kLebanese: return PlaceGroup::kLebanon;
          default: return PlaceGroup::kSyria;
        }
      };
      const std::uint16_t family_place = pick.place(place_group(), rng);
      const bool together = size > 1 && rng.chance(0.35);
      const std::int32_t group_arrest = draw_arrest(rng, lim);
      const auto group_authority = static_cast<Authority>(choose(rng, std::array<double, 3>{55, 30, 15}));
      const std::uint8_t group_prison = fac.prison(false, rng);

      int year = static_cast<int>(rng.normal() * 7.0 + 1986.5);
      year = std::clamp(year, 1960, std::max(1960, birth_year_max - 2 * static_cast<int>(size - 1)));
      const std::size_t begin = pop.people.size();
      for (std::size_t k = 0; k < size; ++k) {
        Identity p;
        p.family = family;
        p.clan = clan;
        p.father = father;
        p.grandfather = grandfather;
        p.family_name = family_name;
        p.mother_first = mother_first;
        p.mother_family = mother_family;
        p.nationality = nationality;
        p.female = namesake_of < 0 && rng.chance(0.07) ? 1 : 0;
        p.birth_place = rng.chance(0.85) ? family_place : pick.place(place_group(), rng);

        // First name: distinct among siblings of the same gender; not the father's.
        const auto taken = [&](std::uint16_t idx, std::uint8_t female) {
          if (female == 0 && idx == father) return true;
          for (std::size_t j = begin; j < pop.people.size(); ++j) {
            if (pop.people[j].female == female && pop.people[j].first == idx) return true;
          }
          return false;
        };
        if (namesake_of >= 0) {
          p.first = pop.people[static_cast<std::size_t>(namesake_of)].first;
        } else if (p.female == 0 && k == 0 && grandfather != father && rng.chance(0.2)) {
          p.first = grandfather;  // the eldest son named after his grandfather
        } else {
          for (int tries = 0; tries < 50; ++tries) {
            p.first = p.female != 0 ? pick.female(rng) : pick.male(rng);
            if (!taken(p.first, p.female)) break;
          }
        }

        // Birth: siblings 1-5 years apart; sometimes twins (Hassan and Hussein).
        bool twin = false;
        if (k > 0) {
          twin = rng.chance(0.03);
          if (!twin) year += rng.range(1, 5);
        }
        year = std::min(year, birth_year_max);
        if (twin) {
          p.birth_day = pop.people.back().birth_day;
          Identity& elder = pop.people.back();
          if (p.female == 0 && elder.female == 0 && hasan >= 0 && husain >= 0 && rng.chance(0.5) &&
              !taken(static_cast<std::uint16_t>(hasan), 0) && !taken(static_cast<std::uint16_t>(husain), 0)) {
            elder.first = static_cast<std::uint16_t>(hasan);
            p.first = static_cast<std::uint16_t>(husain);
          }
        } else if (rng.chance(0.08)) {
          p.birth_day = ymd_day(year, 1, 1);  // registered on 1 January, as many civil records are
        } else {
          p.birth_day = ymd_day(year, 1, 1) + static_cast<std::int32_t>(rng.below(365));
        }
        if (p.female == 0 && taken(p.first, 0)) {
          // The twin swap or the namesake rule can collide with a sibling: pick again.
          for (int tries = 0; tries < 50 && taken(p.first, 0); ++tries) p.first = pick.male(rng);
        }

        if (nationality != Nationality::kLebanese && rng.chance(0.6)) {
          const std::uint64_t governorate = 1 + rng.below(14);
          p.id_number = governorate * 1000000000ULL + rng.below(1000000000ULL);
        }

        p.authority = together ? group_authority : static_cast<Authority>(choose(rng, std::array<double, 3>{55, 30, 15}));
        p.arrest_day = together ? group_arrest : draw_arrest(rng, lim);
        const std::int32_t adult = add_years(p.birth_day, 16);
        for (int tries = 0; tries < 10 && p.arrest_day < adult; ++tries) p.arrest_day = draw_arrest(rng, lim);
        if (p.arrest_day < adult) p.arrest_day = std::min(lim.arrest_max, adult + static_cast<std::int32_t>(rng.below(400)));
        outline(p, rng, lim, fac, together, group_prison);
        pop.people.push_back(p);
      }
    }
  }
  plant_scenarios(pop, options, lim, fac);
  return pop;
}

}  // namespace sawt::synth
