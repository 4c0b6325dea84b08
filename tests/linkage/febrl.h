// Reader for the FEBRL benchmark files (tests/data/linkage/febrl/, see the
// README there) into the domain's SourceRecord: given_name -> first name,
// surname -> family name, date_of_birth YYYYMMDD -> birth date (kept as the
// extra column date_of_birth when it is not a valid date: FEBRL mistypes some
// on purpose), every other column -> an extra column. The truth label of a
// record is N of its rec_id "rec-N-org" / "rec-N-dup-K". Header-only so that
// the test glob needs no extra source; the bench tool includes it too.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "domain/model.h"
#include "domain/partial_date.h"
#include "io/csv.h"
#include "util/strings.h"

namespace sawt::linkage::febrl {

struct Dataset {
  std::vector<SourceRecord> records;
  std::vector<std::string> truth;  // per record: N of rec-N-...
};

inline void append(Dataset& out, const std::string& text) {
  io::CsvReader reader(text);
  io::CsvReader::Item item;
  if (!reader.next(item) || !item.ok) throw std::runtime_error("FEBRL file without a header");
  std::vector<std::string> header;
  for (const std::string& h : item.row.fields) header.emplace_back(trim(h));
  reader.expect_fields(header.size());
  while (reader.next(item)) {
    if (!item.ok)
      throw std::runtime_error("FEBRL row " + std::to_string(item.problem.line) + ": " + item.problem.reason);
    SourceRecord r;
    r.line = item.row.line;
    for (std::size_t i = 0; i < header.size(); ++i) {
      const std::string value(trim(item.row.fields[i]));
      const std::string& column = header[i];
      if (column == "rec_id") {
        r.record_id = value;
      } else if (column == "given_name") {
        r.name.first = value;
      } else if (column == "surname") {
        r.name.family = value;
      } else if (column == "date_of_birth") {
        bool parsed = false;
        if (value.size() == 8) {
          auto d = PartialDate::make(std::stoi(value.substr(0, 4)), std::stoi(value.substr(4, 2)),
                                     std::stoi(value.substr(6, 2)));
          if (d && value.find_first_not_of("0123456789") == std::string::npos) {
            r.birth_date = *d;
            parsed = true;
          }
        }
        if (!parsed && !value.empty()) r.extra[column] = value;
      } else if (!value.empty()) {
        r.extra[column] = value;
      }
    }
    const std::size_t first_dash = r.record_id.find('-');
    const std::size_t second_dash = r.record_id.find('-', first_dash + 1);
    out.truth.push_back(r.record_id.substr(first_dash + 1, second_dash - first_dash - 1));
    out.records.push_back(std::move(r));
  }
}

}  // namespace sawt::linkage::febrl
