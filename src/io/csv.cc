#include "io/csv.h"

#include <fmt/format.h>

#include "util/strings.h"

namespace sawt::io {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);
}

size_t CsvReader::line_end(size_t pos) const {
  const size_t nl = text_.find('\n', pos);
  return nl == std::string_view::npos ? text_.size() : nl + 1;
}

std::string CsvReader::raw(size_t from, size_t to) const {
  std::string out(text_.substr(from, to - from));
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

CsvReader::Parsed CsvReader::parse_at(size_t pos) const {
  Parsed p;
  std::string field;
  size_t i = pos;
  const size_t n = text_.size();
  while (true) {
    field.clear();
    if (i < n && text_[i] == '"') {
      // Quoted field.
      ++i;
      while (true) {
        if (i >= n) {
          p.error = "a quoted field is never closed";
          p.unterminated = true;
          p.end = n;
          return p;
        }
        const char c = text_[i];
        if (c == '"') {
          if (i + 1 < n && text_[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (c == '\n') ++p.lines;
        field += c;
        ++i;
      }
      // After a closing quote: separator, line end or end of input.
      if (i < n && text_[i] != ',' && text_[i] != '\n' && !(text_[i] == '\r' && (i + 1 == n || text_[i + 1] == '\n'))) {
        p.error = fmt::format("field {} has text after its closing quote", p.fields.size() + 1);
        p.end = line_end(i);
        return p;
      }
    } else {
      while (i < n && text_[i] != ',' && text_[i] != '\n') {
        if (text_[i] == '"') {
          p.error = fmt::format("field {} has a quote character inside an unquoted value", p.fields.size() + 1);
          p.end = line_end(i);
          return p;
        }
        field += text_[i];
        ++i;
      }
      if (!field.empty() && field.back() == '\r' && (i == n || text_[i] == '\n')) field.pop_back();
    }
    p.fields.push_back(field);
    if (i < n && text_[i] == ',') {
      ++i;
      continue;
    }
    if (i < n && text_[i] == '\r') ++i;
    if (i < n && text_[i] == '\n') ++i;
    p.end = i;
    return p;
  }
}

bool CsvReader::next(Item& item) {
  // Skip blank lines.
  while (pos_ < text_.size()) {
    const size_t e = line_end(pos_);
    if (!trim(text_.substr(pos_, e - pos_)).empty()) break;
    pos_ = e;
    ++line_;
  }
  if (pos_ >= text_.size()) return false;

  const size_t start = pos_;
  const int line = line_;
  Parsed p = parse_at(start);
  const bool count_ok = expected_ == 0 || p.fields.size() == expected_;

  if (p.error.empty() && count_ok) {
    pos_ = p.end;
    line_ += p.lines;
    item.ok = true;
    item.row.line = line;
    item.row.fields = std::move(p.fields);
    for (const auto& f : item.row.fields) {
      if (!is_valid_utf8(f)) {
        item.ok = false;
        item.problem = {line, "the row is not valid UTF-8 text", raw(start, p.end)};
        break;
      }
    }
    return true;
  }

  item.ok = false;
  if (p.lines > 1 || p.unterminated) {
    // Broken quoting: give up on the first physical line only.
    const size_t e = line_end(start);
    item.problem = {line,
                    p.unterminated ? "broken quoting: a quote opens a field that is never closed"
                                   : fmt::format("broken quoting: a quoted field runs across lines and the row "
                                                 "then has {} fields instead of {}",
                                                 p.fields.size(), expected_),
                    raw(start, e)};
    if (!p.error.empty() && !p.unterminated) item.problem.reason = "broken quoting: " + p.error;
    pos_ = e;
    line_ += 1;
    return true;
  }
  pos_ = p.end;
  line_ += p.lines;
  item.problem = {line,
                  !p.error.empty() ? "broken quoting: " + p.error
                                   : fmt::format("the row has {} fields but the header has {}", p.fields.size(), expected_),
                  raw(start, p.end)};
  return true;
}

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i != 0) out += ',';
    out += csv_field(fields[i]);
  }
  return out + "\n";
}

}  // namespace sawt::io
