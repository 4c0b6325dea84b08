#include "io/records_csv.h"

#include <gtest/gtest.h>

#include "testing.h"

namespace sawt::io {
namespace {

TEST(RecordsCsv, ReadsKnownColumnsAndKeepsExtras) {
  auto parsed = parse_records_csv(
      "record_id,source,first_name,father_name,family_name,mother_name,gender,birth_date,arrest_date,facility,phone\n"
      "A1,lawyers,محمد,أحمد,العلي,فاطمة,ذكر,~1985,2014-03,Roumieh,+961 70 000 000\n",
      "x.csv");
  ASSERT_TRUE(parsed) << parsed.error().describe();
  ASSERT_EQ(parsed->records.size(), 1U);
  const auto& r = parsed->records[0];
  EXPECT_EQ(r.record_id, "A1");
  EXPECT_EQ(parsed->record_sources[0], "lawyers");
  EXPECT_EQ(r.name.first, "محمد");
  EXPECT_EQ(r.gender, "m");
  EXPECT_TRUE(r.birth_date.approximate());
  EXPECT_EQ(r.arrest_date.to_string(), "2014-03");
  EXPECT_EQ(r.extra.at("phone"), "+961 70 000 000");
  EXPECT_EQ(r.line, 2);
}

TEST(RecordsCsv, QuarantinesBadRowsWithLineAndReason) {
  auto text = sawt::testing::read_file(sawt::testing::data_path("io/records_with_errors.csv"));
  auto parsed = parse_records_csv(text, "records_with_errors.csv");
  ASSERT_TRUE(parsed) << parsed.error().describe();
  // Golden: each bad row's line and a word of its reason.
  const std::vector<std::pair<int, std::string>> expected = {
      {3, "birth_date"}, {4, "no name"},     {5, "gender"},        {6, "broken quoting"},
      {8, "future"},     {9, "used again"},  {10, "arrest_date"},  {11, "fields"},
  };
  ASSERT_EQ(parsed->quarantined.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(parsed->quarantined[i].line, expected[i].first) << i;
    EXPECT_NE(parsed->quarantined[i].reason.find(expected[i].second), std::string::npos)
        << parsed->quarantined[i].reason;
    EXPECT_FALSE(parsed->quarantined[i].raw.empty());
  }
  EXPECT_EQ(parsed->records.size(), 4U);
  EXPECT_EQ(parsed->rows_total, 12);
}

TEST(RecordsCsv, RefusesAFileWithoutNameColumns) {
  auto parsed = parse_records_csv("record_id,birth_date\n1,1980\n", "f.csv");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().kind, ErrorKind::kBadInput);
  EXPECT_EQ(parsed.error().where, "f.csv:1");
  EXPECT_FALSE(parsed.error().hint.empty());
}

TEST(RecordsCsv, RefusesDuplicateHeaderColumns) {
  auto parsed = parse_records_csv("full_name,Full_Name\na,b\n", "f.csv");
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("twice"), std::string::npos);
}

TEST(RecordsCsv, GenderSpellings) {
  EXPECT_EQ(*parse_gender(" Female "), "f");
  EXPECT_EQ(*parse_gender("أنثى"), "f");
  EXPECT_EQ(*parse_gender("M"), "m");
  EXPECT_EQ(*parse_gender(""), "");
  EXPECT_FALSE(parse_gender("x"));
}

}  // namespace
}  // namespace sawt::io
