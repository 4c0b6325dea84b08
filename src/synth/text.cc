#include "synth/text.h"

#include <array>
#include <utility>

namespace sawt::synth {

namespace {

std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = 1;
    char32_t cp = c;
    if (c >= 0xF0) {
      len = 4;
      cp = c & 0x07U;
    } else if (c >= 0xE0) {
      len = 3;
      cp = c & 0x0FU;
    } else if (c >= 0xC0) {
      len = 2;
      cp = c & 0x1FU;
    }
    if (i + static_cast<std::size_t>(len) > s.size()) len = 1;
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3FU);
    out.push_back(cp);
    i += static_cast<std::size_t>(len);
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string encode(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (const char32_t cp : s) append_utf8(out, cp);
  return out;
}

constexpr char32_t kAlef = U'\u0627';
constexpr char32_t kLam = U'\u0644';

bool is_arabic_letter(char32_t c) { return c >= 0x0621 && c <= 0x064A; }

// Letters that differ only by their dots (or a hamza): what a hurried hand,
// a bad scan or an unfamiliar keyboard turns into each other.
constexpr std::array<std::u32string_view, 10> kConfusable = {
    U"\u0628\u062A\u062B\u0646\u064A",  // ب ت ث ن ي
    U"\u062C\u062D\u062E",              // ج ح خ
    U"\u062F\u0630",                    // د ذ
    U"\u0631\u0632",                    // ر ز
    U"\u0633\u0634",                    // س ش
    U"\u0635\u0636",                    // ص ض
    U"\u0637\u0638",                    // ط ظ
    U"\u0639\u063A",                    // ع غ
    U"\u0641\u0642",                    // ف ق
    U"\u0627\u0623\u0625",              // ا أ إ
};

char32_t confuse(char32_t c, Rng& rng) {
  for (const auto group : kConfusable) {
    if (group.find(c) == std::u32string_view::npos) continue;
    for (;;) {
      const char32_t other = group[static_cast<std::size_t>(rng.below(group.size()))];
      if (other != c) return other;
    }
  }
  return c;
}

bool ends_word(const std::u32string& s, std::size_t i) { return i + 1 == s.size() || s[i + 1] == U' '; }

constexpr std::string_view kKeyboardRows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

char keyboard_neighbour(char c, Rng& rng) {
  for (std::size_t r = 0; r < 3; ++r) {
    const auto row = kKeyboardRows[r];
    const auto pos = row.find(c);
    if (pos == std::string_view::npos) continue;
    std::array<char, 2> options{};
    std::size_t n = 0;
    if (pos > 0) options[n++] = row[pos - 1];
    if (pos + 1 < row.size()) options[n++] = row[pos + 1];
    return n == 0 ? c : options[static_cast<std::size_t>(rng.below(n))];
  }
  return c;
}

char vowel_swap(char c) {
  switch (c) {
    case 'a': return 'e';
    case 'e': return 'a';
    case 'i': return 'e';
    case 'o': return 'u';
    case 'u': return 'o';
    case 'y': return 'i';
    default: return c;
  }
}

bool is_lower_ascii_letter(char c) { return c >= 'a' && c <= 'z'; }

}  // namespace

bool has_arabic(std::string_view text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xD8 || c == 0xD9 || c == 0xDA || c == 0xDB) return true;  // U+0600..U+06FF lead bytes
  }
  return false;
}

std::string drop_arabic_article(std::string_view arabic) {
  const auto s = decode(arabic);
  if (s.size() > 3 && s[0] == kAlef && s[1] == kLam) return encode(std::u32string_view(s).substr(2));
  return std::string(arabic);
}

std::string arabic_noise(std::string_view text, const ArabicHabits& habits, Rng& rng) {
  std::u32string s = decode(text);
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t& c = s[i];
    if (habits.drop_hamza) {
      if (c == U'\u0623' || c == U'\u0625' || c == U'\u0622') c = kAlef;
      else if (c == U'\u0624') c = U'\u0648';
      else if (c == U'\u0626') c = U'\u064A';
    }
    if (habits.ta_as_ha && c == U'\u0629') c = U'\u0647';
    if (ends_word(s, i)) {
      if (habits.ya_as_alef_maqsura && c == U'\u064A') c = U'\u0649';
      else if (habits.alef_maqsura_as_ya && c == U'\u0649') c = U'\u064A';
    }
  }
  if (habits.join_compounds) {
    // عبد الرحمن -> عبدالرحمن, نور الدين -> نورالدين, عطا الله -> عطاالله
    std::u32string joined;
    joined.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == U' ' && i > 0) {
        const bool after_abd = i >= 3 && s.compare(i - 3, 3, U"\u0639\u0628\u062F") == 0 && (i == 3 || s[i - 4] == U' ');
        const std::u32string_view rest = std::u32string_view(s).substr(i + 1);
        const bool one_name = rest.starts_with(U"\u0627\u0644\u062F\u064A\u0646") ||  // الدين
                              rest.starts_with(U"\u0627\u0644\u0644\u0647");            // الله
        if (after_abd || one_name) continue;
      }
      joined.push_back(s[i]);
    }
    s = std::move(joined);
  }
  if (habits.typo > 0 && rng.chance(habits.typo)) {
    // Positions of Arabic letters; words shorter than 3 letters are left alone.
    std::size_t letters = 0;
    for (const char32_t c : s) letters += is_arabic_letter(c) ? 1 : 0;
    if (letters >= 3) {
      std::size_t target = static_cast<std::size_t>(rng.below(letters));
      std::size_t pos = 0;
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (!is_arabic_letter(s[i])) continue;
        if (target-- == 0) {
          pos = i;
          break;
        }
      }
      const auto op = rng.below(10);
      if (op < 6) {
        const char32_t before = s[pos];
        s[pos] = confuse(s[pos], rng);
        if (s[pos] == before) s.insert(pos, 1, s[pos]);  // no look-alike: a doubled letter instead
      } else if (op < 7 && pos > 0) {
        s.erase(pos, 1);
      } else if (op < 8) {
        s.insert(pos, 1, s[pos]);
      } else if (pos + 1 < s.size() && is_arabic_letter(s[pos + 1])) {
        std::swap(s[pos], s[pos + 1]);
      } else {
        s[pos] = confuse(s[pos], rng);
      }
    }
  }
  return encode(s);
}

std::string latin_typo(std::string_view text, Rng& rng) {
  std::string s(text);
  std::size_t letters = 0;
  for (const char c : s) letters += is_lower_ascii_letter(c) ? 1 : 0;
  if (letters < 3) return s;
  std::size_t target = static_cast<std::size_t>(rng.below(letters));
  std::size_t pos = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_lower_ascii_letter(s[i])) continue;
    if (target-- == 0) {
      pos = i;
      break;
    }
  }
  const auto op = rng.below(10);
  if (op < 3) {
    s[pos] = keyboard_neighbour(s[pos], rng);
  } else if (op < 5) {
    const char v = vowel_swap(s[pos]);
    s[pos] = v != s[pos] ? v : keyboard_neighbour(s[pos], rng);
  } else if (op < 7) {
    if (pos > 0) s.erase(pos, 1);
    else s[pos] = keyboard_neighbour(s[pos], rng);
  } else if (op < 8) {
    s.insert(pos, 1, s[pos]);
  } else if (pos + 1 < s.size() && is_lower_ascii_letter(s[pos + 1]) && s[pos] != s[pos + 1]) {
    std::swap(s[pos], s[pos + 1]);
  } else {
    s.insert(pos, 1, s[pos]);
  }
  return s;
}

std::string apply_case(std::string_view latin, LetterCase letter_case) {
  std::string s(latin);
  if (letter_case == LetterCase::kLower) return s;
  if (letter_case == LetterCase::kUpper) {
    for (char& c : s) {
      if (is_lower_ascii_letter(c)) c = static_cast<char>(c - 'a' + 'A');
    }
    return s;
  }
  static constexpr std::string_view kParticles[] = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an",
                                                   "ed", "er", "es", "ez", "en", "et", "ud", "ur", "us"};
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = start;
    while (end < s.size() && s[end] != ' ' && s[end] != '-') ++end;
    const std::string_view word(s.data() + start, end - start);
    bool particle = false;
    if (letter_case == LetterCase::kTitleParticles && end < s.size() && s[end] == '-') {
      for (const auto p : kParticles) particle = particle || word == p;
    }
    if (!particle && start < s.size() && is_lower_ascii_letter(s[start])) s[start] = static_cast<char>(s[start] - 'a' + 'A');
    start = end + 1;
  }
  return s;
}

std::string render_article(std::string_view stem, std::string_view arabic, ArticleStyle style) {
  const std::string st(stem);
  switch (style) {
    case ArticleStyle::kAlHyphen: return "al-" + st;
    case ArticleStyle::kElHyphen: return "el-" + st;
    case ArticleStyle::kAlSpace: return "al " + st;
    case ArticleStyle::kAlJoined: return "al" + st;
    case ArticleStyle::kElSpace: return "el " + st;
    case ArticleStyle::kElJoined: return "el" + st;
    case ArticleStyle::kNone: return st;
    case ArticleStyle::kAssimilated: {
      static constexpr std::u32string_view kSun = U"\u062A\u062B\u062F\u0630\u0631\u0632\u0633\u0634\u0635\u0636\u0637\u0638\u0644\u0646";
      const auto a = decode(arabic);
      const bool sun = a.size() > 2 && a[0] == kAlef && a[1] == kLam && kSun.find(a[2]) != std::u32string_view::npos;
      if (!sun || st.empty()) return "al-" + st;
      std::string consonant(1, st[0]);
      if (st.starts_with("sh") || st.starts_with("th") || st.starts_with("dh")) consonant = st.substr(0, 2);
      return "a" + consonant + "-" + st;
    }
  }
  return st;
}

}  // namespace sawt::synth
