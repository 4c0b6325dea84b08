#include "domain/reference_table.h"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace sawt {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kNbsp = "\xC2\xA0";

// Calls FN(code_point) for each code point of TEXT; returns false (after
// calling FN for the well-formed prefix) when TEXT is not valid UTF-8.
template <typename Fn>
bool for_each_code_point(std::string_view text, Fn&& fn) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
    fn(c);
  }
  return true;
}

void append_utf8(std::string& out, UChar32 c) {
  char buffer[U8_MAX_LENGTH];
  std::int32_t n = 0;
  U8_APPEND_UNSAFE(buffer, n, c);
  out.append(buffer, static_cast<std::size_t>(n));
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

bool has_edge_space(std::string_view field) {
  if (field.empty()) return false;
  return field.front() == ' ' || field.back() == ' ' || field.starts_with(kNbsp) || field.ends_with(kNbsp);
}

bool has_control_character(std::string_view text) {
  bool found = false;
  // Every C0 control but TAB (which separates fields), DEL and the C1 controls.
  for_each_code_point(text, [&](UChar32 c) {
    if ((c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0)) found = true;
  });
  return found;
}

bool is_blank(std::string_view line) {
  for (char c : line) {
    if (!is_space(c)) return false;
  }
  return true;
}

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields.emplace_back(line.substr(start));
      return fields;
    }
    fields.emplace_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

}  // namespace

std::optional<std::size_t> ReferenceTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return i;
  }
  return std::nullopt;
}

std::string where_line(std::string_view origin, int line) { return fmt::format("{}:{}", origin, line); }

Result<ReferenceTable> parse_reference_table(std::string_view text, std::string_view origin,
                                             std::initializer_list<std::string_view> required) {
  ReferenceTable table;
  table.origin = std::string(origin);
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());

  int line_number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    const std::string where = where_line(origin, line_number);

    if (!for_each_code_point(line, [](UChar32) {})) {
      return fail(ErrorKind::kBadInput, "the line is not valid UTF-8", where,
                  "save the file as UTF-8 (in a spreadsheet: Save As, text CSV, character set UTF-8)");
    }
    if (line.starts_with('#') || is_blank(line)) continue;

    std::vector<std::string> fields = split_tabs(line);
    if (table.header_line == 0) {
      table.header_line = line_number;
      for (const auto& name : fields) {
        if (!is_code_token(name)) {
          return fail(ErrorKind::kBadInput, fmt::format("column name '{}' is not valid", name), where,
                      "name columns with lower-case ASCII letters, digits and '_', separated by one TAB");
        }
        for (const auto& seen : table.columns) {
          if (seen == name) {
            return fail(ErrorKind::kBadInput, fmt::format("column '{}' appears twice in the header", name),
                        where, "remove or rename one of them");
          }
        }
        table.columns.push_back(name);
      }
      for (std::string_view name : required) {
        if (!table.column(name)) {
          std::vector<std::string> wanted(required.begin(), required.end());
          return fail(ErrorKind::kBadInput, fmt::format("the header has no '{}' column", name), where,
                      fmt::format("the first row that is not a comment must name the columns, at least: {}",
                                  join(wanted, "<TAB>")));
        }
      }
      continue;
    }

    if (fields.size() != table.columns.size()) {
      return fail(
          ErrorKind::kBadInput,
          fmt::format("the row has {} fields but the header (line {}) has {} columns: {}", fields.size(),
                      table.header_line, table.columns.size(), join(table.columns, ", ")),
          where,
          "separate fields with exactly one TAB and leave an empty field between two TABs for a "
          "missing value; a label must not contain a TAB");
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (has_edge_space(fields[i])) {
        return fail(ErrorKind::kBadInput,
                    fmt::format("the {} field '{}' starts or ends with a space", table.columns[i], fields[i]),
                    where, "remove the spaces around the value");
      }
      if (has_control_character(fields[i])) {
        return fail(ErrorKind::kBadInput,
                    fmt::format("the {} field holds a control character", table.columns[i]), where,
                    "remove it; fields are plain single-line text");
      }
    }
    table.rows.push_back(TableRow{std::move(fields), line_number});
  }

  if (table.header_line == 0) {
    return fail(ErrorKind::kBadInput, "the file has no header row", std::string(origin),
                "the first row that is not a comment must name the columns, separated by one TAB");
  }
  return table;
}

bool contains_arabic_letter(std::string_view text) {
  bool found = false;
  for_each_code_point(text, [&](UChar32 c) {
    if (found || !u_isalpha(c)) return;
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(c, &status) == USCRIPT_ARABIC && U_SUCCESS(status)) found = true;
  });
  return found;
}

bool is_code_token(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::string lookup_key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  // Invalid UTF-8 cannot name a term: the well-formed prefix is folded and the
  // rest dropped, which can only make a lookup fail, never match wrongly.
  for_each_code_point(text, [&](UChar32 c) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0) {
      pending_space = !out.empty();
      return;
    }
    if ((c >= 0x064B && c <= 0x0652) || c == 0x0670 || c == 0x0640) return;    // diacritics, tatweel
    if (c == 0x0623 || c == 0x0625 || c == 0x0622 || c == 0x0671) c = 0x0627;  // alef forms -> ا
    if (c == 0x0649) c = 0x064A;                                               // ى -> ي
    if (c == 0x0629) c = 0x0647;                                               // ة -> ه
    if (c >= 0x0660 && c <= 0x0669) c = '0' + (c - 0x0660);                    // Arabic-Indic digits
    if (c >= 0x06F0 && c <= 0x06F9) c = '0' + (c - 0x06F0);                    // Persian digits
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    if (pending_space) out += ' ';
    pending_space = false;
    append_utf8(out, c);
  });
  return out;
}

}  // namespace sawt
