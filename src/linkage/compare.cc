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
constexpr double kStrictJaroWinkler = 0.95;
constexpr double kPartialSimilarity = 0.72;
constexpr double kPartialJaroWinkler = 0.85;
constexpr double kSubsetToken = 0.88;
constexpr double kTfClamp = 6.0;
// A slip of the pen (Comparator::slip_of_the_pen): the rarer spelling at most
// 1/kSlipRatio as common as the other, and at most one record in kSlipRarePer
// (at least 2 records) in a column of kSlipMinPresent values or more.
constexpr std::uint32_t kSlipMinPresent = 200;
constexpr std::uint64_t kSlipRatio = 50;
constexpr std::uint32_t kSlipRarePer = 20000;
// A rare spelling of a common skeleton's neighbour (the third reading in
// slip_of_the_pen): at most one record in kSlipSpellingPer (at least 2), at
// most 1/kSlipSpellingRatio as common as the other spelling, and its skeleton
// at most 1/kSlipSpellingRatio as common as the other's.
constexpr std::uint32_t kSlipSpellingPer = 5000;
constexpr std::uint64_t kSlipSpellingRatio = 20;

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

// Latin spellings that follow the spoken Levantine, Egyptian or Maghrebi form
// of a name rather than its letters: ذ written z (Moaz, Monzer), ث written s
// (Osman, Haysam), ج written g (Gamal, Ragab), إ dropped before br (Brahim).
// Returns the spellings of WORD (a Latin key) with the letters put back:
// Moadh, Mondher, Othman, Haytham, Jamal, Rajab, Ibrahim. At most one
// substitution kind per variant; empty when none applies.
std::vector<std::string> spoken_form_variants(std::string_view word) {
  std::vector<std::string> out;
  const auto replace_all = [&](std::string_view from, std::string_view to, std::string_view not_before) {
    std::string v;
    bool changed = false;
    for (std::size_t i = 0; i < word.size();) {
      if (word.substr(i, from.size()) == from &&
          (not_before.empty() || i + from.size() >= word.size() || word[i + from.size()] != not_before[0])) {
        v += to;
        i += from.size();
        changed = true;
      } else {
        v += word[i++];
      }
    }
    if (changed) out.push_back(std::move(v));
  };
  replace_all("z", "dh", "");
  replace_all("s", "th", "h");  // not "sh"
  replace_all("g", "j", "h");   // not "gh"
  if (word.starts_with("br")) out.push_back("i" + std::string(word));
  return out;
}

// Whether the Latin token X, read in its spoken-form variants, is the name Y
// (same coarse skeleton, vowels that agree).
bool spoken_form_match(const names::NameToken& x, const names::NameToken& y) {
  for (const std::string& v : spoken_form_variants(x.token.key)) {
    const names::ParsedName p = names::parse_name(v);
    if (p.tokens.size() != 1) continue;
    const names::NameToken& t = p.tokens[0];
    if (!t.keys.coarse.empty() && t.keys.coarse == y.keys.coarse && names::vowels_agree(t.vowels, y.vowels))
      return true;
  }
  return false;
}

// Calls F with every string one edit (deletion, transposition, substitution
// or insertion of a letter a-z) from the skeleton S.
template <typename F>
void for_each_neighbour(const std::string& s, F&& f) {
  std::string n;
  for (std::size_t i = 0; i < s.size(); ++i) {
    n = s;
    n.erase(i, 1);
    f(std::string_view(n));
    if (i + 1 < s.size()) {
      n = s;
      std::swap(n[i], n[i + 1]);
      f(std::string_view(n));
    }
  }
  for (std::size_t i = 0; i <= s.size(); ++i) {
    for (char ch = 'a'; ch <= 'z'; ++ch) {
      if (i < s.size() && s[i] != ch) {
        n = s;
        n[i] = ch;
        f(std::string_view(n));
      }
      n = s;
      n.insert(n.begin() + static_cast<std::ptrdiff_t>(i), ch);
      f(std::string_view(n));
    }
  }
}

}  // namespace

Level compare_names(const NameValue& a, const NameValue& b) {
  if (a.key.empty() || b.key.empty()) return Level::kMissing;
  if (a.key == b.key) return Level::kExact;
  const auto& ta = a.parsed.tokens;
  const auto& tb = b.parsed.tokens;
  if (ta.empty() || tb.empty()) return compare_texts(a.key, b.key);
  if (ta.size() == 1 && tb.size() == 1 && !ta[0].token.head.empty() && ta[0].token.kind == tb[0].token.kind &&
      ta[0].token.head == tb[0].token.head) {
    // Two compounds with one head ('Abd al-Rahman, 'Abd al-Hamid; Abu Bakr,
    // Abu Ali): the tail is the name.
    const names::TokenKeys tail_a = names::word_keys(ta[0].token.tail),
                           tail_b = names::word_keys(tb[0].token.tail);
    if (!tail_a.coarse.empty() && tail_a.coarse == tail_b.coarse) return Level::kClose;
    return names::jaro_winkler(tail_a.coarse, tail_b.coarse) >= 0.85 ? Level::kPartial : Level::kDifferent;
  }
  const bool one_script = same_script(a.script, b.script);
  if (ta.size() == 1 && tb.size() == 1) {
    const names::NameToken& x = ta[0];
    const names::NameToken& y = tb[0];
    const bool same_kind = x.token.kind == y.token.kind;
    // One consonant skeleton: the same name in another spelling or script
    // when the vowels can agree (Mohamed/محمد), two names when they cannot
    // (محمد/محمود, Hasan/Husayn).
    if (same_kind && !x.keys.coarse.empty() && x.keys.coarse == y.keys.coarse) {
      return names::vowels_agree(x.vowels, y.vowels) ? Level::kClose : Level::kPartial;
    }
    // names::token_similarity for different skeletons, with the keys'
    // Jaro-Winkler computed once: 0.85 × the better of the skeletons' and
    // (in one script) the keys' Jaro-Winkler; × 0.6 for a kunya against
    // another kind of name.
    const double jc = names::jaro_winkler(x.keys.coarse, y.keys.coarse);
    const double j =
        one_script ? names::jaro_winkler(std::u32string_view(a.key32), std::u32string_view(b.key32)) : 0.0;
    const bool kunya_mismatch =
        (x.token.kind == names::TokenKind::kKunya) != (y.token.kind == names::TokenKind::kKunya);
    const double s = (kunya_mismatch ? 0.6 : 1.0) * 0.85 * std::max(jc, j);
    // A typo in one script: one edit in a name of six letters or more, or
    // Jaro-Winkler >= 0.95. Shorter names one letter apart are more often two
    // names (Saleh/Salem, Samer/Samir) than a slip. Abu X is never 'Abd X.
    if (!kunya_mismatch && one_script &&
        (j >= kStrictJaroWinkler ||
         (std::min(a.key32.size(), b.key32.size()) >= 6 && a.key32[0] == b.key32[0] &&
          names::osa_distance(a.key32, b.key32) <= 1))) {
      return Level::kClose;
    }
    // ذ or ظ written th, dh or z (Munther, Munzer, Mundher for منذر).
    if (same_kind && names::interdental_match(x.token, y.token)) return Level::kClose;
    // A spoken form (Moaz for معاذ, Gamal for جمال, Brahim for إبراهيم).
    if (same_kind && x.token.kind == names::TokenKind::kGiven &&
        ((a.script == names::Script::kLatin && spoken_form_match(x, y)) ||
         (b.script == names::Script::kLatin && spoken_form_match(y, x)))) {
      return Level::kClose;
    }
    if (s >= kPartialSimilarity || j >= kPartialJaroWinkler) return Level::kPartial;
    return Level::kDifferent;
  }
  const double s = names::name_similarity(a.parsed, b.parsed);
  const bool subset = ta.size() != tb.size() &&
                      (ta.size() < tb.size() ? is_subset(a.parsed, b.parsed) : is_subset(b.parsed, a.parsed));
  const double j =
      one_script ? names::jaro_winkler(std::u32string_view(a.key32), std::u32string_view(b.key32)) : 0.0;
  if (s >= kCloseSimilarity || j >= kCloseJaroWinkler || subset) return Level::kClose;
  if (s >= kPartialSimilarity || j >= kPartialJaroWinkler) return Level::kPartial;
  return Level::kDifferent;
}

Level compare_dates(const PartialDate& a, const PartialDate& b, int near_days) {
  if (a.empty() || b.empty()) return Level::kMissing;
  using P = PartialDate::Precision;
  // Lists give approximate years (ages) two years either way.
  constexpr int kApproximateSlack = 2;
  if (a.precision() == P::kDay && b.precision() == P::kDay) {
    if (a.year() == b.year() && a.month() == b.month() && a.day() == b.day()) return Level::kExact;
    if (a.year() == b.year() && a.month() == b.month()) return Level::kClose;
    if (a.year() == b.year() && a.month() == b.day() && a.day() == b.month()) return Level::kClose;
    if (std::abs(a.year() - b.year()) == 1 && a.month() == b.month() && a.day() == b.day())
      return Level::kClose;
    if (near_days > 0) {
      const auto gap = std::abs((a.earliest() - b.earliest()).count());
      if (gap <= near_days) return Level::kClose;
    } else if (names::osa_distance(eight_digits(a), eight_digits(b)) <= 1) {
      return Level::kClose;
    }
    if ((a.approximate() || b.approximate()) && a.compatible(b, kApproximateSlack)) return Level::kPartial;
    return Level::kDifferent;
  }
  // A month and year both name, the one precise to the day: as close as two
  // days in one month.
  if (a.precision() != P::kYear && b.precision() != P::kYear && !a.approximate() && !b.approximate() &&
      a.year() == b.year() && a.month() == b.month())
    return Level::kClose;
  if (a.compatible(b, kApproximateSlack)) return Level::kPartial;
  // A year-only or year-month date a year off: a common slip, still a hint.
  const int gap = std::abs(a.year() - b.year());
  return gap <= 1 ? Level::kPartial : Level::kDifferent;
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
  v.key32 = to_code_points(v.key);
  v.script = names::detect_script(text);
  return v;
}

NameCache::NameCache() : entries_(kSize, ~std::uint64_t{0}) {}

Level NameCache::level(const Features& features, std::uint32_t a, std::uint32_t b) {
  if (a > b) std::swap(a, b);
  if (b >= (std::uint32_t{1} << 29)) return compute(features, a, b);  // beyond the key's bits: not cached
  // The level lives in the top three bits of the entry.
  const std::uint64_t key = (std::uint64_t{a} << 29) | b;
  const std::size_t slot = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 40) & (kSize - 1);
  const std::uint64_t entry = entries_[slot];
  if ((entry & kKeyMask) == key) return static_cast<Level>(entry >> 61);
  const Level l = compute(features, a, b);
  entries_[slot] = key | (std::uint64_t{static_cast<std::uint8_t>(l)} << 61);
  return l;
}

Level NameCache::compute(const Features& features, std::uint32_t a, std::uint32_t b) {
  const NameValue& na = features.name(a);
  const NameValue& nb = features.name(b);
  Level l = compare_names(na, nb);
  // A glued article (Alomar) or a doubled letter (ممحمد) may hide the name:
  // the better of the readings. Agreement through another reading is close,
  // not exact: an exact agreement weighs the rarity of the spelling as
  // written, which here is the rarity of the slip, not of the name.
  if (na.alt != 0 || nb.alt != 0) {
    const NameValue& xa = na.alt != 0 ? features.name(na.alt) : na;
    const NameValue& xb = nb.alt != 0 ? features.name(nb.alt) : nb;
    for (Level other : {compare_names(xa, nb), compare_names(na, xb), compare_names(xa, xb)}) {
      if (other == Level::kExact) other = Level::kClose;
      if (other != Level::kMissing && static_cast<std::uint8_t>(other) < static_cast<std::uint8_t>(l)) {
        l = other;
      }
    }
  }
  return l;
}

Comparator::Comparator(const Features& features) : features_(features) {
  for (int k = 0; k < kKnownFields; ++k)
    role_[static_cast<std::size_t>(k)] = features.column_of(static_cast<KnownField>(k));
  part_ = {role_[static_cast<std::size_t>(KnownField::kFirstName)],
           role_[static_cast<std::size_t>(KnownField::kFatherName)],
           role_[static_cast<std::size_t>(KnownField::kGrandfatherName)],
           role_[static_cast<std::size_t>(KnownField::kFamilyName)]};
  skeleton_ids_.reserve(features.skeleton_count());
  for (std::uint32_t k = 1; k < features.skeleton_count(); ++k) skeleton_ids_.emplace(features.skeleton_text(k), k);
}

Level Comparator::name_level(std::size_t field, std::uint32_t va, std::uint32_t vb, NameCache& cache) const {
  if (va == 0 || vb == 0) return Level::kMissing;
  if (va == vb || features_.name_key(va) == features_.name_key(vb)) return Level::kExact;
  const Level l = cache.level(features_, va, vb);
  if ((l == Level::kPartial || l == Level::kDifferent) &&
      slip_of_the_pen(field, va, vb, cache)) {
    return Level::kClose;
  }
  return l;
}

bool Comparator::slip_of_the_pen(std::size_t field, std::uint32_t va, std::uint32_t vb, NameCache& cache) const {
  const Column& c = features_.column(field);
  if (c.present < kSlipMinPresent) return false;
  // Every reading below needs one of the names rare, as a spelling or as a
  // skeleton: most pairs (two common names) stop here, on the compact arrays.
  {
    const std::uint32_t key_low = std::min(c.key_count[features_.name_key(va)], c.key_count[features_.name_key(vb)]);
    const std::uint32_t skeleton_low =
        std::min(c.skeleton_count[features_.name_skeleton(va)], c.skeleton_count[features_.name_skeleton(vb)]);
    if (key_low > std::max<std::uint32_t>(2, c.present / std::min(kSlipRarePer, kSlipSpellingPer)) &&
        skeleton_low > std::max<std::uint32_t>(2, c.present / kSlipRarePer)) {
      return false;
    }
  }
  const auto rare_enough = [&](std::uint32_t x, std::uint32_t y) {
    const std::uint32_t low = std::min(x, y), high = std::max(x, y);
    return static_cast<std::uint64_t>(low) * kSlipRatio <= high &&
           low <= std::max<std::uint32_t>(2, c.present / kSlipRarePer);
  };
  const NameValue& a = features_.name(va);
  const NameValue& b = features_.name(vb);
  if (rare_enough(c.key_count[a.key_id], c.key_count[b.key_id]) && same_script(a.script, b.script) &&
      std::min(a.key32.size(), b.key32.size()) >= 3 && names::osa_distance(a.key32, b.key32) == 1) {
    return true;
  }
  // One letter off two common names (Nohamed: Mohamed or Ahmed?), a slip is
  // nobody's: the other name must be the commonest of the rare skeleton's
  // neighbours, at least twice as common as any other.
  const auto unrivalled = [&](std::uint32_t rare, const NameValue& other) {
    const auto [it, added] = cache.neighbours.try_emplace((std::uint64_t{field} << 32) | rare);
    NameCache::Neighbours& n = it->second;
    if (added) {
      for_each_neighbour(features_.skeleton_text(features_.name_skeleton(rare)), [&](std::string_view text) {
        const auto found = skeleton_ids_.find(text);
        if (found == skeleton_ids_.end() || found->second == n.best_id) return;
        const std::uint32_t count = c.skeleton_count[found->second];
        if (count > n.best) {
          n.second = n.best;
          n.best = count;
          n.best_id = found->second;
        } else {
          n.second = std::max(n.second, count);
        }
      });
    }
    const std::uint32_t rival = n.best_id == other.skeleton_id ? n.second : n.best;
    return static_cast<std::uint64_t>(rival) * 2 <= c.skeleton_count[other.skeleton_id];
  };
  // Across scripts (or when the spellings differ in more than the slip): the
  // consonant skeletons one edit apart, the rarer skeleton as rare as above
  // (Khalef / خالد: hlf against hld, when hlf is no name of its own here).
  // The skeletons' counts alone decide: a slip in the commonest names (a
  // doubled م in محمد) is spelt in several ways, none of them rare as a
  // spelling but all of them rare as a skeleton.
  if (a.parsed.tokens.size() == 1 && b.parsed.tokens.size() == 1) {
    const std::string& ka = a.parsed.tokens[0].keys.coarse;
    const std::string& kb = b.parsed.tokens[0].keys.coarse;
    const std::uint32_t sa = c.skeleton_count[a.skeleton_id], sb = c.skeleton_count[b.skeleton_id];
    // The slip keeps the vowels: جسن is a slip for حسن, not for Hussein
    // (one skeleton, two names).
    if (std::min(ka.size(), kb.size()) >= 3 && rare_enough(sa, sb) && names::osa_distance(ka, kb) == 1 &&
        names::vowels_agree(a.parsed.tokens[0].vowels, b.parsed.tokens[0].vowels)) {
      return true;
    }
  }
  // A rare spelling one letter off another name's skeleton, in any script and
  // any number of tokens: غلي for علي (a dot), Sli for Ali (a neighbouring
  // key), Khaed for خالد (a dropped letter), محمد خيز for Mohammed Khair. The
  // slip is common enough to be written more than twice in a large list (a
  // dot lost in علي is made again and again), so the spelling's count is
  // taken against the list's size; that its skeleton is as rare says it is
  // no spelling of a name of its own (Khald has Khaled's skeleton: no slip
  // for Khalil; Khalef has Khalaf's, which a list may know well).
  const std::uint32_t spelling_a = c.key_count[a.key_id], spelling_b = c.key_count[b.key_id];
  const bool a_rarer = spelling_a < spelling_b;
  const NameValue& rare = a_rarer ? a : b;
  const NameValue& other = a_rarer ? b : a;
  const std::uint32_t low = a_rarer ? spelling_a : spelling_b, high = a_rarer ? spelling_b : spelling_a;
  if (low > std::max<std::uint32_t>(2, c.present / kSlipSpellingPer) ||
      static_cast<std::uint64_t>(low) * kSlipSpellingRatio > high ||
      static_cast<std::uint64_t>(c.skeleton_count[rare.skeleton_id]) * kSlipSpellingRatio >
          c.skeleton_count[other.skeleton_id]) {
    return false;
  }
  const std::string& ja = features_.skeleton_text(a.skeleton_id);
  const std::string& jb = features_.skeleton_text(b.skeleton_id);
  if (std::min(ja.size(), jb.size()) < 2 || ja.size() + 1 < jb.size() || jb.size() + 1 < ja.size() ||
      names::osa_distance(ja, jb) > 1) {
    return false;
  }
  // In one script the letters themselves show the slip (Sli/Ali, غلي/علي):
  // one edit, where محممود is two from محمد (a doubled م in محمود).
  if (same_script(a.script, b.script) && names::osa_distance(a.key32, b.key32) > 1) return false;
  if (a.parsed.tokens.size() == b.parsed.tokens.size()) {
    for (std::size_t i = 0; i < a.parsed.tokens.size(); ++i) {
      if (!names::vowels_agree(a.parsed.tokens[i].vowels, b.parsed.tokens[i].vowels)) return false;
    }
  }
  return unrivalled(a_rarer ? va : vb, other);
}

Pattern Comparator::compare(std::uint32_t a, std::uint32_t b, NameCache& cache) const {
  Pattern p = 0;
  const auto& columns = features_.columns();
  for (std::size_t f = 0; f < columns.size(); ++f) {
    const Column& c = columns[f];
    const std::uint32_t va = features_.value(a, f), vb = features_.value(b, f);
    Level l = Level::kMissing;
    if (va != 0 && vb != 0) {
      switch (c.kind) {
        case FieldKind::kName:
          l = name_level(f, va, vb, cache);
          // Place names are often translated (Aleppo/حلب, Latakia/اللاذقية)
          // rather than transliterated: across scripts a difference says
          // nothing.
          if (l == Level::kDifferent &&
              (c.known == KnownField::kBirthPlace || c.known == KnownField::kFacility) &&
              features_.name(va).script != features_.name(vb).script) {
            l = Level::kMissing;
          }
          break;
        case FieldKind::kDate:
          l = va == vb ? Level::kExact
                       : compare_dates(c.dates[va], c.dates[vb], c.known == KnownField::kArrestDate ? 31 : 0);
          if (l == Level::kExact && c.dates[va].precision() != PartialDate::Precision::kDay)
            l = Level::kPartial;
          break;
        case FieldKind::kCategory:
          l = va == vb ? Level::kExact : Level::kDifferent;
          break;
        case FieldKind::kIdentifier:
          l = va == vb ? Level::kExact : compare_identifiers(c.texts[va], c.texts[vb]);
          break;
        case FieldKind::kText:
          l = va == vb ? Level::kExact : compare_texts(c.texts[va], c.texts[vb]);
          break;
      }
    }
    p = with_level(p, f, l);
  }
  // Another reading of the names is worth a try when at most one part
  // agrees as written and one of them disagrees, or when the first and the
  // family name both disagree (written in each other's columns while the
  // father and grandfather agree).
  int agreeing = 0, disagreeing = 0;
  const auto disagrees = [&](int c) {
    if (c < 0) return false;
    const Level l = level_at(p, static_cast<std::size_t>(c));
    return l == Level::kPartial || l == Level::kDifferent;
  };
  for (int c : part_) {
    if (c < 0) continue;
    agreeing += agree(level_at(p, static_cast<std::size_t>(c))) ? 1 : 0;
    disagreeing += disagrees(c) ? 1 : 0;
  }
  // A full name with a two-word given name (محمد خير محمد الحسن) agrees on
  // its first and family names as written and differs on the father's; two
  // such full names agree as written on محمد and خير, common words, where
  // kept whole they agree on the rarer محمد خير: the reading that keeps it
  // whole is always worth a try (its records are few: the cost is small).
  const auto compound = [&](std::uint32_t r) {
    for (ReadingKind k : features_.alternative_kinds(r)) {
      if (k == ReadingKind::kCompoundGiven) return true;
    }
    return false;
  };
  if ((agreeing <= 1 && disagreeing >= 1) || (disagrees(part_[0]) && disagrees(part_[3])) || compound(a) ||
      compound(b)) {
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
  const auto with_parts = [&](const NameSlots& x, const NameSlots& y) {
    Pattern q = p;
    for (std::size_t i = 0; i < 4; ++i) {
      if (part_[i] < 0) continue;
      q = with_level(q, static_cast<std::size_t>(part_[i]),
                     name_level(static_cast<std::size_t>(part_[i]), x[i], y[i], cache));
    }
    return q;
  };
  Pattern best = p;
  int best_agreeing = agreeing(p);
  const auto take = [&](Pattern q, std::uint8_t alignment) {
    if (agreeing(q) > best_agreeing) {
      best = with_alignment(q, alignment);
      best_agreeing = agreeing(q);
    }
  };
  const NameSlots own_a = features_.reading(a, 0), own_b = features_.reading(b, 0);
  // A cheap look first: how many parts share a skeleton under a reading.
  // Only a reading that beats the written one is compared in full.
  const auto same_skeleton = [&](std::uint32_t x, std::uint32_t y) {
    return x != 0 && y != 0 && features_.name_skeleton(x) == features_.name_skeleton(y);
  };
  const auto quick = [&](const NameSlots& x, const NameSlots& y) {
    int n = 0;
    for (std::size_t i = 0; i < 4; ++i) n += same_skeleton(x[i], y[i]) ? 1 : 0;
    return n;
  };
  const int quick_written = quick(own_a, own_b);
  // First and family name in each other's columns.
  const int first = part_[0], family = part_[3];
  if (first >= 0 && family >= 0 && (same_skeleton(own_a[0], own_b[3]) || same_skeleton(own_a[3], own_b[0]))) {
    NameSlots swapped = own_a;
    std::swap(swapped[0], swapped[3]);
    const Pattern q = with_parts(swapped, own_b);
    if (agree(level_at(q, static_cast<std::size_t>(first))) &&
        agree(level_at(q, static_cast<std::size_t>(family)))) {
      take(q, kFirstFamilySwapped);
    }
  }
  // Other readings of guessed full names (family first, a two-word given
  // name kept whole, two-word family name), on either side or both.
  const auto kinds_a = features_.alternative_kinds(a), kinds_b = features_.alternative_kinds(b);
  const std::size_t readings_a = 1 + kinds_a.size(), readings_b = 1 + kinds_b.size();
  const auto disagreeing_in = [&](Pattern q) {
    int n = 0;
    for (int c : part_) {
      if (c < 0) continue;
      const Level l = level_at(q, static_cast<std::size_t>(c));
      n += l == Level::kPartial || l == Level::kDifferent ? 1 : 0;
    }
    return n;
  };
  // Given names of as many words on both sides: محمد خير against محمد is
  // close as a name with a word left out, but as often two brothers' names.
  // A name written as one word (Mohamedkhair) counts as its words when the
  // letters are nearly the same.
  const auto same_word_counts = [&](const NameSlots& x, const NameSlots& y) {
    for (std::size_t s = 0; s < 3; ++s) {
      if (x[s] == 0 || y[s] == 0) continue;
      const NameValue& nx = features_.name(x[s]);
      const NameValue& ny = features_.name(y[s]);
      if (nx.parsed.tokens.size() == ny.parsed.tokens.size()) continue;
      std::u32string jx = nx.key32, jy = ny.key32;
      std::erase(jx, U' ');
      std::erase(jy, U' ');
      if (jx.size() + 2 < jy.size() || jy.size() + 2 < jx.size() ||
          names::jaro_winkler(std::u32string_view(jx), std::u32string_view(jy)) < kCloseJaroWinkler) {
        return false;
      }
    }
    return true;
  };
  // The best reading with a two-word given name kept whole, and how many
  // parts it agrees on.
  Pattern best_compound = p;
  int compound_agreeing = -1;
  for (std::size_t i = 0; i < readings_a; ++i) {
    const NameSlots x = features_.reading(a, i);
    const bool compound_a = i > 0 && kinds_a[i - 1] == ReadingKind::kCompoundGiven;
    for (std::size_t j = i == 0 ? 1 : 0; j < readings_b; ++j) {
      if (i == 3 && j == 3) continue;  // two two-word family names: no code (model.h)
      const NameSlots y = features_.reading(b, j);
      if (compound_a || (j > 0 && kinds_b[j - 1] == ReadingKind::kCompoundGiven)) {
        // A two-word given name the data know as one name: the reading the
        // name asks for, not a guess among many. It counts when no part
        // differs (a vowel may: Maatar/مطر), it agrees on two parts or
        // more and on at least as many as written, with no more parts that
        // disagree; a three-word full name (محمد خير العلي) has no father
        // to agree, and its written reading makes one up (خير).
        if (quick(x, y) < quick_written) continue;
        const Pattern q = with_parts(x, y);
        const int n = agreeing(q);
        if (n < 2 || n < agreeing(p) || n <= compound_agreeing || disagreeing_in(q) > disagreeing_in(p) ||
            !same_word_counts(x, y)) {
          continue;
        }
        bool different = false;
        for (int c : part_) {
          different = different || (c >= 0 && level_at(q, static_cast<std::size_t>(c)) == Level::kDifferent);
        }
        if (different) continue;
        best_compound = with_alignment(q, reading_alignment(i, j));
        compound_agreeing = n;
        continue;
      }
      if (quick(x, y) <= quick_written) continue;
      // Up to fourteen other readings give two strangers many chances to
      // agree on a part or two by chance (half the name agreements of
      // random pairs came from here): a reading counts when it agrees on
      // three parts or more, two more than as written.
      const Pattern q = with_parts(x, y);
      if (agreeing(q) >= std::max(3, agreeing(p) + 2)) take(q, reading_alignment(i, j));
    }
  }
  // Where the data know the name, its reading wins a tie: the names it
  // agrees on are the names as they are (and weigh as such: محمد خير is
  // rarer than محمد).
  if (compound_agreeing >= best_agreeing) best = best_compound;
  return best;
}

std::pair<std::uint32_t, std::uint32_t> Comparator::first_names(Pattern p, std::uint32_t a,
                                                                std::uint32_t b) const {
  const int first = part_[0];
  if (first < 0) return {0, 0};
  std::uint32_t fa = features_.value(a, static_cast<std::size_t>(first)),
                fb = features_.value(b, static_cast<std::size_t>(first));
  const std::uint8_t alignment = alignment_of(p);
  if (alignment == kFirstFamilySwapped) {
    if (part_[3] >= 0) fa = features_.value(a, static_cast<std::size_t>(part_[3]));
  } else if (alignment != kAsWritten) {
    const std::size_t code = alignment - 1U;
    fa = features_.reading(a, code / kReadingBase)[0];
    fb = features_.reading(b, code % kReadingBase)[0];
  }
  return {fa, fb};
}

bool Comparator::distinct_names(std::uint32_t a, std::uint32_t b) const {
  const int first = part_[0];
  if (first < 0 || a == 0 || b == 0) return true;
  const Column& c = features_.column(static_cast<std::size_t>(first));
  const std::uint32_t ca = c.key_count[features_.name_key(a)], cb = c.key_count[features_.name_key(b)];
  const std::uint32_t low = std::min(ca, cb), high = std::max(ca, cb);
  if (c.present < 200 || high < 5) {
    // Too few names to tell a rare slip from a name: two names when they do
    // not share a skeleton either (Hasan/Husayn share one but their vowels
    // say two names; Khaled/Khalef share neither and may be a slip).
    const NameValue& na = features_.name(a);
    const NameValue& nb = features_.name(b);
    const auto kunya = [](const NameValue& v) {
      return !v.parsed.tokens.empty() && v.parsed.tokens[0].token.kind == names::TokenKind::kKunya;
    };
    return features_.name_skeleton(a) == features_.name_skeleton(b) || kunya(na) != kunya(nb) ||
           na.key32.empty() || nb.key32.empty() || na.key32[0] != nb.key32[0] ||
           compare_names(na, nb) == Level::kDifferent;
  }
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
    // With few names to judge by (distinct_names cannot use frequencies),
    // similar first names need the birth date to count as one.
    const bool few = features_.column(static_cast<std::size_t>(part_[0])).present < 200;
    if (first == Level::kPartial && !agree(id) &&
        (birth == Level::kDifferent || distinct || (few && !identity))) {
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
    for (int l = 0; l < kLevels; ++l)
      base_[f][static_cast<std::size_t>(l)] = model.fields[f].weight(static_cast<Level>(l));
  }
  prior_ = model.prior_weight();
  slot_.assign(model.fields.size(), -1);
  for (const auto& [known, slot] : {std::pair{KnownField::kFirstName, 0}, std::pair{KnownField::kFatherName, 1},
                                    std::pair{KnownField::kGrandfatherName, 2},
                                    std::pair{KnownField::kFamilyName, 3}}) {
    const int c = features.column_of(known);
    if (c >= 0 && static_cast<std::size_t>(c) < slot_.size()) slot_[static_cast<std::size_t>(c)] = slot;
  }
}

double Scorer::field_weight(std::size_t f, Level level, std::uint32_t a, std::uint32_t b,
                            std::uint8_t alignment) const {
  const double base = base_[f][static_cast<std::size_t>(level)];
  const FieldParams& params = model_.fields[f];
  if (!params.term_frequency || (level != Level::kExact && level != Level::kClose)) return base;
  const Column& c = features_.column(f);
  std::uint32_t va = features_.value(a, f), vb = features_.value(b, f);
  if (alignment > kFirstFamilySwapped && slot_[f] >= 0) {
    // The values the reading compares (as Comparator::first_names decodes
    // them), when it keeps a given name whole. Other readings keep the
    // written values: their parts are the written words moved about, and
    // as a first name a word read from the family slot is rare in the
    // column by construction, not by nature.
    const std::size_t code = alignment - 1U, i = code / kReadingBase, j = code % kReadingBase;
    const auto kind = [&](std::uint32_t r, std::size_t reading) {
      return reading == 0 ? ReadingKind::kReordered : features_.alternative_kinds(r)[reading - 1];
    };
    if (kind(a, i) == ReadingKind::kCompoundGiven || kind(b, j) == ReadingKind::kCompoundGiven) {
      const auto s = static_cast<std::size_t>(slot_[f]);
      va = features_.reading(a, i)[s];
      vb = features_.reading(b, j)[s];
    }
  }
  if (va == 0 || vb == 0 || c.present < 2) return base;
  const double n = static_cast<double>(c.present);
  double share = 0, square_sum = 0;
  if (level == Level::kExact) {
    const std::uint32_t key = features_.key_of(f, va);
    share = static_cast<double>(std::max<std::uint32_t>(c.key_count[key], 1)) / n;
    square_sum = c.key_square_sum;
  } else {
    if (c.kind != FieldKind::kName) return base;
    const std::uint32_t sa = features_.name_skeleton(va), sb = features_.name_skeleton(vb);
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
    if (l != Level::kMissing) w += field_weight(f, l, a, b, alignment_of(p));
  }
  return w;
}

double Scorer::probability(double weight) { return 1.0 / (1.0 + std::exp2(-weight)); }

double Scorer::weight_for(double p) { return std::log2(p / (1.0 - p)); }

}  // namespace sawt::linkage
