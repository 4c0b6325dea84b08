// iCalendar (RFC 5545) export of deadlines, so a lawyer's phone or calendar
// shows hearings, pretrial limits and sentence ends next to their other work.
//
// Output: one VCALENDAR with one all-day VEVENT per deadline
// (DTSTART;VALUE=DATE on the earliest day it may fall, DTEND the day after),
// a UID that depends only on the deadline's key (so re-exporting updates
// events instead of duplicating them, and the UID reveals nothing about the
// person), DTSTAMP from the caller (no hidden clock), and SUMMARY /
// DESCRIPTION texts escaped per RFC 5545 §3.3.11. Lines end in CRLF and are
// folded at 75 octets (§3.1) without ever splitting a UTF-8 sequence, which
// matters for Arabic text: every Arabic letter is two octets.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "protection/deadlines.h"

namespace sawt::protection {

struct IcsOptions {
  std::chrono::sys_seconds stamp;  // DTSTAMP: when the export is made (UTC)
  std::string lang = "ar";         // SUMMARY language, "ar" or "en"; DESCRIPTION carries both
  std::string summary_prefix;      // put before each SUMMARY, e.g. "P-000042: "
  std::string calendar_name;       // X-WR-CALNAME when not empty
  std::string uid_domain = "sawt"; // UID = "<hash of the key>@<uid_domain>"
};

// The whole calendar; each line ends in CRLF.
[[nodiscard]] std::string to_icalendar(const std::vector<Deadline>& deadlines, const IcsOptions& options);

// TEXT escaped as an RFC 5545 TEXT value: "\" → "\\", ";" → "\;", "," → "\,",
// a line break (CRLF, LF or CR) → "\n".
[[nodiscard]] std::string ics_escape_text(std::string_view text);

// LINE (without its line break) folded into lines of at most 75 octets, each
// continuation starting with one space, each line ending in CRLF. A fold is
// never placed inside a UTF-8 multi-byte sequence.
[[nodiscard]] std::string ics_fold(std::string_view line);

// The UID of a deadline with KEY: 16 hex digits of a 64-bit FNV-1a hash, "@", DOMAIN.
[[nodiscard]] std::string ics_uid(std::string_view key, std::string_view domain);

}  // namespace sawt::protection
