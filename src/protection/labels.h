// Labels of vocabulary codes inside explanations, so that an Arabic reason
// reads "ادعاءات: التعذيب" and not "ادعاءات: torture". The engine stays pure:
// the labels come from the vocabularies compiled into the binary (data/vocab),
// loaded once and read-only afterwards (safe from several threads). A store's
// relabelled copy is not consulted; an unknown code is shown as itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sawt::protection {

// The Arabic ("ar") or English (any other LANG) label of CODE in the list VOCAB.
[[nodiscard]] std::string code_label(std::string_view vocab, std::string_view code, std::string_view lang);

// The labels of CODES joined with ", " (English) or "، " (Arabic).
[[nodiscard]] std::string code_labels(std::string_view vocab, const std::vector<std::string>& codes,
                                      std::string_view lang);

}  // namespace sawt::protection
