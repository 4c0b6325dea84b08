#include "domain/facilities.h"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <string>

#include "domain/reference_table.h"
#include "util/embedded.h"

namespace sawt {
namespace {

constexpr std::string_view kFacilitiesPath = "reference/facilities.tsv";
constexpr int kMaxCapacity = 1'000'000;

bool is_facility_code(std::string_view code) {
  if (code.empty() || code.front() == '-' || code.back() == '-') return false;
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

Result<int> parse_capacity(std::string_view text, const std::string& where) {
  int value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || text.front() == '-' || ec != std::errc() || ptr != end || value > kMaxCapacity) {
    return fail(ErrorKind::kBadInput, fmt::format("capacity '{}' is not a whole number of places", text),
                where,
                "write the official capacity in digits without separators (e.g. 1050), or 0 when unknown");
  }
  return value;
}

}  // namespace

Result<std::vector<Facility>> parse_facilities(std::string_view tsv, std::string_view origin,
                                               const Vocabularies& vocabularies) {
  const ReferenceTable table = SAWT_TRY(parse_reference_table(
      tsv, origin, {"code", "name_ar", "name_en", "type", "authority", "country", "city", "capacity"}));
  auto col = [&](std::string_view name) { return *table.column(name); };
  const std::size_t code_col = col("code"), ar_col = col("name_ar"), en_col = col("name_en"),
                    type_col = col("type"), authority_col = col("authority"), country_col = col("country"),
                    city_col = col("city"), capacity_col = col("capacity");

  std::vector<Facility> facilities;
  std::map<std::string, int, std::less<>> first_line;
  for (const TableRow& row : table.rows) {
    const std::string where = where_line(origin, row.line);
    Facility f;
    f.code = row.fields[code_col];
    f.name_ar = row.fields[ar_col];
    f.name_en = row.fields[en_col];
    f.type = row.fields[type_col];
    f.authority = row.fields[authority_col];
    f.country = row.fields[country_col];
    f.city = row.fields[city_col];

    if (!is_facility_code(f.code)) {
      return fail(
          ErrorKind::kBadInput, fmt::format("facility code '{}' is not valid", f.code), where,
          "use lower-case ASCII letters, digits, '_' and '-', starting with the country, e.g. 'lb-roumieh'");
    }
    if (auto [it, inserted] = first_line.try_emplace(f.code, row.line); !inserted) {
      return fail(ErrorKind::kBadInput,
                  fmt::format("facility code '{}' appears twice (first at line {})", f.code, it->second),
                  where, "remove one of the rows, or give one of them a new code");
    }
    if (!contains_arabic_letter(f.name_ar)) {
      return fail(ErrorKind::kBadInput,
                  fmt::format("the name_ar '{}' of facility '{}' has no Arabic letter", f.name_ar, f.code),
                  where,
                  "write the Arabic name in name_ar; check that the columns are not swapped or shifted");
    }
    if (f.name_en.empty() || contains_arabic_letter(f.name_en)) {
      return fail(ErrorKind::kBadInput,
                  fmt::format("the name_en '{}' of facility '{}' must be a non-empty name in Latin script",
                              f.name_en, f.code),
                  where,
                  "write the English name in name_en; check that the columns are not swapped or shifted");
    }
    SAWT_CHECK(vocabularies.validate_code("facility_types", f.type, where + " (type)"));
    SAWT_CHECK(vocabularies.validate_code("authorities", f.authority, where + " (authority)"));
    SAWT_CHECK(vocabularies.validate_code("nationalities", f.country, where + " (country)"));
    f.capacity = SAWT_TRY(parse_capacity(row.fields[capacity_col], where));
    facilities.push_back(std::move(f));
  }
  return facilities;
}

Result<std::vector<Facility>> load_reference_facilities(const Vocabularies& vocabularies) {
  const auto contents = embedded_file(kFacilitiesPath);
  if (!contents) {
    return fail(ErrorKind::kInternal, "the reference list of facilities is not embedded in this build",
                std::string(kFacilitiesPath),
                "rebuild sawt from a source tree that has data/reference/facilities.tsv");
  }
  return parse_facilities(*contents, kFacilitiesPath, vocabularies);
}

Result<std::vector<Facility>> load_reference_facilities() {
  const Vocabularies vocabularies = SAWT_TRY(Vocabularies::load_embedded());
  return load_reference_facilities(vocabularies);
}

}  // namespace sawt
