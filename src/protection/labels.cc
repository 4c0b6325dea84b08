#include "protection/labels.h"

#include <optional>

#include "domain/vocab.h"

namespace sawt::protection {

namespace {

const Vocabularies* shipped() {
  static const std::optional<Vocabularies> lists = [] {
    auto v = Vocabularies::load_embedded();
    return v ? std::optional<Vocabularies>(std::move(*v)) : std::nullopt;
  }();
  return lists ? &*lists : nullptr;
}

}  // namespace

std::string code_label(std::string_view vocab, std::string_view code, std::string_view lang) {
  const auto* all = shipped();
  const Vocabulary* list = all != nullptr ? all->get(vocab) : nullptr;
  return list != nullptr ? list->label(code, lang) : std::string(code);
}

std::string code_labels(std::string_view vocab, const std::vector<std::string>& codes,
                        std::string_view lang) {
  std::string out;
  for (const auto& c : codes) {
    if (!out.empty()) out += lang == "ar" ? "، " : ", ";
    out += code_label(vocab, c, lang);
  }
  return out;
}

}  // namespace sawt::protection
