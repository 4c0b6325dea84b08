// The demo store's conditions data (synthetic, never real events): population
// and capacity series for a few prisons from two sources that disagree,
// monitoring visits with their indicator checklist, incidents (deaths in
// custody, a disease outbreak, a hunger strike, violence, denial of care)
// some of them naming persons, and health needs of some persons. Called by
// build_demo_store once the persons exist.
#pragma once

#include <chrono>

#include "store/repository.h"

namespace sawt::app {

[[nodiscard]] Status add_demo_conditions(store::Repository& repo, std::chrono::sys_days today);

}  // namespace sawt::app
