// An XLSX list imports exactly like the same list as CSV: the same records,
// the same quarantined rows with the same lines and reasons. Both files are
// made here from one table (the XLSX with the writer the exports use).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "app/import.h"
#include "io/csv.h"
#include "io/records_csv.h"
#include "io/xlsx.h"
#include "testing.h"

namespace sawt::app {
namespace {

struct Lists {
  std::string csv;
  std::string xlsx;
  int broken = 0;
};

// 1,000 rows; every 25th is broken in one of five ways. Valid dates go into
// the workbook as date cells (serial numbers), record ids as numbers.
Lists make_lists() {
  const std::vector<std::string> header = {"record_id",  "full_name",   "mother_name", "gender",
                                           "birth_date", "arrest_date", "facility",    "notes"};
  const char* first[] = {"محمد", "أحمد", "خالد", "عمر", "Mohamed", "Ahmad", "Khaled", "Omar"};
  const char* family[] = {"الحموي", "العلي", "الخطيب", "al-Hamwi", "al-Ali"};
  Lists out;
  out.csv = io::csv_line(header);
  io::XlsxTable sheet{"قائمة", {}};
  std::vector<io::XlsxCell> head;
  for (const auto& h : header) head.push_back(io::XlsxCell::of(h));
  sheet.rows.push_back(head);
  for (int i = 1; i <= 1000; ++i) {
    std::string name = std::string(first[i % 8]) + " " + family[i % 5];
    std::string gender = i % 2 == 0 ? "m" : "ذكر";
    std::string birth = fmt::format("{}-{:02}-{:02}", 1960 + i % 40, 1 + i % 12, 1 + i % 28);
    std::string arrest = fmt::format("2014-{:02}", 1 + i % 12);
    bool birth_is_date = true;
    if (i % 25 == 0) {
      ++out.broken;
      switch ((i / 25) % 5) {
        case 0:
          birth = "1985-13-01";
          birth_is_date = false;
          break;  // impossible month
        case 1:
          name.clear();
          break;  // no name
        case 2:
          gender = "x";
          break;  // unknown code
        case 3:
          birth = "yesterday";
          birth_is_date = false;
          break;  // not a date
        case 4:
          arrest = "1950";
          break;  // arrest before birth
      }
    }
    const std::vector<std::string> row = {std::to_string(i),
                                          name,
                                          i % 3 == 0 ? "فاطمة" : "",
                                          gender,
                                          birth,
                                          arrest,
                                          "lb-roumieh",
                                          i % 7 == 0 ? "ملاحظة, مع فاصلة" : ""};
    out.csv += io::csv_line(row);
    std::vector<io::XlsxCell> cells = {io::XlsxCell::num(i),
                                       io::XlsxCell::of(name),
                                       io::XlsxCell::of(row[2]),
                                       io::XlsxCell::of(gender),
                                       birth_is_date ? io::XlsxCell::date(birth) : io::XlsxCell::of(birth),
                                       io::XlsxCell::of(arrest),
                                       io::XlsxCell::of(row[6]),
                                       io::XlsxCell::of(row[7])};
    sheet.rows.push_back(std::move(cells));
  }
  auto bytes = io::write_xlsx({sheet});
  EXPECT_TRUE(bytes);
  out.xlsx = bytes ? *bytes : std::string();
  return out;
}

TEST(ImportXlsx, AWorkbookParsesExactlyLikeTheSameCsv) {
  const auto lists = make_lists();
  auto from_csv = io::parse_records_csv(lists.csv, "list");
  auto table = io::read_records_table(lists.xlsx, "list");
  ASSERT_TRUE(from_csv) << from_csv.error().describe();
  ASSERT_TRUE(table) << table.error().describe();
  auto from_xlsx = io::parse_records_table(*table, "list");
  ASSERT_TRUE(from_xlsx) << from_xlsx.error().describe();
  EXPECT_EQ(from_csv->rows_total, 1000);
  EXPECT_EQ(from_xlsx->rows_total, 1000);
  ASSERT_EQ(from_csv->quarantined.size(), static_cast<size_t>(lists.broken));
  ASSERT_EQ(from_xlsx->quarantined.size(), from_csv->quarantined.size());
  for (size_t i = 0; i < from_csv->quarantined.size(); ++i) {
    EXPECT_EQ(from_xlsx->quarantined[i].line, from_csv->quarantined[i].line);
    EXPECT_EQ(from_xlsx->quarantined[i].reason, from_csv->quarantined[i].reason);
    EXPECT_EQ(from_xlsx->quarantined[i].raw, from_csv->quarantined[i].raw);
  }
  ASSERT_EQ(from_xlsx->records.size(), from_csv->records.size());
  for (size_t i = 0; i < from_csv->records.size(); ++i) {
    EXPECT_EQ(io::records_csv_row(from_xlsx->records[i], ""), io::records_csv_row(from_csv->records[i], ""));
    EXPECT_EQ(from_xlsx->records[i].line, from_csv->records[i].line);
  }
}

TEST(ImportXlsx, ImportsIntoAStoreWithTheSameQuarantineReport) {
  setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
  const auto lists = make_lists();
  sawt::testing::TempDir tmp;
  std::vector<std::vector<store::QuarantinedRow>> reports;
  for (const auto& [name, bytes] : {std::pair{"list.csv", lists.csv}, std::pair{"list.xlsx", lists.xlsx}}) {
    auto s = store::Store::create(tmp / name, crypto::make_passphrase("correct horse battery"));
    ASSERT_TRUE(s);
    store::Repository repo(**s, "t");
    ImportOptions o;
    o.source = "lawyers";
    o.file_name = name;
    auto r = import_records(repo, bytes, o);
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(r->info.format, std::string(name).ends_with("xlsx") ? "xlsx" : "csv");
    EXPECT_EQ(r->info.rows_ok, 1000 - lists.broken);
    EXPECT_EQ(*(*s)->db().query_int("SELECT count(*) FROM source_records"), 1000 - lists.broken);
    reports.push_back(*repo.quarantine(r->info.id));
  }
  ASSERT_EQ(reports[0].size(), static_cast<size_t>(lists.broken));
  ASSERT_EQ(reports[1].size(), reports[0].size());
  for (size_t i = 0; i < reports[0].size(); ++i) {
    EXPECT_EQ(reports[1][i].line, reports[0][i].line);
    EXPECT_EQ(reports[1][i].reason, reports[0][i].reason);
  }
}

TEST(ImportXlsx, PreviewWritesNothingAndProposesAMapping) {
  io::XlsxTable sheet{"Sheet1", {}};
  sheet.rows.push_back(
      {io::XlsxCell::of("الاسم"), io::XlsxCell::of("اسم الأم"), io::XlsxCell::of("تاريخ الولادة")});
  sheet.rows.push_back(
      {io::XlsxCell::of("محمد العلي"), io::XlsxCell::of("فاطمة"), io::XlsxCell::date("1985-03-02")});
  sheet.rows.push_back({io::XlsxCell::of(""), io::XlsxCell::of("زينب"), io::XlsxCell::of("1990")});
  auto bytes = io::write_xlsx({sheet});
  ASSERT_TRUE(bytes);
  ImportOptions o;
  o.file_name = "w.xlsx";
  auto p = preview_import(*bytes, o, 10);
  ASSERT_TRUE(p) << p.error().describe();
  EXPECT_EQ(p->format, "xlsx");
  EXPECT_EQ(p->sheets, std::vector<std::string>{"Sheet1"});
  EXPECT_EQ(p->proposed.at("الاسم"), "full_name");
  EXPECT_EQ(p->proposed.at("اسم الأم"), "mother_name");
  EXPECT_EQ(p->proposed.at("تاريخ الولادة"), "birth_date");
  EXPECT_FALSE(p->blocking.has_value());
  EXPECT_EQ(p->records_ok, 1);
  ASSERT_EQ(p->quarantined.size(), 1U);
  EXPECT_EQ(p->quarantined[0].line, 3);
  ASSERT_EQ(p->first_rows.size(), 2U);
  EXPECT_EQ(p->first_rows[0].fields[2], "1985-03-02");

  // Everything mapped away from names: the preview says why nothing would import.
  o.mapping = {{"الاسم", "-"}};
  auto blocked = preview_import(*bytes, o, 10);
  ASSERT_TRUE(blocked);
  ASSERT_TRUE(blocked->blocking.has_value());
  EXPECT_EQ(blocked->records_ok, 0);
}

}  // namespace
}  // namespace sawt::app
