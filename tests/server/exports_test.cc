// API tests of the import wizard's endpoints and of the exports, against the
// real server (harness.h): roles, CSRF, an XLSX upload with Arabic
// headers previewed, mapped and imported, the public dataset's k-anonymity,
// the full export's formats and its audit row.
#include <gtest/gtest.h>

#include <map>

#include "io/xlsx.h"
#include "server/harness.h"

namespace {

using namespace sawt::testing::api;

// An XLSX list with Arabic headers: one good row, one without a name, one bad date.
std::string arabic_workbook() {
  using sawt::io::XlsxCell;
  sawt::io::XlsxTable t{"قائمة الأهالي", {}};
  t.rows.push_back(
      {XlsxCell::of("الاسم"), XlsxCell::of("اسم الأم"), XlsxCell::of("تاريخ الولادة"), XlsxCell::of("هاتف")});
  t.rows.push_back({XlsxCell::of("سامر فواز القلموني"), XlsxCell::of("هدى"), XlsxCell::date("1990-05-04"),
                    XlsxCell::of("+961 1")});
  t.rows.push_back({XlsxCell::of(""), XlsxCell::of("سعاد"), XlsxCell::date("1991-01-01"), XlsxCell::of("")});
  t.rows.push_back({XlsxCell::of("رامي فواز القلموني"), XlsxCell::of("هدى"), XlsxCell::of("1990-02-30"),
                    XlsxCell::of("")});
  auto bytes = sawt::io::write_xlsx({t});
  return bytes ? *bytes : std::string();
}

TEST(ApiExports, RoleByEndpointMatrix) {
  struct Case {
    std::string user;
    int public_export, full_export, uwazi, preview;
  };
  const std::vector<Case> cases = {
      {"admin1", 200, 200, 200, 200}, {"coord1", 200, 200, 200, 200}, {"res1", 200, 403, 403, 403},
      {"cw1", 403, 403, 403, 403},    {"view1", 403, 403, 403, 403},
  };
  const auto csv = std::string("full_name,birth_date\nAhmad Ali,1985\n");
  for (const auto& c : cases) {
    Browser b;
    ASSERT_EQ(b.login(c.user), 200) << c.user;
    EXPECT_EQ(b.post("/api/exports/public", {{"as_of", "2026-12-01"}})->status, c.public_export) << c.user;
    EXPECT_EQ(b.post("/api/exports/full", {{"format", "json"}})->status, c.full_export) << c.user;
    EXPECT_EQ(b.post("/api/exports/uwazi", json::object())->status, c.uwazi) << c.user;
    EXPECT_EQ(b.upload("/api/imports/preview?name=x.csv", csv)->status, c.preview) << c.user;
    // Exports are recorded actions: without the CSRF token they are refused.
    EXPECT_EQ(b.post("/api/exports/public", json::object(), false)->status, 403) << c.user;
  }
}

TEST(ApiExports, AnXlsxWithArabicHeadersIsPreviewedMappedAndImported) {
  Browser b;
  ASSERT_EQ(b.login("coord1"), 200);
  const auto xlsx = arabic_workbook();
  auto p = b.upload("/api/imports/preview?name=families.xlsx", xlsx);
  ASSERT_EQ(p->status, 200) << p->body;
  auto j = json::parse(p->body);
  EXPECT_EQ(j["format"], "xlsx");
  EXPECT_EQ(j["sheets"][0], "قائمة الأهالي");
  EXPECT_EQ(j["columns"], (json{"الاسم", "اسم الأم", "تاريخ الولادة", "هاتف"}));
  EXPECT_EQ(j["proposed"]["الاسم"], "full_name");
  EXPECT_EQ(j["proposed"]["اسم الأم"], "mother_name");
  EXPECT_EQ(j["proposed"]["تاريخ الولادة"], "birth_date");
  EXPECT_EQ(j["preview"][0]["cells"][2], "1990-05-04");  // a date cell becomes YYYY-MM-DD
  EXPECT_EQ(j["records_ok"], 1);
  ASSERT_EQ(j["quarantined"].size(), 2U);
  EXPECT_EQ(j["quarantined"][0]["line"], 3);
  EXPECT_EQ(j["quarantined"][1]["line"], 4);
  EXPECT_NE(j["quarantined"][1]["reason"].get<std::string>().find("birth_date"), std::string::npos);

  // Without the mapping the same file names no name column: a clear 422 that suggests the mapping.
  auto unmapped = b.upload("/api/imports?name=families.xlsx&source=x", xlsx);
  EXPECT_EQ(unmapped->status, 422);
  EXPECT_NE(unmapped->body.find("full_name"), std::string::npos);

  // The import with the mapping (URL-encoded JSON) writes the good row and quarantines the others.
  const std::string mapping = httplib::detail::encode_query_param(json{
      {"الاسم", "full_name"},
      {"اسم الأم", "mother_name"},
      {"تاريخ الولادة", "birth_date"},
      {"هاتف", ""}}.dump());
  auto r = b.upload(
      "/api/imports?name=families.xlsx&source=" + httplib::detail::encode_query_param("لجنة الأهالي") +
          "&source_kind=family&mapping=" + mapping,
      xlsx);
  ASSERT_EQ(r->status, 200) << r->body;
  auto report = json::parse(r->body);
  EXPECT_EQ(report["format"], "xlsx");
  EXPECT_EQ(report["records_added"], 1);
  EXPECT_EQ(report["quarantined"].size(), 2U);
}

TEST(ApiExports, BadUploadsGetClearErrors) {
  Browser b;
  ASSERT_EQ(b.login("admin1"), 200);
  auto locked = b.upload("/api/imports/preview?name=locked.xlsx",
                         std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0'));
  EXPECT_EQ(locked->status, 422);
  EXPECT_NE(locked->body.find("encrypted"), std::string::npos);
  auto bad_map = b.upload("/api/imports/preview?name=x.csv&mapping=%7Bnot", "full_name\nx\n");
  EXPECT_EQ(bad_map->status, 400);
  auto unknown_field = b.upload("/api/imports/preview?name=x.csv&mapping=" +
                                    httplib::detail::encode_query_param(R"({"full_name":"shoe_size"})"),
                                "full_name\nx\n");
  EXPECT_EQ(unknown_field->status, 400);
  EXPECT_NE(unknown_field->body.find("shoe_size"), std::string::npos);
  EXPECT_EQ(b.upload("/api/imports/preview?name=x.csv", "")->status, 422);
}

TEST(ApiExports, ThePublicDatasetIsKAnonymousAndSaysWhatWasWithheld) {
  Browser b;
  ASSERT_EQ(b.login("res1"), 200);
  auto r = b.post("/api/exports/public", {{"k", 5}, {"as_of", "2026-12-01"}});
  ASSERT_EQ(r->status, 200) << r->body;
  const auto j = json::parse(r->body);
  const auto& s = j["summary"];
  EXPECT_EQ(s["k"], 5);
  std::vector<size_t> qi;
  for (const auto& q : s["quasi_identifiers"]) {
    const auto& cols = j["columns"];
    const auto it = std::find(cols.begin(), cols.end(), q);
    ASSERT_NE(it, cols.end());
    qi.push_back(static_cast<size_t>(it - cols.begin()));
  }
  std::map<std::string, int> groups;
  for (const auto& row : j["rows"]) {
    std::string key;
    for (size_t i : qi) key += row[i].get<std::string>() + "|";
    ++groups[key];
  }
  for (const auto& [key, n] : groups) EXPECT_GE(n, 5) << key;
  int withheld = 0;
  for (const auto& [reason, n] : s["persons_withheld"].items()) withheld += n.get<int>();
  EXPECT_EQ(s["persons_published"].get<int>() + withheld, s["persons_in_store"].get<int>());
  EXPECT_EQ(j["rows"].size(), s["persons_published"].get<size_t>());

  auto file = b.post("/api/exports/public", {{"format", "csv"}, {"as_of", "2026-12-01"}});
  ASSERT_EQ(file->status, 200);
  EXPECT_NE(file->get_header_value("Content-Disposition").find("persons.csv"), std::string::npos);
  EXPECT_EQ(file->body.rfind("\xEF\xBB\xBFrow,name_ar,name_lat", 0), 0U);
  EXPECT_EQ(b.post("/api/exports/public", {{"k", 1}})->status, 400);
}

TEST(ApiExports, FullExportFormatsAndTheAuditRow) {
  Browser b;
  ASSERT_EQ(b.login("admin1"), 200);
  auto x = b.post("/api/exports/full", {{"format", "xlsx"}});
  ASSERT_EQ(x->status, 200);
  EXPECT_EQ(x->body.rfind("PK\x03\x04", 0), 0U);
  EXPECT_EQ(x->get_header_value("X-Sawt-Warning"), "unencrypted person data");
  auto sheets = sawt::io::xlsx_sheet_names(x->body, "full.xlsx");
  ASSERT_TRUE(sheets);
  EXPECT_EQ(*sheets, (std::vector<std::string>{"persons", "names", "detention", "cases", "consents"}));
  auto persons = sawt::io::read_xlsx(x->body, "full.xlsx", "persons");
  ASSERT_TRUE(persons);
  EXPECT_GT(persons->rows.size(), 10U);

  auto c = b.post("/api/exports/full", {{"format", "csv"}, {"table", "consents"}});
  ASSERT_EQ(c->status, 200);
  EXPECT_NE(c->body.find("person_id,scope,partner,decision"), std::string::npos);
  EXPECT_EQ(b.post("/api/exports/full", {{"format", "pdf"}})->status, 400);
  EXPECT_EQ(b.post("/api/exports/full", {{"format", "csv"}, {"table", "secrets"}})->status, 404);

  auto audit = json::parse(b.get("/api/audit?limit=20")->body);
  bool found = false;
  for (const auto& row : audit["rows"]) {
    if (row["action"] == "export" && row["entity_id"] == "full" && row["actor"] == "web:admin1") found = true;
  }
  EXPECT_TRUE(found) << "the export is in the audit log";
}

}  // namespace
