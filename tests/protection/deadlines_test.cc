// Deadlines and their escalation stages, and their iCalendar export
// (suite DeadlineIcs): RFC 5545 escaping, folding that never splits a UTF-8
// sequence, CRLF line ends, stable UIDs.
#include "protection/deadlines.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "builders.h"
#include "protection/ics.h"
#include "util/strings.h"

namespace sawt::protection {
namespace {

using test::day;
using test::ViewBuilder;

const Deadline* find(const std::vector<Deadline>& all, std::string_view kind) {
  for (const Deadline& d : all) {
    if (d.kind == kind) return &d;
  }
  return nullptr;
}

TEST(DeadlineStage, ThresholdsAreInclusive) {
  const std::array<int, 3> days{90, 30, 7};
  const auto today = day("2026-03-01");
  const auto at = [&](int n) { return escalation_stage(today + std::chrono::days{n}, today, days); };
  EXPECT_EQ(at(200), Stage::kLater);
  EXPECT_EQ(at(91), Stage::kLater);
  EXPECT_EQ(at(90), Stage::kNotice);
  EXPECT_EQ(at(31), Stage::kNotice);
  EXPECT_EQ(at(30), Stage::kWarning);
  EXPECT_EQ(at(8), Stage::kWarning);
  EXPECT_EQ(at(7), Stage::kUrgent);
  EXPECT_EQ(at(0), Stage::kUrgent);
  EXPECT_EQ(at(-1), Stage::kOverdue);
  EXPECT_EQ(stage_name(Stage::kOverdue), "overdue");
  EXPECT_EQ(stage_ar(Stage::kUrgent), "عاجل");
}

TEST(DeadlineStage, ThresholdsComeFromTheRules) {
  const std::array<int, 3> days{60, 14, 3};
  const auto today = day("2026-03-01");
  EXPECT_EQ(escalation_stage(today + std::chrono::days{61}, today, days), Stage::kLater);
  EXPECT_EQ(escalation_stage(today + std::chrono::days{14}, today, days), Stage::kWarning);
  EXPECT_EQ(escalation_stage(today + std::chrono::days{4}, today, days), Stage::kWarning);
}

TEST(DeadlineList, APretrialCaseHasHearingsRenewalAndLimit) {
  ViewBuilder b;
  b.arrested("2026-01-10")
      .add_case("55/2026", {"pc_335"})
      .hearing("2026-02-01", "postponed", 1)
      .hearing("2026-03-05", "", 2)
      .hearing("2026-02-20", "", 3);  // past without outcome: history, not a deadline
  b.action("act_until", "2026-04-15", "UA 12/2026: follow-up to the Special Rapporteur", "UA-2026-012");
  b.action("follow_up", "2026-03", "Call the family");
  const auto all = compute_deadlines(b, test::lb_rules(), day("2026-03-01"));
  std::vector<std::string> kinds;
  for (const Deadline& d : all) kinds.push_back(d.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"follow_up", "hearing", "act_until", "pretrial_renewal", "pretrial_limit"}));

  const Deadline* hearing = find(all, "hearing");
  ASSERT_NE(hearing, nullptr);
  EXPECT_EQ(hearing->days_left, 4);
  EXPECT_EQ(hearing->stage, Stage::kUrgent);
  EXPECT_EQ(hearing->key, "P-000001/hearing/10/2");
  EXPECT_EQ(hearing->explanation.en, "hearing in case 55/2026 on 2026-03-05");
  EXPECT_EQ(hearing->explanation.ar, "جلسة في القضية 55/2026 بتاريخ 2026-03-05");

  const Deadline* renewal = find(all, "pretrial_renewal");
  EXPECT_EQ(renewal->due.earliest, day("2026-07-10"));
  EXPECT_EQ(renewal->stage, Stage::kLater);
  const Deadline* limit = find(all, "pretrial_limit");
  EXPECT_EQ(limit->due.earliest, day("2027-01-10"));
  EXPECT_EQ(limit->explanation.en,
            "case 55/2026: the felony pretrial limit of 12 months ends 2027-01-10 (Code of Criminal Procedure art. 108)");

  const Deadline* act = find(all, "act_until");
  EXPECT_EQ(act->key, "P-000001/act_until/UA-2026-012");
  EXPECT_EQ(act->stage, Stage::kNotice);
  EXPECT_EQ(act->explanation.en, "act until 2026-04-15: UA 12/2026: follow-up to the Special Rapporteur");

  // A month-only date counts from its first day: urgent today, not "later this month".
  const Deadline* follow = find(all, "follow_up");
  EXPECT_EQ(follow->due.to_string(), "between 2026-03-01 and 2026-03-31");
  EXPECT_EQ(follow->stage, Stage::kUrgent);
}

TEST(DeadlineList, AnExceededLimitIsOverdueAndItsRenewalIsHistory) {
  ViewBuilder b;
  b.arrested("2024-01-10").add_case("3/2024", {"pc_335"});
  const auto all = compute_deadlines(b, test::lb_rules(), day("2025-03-01"));
  EXPECT_EQ(find(all, "pretrial_renewal"), nullptr);
  ASSERT_NE(find(all, "pretrial_limit"), nullptr);
  EXPECT_EQ(find(all, "pretrial_limit")->stage, Stage::kOverdue);
  EXPECT_EQ(find(all, "pretrial_limit")->days_left, -50);
}

TEST(DeadlineList, ExemptChargesHaveNoPretrialDeadline) {
  ViewBuilder b;
  b.arrested("2024-01-10").add_case("3/2024", {"pc_314"});
  EXPECT_TRUE(compute_deadlines(b, test::lb_rules(), day("2025-03-01")).empty());
}

TEST(DeadlineList, ExpectedReleaseUsesTheEarlyBoundAndEscalates) {
  ViewBuilder b;
  b.arrested("2020-01").add_case("1/2021").sentence(60).case_status("final", "2021-06-01");
  const auto rules = test::lb_rules();
  auto all = compute_deadlines(b, rules, day("2023-08-15"));
  const Deadline* release = find(all, "expected_release");
  ASSERT_NE(release, nullptr);
  EXPECT_EQ(release->due.to_string(), "between 2023-10-01 and 2023-10-31");
  EXPECT_EQ(release->days_left, 47);
  EXPECT_EQ(release->stage, Stage::kNotice);
  EXPECT_EQ(release->key, "P-000001/expected_release");
  EXPECT_EQ(find(compute_deadlines(b, rules, day("2023-09-05")), "expected_release")->stage, Stage::kWarning);
  EXPECT_EQ(find(compute_deadlines(b, rules, day("2023-09-26")), "expected_release")->stage, Stage::kUrgent);
  EXPECT_EQ(find(compute_deadlines(b, rules, day("2023-10-02")), "expected_release")->stage, Stage::kOverdue);
  // Once released, there is nothing to watch for.
  b.event("release", "2023-10-05").status("released");
  EXPECT_EQ(find(compute_deadlines(b, rules, day("2023-10-10")), "expected_release"), nullptr);
}

TEST(DeadlineList, AppealWindowAfterAVerdictSaysItIsADefault) {
  ViewBuilder b;
  b.arrested("2022-01-01").add_case("8/2022", {"pc_335"}).case_status("trial", "2022-06-01").case_status("verdict", "2026-02-20");
  b.sentence(120);
  const auto all = compute_deadlines(b, test::lb_rules(), day("2026-03-01"));
  const Deadline* appeal = find(all, "appeal_window");
  ASSERT_NE(appeal, nullptr);
  EXPECT_EQ(appeal->due.earliest, day("2026-03-07"));
  EXPECT_EQ(appeal->stage, Stage::kUrgent);
  EXPECT_EQ(appeal->explanation.en,
            "case 8/2022: the 15-day window to appeal the verdict of 2026-02-20 ends 2026-03-07; the window is a default "
            "to confirm with the lawyer");
  b.case_status("appeal", "2026-03-02");
  EXPECT_EQ(find(compute_deadlines(b, test::lb_rules(), day("2026-03-03")), "appeal_window"), nullptr);
}

TEST(DeadlineList, KeysSurviveARescheduledHearing) {
  ViewBuilder before;
  before.arrested("2026-01-10").add_case("55/2026", {"pc_314"}).hearing("2026-03-05", "", 7);
  ViewBuilder after;
  after.arrested("2026-01-10").add_case("55/2026", {"pc_314"}).hearing("2026-04-20", "", 7);
  const auto a = compute_deadlines(before, test::lb_rules(), day("2026-03-01"));
  const auto b = compute_deadlines(after, test::lb_rules(), day("2026-03-01"));
  ASSERT_EQ(a.size(), 1U);
  ASSERT_EQ(b.size(), 1U);
  EXPECT_EQ(a[0].key, b[0].key);
  EXPECT_EQ(ics_uid(a[0].key, "sawt"), ics_uid(b[0].key, "sawt"));
}

// --- iCalendar -------------------------------------------------------------

std::vector<std::string> physical_lines(const std::string& ics) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < ics.size()) {
    const auto end = ics.find("\r\n", start);
    if (end == std::string::npos) {
      out.push_back(ics.substr(start));
      break;
    }
    out.push_back(ics.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

std::string unfold(const std::string& folded) {
  std::string out;
  for (const std::string& line : physical_lines(folded)) {
    if (!line.empty() && line[0] == ' ') {
      out += line.substr(1);
    } else {
      if (!out.empty()) out += "\n";
      out += line;
    }
  }
  return out;
}

TEST(DeadlineIcs, EscapesTextPerRfc5545) {
  EXPECT_EQ(ics_escape_text("a\\b;c,d"), "a\\\\b\\;c\\,d");
  EXPECT_EQ(ics_escape_text("one\ntwo\r\nthree\rfour"), "one\\ntwo\\nthree\\nfour");
  EXPECT_EQ(ics_escape_text("جلسة، في القضية؛ 5/2026"), "جلسة، في القضية؛ 5/2026");  // Arabic punctuation is not special
  EXPECT_EQ(ics_escape_text(""), "");
}

TEST(DeadlineIcs, FoldsAsciiAt75Octets) {
  const std::string line = "DESCRIPTION:" + std::string(200, 'x');
  const std::string folded = ics_fold(line);
  ASSERT_GE(folded.size(), 2U);
  EXPECT_EQ(folded.substr(folded.size() - 2), "\r\n");
  const auto lines = physical_lines(folded.substr(0, folded.size() - 2));
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0].size(), 75U);
  EXPECT_EQ(lines[1].size(), 75U);
  EXPECT_EQ(lines[1][0], ' ');
  EXPECT_EQ(unfold(folded.substr(0, folded.size() - 2)), line);
  EXPECT_EQ(ics_fold("SHORT:x"), "SHORT:x\r\n");
  EXPECT_EQ(ics_fold(std::string(75, 'a')), std::string(75, 'a') + "\r\n");
}

TEST(DeadlineIcs, FoldingNeverSplitsAUtf8Sequence) {
  // Arabic letters are 2 octets, "€" 3 and "𝄞" 4; shift the start by 0..3
  // octets so every kind of boundary meets the 75-octet limit.
  const std::string arabic = "الموعد المتوقع لانتهاء العقوبة: الاستعداد لمنع التسليم بهدف الترحيل";
  for (int shift = 0; shift < 4; ++shift) {
    for (const std::string& body : {arabic + arabic + arabic, std::string("€𝄞ب") + arabic + "€€𝄞𝄞" + arabic}) {
      const std::string line = "SUMMARY:" + std::string(static_cast<std::size_t>(shift), 'x') + body;
      const std::string folded = ics_fold(line);
      const auto lines = physical_lines(folded.substr(0, folded.size() - 2));
      ASSERT_GT(lines.size(), 1U);
      for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_LE(lines[i].size(), 75U) << "shift " << shift << " line " << i;
        EXPECT_TRUE(is_valid_utf8(lines[i])) << "shift " << shift << " line " << i << " split a character";
        if (i > 0) {
          EXPECT_EQ(lines[i][0], ' ');
        }
        // A fold backs off at most 3 octets from the limit (a 4-octet character).
        if (i + 1 < lines.size()) {
          EXPECT_GE(lines[i].size(), 72U) << "shift " << shift << " line " << i;
        }
      }
      EXPECT_EQ(unfold(folded.substr(0, folded.size() - 2)), line);
    }
  }
}

TEST(DeadlineIcs, CalendarHasCrlfAllDayEventsAndStableUids) {
  ViewBuilder b;
  b.arrested("2026-01-10").add_case("55/2026", {"pc_335"}).hearing("2026-03-05", "", 2);
  b.action("act_until", "2026-04-15", "Appeal; UN, WGAD\\urgent", "UA-1");
  const auto deadlines = compute_deadlines(b, test::lb_rules(), day("2026-03-01"));
  IcsOptions options;
  options.stamp = std::chrono::sys_days{day("2026-03-01")} + std::chrono::hours{9} + std::chrono::minutes{5};
  options.summary_prefix = "P-000001: ";
  options.calendar_name = "sawt, P-000001";
  const std::string ics = to_icalendar(deadlines, options);

  // Every line ends in CRLF: no bare LF or CR anywhere.
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\n') {
      EXPECT_TRUE(i > 0 && ics[i - 1] == '\r') << "bare LF at " << i;
    }
    if (ics[i] == '\r') {
      EXPECT_TRUE(i + 1 < ics.size() && ics[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0U);
  EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
  EXPECT_NE(ics.find("X-WR-CALNAME:sawt\\, P-000001\r\n"), std::string::npos);

  const std::string text = unfold(ics);
  EXPECT_NE(text.find("DTSTART;VALUE=DATE:20260305\nDTEND;VALUE=DATE:20260306\n"), std::string::npos) << text;
  EXPECT_NE(text.find("DTSTAMP:20260301T090500Z"), std::string::npos);
  EXPECT_NE(text.find("SUMMARY:P-000001: جلسة في القضية 55/2026 بتاريخ 2026-03-05\n"), std::string::npos) << text;
  EXPECT_NE(text.find("SUMMARY:P-000001: التحرك قبل 2026-04-15: Appeal\\; UN\\, WGAD\\\\urgent\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\\nhearing in case 55/2026 on 2026-03-05"), std::string::npos) << "DESCRIPTION carries English too";
  std::size_t begins = 0;
  for (std::size_t at = text.find("BEGIN:VEVENT"); at != std::string::npos; at = text.find("BEGIN:VEVENT", at + 1)) ++begins;
  EXPECT_EQ(begins, deadlines.size());
  for (const Deadline& d : deadlines) {
    EXPECT_NE(text.find("UID:" + ics_uid(d.key, "sawt")), std::string::npos) << d.key;
  }

  options.lang = "en";
  EXPECT_NE(unfold(to_icalendar(deadlines, options)).find("SUMMARY:P-000001: hearing in case 55/2026 on 2026-03-05\n"),
            std::string::npos);
}

TEST(DeadlineIcs, UidsAreStableOpaqueAndDistinct) {
  EXPECT_EQ(ics_uid("P-000001/hearing/10/2", "sawt"), ics_uid("P-000001/hearing/10/2", "sawt"));
  EXPECT_NE(ics_uid("P-000001/hearing/10/2", "sawt"), ics_uid("P-000001/hearing/10/3", "sawt"));
  const std::string uid = ics_uid("P-000001/hearing/10/2", "example.org");
  EXPECT_EQ(uid.size(), 16U + 1U + 11U);
  EXPECT_EQ(uid.find("P-000001"), std::string::npos);
  EXPECT_EQ(uid.substr(16), "@example.org");
}

TEST(DeadlineIcs, UncertainDatesAreSaidInTheDescription) {
  ViewBuilder b;
  b.action("follow_up", "2026-05", "Check the transfer list");
  IcsOptions options;
  options.stamp = std::chrono::sys_days{day("2026-03-01")};
  const std::string text = unfold(to_icalendar(compute_deadlines(b, test::lb_rules(), day("2026-03-01")), options));
  EXPECT_NE(text.find("DTSTART;VALUE=DATE:20260501"), std::string::npos);
  EXPECT_NE(text.find("The date is uncertain: between 2026-05-01 and 2026-05-31"), std::string::npos) << text;
}

}  // namespace
}  // namespace sawt::protection
