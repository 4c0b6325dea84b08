#include "protection/case_view.h"

#include <tuple>

namespace sawt::protection {

const ConsentRecord* consent_in_force(const CaseView& view, std::string_view scope) {
  const ConsentRecord* best = nullptr;
  const auto key = [](const ConsentRecord& c) {
    // Undated records sort first (oldest); then by the range of the date; then by id.
    if (c.date.empty()) return std::tuple(0, std::chrono::sys_days{}, std::chrono::sys_days{}, c.id);
    return std::tuple(1, c.date.earliest(), c.date.latest(), c.id);
  };
  for (const ConsentRecord& c : view.consents) {
    if (c.scope != scope) continue;
    if (best == nullptr || key(*best) <= key(c)) best = &c;
  }
  return best;
}

bool status_means_not_held(std::string_view person_status) {
  return person_status == "released" || person_status == "deported" || person_status == "transferred" ||
         person_status == "deceased";
}

}  // namespace sawt::protection
