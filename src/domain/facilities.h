// The reference list of places of detention that sawt ships with
// (data/reference/facilities.tsv, embedded at build time): the facilities a
// new store starts from. It is data so that other countries and new sites can
// be added without a rebuild.
//
// Invariants of a loaded list: facility codes are unique and match
// [a-z0-9_-]+ without a leading or trailing '-'; names are non-empty, the
// Arabic one has an Arabic letter and the English one none; type is a code of
// vocabulary "facility_types", authority of "authorities" and country of
// "nationalities"; capacity is 0 (unknown) or a positive official figure.
// The file's `notes` column explains figures to its readers and is not loaded.
#pragma once

#include <string_view>
#include <vector>

#include "domain/model.h"
#include "domain/vocab.h"
#include "util/error.h"

namespace sawt {

// Parses TSV (the contents of ORIGIN), with the columns code, name_ar,
// name_en, type, authority, country, city, capacity and optionally more (such
// as notes). Returns the facilities in file order with id 0. Fails with
// kBadInput, where = "ORIGIN:LINE", on the first row that breaks an invariant.
[[nodiscard]] Result<std::vector<Facility>> parse_facilities(std::string_view tsv, std::string_view origin,
                                                             const Vocabularies& vocabularies);

// The embedded data/reference/facilities.tsv, checked against VOCABULARIES.
[[nodiscard]] Result<std::vector<Facility>> load_reference_facilities(const Vocabularies& vocabularies);

// The same, checked against the embedded vocabularies.
[[nodiscard]] Result<std::vector<Facility>> load_reference_facilities();

}  // namespace sawt
