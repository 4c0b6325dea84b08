#include "names/explain.h"

#include "names/search.h"

namespace sawt::names {

Explanation explain(std::string_view name) {
  Explanation e;
  e.input = std::string(name);
  e.script = detect_script(name);
  e.normalized = normalize_name(name);
  for (Token& t : tokenize(name)) {
    ExplainedToken et;
    et.keys = token_keys(t);
    et.token = std::move(t);
    e.tokens.push_back(std::move(et));
  }
  e.parts = split_parts(name);
  e.skeleton_fine = skeleton(name, KeyLevel::kFine);
  e.skeleton_coarse = skeleton(name, KeyLevel::kCoarse);
  e.search_keys = search_keys(name);
  return e;
}

nlohmann::json Explanation::to_json() const {
  nlohmann::json tokens_json = nlohmann::json::array();
  for (const ExplainedToken& et : tokens) {
    const Token& t = et.token;
    nlohmann::json j = {{"text", t.text},
                        {"key", t.key},
                        {"kind", token_kind_name(t.kind)},
                        {"script", script_name(t.script)},
                        {"article", t.article},
                        {"patronym", t.patronym}};
    if (!t.head.empty()) {
      j["head"] = t.head;
      j["tail"] = t.tail;
    }
    if (!et.keys.coarse.empty()) {
      j["fine"] = et.keys.fine;
      j["coarse"] = et.keys.coarse;
    }
    tokens_json.push_back(std::move(j));
  }
  return {{"input", input},
          {"script", script_name(script)},
          {"normalized", normalized},
          {"tokens", std::move(tokens_json)},
          {"parts",
           {{"first", parts.first},
            {"father", parts.father},
            {"grandfather", parts.grandfather},
            {"family", parts.family},
            {"rule", parts.rule}}},
          {"skeleton", {{"fine", skeleton_fine}, {"coarse", skeleton_coarse}}},
          {"search_keys", search_keys}};
}

}  // namespace sawt::names
