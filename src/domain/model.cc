#include "domain/model.h"

namespace sawt {

std::string NameParts::display() const {
  if (!full.empty()) return full;
  std::string out;
  for (const auto* part : {&first, &father, &grandfather, &family}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ' ';
    out += *part;
  }
  return out;
}

}  // namespace sawt
