// Reference data a new store starts with (facilities; later rules and
// agreements), taken from the data shipped inside the binary.
#pragma once

#include "store/repository.h"

namespace sawt::app {

// Inserts or updates the shipped reference facilities. Idempotent.
[[nodiscard]] Status seed_reference_data(store::Repository& repo);

}  // namespace sawt::app
