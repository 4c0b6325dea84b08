#include "synth/casefile.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace sawt::synth {

namespace chr = std::chrono;

namespace {

constexpr std::uint64_t kTagCase = 0x636173;
constexpr std::uint64_t kTagStaff = 0x737466;

PartialDate date(std::int32_t d) { return PartialDate::from_days(day(d)); }

std::int32_t between(Rng& rng, std::int32_t lo, std::int32_t hi) {
  if (hi <= lo) return lo;
  return lo + static_cast<std::int32_t>(rng.below(static_cast<std::uint64_t>(hi - lo + 1)));
}

std::string_view authority_ar(Authority a) {
  switch (a) {
    case Authority::kArmyIntelligence: return "مخابرات الجيش";
    case Authority::kIsfInformationBranch: return "شعبة المعلومات في قوى الأمن الداخلي";
    case Authority::kGeneralSecurity: return "الأمن العام";
  }
  return "";
}

// A small, fixed roster of invented case workers and lawyers per seed.
std::string invented_name(const Tables& t, Rng& rng) {
  const bool female = rng.chance(0.45);
  const Name& first = female ? t.female[t.female_table.sample(rng)] : t.male[t.male_table.sample(rng)];
  return first.arabic + " " + t.family[t.family_table.sample(rng)].arabic;
}

std::vector<std::string> roster(const Tables& t, std::uint64_t seed, std::uint64_t which, int n) {
  Rng rng = Rng::keyed(seed, kTagStaff, which);
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(invented_name(t, rng));
  return out;
}

std::vector<std::string> pick_charges(bool terrorism_block, Rng& rng) {
  static constexpr std::array<std::string_view, 8> kCodes = {"pc_335",   "law_1958_5_6",          "weapons_72",
                                                            "pc_314",   "illegal_entry",         "armed_group_membership",
                                                            "attack_on_army", "financing_terrorism"};
  static constexpr std::array<double, 8> kTerror = {25, 30, 12, 15, 2, 20, 8, 5};
  static constexpr std::array<double, 8> kOther = {20, 15, 20, 5, 30, 10, 2, 1};
  const int n = 1 + static_cast<int>(choose(rng, std::array<double, 3>{45, 40, 15}));
  std::array<double, 8> w = terrorism_block ? kTerror : kOther;
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    const std::size_t c = choose(rng, w);
    out.emplace_back(kCodes[c]);
    w[c] = 0;
  }
  return out;
}

struct Period {
  std::uint8_t facility;
  std::int32_t from;
  std::int32_t to;  // 0: open
};

}  // namespace

void add_case_data(SynthPerson& out, const Identity& who, int index, const Options& options, const Tables& t) {
  Rng rng = Rng::keyed(options.seed, kTagCase, static_cast<std::uint64_t>(index));
  const std::int32_t today = day_number(options.today);
  const std::int32_t arrest = who.arrest_day;
  const std::int32_t end = who.exit_day != 0 ? who.exit_day : today;  // last day anything can happen in custody
  const auto code = [&](std::uint8_t f) { return t.facilities[f].code; };
  const int gs = t.facility_index("lb-gs-adlieh");
  const int roumieh = t.facility_index("lb-roumieh");
  const int block_b = t.facility_index("lb-roumieh-block-b");
  const int baabda = t.facility_index("lb-baabda-women");
  const bool female = who.female != 0;
  const std::int32_t release =
      who.sentence_months > 0 ? day_number(expected_release(day(arrest), who.sentence_months)) : 0;

  // Arrest.
  Arrest a;
  {
    const auto& lb = t.group_places[static_cast<std::size_t>(PlaceGroup::kLebanon)];
    const Place& place = t.places[lb[t.group_tables[static_cast<std::size_t>(PlaceGroup::kLebanon)].sample(rng)]];
    a.date = date(arrest);
    a.place = place.arabic;
    a.authority = std::string(authority_code(who.authority));
    static constexpr std::array<std::string_view, 4> kNotes = {"", "مداهمة ليلية للمنزل", "على حاجز", "استدعاء للتحقيق"};
    a.notes = std::string(rng.pick(kNotes));
    out.arrests.push_back(a);
  }

  // Custody: where first held, an intermediate prison sometimes, then the current/last facility.
  std::vector<Period> periods;
  {
    std::int32_t cursor = arrest;
    const auto close_at = [&](std::int32_t d) { return std::clamp(d, cursor + 1, std::max(cursor + 1, end - 1)); };
    if (who.first_facility != who.facility) {
      const std::int32_t to = close_at(arrest + between(rng, 3, 60));
      periods.push_back({who.first_facility, cursor, to});
      cursor = to;
    }
    const bool to_gs = gs >= 0 && who.facility == gs && who.authority != Authority::kGeneralSecurity;
    if (to_gs) {
      // Served in prison, then handed to General Security when the sentence ended (or for deportation).
      const int prison = female ? baabda : roumieh;
      const std::int32_t handover = release > cursor && release < end ? release : close_at(end - between(rng, 5, 60));
      if (prison >= 0 && handover > cursor) {
        periods.push_back({static_cast<std::uint8_t>(prison), cursor, handover});
        cursor = handover;
      }
    } else if (!female && roumieh >= 0 && block_b >= 0 && who.facility == block_b && who.first_facility != roumieh &&
               rng.chance(0.4) && end - cursor > 200) {
      const std::int32_t to = close_at(cursor + between(rng, 30, std::min(900, end - cursor - 100)));
      periods.push_back({static_cast<std::uint8_t>(roumieh), cursor, to});
      cursor = to;
    }
    periods.push_back({who.facility, cursor, who.exit_day != 0 ? std::max(cursor, who.exit_day) : 0});
    for (const auto& p : periods) {
      Custody c;
      c.facility_code = code(p.facility);
      c.from = date(p.from);
      if (p.to != 0) c.to = date(p.to);
      out.custody.push_back(std::move(c));
    }
  }

  // Case file.
  CaseFile cf;
  std::vector<std::int32_t> hearing_days;
  {
    const bool block = block_b >= 0 && (who.facility == block_b || who.first_facility == block_b);
    cf.charges = pick_charges(block || rng.chance(0.3), rng);
    const bool security = std::any_of(cf.charges.begin(), cf.charges.end(), [](const std::string& c) { return c != "illegal_entry"; });
    cf.court = !security ? "criminal_court"
               : std::find(cf.charges.begin(), cf.charges.end(), "attack_on_army") != cf.charges.end() && rng.chance(0.3)
                   ? "judicial_council"
                   : (rng.chance(0.85) ? "military_court" : "criminal_court");
    cf.case_number = case_number(who, options.seed, index);

    const int stage = static_cast<int>(who.stage);
    const std::int32_t last = std::min(end, today - 1);
    std::int32_t inv = std::min(arrest + between(rng, 1, 10), last);
    std::int32_t ind = 0;
    std::int32_t trial = 0;
    if (who.verdict_day != 0) {
      const std::int32_t span = who.verdict_day - arrest;
      ind = arrest + span * between(rng, 15, 35) / 100;
      trial = arrest + span * between(rng, 40, 70) / 100;
    } else {
      ind = between(rng, std::min(inv + 30, last), std::min(last, arrest + 600));
      trial = between(rng, std::min(ind + 30, last), std::min(last, ind + 700));
    }
    ind = std::max(ind, inv);
    trial = std::max(trial, ind);
    cf.statuses.push_back({"investigation", date(inv)});
    if (stage >= static_cast<int>(Stage::kIndictment)) cf.statuses.push_back({"indictment", date(ind)});
    if (stage >= static_cast<int>(Stage::kTrial)) cf.statuses.push_back({"trial", date(trial)});
    if (who.verdict_day != 0) {
      cf.statuses.push_back({"verdict", date(who.verdict_day)});
      std::int32_t cursor = who.verdict_day;
      if (who.stage == Stage::kAppeal || (who.stage == Stage::kFinal && rng.chance(0.5))) {
        cursor = std::min(cursor + between(rng, 20, 120), std::max(cursor, today - 1));
        cf.statuses.push_back({"appeal", date(cursor)});
      }
      if (who.stage == Stage::kFinal) {
        cursor = std::min(cursor + between(rng, 30, 600), std::max(cursor, today - 1));
        cf.statuses.push_back({"final", date(cursor)});
      }
    }
    // Hearings: spread from the start of trial to the verdict (or to now), most of them postponed.
    if (stage >= static_cast<int>(Stage::kTrial)) {
      const std::int32_t stop = who.verdict_day != 0 ? who.verdict_day : last;
      const std::int32_t span = stop - trial;
      const std::int32_t count = span < 20 ? 0 : std::clamp(span / 75, 1, 14);
      for (std::int32_t i = 0; i < count; ++i) {
        const std::int32_t d = trial + span * (i + 1) / (count + 1) + between(rng, -10, 10);
        if (d > trial && d < stop && (hearing_days.empty() || d > hearing_days.back())) hearing_days.push_back(d);
      }
      static constexpr std::array<std::string_view, 5> kReasons = {
          "تعذر سوق الموقوف من السجن", "غياب الشهود", "غياب المحامي", "طلب مهلة للدفاع", "تبديل هيئة المحكمة"};
      for (const std::int32_t d : hearing_days) {
        Hearing h;
        h.date = date(d);
        if (rng.chance(0.65)) {
          h.outcome = "postponed";
          h.notes = std::string(rng.pick(kReasons));
        } else {
          h.outcome = "held";
        }
        cf.hearings.push_back(std::move(h));
      }
      if (who.verdict_day != 0) {
        Hearing h;
        h.date = date(who.verdict_day);
        h.outcome = "verdict";
        cf.hearings.push_back(std::move(h));
        hearing_days.push_back(who.verdict_day);
      } else if (who.exit_day == 0 && rng.chance(0.6)) {
        Hearing next;  // scheduled, not yet held: no outcome
        next.date = date(today + between(rng, 1, 60));
        cf.hearings.push_back(std::move(next));
      }
    }
    cf.sentence_months = who.sentence_months;
    if (who.sentence_months != 0) cf.sentence_start = date(arrest);
    if (rng.chance(0.7)) {
      const auto lawyers = roster(t, options.seed, 2, 8);
      cf.lawyer = lawyers[static_cast<std::size_t>(rng.below(lawyers.size()))];
    }
    const bool torture = rng.chance(0.4);
    if (torture) cf.allegations.emplace_back("torture");
    if (rng.chance(torture ? 0.7 : 0.08)) cf.allegations.emplace_back("forced_statement");
    if (rng.chance(0.6)) cf.allegations.emplace_back("no_lawyer_interrogation");
    if (rng.chance(0.03)) cf.allegations.emplace_back("no_interpreter");
    if (rng.chance(torture ? 0.6 : 0.2)) cf.allegations.emplace_back("no_medical_exam");
    out.cases.push_back(std::move(cf));
  }

  // Events.
  const auto event = [&](std::string_view type, std::int32_t d, std::uint8_t facility, std::string description) {
    Event e;
    e.type = std::string(type);
    e.date = date(d);
    e.facility_code = code(facility);
    e.description = std::move(description);
    out.events.push_back(std::move(e));
  };
  const auto facility_at = [&](std::int32_t d) {
    std::uint8_t f = periods.front().facility;
    for (const auto& p : periods) {
      if (p.from <= d) f = p.facility;
    }
    return f;
  };
  event("arrest", arrest, who.first_facility, fmt::format("اعتقال من قبل {}", authority_ar(who.authority)));
  for (std::size_t i = 1; i < periods.size(); ++i) {
    event("transfer", periods[i].from, periods[i].facility,
          fmt::format("نقل إلى {}", t.facilities[periods[i].facility].names_ar.front()));
  }
  for (const std::int32_t d : hearing_days) {
    if (d != who.verdict_day) event("hearing", d, facility_at(d), "جلسة محاكمة");
  }
  if (who.verdict_day != 0) {
    const std::string text = who.sentence_months == 0  ? std::string("حكم بالبراءة")
                             : who.sentence_months < 0 ? std::string("حكم بالسجن المؤبد")
                                                       : fmt::format("حكم بالسجن {} سنوات", who.sentence_months / 12);
    event("verdict", who.verdict_day, facility_at(who.verdict_day), text);
  }
  const std::int32_t held_until = std::min(end, today - 1);
  if (held_until - arrest > 200 && rng.chance(0.08)) {
    const std::int32_t d = between(rng, arrest + 180, held_until);
    event("hunger_strike", d, facility_at(d), "إضراب عن الطعام احتجاجاً على التأخير في المحاكمة");
  }
  if (held_until - arrest > 60 && rng.chance(0.12)) {
    const std::int32_t d = between(rng, arrest + 30, held_until);
    static constexpr std::array<std::string_view, 4> kHealth = {"نوبة قلبية ونقل إلى المستشفى", "جرب وأمراض جلدية",
                                                               "حرمان من الدواء", "كسر بعد الضرب"};
    event("health_incident", d, facility_at(d), std::string(rng.pick(kHealth)));
  }
  const bool awaiting = who.scenario == Scenario::kAwaitingDeportation;
  if (who.status == PersonStatus::kDeported || awaiting ||
      (who.exit_day == 0 && who.status != PersonStatus::kDeported && rng.chance(0.03))) {
    const std::int32_t lo = release != 0 && release < held_until ? release : arrest + 30;
    const std::int32_t d = who.status == PersonStatus::kDeported ? between(rng, std::max(arrest, who.exit_day - 60), who.exit_day)
                                                                 : between(rng, std::min(lo, held_until), held_until);
    event("deportation_order", d, facility_at(d), "قرار ترحيل صادر عن المديرية العامة للأمن العام");
  }
  if (awaiting && periods.size() > 1) {
    event("handover", periods.back().from, periods.back().facility, "انتهاء الحكم والتسليم إلى الأمن العام");
  }
  switch (who.status) {
    case PersonStatus::kReleased: event("release", who.exit_day, who.facility, "إخلاء سبيل"); break;
    case PersonStatus::kDeported: event("deportation", who.exit_day, who.facility, "ترحيل إلى سوريا عبر معبر المصنع"); break;
    case PersonStatus::kTransferred:
      event("transfer_abroad", who.exit_day, who.facility, "نقل إلى سوريا بموجب اتفاقية نقل المحكومين");
      break;
    case PersonStatus::kDeceased: event("death", who.exit_day, who.facility, "وفاة أثناء الاحتجاز"); break;
    default: break;
  }
  std::stable_sort(out.events.begin(), out.events.end(),
                   [](const Event& x, const Event& y) { return x.date.earliest() < y.date.earliest(); });

  // Consent.
  const auto workers = roster(t, options.seed, 1, 6);
  static constexpr std::array<std::string_view, 7> kRelations = {"mother", "mother", "father", "sibling", "spouse", "child", "other_relative"};
  static constexpr std::array<std::string_view, 3> kPartners = {"Geneva legal clinic (demo partner)",
                                                                "Families network (demo partner)",
                                                                "Regional rights centre (demo partner)"};
  const bool self_reachable = who.exit_day == 0 || who.status == PersonStatus::kReleased;
  const std::string given_by = self_reachable && rng.chance(0.55) ? "self" : std::string(rng.pick(kRelations));
  const auto consent = [&](std::string_view scope, Consent decision, std::string partner) {
    ConsentRecord c;
    c.scope = std::string(scope);
    c.partner = std::move(partner);
    c.decision = decision;
    c.given_by = given_by;
    c.recorded_by = rng.pick(workers);
    if (rng.chance(0.3)) c.witness = rng.pick(workers);
    // Before a transfer abroad; otherwise any time since the arrest.
    const std::int32_t latest = who.status == PersonStatus::kTransferred ? who.exit_day - 1 : today - 1;
    c.date = date(between(rng, std::min(arrest + 60, latest), latest));
    if (rng.chance(0.08)) {
      // The decision changed: an earlier record with another answer.
      ConsentRecord earlier = c;
      earlier.decision = decision == Consent::kGranted ? Consent::kUnknown : Consent::kGranted;
      earlier.date = date(between(rng, std::min(arrest + 30, day_number(c.date.earliest())), day_number(c.date.earliest())));
      earlier.notes = "superseded";
      out.consents.push_back(std::move(earlier));
    }
    out.consents.push_back(std::move(c));
  };
  const auto decide = [&](std::string_view scope, double granted, double refused, double unknown) {
    const std::size_t k = choose(rng, std::array<double, 4>{granted, refused, unknown, 1 - granted - refused - unknown});
    if (k < 3) consent(scope, k == 0 ? Consent::kGranted : k == 1 ? Consent::kRefused : Consent::kUnknown, "");
  };
  if (who.scenario == Scenario::kReleaseSoon || who.scenario == Scenario::kLongServedFinal ||
      who.scenario == Scenario::kLongPretrial) {
    // Planted persons alternate, so the demo always has both.
    if (index % 2 == 0) consent("un_submission", Consent::kGranted, "");
  } else if (rng.chance(0.8)) {
    decide("un_submission", 0.6, 0.1, 0.1);
  }
  if (rng.chance(0.8)) {
    decide("publish_anonymised", 0.6, 0.1, 0.05);
    decide("publish_name", 0.25, 0.35, 0.1);
    if (rng.chance(0.35)) consent("share_partner", rng.chance(0.8) ? Consent::kGranted : Consent::kRefused, std::string(rng.pick(kPartners)));
    if (who.status == PersonStatus::kSentenced || who.status == PersonStatus::kTransferred) {
      decide("transfer", who.status == PersonStatus::kTransferred ? 1.0 : 0.45, who.status == PersonStatus::kTransferred ? 0 : 0.25,
             who.status == PersonStatus::kTransferred ? 0 : 0.1);
    }
  }
}

}  // namespace sawt::synth
