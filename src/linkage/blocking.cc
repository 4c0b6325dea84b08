#include "linkage/blocking.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <tuple>

#include "linkage/parallel.h"

namespace sawt::linkage {

namespace {

enum class Comp : std::uint8_t { kFirst, kFather, kGrandfather, kFamily, kMother, kBirthYear, kBirthDay, kId, kExtra };

struct CompSpec {
  Comp comp;
  int column = -1;  // kExtra: the column
};

struct Pass {
  std::string name;
  std::vector<CompSpec> comps;
  bool unordered = false;  // the first two components form a set
  bool uses_parts = false;
  bool has_date = false;
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
    mother_ = f.column_of(KnownField::kMotherName);
    id_ = f.column_of(KnownField::kIdNumber);
    part_ = {f.column_of(KnownField::kFirstName), f.column_of(KnownField::kFatherName),
             f.column_of(KnownField::kGrandfatherName), f.column_of(KnownField::kFamilyName)};
  }

  [[nodiscard]] NameSlots own(std::uint32_t r) const {
    NameSlots s{};
    for (std::size_t i = 0; i < 4; ++i) s[i] = part_[i] >= 0 ? f_.column(static_cast<std::size_t>(part_[i])).value[r] : 0;
    return s;
  }

  // 0 when the record lacks the component.
  [[nodiscard]] std::uint32_t value(const CompSpec& c, std::uint32_t r, const NameSlots& slots) const {
    switch (c.comp) {
      case Comp::kFirst: return f_.name(slots[0]).first_token;
      case Comp::kFather: return f_.name(slots[1]).first_token;
      case Comp::kGrandfather: return f_.name(slots[2]).first_token;
      case Comp::kFamily: return f_.name(slots[3]).last_token;
      case Comp::kMother: return mother_ < 0 ? 0 : f_.name(f_.column(static_cast<std::size_t>(mother_)).value[r]).first_token;
      case Comp::kBirthYear: {
        if (birth_ < 0) return 0;
        const Column& col = f_.column(static_cast<std::size_t>(birth_));
        return static_cast<std::uint32_t>(col.dates[col.value[r]].year());
      }
      case Comp::kBirthDay: {
        if (birth_ < 0) return 0;
        const Column& col = f_.column(static_cast<std::size_t>(birth_));
        const std::uint32_t v = col.value[r];
        return v != 0 && col.dates[v].precision() == PartialDate::Precision::kDay ? v : 0;
      }
      case Comp::kId: return id_ < 0 ? 0 : f_.column(static_cast<std::size_t>(id_)).value[r];
      case Comp::kExtra: return f_.column(static_cast<std::size_t>(c.column)).value[r];
    }
    return 0;
  }

  [[nodiscard]] bool available(Comp c) const {
    switch (c) {
      case Comp::kFirst: return part_[0] >= 0;
      case Comp::kFather: return part_[1] >= 0;
      case Comp::kGrandfather: return part_[2] >= 0;
      case Comp::kFamily: return part_[3] >= 0;
      case Comp::kMother: return mother_ >= 0;
      case Comp::kBirthYear:
      case Comp::kBirthDay: return birth_ >= 0;
      case Comp::kId: return id_ >= 0;
      case Comp::kExtra: return true;
    }
    return false;
  }

  // Orders inside a big block: father, birth year, mother; or father,
  // grandfather, mother (records without a birth date meet the others).
  [[nodiscard]] std::tuple<std::uint32_t, std::uint32_t, std::uint32_t> order(std::uint32_t r, bool by_year) const {
    const NameSlots s = own(r);
    return {f_.name(s[1]).first_token, by_year ? value({Comp::kBirthYear}, r, s) : f_.name(s[2]).first_token,
            value({Comp::kMother}, r, s)};
  }

 private:
  const Features& f_;
  int birth_ = -1, mother_ = -1, id_ = -1;
  std::array<int, 4> part_{};
};

std::vector<Pass> make_passes(const Features& f, const Keys& keys) {
  std::vector<Pass> passes;
  const auto add = [&](std::string name, std::vector<CompSpec> comps, bool unordered = false) {
    for (const CompSpec& c : comps) {
      if (!keys.available(c.comp)) return;
    }
    Pass p{std::move(name), std::move(comps), unordered, false, false};
    for (const CompSpec& c : p.comps) {
      if (c.comp <= Comp::kFamily) p.uses_parts = true;
      if (c.comp == Comp::kBirthYear || c.comp == Comp::kBirthDay) p.has_date = true;
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

  // Extra columns with enough distinct values to be worth a key.
  std::vector<int> extras;
  for (std::size_t c = 0; c < f.columns().size() && extras.size() < 8; ++c) {
    const Column& col = f.column(c);
    if (col.known != KnownField::kExtra || col.present < 2) continue;
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

struct Entry {
  std::uint64_t key;
  std::uint32_t record;
  friend bool operator<(const Entry& x, const Entry& y) { return x.key != y.key ? x.key < y.key : x.record < y.record; }
};

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
      const NameSlots own = keys_.own(r);
      add_entry(index, pass, r, own, entries);
      if (pass.uses_parts) {
        if (const NameSlots* rotated = f_.rotated(r)) add_entry(index, pass, r, *rotated, entries);
      }
    }
    std::sort(entries.begin(), entries.end());
    std::vector<std::uint32_t> block;
    std::vector<std::uint32_t> keyed;
    for (std::size_t i = 0; i < entries.size();) {
      std::size_t j = i;
      block.clear();
      while (j < entries.size() && entries[j].key == entries[i].key) {
        if (block.empty() || block.back() != entries[j].record) block.push_back(entries[j].record);
        ++j;
      }
      i = j;
      stats.keyed += block.size();
      if (block.size() < 2) continue;
      ++stats.blocks;
      stats.largest = std::max(stats.largest, block.size());
      if (block.size() <= options_.max_block) {
        all_pairs(block, out, stats);
      } else {
        ++stats.split_blocks;
        split(pass, block, out, stats);
      }
    }
  }

 private:
  void add_entry(std::size_t index, const Pass& pass, std::uint32_t r, const NameSlots& slots,
                 std::vector<Entry>& entries) const {
    std::array<std::uint32_t, 4> v{};
    for (std::size_t c = 0; c < pass.comps.size(); ++c) {
      v[c] = keys_.value(pass.comps[c], r, slots);
      if (v[c] == 0) return;
    }
    if (pass.unordered && v[0] > v[1]) std::swap(v[0], v[1]);
    std::uint64_t h = mix(0x5A17, index + 1);
    for (std::size_t c = 0; c < pass.comps.size(); ++c) h = mix(h, v[c]);
    entries.push_back({h, r});
  }

  bool skip(std::uint32_t a, std::uint32_t b) const {
    if (!options_.cross_source_only) return false;
    const std::uint32_t sa = f_.source(a);
    return sa != 0 && sa == f_.source(b);
  }

  void all_pairs(const std::vector<std::uint32_t>& block, std::vector<std::uint64_t>& out, PassStats& stats) const {
    for (std::size_t x = 0; x < block.size(); ++x) {
      for (std::size_t y = x + 1; y < block.size(); ++y) {
        if (skip(block[x], block[y])) continue;
        out.push_back(pair_id(block[x], block[y]));
        ++stats.pairs;
      }
    }
  }

  void window_pairs(const std::vector<std::uint32_t>& part, bool by_year, std::vector<std::uint64_t>& out,
                    PassStats& stats) const {
    std::vector<std::pair<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>, std::uint32_t>> sorted;
    sorted.reserve(part.size());
    for (std::uint32_t r : part) sorted.emplace_back(keys_.order(r, by_year), r);
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t x = 0; x < sorted.size(); ++x) {
      const std::size_t end = std::min(sorted.size(), x + 1 + options_.window);
      for (std::size_t y = x + 1; y < end; ++y) {
        if (skip(sorted[x].second, sorted[y].second)) continue;
        out.push_back(pair_id(sorted[x].second, sorted[y].second));
        ++stats.pairs;
      }
    }
  }

  void split(const Pass& pass, std::vector<std::uint32_t>& block, std::vector<std::uint64_t>& out,
             PassStats& stats) const {
    // Sorted by father, grandfather and mother over the whole block: so
    // records without a birth date still meet their namesakes' relatives.
    window_pairs(block, false, out, stats);
    if (pass.has_date) return;
    // By birth decade (0: unknown), then window what is still too big.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> by_decade;
    by_decade.reserve(block.size());
    for (std::uint32_t r : block) by_decade.emplace_back(keys_.value({Comp::kBirthYear}, r, {}) / 10, r);
    std::sort(by_decade.begin(), by_decade.end());
    std::vector<std::uint32_t> part;
    for (std::size_t i = 0; i < by_decade.size();) {
      std::size_t j = i;
      part.clear();
      while (j < by_decade.size() && by_decade[j].first == by_decade[i].first) part.push_back(by_decade[j++].second);
      i = j;
      if (part.size() < 2) continue;
      if (part.size() <= options_.max_block) {
        all_pairs(part, out, stats);
      } else {
        window_pairs(part, true, out, stats);
      }
    }
  }

  const Features& f_;
  const Keys& keys_;
  const BlockingOptions& options_;
};

void sort_unique(std::vector<std::uint64_t>& v, int threads) {
  if (threads >= 2 && v.size() > (1U << 16)) {
    const auto middle = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    parallel_run(2, [&](int t) {
      if (t == 0) {
        std::sort(v.begin(), middle);
      } else {
        std::sort(middle, v.end());
      }
    });
    std::inplace_merge(v.begin(), middle, v.end());
  } else {
    std::sort(v.begin(), v.end());
  }
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

Candidates candidate_pairs(const Features& features, const BlockingOptions& options) {
  Candidates out;
  const Keys keys(features);
  const std::vector<Pass> passes = make_passes(features, keys);
  out.passes.resize(passes.size());
  const int threads = std::max(1, std::min<int>(options.threads, static_cast<int>(passes.size())));
  std::vector<std::vector<std::uint64_t>> found(static_cast<std::size_t>(threads));
  std::atomic<std::size_t> next{0};
  const PassRunner runner(features, keys, options);
  parallel_run(threads, [&](int t) {
    auto& mine = found[static_cast<std::size_t>(t)];
    while (true) {
      const std::size_t p = next.fetch_add(1);
      if (p >= passes.size()) return;
      runner.run(p, passes[p], out.passes[p], mine);
      // Keep the buffer small: drop duplicates now and then.
      if (mine.size() > 4 * features.size() + (1U << 20)) sort_unique(mine, 1);
    }
  });
  std::size_t total = 0;
  for (const auto& v : found) total += v.size();
  out.pairs.reserve(total);
  for (auto& v : found) {
    out.pairs.insert(out.pairs.end(), v.begin(), v.end());
    std::vector<std::uint64_t>().swap(v);
  }
  sort_unique(out.pairs, options.threads);
  return out;
}

}  // namespace sawt::linkage
