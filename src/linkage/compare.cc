#include "linkage/compare.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>

#include "names/normalize.h"
#include "names/similarity.h"
#include "names/skeleton.h"

namespace sawt::linkage {

namespace {

constexpr double kCloseSimilarity = 0.88;
constexpr double kCloseJaroWinkler = 0.92;
constexpr double kPartialSimilarity = 0.72;
constexpr double kPartialJaroWinkler = 0.85;
constexpr double kSubsetToken = 0.88;
constexpr double kTfClamp = 6.0;

bool agree(Level l) { return l == Level::kExact || l == Level::kClose; }

// Each token of the shorter name has a close token in the longer one.
bool is_subset(const names::ParsedName& shorter, const names::ParsedName& longer) {
  for (const names::NameToken& s : shorter.tokens) {
    bool found = false;
    for (const names::NameToken& l : longer.tokens) {
      if (names::token_similarity(s, l) >= kSubsetToken) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

bool same_script(names::Script a, names::Script b) {
  return a == b && (a == names::Script::kArabic || a == names::Script::kLatin);
}

std::string eight_digits(const PartialDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year(), d.month(), d.day());
  return buf;
}

}  // namespace

Level compare_names(const NameValue& a, const NameValue& b) {
  if (a.key.empty() || b.key.empty()) return Level::kMissing;
  if (a.key == b.key) return Level::kExact;
  const auto& ta = a.parsed.tokens;
  const auto& tb = b.parsed.tokens;
  if (ta.empty() || tb.empty()) return compare_texts(a.key, b.key);
  bool vowel_conflict = false;
  double s = 0;
  bool subset = false;
  if (ta.size() == 1 && tb.size() == 1 && !ta[0].token.head.empty() && ta[0].token.kind == tb[0].token.kind &&
      ta[0].token.head == tb[0].token.head) {
    // Two compounds with one head ('Abd al-Rahman, 'Abd al-Hamid; Abu Bakr,
    // Abu Ali): the tail is the name.
    const names::TokenKeys tail_a = names::word_keys(ta[0].token.tail), tail_b = names::word_keys(tb[0].token.tail);
    if (!tail_a.coarse.empty() && tail_a.coarse == tail_b.coarse) return Level::kClose;
    return names::jaro_winkler(tail_a.coarse, tail_b.coarse) >= 0.85 ? Level::kPartial : Level::kDifferent;
  }
  if (ta.size() == 1 && tb.size() == 1) {
    s = names::token_similarity(ta[0], tb[0]);
    vowel_conflict = !ta[0].keys.coarse.empty() && ta[0].keys.coarse == tb[0].keys.coarse &&
                     !names::vowels_agree(ta[0].vowels, tb[0].vowels);
  } else {
    s = names::name_similarity(a.parsed, b.parsed);
    if (ta.size() != tb.size()) subset = ta.size() < tb.size() ? is_subset(a.parsed, b.parsed) : is_subset(b.parsed, a.parsed);
  }
  if (vowel_conflict) return Level::kPartial;
  const double j = same_script(a.script, b.script) ? names::jaro_winkler(a.key, b.key) : 0.0;
  if (s >= kCloseSimilarity || j >= kCloseJaroWinkler || subset) return Level::kClose;
  if (s >= kPartialSimilarity || j >= kPartialJaroWinkler) return Level::kPartial;
  return Level::kDifferent;
}

Level compare_dates(const PartialDate& a, const PartialDate& b, int near_days) {
  if (a.empty() || b.empty()) return Level::kMissing;
  using P = PartialDate::Precision;
  if (a.precision() == P::kDay && b.precision() == P::kDay) {
    if (a.year() == b.year() && a.month() == b.month() && a.day() == b.day()) return Level::kExact;
    if (a.year() == b.year() && a.month() == b.month()) return Level::kClose;
    if (a.year() == b.year() && a.month() == b.day() && a.day() == b.month()) return Level::kClose;
    if (near_days > 0) {
      const auto gap = std::abs((a.earliest() - b.earliest()).count());
      if (gap <= near_days) return Level::kClose;
    } else if (names::osa_distance(eight_digits(a), eight_digits(b)) <= 1) {
      return Level::kClose;
    }
    if ((a.approximate() || b.approximate()) && a.compatible(b)) return Level::kPartial;
    return Level::kDifferent;
  }
  return a.compatible(b) ? Level::kPartial : Level::kDifferent;
}

Level compare_texts(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return Level::kMissing;
  if (a == b) return Level::kExact;
  const double j = names::jaro_winkler(a, b);
  if (j >= kCloseJaroWinkler) return Level::kClose;
  if (std::max(a.size(), b.size()) >= 3 && names::osa_distance(a, b) <= 1) return Level::kClose;
  if (j >= 0.80) return Level::kPartial;
  return Level::kDifferent;
}

Level compare_identifiers(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return Level::kMissing;
  if (a == b) return Level::kExact;
  return names::osa_distance(a, b) <= 1 ? Level::kClose : Level::kDifferent;
}

NameValue make_name_value(std::string_view text) {
  NameValue v;
  v.parsed = names::parse_name(text);
  for (const names::NameToken& t : v.parsed.tokens) {
    if (t.token.key.empty()) continue;
    if (!v.key.empty()) v.key += ' ';
    v.key += t.token.key;
  }
  if (v.key.empty()) v.key = names::normalize_name(text);
  v.script = names::detect_script(text);
  return v;
}

NameCache::NameCache() : keys_(kSize, ~std::uint64_t{0}), levels_(kSize, Level::kMissing) {}

Level NameCache::level(const Features& features, std::uint32_t a, std::uint32_t b) {
  if (a > b) std::swap(a, b);
  const std::uint64_t key = (std::uint64_t{a} << 32) | b;
  const std::size_t slot = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 49) & (kSize - 1);
  if (keys_[slot] == key) return levels_[slot];
  const Level l = compare_names(features.name(a), features.name(b));
  keys_[slot] = key;
  levels_[slot] = l;
  return l;
}

Comparator::Comparator(const Features& features) : features_(features) {
  for (int k = 0; k < kKnownFields; ++k) role_[static_cast<std::size_t>(k)] = features.column_of(static_cast<KnownField>(k));
  part_ = {role_[static_cast<std::size_t>(KnownField::kFirstName)], role_[static_cast<std::size_t>(KnownField::kFatherName)],
           role_[static_cast<std::size_t>(KnownField::kGrandfatherName)],
           role_[static_cast<std::size_t>(KnownField::kFamilyName)]};
}

Level Comparator::name_level(std::size_t field, std::uint32_t va, std::uint32_t vb, NameCache& cache) const {
  (void)field;
  if (va == 0 || vb == 0) return Level::kMissing;
  if (va == vb || features_.name(va).key_id == features_.name(vb).key_id) return Level::kExact;
  return cache.level(features_, va, vb);
}

Pattern Comparator::compare(std::uint32_t a, std::uint32_t b, NameCache& cache) const {
  Pattern p = 0;
  const auto& columns = features_.columns();
  for (std::size_t f = 0; f < columns.size(); ++f) {
    const Column& c = columns[f];
    const std::uint32_t va = c.value[a], vb = c.value[b];
    Level l = Level::kMissing;
    if (va != 0 && vb != 0) {
      switch (c.kind) {
        case FieldKind::kName: l = name_level(f, va, vb, cache); break;
        case FieldKind::kDate:
          l = va == vb ? Level::kExact
                       : compare_dates(c.dates[va], c.dates[vb], c.known == KnownField::kArrestDate ? 31 : 0);
          if (l == Level::kExact && c.dates[va].precision() != PartialDate::Precision::kDay) l = Level::kPartial;
          break;
        case FieldKind::kCategory: l = va == vb ? Level::kExact : Level::kDifferent; break;
        case FieldKind::kIdentifier: l = va == vb ? Level::kExact : compare_identifiers(c.texts[va], c.texts[vb]); break;
        case FieldKind::kText: l = va == vb ? Level::kExact : compare_texts(c.texts[va], c.texts[vb]); break;
      }
    }
    p = with_level(p, f, l);
  }
  const int first = part_[0];
  if (first >= 0 && !agree(level_at(p, static_cast<std::size_t>(first))) &&
      level_at(p, static_cast<std::size_t>(first)) != Level::kMissing) {
    p = realign(a, b, p, cache);
  }
  return p;
}

Pattern Comparator::realign(std::uint32_t a, std::uint32_t b, Pattern p, NameCache& cache) const {
  const auto agreeing = [&](Pattern q) {
    int n = 0;
    for (int c : part_) {
      if (c >= 0 && agree(level_at(q, static_cast<std::size_t>(c)))) ++n;
    }
    return n;
  };
  const auto own = [&](std::uint32_t r) {
    NameSlots s{};
    for (std::size_t i = 0; i < 4; ++i) {
      s[i] = part_[i] >= 0 ? features_.column(static_cast<std::size_t>(part_[i])).value[r] : 0;
    }
    return s;
  };
  const auto with_parts = [&](const NameSlots& x, const NameSlots& y) {
    Pattern q = p;
    for (std::size_t i = 0; i < 4; ++i) {
      if (part_[i] < 0) continue;
      q = with_level(q, static_cast<std::size_t>(part_[i]), name_level(static_cast<std::size_t>(part_[i]), x[i], y[i], cache));
    }
    return q;
  };
  Pattern best = p;
  int best_agreeing = agreeing(p);
  const auto take = [&](Pattern q, Alignment alignment) {
    if (agreeing(q) > best_agreeing) {
      best = with_alignment(q, alignment);
      best_agreeing = agreeing(q);
    }
  };
  const NameSlots own_a = own(a), own_b = own(b);
  // First and family name in each other's columns.
  const int first = part_[0], family = part_[3];
  if (first >= 0 && family >= 0) {
    NameSlots swapped = own_a;
    std::swap(swapped[0], swapped[3]);
    const Pattern q = with_parts(swapped, own_b);
    if (agree(level_at(q, static_cast<std::size_t>(first))) && agree(level_at(q, static_cast<std::size_t>(family)))) {
      take(q, Alignment::kFirstFamilySwapped);
    }
  }
  // A full name written family first (on either side, or both).
  const NameSlots* rotated_a = features_.rotated(a);
  const NameSlots* rotated_b = features_.rotated(b);
  if (rotated_a != nullptr) take(with_parts(*rotated_a, own_b), Alignment::kRotatedA);
  if (rotated_b != nullptr) take(with_parts(own_a, *rotated_b), Alignment::kRotatedB);
  if (rotated_a != nullptr && rotated_b != nullptr) take(with_parts(*rotated_a, *rotated_b), Alignment::kRotatedBoth);
  return best;
}

std::pair<std::uint32_t, std::uint32_t> Comparator::first_names(Pattern p, std::uint32_t a, std::uint32_t b) const {
  const int first = part_[0];
  if (first < 0) return {0, 0};
  const Column& c = features_.column(static_cast<std::size_t>(first));
  std::uint32_t fa = c.value[a], fb = c.value[b];
  const auto rotated_first = [&](std::uint32_t r, std::uint32_t fallback) {
    const NameSlots* rot = features_.rotated(r);
    return rot == nullptr ? fallback : (*rot)[0];
  };
  switch (alignment_of(p)) {
    case Alignment::kAsWritten: break;
    case Alignment::kFirstFamilySwapped:
      if (part_[3] >= 0) fa = features_.column(static_cast<std::size_t>(part_[3])).value[a];
      break;
    case Alignment::kRotatedA: fa = rotated_first(a, fa); break;
    case Alignment::kRotatedB: fb = rotated_first(b, fb); break;
    case Alignment::kRotatedBoth:
      fa = rotated_first(a, fa);
      fb = rotated_first(b, fb);
      break;
  }
  return {fa, fb};
}

bool Comparator::distinct_names(std::uint32_t a, std::uint32_t b) const {
  const int first = part_[0];
  if (first < 0 || a == 0 || b == 0) return true;
  const Column& c = features_.column(static_cast<std::size_t>(first));
  if (c.present < 200) return true;
  const std::uint32_t ca = c.key_count[features_.name(a).key_id], cb = c.key_count[features_.name(b).key_id];
  const std::uint32_t low = std::min(ca, cb), high = std::max(ca, cb);
  return low >= 2 && 20U * low >= high;
}

Assessment Comparator::assess(Pattern p, std::uint32_t a, std::uint32_t b) const {
  const auto level = [&](KnownField f) {
    const int c = role_[static_cast<std::size_t>(f)];
    return c < 0 ? Level::kMissing : level_at(p, static_cast<std::size_t>(c));
  };
  if (level(KnownField::kGender) == Level::kDifferent) return {true, "different gender"};
  if (level(KnownField::kIdNumber) == Level::kDifferent) return {true, "different id numbers"};
  const Level first = level(KnownField::kFirstName);
  const Level father = level(KnownField::kFatherName);
  const Level mother = level(KnownField::kMotherName);
  const Level birth = level(KnownField::kBirthDate);
  const Level id = level(KnownField::kIdNumber);
  const bool lineage = agree(father) || (agree(mother) && agree(level(KnownField::kFamilyName)));
  if (lineage && (first == Level::kDifferent || first == Level::kPartial)) {
    // Day-level agreement on the birth date, or the same id number: what
    // tells a person with a mistyped first name from a brother.
    const bool identity = birth == Level::kExact || agree(id);
    const auto [fa, fb] = first_names(p, a, b);
    const bool distinct = distinct_names(fa, fb);
    if (first == Level::kDifferent && (!identity || distinct)) {
      return {true, "same parents but a different first name (siblings?)"};
    }
    if (first == Level::kPartial && !agree(id) && (birth == Level::kDifferent || distinct)) {
      return {true, "same parents and first names that are two names (siblings?)"};
    }
  }
  const int conflicts = (first == Level::kDifferent ? 1 : 0) + (father == Level::kDifferent ? 1 : 0) +
                        (mother == Level::kDifferent ? 1 : 0) + (birth == Level::kDifferent ? 1 : 0);
  if (conflicts >= 2 && !agree(id)) return {true, "two of first name, father, mother and birth date differ"};
  return {};
}

Scorer::Scorer(const ModelParams& model, const Features& features) : model_(model), features_(features) {
  base_.resize(model.fields.size());
  for (std::size_t f = 0; f < model.fields.size(); ++f) {
    for (int l = 0; l < kLevels; ++l) base_[f][static_cast<std::size_t>(l)] = model.fields[f].weight(static_cast<Level>(l));
  }
  prior_ = model.prior_weight();
}

double Scorer::field_weight(std::size_t f, Level level, std::uint32_t a, std::uint32_t b) const {
  const double base = base_[f][static_cast<std::size_t>(level)];
  const FieldParams& params = model_.fields[f];
  if (!params.term_frequency || (level != Level::kExact && level != Level::kClose)) return base;
  const Column& c = features_.column(f);
  const std::uint32_t va = c.value[a], vb = c.value[b];
  if (va == 0 || vb == 0 || c.present < 2) return base;
  const double n = static_cast<double>(c.present);
  double share = 0, square_sum = 0;
  if (level == Level::kExact) {
    const std::uint32_t key = features_.key_of(f, va);
    share = static_cast<double>(std::max<std::uint32_t>(c.key_count[key], 1)) / n;
    square_sum = c.key_square_sum;
  } else {
    if (c.kind != FieldKind::kName) return base;
    const std::uint32_t sa = features_.name(va).skeleton_id, sb = features_.name(vb).skeleton_id;
    share = static_cast<double>(std::max({c.skeleton_count[sa], c.skeleton_count[sb], 1U})) / n;
    square_sum = c.skeleton_square_sum;
  }
  if (square_sum <= 0) return base;
  const double adjustment = std::clamp(std::log2(square_sum / share), -kTfClamp, kTfClamp);
  const double w = base + adjustment;
  return base > 0 ? std::max(w, 0.25 * base) : w;
}

double Scorer::weight(Pattern p, std::uint32_t a, std::uint32_t b) const {
  double w = prior_;
  for (std::size_t f = 0; f < base_.size(); ++f) {
    const Level l = level_at(p, f);
    if (l != Level::kMissing) w += field_weight(f, l, a, b);
  }
  return w;
}

double Scorer::probability(double weight) { return 1.0 / (1.0 + std::exp2(-weight)); }

double Scorer::weight_for(double p) { return std::log2(p / (1.0 - p)); }

}  // namespace sawt::linkage
