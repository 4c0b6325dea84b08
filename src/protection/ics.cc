#include "protection/ics.h"

#include <cstdint>

#include <fmt/format.h>

namespace sawt::protection {

namespace chr = std::chrono;

namespace {

constexpr std::size_t kMaxOctets = 75;

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

std::string ics_date(chr::sys_days day) {
  const chr::year_month_day ymd{day};
  return fmt::format("{:04}{:02}{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

std::string ics_stamp(chr::sys_seconds t) {
  const auto day = chr::floor<chr::days>(t);
  const chr::hh_mm_ss hms{t - day};
  return fmt::format("{}T{:02}{:02}{:02}Z", ics_date(day), hms.hours().count(), hms.minutes().count(),
                     hms.seconds().count());
}

}  // namespace

std::string ics_escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string ics_fold(std::string_view line) {
  std::string out;
  std::size_t limit = kMaxOctets;  // the first line has 75 octets; continuations 74 after the space
  while (line.size() > limit) {
    std::size_t cut = limit;
    // Back off to the start of a character: never cut before a continuation byte.
    while (cut > 0 && is_continuation(static_cast<unsigned char>(line[cut]))) --cut;
    if (cut == 0) cut = limit;  // not UTF-8 at all; cannot happen for valid text
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = kMaxOctets - 1;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

std::string ics_uid(std::string_view key, std::string_view domain) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : key) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}@{}", h, domain);
}

std::string to_icalendar(const std::vector<Deadline>& deadlines, const IcsOptions& options) {
  std::string out;
  const auto line = [&](std::string_view text) { out += ics_fold(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//sawt//protection deadlines//EN");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  if (!options.calendar_name.empty()) line("X-WR-CALNAME:" + ics_escape_text(options.calendar_name));
  const std::string stamp = ics_stamp(options.stamp);
  for (const Deadline& d : deadlines) {
    const std::string& summary = options.lang == "en" ? d.explanation.en : d.explanation.ar;
    std::string description = d.explanation.ar + "\n" + d.explanation.en;
    if (!d.due.exact() || d.due.approximate) {
      description += fmt::format("\nالتاريخ غير دقيق: {}\nThe date is uncertain: {}", d.due.to_string_ar(), d.due.to_string());
    }
    line("BEGIN:VEVENT");
    line("UID:" + ics_uid(d.key, options.uid_domain));
    line("DTSTAMP:" + stamp);
    line("DTSTART;VALUE=DATE:" + ics_date(d.due.earliest));
    line("DTEND;VALUE=DATE:" + ics_date(d.due.earliest + chr::days{1}));
    line("SUMMARY:" + ics_escape_text(options.summary_prefix + summary));
    line("DESCRIPTION:" + ics_escape_text(description));
    line("CATEGORIES:" + ics_escape_text(d.kind));
    line("TRANSP:TRANSPARENT");
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace sawt::protection
