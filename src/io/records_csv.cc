#include "io/records_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "io/xlsx.h"
#include "util/strings.h"

namespace sawt::io {

namespace {

enum class Col {
  kRecordId,
  kSource,
  kFull,
  kFirst,
  kFather,
  kGrandfather,
  kFamily,
  kMother,
  kGender,
  kBirthDate,
  kBirthPlace,
  kNationality,
  kIdNumber,
  kArrestDate,
  kFacility,
  kNotes,
  kExtra,
  kIgnore
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
      "record_id",   "source",      "full_name", "first_name", "father_name", "grandfather_name",
      "family_name", "mother_name", "gender",    "birth_date", "birth_place", "nationality",
      "id_number",   "arrest_date", "facility",  "notes"};
  return cols;
}

std::vector<std::string> records_csv_row(const SourceRecord& r, std::string_view source) {
  return {r.record_id,   std::string(source),       r.name.full,   r.name.first,
          r.name.father, r.name.grandfather,        r.name.family, r.name.mother,
          r.gender,      r.birth_date.to_string(),  r.birth_place, r.nationality,
          r.id_number,   r.arrest_date.to_string(), r.facility,    r.notes};
}

std::vector<std::string> records_csv_header(const std::vector<std::string>& extra) {
  auto header = records_csv_columns();
  header.insert(header.end(), extra.begin(), extra.end());
  return header;
}

std::vector<std::string> records_csv_row(const SourceRecord& r, std::string_view source,
                                         const std::vector<std::string>& extra) {
  auto row = records_csv_row(r, source);
  for (const auto& column : extra) {
    const auto it = r.extra.find(column);
    row.push_back(it == r.extra.end() ? std::string() : it->second);
  }
  return row;
}

Result<std::string> parse_gender(std::string_view text) {
  const std::string t = to_lower_ascii(trim(text));
  if (t.empty()) return std::string();
  static const std::unordered_map<std::string, std::string> kMap = {
      {"m", "m"},    {"male", "m"}, {"man", "m"},    {"h", "m"},     {"homme", "m"}, {"ذكر", "m"},
      {"ذ", "m"},    {"f", "f"},    {"female", "f"}, {"woman", "f"}, {"femme", "f"}, {"أنثى", "f"},
      {"انثى", "f"}, {"أنثي", "f"}, {"انثي", "f"},   {"ث", "f"}};
  if (auto it = kMap.find(t); it != kMap.end()) return it->second;
  return fail(ErrorKind::kBadInput, fmt::format("gender '{}' is not known", trim(text)), "gender",
              "use m or f (also male/female, ذكر/أنثى), or leave it empty when unknown");
}

namespace {

// Folds a header for matching: trimmed, ASCII lower case, separators as '_',
// Arabic alef/ya/ta marbuta forms and tatweel folded.
std::string fold_header(std::string_view header) {
  std::string s = to_lower_ascii(trim(header));
  const std::pair<std::string_view, std::string_view> folds[] = {
      {"أ", "ا"}, {"إ", "ا"}, {"آ", "ا"}, {"ٱ", "ا"}, {"ى", "ي"}, {"ة", "ه"}, {"ـ", ""},
      {" ", "_"}, {"-", "_"}, {".", ""},  {"'", ""},  {"’", ""},  {":", ""}};
  for (const auto& [from, to] : folds) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
      s.replace(at, from.size(), to);
    }
  }
  while (s.find("__") != std::string::npos) s.replace(s.find("__"), 2, "_");
  return s;
}

// Ways lists name the interchange fields, in Arabic and English.
const std::map<std::string, std::string>& header_synonyms() {
  static const std::map<std::string, std::string> m = [] {
    const std::vector<std::pair<std::string, std::vector<std::string>>> table = {
        {"record_id",
         {"id", "no", "number", "record", "record_no", "رقم", "الرقم", "رقم السجل", "التسلسل", "م"}},
        {"source", {"المصدر", "source_name"}},
        {"full_name",
         {"name", "full name", "الاسم", "الاسم الكامل", "الاسم الثلاثي", "الاسم الرباعي", "اسم",
          "الاسم والشهرة", "detainee", "اسم المعتقل", "اسم الموقوف"}},
        {"first_name", {"first", "given name", "forename", "الاسم الاول", "الاسم الأول"}},
        {"father_name", {"father", "father's name", "fathers name", "اسم الاب", "اسم الأب", "الاب", "الأب"}},
        {"grandfather_name", {"grandfather", "grandfather's name", "اسم الجد", "الجد"}},
        {"family_name",
         {"family", "surname", "last name", "last_name", "الكنيه", "الكنية", "اسم العائله", "اسم العائلة",
          "العائله", "العائلة", "الشهرة"}},
        {"mother_name", {"mother", "mother's name", "mothers name", "اسم الام", "اسم الأم", "الام", "الأم"}},
        {"gender", {"sex", "الجنس", "الجنسيه_ذكر_انثى"}},
        {"birth_date",
         {"dob", "date of birth", "birth date", "birthdate", "born", "تاريخ الولاده", "تاريخ الولادة",
          "تاريخ الميلاد", "المواليد", "مواليد", "التولد"}},
        {"birth_place",
         {"pob", "place of birth", "birthplace", "مكان الولاده", "مكان الولادة", "محل الولادة",
          "مكان الميلاد", "محل الولاده"}},
        {"nationality", {"citizenship", "الجنسيه", "الجنسية"}},
        {"id_number",
         {"id no", "national id", "national_number", "id_no", "رقم الهويه", "رقم الهوية", "الرقم الوطني",
          "رقم القيد"}},
        {"arrest_date",
         {"date of arrest", "arrested", "arrest", "detention date", "تاريخ الاعتقال", "تاريخ التوقيف",
          "تاريخ الاحتجاز"}},
        {"facility",
         {"prison", "place of detention", "detention place", "السجن", "مكان الاحتجاز", "مكان التوقيف",
          "مكان الاعتقال"}},
        {"notes", {"note", "remarks", "comments", "ملاحظات", "ملاحظه", "ملاحظة"}},
    };
    std::map<std::string, std::string> out;
    for (const auto& [field, names] : table) {
      out.emplace(fold_header(field), field);
      for (const auto& n : names) out.emplace(fold_header(n), field);
    }
    return out;
  }();
  return m;
}

// Fills a table's rows from an XLSX sheet: cells beyond the header are a
// problem only when not empty, as a CSV row with too many fields would be.
RecordsTable table_from_sheet(const XlsxSheet& sheet) {
  RecordsTable t;
  t.format = "xlsx";
  t.header = {sheet.rows.front().number, sheet.rows.front().cells};
  const size_t n = t.header.fields.size();
  for (size_t i = 1; i < sheet.rows.size(); ++i) {
    const auto& r = sheet.rows[i];
    CsvReader::Item item;
    item.row.line = r.number;
    item.row.fields = r.cells;
    if (item.row.fields.size() > n) {
      item.ok = false;
      item.problem = {r.number, fmt::format("the row has {} fields but the header has {}", r.cells.size(), n),
                      csv_line(r.cells)};
      item.problem.raw.pop_back();
    } else {
      item.row.fields.resize(n);
    }
    t.rows.push_back(std::move(item));
  }
  return t;
}

}  // namespace

Result<RecordsTable> read_records_table(std::string_view bytes, std::string_view file_name,
                                        std::string_view sheet) {
  const auto bad = [&](std::string msg, int line, std::string hint) {
    return fail(ErrorKind::kBadInput, std::move(msg), fmt::format("{}:{}", file_name, line), std::move(hint));
  };
  if (looks_like_zip(bytes) || looks_like_ole(bytes)) {
    auto s = SAWT_TRY(read_xlsx(bytes, file_name, sheet));
    if (s.rows.empty()) {
      return fail(ErrorKind::kBadInput, fmt::format("the sheet '{}' is empty", s.name),
                  std::string(file_name), "give a sheet with a header row (record_id, full_name, ...)");
    }
    return table_from_sheet(s);
  }
  if (!sheet.empty()) {
    return fail(ErrorKind::kUsage, "a sheet was named but the file is a CSV, not a workbook",
                std::string(file_name), "leave out --sheet for CSV files");
  }
  RecordsTable t;
  t.format = "csv";
  CsvReader reader(bytes);
  CsvReader::Item item;
  if (!reader.next(item)) {
    return bad("the file is empty", 1, "give a CSV file with a header row (record_id, full_name, ...)");
  }
  if (!item.ok)
    return bad("the header row cannot be read: " + item.problem.reason, item.problem.line,
               "fix the header row");
  t.header = std::move(item.row);
  reader.expect_fields(t.header.fields.size());
  while (reader.next(item)) t.rows.push_back(std::move(item));
  return t;
}

Status check_mapping(const ColumnMapping& mapping, const std::vector<std::string>& header) {
  for (const auto& [column, field] : mapping) {
    const std::string key = to_lower_ascii(trim(column));
    const bool present = std::any_of(header.begin(), header.end(),
                                     [&](const std::string& h) { return to_lower_ascii(trim(h)) == key; });
    if (!present) {
      std::vector<std::string> quoted;
      for (const auto& h : header) quoted.push_back("'" + h + "'");
      return fail(ErrorKind::kUsage,
                  fmt::format("the mapping names the column '{}', which the file does not have", column),
                  "mapping", "the file's columns are " + join(quoted, ", "));
    }
    if (field.empty() || field == "-" || known_columns().contains(field)) continue;
    return fail(ErrorKind::kUsage, fmt::format("'{}' is not a field a column can be mapped to", field),
                "mapping",
                "use one of " + join(records_csv_columns(), ", ") +
                    ", '' to keep it as an extra attribute or '-' to ignore it");
  }
  return {};
}

ColumnMapping propose_mapping(const std::vector<std::string>& header) {
  ColumnMapping out;
  std::set<std::string> taken;
  for (const auto& h : header) {
    if (auto it = known_columns().find(to_lower_ascii(trim(h))); it != known_columns().end())
      taken.insert(it->first);
  }
  for (const auto& h : header) {
    if (known_columns().contains(to_lower_ascii(trim(h)))) continue;
    auto it = header_synonyms().find(fold_header(h));
    if (it == header_synonyms().end() || taken.contains(it->second)) continue;
    taken.insert(it->second);
    out[h] = it->second;
  }
  return out;
}

Result<ParsedRecords> parse_records_csv(std::string_view text, std::string_view file_name,
                                        const ColumnMapping& mapping) {
  auto table = SAWT_TRY(read_records_table(text, file_name));
  return parse_records_table(table, file_name, mapping);
}

Result<ParsedRecords> parse_records_table(const RecordsTable& table, std::string_view file_name,
                                          const ColumnMapping& mapping) {
  ParsedRecords out;
  const auto bad = [&](std::string msg, int line, std::string hint) {
    return fail(ErrorKind::kBadInput, std::move(msg), fmt::format("{}:{}", file_name, line), std::move(hint));
  };
  SAWT_CHECK(check_mapping(mapping, table.header.fields));
  std::map<std::string, std::string> mapped;  // lower-cased header -> field
  for (const auto& [column, field] : mapping) mapped[to_lower_ascii(trim(column))] = field;

  std::vector<Col> cols;
  std::map<std::string, int> seen;
  bool has_name = false;
  const CsvRow& header = table.header;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    if (!is_valid_utf8(header.fields[i])) {
      return bad(fmt::format("column {} of the header is not UTF-8 text", i + 1), header.line,
                 "save the file as UTF-8 (CSV UTF-8 in spreadsheet programs)");
    }
    const std::string own = to_lower_ascii(trim(header.fields[i]));
    if (own.empty())
      return bad(fmt::format("column {} of the header has no name", i + 1), header.line, "name every column");
    out.columns.push_back(header.fields[i]);
    std::string name = own;
    bool extra = false;
    if (auto m = mapped.find(own); m != mapped.end()) {
      if (m->second == "-") {
        cols.push_back(Col::kIgnore);
        continue;
      }
      if (m->second.empty()) {
        extra = true;
      } else {
        name = m->second;
      }
    }
    if (auto [it, inserted] = seen.emplace(name, static_cast<int>(i + 1)); !inserted) {
      return bad(
          fmt::format("column '{}' appears twice in the header (columns {} and {})", name, it->second, i + 1),
          header.line, "remove or rename one of them, or map only one of them to the field");
    }
    auto it = known_columns().find(name);
    const Col c = extra || it == known_columns().end() ? Col::kExtra : it->second;
    if (c == Col::kExtra) out.extra_columns.push_back(own);
    if (c == Col::kFull || c == Col::kFirst || c == Col::kFamily || c == Col::kFather) has_name = true;
    cols.push_back(c);
  }
  if (!has_name) {
    std::string hint = "add full_name, or first_name/father_name/family_name (see docs/FORMATS.md)";
    const auto proposal = propose_mapping(header.fields);
    if (!proposal.empty()) {
      std::vector<std::string> maps;
      for (const auto& [column, field] : proposal)
        maps.push_back(fmt::format("--map '{}={}'", column, field));
      hint = "map the file's columns to fields, e.g. " + join(maps, " ");
    }
    return bad("the header has no name column", header.line, hint);
  }

  std::unordered_map<std::string, int> record_ids;  // "source\x1frecord_id" -> line
  const auto today_days = today();
  for (const auto& item : table.rows) {
    ++out.rows_total;
    if (!item.ok) {
      out.quarantined.push_back(item.problem);
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
        case Col::kRecordId:
          r.record_id = value;
          break;
        case Col::kSource:
          source = value;
          break;
        case Col::kFull:
          r.name.full = value;
          break;
        case Col::kFirst:
          r.name.first = value;
          break;
        case Col::kFather:
          r.name.father = value;
          break;
        case Col::kGrandfather:
          r.name.grandfather = value;
          break;
        case Col::kFamily:
          r.name.family = value;
          break;
        case Col::kMother:
          r.name.mother = value;
          break;
        case Col::kGender: {
          auto g = parse_gender(value);
          if (g) {
            r.gender = *g;
          } else {
            note(fmt::format("gender: {} ({})", g.error().message, g.error().hint));
          }
          break;
        }
        case Col::kBirthDate:
          r.birth_date = date("birth_date", value, true);
          break;
        case Col::kBirthPlace:
          r.birth_place = value;
          break;
        case Col::kNationality:
          r.nationality = value;
          break;
        case Col::kIdNumber:
          r.id_number = value;
          break;
        case Col::kArrestDate:
          r.arrest_date = date("arrest_date", value, true);
          break;
        case Col::kFacility:
          r.facility = value;
          break;
        case Col::kNotes:
          r.notes = value;
          break;
        case Col::kExtra:
          if (!value.empty()) r.extra[to_lower_ascii(trim(out.columns[i]))] = value;
          break;
        case Col::kIgnore:
          break;
      }
    }
    if (r.name.empty()) note("no name: full_name and the name parts are all empty");
    if (problem.empty() && !r.birth_date.empty() && !r.arrest_date.empty() &&
        r.arrest_date.latest() < r.birth_date.earliest()) {
      note(fmt::format("arrest_date {} is before birth_date {}", r.arrest_date.to_string(),
                       r.birth_date.to_string()));
    }
    if (problem.empty() && !r.record_id.empty()) {
      auto [it, inserted] = record_ids.emplace(source + '\x1f' + r.record_id, line);
      if (!inserted)
        note(fmt::format("record_id '{}' is used again (first at line {})", r.record_id, it->second));
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
