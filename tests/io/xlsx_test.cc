#include "io/xlsx.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <string>

namespace sawt::io {
namespace {

// A zip made of the given parts, in memory, for hand-written workbooks.
std::string make_zip(const std::map<std::string, std::string>& parts) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(buffer);
  zip_t* za = zip_open_from_source(buffer, ZIP_TRUNCATE, &err);
  for (const auto& [name, content] : parts) {
    zip_source_t* s = zip_source_buffer(za, content.data(), content.size(), 0);
    zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8);
  }
  zip_close(za);
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  std::string out(static_cast<size_t>(zip_source_tell(buffer)), '\0');
  zip_source_seek(buffer, 0, SEEK_SET);
  zip_source_read(buffer, out.data(), out.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&err);
  return out;
}

const char* kNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

// A workbook as another program would write it: inline strings, rich-text
// shared strings with a phonetic run, booleans, cells without references, a
// custom date format, the 1904 date system, a gap row.
std::string foreign_workbook(bool date1904) {
  std::map<std::string, std::string> parts;
  parts["[Content_Types].xml"] =
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
  parts["_rels/.rels"] =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
      "Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
      "Target=\"/xl/workbook.xml\"/></Relationships>";
  parts["xl/workbook.xml"] =
      std::string("<x:workbook xmlns:x=\"") + kNs +
      "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
      (date1904 ? "<x:workbookPr date1904=\"1\"/>" : "") +
      "<x:sheets><x:sheet name=\"قائمة\" sheetId=\"1\" r:id=\"rA\"/><x:sheet name=\"Other\" "
      "sheetId=\"2\" r:id=\"rB\"/></x:sheets></x:workbook>";
  parts["xl/_rels/workbook.xml.rels"] =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rA\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
      "Target=\"sheets/a.xml\"/>"
      "<Relationship Id=\"rB\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
      "Target=\"sheets/b.xml\"/>"
      "<Relationship Id=\"rS\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
      "Target=\"ss.xml\"/>"
      "<Relationship Id=\"rY\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
      "Target=\"st.xml\"/></Relationships>";
  parts["xl/ss.xml"] =
      std::string("<sst xmlns=\"") + kNs +
      "\"><si><t>الاسم</t></si><si><r><t>محمد </t></r><r><t>العلي</t></r><rPh><t>phonetic</t></rPh>"
      "</si><si><t>DOB</t></si></sst>";
  parts["xl/st.xml"] =
      std::string("<styleSheet xmlns=\"") + kNs +
      "\"><numFmts><numFmt numFmtId=\"170\" formatCode=\"dd/mm/yyyy\"/><numFmt numFmtId=\"171\" "
      "formatCode=\"0.00&quot;d&quot;\"/></numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
      "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"170\"/><xf numFmtId=\"171\"/><xf numFmtId=\"14\"/>"
      "</cellXfs></styleSheet>";
  parts["xl/sheets/a.xml"] =
      std::string("<worksheet xmlns=\"") + kNs +
      "\"><sheetData>"
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>2</v></c><c r=\"C1\" "
      "t=\"inlineStr\"><is><t>flag</t></is></c></row>"
      "<row r=\"2\"><c t=\"s\"><v>1</v></c><c s=\"1\"><v>31048</v></c><c t=\"b\"><v>1</v></c>"
      "<c r=\"E2\" s=\"2\"><v>7.5</v></c></row>"
      "<row r=\"3\"><c r=\"A3\"/><c r=\"B3\" t=\"inlineStr\"><is><t></t></is></c></row>"
      "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> خالد </t></is></c>"
      "<c r=\"B5\" s=\"3\"><v>1985.75</v></c><c r=\"C5\" t=\"str\"><f>A1</f><v>x</v></c></row>"
      "</sheetData></worksheet>";
  parts["xl/sheets/b.xml"] =
      std::string("<worksheet xmlns=\"") + kNs +
      "\"><sheetData><row r=\"1\"><c r=\"B1\"><v>42</v></c></row></sheetData></worksheet>";
  return make_zip(parts);
}

TEST(Xlsx, SerialDatesFollowExcelsCalendar) {
  EXPECT_EQ(excel_serial_to_date(1), "1900-01-01");
  EXPECT_EQ(excel_serial_to_date(59), "1900-02-28");
  EXPECT_EQ(excel_serial_to_date(60), "1900-02-28");  // Excel's 1900-02-29, which never was
  EXPECT_EQ(excel_serial_to_date(61), "1900-03-01");
  EXPECT_EQ(excel_serial_to_date(31048), "1985-01-01");
  EXPECT_EQ(excel_serial_to_date(45658.75), "2025-01-01");
  for (const char* d : {"1900-01-01", "1900-03-01", "1985-01-01", "2024-02-29", "2026-12-31"}) {
    auto serial = date_to_excel_serial(d);
    ASSERT_TRUE(serial) << d;
    EXPECT_EQ(excel_serial_to_date(*serial), d);
  }
  EXPECT_FALSE(date_to_excel_serial("1985-13-01"));
  EXPECT_FALSE(date_to_excel_serial("~1985"));
}

TEST(Xlsx, WhatIsWrittenReadsBackWithArabicIntactAndDatesAsDates) {
  XlsxTable people{"الأشخاص", {}};
  people.rows.push_back(
      {XlsxCell::of("full_name"), XlsxCell::of("birth_date"), XlsxCell::of("n"), XlsxCell::of("note")});
  people.rows.push_back({XlsxCell::of("أحمد \"أبو\" <علي> & أولاده"), XlsxCell::date("1985-03-02"),
                         XlsxCell::num(3), XlsxCell::of(" spaced\nlines ")});
  people.rows.push_back(
      {XlsxCell::of("Ahmad Ali"), XlsxCell::of("~1980"), XlsxCell::num(2.5), XlsxCell::of("")});
  XlsxTable other{"second", {{XlsxCell::of("x")}}};
  auto bytes = write_xlsx({people, other});
  ASSERT_TRUE(bytes) << bytes.error().describe();
  EXPECT_TRUE(looks_like_zip(*bytes));

  auto names = xlsx_sheet_names(*bytes, "t.xlsx");
  ASSERT_TRUE(names);
  EXPECT_EQ(*names, (std::vector<std::string>{"الأشخاص", "second"}));

  auto sheet = read_xlsx(*bytes, "t.xlsx");
  ASSERT_TRUE(sheet) << sheet.error().describe();
  EXPECT_EQ(sheet->name, "الأشخاص");
  ASSERT_EQ(sheet->rows.size(), 3U);
  EXPECT_EQ(sheet->rows[1].number, 2);
  EXPECT_EQ(sheet->rows[1].cells,
            (std::vector<std::string>{"أحمد \"أبو\" <علي> & أولاده", "1985-03-02", "3", " spaced\nlines "}));
  EXPECT_EQ(sheet->rows[2].cells, (std::vector<std::string>{"Ahmad Ali", "~1980", "2.5"}));

  auto second = read_xlsx(*bytes, "t.xlsx", "second");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->rows[0].cells, std::vector<std::string>{"x"});
  auto missing = read_xlsx(*bytes, "t.xlsx", "nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
  EXPECT_NE(missing.error().hint.find("'second'"), std::string::npos);
}

TEST(Xlsx, ReadsWhatOtherProgramsWrite) {
  auto sheet = read_xlsx(foreign_workbook(false), "f.xlsx");
  ASSERT_TRUE(sheet) << sheet.error().describe();
  EXPECT_EQ(sheet->name, "قائمة");
  ASSERT_EQ(sheet->rows.size(), 3U);  // the empty row 3 is skipped
  EXPECT_EQ(sheet->rows[0].cells, (std::vector<std::string>{"الاسم", "DOB", "flag"}));
  // Rich text joined, phonetic run left out; custom dd/mm/yyyy style is a date;
  // a number format with a quoted "d" is not; booleans as TRUE/FALSE.
  EXPECT_EQ(sheet->rows[1].cells, (std::vector<std::string>{"محمد العلي", "1985-01-01", "TRUE", "", "7.5"}));
  EXPECT_EQ(sheet->rows[2].number, 5);
  EXPECT_EQ(sheet->rows[2].cells, (std::vector<std::string>{" خالد ", "1905-06-07", "x"}));

  auto in1904 = read_xlsx(foreign_workbook(true), "f.xlsx");
  ASSERT_TRUE(in1904);
  EXPECT_EQ(in1904->rows[1].cells[1], "1989-01-02");  // 1462 days later
}

TEST(Xlsx, RefusesWhatItCannotRead) {
  const auto refused = [](const std::string& bytes, const char* fragment) {
    auto r = read_xlsx(bytes, "bad.xlsx");
    ASSERT_FALSE(r) << fragment;
    EXPECT_EQ(r.error().kind, ErrorKind::kBadInput);
    EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
    EXPECT_FALSE(r.error().hint.empty());
  };
  refused(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'), "encrypted");
  refused("full_name\nAhmad\n", "not an XLSX");
  refused(std::string("PK\x03\x04", 4) + std::string(100, 'x'), "damaged");
  refused(make_zip({{"readme.txt", "hello"}}), "not a spreadsheet");
  refused(make_zip({{"xl/workbook.xml", "<workbook><sheets><sheet name=\"a\""}}), "well-formed");
  refused(
      make_zip({{"xl/workbook.xml", "<!DOCTYPE w [<!ENTITY a \"aaaa\">]><workbook><sheets/></workbook>"}}),
      "DOCTYPE");
  refused(make_zip({{"xl/workbook.xml", "<workbook><sheets/></workbook>"}}), "no sheets");
}

TEST(Xlsx, SheetNamesAreChecked) {
  EXPECT_FALSE(write_xlsx({{"a/b", {}}}));
  EXPECT_FALSE(write_xlsx({{"", {}}}));
  EXPECT_FALSE(write_xlsx({{"same", {}}, {"SAME", {}}}));
  EXPECT_TRUE(write_xlsx({{"أسماء", {}}}));
}

}  // namespace
}  // namespace sawt::io
