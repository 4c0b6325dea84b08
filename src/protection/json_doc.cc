#include "protection/json_doc.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

namespace sawt::protection::detail {

namespace {

constexpr int kMaxDepth = 64;

// "~" → "~0", "/" → "~1" (RFC 6901).
std::string escape_pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Records the line of every value of a JSON text that nlohmann has already
// accepted, so it only needs to be right for valid JSON; it still never reads
// out of bounds on anything else.
class LineScanner {
 public:
  LineScanner(std::string_view text, std::map<std::string, int, std::less<>>& lines)
      : text_(text), lines_(lines) {}

  // Fails (problem text, line) on a duplicate key or excessive nesting.
  std::optional<std::pair<std::string, int>> run() {
    lines_[""] = 1;
    skip_ws();
    value("", 0);
    return problem_;
  }

 private:
  void skip_ws() {
    while (i_ < text_.size() && (text_[i_] == ' ' || text_[i_] == '\t' || text_[i_] == '\r' || text_[i_] == '\n')) {
      if (text_[i_] == '\n') ++line_;
      ++i_;
    }
  }

  unsigned hex4() {
    unsigned v = 0;
    for (int k = 0; k < 4 && i_ < text_.size(); ++k, ++i_) {
      const char c = text_[i_];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
    }
    return v;
  }

  // At an opening quote: the decoded string.
  std::string string() {
    std::string out;
    ++i_;
    while (i_ < text_.size() && text_[i_] != '"') {
      char c = text_[i_++];
      if (c != '\\' || i_ >= text_.size()) {
        out += c;
        continue;
      }
      c = text_[i_++];
      switch (c) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          std::uint32_t cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && i_ + 1 < text_.size() && text_[i_] == '\\' && text_[i_ + 1] == 'u') {
            i_ += 2;
            const std::uint32_t low = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: out += c;  // \" \\ \/
      }
    }
    ++i_;  // closing quote
    return out;
  }

  void value(const std::string& pointer, int depth) {
    if (problem_ || i_ >= text_.size()) return;
    if (depth > kMaxDepth) {
      problem_ = {fmt::format("nesting deeper than {} levels", kMaxDepth), line_};
      return;
    }
    const char c = text_[i_];
    if (c == '{') {
      ++i_;
      std::map<std::string, int> seen;
      while (!problem_ && i_ < text_.size()) {
        skip_ws();
        if (i_ >= text_.size() || text_[i_] == '}') break;
        if (text_[i_] == ',') {
          ++i_;
          continue;
        }
        const int key_line = line_;
        const std::string key = string();
        if (auto [it, fresh] = seen.emplace(key, key_line); !fresh) {
          problem_ = {fmt::format("key '{}' appears twice in the same object (first at line {})", key, it->second),
                      key_line};
          return;
        }
        const std::string child = pointer + "/" + escape_pointer_token(key);
        lines_[child] = key_line;
        skip_ws();
        if (i_ < text_.size() && text_[i_] == ':') ++i_;
        skip_ws();
        value(child, depth + 1);
        skip_ws();
      }
      ++i_;  // '}'
    } else if (c == '[') {
      ++i_;
      int index = 0;
      while (!problem_ && i_ < text_.size()) {
        skip_ws();
        if (i_ >= text_.size() || text_[i_] == ']') break;
        if (text_[i_] == ',') {
          ++i_;
          continue;
        }
        const std::string child = pointer + "/" + std::to_string(index++);
        lines_[child] = line_;
        value(child, depth + 1);
        skip_ws();
      }
      ++i_;  // ']'
    } else if (c == '"') {
      (void)string();
    } else {
      while (i_ < text_.size() && std::string_view(",]} \t\r\n").find(text_[i_]) == std::string_view::npos) ++i_;
    }
  }

  std::string_view text_;
  std::map<std::string, int, std::less<>>& lines_;
  std::size_t i_ = 0;
  int line_ = 1;
  std::optional<std::pair<std::string, int>> problem_;
};

// "[json.exception.parse_error.101] parse error at line 3, column 5: syntax
// error while parsing ..." → "syntax error while parsing ...".
std::string parse_problem(std::string_view what) {
  if (auto at = what.find("column "); at != std::string_view::npos) {
    if (auto colon = what.find(": ", at); colon != std::string_view::npos) return std::string(what.substr(colon + 2));
  }
  if (auto bracket = what.find("] "); bracket != std::string_view::npos) return std::string(what.substr(bracket + 2));
  return std::string(what);
}

std::string_view type_name(const nlohmann::json& v) {
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  if (v.is_string()) return "a text";
  if (v.is_boolean()) return "true/false";
  if (v.is_number()) return "a number";
  return "null";
}

bool is_comment_key(std::string_view key) {
  return key == "note" || key == "source" || key == "verify" || key.starts_with('_') || key.starts_with('$');
}

// Levenshtein distance on bytes (keys are ASCII).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

Result<JsonDoc> JsonDoc::parse(std::string_view text, std::string_view origin) {
  JsonDoc doc;
  doc.origin_ = std::string(origin);
  try {
    doc.root_ = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is the 1-based offset of the byte at which parsing stopped.
    const std::size_t stop = std::min<std::size_t>(e.byte == 0 ? 1 : e.byte, text.size() + 1);
    const std::string_view before = text.substr(0, stop - 1);
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
    const std::size_t column = stop - line_start;
    return fail(ErrorKind::kBadInput, fmt::format("not valid JSON: {}", parse_problem(e.what())),
                fmt::format("{}:{}:{}", origin, line, column),
                "check the punctuation near that place: commas between items, quotes around keys and texts");
  }
  LineScanner scanner(text, doc.lines_);
  if (auto problem = scanner.run()) {
    return fail(ErrorKind::kBadInput, problem->first, fmt::format("{}:{}", origin, problem->second),
                "remove or rename one of them");
  }
  return doc;
}

int JsonDoc::line_of(std::string_view pointer) const {
  std::string p(pointer);
  while (true) {
    if (auto it = lines_.find(p); it != lines_.end()) return it->second;
    const auto slash = p.rfind('/');
    if (slash == std::string::npos) return 1;
    p.resize(slash);
  }
}

Error JsonDoc::error_at(std::string_view pointer, std::string problem, std::string hint) const {
  std::string name(pointer.empty() ? "(top level)" : pointer.substr(1));
  return Error{ErrorKind::kBadInput, fmt::format("{}: {}", name, problem),
               fmt::format("{}:{}", origin_, line_of(pointer)), std::move(hint)};
}

Result<Obj> Obj::at(const JsonDoc& doc, const nlohmann::json& value, std::string pointer) {
  if (!value.is_object()) {
    return std::unexpected(doc.error_at(pointer, fmt::format("expected an object, found {}", type_name(value))));
  }
  return Obj(doc, value, std::move(pointer));
}

std::string Obj::child(std::string_view key) const { return pointer_ + "/" + escape_pointer_token(key); }

bool Obj::has(std::string_view key) const { return value_->contains(key); }

Error Obj::error(std::string_view key, std::string problem, std::string hint) const {
  return doc_->error_at(child(key), std::move(problem), std::move(hint));
}

Error Obj::missing(std::string_view key, std::string hint) const {
  // A required key is often missing because it is misspelled: point at the
  // misspelling rather than at the object.
  for (const auto& [other, unused] : value_->items()) {
    if (known_.contains(other) || other == key || is_comment_key(other)) continue;
    if (edit_distance(other, key) <= (key.size() >= 8 ? 2U : 1U)) {
      return doc_->error_at(child(other), "is not a known field here", fmt::format("did you mean \"{}\"?", key));
    }
  }
  return error(key, "is required", std::move(hint));
}

const nlohmann::json* Obj::get(std::string_view key) {
  known_.emplace(key);
  auto it = value_->find(key);
  return it == value_->end() ? nullptr : &*it;
}

Result<std::int64_t> Obj::integer(std::string_view key, std::int64_t min, std::int64_t max) {
  auto v = optional_integer(key, min, max);
  if (!v) return std::unexpected(v.error());
  if (!*v) return std::unexpected(missing(key, fmt::format("add \"{}\": a whole number", key)));
  return **v;
}

Result<std::optional<std::int64_t>> Obj::optional_integer(std::string_view key, std::int64_t min, std::int64_t max) {
  const nlohmann::json* v = get(key);
  if (v == nullptr) return std::optional<std::int64_t>{};
  if (!v->is_number_integer()) {
    return std::unexpected(error(key, fmt::format("expected a whole number, found {}", type_name(*v))));
  }
  const auto n = v->get<std::int64_t>();
  if (n < min || n > max) {
    return std::unexpected(error(key, fmt::format("{} is out of range", n), fmt::format("use {} to {}", min, max)));
  }
  return std::optional<std::int64_t>{n};
}

Result<double> Obj::number(std::string_view key, double min, double max) {
  const nlohmann::json* v = get(key);
  if (v == nullptr) return std::unexpected(missing(key, fmt::format("add \"{}\": a number", key)));
  if (!v->is_number()) return std::unexpected(error(key, fmt::format("expected a number, found {}", type_name(*v))));
  const auto n = v->get<double>();
  if (!std::isfinite(n) || n < min || n > max) {
    return std::unexpected(error(key, fmt::format("{} is out of range", n), fmt::format("use {} to {}", min, max)));
  }
  return n;
}

Result<std::string> Obj::string(std::string_view key, bool non_empty) {
  const nlohmann::json* v = get(key);
  if (v == nullptr) return std::unexpected(missing(key, fmt::format("add \"{}\": \"...\"", key)));
  if (!v->is_string()) return std::unexpected(error(key, fmt::format("expected a text, found {}", type_name(*v))));
  auto s = v->get<std::string>();
  if (non_empty && s.empty()) return std::unexpected(error(key, "must not be empty"));
  return s;
}

Result<std::string> Obj::optional_string(std::string_view key) {
  if (!has(key)) {
    known_.emplace(key);
    return std::string{};
  }
  return string(key, false);
}

Result<bool> Obj::boolean(std::string_view key, std::optional<bool> default_value) {
  const nlohmann::json* v = get(key);
  if (v == nullptr) {
    if (default_value) return *default_value;
    return std::unexpected(missing(key, fmt::format("add \"{}\": true or false", key)));
  }
  if (!v->is_boolean()) return std::unexpected(error(key, fmt::format("expected true or false, found {}", type_name(*v))));
  return v->get<bool>();
}

Result<std::vector<std::string>> Obj::strings(std::string_view key, bool required) {
  const nlohmann::json* v = get(key);
  std::vector<std::string> out;
  if (v == nullptr) {
    if (required) return std::unexpected(missing(key, fmt::format("add \"{}\": [\"...\"]", key)));
    return out;
  }
  if (!v->is_array()) return std::unexpected(error(key, fmt::format("expected a list, found {}", type_name(*v))));
  const std::string base = child(key);
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    const std::string at = base + "/" + std::to_string(i);
    if (!item.is_string() || item.get<std::string>().empty()) {
      return std::unexpected(doc_->error_at(at, fmt::format("expected a non-empty text, found {}", type_name(item))));
    }
    auto s = item.get<std::string>();
    if (std::find(out.begin(), out.end(), s) != out.end()) {
      return std::unexpected(doc_->error_at(at, fmt::format("'{}' is listed twice", s)));
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<std::int64_t>> Obj::integers(std::string_view key, std::int64_t min, std::int64_t max) {
  const nlohmann::json* v = get(key);
  if (v == nullptr) return std::unexpected(missing(key, fmt::format("add \"{}\": [ ... ]", key)));
  if (!v->is_array()) return std::unexpected(error(key, fmt::format("expected a list, found {}", type_name(*v))));
  std::vector<std::int64_t> out;
  const std::string base = child(key);
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    const std::string at = base + "/" + std::to_string(i);
    if (!item.is_number_integer()) {
      return std::unexpected(doc_->error_at(at, fmt::format("expected a whole number, found {}", type_name(item))));
    }
    const auto n = item.get<std::int64_t>();
    if (n < min || n > max) {
      return std::unexpected(doc_->error_at(at, fmt::format("{} is out of range", n), fmt::format("use {} to {}", min, max)));
    }
    out.push_back(n);
  }
  return out;
}

Result<Obj> Obj::object(std::string_view key) {
  const nlohmann::json* v = get(key);
  if (v == nullptr) return std::unexpected(missing(key, fmt::format("add \"{}\": {{ ... }}", key)));
  return Obj::at(*doc_, *v, child(key));
}

Result<std::vector<Obj>> Obj::objects(std::string_view key, bool required) {
  const nlohmann::json* v = get(key);
  std::vector<Obj> out;
  if (v == nullptr) {
    if (required) return std::unexpected(missing(key, fmt::format("add \"{}\": [ {{ ... }} ]", key)));
    return out;
  }
  if (!v->is_array()) return std::unexpected(error(key, fmt::format("expected a list, found {}", type_name(*v))));
  const std::string base = child(key);
  for (std::size_t i = 0; i < v->size(); ++i) {
    out.push_back(SAWT_TRY(Obj::at(*doc_, (*v)[i], base + "/" + std::to_string(i))));
  }
  return out;
}

Status Obj::finish() const {
  for (const auto& [key, unused] : value_->items()) {
    if (known_.contains(key)) continue;
    if (is_comment_key(key)) continue;
    return std::unexpected(doc_->error_at(child(key), "is not a known field here",
                                          "check its spelling; use \"note\" or a key starting with _ for comments"));
  }
  return {};
}

bool is_code(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

}  // namespace sawt::protection::detail
