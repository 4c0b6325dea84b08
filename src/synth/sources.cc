#include "synth/sources.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace sawt::synth {

namespace chr = std::chrono;

namespace {

constexpr std::uint64_t kTagCover = 0x636f76;
constexpr std::uint64_t kTagDuplicate = 0x647570;
constexpr std::uint64_t kTagHome = 0x686f6d;
constexpr std::uint64_t kTagRecord = 0x726563;
constexpr std::uint64_t kTagPrisonerNo = 0x70726e;
constexpr std::uint64_t kTagPhone = 0x70686e;
constexpr std::uint64_t kTagProfiles = 0x707266;

// A logistic-shaped curve from arithmetic only (no exp(), whose last bit may
// differ between libm versions): maps (-inf, inf) onto (0, 1), increasing.
double squash(double x) { return 0.5 + 0.5 * x / (1.0 + (x < 0 ? -x : x)); }

SourceProfile preset(std::string_view kind, chr::sys_days today) {
  SourceProfile p;
  p.kind = std::string(kind);
  // LetterCase order: title, title with lower-case particles, upper, lower.
  if (kind == "family") {
    p.name = "Families committee list";
    p.reliability = 3;
    p.coverage = 0.45;
    p.duplicates = 0.03;
    p.script_bias = 2.0;
    p.style = SpellingStyle::kMixed;
    p.case_weights = {0.6, 0.1, 0.1, 0.2};
    p.full_name_only = 0.3;
    p.drop_grandfather = 0.45;
    p.drop_father = 0.04;
    p.drop_mother = 0.25;
    p.latin_typo = 0.06;
    p.arabic_typo = 0.04;
    p.drop_hamza = 0.55;
    p.ta_as_ha = 0.25;
    p.birth_missing = 0.1;
    p.birth_year_only = 0.2;
    p.birth_approx = 0.12;
    p.birth_wrong = 0.04;
    p.arrest_missing = 0.15;
    p.arrest_month_only = 0.3;
    p.arrest_approx = 0.15;
    p.facility_missing = 0.3;
    p.facility_stale = 0.2;
    p.place_missing = 0.15;
    p.nationality_missing = 0.6;
    p.gender_missing = 0.5;
    p.id_shown = 0.25;
    p.phone = 0.5;
    p.notes = 0.25;
    p.as_of = today - chr::days{20};
  } else if (kind == "ngo_list") {
    p.name = "NGO shared list";
    p.reliability = 3;
    p.coverage = 0.55;
    p.duplicates = 0.02;
    p.script_bias = -1.2;
    p.style = SpellingStyle::kEnglish;
    p.case_weights = {0.55, 0.3, 0.1, 0.05};
    p.full_name_only = 0.6;
    p.swap_order = 0.04;
    p.drop_grandfather = 0.7;
    p.drop_father = 0.12;
    p.drop_mother = 0.7;
    p.latin_typo = 0.05;
    p.birth_missing = 0.25;
    p.birth_year_only = 0.3;
    p.birth_approx = 0.1;
    p.arrest_missing = 0.3;
    p.arrest_year_only = 0.2;
    p.arrest_approx = 0.2;
    p.facility_missing = 0.3;
    p.place_missing = 0.35;
    p.id_shown = 0.15;
    p.id_leading_zero_lost = 0.4;  // spreadsheets drop the leading 0
    p.notes = 0.15;
    p.as_of = today - chr::days{60};
  } else if (kind == "leaked_list") {
    p.name = "Leaked Roumieh list";
    p.reliability = 2;
    p.coverage = 0.5;
    p.duplicates = 0.04;
    p.script_bias = 0.5;
    p.style = SpellingStyle::kFrench;
    p.case_weights = {0.25, 0.05, 0.7, 0.0};
    p.full_name_only = 0.5;
    p.swap_order = 0.15;
    p.drop_grandfather = 0.8;
    p.drop_father = 0.08;
    p.drop_mother = 0.45;
    p.latin_typo = 0.04;
    p.arabic_typo = 0.03;
    p.birth_missing = 0.05;
    p.birth_year_only = 0.1;
    p.birth_approx = 0.0;
    p.birth_wrong = 0.08;
    p.arrest_missing = 0.1;
    p.arrest_month_only = 0.05;
    p.arrest_year_only = 0.0;
    p.arrest_approx = 0.0;
    p.arrest_wrong = 0.06;
    p.facility_missing = 0.0;
    p.facility_stale = 0.0;
    p.place_missing = 0.4;
    p.nationality_missing = 0.2;
    p.gender_missing = 0.6;
    p.id_shown = 0.4;
    p.id_leading_zero_lost = 0.3;
    p.prisoner_number = 0.8;
    p.notes = 0.05;
    p.as_of = std::min(today - chr::days{30}, chr::sys_days{chr::year{2023} / 6 / 30});
    p.custody_roster = true;
  } else if (kind == "lawyer") {
    p.name = "Lawyer's case list";
    p.reliability = 4;
    p.coverage = 0.3;
    p.duplicates = 0.01;
    p.script_bias = 0.0;
    p.style = SpellingStyle::kFrench;
    p.case_weights = {0.5, 0.3, 0.2, 0.0};
    p.full_name_only = 0.2;
    p.drop_grandfather = 0.4;
    p.drop_father = 0.03;
    p.drop_mother = 0.35;
    p.latin_typo = 0.02;
    p.arabic_typo = 0.01;
    p.birth_missing = 0.08;
    p.birth_year_only = 0.1;
    p.birth_approx = 0.04;
    p.birth_wrong = 0.02;
    p.arrest_missing = 0.03;
    p.arrest_month_only = 0.05;
    p.arrest_year_only = 0.02;
    p.arrest_approx = 0.02;
    p.facility_missing = 0.1;
    p.facility_stale = 0.1;
    p.place_missing = 0.2;
    p.nationality_missing = 0.3;
    p.gender_missing = 0.3;
    p.id_shown = 0.5;
    p.case_number = 0.85;
    p.notes = 0.3;
    p.as_of = today - chr::days{10};
  } else if (kind == "official_document") {
    p.name = "Military court documents";
    p.reliability = 5;
    p.coverage = 0.15;
    p.duplicates = 0.0;
    p.script_bias = 2.5;
    p.style = SpellingStyle::kFrench;
    p.case_weights = {0.2, 0.0, 0.8, 0.0};
    p.full_name_only = 0.0;
    p.drop_grandfather = 0.1;
    p.drop_father = 0.0;
    p.drop_mother = 0.05;
    p.mother_first_only = 0.2;
    p.latin_typo = 0.01;
    p.arabic_typo = 0.01;
    p.drop_hamza = 0.2;
    p.ta_as_ha = 0.05;
    p.join_compounds = 0.2;
    p.birth_missing = 0.02;
    p.birth_year_only = 0.05;
    p.birth_approx = 0.0;
    p.birth_wrong = 0.01;
    p.arrest_missing = 0.02;
    p.arrest_month_only = 0.0;
    p.arrest_year_only = 0.0;
    p.arrest_approx = 0.0;
    p.arrest_wrong = 0.01;
    p.facility_missing = 0.2;
    p.facility_stale = 0.05;
    p.place_missing = 0.05;
    p.nationality_missing = 0.05;
    p.gender_missing = 0.1;
    p.id_shown = 0.9;
    p.case_number = 0.95;
    p.notes = 0.0;
    p.as_of = today - chr::days{100};
  } else {  // media
    p.kind = "media";
    p.name = "Media reports";
    p.reliability = 2;
    p.coverage = 0.08;
    p.duplicates = 0.03;
    p.script_bias = -1.0;
    p.style = SpellingStyle::kEnglish;
    p.case_weights = {0.5, 0.5, 0.0, 0.0};
    p.full_name_only = 1.0;
    p.drop_grandfather = 0.95;
    p.drop_father = 0.5;
    p.drop_mother = 1.0;
    p.latin_typo = 0.03;
    p.birth_missing = 0.5;
    p.age_instead = 0.4;
    p.birth_year_only = 0.6;
    p.birth_approx = 0.2;
    p.arrest_missing = 0.3;
    p.arrest_year_only = 0.4;
    p.arrest_approx = 0.3;
    p.facility_missing = 0.5;
    p.place_missing = 0.3;
    p.nationality_missing = 0.3;
    p.gender_missing = 0.7;
    p.id_shown = 0.0;
    p.notes = 0.5;
    p.as_of = today - chr::days{5};
  }
  return p;
}

// A date as a list writes it: missing, coarsened, approximate or mistyped —
// but never after LATEST, the list's own date (a mistyped or approximate year
// past it would be a record no list can hold): such a date is written as it
// truly is, at the precision drawn.
PartialDate render_date(std::int32_t d, std::int32_t latest, Rng& rng, double missing, double year_only,
                        double month_only, double approx, double wrong) {
  if (rng.chance(missing)) return {};
  chr::year_month_day ymd{day(d)};
  const chr::year_month_day truth = ymd;
  const auto possible = [&](PartialDate written, int month, int dd) {
    if (written.empty() || written.earliest() <= day(latest)) return written;
    const int y0 = static_cast<int>(truth.year());
    const int m0 = static_cast<int>(static_cast<unsigned>(truth.month()));
    const int d0 = static_cast<int>(static_cast<unsigned>(truth.day()));
    return PartialDate::make(y0, month == 0 ? 0 : m0, dd == 0 ? 0 : d0, written.approximate())
        .value_or(PartialDate{});
  };
  int y = static_cast<int>(ymd.year());
  int m = static_cast<int>(static_cast<unsigned>(ymd.month()));
  int dd = static_cast<int>(static_cast<unsigned>(ymd.day()));
  if (rng.chance(wrong)) {
    if (dd <= 12 && dd != m) {
      std::swap(dd, m);  // day and month swapped (US vs day-first habits)
    } else {
      y += rng.chance(0.5) ? 1 : -1;
      if (m == 2 && dd == 29) dd = 28;
    }
  }
  if (rng.chance(approx)) {
    if (rng.chance(0.5)) y += rng.range(-2, 2);
    return possible(PartialDate::make(y, 0, 0, true).value_or(PartialDate{}), 0, 0);
  }
  const double r = rng.real();
  if (r < year_only) return possible(PartialDate::make(y).value_or(PartialDate{}), 0, 0);
  if (r < year_only + month_only) return possible(PartialDate::make(y, m).value_or(PartialDate{}), m, 0);
  return possible(PartialDate::make(y, m, dd).value_or(PartialDate{}), m, dd);
}

// Picks a Latin spelling, favouring the source's transliteration habits.
const std::string& pick_spelling(const VariantSet& set, SpellingStyle style, Rng& rng) {
  if (style == SpellingStyle::kMixed) return set.latin[set.table.sample(rng)];
  std::array<double, 32> w{};
  const std::size_t n = std::min(set.latin.size(), w.size());
  const std::uint8_t favoured = style == SpellingStyle::kFrench ? kFrenchMark : kEnglishMark;
  const double boost = style == SpellingStyle::kFrench ? 3.0 : 2.0;
  for (std::size_t i = 0; i < n; ++i) {
    w[i] = static_cast<double>(set.weights[i]) * ((set.marks[i] & favoured) != 0 ? boost : 1.0);
  }
  return set.latin[choose(rng, std::span<const double>(w.data(), n))];
}

ArticleStyle pick_article(const Tables& t, SpellingStyle style, Rng& rng) {
  std::array<double, 8> w{};
  const std::size_t n = std::min(t.article_weights.size(), w.size());
  for (std::size_t i = 0; i < n; ++i) {
    const ArticleStyle a = t.article_styles[i];
    const bool el =
        a == ArticleStyle::kElHyphen || a == ArticleStyle::kElSpace || a == ArticleStyle::kElJoined;
    double f = 1.0;
    if (style == SpellingStyle::kFrench && el) f = 2.5;
    if (style == SpellingStyle::kEnglish && a == ArticleStyle::kAlHyphen) f = 1.5;
    w[i] = t.article_weights[i] * f;
  }
  return t.article_styles[choose(rng, std::span<const double>(w.data(), n))];
}

struct NameWriter {
  const SourceProfile& profile;
  const Tables& tables;
  bool arabic;
  ArabicHabits habits;
  ArticleStyle article = ArticleStyle::kAlHyphen;
  Rng& rng;

  std::string write(const Name& name, bool family) const {
    if (arabic) {
      std::string text = name.arabic;
      if (family && name.article && rng.chance(profile.drop_article_ar)) text = drop_arabic_article(text);
      return arabic_noise(text, habits, rng);
    }
    const VariantSet& set = tables.variant_sets[name.variants];
    std::string text = pick_spelling(set, profile.style, rng);
    if (family && name.article) text = render_article(text, name.arabic, article);
    if (rng.chance(profile.latin_typo)) text = latin_typo(text, rng);
    return text;
  }
};

std::string_view nationality_text(Nationality n, bool female, bool arabic, Rng& rng) {
  static constexpr std::array<std::string_view, 4> kSyAr = {"سوري", "سوري", "سوريا", "سوري الجنسية"};
  static constexpr std::array<std::string_view, 5> kSyLat = {"Syrian", "Syrian", "SY", "Syria", "SYR"};
  static constexpr std::array<std::string_view, 3> kPsAr = {"فلسطيني سوري", "فلسطيني",
                                                            "فلسطيني لاجئ في سوريا"};
  static constexpr std::array<std::string_view, 3> kPsLat = {"Palestinian", "Palestinian (Syria)", "PRS"};
  static constexpr std::array<std::string_view, 2> kLbAr = {"لبناني", "لبنان"};
  static constexpr std::array<std::string_view, 3> kLbLat = {"Lebanese", "LB", "Lebanon"};
  static constexpr std::array<std::string_view, 3> kNoneAr = {"مكتوم القيد", "بدون جنسية", "مكتوم القيد"};
  static constexpr std::array<std::string_view, 3> kNoneLat = {"Stateless", "stateless",
                                                               "unregistered (maktoum)"};
  switch (n) {
    case Nationality::kSyrian:
      if (arabic && female && rng.chance(0.7)) return "سورية";
      return arabic ? rng.pick(kSyAr) : rng.pick(kSyLat);
    case Nationality::kPalestinian:
      return arabic ? rng.pick(kPsAr) : rng.pick(kPsLat);
    case Nationality::kLebanese:
      return arabic ? rng.pick(kLbAr) : rng.pick(kLbLat);
    case Nationality::kStateless:
      return arabic ? rng.pick(kNoneAr) : rng.pick(kNoneLat);
  }
  return {};
}

std::string note_text(const Identity& who, bool arabic, std::int32_t as_of, const Tables& t, Rng& rng) {
  const int arrest_year = static_cast<int>(chr::year_month_day{day(who.arrest_day)}.year());
  if (who.exit_day != 0 && who.exit_day <= as_of && rng.chance(0.7)) {
    const int y = static_cast<int>(chr::year_month_day{day(who.exit_day)}.year());
    switch (who.status) {
      case PersonStatus::kReleased:
        return arabic ? fmt::format("أفرج عنه {}", y) : fmt::format("released {}", y);
      case PersonStatus::kDeported:
        return arabic ? fmt::format("رحّل إلى سوريا {}", y) : fmt::format("deported to Syria {}", y);
      case PersonStatus::kDeceased:
        return arabic ? fmt::format("توفي في السجن {}", y) : fmt::format("died in custody {}", y);
      case PersonStatus::kTransferred:
        return arabic ? fmt::format("نقل إلى سوريا {}", y) : fmt::format("transferred to Syria {}", y);
      default:
        break;
    }
  }
  const auto kind = rng.below(6);
  switch (kind) {
    case 0:
      return arabic ? "بحاجة لرعاية طبية" : "needs medical care";
    case 1:
      return arabic ? "العائلة في عرسال" : "family lives in Arsal";
    case 2:
      return arabic ? fmt::format("لا زيارات منذ {}", std::max(arrest_year, 2019))
                    : fmt::format("no visits since {}", std::max(arrest_year, 2019));
    case 3:
      if (who.first_facility != who.facility) {
        const auto& f = t.facilities[who.first_facility];
        return arabic ? fmt::format("نقل من {}", f.names_ar.front())
                      : fmt::format("moved from {}", f.names_en.front());
      }
      return arabic ? "موقوف منذ سنوات دون محاكمة" : "held for years without trial";
    case 4:
      if (who.sentence_months > 0) {
        return arabic ? fmt::format("محكوم {} سنوات", who.sentence_months / 12)
                      : fmt::format("sentenced to {} years", who.sentence_months / 12);
      }
      return arabic ? "ينتظر المحاكمة" : "awaiting trial";
    default:
      return arabic ? "يخشى الترحيل" : "fears deportation";
  }
}

}  // namespace

const std::vector<std::string>& extra_columns() {
  static const std::vector<std::string> columns = {"age", "case_number", "prisoner_no", "phone_of_family"};
  return columns;
}

std::vector<SourceProfile> make_profiles(const Options& options) {
  static constexpr std::array<std::string_view, 6> kKinds = {"family", "ngo_list",          "leaked_list",
                                                             "lawyer", "official_document", "media"};
  std::vector<SourceProfile> out;
  Rng rng = Rng::keyed(options.seed, kTagProfiles);
  for (int i = 0; i < options.sources; ++i) {
    SourceProfile p = preset(kKinds[static_cast<std::size_t>(i) % kKinds.size()], options.today);
    if (i >= static_cast<int>(kKinds.size())) {
      // More sources than kinds: another list of the same kind, a little different.
      p.name += fmt::format(" {}", i / static_cast<int>(kKinds.size()) + 1);
      p.coverage = std::clamp(p.coverage * (0.6 + 0.8 * rng.real()), 0.03, 0.8);
      p.script_bias += rng.real() * 2.0 - 1.0;
      p.as_of = p.as_of - chr::days{rng.range(0, 900)};
    }
    out.push_back(std::move(p));
  }
  // Calibrate: find c so that the record-weighted mean of squash(c + bias) is arabic_share.
  const double share = options.arabic_share;
  if (share <= 0 || share >= 1) {
    for (auto& p : out) p.p_arabic = share <= 0 ? 0.0 : 1.0;
  } else {
    const auto mean = [&](double c) {
      double num = 0;
      double den = 0;
      for (const auto& p : out) {
        const double w = p.coverage * (1 + p.duplicates);
        num += w * squash(c + p.script_bias);
        den += w;
      }
      return num / den;
    };
    double lo = -1000;
    double hi = 1000;
    for (int i = 0; i < 200; ++i) {
      const double mid = (lo + hi) / 2;
      (mean(mid) < share ? lo : hi) = mid;
    }
    for (auto& p : out) p.p_arabic = squash((lo + hi) / 2 + p.script_bias);
  }
  return out;
}

Source to_source(const SourceProfile& profile, int index) {
  Source s;
  s.id = index + 1;
  s.name = profile.name;
  s.kind = profile.kind;
  s.reliability = profile.reliability;
  s.received = PartialDate::from_days(profile.as_of);
  s.notes = "synthetic source (sawt synth): invented persons only";
  return s;
}

int listings(const std::vector<SourceProfile>& profiles, int source, const Identity& who, int person,
             std::uint64_t seed) {
  const auto eligible = [&](const SourceProfile& p) {
    const std::int32_t as_of = day_number(p.as_of);
    if (who.arrest_day > as_of) return false;
    return !(p.custody_roster && who.exit_day != 0 && who.exit_day <= as_of);
  };
  const auto listed = [&](int s) {
    const SourceProfile& p = profiles[static_cast<std::size_t>(s)];
    if (!eligible(p)) return false;
    Rng rng = Rng::keyed(seed, kTagCover, static_cast<std::uint64_t>(s), static_cast<std::uint64_t>(person));
    return rng.chance(p.coverage);
  };
  const auto copies = [&](int s) {
    Rng rng =
        Rng::keyed(seed, kTagDuplicate, static_cast<std::uint64_t>(s), static_cast<std::uint64_t>(person));
    return rng.chance(profiles[static_cast<std::size_t>(s)].duplicates) ? 2 : 1;
  };
  if (listed(source)) return copies(source);
  const int k = static_cast<int>(profiles.size());
  for (int s = 0; s < k; ++s) {
    if (listed(s)) return 0;
  }
  // Listed nowhere: a "home" source lists the person, among those that could
  // (or the most recent one).
  std::vector<int> candidates;
  int latest = 0;
  for (int s = 0; s < k; ++s) {
    if (eligible(profiles[static_cast<std::size_t>(s)])) candidates.push_back(s);
    if (profiles[static_cast<std::size_t>(s)].as_of > profiles[static_cast<std::size_t>(latest)].as_of)
      latest = s;
  }
  Rng rng = Rng::keyed(seed, kTagHome, static_cast<std::uint64_t>(person));
  const int home =
      candidates.empty() ? latest : candidates[static_cast<std::size_t>(rng.below(candidates.size()))];
  return home == source ? 1 : 0;
}

void render_record(const SourceProfile& profile, int source, const Identity& who, int person, int copy,
                   std::int64_t position, const Options& options, const Tables& tables, SourceRecord& out) {
  out = SourceRecord{};
  Rng rng = Rng::keyed(options.seed, kTagRecord, static_cast<std::uint64_t>(source),
                       static_cast<std::uint64_t>(person) * 4 + static_cast<std::uint64_t>(copy));
  out.source_id = source + 1;
  out.record_id = fmt::format("S{}-{:06}", source + 1, position);
  const bool arabic = rng.chance(profile.p_arabic);

  ArabicHabits habits;
  habits.drop_hamza = rng.chance(profile.drop_hamza);
  habits.ta_as_ha = rng.chance(profile.ta_as_ha);
  if (rng.chance(profile.ya_maqsura)) {
    if (rng.chance(0.7))
      habits.alef_maqsura_as_ya = true;
    else
      habits.ya_as_alef_maqsura = true;
  }
  habits.join_compounds = rng.chance(profile.join_compounds);
  habits.typo = profile.arabic_typo;
  const NameWriter writer{profile, tables, arabic, habits, pick_article(tables, profile.style, rng), rng};
  const LetterCase letter_case =
      arabic ? LetterCase::kLower : static_cast<LetterCase>(choose(rng, profile.case_weights));
  const auto cased = [&](std::string s) { return arabic ? s : apply_case(s, letter_case); };

  std::string first = cased(writer.write(first_name(who, tables), false));
  std::string father =
      rng.chance(profile.drop_father) ? std::string() : cased(writer.write(tables.male[who.father], false));
  std::string grandfather = rng.chance(profile.drop_grandfather)
                                ? std::string()
                                : cased(writer.write(tables.male[who.grandfather], false));
  std::string family = cased(writer.write(tables.family[who.family_name], true));
  if (father.empty()) grandfather.clear();  // nobody writes the grandfather without the father
  if (!rng.chance(profile.drop_mother)) {
    std::string mother = writer.write(tables.female[who.mother_first], false);
    if (!rng.chance(profile.mother_first_only))
      mother += " " + writer.write(tables.family[who.mother_family], true);
    out.name.mother = cased(std::move(mother));
  }
  if (rng.chance(profile.full_name_only)) {
    std::vector<std::string*> order = {&first, &father, &grandfather, &family};
    if (rng.chance(profile.swap_order)) order = {&family, &first, &father, &grandfather};
    for (const std::string* part : order) {
      if (part->empty()) continue;
      if (!out.name.full.empty()) out.name.full += ' ';
      out.name.full += *part;
    }
  } else {
    if (rng.chance(profile.swap_parts)) std::swap(first, family);
    out.name.first = std::move(first);
    out.name.father = std::move(father);
    out.name.grandfather = std::move(grandfather);
    out.name.family = std::move(family);
  }

  const bool female = who.female != 0;
  out.gender = rng.chance(profile.gender_missing) ? "" : (female ? "f" : "m");
  const std::int32_t as_of = day_number(profile.as_of);
  if (rng.chance(profile.age_instead)) {
    const int age = static_cast<int>((as_of - who.birth_day) / 365);
    out.extra["age"] = fmt::format("{}", age + (rng.chance(0.2) ? rng.range(-1, 1) : 0));
  } else {
    out.birth_date = render_date(who.birth_day, as_of, rng, profile.birth_missing, profile.birth_year_only,
                                 profile.birth_month_only, profile.birth_approx, profile.birth_wrong);
  }
  out.arrest_date = render_date(who.arrest_day, as_of, rng, profile.arrest_missing, profile.arrest_year_only,
                                profile.arrest_month_only, profile.arrest_approx, profile.arrest_wrong);

  const bool mixed = rng.chance(profile.p_mixed_field);
  const bool arabic_fields = arabic != mixed;
  if (!rng.chance(profile.place_missing)) {
    const Place& place = tables.places[who.birth_place];
    if (arabic_fields) {
      out.birth_place = place.arabic;
      if (rng.chance(profile.place_with_governorate) && place.governorate_ar != place.arabic) {
        out.birth_place += " - " + place.governorate_ar;
      }
    } else {
      // The canonical spelling counts double.
      const std::size_t i = rng.chance(0.4) ? 0 : static_cast<std::size_t>(rng.below(place.latin.size()));
      out.birth_place = place.latin[i];
      if (rng.chance(profile.place_with_governorate) && place.governorate_lat != place.latin[0]) {
        out.birth_place += ", " + place.governorate_lat;
      }
    }
  }
  if (!rng.chance(profile.nationality_missing))
    out.nationality = std::string(nationality_text(who.nationality, female, arabic_fields, rng));
  if (who.id_number != 0 && rng.chance(profile.id_shown)) {
    std::string id = fmt::format("{:011}", who.id_number);
    if (rng.chance(profile.id_leading_zero_lost)) id.erase(0, id.find_first_not_of('0'));
    if (rng.chance(profile.id_typo)) {
      const auto pos = static_cast<std::size_t>(rng.below(id.size()));
      id[pos] = static_cast<char>('0' + (id[pos] - '0' + 1 + static_cast<int>(rng.below(9))) % 10);
    }
    out.id_number = std::move(id);
  }
  const bool gone_before_list = who.exit_day != 0 && who.exit_day <= as_of;
  if (!rng.chance(profile.facility_missing) && !(gone_before_list && rng.chance(0.5))) {
    const auto& f = tables.facilities[rng.chance(profile.facility_stale) ? who.first_facility : who.facility];
    out.facility = arabic_fields ? rng.pick(f.names_ar) : rng.pick(f.names_en);
  }
  if (rng.chance(profile.phone)) {
    // The family's number: the same in every record of the family's sons and
    // daughters (a number drawn per record would be noise no list shows).
    static constexpr std::array<std::string_view, 6> kPrefixes = {"70", "71", "76", "78", "81", "3"};
    Rng ph = Rng::keyed(options.seed, kTagPhone,
                        static_cast<std::uint64_t>(who.family >= 0 ? who.family : person));
    out.extra["phone_of_family"] =
        ph.chance(0.8)
            ? fmt::format("+961 {} {:03} {:03}", ph.pick(kPrefixes), ph.below(1000), ph.below(1000))
            : fmt::format("+963 9{:02} {:03} {:03}", ph.below(100), ph.below(1000), ph.below(1000));
  }
  if (rng.chance(profile.case_number)) out.extra["case_number"] = case_number(who, options.seed, person);
  if (rng.chance(profile.prisoner_number)) {
    Rng pr = Rng::keyed(options.seed, kTagPrisonerNo, static_cast<std::uint64_t>(person));
    out.extra["prisoner_no"] = fmt::format("{}", 10000 + pr.below(90000));
  }
  if (rng.chance(profile.notes)) out.notes = note_text(who, arabic_fields, as_of, tables, rng);
}

}  // namespace sawt::synth
