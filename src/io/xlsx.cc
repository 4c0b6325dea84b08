#include "io/xlsx.h"

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "util/strings.h"

namespace sawt::io {

namespace {

constexpr zip_uint64_t kMaxPartBytes = 256ULL << 20;  // one decompressed XML part
constexpr int kMaxRows = 1'048'576;                   // Excel's own limits
constexpr int kMaxColumns = 16'384;
constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

std::string_view local_name(const char* name) {
  std::string_view n(name);
  if (auto colon = n.rfind(':'); colon != std::string_view::npos) n.remove_prefix(colon + 1);
  return n;
}

// ------------------------------------------------------------------ reading

// One open workbook: the zip archive over the caller's bytes.
class Archive {
 public:
  static Result<Archive> open(std::string_view bytes, std::string_view file_name) {
    const auto bad = [&](std::string msg, std::string hint) {
      return fail(ErrorKind::kBadInput, std::move(msg), std::string(file_name), std::move(hint));
    };
    if (looks_like_ole(bytes)) {
      return bad(
          "the workbook is encrypted (or is an old .xls file): it cannot be read",
          "open it in your spreadsheet program, remove the password (or save as .xlsx), and upload it again");
    }
    if (!looks_like_zip(bytes)) {
      return bad("the file is not an XLSX workbook",
                 "save the spreadsheet as .xlsx (Excel workbook) or as CSV (UTF-8)");
    }
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (src == nullptr) {
      zip_error_fini(&err);
      return fail(ErrorKind::kInternal, "libzip could not take the workbook's bytes", std::string(file_name));
    }
    zip_t* za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (za == nullptr) {
      const std::string why = zip_error_strerror(&err);
      zip_source_free(src);
      zip_error_fini(&err);
      return bad(fmt::format("the workbook's zip container is damaged ({})", why),
                 "open and save it again in your spreadsheet program, or export it as CSV");
    }
    zip_error_fini(&err);
    return Archive(za, file_name);
  }

  [[nodiscard]] bool has(const std::string& name) const {
    return zip_name_locate(za_.get(), name.c_str(), 0) >= 0;
  }

  // The decompressed part; kBadInput when absent, encrypted, too large or damaged.
  Result<std::string> part(const std::string& name) const {
    const auto bad = [&](std::string msg) {
      return fail(ErrorKind::kBadInput, std::move(msg), fmt::format("{}: {}", file_name_, name),
                  "open and save the workbook again in your spreadsheet program, or export it as CSV");
    };
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(za_.get(), name.c_str(), 0, &st) != 0) return bad("the workbook has no part " + name);
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE) {
      return fail(ErrorKind::kBadInput, "the workbook is encrypted: it cannot be read",
                  std::string(file_name_),
                  "remove the password in your spreadsheet program and upload it again");
    }
    if ((st.valid & ZIP_STAT_SIZE) == 0 || st.size > kMaxPartBytes) {
      return bad(
          fmt::format("the part {} is larger than {} MiB once decompressed", name, kMaxPartBytes >> 20));
    }
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> f(zip_fopen(za_.get(), name.c_str(), 0), &zip_fclose);
    if (!f) return bad(fmt::format("the part {} cannot be opened ({})", name, zip_strerror(za_.get())));
    std::string out(st.size, '\0');
    zip_uint64_t got = 0;
    while (got < st.size) {
      const zip_int64_t n = zip_fread(f.get(), out.data() + got, st.size - got);
      if (n < 0) return bad(fmt::format("the part {} is damaged ({})", name, zip_file_strerror(f.get())));
      if (n == 0) break;
      got += static_cast<zip_uint64_t>(n);
    }
    if (got != st.size) return bad(fmt::format("the part {} is shorter than its directory says", name));
    return out;
  }

  [[nodiscard]] const std::string& file_name() const { return file_name_; }

 private:
  Archive(zip_t* za, std::string_view file_name) : za_(za, &zip_discard), file_name_(file_name) {}
  std::unique_ptr<zip_t, decltype(&zip_discard)> za_;
  std::string file_name_;
};

// Streams one XML part through expat. Element and attribute names are given
// without their namespace prefix. A DOCTYPE (entity tricks) is refused.
struct XmlHandlers {
  std::function<void(std::string_view name, const char** attrs)> start;
  std::function<void(std::string_view name)> end;
  std::function<void(std::string_view text)> text;
};

std::string attr(const char** attrs, std::string_view want) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    if (local_name(attrs[i]) == want) return attrs[i + 1];
  }
  return {};
}

Status parse_xml(std::string_view xml, const XmlHandlers& h, const std::string& where) {
  struct State {
    const XmlHandlers* h;
    XML_Parser parser;
    bool doctype = false;
  };
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(
      XML_ParserCreate("UTF-8"), &XML_ParserFree);
  if (!parser) return fail(ErrorKind::kInternal, "expat could not start", where);
  State st{&h, parser.get()};
  XML_SetUserData(parser.get(), &st);
  XML_SetElementHandler(
      parser.get(),
      [](void* ud, const XML_Char* name, const XML_Char** attrs) {
        auto* s = static_cast<State*>(ud);
        if (s->h->start) s->h->start(local_name(name), attrs);
      },
      [](void* ud, const XML_Char* name) {
        auto* s = static_cast<State*>(ud);
        if (s->h->end) s->h->end(local_name(name));
      });
  XML_SetCharacterDataHandler(parser.get(), [](void* ud, const XML_Char* text, int len) {
    auto* s = static_cast<State*>(ud);
    if (s->h->text) s->h->text(std::string_view(text, static_cast<size_t>(len)));
  });
  XML_SetStartDoctypeDeclHandler(parser.get(),
                                 [](void* ud, const XML_Char*, const XML_Char*, const XML_Char*, int) {
                                   auto* s = static_cast<State*>(ud);
                                   s->doctype = true;
                                   XML_StopParser(s->parser, XML_FALSE);
                                 });
  const auto status = XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE);
  if (st.doctype) {
    return fail(ErrorKind::kBadInput, "the part declares a DOCTYPE, which workbooks never do", where,
                "save the workbook again in a spreadsheet program");
  }
  if (status != XML_STATUS_OK) {
    return fail(
        ErrorKind::kBadInput,
        fmt::format("the part is not well-formed XML ({} at line {})",
                    XML_ErrorString(XML_GetErrorCode(parser.get())), XML_GetCurrentLineNumber(parser.get())),
        where, "open and save the workbook again in your spreadsheet program, or export it as CSV");
  }
  return {};
}

// Resolves a relationship target against the folder of the part that owns it.
std::string resolve_target(std::string_view base_dir, std::string_view target) {
  if (target.starts_with('/')) return std::string(target.substr(1));
  std::vector<std::string> parts = base_dir.empty() ? std::vector<std::string>{} : split(base_dir, '/');
  for (const auto& p : split(target, '/')) {
    if (p == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!p.empty() && p != ".") {
      parts.push_back(p);
    }
  }
  return join(parts, "/");
}

struct Relationship {
  std::string type;  // the last segment of Type, e.g. "worksheet"
  std::string target;
};

Result<std::map<std::string, Relationship>> read_rels(const Archive& a, const std::string& part_path) {
  const auto slash = part_path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : part_path.substr(0, slash);
  const std::string rels_path =
      (dir.empty() ? "" : dir + "/") + "_rels/" + part_path.substr(slash + 1) + ".rels";
  std::map<std::string, Relationship> out;
  if (!a.has(rels_path)) return out;
  const auto xml = SAWT_TRY(a.part(rels_path));
  SAWT_CHECK(parse_xml(xml,
                       {[&](std::string_view name, const char** attrs) {
                          if (name != "Relationship") return;
                          const std::string type = attr(attrs, "Type");
                          out[attr(attrs, "Id")] = {type.substr(type.rfind('/') + 1),
                                                    resolve_target(dir, attr(attrs, "Target"))};
                        },
                        {},
                        {}},
                       a.file_name() + ": " + rels_path));
  return out;
}

struct Workbook {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, part path
  std::string shared_strings_path;
  std::string styles_path;
  bool date1904 = false;
};

Result<Workbook> read_workbook(const Archive& a) {
  std::string wb_path = "xl/workbook.xml";
  for (const auto& [id, rel] : SAWT_TRY(read_rels(a, "_rels/.rels"))) {
    (void)id;
    if (rel.type == "officeDocument") wb_path = rel.target;
  }
  if (!a.has(wb_path)) {
    return fail(ErrorKind::kBadInput, "the zip file is not a spreadsheet (it has no workbook part)",
                a.file_name(), "save the spreadsheet as .xlsx (Excel workbook) or as CSV (UTF-8)");
  }
  const auto rels = SAWT_TRY(read_rels(a, wb_path));
  Workbook wb;
  const auto slash = wb_path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : wb_path.substr(0, slash);
  for (const auto& [id, rel] : rels) {
    (void)id;
    if (rel.type == "sharedStrings") wb.shared_strings_path = rel.target;
    if (rel.type == "styles") wb.styles_path = rel.target;
  }
  const auto xml = SAWT_TRY(a.part(wb_path));
  std::string missing;
  SAWT_CHECK(parse_xml(xml,
                       {[&](std::string_view name, const char** attrs) {
                          if (name == "workbookPr") {
                            const auto v = attr(attrs, "date1904");
                            wb.date1904 = v == "1" || v == "true";
                          }
                          if (name != "sheet") return;
                          auto it = rels.find(attr(attrs, "id"));
                          if (it == rels.end()) {
                            missing = attr(attrs, "name");
                            return;
                          }
                          wb.sheets.emplace_back(attr(attrs, "name"), it->second.target);
                        },
                        {},
                        {}},
                       a.file_name() + ": " + wb_path));
  if (!missing.empty()) {
    return fail(ErrorKind::kBadInput, fmt::format("the sheet '{}' has no part in the workbook", missing),
                a.file_name(), "open and save the workbook again in your spreadsheet program");
  }
  if (wb.sheets.empty()) {
    return fail(ErrorKind::kBadInput, "the workbook has no sheets", a.file_name(),
                "add a sheet with a header row");
  }
  (void)dir;
  return wb;
}

Result<std::vector<std::string>> read_shared_strings(const Archive& a, const std::string& path) {
  std::vector<std::string> out;
  if (path.empty() || !a.has(path)) return out;
  const auto xml = SAWT_TRY(a.part(path));
  bool in_si = false;
  bool in_t = false;
  int in_phonetic = 0;
  std::string current;
  SAWT_CHECK(parse_xml(xml,
                       {[&](std::string_view name, const char**) {
                          if (name == "si") {
                            in_si = true;
                            current.clear();
                          } else if (name == "rPh") {
                            ++in_phonetic;
                          } else if (name == "t") {
                            in_t = true;
                          }
                        },
                        [&](std::string_view name) {
                          if (name == "si") {
                            in_si = false;
                            out.push_back(std::move(current));
                            current.clear();
                          } else if (name == "rPh") {
                            --in_phonetic;
                          } else if (name == "t") {
                            in_t = false;
                          }
                        },
                        [&](std::string_view text) {
                          if (in_si && in_t && in_phonetic == 0) current += text;
                        }},
                       a.file_name() + ": " + path));
  return out;
}

// A custom number format shows a date when it has a day or year code outside
// quoted text and [..] sections.
bool format_code_is_date(std::string_view code) {
  bool quoted = false;
  int bracket = 0;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '[') ++bracket;
    if (c == ']' && bracket > 0) --bracket;
    if (bracket > 0) continue;
    if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') return true;
  }
  return false;
}

bool builtin_format_is_date(int id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

// For each cell style index (the `s` attribute): does it show a date?
Result<std::vector<bool>> read_date_styles(const Archive& a, const std::string& path) {
  std::vector<bool> out;
  if (path.empty() || !a.has(path)) return out;
  const auto xml = SAWT_TRY(a.part(path));
  std::set<int> custom_dates;
  bool in_cell_xfs = false;
  std::vector<int> xf_formats;
  SAWT_CHECK(parse_xml(xml,
                       {[&](std::string_view name, const char** attrs) {
                          if (name == "numFmt" && format_code_is_date(attr(attrs, "formatCode"))) {
                            custom_dates.insert(std::atoi(attr(attrs, "numFmtId").c_str()));
                          } else if (name == "cellXfs") {
                            in_cell_xfs = true;
                          } else if (name == "xf" && in_cell_xfs) {
                            xf_formats.push_back(std::atoi(attr(attrs, "numFmtId").c_str()));
                          }
                        },
                        [&](std::string_view name) {
                          if (name == "cellXfs") in_cell_xfs = false;
                        },
                        {}},
                       a.file_name() + ": " + path));
  for (int f : xf_formats) out.push_back(builtin_format_is_date(f) || custom_dates.contains(f));
  return out;
}

// "BC12" -> 54 (0-based column), -1 when there are no letters.
int column_of(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + (ref[i] - 'A' + 1);
  if (i == 0 || col > kMaxColumns) return -1;
  return col - 1;
}

std::string column_name(int col) {
  std::string out;
  for (int c = col + 1; c > 0; c = (c - 1) / 26)
    out.insert(out.begin(), static_cast<char>('A' + (c - 1) % 26));
  return out;
}

Result<XlsxSheet> read_sheet(const Archive& a, const Workbook& wb, const std::string& name,
                             const std::string& path) {
  const auto strings = SAWT_TRY(read_shared_strings(a, wb.shared_strings_path));
  const auto date_styles = SAWT_TRY(read_date_styles(a, wb.styles_path));
  const auto xml = SAWT_TRY(a.part(path));
  const std::string where = fmt::format("{}: sheet '{}'", a.file_name(), name);

  XlsxSheet sheet;
  sheet.name = name;
  XlsxRow row;
  bool in_row = false;
  int last_row = 0;
  // The cell being read.
  int col = -1;
  int next_col = 0;
  std::string type;
  int style = 0;
  std::string value;
  bool in_value = false;  // inside <v>, or <t> of an inline string
  bool in_inline = false;
  std::string problem;
  const auto note = [&](std::string p) {
    if (problem.empty()) problem = std::move(p);
  };
  const auto finish_cell = [&] {
    std::string text;
    if (type == "s") {
      char* end = nullptr;
      const long idx = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || idx < 0 || static_cast<size_t>(idx) >= strings.size()) {
        note(fmt::format("cell {}{} points to shared string '{}', which does not exist", column_name(col),
                         row.number, value));
        return;
      }
      text = strings[static_cast<size_t>(idx)];
    } else if (type == "b") {
      text = value == "1" ? "TRUE" : "FALSE";
    } else if (type == "inlineStr" || type == "str" || type == "e") {
      text = value;
    } else {  // a number (type "n" or none)
      text = std::string(trim(value));
      if (!text.empty() && style >= 0 && static_cast<size_t>(style) < date_styles.size() &&
          date_styles[static_cast<size_t>(style)]) {
        char* end = nullptr;
        const double serial = std::strtod(text.c_str(), &end);
        if (*end == '\0' && std::isfinite(serial) && serial >= 1 && serial < 2958466) {
          text = excel_serial_to_date(serial + (wb.date1904 ? 1462 : 0));
        }
      }
    }
    if (text.empty()) return;
    if (row.cells.size() <= static_cast<size_t>(col)) row.cells.resize(static_cast<size_t>(col) + 1);
    row.cells[static_cast<size_t>(col)] = std::move(text);
  };

  SAWT_CHECK(parse_xml(xml,
                       {[&](std::string_view el, const char** attrs) {
                          if (el == "row") {
                            in_row = true;
                            row = {};
                            const std::string r = attr(attrs, "r");
                            row.number = r.empty() ? last_row + 1 : std::atoi(r.c_str());
                            if (row.number <= last_row || row.number > kMaxRows) {
                              note(fmt::format("row number '{}' is out of order or out of range", r));
                              row.number = last_row + 1;
                            }
                            last_row = row.number;
                            next_col = 0;
                          } else if (el == "c" && in_row) {
                            const std::string r = attr(attrs, "r");
                            col = r.empty() ? next_col : column_of(r);
                            if (col < 0 || col >= kMaxColumns) {
                              note(fmt::format("cell reference '{}' is not valid", r));
                              col = next_col;
                            }
                            next_col = col + 1;
                            type = attr(attrs, "t");
                            const std::string s = attr(attrs, "s");
                            style = s.empty() ? 0 : std::atoi(s.c_str());
                            value.clear();
                          } else if (el == "v") {
                            in_value = true;
                          } else if (el == "is") {
                            in_inline = true;
                          } else if (el == "t" && in_inline) {
                            in_value = true;
                          } else if (el == "rPh") {
                            in_inline = false;  // phonetic runs are not part of the text
                          }
                        },
                        [&](std::string_view el) {
                          if (el == "v" || el == "t") {
                            in_value = false;
                          } else if (el == "is") {
                            in_inline = false;
                          } else if (el == "c" && in_row && col >= 0) {
                            finish_cell();
                          } else if (el == "row" && in_row) {
                            in_row = false;
                            while (!row.cells.empty() && trim(row.cells.back()).empty()) row.cells.pop_back();
                            if (!row.cells.empty()) sheet.rows.push_back(std::move(row));
                          }
                        },
                        [&](std::string_view text) {
                          if (in_value) value += text;
                        }},
                       where));
  if (!problem.empty()) {
    return fail(ErrorKind::kBadInput, "the sheet is damaged: " + problem, where,
                "open and save the workbook again in your spreadsheet program, or export it as CSV");
  }
  for (const auto& r : sheet.rows) {
    for (const auto& c : r.cells) {
      if (!is_valid_utf8(c)) {
        return fail(ErrorKind::kBadInput, "a cell is not valid UTF-8 text",
                    fmt::format("{}: row {}", where, r.number));
      }
    }
  }
  return sheet;
}

// ------------------------------------------------------------------ writing

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        // XML 1.0 forbids most control characters; tab, LF and CR stay.
        if (c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') continue;
        out += ch;
    }
  }
  return out;
}

Status check_sheet_name(std::string_view name) {
  if (name.empty() || name.size() > 31 || name.find_first_of("[]:*?/\\") != std::string_view::npos) {
    return fail(ErrorKind::kBadInput, fmt::format("'{}' cannot be a sheet name", name), "sheet",
                "use 1 to 31 characters without []:*?/\\");
  }
  return {};
}

}  // namespace

bool looks_like_zip(std::string_view bytes) { return bytes.starts_with(std::string_view("PK\x03\x04", 4)); }

bool looks_like_ole(std::string_view bytes) { return bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"); }

std::string excel_serial_to_date(double serial) {
  using namespace std::chrono;
  auto whole = static_cast<long>(std::floor(serial));
  // Excel counts 1900-02-29, which never was: serials from 61 on are one day late.
  const sys_days epoch =
      whole >= 61 ? sys_days(year{1899} / December / 30) : sys_days(year{1899} / December / 31);
  if (whole == 60) whole = 59;  // the day that never was becomes 1900-02-28
  const year_month_day ymd{epoch + days(whole)};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

Result<double> date_to_excel_serial(std::string_view text) {
  using namespace std::chrono;
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  if (text.size() != 10 || std::sscanf(std::string(text).c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) {
    return fail(ErrorKind::kBadInput, fmt::format("'{}' is not a YYYY-MM-DD date", text), "date");
  }
  const year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok() || y < 1900)
    return fail(ErrorKind::kBadInput, fmt::format("'{}' is not a date from 1900 on", text), "date");
  const auto n = (sys_days(ymd) - sys_days(year{1899} / December / 30)).count();
  return static_cast<double>(n >= 61 ? n : n - 1);
}

Result<std::vector<std::string>> xlsx_sheet_names(std::string_view bytes, std::string_view file_name) {
  auto a = SAWT_TRY(Archive::open(bytes, file_name));
  auto wb = SAWT_TRY(read_workbook(a));
  std::vector<std::string> out;
  for (const auto& [name, path] : wb.sheets) out.push_back(name);
  return out;
}

Result<XlsxSheet> read_xlsx(std::string_view bytes, std::string_view file_name, std::string_view sheet) {
  auto a = SAWT_TRY(Archive::open(bytes, file_name));
  auto wb = SAWT_TRY(read_workbook(a));
  if (sheet.empty()) return read_sheet(a, wb, wb.sheets[0].first, wb.sheets[0].second);
  std::vector<std::string> names;
  for (const auto& [name, path] : wb.sheets) {
    if (name == sheet) return read_sheet(a, wb, name, path);
    names.push_back("'" + name + "'");
  }
  return fail(ErrorKind::kNotFound, fmt::format("the workbook has no sheet named '{}'", sheet),
              std::string(file_name), "its sheets are " + join(names, ", "));
}

Result<std::string> write_xlsx(const std::vector<XlsxTable>& sheets) {
  std::vector<std::string> strings;
  std::map<std::string, size_t, std::less<>> string_index;
  std::vector<std::pair<std::string, std::string>> parts;  // path, content (kept alive until zip_close)

  std::string workbook = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"{}\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>",
      kMain);
  std::string workbook_rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  std::string content_types =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
      "<Override PartName=\"/xl/styles.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
      "<Override PartName=\"/xl/sharedStrings.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>";
  std::set<std::string> names;
  for (size_t i = 0; i < sheets.size(); ++i) {
    const auto& t = sheets[i];
    SAWT_CHECK(check_sheet_name(t.name));
    if (!names.insert(to_lower_ascii(t.name)).second) {
      return fail(ErrorKind::kBadInput, fmt::format("two sheets are named '{}'", t.name), "sheet");
    }
    std::string xml = fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"{}\"><sheetData>",
        kMain);
    for (size_t r = 0; r < t.rows.size(); ++r) {
      xml += fmt::format("<row r=\"{}\">", r + 1);
      for (size_t c = 0; c < t.rows[r].size(); ++c) {
        const auto& cell = t.rows[r][c];
        const std::string ref = column_name(static_cast<int>(c)) + std::to_string(r + 1);
        switch (cell.kind) {
          case XlsxCell::Kind::kText: {
            if (cell.text.empty()) break;
            auto [it, inserted] = string_index.emplace(cell.text, strings.size());
            if (inserted) strings.push_back(cell.text);
            xml += fmt::format("<c r=\"{}\" t=\"s\"><v>{}</v></c>", ref, it->second);
            break;
          }
          case XlsxCell::Kind::kNumber:
            if (!std::isfinite(cell.number))
              return fail(ErrorKind::kBadInput, "a number cell is not finite", ref);
            xml += fmt::format("<c r=\"{}\"><v>{}</v></c>", ref, cell.number);
            break;
          case XlsxCell::Kind::kDate:
            xml += fmt::format("<c r=\"{}\" s=\"1\"><v>{}</v></c>", ref,
                               SAWT_TRY(date_to_excel_serial(cell.text)));
            break;
        }
      }
      xml += "</row>";
    }
    xml += "</sheetData></worksheet>";
    const std::string path = fmt::format("xl/worksheets/sheet{}.xml", i + 1);
    parts.emplace_back(path, std::move(xml));
    workbook +=
        fmt::format("<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>", xml_escape(t.name), i + 1, i + 1);
    workbook_rels += fmt::format(
        "<Relationship Id=\"rId{}\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
        "Target=\"worksheets/sheet{}.xml\"/>",
        i + 1, i + 1);
    content_types += fmt::format(
        "<Override PartName=\"/{}\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>",
        path);
  }
  workbook += "</sheets></workbook>";
  const size_t n = sheets.size();
  workbook_rels += fmt::format(
      "<Relationship Id=\"rId{}\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
      "Target=\"styles.xml\"/><Relationship Id=\"rId{}\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
      "Target=\"sharedStrings.xml\"/></Relationships>",
      n + 1, n + 2);
  content_types += "</Types>";
  std::string shared = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"{}\" count=\"{}\" "
      "uniqueCount=\"{}\">",
      kMain, strings.size(), strings.size());
  for (const auto& s : strings) {
    const bool keep_space =
        !s.empty() && (s.front() == ' ' || s.back() == ' ' || s.find('\n') != std::string::npos);
    shared += fmt::format("<si><t{}>{}</t></si>", keep_space ? " xml:space=\"preserve\"" : "", xml_escape(s));
  }
  shared += "</sst>";
  const std::string styles = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"{}\">"
      "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
      "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
      "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill "
      "patternType=\"gray125\"/></fill></fills>"
      "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
      "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
      "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
      "applyNumberFormat=\"1\"/></cellXfs>"
      "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" "
      "builtinId=\"0\"/></cellStyles></styleSheet>",
      kMain);
  const std::string root_rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
      "Target=\"xl/workbook.xml\"/></Relationships>";
  parts.insert(parts.begin(), {{"[Content_Types].xml", content_types},
                               {"_rels/.rels", root_rels},
                               {"xl/workbook.xml", workbook},
                               {"xl/_rels/workbook.xml.rels", workbook_rels},
                               {"xl/styles.xml", styles},
                               {"xl/sharedStrings.xml", shared}});

  // The zip is built in a growing memory buffer: libzip's buffer source.
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (buffer == nullptr) return fail(ErrorKind::kInternal, "libzip could not make a memory buffer");
  zip_source_keep(buffer);
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> keep(buffer, &zip_source_free);
  zip_t* za = zip_open_from_source(buffer, ZIP_TRUNCATE, &err);
  if (za == nullptr) {
    const std::string why = zip_error_strerror(&err);
    zip_error_fini(&err);
    return fail(ErrorKind::kInternal, "libzip could not start a workbook: " + why);
  }
  zip_error_fini(&err);
  for (const auto& [path, content] : parts) {
    zip_source_t* s = zip_source_buffer(za, content.data(), content.size(), 0);
    if (s == nullptr || zip_file_add(za, path.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
      if (s != nullptr) zip_source_free(s);
      const std::string why = zip_strerror(za);
      zip_discard(za);
      return fail(ErrorKind::kInternal, "libzip could not add " + path + ": " + why);
    }
  }
  if (zip_close(za) != 0) {
    const std::string why = zip_strerror(za);
    zip_discard(za);
    return fail(ErrorKind::kInternal, "libzip could not finish the workbook: " + why);
  }
  std::string out;
  if (zip_source_open(buffer) != 0 || zip_source_seek(buffer, 0, SEEK_END) != 0) {
    return fail(ErrorKind::kInternal, "the workbook's buffer cannot be read back");
  }
  const zip_int64_t size = zip_source_tell(buffer);
  if (size < 0 || zip_source_seek(buffer, 0, SEEK_SET) != 0) {
    zip_source_close(buffer);
    return fail(ErrorKind::kInternal, "the workbook's buffer cannot be read back");
  }
  out.resize(static_cast<size_t>(size));
  const zip_int64_t got = zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buffer);
  if (got != size) return fail(ErrorKind::kInternal, "the workbook's buffer was read back short");
  return out;
}

}  // namespace sawt::io
