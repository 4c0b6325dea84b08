#include "linkage/features.h"

#include <algorithm>
#include <array>
#include <deque>
#include <initializer_list>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "linkage/parallel.h"
#include "names/normalize.h"
#include "names/parts.h"
#include "names/skeleton.h"
#include "names/tokens.h"
#include "util/embedded.h"
#include "util/strings.h"

namespace sawt::linkage {

namespace {

// Interns strings: equal strings get equal ids, starting at FIRST. The views
// must outlive the interner (they point into the records or into storage
// that is not resized while interning).
class Interner {
 public:
  explicit Interner(std::uint32_t first = 1, std::size_t expected = 0) : next_(first) {
    map_.reserve(expected);
  }
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
  std::array<std::string, 4> parts;            // first, father, grandfather, family
  std::array<std::string, 4> rotated;          // family-first reading; all empty when there is none
  std::array<std::string, 4> two_word_family;  // first father "" "family family"; all empty when none
  std::array<std::string, 4> compound;         // two-word given names kept whole; all empty when none
  bool family_first = false;                   // parts read family first (read_family_first)
};

// TEXT without the words in GENERIC (normalised names), the others in order
// and joined by a space; TEXT as it was when nothing would be left.
std::string without_words(std::string_view text, const std::unordered_set<std::string>& generic) {
  std::string out;
  std::size_t start = 0;
  const auto separator = [](char c) {
    return c == ' ' || c == '-' || c == ',' || c == '(' || c == ')' || c == '/' || c == '.';
  };
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && !separator(text[i])) continue;
    const std::string_view word = text.substr(start, i - start);
    start = i + 1;
    if (word.empty() || generic.contains(names::normalize_name(word))) continue;
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out.empty() ? std::string(text) : out;
}

std::unordered_set<std::string> normalized_set(std::initializer_list<std::string_view> words) {
  std::unordered_set<std::string> out;
  for (std::string_view w : words) out.insert(names::normalize_name(w));
  return out;
}

// A place of detention without the words that say what kind of place it is
// (prison, central, building, centre...): lists name one prison "سجن رومية",
// "رومية المركزي" and "Roumieh Central Prison", and only "رومية"/"Roumieh"
// says which.
std::string facility_core(std::string_view text) {
  static const std::unordered_set<std::string> generic = normalized_set(
      {"سجن", "السجن", "المركزي", "المركزية", "مركز", "مركزي", "التوقيف", "توقيف", "نظارة", "المبنى", "مبنى", "فرع",
       "في", "prison", "central", "centre", "center", "detention", "retention", "building", "bldg", "block", "bloc",
       "the", "of", "jail", "prisons"});
  return without_words(text, generic);
}

// A birth place as linkage compares it: its locality, without the region a
// list adds after a comma or a dash ("Tell Kalakh, Homs", "داريا - ريف دمشق":
// one list writes it and another does not, and a glued locality like تلكلخ
// then meets no word of the region); without the words that only say what
// kind of place it is (camp, مخيم, city); and in Arabic when it is a name
// that is no spelling of the Arabic (data/names/places.tsv: Damascus, Alep).
std::string place_text(std::string_view text) {
  std::size_t end = text.size();
  for (std::string_view sep : {",", "\u060C", " - "}) end = std::min(end, text.find(sep));
  std::string_view core = trim(text.substr(0, end));
  if (core.empty()) core = text;
  static const std::unordered_set<std::string> generic =
      normalized_set({"camp", "مخيم", "city", "town", "مدينة", "palestinian", "refugee"});
  std::string place = without_words(core, generic);
  static const std::unordered_map<std::string, std::string> arabic_of = [] {
    std::unordered_map<std::string, std::string> out;
    for (const std::vector<std::string>& row : embedded_table("names/places.tsv")) {
      if (row.size() < 2) continue;
      for (const std::string& name : split(row[1], '|')) out.emplace(names::normalize_name(name), row[0]);
    }
    return out;
  }();
  const auto it = arabic_of.find(names::normalize_name(place));
  return it == arabic_of.end() ? place : it->second;
}

Guess guess_parts(std::string_view full) {
  Guess g;
  const names::PartsGuess p = names::split_parts(full);
  g.parts = {p.first, p.father, p.grandfather, p.family};
  // Counted names of three or more: the same tokens read family first. By
  // the count rule, three tokens are first father family, four or more
  // first father grandfather family..., so the rotation needs no new tokens.
  if (p.rule != "count" || p.first.empty() || p.father.empty() || p.family.empty()) return g;
  g.rotated[3] = p.first;
  g.rotated[0] = p.father;
  if (p.grandfather.empty()) {
    g.rotated[1] = p.family;
  } else {
    g.rotated[1] = p.grandfather;
    g.rotated[2] = p.family;
    // Four tokens: maybe first, father and a family name of two words.
    if (p.family.find(' ') == std::string::npos)
      g.two_word_family = {p.first, p.father, "", p.grandfather + ' ' + p.family};
  }
  return g;
}

// Full names written family first ("Marai Mohammad Essam", "الديري عبد
// الرحمن ياسين", as prison registers write them): the count rule reads the
// family name as the first name. Records that give their parts say how each
// name is used: a full name whose first word has an article or is used as a
// family name at least four times as often as a given name, and whose last
// word is used as a given name more often than as a family name, is read
// family first (the written order stays as the other reading).
void read_family_first(const std::vector<SourceRecord>& records, std::vector<Guess>& guesses, WorkerPool& pool) {
  std::unordered_map<std::string_view, std::array<std::uint32_t, 2>> by_text;  // given, family
  for (const SourceRecord& r : records) {
    for (const std::string* given : {&r.name.first, &r.name.father, &r.name.grandfather}) {
      if (!given->empty()) ++by_text[*given][0];
    }
    if (!r.name.family.empty()) ++by_text[r.name.family][1];
  }
  std::unordered_map<std::string, std::array<std::uint32_t, 2>> by_key;
  for (const auto& [text, counts] : by_text) {
    auto& c = by_key[names::skeleton(text, names::KeyLevel::kCoarse)];
    c[0] += counts[0];
    c[1] += counts[1];
  }
  const auto counts = [&](std::string_view text) {
    const auto it = by_key.find(names::skeleton(text, names::KeyLevel::kCoarse));
    return it == by_key.end() ? std::array<std::uint32_t, 2>{0, 0} : it->second;
  };
  pool.parallel_for(guesses.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) {
      Guess& g = guesses[k];
      if (g.rotated[0].empty()) continue;
      const std::string& head = g.rotated[3];  // the first word as written
      const std::string& tail = g.parts[3];    // the last word(s) as written
      bool article = false;
      for (const names::Token& t : names::tokenize(head)) article = article || t.article;
      const auto h = counts(head), t = counts(tail);
      if (!(article || h[1] >= 4 * (h[0] + 1)) || t[0] <= t[1]) continue;
      std::swap(g.parts, g.rotated);
      g.family_first = true;
    }
  });
}

// Two-word given names in full names ("محمد خير محمد الحسن": first name
// محمد خير, father محمد, family الحسن; "Mohammad Nour ...", "Abdel Aziz" is
// one token already): the count rule reads the second word as the father's
// name and shifts every later part. Which pairs of words are one name the
// data say: records that give their parts write them as one first, father's
// or grandfather's name. A full name whose adjacent given words (not its
// last word, the family name) form such a name, written so in at least
// kCompoundMin records, gets the reading with the pair kept whole, the other
// words read by count again. Pairs are taken left to right and only into
// the given-name slots.
constexpr std::uint32_t kCompoundMin = 3;

// Returns the coarse keys of the two-word given names it knows ("mhmd khr").
std::unordered_map<std::string, std::uint32_t> read_compound_given_names(
    const std::vector<SourceRecord>& records, const std::vector<std::string_view>& distinct,
    std::vector<Guess>& guesses, WorkerPool& pool) {
  std::unordered_map<std::string_view, std::uint32_t> by_text;
  for (const SourceRecord& r : records) {
    for (const std::string* given : {&r.name.first, &r.name.father, &r.name.grandfather}) {
      if (given->find(' ') != std::string::npos) ++by_text[*given];
    }
  }
  // The coarse keys of two given tokens, joined by a space; "" otherwise.
  const auto pair_key = [](const names::Token& x, const names::Token& y) {
    if (x.kind != names::TokenKind::kGiven || y.kind != names::TokenKind::kGiven) return std::string();
    const names::TokenKeys kx = names::token_keys(x), ky = names::token_keys(y);
    if (kx.coarse.empty() || ky.coarse.empty()) return std::string();
    return kx.coarse + ' ' + ky.coarse;
  };
  std::unordered_map<std::string, std::uint32_t> known;
  for (const auto& [text, count] : by_text) {
    std::vector<names::Token> tokens = names::tokenize(text);
    std::erase_if(tokens, [](const names::Token& t) { return !t.is_name(); });
    if (tokens.size() != 2) continue;
    const std::string key = pair_key(tokens[0], tokens[1]);
    if (!key.empty()) known[key] += count;
  }
  std::erase_if(known, [](const auto& kv) { return kv.second < kCompoundMin; });
  if (known.empty()) return known;
  // Tokenising every full name again is most of the cost: only those with a
  // word (after the first) that has the skeleton of a known name's second
  // word (خير, Kheir: rarer than محمد) are looked at, each distinct word
  // keyed once.
  std::unordered_set<std::string_view> second_keys;
  for (const auto& [key, count] : known) second_keys.insert(std::string_view(key).substr(key.find(' ') + 1));
  const auto for_each_later_word = [](std::string_view full, auto&& f) {
    std::size_t word = 0;
    for (std::size_t i = 0; i < full.size();) {
      const std::size_t end = std::min(full.find(' ', i), full.size());
      if (end > i && word++ >= 1 && f(full.substr(i, end - i))) return true;
      i = end + 1;
    }
    return false;
  };
  std::unordered_map<std::string_view, std::uint8_t> second_word;  // 1: has such a skeleton
  for (std::size_t k = 0; k < guesses.size(); ++k) {
    if (guesses[k].rotated[0].empty()) continue;
    for_each_later_word(distinct[k], [&](std::string_view w) {
      second_word.try_emplace(w, 0);
      return false;
    });
  }
  {
    std::vector<std::pair<const std::string_view, std::uint8_t>*> words;
    words.reserve(second_word.size());
    for (auto& entry : second_word) words.push_back(&entry);
    pool.parallel_for(words.size(), [&](std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k)
        words[k]->second = second_keys.contains(names::skeleton(words[k]->first)) ? 1 : 0;
    });
  }
  const auto worth_a_look = [&](std::string_view full) {
    return for_each_later_word(full, [&](std::string_view w) { return second_word.at(w) != 0; });
  };
  pool.parallel_for(guesses.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) {
      Guess& g = guesses[k];
      if (g.rotated[0].empty()) continue;  // not read by count, or fewer than three names
      if (!worth_a_look(distinct[k])) continue;
      std::vector<names::Token> tokens = names::tokenize(distinct[k]);
      std::erase_if(tokens, [](const names::Token& t) { return !t.is_name(); });
      // Read family first, the words after the family name are the given
      // names: "قصيري محمد خير نزار" is first محمد خير, father نزار.
      if (g.family_first) std::rotate(tokens.begin(), tokens.begin() + 1, tokens.end());
      std::vector<std::string> words;
      bool merged = false;
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (words.size() < 3 && i + 2 < tokens.size() && known.contains(pair_key(tokens[i], tokens[i + 1]))) {
          words.push_back(tokens[i].text + ' ' + tokens[i + 1].text);
          merged = true;
          ++i;
        } else {
          words.push_back(tokens[i].text);
        }
      }
      if (!merged) continue;
      // The count rule on the words (names/parts.h): 2 first family; 3 first
      // father family; 4 and more first father grandfather family....
      const std::size_t m = words.size();
      const std::size_t family_from = m <= 4 ? m - 1 : 3;
      for (std::size_t i = 0; i < m; ++i) {
        std::string& slot = i >= family_from ? g.compound[3] : g.compound[std::min<std::size_t>(i, 2)];
        if (!slot.empty()) slot += ' ';
        slot += words[i];
      }
    }
  });
  return known;
}

// An Arabic name with a letter written twice in a row (ممحمد, عللي, شيخخ),
// which Arabic spelling does not do but for the article before a word that
// starts with ل (الله, اللطيف) and a few names (ممدوح): the name with the
// letter once, or "" when there is none. A real name keeps its own reading:
// the comparison takes the better. NORM is the name normalised.
std::string undouble_arabic(std::string_view norm) {
  if (names::detect_script(norm) != names::Script::kArabic) return {};
  std::string out;
  std::string_view previous, before;  // the last two letters kept
  bool changed = false;
  for (std::size_t i = 0; i < norm.size();) {
    const auto c = static_cast<unsigned char>(norm[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    const std::string_view letter = norm.substr(i, len);
    i += len;
    const bool article_lam = letter == "\u0644" && before == "\u0627";  // ا ل ل
    if (letter == previous && letter != " " && !article_lam) {
      changed = true;
      continue;
    }
    out += letter;
    before = previous;
    previous = letter;
  }
  return changed ? out : std::string();
}

// "Alomar" -> "omar", "El-"less "Elobeid" -> "obeid": one Latin word that
// starts with al/el and a vowel, at least three letters after the article.
// "" when the name is not like that. NORM is the name normalised.
std::string unglue_article(std::string_view norm) {
  if (norm.size() < 5 || norm.find(' ') != std::string_view::npos) return {};
  if (!((norm[0] == 'a' || norm[0] == 'e') && norm[1] == 'l')) return {};
  const char v = norm[2];
  if (v != 'a' && v != 'e' && v != 'i' && v != 'o' && v != 'u') return {};
  for (char c : norm) {
    if (c < 'a' || c > 'z') return {};
  }
  return std::string(norm.substr(2));
}

}  // namespace

NameSlots Features::reading(std::size_t record, std::size_t reading) const {
  if (reading > 0) return alternatives(record)[reading - 1];
  NameSlots s{};
  for (std::size_t i = 0; i < 4; ++i) {
    s[i] = part_column_[i] >= 0 ? value(record, static_cast<std::size_t>(part_column_[i])) : 0;
  }
  return s;
}

std::u32string to_code_points(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1FU) : n == 3 ? (c & 0x0FU) : (c & 0x07U);
    for (int k = 1; k < n && i + static_cast<std::size_t>(k) < utf8.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]) & 0x3FU);
    }
    out.push_back(cp);
    i += static_cast<std::size_t>(n);
  }
  return out;
}

namespace {

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
    case KnownField::kFirstName:
      return 0;
    case KnownField::kFatherName:
      return 1;
    case KnownField::kGrandfatherName:
      return 2;
    case KnownField::kFamilyName:
      return 3;
    case KnownField::kMotherName:
      return kSlotMother;
    case KnownField::kBirthPlace:
      return kSlotPlace;
    case KnownField::kFacility:
      return kSlotFacility;
    default:
      return -1;
  }
}

std::uint32_t date_code(const PartialDate& d) {
  return ((static_cast<std::uint32_t>(d.year()) * 13U + static_cast<std::uint32_t>(d.month())) * 32U +
          static_cast<std::uint32_t>(d.day())) *
             2U +
         (d.approximate() ? 1U : 0U);
}

std::string_view raw_text(const SourceRecord& r, KnownField f) {
  switch (f) {
    case KnownField::kGender:
      return r.gender;
    case KnownField::kNationality:
      return r.nationality;
    case KnownField::kIdNumber:
      return r.id_number;
    default:
      return {};
  }
}

void finish_counts(Column& c, const std::vector<std::uint32_t>& values, std::size_t keys,
                   std::size_t skeletons, const std::vector<NameValue>& names) {
  c.key_count.assign(keys, 0);
  if (c.kind == FieldKind::kName) c.skeleton_count.assign(skeletons, 0);
  c.present = 0;
  for (std::uint32_t v : values) {
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
    if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || static_cast<unsigned char>(ch) >= 0x80)
      out += ch;
  }
  const std::size_t nonzero = out.find_first_not_of('0');
  if (nonzero == std::string::npos) return out.empty() ? out : std::string("0");
  return out.substr(nonzero);
}

Features Features::build(const std::vector<SourceRecord>& records, const std::vector<std::string>& sources,
                         const std::vector<std::string>& field_names, int threads) {
  WorkerPool pool(threads);
  return build(records, sources, field_names, pool);
}

Features Features::build(const std::vector<SourceRecord>& records, const std::vector<std::string>& sources,
                         const std::vector<std::string>& field_names, WorkerPool& pool) {
  Features f;
  const std::size_t n = records.size();
  f.size_ = n;
  f.known_column_.fill(-1);
  f.part_column_.fill(-1);
  // Built column by column, stored row by row at the end.
  std::vector<std::vector<std::uint32_t>> values(field_names.size(), std::vector<std::uint32_t>(n, 0));
  for (const std::string& name : field_names) {
    Column c;
    c.name = name;
    c.known = known_field(name);
    c.kind = known_field_kind(c.known);
    if (c.known != KnownField::kExtra)
      f.known_column_[static_cast<std::size_t>(c.known)] = static_cast<int>(f.columns_.size());
    f.columns_.push_back(std::move(c));
  }

  // Sources.
  if (!sources.empty()) {
    Interner source_ids(1, 64);
    f.sources_.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      f.sources_[i] = sources[i].empty() ? 0 : source_ids.intern(sources[i]);
  }

  // Which name slots are needed.
  std::array<int, kSlots> slot_column{};
  slot_column.fill(-1);
  for (std::size_t c = 0; c < f.columns_.size(); ++c) {
    const int s = slot_of(f.columns_[c].known);
    if (s >= 0) slot_column[static_cast<std::size_t>(s)] = static_cast<int>(c);
  }
  const bool any_part =
      slot_column[0] >= 0 || slot_column[1] >= 0 || slot_column[2] >= 0 || slot_column[3] >= 0;

  // Guesses for records that give only a full name, once per distinct name.
  Interner full_ids(0, any_part ? n / 4 : 0);
  std::vector<std::uint32_t> guess_of;  // per record: 1 + index into guesses, 0 = own parts
  std::vector<Guess> guesses;
  std::unordered_map<std::string, std::uint32_t> known_compounds;
  if (any_part) {
    guess_of.assign(n, 0);
    std::vector<std::string_view> distinct;
    for (std::size_t i = 0; i < n; ++i) {
      const NameParts& p = records[i].name;
      if (!p.first.empty() || !p.father.empty() || !p.grandfather.empty() || !p.family.empty() ||
          p.full.empty()) {
        continue;
      }
      const std::uint32_t id = full_ids.intern(p.full);
      if (id == distinct.size()) distinct.push_back(p.full);
      guess_of[i] = id + 1;
    }
    guesses.resize(distinct.size());
    pool.parallel_for(distinct.size(), [&](std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) guesses[k] = guess_parts(distinct[k]);
    });
    read_family_first(records, guesses, pool);
    known_compounds = read_compound_given_names(records, distinct, guesses, pool);
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
  // Places as compared (facility_core, place_text), each distinct text
  // rewritten once and owned here.
  std::array<std::unordered_map<std::string_view, std::string_view>, 2> place_of;
  std::deque<std::string> place_texts;
  const auto place = [&](int kind, std::string_view raw) -> std::string_view {
    raw = trim(raw);
    if (raw.empty()) return raw;
    auto [it, inserted] = place_of[static_cast<std::size_t>(kind)].try_emplace(raw, std::string_view());
    if (inserted) it->second = place_texts.emplace_back(kind == 0 ? place_text(raw) : facility_core(raw));
    return it->second;
  };
  std::vector<std::uint32_t> place_ids;  // birth places (glued below)
  for (std::size_t i = 0; i < n; ++i) {
    const SourceRecord& r = records[i];
    const Guess* g = guess_of.empty() || guess_of[i] == 0 ? nullptr : &guesses[guess_of[i] - 1];
    const std::array<std::string_view, kSlots> texts = {
        g ? std::string_view(g->parts[0]) : std::string_view(r.name.first),
        g ? std::string_view(g->parts[1]) : std::string_view(r.name.father),
        g ? std::string_view(g->parts[2]) : std::string_view(r.name.grandfather),
        g ? std::string_view(g->parts[3]) : std::string_view(r.name.family),
        r.name.mother,
        slot_column[5] >= 0 ? place(0, r.birth_place) : std::string_view(),
        slot_column[6] >= 0 ? place(1, r.facility) : std::string_view()};
    for (std::size_t s = 0; s < kSlots; ++s) {
      if (slot_column[s] < 0) continue;
      const std::uint32_t id = intern_name(trim(texts[s]));
      values[static_cast<std::size_t>(slot_column[s])][i] = id;
      if (s == 5 && id != 0) place_ids.push_back(id);
    }
    if (g != nullptr && !g->rotated[0].empty()) {
      if (f.alternative_offset_.empty()) f.alternative_offset_.assign(n + 1, 0);
      // In this order: Comparator::realign relies on the two-word family
      // name coming last (model.h: reading_alignment).
      for (const auto& [reading, kind] : {std::pair{&g->rotated, ReadingKind::kReordered},
                                          std::pair{&g->compound, ReadingKind::kCompoundGiven},
                                          std::pair{&g->two_word_family, ReadingKind::kTwoWordFamily}}) {
        if ((*reading)[0].empty()) continue;
        NameSlots slots{};
        for (std::size_t s = 0; s < 4; ++s) slots[s] = slot_column[s] >= 0 ? intern_name((*reading)[s]) : 0;
        f.alternatives_.push_back(slots);
        f.alternative_kinds_.push_back(kind);
      }
    }
    if (!f.alternative_offset_.empty())
      f.alternative_offset_[i + 1] = static_cast<std::uint32_t>(f.alternatives_.size());
  }
  if (!f.alternative_offset_.empty()) {
    // Offsets of records before the first alternative were left at 0; make
    // the vector monotone.
    for (std::size_t i = 1; i <= n; ++i) {
      f.alternative_offset_[i] = std::max(f.alternative_offset_[i], f.alternative_offset_[i - 1]);
    }
  }
  for (std::size_t s = 0; s < 4; ++s) f.part_column_[s] = slot_column[s];

  // Latin names with a glued article before a vowel (Alomar, Elali) get the
  // article-less name as an alternative value, Arabic names with a letter
  // written twice (ممحمد) the name with it once.
  std::vector<std::string> unglued(raw_of_name.size());
  pool.parallel_for(raw_of_name.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = std::max<std::size_t>(begin, 1); k < end; ++k) {
      const std::string norm = names::normalize_name(raw_of_name[k]);
      unglued[k] = unglue_article(norm);
      if (unglued[k].empty()) unglued[k] = undouble_arabic(norm);
    }
  });
  std::vector<std::uint32_t> alt_of(raw_of_name.size(), 0);
  for (std::size_t k = 1; k < unglued.size(); ++k) {
    if (!unglued[k].empty()) alt_of[k] = intern_name(unglued[k]);
  }
  // A Latin place of several words gets them glued as an alternative: the
  // Arabic often writes the place as one word (Tell Kalakh / تلكلخ).
  std::sort(place_ids.begin(), place_ids.end());
  place_ids.erase(std::unique(place_ids.begin(), place_ids.end()), place_ids.end());
  std::deque<std::string> glued_places;
  for (const std::uint32_t k : place_ids) {
    const std::string_view text = raw_of_name[k];
    if (alt_of[k] != 0 || text.find(' ') == std::string_view::npos ||
        names::detect_script(text) != names::Script::kLatin) {
      continue;
    }
    std::string glued;
    for (const char ch : text) {
      if (ch != ' ' && ch != '-') glued.push_back(ch);
    }
    alt_of[k] = intern_name(glued_places.emplace_back(std::move(glued)));
  }

  // Parse each distinct name once, in parallel.
  f.names_.resize(raw_of_name.size());
  pool.parallel_for(raw_of_name.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = std::max<std::size_t>(begin, 1); k < end; ++k) {
      NameValue& v = f.names_[k];
      v.parsed = names::parse_name(raw_of_name[k]);
      v.key = join_keys(v.parsed, false);
      if (v.key.empty()) v.key = names::normalize_name(raw_of_name[k]);  // letterless: compare as text
      v.key32 = to_code_points(v.key);
      v.script = names::detect_script(raw_of_name[k]);
    }
  });
  for (std::size_t k = 1; k < alt_of.size(); ++k) f.names_[k].alt = alt_of[k];
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
        // A known two-word given name (محمد خير) is keyed whole: its first
        // word is the commonest name and keys a block too big to keep.
        if (v.parsed.tokens.size() == 2 && v.parsed.tokens[0].token.kind == names::TokenKind::kGiven &&
            v.parsed.tokens[1].token.kind == names::TokenKind::kGiven && known_compounds.contains(coarse[k])) {
          v.first_token = tokens.intern(coarse[k]);
        }
        v.last_token = last.empty() ? 0 : tokens.intern(last);
      }
    }
    f.key_count_ = keys.next();
    f.skeleton_count_ = skeletons.next();
    f.skeleton_texts_.resize(f.skeleton_count_);
    for (const auto& [text, id] : skeletons.map()) f.skeleton_texts_[id] = text;
  }

  f.name_keys_.resize(f.names_.size());
  f.name_skeletons_.resize(f.names_.size());
  for (std::size_t k = 0; k < f.names_.size(); ++k) {
    f.name_keys_[k] = f.names_[k].key_id;
    f.name_skeletons_[k] = f.names_[k].skeleton_id;
  }

  // Other columns.
  for (std::size_t ci = 0; ci < f.columns_.size(); ++ci) {
    Column& c = f.columns_[ci];
    std::vector<std::uint32_t>& value = values[ci];
    if (c.kind == FieldKind::kName) continue;
    if (c.kind == FieldKind::kDate) {
      std::unordered_map<std::uint32_t, std::uint32_t> ids;
      c.dates.push_back(PartialDate{});
      for (std::size_t i = 0; i < n; ++i) {
        const PartialDate& d =
            c.known == KnownField::kBirthDate ? records[i].birth_date : records[i].arrest_date;
        if (d.empty()) continue;
        auto [it, inserted] = ids.try_emplace(date_code(d), static_cast<std::uint32_t>(c.dates.size()));
        if (inserted) c.dates.push_back(d);
        value[i] = it->second;
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
      value[i] = id;
    }
    std::vector<std::string> normalized(distinct.size());
    pool.parallel_for(distinct.size(), [&](std::size_t begin, std::size_t end) {
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
    for (std::uint32_t& v : value) v = remap[v];
  }

  const std::size_t width = f.columns_.size();
  f.rows_.assign(n * width, 0);
  for (std::size_t ci = 0; ci < width; ++ci) {
    Column& c = f.columns_[ci];
    const std::size_t keys = c.kind == FieldKind::kName   ? f.key_count_
                             : c.kind == FieldKind::kDate ? c.dates.size()
                                                          : c.texts.size();
    finish_counts(c, values[ci], keys, f.skeleton_count_, f.names_);
    for (std::size_t i = 0; i < n; ++i) f.rows_[i * width + ci] = values[ci][i];
    std::vector<std::uint32_t>().swap(values[ci]);
  }
  return f;
}

}  // namespace sawt::linkage
