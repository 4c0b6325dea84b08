#include "app/link_files.h"

#include <gtest/gtest.h>

#include <sstream>

#include "app/demo.h"
#include "testing.h"

namespace sawt::app {
namespace {

using sawt::testing::read_file;
using sawt::testing::TempDir;
using sawt::testing::write_file;

constexpr const char* kHeader =
    "record_id,source,first_name,father_name,family_name,mother_name,gender,birth_date\n";

LinkFilesOptions options_for(const TempDir& dir) {
  LinkFilesOptions o;
  o.in = dir / "records.csv";
  o.out = dir / "clusters.csv";
  o.pairs = dir / "pairs.csv";
  o.link.threads = 1;
  return o;
}

TEST(LinkFiles, WritesOnePersonIdPerRecordInInputOrder) {
  TempDir dir;
  write_file(dir / "records.csv", std::string(kHeader) +
                                      "a1,A,Khaled,Mahmoud,al-Hamwi,Fatima,m,1988-03-02\n"
                                      "a2,A,Yusuf,Omar,al-Masri,Aisha,m,1975-11-20\n"
                                      "b1,B,خالد,محمود,الحموي,فاطمة,m,1988-03-02\n");
  const auto report = link_files(options_for(dir));
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_EQ(report->records, 3U);
  EXPECT_EQ(report->persons, 2U);
  EXPECT_EQ(report->linked_records, 2U);
  EXPECT_EQ(read_file(dir / "clusters.csv"), "record_id,person_id\na1,P1\na2,P2\nb1,P1\n");
  const std::string pairs = read_file(dir / "pairs.csv");
  EXPECT_TRUE(pairs.starts_with("record_id_a,record_id_b,probability,explanation\na1,b1,")) << pairs;
  EXPECT_NE(pairs.find("agree: "), std::string::npos);
}

// Links under the match probability (a record joined to a whole cluster, or
// to its only candidate) say why in pairs.csv, where the reader looks.
TEST(LinkFiles, LinksUnderTheMatchProbabilitySayWhy) {
  TempDir dir;
  const auto files = write_synth_files(dir / "s", 3000, 4, 7);
  ASSERT_TRUE(files) << files.error().describe();
  LinkFilesOptions o = options_for(dir);
  o.in = dir / "s" / "records.csv";
  ASSERT_TRUE(link_files(o));
  std::istringstream pairs(read_file(dir / "pairs.csv"));
  std::string line;
  std::getline(pairs, line);  // header
  int under = 0;
  while (std::getline(pairs, line)) {
    // record_id_a,record_id_b,probability,"explanation"
    const std::size_t second = line.find(',', line.find(',') + 1);
    const double probability = std::stod(line.substr(second + 1, 6));
    if (probability >= 0.95) continue;
    ++under;
    EXPECT_TRUE(line.find("| linked ") != std::string::npos) << line;
  }
  EXPECT_GT(under, 0) << "the synthetic lists have records that join on the whole cluster or as sole candidates";
}

TEST(LinkFiles, RecordsWithoutIdsAreNamedByLine) {
  TempDir dir;
  write_file(dir / "records.csv",
             "full_name,birth_date\nKhaled Mahmoud al-Hamwi,1988\nYusuf Omar al-Masri,1975\n");
  LinkFilesOptions o = options_for(dir);
  o.pairs.clear();
  ASSERT_TRUE(link_files(o));
  EXPECT_EQ(read_file(dir / "clusters.csv"), "record_id,person_id\n#2,P1\n#3,P2\n");
}

TEST(LinkFiles, BadRowsAreRefusedWithTheirLines) {
  TempDir dir;
  write_file(dir / "records.csv", std::string(kHeader) +
                                      "a1,A,Khaled,Mahmoud,al-Hamwi,Fatima,m,1988-13-02\n"
                                      "a2,A,Yusuf,Omar,al-Masri,Aisha,x,1975\n"
                                      "a3,A,Omar,Ali,al-Ali,Aisha,m,1975\n");
  const auto report = link_files(options_for(dir));
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, ErrorKind::kBadInput);
  EXPECT_TRUE(report.error().where.ends_with("records.csv:2")) << report.error().where;
  EXPECT_NE(report.error().message.find("birth_date"), std::string::npos) << report.error().message;
  EXPECT_NE(report.error().message.find("and 1 more bad rows"), std::string::npos) << report.error().message;
  EXPECT_NE(report.error().message.find("line 3: gender"), std::string::npos) << report.error().message;
  EXPECT_FALSE(std::filesystem::exists(dir / "clusters.csv"));
}

TEST(LinkFiles, AnIdUsedByTwoSourcesIsRefused) {
  TempDir dir;
  write_file(dir / "records.csv",
             std::string(kHeader) + "1,A,Khaled,Mahmoud,al-Hamwi,,m,\n1,B,Yusuf,Omar,al-Masri,,m,\n");
  const auto report = link_files(options_for(dir));
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, ErrorKind::kBadInput);
  EXPECT_TRUE(report.error().where.ends_with("records.csv:3")) << report.error().where;
}

TEST(LinkFiles, MissingInputIsNotFoundAndABadModelIsBadInput) {
  TempDir dir;
  auto missing = link_files(options_for(dir));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
  write_file(dir / "records.csv", std::string(kHeader) + "a1,A,Khaled,Mahmoud,al-Hamwi,,m,\n");
  write_file(dir / "model.json", "{\"lambda\": 7}");
  LinkFilesOptions o = options_for(dir);
  o.model_in = dir / "model.json";
  const auto bad_model = link_files(o);
  ASSERT_FALSE(bad_model);
  EXPECT_EQ(bad_model.error().kind, ErrorKind::kBadInput);
}

TEST(EvaluateFiles, ComparesByRecordIdAndCountsSiblings) {
  TempDir dir;
  // p1 and p2 are brothers (family F1); the clustering merged them.
  write_file(dir / "truth.csv", "record_id,person_id,family\nr1,p1,F1\nr2,p1,F1\nr3,p2,F1\nr4,p3,F2\n");
  write_file(dir / "clusters.csv", "record_id,person_id\nr4,P3\nr3,P1\nr2,P1\nr1,P1\n");
  const auto e = evaluate_files(dir / "clusters.csv", dir / "truth.csv");
  ASSERT_TRUE(e) << e.error().describe();
  EXPECT_EQ(e->pairs.true_pairs, 1U);
  EXPECT_EQ(e->pairs.predicted_pairs, 3U);
  EXPECT_DOUBLE_EQ(e->pairs.recall, 1.0);
  EXPECT_NEAR(e->pairs.precision, 1.0 / 3, 1e-12);
  ASSERT_TRUE(e->siblings);
  EXPECT_EQ(e->siblings->pairs, 2U);
  EXPECT_EQ(e->siblings->merged, 2U);
  EXPECT_DOUBLE_EQ(e->siblings->kept_apart, 0.0);
  EXPECT_DOUBLE_EQ(e->to_json()["pairs"]["recall"].get<double>(), 1.0);
}

TEST(EvaluateFiles, EveryRecordMustBeInBothFiles) {
  TempDir dir;
  write_file(dir / "truth.csv", "record_id,person_id\nr1,p1\nr2,p1\n");
  write_file(dir / "clusters.csv", "record_id,person_id\nr1,P1\n");
  auto e = evaluate_files(dir / "clusters.csv", dir / "truth.csv");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().kind, ErrorKind::kBadInput);
  EXPECT_TRUE(e.error().where.ends_with("truth.csv:3")) << e.error().where;
  EXPECT_NE(e.error().message.find("r2"), std::string::npos);
  write_file(dir / "clusters.csv", "record_id,cluster\nr1,1\nr2,1\nr9,2\n");
  e = evaluate_files(dir / "clusters.csv", dir / "truth.csv");
  ASSERT_FALSE(e);
  EXPECT_TRUE(e.error().where.ends_with("clusters.csv:4")) << e.error().where;
  write_file(dir / "clusters.csv", "id,person_id\nr1,1\n");
  e = evaluate_files(dir / "clusters.csv", dir / "truth.csv");
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message.find("record_id"), std::string::npos);
}

}  // namespace
}  // namespace sawt::app
