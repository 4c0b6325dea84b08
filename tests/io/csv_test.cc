#include "io/csv.h"

#include <gtest/gtest.h>

namespace sawt::io {
namespace {

std::vector<CsvReader::Item> read_all(std::string_view text, size_t expected = 0) {
  CsvReader r(text);
  if (expected != 0) r.expect_fields(expected);
  std::vector<CsvReader::Item> out;
  CsvReader::Item item;
  while (r.next(item)) out.push_back(item);
  return out;
}

TEST(Csv, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
  auto items = read_all("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\n", 3);
  ASSERT_EQ(items.size(), 3U);
  ASSERT_TRUE(items[1].ok);
  EXPECT_EQ(items[1].row.fields, (std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(items[1].row.line, 2);
  EXPECT_EQ(items[2].row.line, 4);
  EXPECT_EQ(items[2].row.fields, (std::vector<std::string>{"last", "", ""}));
}

TEST(Csv, StripsTheByteOrderMarkAndSkipsBlankLines) {
  auto items = read_all("\xEF\xBB\xBFname\n\nمحمد\n");
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0].row.fields[0], "name");
  EXPECT_EQ(items[1].row.fields[0], "محمد");
  EXPECT_EQ(items[1].row.line, 3);
}

TEST(Csv, AnUnclosedQuoteCostsOneLineOnly) {
  auto items = read_all("a,b\n\"broken,1\nok,2\nok,3\n", 2);
  ASSERT_EQ(items.size(), 4U);
  EXPECT_FALSE(items[1].ok);
  EXPECT_EQ(items[1].problem.line, 2);
  EXPECT_NE(items[1].problem.reason.find("broken quoting"), std::string::npos);
  EXPECT_EQ(items[1].problem.raw, "\"broken,1");
  ASSERT_TRUE(items[2].ok);
  EXPECT_EQ(items[2].row.fields, (std::vector<std::string>{"ok", "2"}));
  EXPECT_EQ(items[3].row.line, 4);
}

TEST(Csv, AQuoteThatSwallowsLinesIsUndone) {
  // The quote opened on line 2 closes on line 3, yielding a record with the wrong count.
  auto items = read_all("a,b\n\"x,1\nfoo\",2,3\nok,4\n", 2);
  ASSERT_EQ(items.size(), 4U);
  EXPECT_FALSE(items[1].ok);
  EXPECT_EQ(items[1].problem.line, 2);
  EXPECT_FALSE(items[2].ok);  // line 3 on its own is broken too (stray quote)
  EXPECT_EQ(items[2].problem.line, 3);
  ASSERT_TRUE(items[3].ok);
  EXPECT_EQ(items[3].row.line, 4);
}

TEST(Csv, WrongFieldCountAndStrayQuotesAreProblems) {
  auto items = read_all("a,b\n1,2,3\nab\"c,1\n\"ab\"c,1\n", 2);
  ASSERT_EQ(items.size(), 4U);
  EXPECT_NE(items[1].problem.reason.find("3 fields"), std::string::npos);
  EXPECT_NE(items[2].problem.reason.find("quote character inside"), std::string::npos);
  EXPECT_NE(items[3].problem.reason.find("after its closing quote"), std::string::npos);
}

TEST(Csv, InvalidUtf8IsAProblem) {
  auto items = read_all("a\n\xff\xfe\n", 1);
  ASSERT_EQ(items.size(), 2U);
  EXPECT_FALSE(items[1].ok);
  EXPECT_NE(items[1].problem.reason.find("UTF-8"), std::string::npos);
}

TEST(Csv, WritesWhatItReads) {
  std::vector<std::string> fields = {"plain", "with, comma", "with \"quote\"", "multi\nline", ""};
  auto items = read_all(csv_line(fields));
  ASSERT_EQ(items.size(), 1U);
  EXPECT_EQ(items[0].row.fields, fields);
}

}  // namespace
}  // namespace sawt::io
