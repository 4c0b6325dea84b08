// Everything the name engine makes of one name, for people: the CLI's
// `sawt name explain NAME` prints to_json(), and a case worker can see why two
// spellings meet or not. Thread-safety: pure, any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "names/normalize.h"
#include "names/parts.h"
#include "names/skeleton.h"
#include "names/tokens.h"

namespace sawt::names {

struct ExplainedToken {
  Token token;
  TokenKeys keys;  // empty for markers and particles
};

struct Explanation {
  std::string input;
  Script script = Script::kNone;  // of the input's letters
  std::string normalized;         // normalize_name(input)
  std::vector<ExplainedToken> tokens;
  PartsGuess parts;
  std::string skeleton_fine;      // skeleton(input, kFine)
  std::string skeleton_coarse;    // skeleton(input, kCoarse)
  std::vector<std::string> search_keys;

  // {"input", "script", "normalized", "tokens": [{"text", "key", "kind",
  //  "script", "article", "patronym", "head"?, "tail"?, "fine"?, "coarse"?}],
  //  "parts": {"first", "father", "grandfather", "family", "rule"},
  //  "skeleton": {"fine", "coarse"}, "search_keys": [...]}
  [[nodiscard]] nlohmann::json to_json() const;
};

[[nodiscard]] Explanation explain(std::string_view name);

}  // namespace sawt::names
