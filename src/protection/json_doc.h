// Line-aware, strict reading of the protection engine's JSON reference files
// (jurisdiction rules, risk rules, transfer agreements). Internal to
// src/protection/: the public loaders (rules.h, risk.h, transfer.h) use it so
// that every mistake in a file is reported as "ORIGIN:LINE: problem".
//
// How lines are found: nlohmann::json reports a syntax error as a byte
// offset, which is converted to line:column by counting newlines. It keeps no
// positions for a document that parses, so a second pass (a small scanner
// over the now known-valid text) records the line of every key and array
// element under its JSON pointer ("/pretrial/felony/months"); a schema
// problem found later is reported at the line of the offending value, or of
// its nearest ancestor. The scanner also rejects duplicate keys, which
// nlohmann would otherwise resolve silently by keeping the last one.
//
// Objects are strict: a key the schema does not know is an error (a typo in a
// rules file must not be ignored), except "note", "source", "verify" and keys
// beginning with "_" or "$", which are free for comments.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/error.h"

namespace sawt::protection::detail {

// A parsed file with the line of every value.
class JsonDoc {
 public:
  // Fails with kBadInput, where = "ORIGIN:LINE:COLUMN", when TEXT is not JSON
  // or repeats a key within an object.
  [[nodiscard]] static Result<JsonDoc> parse(std::string_view text, std::string_view origin);

  [[nodiscard]] const nlohmann::json& root() const { return root_; }
  [[nodiscard]] const std::string& origin() const { return origin_; }
  // The line of the value at POINTER, else of its nearest recorded ancestor (1 for the root).
  [[nodiscard]] int line_of(std::string_view pointer) const;
  // A kBadInput error at POINTER's line: "ORIGIN:LINE", message "KEY: PROBLEM".
  [[nodiscard]] Error error_at(std::string_view pointer, std::string problem, std::string hint = {}) const;

 private:
  nlohmann::json root_;
  std::string origin_;
  std::map<std::string, int, std::less<>> lines_;
};

// One JSON object of a JsonDoc, read field by field. Each accessor marks its
// key as known; finish() then rejects any other key. Accessors fail with a
// JsonDoc::error_at() at the field's line.
class Obj {
 public:
  // Fails unless the value at POINTER is an object.
  [[nodiscard]] static Result<Obj> at(const JsonDoc& doc, const nlohmann::json& value, std::string pointer);

  [[nodiscard]] const std::string& pointer() const { return pointer_; }
  [[nodiscard]] std::string child(std::string_view key) const;
  [[nodiscard]] bool has(std::string_view key) const;
  [[nodiscard]] Error error(std::string_view key, std::string problem, std::string hint = {}) const;

  // A required integer in [min, max].
  [[nodiscard]] Result<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
  [[nodiscard]] Result<std::optional<std::int64_t>> optional_integer(std::string_view key, std::int64_t min,
                                                                     std::int64_t max);
  [[nodiscard]] Result<double> number(std::string_view key, double min, double max);
  // A required string, non-empty when NON_EMPTY.
  [[nodiscard]] Result<std::string> string(std::string_view key, bool non_empty = true);
  // An optional string; "" when absent.
  [[nodiscard]] Result<std::string> optional_string(std::string_view key);
  [[nodiscard]] Result<bool> boolean(std::string_view key, std::optional<bool> default_value);
  // An array of non-empty, distinct strings; empty when absent and !REQUIRED.
  [[nodiscard]] Result<std::vector<std::string>> strings(std::string_view key, bool required);
  // A required array of integers, each in [min, max].
  [[nodiscard]] Result<std::vector<std::int64_t>> integers(std::string_view key, std::int64_t min, std::int64_t max);
  // The object at KEY.
  [[nodiscard]] Result<Obj> object(std::string_view key);
  // The array of objects at KEY.
  [[nodiscard]] Result<std::vector<Obj>> objects(std::string_view key, bool required);
  // Success unless the object has a key no accessor asked for.
  [[nodiscard]] Status finish() const;

 private:
  Obj(const JsonDoc& doc, const nlohmann::json& value, std::string pointer)
      : doc_(&doc), value_(&value), pointer_(std::move(pointer)) {}
  [[nodiscard]] const nlohmann::json* get(std::string_view key);
  // "KEY: is required", or, when the object has an unknown key within two
  // edits of KEY, "MISSPELLING: is not a known field here" at its line.
  [[nodiscard]] Error missing(std::string_view key, std::string hint) const;

  const JsonDoc* doc_;
  const nlohmann::json* value_;
  std::string pointer_;
  std::set<std::string, std::less<>> known_;
};

// True for a lower-case code: [a-z0-9_-]+.
[[nodiscard]] bool is_code(std::string_view s);

}  // namespace sawt::protection::detail
