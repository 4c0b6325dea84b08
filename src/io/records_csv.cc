#include "io/records_csv.h"

#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "util/strings.h"

namespace sawt::io {

namespace {

enum class Col {
  kRecordId, kSource, kFull, kFirst, kFather, kGrandfather, kFamily, kMother, kGender, kBirthDate,
  kBirthPlace, kNationality, kIdNumber, kArrestDate, kFacility, kNotes, kExtra
};

const std::map<std::string, Col, std::less<>>& known_columns() {
  static const std::map<std::string, Col, std::less<>> m = {
      {"record_id", Col::kRecordId},     {"source", Col::kSource},
      {"full_name", Col::kFull},         {"first_name", Col::kFirst},
      {"father_name", Col::kFather},     {"grandfather_name", Col::kGrandfather},
      {"family_name", Col::kFamily},     {"mother_name", Col::kMother},
      {"gender", Col::kGender},          {"birth_date", Col::kBirthDate},
      {"birth_place", Col::kBirthPlace}, {"nationality", Col::kNationality},
      {"id_number", Col::kIdNumber},     {"arrest_date", Col::kArrestDate},
      {"facility", Col::kFacility},      {"notes", Col::kNotes},
  };
  return m;
}

}  // namespace

const std::vector<std::string>& records_csv_columns() {
  static const std::vector<std::string> cols = {
      "record_id",   "source",      "full_name",   "first_name", "father_name", "grandfather_name",
      "family_name", "mother_name", "gender",      "birth_date", "birth_place", "nationality",
      "id_number",   "arrest_date", "facility",    "notes"};
  return cols;
}

std::vector<std::string> records_csv_row(const SourceRecord& r, std::string_view source) {
  return {r.record_id,   std::string(source),       r.name.full,        r.name.first,         r.name.father,
          r.name.grandfather, r.name.family,        r.name.mother,      r.gender,             r.birth_date.to_string(),
          r.birth_place, r.nationality,             r.id_number,        r.arrest_date.to_string(), r.facility,
          r.notes};
}

Result<std::string> parse_gender(std::string_view text) {
  const std::string t = to_lower_ascii(trim(text));
  if (t.empty()) return std::string();
  static const std::unordered_map<std::string, std::string> kMap = {
      {"m", "m"},  {"male", "m"},   {"man", "m"},   {"h", "m"},      {"homme", "m"}, {"ذكر", "m"}, {"ذ", "m"},
      {"f", "f"},  {"female", "f"}, {"woman", "f"}, {"femme", "f"},  {"أنثى", "f"}, {"انثى", "f"}, {"أنثي", "f"},
      {"انثي", "f"}, {"ث", "f"}};
  if (auto it = kMap.find(t); it != kMap.end()) return it->second;
  return fail(ErrorKind::kBadInput, fmt::format("gender '{}' is not known", trim(text)), "gender",
              "use m or f (also male/female, ذكر/أنثى), or leave it empty when unknown");
}

Result<ParsedRecords> parse_records_csv(std::string_view text, std::string_view file_name) {
  ParsedRecords out;
  CsvReader reader(text);
  CsvReader::Item item;
  const auto bad = [&](std::string msg, int line, std::string hint) {
    return fail(ErrorKind::kBadInput, std::move(msg), fmt::format("{}:{}", file_name, line), std::move(hint));
  };
  if (!reader.next(item)) {
    return bad("the file is empty", 1, "give a CSV file with a header row (record_id, full_name, ...)");
  }
  if (!item.ok) return bad("the header row cannot be read: " + item.problem.reason, item.problem.line, "fix the header row");

  std::vector<Col> cols;
  std::map<std::string, int> seen;
  bool has_name = false;
  for (size_t i = 0; i < item.row.fields.size(); ++i) {
    std::string name = to_lower_ascii(trim(item.row.fields[i]));
    if (name.empty()) return bad(fmt::format("column {} of the header has no name", i + 1), item.row.line, "name every column");
    if (auto [it, inserted] = seen.emplace(name, static_cast<int>(i + 1)); !inserted) {
      return bad(fmt::format("column '{}' appears twice in the header (columns {} and {})", name, it->second, i + 1),
                 item.row.line, "remove or rename one of them");
    }
    out.columns.push_back(item.row.fields[i]);
    auto it = known_columns().find(name);
    const Col c = it == known_columns().end() ? Col::kExtra : it->second;
    if (c == Col::kExtra) out.extra_columns.push_back(name);
    if (c == Col::kFull || c == Col::kFirst || c == Col::kFamily || c == Col::kFather) has_name = true;
    cols.push_back(c);
  }
  if (!has_name) {
    return bad("the header has no name column", item.row.line,
               "add full_name, or first_name/father_name/family_name (see docs/FORMATS.md)");
  }
  reader.expect_fields(cols.size());

  std::unordered_map<std::string, int> record_ids;  // "source\x1frecord_id" -> line
  const auto today_days = today();
  while (reader.next(item)) {
    ++out.rows_total;
    if (!item.ok) {
      out.quarantined.push_back(std::move(item.problem));
      continue;
    }
    const int line = item.row.line;
    SourceRecord r;
    r.line = line;
    std::string source;
    std::string problem;
    const auto note = [&](std::string p) {
      if (problem.empty()) problem = std::move(p);
    };
    const auto date = [&](std::string_view field, std::string_view value, bool not_future) {
      auto d = PartialDate::parse(value);
      if (!d) {
        note(fmt::format("{}: {} ({})", field, d.error().message, d.error().hint));
        return PartialDate{};
      }
      if (not_future && !d->empty() && d->earliest() > today_days) {
        note(fmt::format("{}: {} is in the future", field, d->to_string()));
      }
      return *d;
    };
    for (size_t i = 0; i < cols.size(); ++i) {
      const std::string value(trim(item.row.fields[i]));
      switch (cols[i]) {
        case Col::kRecordId: r.record_id = value; break;
        case Col::kSource: source = value; break;
        case Col::kFull: r.name.full = value; break;
        case Col::kFirst: r.name.first = value; break;
        case Col::kFather: r.name.father = value; break;
        case Col::kGrandfather: r.name.grandfather = value; break;
        case Col::kFamily: r.name.family = value; break;
        case Col::kMother: r.name.mother = value; break;
        case Col::kGender: {
          auto g = parse_gender(value);
          if (g) {
            r.gender = *g;
          } else {
            note(fmt::format("gender: {} ({})", g.error().message, g.error().hint));
          }
          break;
        }
        case Col::kBirthDate: r.birth_date = date("birth_date", value, true); break;
        case Col::kBirthPlace: r.birth_place = value; break;
        case Col::kNationality: r.nationality = value; break;
        case Col::kIdNumber: r.id_number = value; break;
        case Col::kArrestDate: r.arrest_date = date("arrest_date", value, true); break;
        case Col::kFacility: r.facility = value; break;
        case Col::kNotes: r.notes = value; break;
        case Col::kExtra:
          if (!value.empty()) r.extra[to_lower_ascii(trim(out.columns[i]))] = value;
          break;
      }
    }
    if (r.name.empty()) note("no name: full_name and the name parts are all empty");
    if (problem.empty() && !r.birth_date.empty() && !r.arrest_date.empty() &&
        r.arrest_date.latest() < r.birth_date.earliest()) {
      note(fmt::format("arrest_date {} is before birth_date {}", r.arrest_date.to_string(), r.birth_date.to_string()));
    }
    if (problem.empty() && !r.record_id.empty()) {
      auto [it, inserted] = record_ids.emplace(source + '\x1f' + r.record_id, line);
      if (!inserted) note(fmt::format("record_id '{}' is used again (first at line {})", r.record_id, it->second));
    }
    if (!problem.empty()) {
      out.quarantined.push_back({line, std::move(problem), csv_line(item.row.fields)});
      out.quarantined.back().raw.pop_back();
      continue;
    }
    out.records.push_back(std::move(r));
    out.record_sources.push_back(std::move(source));
  }
  return out;
}

}  // namespace sawt::io
