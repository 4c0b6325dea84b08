#include "names/parts.h"

#include <algorithm>

#include <unicode/uchar.h>

#include "names/text.h"

namespace sawt::names {
namespace {

void append(std::string& part, const std::string& text) {
  if (!part.empty()) part.push_back(' ');
  part += text;
}

// Rule 3 or 4 on the name tokens of TOKENS; FAMILY may already be set.
void assign(const std::vector<Token>& tokens, PartsGuess& g, bool family_known) {
  std::vector<const Token*> names;
  bool markers = false;
  for (const Token& t : tokens) {
    if (t.is_name()) names.push_back(&t);
    if (t.kind == TokenKind::kPatronymicMarker) markers = true;
  }
  if (names.empty()) return;
  if (markers) {
    g.rule = family_known ? g.rule : "markers";
    int patronyms = 0;
    bool after_patronyms = false;
    for (std::size_t k = 0; k < names.size(); ++k) {
      const Token& t = *names[k];
      if (k == 0 && !t.patronym) {
        g.first = t.text;
      } else if (t.patronym && !after_patronyms) {
        append(++patronyms == 1 ? g.father : g.grandfather, t.text);
      } else {
        after_patronyms = patronyms > 0;
        append(family_known ? g.grandfather : g.family, t.text);
      }
    }
    return;
  }
  const std::size_t n = names.size();
  // With the family known, the remaining names are first father [grandfather].
  const std::size_t family_from = family_known ? n : (n == 1 ? 1 : (n <= 4 ? n - 1 : 3));
  for (std::size_t k = 0; k < n; ++k) {
    const std::string& text = names[k]->text;
    if (k >= family_from) {
      append(g.family, text);
    } else if (k == 0) {
      g.first = text;
    } else if (k == 1 && (family_known || n >= 3)) {
      g.father = text;
    } else {
      append(g.grandfather, text);
    }
  }
}

bool all_capitals(std::string_view word) {
  int letters = 0;
  for (char32_t c : detail::to_u32(word)) {
    if (!u_isalpha(static_cast<UChar32>(c))) continue;
    if (!u_isupper(static_cast<UChar32>(c))) return false;
    ++letters;
  }
  return letters >= 2;
}

}  // namespace

PartsGuess split_parts(std::string_view name) {
  PartsGuess g;
  g.rule = "count";
  // ',' or the Arabic comma U+060C, whichever comes first.
  const std::size_t ascii_comma = name.find(',');
  const std::size_t arabic_comma = name.find("\u060C");
  const std::size_t comma = std::min(ascii_comma, arabic_comma);
  if (comma != std::string_view::npos) {
    const std::size_t after = comma + (comma == arabic_comma ? 2 : 1);
    for (const Token& t : tokenize(name.substr(0, comma))) {
      if (t.is_name()) append(g.family, t.text);
    }
    if (!g.family.empty()) {
      g.rule = "comma";
      assign(tokenize(name.substr(after)), g, true);
      return g;
    }
  }
  std::vector<Token> tokens = tokenize(name);
  if (tokens.size() >= 2 && tokens[0].is_name() && tokens[0].script == Script::kLatin && all_capitals(tokens[0].text)) {
    bool others_capitals = true;
    for (std::size_t k = 1; k < tokens.size(); ++k) {
      if (tokens[k].is_name() && !all_capitals(tokens[k].text)) others_capitals = false;
    }
    if (!others_capitals) {
      g.family = tokens[0].text;
      g.rule = "capitals";
      tokens.erase(tokens.begin());
      assign(tokens, g, true);
      return g;
    }
  }
  assign(tokens, g, false);
  return g;
}

}  // namespace sawt::names
