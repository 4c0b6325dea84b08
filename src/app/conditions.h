// Conditions monitoring as the front ends use it: finding or creating the
// source a figure is attributed to, reading an indicator rating written as
// "indicator=rating[:note]", and one facility's conditions record as JSON
// (the CLI's `sawt conditions CODE --json` and GET /api/facilities/CODE/conditions).
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string_view>

#include "domain/conditions.h"
#include "store/repository.h"

namespace sawt::app {

// The id of the source named NAME, created (kind KIND, RELIABILITY) when new.
[[nodiscard]] Result<Id> ensure_source(store::Repository& repo, std::string_view name, std::string_view kind,
                                       int reliability);

// "overcrowding=critical" or "food=poor:two meals a day". Codes are checked
// by the repository; kBadInput (where = "--rate") when the shape is wrong.
[[nodiscard]] Result<IndicatorRating> parse_indicator(std::string_view spec);

// The facility with its figures (every source), visits with their
// checklists, incidents (with the persons named, as {id, public_id}) and the
// persons recorded there, counted. kNotFound for an unknown code.
[[nodiscard]] Result<nlohmann::json> facility_conditions(store::Repository& repo, std::string_view code);

}  // namespace sawt::app
