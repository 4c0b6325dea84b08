// Dated deadlines for one person, each with an escalation stage relative to
// `today`: the raw material of the alert queue (`sawt alerts`) and of the
// calendar export (ics.h). Pure: the store persists which alerts were
// acknowledged or resolved; this module only says what is due and when.
//
// Kinds (Deadline::kind, stable codes):
//   hearing           a hearing ahead with no outcome recorded yet
//   expected_release  the early bound of the expected end of sentence (the
//                     moment a foreign prisoner is handed over for deportation)
//   pretrial_renewal  end of the first pretrial period: a reasoned renewal is due
//                     (only while ahead)
//   pretrial_limit    end of the longest lawful pretrial detention
//   appeal_window     verdict date + the rules' appeal window, while the case's
//                     latest status is "verdict"
//   act_until, follow_up   dates the case worker recorded (CaseView::actions)
// A deadline known only as a range counts from its earliest day: an alert
// should come too early rather than too late.
//
// Stages, with Rules::escalation_days = {90, 30, 7}: later (> 90 days),
// notice (<= 90), warning (<= 30), urgent (<= 7, including today), overdue
// (the day has passed). Past deadlines stay listed as overdue, except hearings
// and renewals, which are history once passed.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "protection/case_view.h"
#include "protection/explain.h"
#include "protection/rules.h"

namespace sawt::protection {

enum class Stage { kLater, kNotice, kWarning, kUrgent, kOverdue };
// "later", "notice", "warning", "urgent", "overdue"; Arabic labels.
[[nodiscard]] std::string_view stage_name(Stage stage);
[[nodiscard]] std::string_view stage_ar(Stage stage);

// The stage of a deadline on DUE as seen on TODAY, with ESCALATION_DAYS =
// {notice, warning, urgent} thresholds in days (strictly decreasing).
[[nodiscard]] Stage escalation_stage(std::chrono::sys_days due, std::chrono::sys_days today,
                                     const std::array<int, 3>& escalation_days);

struct Deadline {
  std::string kind;           // see above
  std::string key;            // stable identity across runs, e.g. "P-000042/hearing/12/7"; a changed date keeps the key
  DateRange due;              // the day (or range of days) it falls on
  std::int64_t days_left = 0; // due.earliest - today; negative when overdue
  Stage stage = Stage::kLater;
  Id case_id = 0;             // 0 when not tied to a case
  Reason explanation;         // code = kind; e.g. "hearing in case 123/2024 on 2026-05-02"
};

// Every deadline of VIEW, sorted by due date (then kind, then key).
[[nodiscard]] std::vector<Deadline> compute_deadlines(const CaseView& view, const Rules& rules,
                                                      std::chrono::sys_days today);

}  // namespace sawt::protection
