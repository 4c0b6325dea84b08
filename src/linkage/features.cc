#include "linkage/features.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "linkage/parallel.h"
#include "names/normalize.h"
#include "names/parts.h"
#include "names/skeleton.h"
#include "names/tokens.h"
#include "util/strings.h"

namespace sawt::linkage {

namespace {

// Interns strings: equal strings get equal ids, starting at FIRST. The views
// must outlive the interner (they point into the records or into storage
// that is not resized while interning).
class Interner {
 public:
  explicit Interner(std::uint32_t first = 1, std::size_t expected = 0) : next_(first) { map_.reserve(expected); }
  std::uint32_t intern(std::string_view s) {
    auto [it, inserted] = map_.try_emplace(s, next_);
    if (inserted) ++next_;
    return it->second;
  }
  [[nodiscard]] std::uint32_t next() const { return next_; }
  [[nodiscard]] const std::unordered_map<std::string_view, std::uint32_t>& map() const { return map_; }

 private:
  std::unordered_map<std::string_view, std::uint32_t> map_;
  std::uint32_t next_;
};

// Parts of a full name as guessed, kept as owned strings so that the
// interner can point into them.
struct Guess {
  std::array<std::string, 4> parts;    // first, father, grandfather, family
  std::array<std::string, 4> rotated;  // family-first reading; all empty when there is none
};

Guess guess_parts(std::string_view full) {
  Guess g;
  const names::PartsGuess p = names::split_parts(full);
  g.parts = {p.first, p.father, p.grandfather, p.family};
  if (p.rule != "count") return g;
  std::vector<std::string> tokens;
  for (const names::Token& t : names::tokenize(full)) {
    if (t.is_name()) tokens.push_back(t.text);
  }
  if (tokens.size() < 3) return g;
  g.rotated[3] = tokens[0];
  g.rotated[0] = tokens[1];
  g.rotated[1] = tokens[2];
  for (std::size_t i = 3; i < tokens.size(); ++i) {
    if (!g.rotated[2].empty()) g.rotated[2] += ' ';
    g.rotated[2] += tokens[i];
  }
  return g;
}

std::string join_keys(const names::ParsedName& parsed, bool coarse) {
  std::string out;
  for (const names::NameToken& t : parsed.tokens) {
    const std::string& k = coarse ? t.keys.coarse : t.token.key;
    if (k.empty()) continue;
    if (!out.empty()) out += ' ';
    out += k;
  }
  return out;
}

// The raw text of a name slot (0..3 = first..family of the own or guessed
// reading, 4 = mother, 5 = birth place, 6 = facility).
constexpr int kSlotMother = 4, kSlotPlace = 5, kSlotFacility = 6, kSlots = 7;

int slot_of(KnownField f) {
  switch (f) {
    case KnownField::kFirstName: return 0;
    case KnownField::kFatherName: return 1;
    case KnownField::kGrandfatherName: return 2;
    case KnownField::kFamilyName: return 3;
    case KnownField::kMotherName: return kSlotMother;
    case KnownField::kBirthPlace: return kSlotPlace;
    case KnownField::kFacility: return kSlotFacility;
    default: return -1;
  }
}

std::uint32_t date_code(const PartialDate& d) {
  return ((static_cast<std::uint32_t>(d.year()) * 13U + static_cast<std::uint32_t>(d.month())) * 32U +
          static_cast<std::uint32_t>(d.day())) * 2U + (d.approximate() ? 1U : 0U);
}

std::string_view raw_text(const SourceRecord& r, KnownField f) {
  switch (f) {
    case KnownField::kGender: return r.gender;
    case KnownField::kNationality: return r.nationality;
    case KnownField::kIdNumber: return r.id_number;
    default: return {};
  }
}

void finish_counts(Column& c, std::size_t keys, std::size_t skeletons, const std::vector<NameValue>& names) {
  c.key_count.assign(keys, 0);
  if (c.kind == FieldKind::kName) c.skeleton_count.assign(skeletons, 0);
  c.present = 0;
  for (std::uint32_t v : c.value) {
    if (v == 0) continue;
    ++c.present;
    if (c.kind == FieldKind::kName) {
      ++c.key_count[names[v].key_id];
      ++c.skeleton_count[names[v].skeleton_id];
    } else {
      ++c.key_count[v];
    }
  }
  const double n = c.present == 0 ? 1.0 : static_cast<double>(c.present);
  const auto square_sum = [n](const std::vector<std::uint32_t>& counts) {
    double s = 0;
    for (std::uint32_t k : counts) s += (static_cast<double>(k) / n) * (static_cast<double>(k) / n);
    return s;
  };
  c.key_square_sum = square_sum(c.key_count);
  c.skeleton_square_sum = c.kind == FieldKind::kName ? square_sum(c.skeleton_count) : 0.0;
}

}  // namespace

std::string normalize_identifier(std::string_view text) {
  std::string out;
  for (char ch : names::normalize_name(text)) {
    if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || static_cast<unsigned char>(ch) >= 0x80) out += ch;
  }
  const std::size_t nonzero = out.find_first_not_of('0');
  if (nonzero == std::string::npos) return out.empty() ? out : std::string("0");
  return out.substr(nonzero);
}

Features Features::build(const std::vector<SourceRecord>& records, const std::vector<std::string>& sources,
                         const std::vector<std::string>& field_names, int threads) {
  Features f;
  const std::size_t n = records.size();
  f.size_ = n;
  f.known_column_.fill(-1);
  for (const std::string& name : field_names) {
    Column c;
    c.name = name;
    c.known = known_field(name);
    c.kind = known_field_kind(c.known);
    c.value.assign(n, 0);
    if (c.known != KnownField::kExtra) f.known_column_[static_cast<std::size_t>(c.known)] = static_cast<int>(f.columns_.size());
    f.columns_.push_back(std::move(c));
  }

  // Sources.
  if (!sources.empty()) {
    Interner source_ids(1, 64);
    f.sources_.resize(n);
    for (std::size_t i = 0; i < n; ++i) f.sources_[i] = sources[i].empty() ? 0 : source_ids.intern(sources[i]);
  }

  // Which name slots are needed.
  std::array<int, kSlots> slot_column{};
  slot_column.fill(-1);
  for (std::size_t c = 0; c < f.columns_.size(); ++c) {
    const int s = slot_of(f.columns_[c].known);
    if (s >= 0) slot_column[static_cast<std::size_t>(s)] = static_cast<int>(c);
  }
  const bool any_part = slot_column[0] >= 0 || slot_column[1] >= 0 || slot_column[2] >= 0 || slot_column[3] >= 0;

  // Guesses for records that give only a full name, once per distinct name.
  Interner full_ids(0, any_part ? n / 4 : 0);
  std::vector<std::uint32_t> guess_of;  // per record: 1 + index into guesses, 0 = own parts
  std::vector<Guess> guesses;
  if (any_part) {
    guess_of.assign(n, 0);
    std::vector<std::string_view> distinct;
    for (std::size_t i = 0; i < n; ++i) {
      const NameParts& p = records[i].name;
      if (!p.first.empty() || !p.father.empty() || !p.grandfather.empty() || !p.family.empty() || p.full.empty()) {
        continue;
      }
      const std::uint32_t id = full_ids.intern(p.full);
      if (id == distinct.size()) distinct.push_back(p.full);
      guess_of[i] = id + 1;
    }
    guesses.resize(distinct.size());
    parallel_for(distinct.size(), threads, [&](std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) guesses[k] = guess_parts(distinct[k]);
    });
    f.guessed_.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) f.guessed_[i] = guess_of[i] != 0 ? 1 : 0;
  }

  // Intern every raw name text (all slots share one table, so the same
  // written name is parsed once whatever column it is in).
  Interner raw_names(1, n);
  std::vector<std::string_view> raw_of_name = {std::string_view()};
  const auto intern_name = [&](std::string_view text) -> std::uint32_t {
    if (text.empty()) return 0;
    const std::uint32_t id = raw_names.intern(text);
    if (id == raw_of_name.size()) raw_of_name.push_back(text);
    return id;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const SourceRecord& r = records[i];
    const Guess* g = guess_of.empty() || guess_of[i] == 0 ? nullptr : &guesses[guess_of[i] - 1];
    const std::array<std::string_view, kSlots> texts = {
        g ? std::string_view(g->parts[0]) : std::string_view(r.name.first),
        g ? std::string_view(g->parts[1]) : std::string_view(r.name.father),
        g ? std::string_view(g->parts[2]) : std::string_view(r.name.grandfather),
        g ? std::string_view(g->parts[3]) : std::string_view(r.name.family),
        r.name.mother,
        r.birth_place,
        r.facility};
    for (std::size_t s = 0; s < kSlots; ++s) {
      if (slot_column[s] < 0) continue;
      f.columns_[static_cast<std::size_t>(slot_column[s])].value[i] = intern_name(trim(texts[s]));
    }
    if (g != nullptr && !g->rotated[0].empty()) {
      NameSlots rot{};
      for (std::size_t s = 0; s < 4; ++s) rot[s] = slot_column[s] >= 0 ? intern_name(g->rotated[s]) : 0;
      if (f.rotated_.empty()) {
        f.rotated_.push_back({});
        f.rotated_index_.assign(n, 0);
      }
      f.rotated_index_[i] = static_cast<std::uint32_t>(f.rotated_.size());
      f.rotated_.push_back(rot);
    }
  }

  // Parse each distinct name once, in parallel.
  f.names_.resize(raw_of_name.size());
  parallel_for(raw_of_name.size(), threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = std::max<std::size_t>(begin, 1); k < end; ++k) {
      NameValue& v = f.names_[k];
      v.parsed = names::parse_name(raw_of_name[k]);
      v.key = join_keys(v.parsed, false);
      if (v.key.empty()) v.key = names::normalize_name(raw_of_name[k]);  // letterless: compare as text
      v.script = names::detect_script(raw_of_name[k]);
    }
  });
  {
    Interner keys(1, f.names_.size()), skeletons(1, f.names_.size()), tokens(1, f.names_.size());
    std::vector<std::string> coarse(f.names_.size());
    for (std::size_t k = 1; k < f.names_.size(); ++k) {
      NameValue& v = f.names_[k];
      v.key_id = keys.intern(v.key);
      coarse[k] = join_keys(v.parsed, true);
      if (coarse[k].empty()) coarse[k] = v.key;
    }
    for (std::size_t k = 1; k < f.names_.size(); ++k) {
      NameValue& v = f.names_[k];
      v.skeleton_id = skeletons.intern(coarse[k]);
      if (!v.parsed.tokens.empty()) {
        const std::string& first = v.parsed.tokens.front().keys.coarse;
        const std::string& last = v.parsed.tokens.back().keys.coarse;
        v.first_token = first.empty() ? 0 : tokens.intern(first);
        v.last_token = last.empty() ? 0 : tokens.intern(last);
      }
    }
    f.key_count_ = keys.next();
    f.skeleton_count_ = skeletons.next();
  }

  // Other columns.
  for (Column& c : f.columns_) {
    if (c.kind == FieldKind::kName) continue;
    if (c.kind == FieldKind::kDate) {
      std::unordered_map<std::uint32_t, std::uint32_t> ids;
      c.dates.push_back(PartialDate{});
      for (std::size_t i = 0; i < n; ++i) {
        const PartialDate& d = c.known == KnownField::kBirthDate ? records[i].birth_date : records[i].arrest_date;
        if (d.empty()) continue;
        auto [it, inserted] = ids.try_emplace(date_code(d), static_cast<std::uint32_t>(c.dates.size()));
        if (inserted) c.dates.push_back(d);
        c.value[i] = it->second;
      }
      continue;
    }
    // Text-like: intern raw values, normalise each distinct one, intern again.
    Interner raw(1, 1024);
    std::vector<std::string_view> distinct = {std::string_view()};
    for (std::size_t i = 0; i < n; ++i) {
      std::string_view text;
      if (c.known == KnownField::kExtra) {
        auto it = records[i].extra.find(c.name);
        if (it != records[i].extra.end()) text = it->second;
      } else {
        text = raw_text(records[i], c.known);
      }
      text = trim(text);
      if (text.empty()) continue;
      const std::uint32_t id = raw.intern(text);
      if (id == distinct.size()) distinct.push_back(text);
      c.value[i] = id;
    }
    std::vector<std::string> normalized(distinct.size());
    parallel_for(distinct.size(), threads, [&](std::size_t begin, std::size_t end) {
      for (std::size_t k = std::max<std::size_t>(begin, 1); k < end; ++k) {
        normalized[k] = c.kind == FieldKind::kIdentifier ? normalize_identifier(distinct[k])
                                                         : names::normalize_name(distinct[k]);
      }
    });
    Interner norm(1, distinct.size());
    std::vector<std::uint32_t> remap(distinct.size(), 0);
    c.texts.push_back(std::string());
    for (std::size_t k = 1; k < distinct.size(); ++k) {
      if (normalized[k].empty()) continue;
      remap[k] = norm.intern(normalized[k]);
      if (remap[k] == c.texts.size()) c.texts.push_back(normalized[k]);
    }
    for (std::uint32_t& v : c.value) v = remap[v];
  }

  for (Column& c : f.columns_) {
    const std::size_t keys = c.kind == FieldKind::kName ? f.key_count_
                             : c.kind == FieldKind::kDate ? c.dates.size()
                                                          : c.texts.size();
    finish_counts(c, keys, f.skeleton_count_, f.names_);
  }
  return f;
}

}  // namespace sawt::linkage
