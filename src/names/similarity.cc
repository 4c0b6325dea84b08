#include "names/similarity.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace sawt::names {
namespace {

constexpr std::size_t kSmall = 64;

// A zero-filled scratch array: on the stack for short strings, on the heap
// otherwise.
template <typename T>
class Scratch {
 public:
  explicit Scratch(std::size_t n) {
    if (n > kSmall) {
      heap_.assign(n, T{});
      data_ = heap_.data();
    } else {
      std::fill_n(small_.data(), n, T{});
      data_ = small_.data();
    }
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  T* data() { return data_; }
  T& operator[](std::size_t i) { return data_[i]; }

 private:
  std::array<T, kSmall> small_;
  std::vector<T> heap_;
  T* data_ = nullptr;
};

template <typename C>
double jaro_impl(std::basic_string_view<C> a, std::basic_string_view<C> b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a.size() > b.size()) std::swap(a, b);  // symmetric results
  const std::size_t window = std::max<std::size_t>(b.size() / 2, 1) - 1;
  Scratch<unsigned char> matched_a(a.size()), matched_b(b.size());
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t lo = i > window ? i - window : 0;
    const std::size_t hi = std::min(b.size(), i + window + 1);
    for (std::size_t j = lo; j < hi; ++j) {
      if (matched_b[j] == 0 && a[i] == b[j]) {
        matched_a[i] = matched_b[j] = 1;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  std::size_t half_transpositions = 0;
  for (std::size_t i = 0, k = 0; i < a.size(); ++i) {
    if (matched_a[i] == 0) continue;
    while (matched_b[k] == 0) ++k;
    if (a[i] != b[k]) ++half_transpositions;
    ++k;
  }
  const double m = static_cast<double>(matches);
  const double t = static_cast<double>(half_transpositions) / 2.0;
  return (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) + (m - t) / m) / 3.0;
}

template <typename C>
double jaro_winkler_impl(std::basic_string_view<C> a, std::basic_string_view<C> b) {
  const double j = jaro_impl(a, b);
  if (j <= 0.7) return j;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return j + static_cast<double>(prefix) * 0.1 * (1.0 - j);
}

template <typename C>
int osa_impl(std::basic_string_view<C> a, std::basic_string_view<C> b) {
  if (a.size() < b.size()) std::swap(a, b);
  const std::size_t m = b.size();
  if (m == 0) return static_cast<int>(a.size());
  // Three rows of the dynamic programme, rotated rather than copied.
  Scratch<int> rows_a(m + 1), rows_b(m + 1), rows_c(m + 1);
  int* two_back = rows_a.data();
  int* previous = rows_b.data();
  int* current = rows_c.data();
  for (std::size_t j = 0; j <= m; ++j) previous[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int d = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d = std::min(d, two_back[j - 2] + 1);
      current[j] = d;
    }
    int* recycled = two_back;
    two_back = previous;
    previous = current;
    current = recycled;
  }
  return previous[m];
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// UTF-8 decoded into a stack buffer when short.
class Decoded {
 public:
  explicit Decoded(std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const auto n = static_cast<int32_t>(s.size());
    int32_t i = 0;
    while (i < n) {
      UChar32 c = 0;
      U8_NEXT(p, i, n, c);
      push(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
    }
  }
  std::u32string_view view() const {
    return heap_.empty() ? std::u32string_view(small_.data(), size_) : std::u32string_view(heap_);
  }

 private:
  void push(char32_t c) {
    if (heap_.empty() && size_ < kSmall) {
      small_[size_++] = c;
      return;
    }
    if (heap_.empty()) heap_.assign(small_.data(), size_);
    heap_.push_back(c);
  }
  std::array<char32_t, kSmall> small_{};
  std::size_t size_ = 0;
  std::u32string heap_;
};

}  // namespace

double jaro(std::u32string_view a, std::u32string_view b) { return jaro_impl(a, b); }
double jaro_winkler(std::u32string_view a, std::u32string_view b) { return jaro_winkler_impl(a, b); }
int osa_distance(std::u32string_view a, std::u32string_view b) { return osa_impl(a, b); }

double jaro_winkler(std::string_view a, std::string_view b) {
  if (is_ascii(a) && is_ascii(b)) return jaro_winkler_impl(a, b);
  return jaro_winkler_impl(Decoded(a).view(), Decoded(b).view());
}

int osa_distance(std::string_view a, std::string_view b) {
  if (is_ascii(a) && is_ascii(b)) return osa_impl(a, b);
  return osa_impl(Decoded(a).view(), Decoded(b).view());
}

double osa_similarity(std::string_view a, std::string_view b) {
  const Decoded da(a), db(b);
  const std::size_t longest = std::max(da.view().size(), db.view().size());
  if (longest == 0) return 1.0;
  return 1.0 - static_cast<double>(osa_impl(da.view(), db.view())) / static_cast<double>(longest);
}

ParsedName parse_name(std::string_view name) { return parse_name(name, kMaxNameTokens); }

ParsedName parse_name(std::string_view name, std::size_t max_tokens) {
  ParsedName parsed;
  for (Token& t : tokenize(name)) {
    if (!t.is_name() || parsed.tokens.size() == max_tokens) continue;
    NameToken nt;
    nt.keys = token_keys(t);
    nt.vowels = vowel_pattern(t);
    nt.token = std::move(t);
    parsed.tokens.push_back(std::move(nt));
  }
  return parsed;
}

// Tokens are separated by kTokenSep, a token's fields by kFieldSep: kind,
// script, key, fine, coarse, vowel script, initial vowel, then the vowel slots
// as two hex digits each. Keys are letters and digits only.
namespace {
constexpr char kTokenSep = '\x1e';
constexpr char kFieldSep = '\x1f';
constexpr std::string_view kHex = "0123456789abcdef";

int hex_digit(char c) {
  const auto at = kHex.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}
}  // namespace

std::string encode_parsed(const ParsedName& name) {
  std::string out;
  for (const auto& t : name.tokens) {
    if (!out.empty()) out += kTokenSep;
    out += static_cast<char>('0' + static_cast<int>(t.token.kind));
    out += static_cast<char>('0' + static_cast<int>(t.token.script));
    for (const std::string* f : {&t.token.key, &t.keys.fine, &t.keys.coarse}) {
      out += kFieldSep;
      out += *f;
    }
    out += kFieldSep;
    out += static_cast<char>('0' + static_cast<int>(t.vowels.script));
    out += kHex[t.vowels.initial >> 4];
    out += kHex[t.vowels.initial & 15];
    for (const std::uint8_t slot : t.vowels.slots) {
      out += kHex[slot >> 4];
      out += kHex[slot & 15];
    }
  }
  return out;
}

bool decode_parsed_into(std::string_view text, ParsedName& name) {
  const auto byte = [](std::string_view s, size_t i) {
    const int hi = hex_digit(s[i]), lo = hex_digit(s[i + 1]);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
  };
  // Tokens and their strings are overwritten in place: a caller decoding
  // many names into one ParsedName allocates only while they grow.
  size_t n = 0;
  while (!text.empty()) {
    const auto end = text.find(kTokenSep);
    std::string_view token = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    std::array<std::string_view, 5> f;
    for (auto& field : f) {
      const auto sep = token.find(kFieldSep);
      field = token.substr(0, sep);
      token = sep == std::string_view::npos ? std::string_view() : token.substr(sep + 1);
    }
    if (!token.empty() || f[0].size() != 2 || f[4].size() < 3 || f[4].size() % 2 != 1) return false;
    const int kind = f[0][0] - '0', script = f[0][1] - '0', vowel_script = f[4][0] - '0';
    constexpr int kKinds = static_cast<int>(TokenKind::kPatronymicMarker) + 1;
    constexpr int kScripts = static_cast<int>(Script::kMixed) + 1;
    if (kind < 0 || kind >= kKinds || script < 0 || script >= kScripts || vowel_script < 0 ||
        vowel_script >= kScripts || n == kMaxNameTokens) {
      return false;
    }
    if (name.tokens.size() == n) name.tokens.emplace_back();
    NameToken& t = name.tokens[n++];
    t.token.kind = static_cast<TokenKind>(kind);
    t.token.script = static_cast<Script>(script);
    t.token.key.assign(f[1]);
    t.keys.fine.assign(f[2]);
    t.keys.coarse.assign(f[3]);
    t.vowels.script = static_cast<Script>(vowel_script);
    t.vowels.slots.clear();
    for (size_t i = 1; i < f[4].size(); i += 2) {
      const int v = byte(f[4], i);
      if (v < 0) return false;
      if (i == 1) {
        t.vowels.initial = static_cast<std::uint8_t>(v);
      } else {
        t.vowels.slots.push_back(static_cast<std::uint8_t>(v));
      }
    }
    t.vowels.reading = t.vowels.script == Script::kArabic ? reading_of(t.token.key) : nullptr;
  }
  name.tokens.resize(n);
  return true;
}

std::optional<ParsedName> decode_parsed(std::string_view text) {
  ParsedName name;
  if (!decode_parsed_into(text, name)) return std::nullopt;
  return name;
}

double token_similarity_above(const NameToken& a, const NameToken& b, double floor) {
  if (!a.token.key.empty() && a.token.key == b.token.key) return 1.0;
  // Without a shared skeleton token_similarity (below) gives at most 0.85,
  // or for an interdental spelling 0.90 across scripts and 0.7 * 0.90 + 0.3
  // within one.
  constexpr double kMostWithoutSharedSkeleton = 0.7 * 0.90 + 0.3;
  const bool coarse_equal = !a.keys.coarse.empty() && a.keys.coarse == b.keys.coarse;
  if (!coarse_equal && floor >= kMostWithoutSharedSkeleton) return 0;
  return token_similarity(a, b);
}

double token_similarity(const NameToken& a, const NameToken& b) {
  if (!a.token.key.empty() && a.token.key == b.token.key) return 1.0;
  // Abu X is a kunya, never 'Abd X or a given name, whatever the letters.
  const bool kunya_a = a.token.kind == TokenKind::kKunya, kunya_b = b.token.kind == TokenKind::kKunya;
  const double kind_factor = kunya_a != kunya_b ? 0.6 : 1.0;
  const bool same_script = a.token.script == b.token.script &&
                           (a.token.script == Script::kArabic || a.token.script == Script::kLatin);
  const bool coarse_equal = !a.keys.coarse.empty() && a.keys.coarse == b.keys.coarse;
  if (coarse_equal) {
    double score = 0.60;
    if (vowels_agree(a.vowels, b.vowels)) score = a.keys.fine == b.keys.fine ? 0.95 : 0.90;
    if (same_script) score = 0.7 * score + 0.3 * jaro_winkler(a.token.key, b.token.key);
    return kind_factor * score;
  }
  double score = 0.85 * jaro_winkler(a.keys.coarse, b.keys.coarse);
  if (same_script) score = std::max(score, 0.85 * jaro_winkler(a.token.key, b.token.key));
  // ذ and ظ written th, dh or z (Munther, Munzer, منذر).
  if (score < 0.90 && interdental_match(a.token, b.token)) {
    score = same_script ? 0.7 * 0.90 + 0.3 * jaro_winkler(a.token.key, b.token.key) : 0.90;
  }
  return kind_factor * score;
}

namespace {

int inversions(const std::vector<std::pair<int, int>>& pairs, int n_b, int shift) {
  int count = 0;
  for (std::size_t x = 0; x < pairs.size(); ++x) {
    for (std::size_t y = x + 1; y < pairs.size(); ++y) {
      const int jx = (pairs[x].second + shift + n_b) % n_b;
      const int jy = (pairs[y].second + shift + n_b) % n_b;
      if ((pairs[x].first < pairs[y].first) != (jx < jy)) ++count;
    }
  }
  return count;
}

}  // namespace

double name_similarity(const ParsedName& a, const ParsedName& b) {
  const int na = static_cast<int>(a.tokens.size());
  const int nb = static_cast<int>(b.tokens.size());
  if (na == 0 || nb == 0) return 0.0;
  constexpr double kMinPair = 0.75;
  std::array<std::array<double, kMaxNameTokens>, kMaxNameTokens> sim{};
  for (int i = 0; i < na; ++i) {
    for (int j = 0; j < nb; ++j) sim[i][j] = token_similarity(a.tokens[i], b.tokens[j]);
  }
  // Best partial assignment: DP over the rows of A and the set of used
  // columns of B; choice[i][mask] is the column row i took (-1: none).
  constexpr int kMasks = 1 << kMaxNameTokens;
  // Only the 2^nb masks of B's tokens are used: filled and copied, not all kMasks.
  const int masks = 1 << nb;
  std::array<double, kMasks> best;
  std::array<double, kMasks> next;
  std::array<std::array<std::int8_t, kMasks>, kMaxNameTokens> choice;
  std::fill_n(best.begin(), masks, -1.0);
  best[0] = 0.0;
  for (int i = 0; i < na; ++i) {
    std::fill_n(next.begin(), masks, -1.0);
    std::fill_n(choice[static_cast<std::size_t>(i)].begin(), masks, std::int8_t{-1});
    for (int mask = 0; mask < masks; ++mask) {
      if (best[mask] < 0) continue;
      if (best[mask] > next[mask]) {
        next[mask] = best[mask];
        choice[i][mask] = -1;
      }
      for (int j = 0; j < nb; ++j) {
        if ((mask & (1 << j)) != 0 || sim[i][j] < kMinPair) continue;
        const int to = mask | (1 << j);
        if (best[mask] + sim[i][j] > next[to]) {
          next[to] = best[mask] + sim[i][j];
          choice[i][to] = static_cast<std::int8_t>(j);
        }
      }
    }
    std::copy_n(next.begin(), masks, best.begin());
  }
  int mask = static_cast<int>(std::max_element(best.begin(), best.begin() + masks) - best.begin());
  const double total = best[mask];
  std::vector<std::pair<int, int>> pairs;
  for (int i = na - 1; i >= 0; --i) {
    const int j = choice[i][mask];
    if (j >= 0) {
      pairs.emplace_back(i, j);
      mask &= ~(1 << j);
    }
  }
  const int inv = std::min({inversions(pairs, nb, 0), inversions(pairs, nb, 1), inversions(pairs, nb, -1)});
  const double denominator = std::min(na, nb) + 0.25 * std::abs(na - nb);
  const double score = total / denominator * (1.0 - 0.08 * std::min(inv, 3));
  return std::clamp(score, 0.0, 1.0);
}

double name_similarity(std::string_view a, std::string_view b) {
  return name_similarity(parse_name(a), parse_name(b));
}

}  // namespace sawt::names
