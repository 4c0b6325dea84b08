#include "protection/case_view.h"

#include <string>
#include <tuple>

#include "util/strings.h"

namespace sawt::protection {

namespace {

// The latest of the consent records that PICK accepts.
template <class Pick>
const ConsentRecord* latest(const CaseView& view, Pick pick) {
  const ConsentRecord* best = nullptr;
  const auto key = [](const ConsentRecord& c) {
    // Undated records sort first (oldest); then by the range of the date; then by id.
    if (c.date.empty()) return std::tuple(0, std::chrono::sys_days{}, std::chrono::sys_days{}, c.id);
    return std::tuple(1, c.date.earliest(), c.date.latest(), c.id);
  };
  for (const ConsentRecord& c : view.consents) {
    if (!pick(c)) continue;
    if (best == nullptr || key(*best) <= key(c)) best = &c;
  }
  return best;
}

// Partner names as people type them: case and surrounding spaces do not count.
std::string folded(std::string_view s) { return to_lower_ascii(trim(s)); }

}  // namespace

const ConsentRecord* consent_in_force(const CaseView& view, std::string_view scope) {
  return latest(view, [&](const ConsentRecord& c) { return c.scope == scope; });
}

const ConsentRecord* partner_consent_in_force(const CaseView& view, std::string_view partner) {
  const std::string want = folded(partner);
  return latest(view, [&](const ConsentRecord& c) {
    return c.scope == "share_partner" && (c.partner.empty() || folded(c.partner) == want);
  });
}

bool status_means_not_held(std::string_view person_status) {
  return person_status == "released" || person_status == "deported" || person_status == "transferred" ||
         person_status == "deceased";
}

}  // namespace sawt::protection
