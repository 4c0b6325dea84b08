#include "linkage/blocking.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <iterator>
#include <limits>
#include <mutex>
#include <string>

#include "linkage/parallel.h"

namespace sawt::linkage {

namespace {

enum class Comp : std::uint8_t {
  kFirst,
  kFather,
  kGrandfather,
  kFamily,
  kMother,
  kBirthYear,
  kBirthDay,
  kArrestDay,
  kId,
  kExtra
};
// kFirst..kFamily are also the NameSlots indices of those names (PassRunner::coarse).
static_assert(static_cast<int>(Comp::kFirst) == 0 && static_cast<int>(Comp::kFamily) == 3);

struct CompSpec {
  Comp comp;
  int column = -1;  // kExtra: the column
};

struct Pass {
  std::string name;
  std::vector<CompSpec> comps;
  bool unordered = false;  // the first two components form a set
  bool uses_parts = false;
  bool uses_family = false;
  bool has_date = false;
  int fuzzy = -1;  // this component (kFirst or kFamily) also keys by its coarse key less one letter
};

constexpr std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 31);
}

class Keys {
 public:
  explicit Keys(const Features& f) : f_(f) {
    birth_ = f.column_of(KnownField::kBirthDate);
    arrest_ = f.column_of(KnownField::kArrestDate);
    mother_ = f.column_of(KnownField::kMotherName);
    id_ = f.column_of(KnownField::kIdNumber);
    part_ = {f.column_of(KnownField::kFirstName), f.column_of(KnownField::kFatherName),
             f.column_of(KnownField::kGrandfatherName), f.column_of(KnownField::kFamilyName)};
  }

  // 0 when the record lacks the component.
  [[nodiscard]] std::uint32_t value(const CompSpec& c, std::uint32_t r, const NameSlots& slots) const {
    switch (c.comp) {
      case Comp::kFirst:
        return f_.name(slots[0]).first_token;
      case Comp::kFather:
        return f_.name(slots[1]).first_token;
      case Comp::kGrandfather:
        return f_.name(slots[2]).first_token;
      case Comp::kFamily:
        return f_.name(slots[3]).last_token;
      case Comp::kMother:
        return mother_ < 0 ? 0 : f_.name(f_.value(r, static_cast<std::size_t>(mother_))).first_token;
      case Comp::kBirthYear: {
        if (birth_ < 0) return 0;
        const Column& col = f_.column(static_cast<std::size_t>(birth_));
        return static_cast<std::uint32_t>(col.dates[f_.value(r, static_cast<std::size_t>(birth_))].year());
      }
      case Comp::kBirthDay: {
        if (birth_ < 0) return 0;
        const Column& col = f_.column(static_cast<std::size_t>(birth_));
        const std::uint32_t v = f_.value(r, static_cast<std::size_t>(birth_));
        return v != 0 && col.dates[v].precision() == PartialDate::Precision::kDay ? v : 0;
      }
      case Comp::kArrestDay: {
        if (arrest_ < 0) return 0;
        const Column& col = f_.column(static_cast<std::size_t>(arrest_));
        const std::uint32_t v = f_.value(r, static_cast<std::size_t>(arrest_));
        return v != 0 && col.dates[v].precision() == PartialDate::Precision::kDay ? v : 0;
      }
      case Comp::kId:
        return id_ < 0 ? 0 : f_.value(r, static_cast<std::size_t>(id_));
      case Comp::kExtra:
        return f_.value(r, static_cast<std::size_t>(c.column));
    }
    return 0;
  }

  [[nodiscard]] bool available(Comp c) const {
    switch (c) {
      case Comp::kFirst:
        return part_[0] >= 0;
      case Comp::kFather:
        return part_[1] >= 0;
      case Comp::kGrandfather:
        return part_[2] >= 0;
      case Comp::kFamily:
        return part_[3] >= 0;
      case Comp::kMother:
        return mother_ >= 0;
      case Comp::kBirthYear:
      case Comp::kBirthDay:
        return birth_ >= 0;
      case Comp::kArrestDay:
        return arrest_ >= 0;
      case Comp::kId:
        return id_ >= 0;
      case Comp::kExtra:
        return true;
    }
    return false;
  }

 private:
  const Features& f_;
  int birth_ = -1, arrest_ = -1, mother_ = -1, id_ = -1;
  std::array<int, 4> part_{};
};

std::vector<Pass> make_passes(const Features& f, const Keys& keys) {
  std::vector<Pass> passes;
  const auto add = [&](std::string name, std::vector<CompSpec> comps, bool unordered = false,
                       int fuzzy = -1) {
    for (const CompSpec& c : comps) {
      if (!keys.available(c.comp)) return;
    }
    Pass p{std::move(name), std::move(comps), unordered, false, false, false, fuzzy};
    for (const CompSpec& c : p.comps) {
      if (c.comp <= Comp::kFamily) p.uses_parts = true;
      if (c.comp == Comp::kFamily) p.uses_family = true;
      if (c.comp == Comp::kBirthYear || c.comp == Comp::kBirthDay || c.comp == Comp::kArrestDay)
        p.has_date = true;
    }
    passes.push_back(std::move(p));
  };
  add("first+family", {{Comp::kFirst}, {Comp::kFamily}}, true);
  add("first+birth_date", {{Comp::kFirst}, {Comp::kBirthDay}});
  add("family+birth_date", {{Comp::kFamily}, {Comp::kBirthDay}});
  add("father+birth_year", {{Comp::kFather}, {Comp::kBirthYear}});
  add("mother+family", {{Comp::kMother}, {Comp::kFamily}});
  add("id_number", {{Comp::kId}});
  add("first+father", {{Comp::kFirst}, {Comp::kFather}});
  add("father+grandfather", {{Comp::kFather}, {Comp::kGrandfather}});
  add("father+family", {{Comp::kFather}, {Comp::kFamily}});
  add("family+birth_year", {{Comp::kFamily}, {Comp::kBirthYear}});
  // The day of arrest is an event of the person's own, written to the day in
  // most lists: with the first or the family name it finds pairs whose birth
  // dates and other names are missing or mistyped.
  add("first+arrest_date", {{Comp::kFirst}, {Comp::kArrestDay}});
  add("family+arrest_date", {{Comp::kFamily}, {Comp::kArrestDay}});
  // One slip of the pen in the first or the family name (Dakati / Dalati,
  // Narwan / Marwan, احممد / احمد): the other name as it is with this one's
  // coarse key less any one letter, so keys one deletion or substitution
  // apart meet.
  add("first~+family", {{Comp::kFirst}, {Comp::kFamily}}, false, 0);
  add("first+family~", {{Comp::kFirst}, {Comp::kFamily}}, false, 1);

  // Extra columns with enough distinct values to be worth a key.
  std::vector<int> extras;
  for (std::size_t c = 0; c < f.columns().size() && extras.size() < 8; ++c) {
    const Column& col = f.column(c);
    if (col.known != KnownField::kExtra || col.present < 2 || 100 * col.present < f.size()) continue;
    const std::uint32_t commonest = *std::max_element(col.key_count.begin(), col.key_count.end());
    if (col.texts.size() < 20 || static_cast<double>(commonest) > 0.05 * col.present) continue;
    extras.push_back(static_cast<int>(c));
  }
  for (std::size_t i = 0; i < extras.size(); ++i) {
    const std::string& name = f.column(static_cast<std::size_t>(extras[i])).name;
    add(name + "+first", {{Comp::kExtra, extras[i]}, {Comp::kFirst}});
    add(name + "+family", {{Comp::kExtra, extras[i]}, {Comp::kFamily}});
    add(name + "+birth_date", {{Comp::kExtra, extras[i]}, {Comp::kBirthDay}});
    for (std::size_t j = i + 1; j < extras.size(); ++j) {
      add(name + "+" + f.column(static_cast<std::size_t>(extras[j])).name,
          {{Comp::kExtra, extras[i]}, {Comp::kExtra, extras[j]}});
    }
  }
  return passes;
}

// Pairs a split block may give its records that lack a component, per
// max_block (see PassRunner::cross): 8 × 16 = 128 pairs of a wild group with
// the rest. 4 gave blocking recall 0.962, 8 0.963, 16 0.965 for 5.5%, 8%
// and 12% more candidates (seed 1).
constexpr std::size_t kCrossBudget = 8;
// The fuzzy passes key a name also by its coarse key less one letter only
// when the key has at least this many letters (seed 1, over the candidates
// without these passes): with 5, 6% more candidates, blocking recall 0.967,
// F1 +0.0008; with 4, 18% more, 0.973, F1 +0.0016, but the 100k run took
// 1.26× the CPU time of the round before, at the edge of its budget. Keys
// of four letters less one letter meeting only each other (a letter
// replaced, not dropped) gave F1 +0.0001 / +0.0002 (seeds 1 / 2) for 5.6%
// more candidates: not worth the time at a million records.
constexpr std::size_t kFuzzyMin = 5;
// A big block split by a name also joins the groups whose keys are one slip
// apart (PassRunner::close_groups): a key of kCloseMin letters or more less
// one letter meets the other key (a letter dropped or added: Ksmal / Kamal);
// two keys of kReplaceMin letters or more, each less one letter, meet too (a
// letter replaced or two swapped: Ahnad / Ahmad). Seed 1, over round 5's
// candidates: replacements from 4 letters, 8% more candidates, blocking
// recall 0.9673 -> 0.9746, F1 +0.0014, precision -0.0003; from 3 letters,
// 17% more, 0.9772, F1 +0.0018, but precision -0.0007, at its 0.99 floor
// (the scorer links some of the new weak pairs wrongly).
constexpr std::size_t kCloseMin = 3;
constexpr std::size_t kReplaceMin = 4;

struct Entry {
  std::uint64_t key;
  std::uint32_t record;
  std::uint16_t reading;     // 0: as written, k: Features::alternatives()[k - 1]
  std::uint16_t family_alt;  // 1: the family name without its glued article
  friend bool operator<(const Entry& x, const Entry& y) {
    if (x.key != y.key) return x.key < y.key;
    if (x.record != y.record) return x.record < y.record;
    return x.reading != y.reading ? x.reading < y.reading : x.family_alt < y.family_alt;
  }
};

// The refinement order of big blocks: components a pass does not use yet.
std::vector<Comp> refinements(const Pass& pass, const Keys& keys) {
  std::vector<Comp> out;
  for (Comp c :
       {Comp::kFirst, Comp::kFamily, Comp::kFather, Comp::kBirthYear, Comp::kMother, Comp::kGrandfather}) {
    bool used = !keys.available(c);
    for (const CompSpec& s : pass.comps) {
      if (s.comp == c || (c == Comp::kBirthYear && s.comp == Comp::kBirthDay)) used = true;
    }
    if (!used) out.push_back(c);
  }
  return out;
}

class PassRunner {
 public:
  PassRunner(const Features& f, const Keys& keys, const BlockingOptions& options)
      : f_(f), keys_(keys), options_(options) {}

  void run(std::size_t index, const Pass& pass, PassStats& stats, std::vector<std::uint64_t>& out) const {
    stats.name = pass.name;
    std::vector<Entry> entries;
    entries.reserve(f_.size());
    const std::size_t n = f_.size();
    for (std::uint32_t r = 0; r < n; ++r) {
      const std::size_t readings = pass.uses_parts ? 1 + f_.alternatives(r).size() : 1;
      for (std::size_t k = 0; k < readings; ++k) {
        add_entry(index, pass, r, static_cast<std::uint16_t>(k), 0, entries);
        if (pass.uses_family && f_.name(f_.reading(r, k)[3]).alt != 0) {
          add_entry(index, pass, r, static_cast<std::uint16_t>(k), 1, entries);
        }
      }
    }
    std::sort(entries.begin(), entries.end());
    const std::vector<Comp> refine_by = refinements(pass, keys_);
    std::vector<Entry> block;
    for (std::size_t i = 0; i < entries.size();) {
      std::size_t j = i;
      block.clear();
      while (j < entries.size() && entries[j].key == entries[i].key) {
        if (block.empty() || block.back().record != entries[j].record) block.push_back(entries[j]);
        ++j;
      }
      i = j;
      stats.keyed += block.size();
      if (block.size() < 2) continue;
      ++stats.blocks;
      stats.largest = std::max(stats.largest, block.size());
      if (block.size() > options_.max_block) ++stats.split_blocks;
      refine(block, refine_by, 0, out, stats);
    }
  }

 private:
  [[nodiscard]] NameSlots slots(std::uint32_t r, std::uint16_t reading, std::uint16_t family_alt) const {
    NameSlots s = f_.reading(r, reading);
    if (family_alt != 0) s[3] = f_.name(s[3]).alt;
    return s;
  }

  void add_entry(std::size_t index, const Pass& pass, std::uint32_t r, std::uint16_t reading,
                 std::uint16_t family_alt, std::vector<Entry>& entries) const {
    const NameSlots s = slots(r, reading, family_alt);
    std::array<std::uint32_t, 4> v{};
    for (std::size_t c = 0; c < pass.comps.size(); ++c) {
      v[c] = keys_.value(pass.comps[c], r, s);
      if (v[c] == 0) return;
    }
    if (pass.unordered && v[0] > v[1]) std::swap(v[0], v[1]);
    const auto push = [&] {
      std::uint64_t h = mix(0x5A17, index + 1);
      for (std::size_t c = 0; c < pass.comps.size(); ++c) h = mix(h, v[c]);
      entries.push_back({h, r, reading, family_alt});
    };
    if (pass.fuzzy < 0) {
      push();
      return;
    }
    // The coarse key as it is and less each one of its letters, so that a
    // letter dropped or added (a key less one letter against the whole key)
    // or replaced (less the same place on both sides) still meets.
    const std::size_t c = static_cast<std::size_t>(pass.fuzzy);
    const auto& tokens = f_.name(pass.comps[c].comp == Comp::kFirst ? s[0] : s[3]).parsed.tokens;
    const names::NameToken& token = pass.comps[c].comp == Comp::kFirst ? tokens.front() : tokens.back();
    const std::string& key = token.keys.coarse;
    v[c] = text_hash(key);
    push();
    for_spoken(token, [&](const std::string& spoken) {
      v[c] = text_hash(spoken);
      push();
    });
    if (key.size() < kFuzzyMin) return;
    std::string less;
    for (std::size_t i = 0; i < key.size(); ++i) {
      if (i > 0 && key[i] == key[i - 1]) continue;  // the same key again
      less.assign(key, 0, i);
      less.append(key, i + 1);
      v[c] = text_hash(less);
      push();
    }
  }

  // Calls EMIT with each spoken form of a Latin token's coarse key: the
  // letter a Latin spelling writes for how the Arabic letter is said (ذ as
  // z, Egyptian ج as g) put back as the Arabic letter keys (Muaz / معاذ
  // "mz" / "md", Nagar / نجار "ngr" / "njr"). An Arabic token has none: its
  // letters are what they are. Seed 1 / seed 2 (100k synthetic), F1 and
  // candidates: z -> d +0.0002 / +0.0002 for 0.8% more, g -> j +0.0004 /
  // +0.0004 for 0.2% more; s -> t (Osman / عثمان) only +0.0001 / +0.0001 for
  // 2% more (s is in many Latin keys), so it is not one.
  template <typename Emit>
  static void for_spoken(const names::NameToken& token, Emit&& emit) {
    if (token.token.script != names::Script::kLatin) return;
    static constexpr std::array<std::pair<char, char>, 2> kSpoken{{{'z', 'd'}, {'g', 'j'}}};
    for (const auto& [written, said] : kSpoken) {
      if (token.keys.coarse.find(written) == std::string::npos) continue;
      std::string spoken = token.keys.coarse;
      std::replace(spoken.begin(), spoken.end(), written, said);
      emit(spoken);
    }
  }

  [[nodiscard]] static std::uint32_t text_hash(std::string_view text) {
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (const char ch : text) h = (h ^ static_cast<unsigned char>(ch)) * 0x100000001B3ULL;
    return static_cast<std::uint32_t>(h >> 32) | 2U;  // nonzero
  }

  bool skip(std::uint32_t a, std::uint32_t b) const {
    if (!options_.cross_source_only) return false;
    const std::uint32_t sa = f_.source(a);
    return sa != 0 && sa == f_.source(b);
  }

  void emit(std::uint32_t a, std::uint32_t b, std::vector<std::uint64_t>& out, PassStats& stats) const {
    if (a == b || skip(a, b)) return;
    out.push_back(pair_id(a, b));
    ++stats.pairs;
  }

  // A block too big to compare pair by pair is split by the next component
  // (records without it form a group of their own); what is still too big
  // when the components run out is compared within a window.
  void refine(std::vector<Entry>& block, const std::vector<Comp>& refine_by, std::size_t depth,
              std::vector<std::uint64_t>& out, PassStats& stats) const {
    if (block.size() <= options_.max_block) {
      for (std::size_t x = 0; x < block.size(); ++x) {
        for (std::size_t y = x + 1; y < block.size(); ++y) emit(block[x].record, block[y].record, out, stats);
      }
      return;
    }
    if (depth == refine_by.size()) {
      std::sort(block.begin(), block.end(),
                [](const Entry& x, const Entry& y) { return x.record < y.record; });
      for (std::size_t x = 0; x < block.size(); ++x) {
        const std::size_t end = std::min(block.size(), x + 1 + options_.window);
        for (std::size_t y = x + 1; y < end; ++y) emit(block[x].record, block[y].record, out, stats);
      }
      return;
    }
    const Comp c = refine_by[depth];
    std::vector<std::pair<std::uint32_t, std::size_t>> keyed(block.size());
    for (std::size_t i = 0; i < block.size(); ++i) keyed[i] = {value(c, block[i]), i};
    std::sort(keyed.begin(), keyed.end());
    std::vector<Entry> missing, present;
    std::vector<std::vector<Entry>> groups;
    for (std::size_t i = 0; i < keyed.size();) {
      std::size_t j = i;
      std::vector<Entry> group;
      while (j < keyed.size() && keyed[j].first == keyed[i].first) group.push_back(block[keyed[j++].second]);
      i = j;
      if (group.size() >= 2) refine(group, refine_by, depth + 1, out, stats);
      if (keyed[i - 1].first == 0) {
        missing = std::move(group);
        continue;
      }
      present.insert(present.end(), group.begin(), group.end());
      groups.push_back(std::move(group));
    }
    // Names one slip of the pen apart (Kamal / Ksmal, Ahmad / Ahnad) may be
    // one person's: their groups meet too, but only on a component that
    // follows (or where one lacks it), as two common names one letter apart
    // (Ahmad / Hamad) are mostly different people.
    std::vector<const std::vector<Entry>*> views(groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g) views[g] = &groups[g];
    for (const auto& [x, y] : close_groups(c, views)) {
      cross(groups[x], groups[y], refine_by, depth + 1, out, stats, true);
    }
    // A record without this component (an NGO list with first and family
    // name only) is not a different person from those with it: it meets them
    // on the components that follow.
    if (!missing.empty() && !present.empty()) cross(missing, present, refine_by, depth + 1, out, stats);
  }

  [[nodiscard]] std::uint32_t value(Comp c, const Entry& e) const {
    return keys_.value({c}, e.record, slots(e.record, e.reading, e.family_alt));
  }

  // Pairs of a record of WILD (records that lack a component the block was
  // split by) with a record of OTHERS (those that have it), split further by
  // the components from DEPTH on: a wild record and another meet when they
  // agree on every such component both have — a record without a component
  // meets the other side's records whatever their value. A wild group is
  // compared whole with its others when that is at most kCrossBudget ×
  // max_block pairs; what is still too big when the components run out is
  // not compared (as before, so the candidates only grow). CLOSE: the two
  // sides differ by a slip in the component before DEPTH (close_groups());
  // they are not compared whole but split by the next component, when there
  // is one. Values one slip apart meet as equal ones do at every level.
  void cross(std::vector<Entry>& wild, std::vector<Entry>& others, const std::vector<Comp>& refine_by,
             std::size_t depth, std::vector<std::uint64_t>& out, PassStats& stats, bool close = false) const {
    if (wild.empty() || others.empty()) return;
    const bool whole = !close || depth == refine_by.size();
    if (whole && wild.size() * others.size() <= kCrossBudget * options_.max_block) {
      for (const Entry& w : wild) {
        for (const Entry& o : others) emit(w.record, o.record, out, stats);
      }
      return;
    }
    if (depth == refine_by.size()) return;
    const Comp c = refine_by[depth];
    const auto by_value = [&](std::vector<Entry>& v) {
      std::vector<std::pair<std::uint32_t, std::size_t>> keyed(v.size());
      for (std::size_t i = 0; i < v.size(); ++i) keyed[i] = {value(c, v[i]), i};
      std::sort(keyed.begin(), keyed.end());
      return keyed;
    };
    const auto kw = by_value(wild), ko = by_value(others);
    std::vector<Entry> w_missing, o_missing, w_present;
    std::vector<std::vector<Entry>> wgs, ogs;  // groups of one value: wgs[k] and ogs[k] share it
    constexpr std::uint32_t kEnd = std::numeric_limits<std::uint32_t>::max();
    std::size_t i = 0, j = 0;
    while (i < kw.size() || j < ko.size()) {
      const std::uint32_t v =
          std::min(i < kw.size() ? kw[i].first : kEnd, j < ko.size() ? ko[j].first : kEnd);
      std::vector<Entry> wg, og;
      while (i < kw.size() && kw[i].first == v) wg.push_back(wild[kw[i++].second]);
      while (j < ko.size() && ko[j].first == v) og.push_back(others[ko[j++].second]);
      if (v == 0) {
        w_missing = std::move(wg);
        o_missing = std::move(og);
        continue;
      }
      w_present.insert(w_present.end(), wg.begin(), wg.end());
      cross(wg, og, refine_by, depth + 1, out, stats);
      wgs.push_back(std::move(wg));
      ogs.push_back(std::move(og));
    }
    std::vector<const std::vector<Entry>*> either(wgs.size());
    for (std::size_t k = 0; k < wgs.size(); ++k) either[k] = wgs[k].empty() ? &ogs[k] : &wgs[k];
    for (const auto& [x, y] : close_groups(c, either)) {
      cross(wgs[x], ogs[y], refine_by, depth + 1, out, stats, true);
      cross(wgs[y], ogs[x], refine_by, depth + 1, out, stats, true);
    }
    cross(w_missing, others, refine_by, depth + 1, out, stats);
    cross(o_missing, w_present, refine_by, depth + 1, out, stats);
  }

  // Pairs (x < y) of GROUPS (each of one value of the name component C, the
  // values distinct) whose name keys are one slip apart (kCloseMin,
  // kReplaceMin). Other components (years, dates) have none: a year one
  // apart was tried, and its new pairs linked too many different people;
  // one apart only for an approximate (~1996) or year-only date raised
  // blocking recall by 0.0002 / 0.0004 and F1 not at all (seeds 1 / 2).
  [[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> close_groups(
      Comp c, const std::vector<const std::vector<Entry>*>& groups) const {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    if (groups.size() < 2 || c > Comp::kMother) return out;
    // (hash of the key or of the key less one letter, group, whether it is
    // the key less a letter of a key long enough to meet another such):
    // groups with one hash are close unless both are less a letter and one
    // of the keys is short.
    struct Variant {
      std::uint32_t hash;
      std::uint32_t group;
      bool less;
      bool replaceable;
      auto operator<=>(const Variant&) const = default;
    };
    std::vector<Variant> variants;
    std::string less;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const names::NameToken& token = name_token(c, groups[g]->front());
      const std::string& key = token.keys.coarse;
      const auto group = static_cast<std::uint32_t>(g);
      variants.push_back({text_hash(key), group, false, false});
      // A spoken form meets the other keys whole, as a key less a letter does.
      for_spoken(token, [&](const std::string& spoken) {
        variants.push_back({text_hash(spoken), group, true, false});
      });
      if (key.size() < kCloseMin) continue;
      for (std::size_t i = 0; i < key.size(); ++i) {
        if (i > 0 && key[i] == key[i - 1]) continue;  // the same key again
        less.assign(key, 0, i);
        less.append(key, i + 1);
        variants.push_back({text_hash(less), group, true, key.size() >= kReplaceMin});
      }
    }
    std::sort(variants.begin(), variants.end());
    for (std::size_t i = 0; i < variants.size();) {
      std::size_t j = i;
      while (j < variants.size() && variants[j].hash == variants[i].hash) ++j;
      for (std::size_t x = i; x < j; ++x) {
        for (std::size_t y = x + 1; y < j; ++y) {
          const Variant& vx = variants[x];
          const Variant& vy = variants[y];
          if (vx.group == vy.group) continue;
          if (vx.less && vy.less && !(vx.replaceable && vy.replaceable)) continue;
          out.emplace_back(std::min(vx.group, vy.group), std::max(vx.group, vy.group));
        }
      }
      i = j;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // The name token that C's value interns the coarse key of (C a name
  // component: first to family in slot order, or the mother's name).
  [[nodiscard]] const names::NameToken& name_token(Comp c, const Entry& e) const {
    const std::uint32_t id =
        c <= Comp::kFamily
            ? slots(e.record, e.reading, e.family_alt)[static_cast<std::size_t>(c)]
            : f_.value(e.record, static_cast<std::size_t>(f_.column_of(KnownField::kMotherName)));
    const auto& tokens = f_.name(id).parsed.tokens;
    return c == Comp::kFamily ? tokens.back() : tokens.front();
  }

  const Features& f_;
  const Keys& keys_;
  const BlockingOptions& options_;
};

// A thread's pairs: a sorted, unique prefix and what the passes added since.
struct Found {
  std::vector<std::uint64_t> pairs;
  std::size_t sorted = 0;

  // Sorts the new tail into the prefix and drops duplicates. Only the tail is
  // sorted: sorting everything again after each pass cost a million records'
  // run several seconds.
  void compact() {
    const auto middle = pairs.begin() + static_cast<std::ptrdiff_t>(sorted);
    std::sort(middle, pairs.end());
    std::inplace_merge(pairs.begin(), middle, pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    sorted = pairs.size();
  }
};

}  // namespace

std::vector<std::string> pass_names(const Features& features) {
  const Keys keys(features);
  std::vector<std::string> out;
  for (const Pass& p : make_passes(features, keys)) out.push_back(p.name);
  return out;
}

Candidates candidate_pairs(const Features& features, const BlockingOptions& options) {
  WorkerPool pool(options.threads);
  return candidate_pairs(features, options, pool);
}

Candidates candidate_pairs(const Features& features, const BlockingOptions& options, WorkerPool& pool) {
  Candidates out;
  const Keys keys(features);
  std::vector<Pass> passes = make_passes(features, keys);
  if (!options.passes.empty()) {
    std::erase_if(passes, [&](const Pass& p) {
      return std::find(options.passes.begin(), options.passes.end(), p.name) == options.passes.end();
    });
  }
  out.passes.resize(passes.size());
  std::vector<Found> found(static_cast<std::size_t>(pool.threads()));
  std::atomic<std::size_t> next{0};
  const PassRunner runner(features, keys, options);
  pool.run([&](int t) {
    Found& mine = found[static_cast<std::size_t>(t)];
    while (true) {
      const std::size_t p = next.fetch_add(1);
      if (p >= passes.size()) break;
      runner.run(p, passes[p], out.passes[p], mine.pairs);
      // Keep the buffer small: drop duplicates now and then.
      if (mine.pairs.size() - mine.sorted > 4 * features.size() + (1U << 20)) mine.compact();
    }
    mine.compact();
  });
  // Each thread's pairs are sorted: merge them, one list at a time.
  for (Found& f : found) {
    if (out.pairs.empty()) {
      out.pairs.swap(f.pairs);
      continue;
    }
    std::vector<std::uint64_t> merged;
    merged.reserve(out.pairs.size() + f.pairs.size());
    std::set_union(out.pairs.begin(), out.pairs.end(), f.pairs.begin(), f.pairs.end(),
                   std::back_inserter(merged));
    std::vector<std::uint64_t>().swap(f.pairs);
    out.pairs.swap(merged);
  }
  return out;
}

}  // namespace sawt::linkage
