#include "names/skeleton.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "names/normalize.h"
#include "names/text.h"
#include "names/tokens.h"
#include "util/embedded.h"

namespace sawt::names {
namespace {

// Vowel classes written between consonants, as bit masks; kE is Latin e,
// which vowels_agree() widens to a class set depending on the scripts.
constexpr std::uint8_t kA = 1, kI = 2, kU = 4, kE = 8;
// Marks beside the vowel classes: a Latin slot that writes a long vowel (two
// vowel letters, or French final "-ine": see vowel_run_mask), an Arabic slot
// with ʿayn (which Latin often writes as a doubled vowel: Saad), and a Latin
// slot written "ou", which French spellings use for a short u (Moustafa) as
// much as for a long one (Mahmoud, Hammoud): neither long nor short.
constexpr std::uint8_t kLong = 16, kAyn = 32, kOu = 64;
// An Arabic word-final و: a vowel of no known class (the silent و of عمرو,
// the long u of عبدو), but a written one, so a Latin long vowel may meet it
// (Abdoo).
constexpr std::uint8_t kFinalWaw = 128;
constexpr std::uint8_t kClasses = kA | kI | kU | kE;

// A word reduced to its consonant letters (the fine key without the marker)
// and the vowels written around them: slots[0] holds the vowels between the
// initial-vowel marker and the first consonant letter, slots[k] those after
// letter k-1.
struct Frame {
  bool vowel_initial = false;
  std::uint8_t initial = 0;  // class of the initial vowel (Latin; 0 for ا and ع)
  std::string cons;
  std::vector<std::uint8_t> slots{0};
};

// What a run of Latin vowel letters (w and y included) written in one slot
// says. Two letters write a long vowel or a diphthong (Hussein, Mahmood,
// Saeed, Zeinab), with two French exceptions: "ou" is kOu (see above) and
// "eu" is one short vowel of any class (Ameur, Jabeur, Naceur for عامر جابر
// ناصر: the French way to write the short i or a before a final consonant).
// An e written beside an i, a y or another e is part of an i sound (ei ey ie
// ee: Hussein, Zeinab, Saeed, Nabeel), not the Latin e that stands for any
// vowel: Hussein is not Hassaan.
std::uint8_t vowel_run_mask(std::string_view run) {
  if (run == "eu") return kE;
  const bool e_is_i = run.find('e') != std::string_view::npos &&
                      (run.find_first_of("iy") != std::string_view::npos || run.find("ee") != std::string_view::npos);
  std::uint8_t m = 0;
  for (char c : run) {
    switch (c) {
      case 'a': m |= kA; break;
      case 'e': m |= e_is_i ? kI : kE; break;
      case 'i': case 'y': m |= kI; break;
      default: m |= kU; break;  // o, u, w
    }
  }
  if (run == "ou") m |= kOu;
  else if (run.size() >= 2) m |= kLong;
  return m;
}

class FrameBuilder {
 public:
  void consonant(std::string_view letters) {
    for (char c : letters) {
      frame_.cons.push_back(c);
      frame_.slots.push_back(0);
    }
    started_ = true;
    run_.clear();
  }
  // A Latin vowel letter (or a w or y after the start) in the current slot:
  // the slot is what the run of vowel letters written there says (see
  // vowel_run_mask), not the sum of its letters.
  void latin_vowel_letter(char c, std::uint8_t mask) {
    if (!started_) {
      vowel(mask);
      return;
    }
    if (run_.empty()) run_base_ = frame_.slots.back();
    run_.push_back(c);
    frame_.slots.back() = static_cast<std::uint8_t>(run_base_ | vowel_run_mask(run_));
  }
  void vowel(std::uint8_t mask) {
    if (!started_) {
      frame_.vowel_initial = true;
      frame_.initial = mask;
      started_ = true;
    } else {
      frame_.slots.back() |= mask;
    }
  }
  // w and y: consonants at the start of a word, vowels elsewhere.
  void glide(char c, std::uint8_t mask) {
    if (started_) latin_vowel_letter(c, mask);
    else consonant(std::string_view(&c, 1));
  }
  [[nodiscard]] bool started() const { return started_; }
  void mark(std::uint8_t bits) {
    if (started_) frame_.slots.back() |= bits;
  }
  Frame take() { return std::move(frame_); }

 private:
  Frame frame_;
  bool started_ = false;
  std::string run_;  // the Latin vowel letters of the current slot
  std::uint8_t run_base_ = 0;  // the slot before its run of Latin vowel letters
};

bool latin_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

std::uint8_t latin_vowel_mask(char c) {
  switch (c) {
    case 'a': return kA;
    case 'e': return kE;
    case 'i': return kI;
    default: return kU;  // o, u
  }
}

bool starts(std::string_view s, std::size_t i, std::string_view p) { return s.substr(i, p.size()) == p; }

// The interdental fold (see interdental_match): the consonant letter that
// stands for ذ or ظ, and for the Latin spellings that may write them.
constexpr std::string_view kInterdental = "Z";

// How a frame is built: as written, or with the interdental fold (ذ ظ and
// Latin th dh z one class; between two Latin spellings only th and z, since
// a Latin dh is also د+ه: Adham is not Azzam).
enum class Fold : std::uint8_t { kNone, kCrossScript, kLatin };

// Rules 1-3 on a run of Latin letters and digits, folded as FOLD says.
void add_latin(std::string_view s, FrameBuilder& b, Fold fold) {
  if (std::none_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return;  // digits only
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (i > 0 && c == s[i - 1] && !latin_vowel(c)) {
      ++i;  // Mohammed -> mohamed
      continue;
    }
    if (latin_vowel(c)) {
      if (!b.started() && c == 'o' && next == 'u' && i + 2 < s.size() && latin_vowel(s[i + 2])) {
        b.consonant("w");  // Ouassim
        i += 2;
        continue;
      }
      b.latin_vowel_letter(c, latin_vowel_mask(c));
      // French final "-ine" after a consonant is a long i (Hassine, Hocine,
      // Amine, Yasmine: حسين أمين ياسمين), its e silent: Hassine is Husayn,
      // not Hasan.
      if (c == 'i' && i > 0 && !latin_vowel(s[i - 1]) && s.substr(i) == "ine") b.mark(kLong);
      ++i;
      continue;
    }
    std::size_t used = 1;
    if (fold != Fold::kNone &&
        (c == 'z' || (c == 't' && next == 'h') || (c == 'd' && next == 'h' && fold == Fold::kCrossScript))) {
      b.consonant(kInterdental);
      i += c == 'z' ? 1 : 2;
      continue;
    }
    switch (c) {
      case 'w': b.glide('w', kU); break;
      case 'y': b.glide('y', kI); break;
      case '2': case '3': b.vowel(0); break;  // Arabizi hamza, ʿayn
      case '7': b.consonant("h"); break;
      case '5': b.consonant("kh"); break;
      case '6': b.consonant("t"); break;
      case '9': b.consonant("s"); break;
      case '8': b.consonant("q"); break;
      case 'x': b.consonant("ks"); break;
      case 'v': b.consonant("f"); break;
      case 'p':
        if (next == 'h') used = 2;
        b.consonant(next == 'h' ? "f" : "b");
        break;
      case 'c':
        if (next == 'h') {
          b.consonant("sh");
          used = 2;
        } else if (next == 'k') {
          b.consonant("k");
          used = 2;
        } else {
          b.consonant(next == 'e' || next == 'i' || next == 'y' ? "s" : "k");
        }
        break;
      case 'd':
        if (starts(s, i, "dsch")) {
          used = 4;
          b.consonant("j");
        } else if (starts(s, i, "dzh")) {
          used = 3;
          b.consonant("j");
        } else if (next == 'j') {
          used = 2;
          b.consonant("j");
        } else {
          b.consonant("d");
        }
        break;
      case 's':
        if (starts(s, i, "sch")) used = 3;
        b.consonant(used == 3 ? "sh" : "s");
        break;
      default:
        if (c >= 'a' && c <= 'z') b.consonant(std::string_view(&c, 1));
        break;  // other digits carry no sound
    }
    i += used;
  }
}

// One Arabic letter (normal form). FINAL: the word's last letter. FOLD: ذ
// and ظ are the interdental class.
void add_arabic(char32_t c, bool final, FrameBuilder& b, Fold fold) {
  switch (c) {
    case 0x0630:  // ذ
    case 0x0638:  // ظ
      b.consonant(fold != Fold::kNone ? kInterdental : arabic_letter_latin(c));
      return;
    case 0x0627: b.vowel(kA); return;  // ا
    case 0x0639:  // ع
      b.vowel(0);
      b.mark(kAyn);
      return;
    case 0x0648:                       // و
      if (!b.started()) b.consonant("w");
      else if (!final) b.vowel(kU);
      else b.mark(kFinalWaw);
      return;
    case 0x064A:  // ي (and ى)
      if (!b.started()) b.consonant("y");
      else b.vowel(final ? kA | kI : kI);
      return;
    default:
      b.consonant(arabic_letter_latin(c));
  }
}

Frame make_frame(std::string_view normalized_word, Fold fold = Fold::kNone) {
  const std::u32string w = detail::to_u32(normalized_word);
  std::size_t n = w.size();
  if (n > 1 && w[n - 1] == 0x0647) --n;  // final ه / ة
  FrameBuilder b;
  std::string latin;
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = w[i];
    if (detail::is_ascii_lower(c) || detail::is_ascii_digit(c)) {
      latin.push_back(static_cast<char>(c));
      continue;
    }
    if (!latin.empty()) {
      add_latin(latin, b, fold);
      latin.clear();
    }
    if (detail::is_arabic_letter(c)) add_arabic(c, i + 1 == n, b, fold);
  }
  if (!latin.empty()) add_latin(latin, b, fold);
  return b.take();
}

std::string fine_key(const Frame& f) { return (f.vowel_initial ? "a" : "") + f.cons; }

// The coarse key is a function of the fine key alone, so an Arabic and a
// Latin word with the same fine key always share the coarse key too.
std::string coarse_key(const Frame& f) {
  std::string_view s = f.cons;
  if (s.size() >= 2 && s.back() == 'h' && std::string_view("ksgc").find(s[s.size() - 2]) == std::string_view::npos) {
    s.remove_suffix(1);  // final h, unless part of kh sh gh
  }
  std::string out = f.vowel_initial ? "a" : "";
  const std::size_t marker = out.size();
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i + 1 < s.size() && s[i + 1] == 'h' && (c == 'k' || c == 'g' || c == 't' || c == 'd')) {
      c = c == 'k' ? 'h' : c;  // kh -> h, gh -> g, th -> t, dh -> d
      ++i;
    } else if (c == 'q') {
      c = 'k';
    }
    out.push_back(c);
  }
  if (out.size() > marker && out.back() == 't') out.back() = 'd';
  return out;
}

bool is_allah(std::string_view tail) { return tail == "allah" || tail == "\u0627\u0644\u0644\u0647"; }

// The part of a token whose vowels are worth checking: the tail of a
// compound or kunya (heads are canonical), the key of a given name.
std::string_view vowel_part(const Token& t) { return t.tail.empty() ? std::string_view(t.key) : t.tail; }

std::uint8_t widen(std::uint8_t mask, std::uint8_t e_means) {
  return (mask & kE) != 0 ? static_cast<std::uint8_t>((mask & ~kE) | e_means) : mask;
}

}  // namespace

std::string_view arabic_letter_latin(char32_t letter) {
  switch (letter) {
    case 0x0627: return "a";
    case 0x0628: return "b";
    case 0x062A: return "t";
    case 0x062B: return "th";
    case 0x062C: return "j";
    case 0x062D: return "h";
    case 0x062E: return "kh";
    case 0x062F: return "d";
    case 0x0630: return "dh";
    case 0x0631: return "r";
    case 0x0632: return "z";
    case 0x0633: return "s";
    case 0x0634: return "sh";
    case 0x0635: return "s";
    case 0x0636: return "d";
    case 0x0637: return "t";
    case 0x0638: return "z";
    case 0x0639: return "'";
    case 0x063A: return "gh";
    case 0x0641: return "f";
    case 0x0642: return "q";
    case 0x0643: return "k";
    case 0x0644: return "l";
    case 0x0645: return "m";
    case 0x0646: return "n";
    case 0x0647: return "h";
    case 0x0648: return "w";
    case 0x064A: return "y";
    default: return "";
  }
}

TokenKeys word_keys(std::string_view normalized_word) {
  const Frame f = make_frame(normalized_word);
  return {fine_key(f), coarse_key(f)};
}

TokenKeys token_keys(const Token& token) {
  if (!token.is_name()) return {};
  if (token.head.empty()) return word_keys(token.key);
  TokenKeys head = word_keys(token.head);
  TokenKeys tail = is_allah(token.tail) ? TokenKeys{"allh", "allh"} : word_keys(token.tail);
  return {head.fine + tail.fine, head.coarse + tail.coarse};
}

std::string skeleton(std::string_view name, KeyLevel level) {
  std::string out;
  for (const Token& t : tokenize(name)) {
    if (!t.is_name()) continue;
    TokenKeys k = token_keys(t);
    const std::string& key = level == KeyLevel::kFine ? k.fine : k.coarse;
    if (key.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out += key;
  }
  return out;
}

namespace {

// Looks strings up by string_view without a copy (the search decodes stored
// names, and so looks readings up, once per candidate variant).
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using ReadingTable = std::unordered_map<std::string, VowelPattern, TextHash, std::equal_to<>>;

// data/names/readings.tsv: an Arabic name's word (as vowel_part gives it) to
// the vowel pattern of its reading, read once.
const ReadingTable& readings() {
  static const ReadingTable table = [] {
    ReadingTable out;
    for (const std::vector<std::string>& row : embedded_table("names/readings.tsv")) {
      if (row.size() < 2) continue;
      const std::vector<Token> arabic = tokenize(row[0]);
      const std::vector<Token> latin = tokenize(row[1]);
      if (arabic.size() != 1 || latin.size() != 1 || latin[0].script != Script::kLatin) continue;
      out.emplace(std::string(vowel_part(arabic[0])), vowel_pattern(latin[0]));
    }
    return out;
  }();
  return table;
}

}  // namespace

VowelPattern vowel_pattern(const Token& token) {
  VowelPattern p;
  p.script = token.script;
  if (!token.is_name()) return p;
  const Frame f = make_frame(vowel_part(token));
  p.initial = token.script == Script::kArabic ? 0 : f.initial;
  p.slots = f.slots;
  if (token.script == Script::kArabic) p.reading = reading_of(vowel_part(token));
  return p;
}

const VowelPattern* reading_of(std::string_view word) {
  const auto& table = readings();
  const auto it = table.find(word);
  return it == table.end() ? nullptr : &it->second;
}

namespace {

// Two Latin spellings (see vowels_agree in the header), slot counts equal.
bool latin_vowels_agree(const VowelPattern& a, const VowelPattern& b) {
  constexpr std::uint8_t any = kA | kI | kU;
  auto compatible = [&](std::uint8_t x, std::uint8_t y) {
    x = widen(x & kClasses, any);
    y = widen(y & kClasses, any);
    return x == 0 || y == 0 || (x & y) != 0;
  };
  // Short vowels are what Latin spellings disagree on most (Maghrebi
  // Hassine, Hocine and Levantine Hussein for حسين; Hammoud and Humoud for
  // حمود), and what Arabic does not write: two spellings whose long vowels
  // agree — both write one, in the same slot, of a shared class — are
  // spellings of one Arabic word even when their short vowels differ. A
  // slot where one writes a long vowel still decides (Hassan/Hussein,
  // Hassan/Hassine), "ou" does not (Hassine/Houcine), and short vowels
  // alone do (Omar/Amer, Mahmoud/Mohammed).
  constexpr std::uint8_t longish = kLong | kOu;
  bool short_conflict = !compatible(a.initial, b.initial), long_agree = false;
  for (std::size_t k = 0; k < a.slots.size(); ++k) {
    const std::uint8_t x = a.slots[k], y = b.slots[k];
    if (!compatible(x, y)) {
      if (((x | y) & kLong) != 0) return false;
      short_conflict = true;
    } else if ((x & longish) != 0 && (y & longish) != 0 && (x & y & kClasses) != 0) {
      long_agree = true;
    }
  }
  return !short_conflict || long_agree;
}

}  // namespace

bool vowels_agree(const VowelPattern& a, const VowelPattern& b) {
  if (a.slots.size() != b.slots.size()) return true;
  const bool a_arabic = a.script == Script::kArabic, b_arabic = b.script == Script::kArabic;
  const bool a_latin = a.script == Script::kLatin, b_latin = b.script == Script::kLatin;
  if (a_arabic && b_arabic) {
    for (std::size_t k = 0; k < a.slots.size(); ++k) {
      if ((a.slots[k] & kClasses) != (b.slots[k] & kClasses)) return false;
    }
    return true;
  }
  if (a_latin && b_latin) return latin_vowels_agree(a, b);
  if ((a_arabic && b_latin) || (a_latin && b_arabic)) {
    const VowelPattern& ar = a_arabic ? a : b;
    const VowelPattern& la = a_arabic ? b : a;
    for (std::size_t k = 0; k < ar.slots.size(); ++k) {
      const std::uint8_t x = ar.slots[k] & kClasses;
      const std::uint8_t y = widen(la.slots[k] & kClasses, kA | kI);
      if (x != 0 && y != 0 && (x & y) == 0) return false;
      // A long vowel in the Latin where the Arabic writes none (Hussein/حسن,
      // Mahmood/محمد): two names.
      if ((la.slots[k] & kLong) != 0 && ar.slots[k] == 0) return false;
      // "ou" before the last consonant where the Arabic writes no vowel:
      // a long u, two names (Mahmoud/محمد, Hammoud/حمد). French spellings
      // write "ou" for a short u in a first syllable (Mourad/مراد, Houda/هدى,
      // Moustafa), and a spelling that does so elsewhere may do it here too
      // (Youssouf/يوسف).
      if ((la.slots[k] & kOu) != 0 && ar.slots[k] == 0 && k >= 2 && k + 2 == ar.slots.size()) {
        bool ou_elsewhere = false;
        for (std::size_t j = 0; j < k; ++j) ou_elsewhere |= (la.slots[j] & kOu) != 0;
        if (!ou_elsewhere) return false;
      }
    }
    const VowelPattern* reading = ar.reading;
    return reading == nullptr || reading->slots.size() != la.slots.size() || latin_vowels_agree(la, *reading);
  }
  return true;
}

bool vowels_agree(const Token& a, const Token& b) { return vowels_agree(vowel_pattern(a), vowel_pattern(b)); }

bool interdental_match(const Token& a, const Token& b) {
  if (!a.is_name() || !b.is_name() || !a.head.empty() || !b.head.empty()) return false;
  if (a.script != Script::kLatin && b.script != Script::kLatin) return false;
  const auto known = [](Script s) { return s == Script::kLatin || s == Script::kArabic; };
  if (!known(a.script) || !known(b.script)) return false;
  const auto may_fold = [](const Token& t) {
    const std::string_view k = t.key;
    if (t.script == Script::kArabic) {
      return k.find("\u0630") != std::string_view::npos || k.find("\u0638") != std::string_view::npos;
    }
    return k.find('z') != std::string_view::npos || k.find("th") != std::string_view::npos ||
           k.find("dh") != std::string_view::npos;
  };
  if (!may_fold(a) || !may_fold(b)) return false;
  const Fold fold = a.script == b.script ? Fold::kLatin : Fold::kCrossScript;
  const Frame fa = make_frame(a.key, fold), fb = make_frame(b.key, fold);
  if (fa.cons.find('Z') == std::string::npos || fb.cons.find('Z') == std::string::npos) return false;
  if (coarse_key(fa) != coarse_key(fb)) return false;
  const auto pattern = [](const Token& t, const Frame& f) {
    VowelPattern p;
    p.script = t.script;
    p.initial = t.script == Script::kArabic ? 0 : f.initial;
    p.slots = f.slots;
    return p;
  };
  return vowels_agree(pattern(a, fa), pattern(b, fb));
}

}  // namespace sawt::names
