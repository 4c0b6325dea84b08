// The language of a report or brief being written: picks the Arabic or
// English text, labels vocabulary codes, and keeps dates inside Arabic
// sentences left-to-right. Internal to reports/.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "domain/vocab.h"

namespace sawt::reports {

struct Lang {
  bool ar = true;
  const Vocabularies* vocab = nullptr;

  [[nodiscard]] std::string operator()(std::string_view en, std::string_view arabic) const {
    return std::string(ar ? arabic : en);
  }
  // A date inside a sentence, wrapped in LRI .. PDI in Arabic: otherwise the
  // bidi algorithm shows 2026-06-30 as 30-06-2026 in right-to-left text.
  [[nodiscard]] std::string date(std::string_view iso) const {
    return ar ? fmt::format("\u2066{}\u2069", iso) : std::string(iso);
  }
  // The label of CODE in vocabulary LIST, "—" for an empty code.
  [[nodiscard]] std::string code(std::string_view list, std::string_view c) const {
    if (c.empty()) return "—";
    const auto* v = vocab == nullptr ? nullptr : vocab->get(list);
    return v == nullptr ? std::string(c) : v->label(c, ar ? "ar" : "en");
  }
};

}  // namespace sawt::reports
