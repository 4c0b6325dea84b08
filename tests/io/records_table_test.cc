// The table path shared by CSV and XLSX imports: column mappings, proposed
// mappings for Arabic and English headers, and spreadsheets read as tables.
#include <gtest/gtest.h>

#include "io/records_csv.h"
#include "io/xlsx.h"
#include "testing.h"

namespace sawt::io {
namespace {

TEST(RecordsTable, ProposesFieldsForArabicAndEnglishHeaders) {
  for (const auto& row : sawt::testing::read_golden("io/header_mapping.tsv", 2)) {
    if (row[0] == "header") continue;
    const auto proposal = propose_mapping({row[0]});
    if (row[1] == "-") {
      EXPECT_TRUE(proposal.empty()) << "line " << row.line << ": " << row[0];
    } else {
      ASSERT_EQ(proposal.size(), 1U) << "line " << row.line << ": " << row[0];
      EXPECT_EQ(proposal.begin()->second, row[1]) << "line " << row.line << ": " << row[0];
    }
  }
}

TEST(RecordsTable, NeverProposesAFieldTwiceOrOverAColumnNamedForIt) {
  const auto p = propose_mapping({"full_name", "الاسم", "DOB", "تاريخ الولادة", "phone"});
  EXPECT_FALSE(p.contains("الاسم"));  // full_name is already a column
  ASSERT_TRUE(p.contains("DOB"));
  EXPECT_EQ(p.at("DOB"), "birth_date");
  EXPECT_FALSE(p.contains("تاريخ الولادة"));
  EXPECT_FALSE(p.contains("phone"));
}

TEST(RecordsTable, AMappingRenamesIgnoresAndKeepsColumns) {
  const std::string csv =
      "الاسم,اسم الأم,تاريخ الولادة,هاتف,سري\n"
      "محمد أحمد العلي,فاطمة,1985-13-01,+961,x\n"
      "خالد أحمد العلي,فاطمة,~1987,+962,y\n";
  const ColumnMapping m = {{"الاسم", "full_name"},
                           {"اسم الأم", "mother_name"},
                           {"تاريخ الولادة", "birth_date"},
                           {"هاتف", ""},
                           {"سري", "-"}};
  auto parsed = parse_records_csv(csv, "m.csv", m);
  ASSERT_TRUE(parsed) << parsed.error().describe();
  ASSERT_EQ(parsed->records.size(), 1U);
  EXPECT_EQ(parsed->records[0].name.full, "خالد أحمد العلي");
  EXPECT_EQ(parsed->records[0].name.mother, "فاطمة");
  EXPECT_EQ(parsed->records[0].extra.at("هاتف"), "+962");
  EXPECT_FALSE(parsed->records[0].extra.contains("سري"));
  ASSERT_EQ(parsed->quarantined.size(), 1U);
  EXPECT_EQ(parsed->quarantined[0].line, 2);
  EXPECT_NE(parsed->quarantined[0].reason.find("birth_date"), std::string::npos);
}

TEST(RecordsTable, WithoutAMappingTheErrorSuggestsOne) {
  auto parsed = parse_records_csv("الاسم,DOB\nمحمد,1985\n", "n.csv");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().kind, ErrorKind::kBadInput);
  EXPECT_NE(parsed.error().hint.find("--map 'الاسم=full_name'"), std::string::npos) << parsed.error().hint;
  EXPECT_NE(parsed.error().hint.find("--map 'DOB=birth_date'"), std::string::npos) << parsed.error().hint;
}

TEST(RecordsTable, BadMappingsAreUsageErrors) {
  auto a = parse_records_csv("full_name\nx\n", "a.csv", {{"nope", "full_name"}});
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().kind, ErrorKind::kUsage);
  EXPECT_NE(a.error().message.find("'nope'"), std::string::npos);
  auto b = parse_records_csv("full_name,x\nx,y\n", "b.csv", {{"x", "shoe_size"}});
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().kind, ErrorKind::kUsage);
  auto c = parse_records_csv("full_name,الاسم\nx,y\n", "c.csv", {{"الاسم", "full_name"}});
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("appears twice"), std::string::npos);
}

TEST(RecordsTable, AWorkbookIsReadAsATableWithSpreadsheetRowNumbers) {
  XlsxTable t{"list", {}};
  t.rows.push_back({XlsxCell::of("full_name"), XlsxCell::of("birth_date")});
  t.rows.push_back({XlsxCell::of("محمد العلي"), XlsxCell::date("1985-03-02")});
  t.rows.push_back({});  // an empty row 3
  t.rows.push_back({XlsxCell::of("Ahmad"), XlsxCell::of("1985-13-01")});
  t.rows.push_back({XlsxCell::of("Omar"), XlsxCell::of(""), XlsxCell::of("stray")});
  auto bytes = write_xlsx({t});
  ASSERT_TRUE(bytes);
  auto table = read_records_table(*bytes, "w.xlsx");
  ASSERT_TRUE(table) << table.error().describe();
  EXPECT_EQ(table->format, "xlsx");
  auto parsed = parse_records_table(*table, "w.xlsx");
  ASSERT_TRUE(parsed) << parsed.error().describe();
  ASSERT_EQ(parsed->records.size(), 1U);
  EXPECT_EQ(parsed->records[0].birth_date.to_string(), "1985-03-02");
  ASSERT_EQ(parsed->quarantined.size(), 2U);
  EXPECT_EQ(parsed->quarantined[0].line, 4);
  EXPECT_EQ(parsed->quarantined[1].line, 5);
  EXPECT_EQ(parsed->quarantined[1].reason, "the row has 3 fields but the header has 2");
  EXPECT_EQ(parsed->rows_total, 3);

  auto sheet_for_csv = read_records_table("full_name\nx\n", "x.csv", "list");
  ASSERT_FALSE(sheet_for_csv);
  EXPECT_EQ(sheet_for_csv.error().kind, ErrorKind::kUsage);
}

}  // namespace
}  // namespace sawt::io
