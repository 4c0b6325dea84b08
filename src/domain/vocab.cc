#include "domain/vocab.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <system_error>

#include "domain/reference_table.h"
#include "util/embedded.h"

namespace sawt {
namespace {

constexpr std::string_view kVocabPrefix = "vocab/";
constexpr std::string_view kVocabSuffix = ".tsv";
constexpr std::uintmax_t kMaxOverrideBytes = 16 * 1024 * 1024;
constexpr std::size_t kCodesListed = 8;

// "military_court, military_cassation, ... (12 in all, see vocab/courts.tsv)"
std::string some_codes(const Vocabulary& vocab) {
  std::string out;
  const auto& terms = vocab.terms();
  for (std::size_t i = 0; i < terms.size() && i < kCodesListed; ++i) {
    if (i > 0) out += ", ";
    out += terms[i].code;
  }
  if (terms.size() > kCodesListed) out += ", ...";
  out += fmt::format(" ({} in all, see {})", terms.size(), vocab.origin());
  return out;
}

std::string joined_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

Result<std::string> read_override(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    return fail(ErrorKind::kInternal, fmt::format("cannot read the file: {}", ec.message()), path.string());
  }
  if (size > kMaxOverrideBytes) {
    return fail(ErrorKind::kBadInput, fmt::format("the file is {} bytes, too large for a vocabulary", size),
                path.string(), "a vocabulary has one short row per code");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  if (!in) {
    return fail(ErrorKind::kInternal, "cannot read the file", path.string(), "check its permissions");
  }
  return contents.str();
}

}  // namespace

Result<Vocabulary> parse_vocabulary(std::string_view name, std::string_view tsv, std::string_view origin) {
  if (!is_code_token(name)) {
    return fail(ErrorKind::kBadInput, fmt::format("'{}' is not a valid vocabulary name", name),
                std::string(origin), "name vocabulary files with lower-case ASCII letters, digits and '_'");
  }
  const ReferenceTable table = SAWT_TRY(parse_reference_table(tsv, origin, {"code", "ar", "en"}));
  if (table.rows.empty()) {
    return fail(ErrorKind::kBadInput, fmt::format("vocabulary '{}' has no terms", name),
                where_line(origin, table.header_line), "add one row per code below the header");
  }
  const std::size_t code_col = *table.column("code");
  const std::size_t ar_col = *table.column("ar");
  const std::size_t en_col = *table.column("en");

  Vocabulary vocab;
  vocab.name_ = std::string(name);
  vocab.origin_ = std::string(origin);
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (c != code_col && c != ar_col && c != en_col) vocab.extra_columns_.push_back(table.columns[c]);
  }

  for (const TableRow& row : table.rows) {
    const std::string where = where_line(origin, row.line);
    Term term;
    term.code = row.fields[code_col];
    term.ar = row.fields[ar_col];
    term.en = row.fields[en_col];
    term.line = row.line;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (c != code_col && c != ar_col && c != en_col) term.extra[table.columns[c]] = row.fields[c];
    }

    if (!is_code_token(term.code)) {
      return fail(ErrorKind::kBadInput, fmt::format("code '{}' is not valid", term.code), where,
                  "write codes with lower-case ASCII letters, digits and '_' only, e.g. 'military_court'");
    }
    if (auto seen = vocab.by_code_.find(term.code); seen != vocab.by_code_.end()) {
      return fail(ErrorKind::kBadInput,
                  fmt::format("code '{}' appears twice (first at line {})", term.code,
                              vocab.terms_[seen->second].line),
                  where, "remove one of the rows, or give one of them a new code");
    }
    if (term.ar.empty() || term.en.empty()) {
      return fail(ErrorKind::kBadInput,
                  fmt::format("code '{}' has no {} label", term.code,
                              term.ar.empty() ? "Arabic (ar)" : "English (en)"),
                  where, "every code needs both labels on its own row");
    }
    if (!contains_arabic_letter(term.ar)) {
      return fail(
          ErrorKind::kBadInput,
          fmt::format("the ar label '{}' of code '{}' has no Arabic letter", term.ar, term.code), where,
          "write the Arabic label in the ar column; check that the columns are not swapped or shifted");
    }
    if (contains_arabic_letter(term.en)) {
      return fail(
          ErrorKind::kBadInput,
          fmt::format("the en label '{}' of code '{}' contains Arabic letters", term.en, term.code), where,
          "write the English label in the en column; check that the columns are not swapped or shifted");
    }

    // One key space for codes and both labels, so that lookup_label() is
    // never ambiguous. A term may share a key with itself (code "other",
    // label "Other").
    const std::size_t index = vocab.terms_.size();
    const std::pair<std::string_view, const std::string*> keyed[] = {
        {"code", &term.code}, {"ar label", &term.ar}, {"en label", &term.en}};
    for (const auto& [what, text] : keyed) {
      std::string key = lookup_key(*text);
      auto [it, inserted] = vocab.by_key_.try_emplace(std::move(key), index);
      if (inserted || it->second == index) continue;
      const Term& other = vocab.terms_[it->second];
      std::string other_what = fmt::format("code '{}'", other.code);
      if (lookup_key(other.ar) == it->first)
        other_what = fmt::format("the ar label of code '{}'", other.code);
      if (lookup_key(other.en) == it->first)
        other_what = fmt::format("the en label of code '{}'", other.code);
      return fail(
          ErrorKind::kBadInput,
          fmt::format("the {} '{}' of code '{}' is the same as {} (line {}) once case, hamza forms and "
                      "diacritics are ignored",
                      what, *text, term.code, other_what, other.line),
          where, "give each term labels of its own, so that a label names exactly one term");
    }
    vocab.by_code_.emplace(term.code, index);
    vocab.terms_.push_back(std::move(term));
  }
  return vocab;
}

const Term* Vocabulary::find(std::string_view code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &terms_[it->second];
}

std::string Vocabulary::label(std::string_view code, std::string_view lang) const {
  const Term* term = find(code);
  if (term == nullptr) return std::string(code);
  return lang == "ar" ? term->ar : term->en;
}

const Term* Vocabulary::lookup_label(std::string_view text) const {
  auto it = by_key_.find(lookup_key(text));
  return it == by_key_.end() ? nullptr : &terms_[it->second];
}

Result<Vocabularies> Vocabularies::load_embedded() {
  Vocabularies all;
  for (const EmbeddedFile& file : embedded_files()) {
    std::string_view path = file.path;
    if (!path.starts_with(kVocabPrefix) || !path.ends_with(kVocabSuffix)) continue;
    std::string_view name =
        path.substr(kVocabPrefix.size(), path.size() - kVocabPrefix.size() - kVocabSuffix.size());
    if (name.find('/') != std::string_view::npos) continue;  // vocab/<name>.tsv only
    Vocabulary vocab = SAWT_TRY(parse_vocabulary(name, file.contents, path));
    all.lists_.insert_or_assign(std::string(name), std::move(vocab));
  }
  if (all.lists_.empty()) {
    return fail(ErrorKind::kInternal, "no vocabularies are embedded in this build", "data/vocab/",
                "rebuild sawt from a source tree that has data/vocab/*.tsv");
  }
  return all;
}

Result<Vocabularies> Vocabularies::load(const std::filesystem::path& override_dir) {
  Vocabularies all = SAWT_TRY(load_embedded());
  std::error_code ec;
  const auto dir_status = std::filesystem::status(override_dir, ec);
  if (dir_status.type() == std::filesystem::file_type::not_found) return all;
  if (ec) {
    return fail(ErrorKind::kInternal, fmt::format("cannot read the folder: {}", ec.message()),
                override_dir.string());
  }
  if (!std::filesystem::is_directory(dir_status)) {
    return fail(ErrorKind::kBadInput, "the vocabulary override path is not a folder", override_dir.string(),
                "point it at a folder holding <name>.tsv files");
  }

  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(override_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto& path = it->path();
    const std::string filename = path.filename().string();
    if (filename.starts_with('.') || path.extension() != kVocabSuffix) continue;
    if (!it->is_regular_file(ec)) continue;
    files.push_back(path);
  }
  if (ec) {
    return fail(ErrorKind::kInternal, fmt::format("cannot list the folder: {}", ec.message()),
                override_dir.string());
  }
  std::sort(files.begin(), files.end());

  for (const auto& path : files) {
    const std::string name = path.stem().string();
    const Vocabulary* builtin = all.get(name);
    if (builtin == nullptr) {
      return fail(ErrorKind::kBadInput,
                  fmt::format("'{}' does not replace any built-in vocabulary", path.filename().string()),
                  path.string(),
                  fmt::format("name the file after one of: {}; or remove it", joined_names(all.names())));
    }
    const std::string contents = SAWT_TRY(read_override(path));
    Vocabulary replacement = SAWT_TRY(parse_vocabulary(name, contents, path.string()));
    for (const Term& term : builtin->terms()) {
      if (replacement.contains(term.code)) continue;
      return fail(ErrorKind::kBadInput,
                  fmt::format("the built-in code '{}' ({} / {}) of vocabulary '{}' is missing", term.code,
                              term.ar, term.en, name),
                  path.string(),
                  "keep a row for every built-in code (you may change its labels and add new codes): stored "
                  "records and sawt itself refer to these codes");
    }
    all.lists_.insert_or_assign(name, std::move(replacement));
  }
  return all;
}

const Vocabulary* Vocabularies::get(std::string_view name) const {
  auto it = lists_.find(name);
  return it == lists_.end() ? nullptr : &it->second;
}

Result<std::reference_wrapper<const Vocabulary>> Vocabularies::require(std::string_view name) const {
  const Vocabulary* vocab = get(name);
  if (vocab == nullptr) {
    return fail(ErrorKind::kNotFound, fmt::format("there is no vocabulary named '{}'", name), "",
                fmt::format("the vocabularies are: {}", joined_names(names())));
  }
  return std::cref(*vocab);
}

Status Vocabularies::validate_code(std::string_view vocab_name, std::string_view code,
                                   std::string_view where) const {
  const Vocabulary& vocab = SAWT_TRY(require(vocab_name));
  if (vocab.contains(code)) return {};
  if (code.empty()) {
    return fail(ErrorKind::kBadInput, fmt::format("no code given for vocabulary '{}'", vocab.name()),
                std::string(where), fmt::format("use one of: {}", some_codes(vocab)));
  }
  std::string hint;
  if (const Term* meant = vocab.lookup_label(code); meant != nullptr) {
    hint = fmt::format("did you mean '{}' ({} / {})? Write the code, not the label", meant->code, meant->ar,
                       meant->en);
  } else {
    hint = fmt::format("use one of: {}; or add the code to the vocabulary", some_codes(vocab));
  }
  return fail(ErrorKind::kBadInput, fmt::format("'{}' is not a code of vocabulary '{}'", code, vocab.name()),
              std::string(where), std::move(hint));
}

std::vector<std::string> Vocabularies::names() const {
  std::vector<std::string> out;
  out.reserve(lists_.size());
  for (const auto& [name, vocab] : lists_) out.push_back(name);
  return out;
}

Status verify_anchors(const Vocabularies& vocabularies, std::string_view anchors_tsv,
                      std::string_view origin) {
  const ReferenceTable table =
      SAWT_TRY(parse_reference_table(anchors_tsv, origin, {"vocab", "code", "ar", "en"}));
  const std::size_t vocab_col = *table.column("vocab");
  const std::size_t code_col = *table.column("code");
  const std::size_t ar_col = *table.column("ar");
  const std::size_t en_col = *table.column("en");

  constexpr std::size_t kMaxListed = 10;
  std::vector<std::string> problems;
  std::size_t count = 0;
  auto problem = [&](int line, std::string text) {
    ++count;
    if (problems.size() < kMaxListed) problems.push_back(fmt::format("line {}: {}", line, text));
  };
  for (const TableRow& row : table.rows) {
    const std::string& vocab_name = row.fields[vocab_col];
    const std::string& code = row.fields[code_col];
    const Vocabulary* vocab = vocabularies.get(vocab_name);
    if (vocab == nullptr) {
      problem(row.line, fmt::format("no vocabulary named '{}'", vocab_name));
      continue;
    }
    const Term* term = vocab->find(code);
    if (term == nullptr) {
      problem(row.line, fmt::format("{}/{}: no such code in {}", vocab_name, code, vocab->origin()));
      continue;
    }
    if (term->ar != row.fields[ar_col]) {
      problem(row.line, fmt::format("{}/{}: ar is '{}', expected '{}' ({}:{})", vocab_name, code, term->ar,
                                    row.fields[ar_col], vocab->origin(), term->line));
    }
    if (term->en != row.fields[en_col]) {
      problem(row.line, fmt::format("{}/{}: en is '{}', expected '{}' ({}:{})", vocab_name, code, term->en,
                                    row.fields[en_col], vocab->origin(), term->line));
    }
  }
  if (count == 0) return {};
  std::string message = fmt::format("{} anchored label(s) do not match: ", count);
  for (std::size_t i = 0; i < problems.size(); ++i) {
    if (i > 0) message += "; ";
    message += problems[i];
  }
  if (count > problems.size()) message += "; ...";
  return fail(ErrorKind::kIntegrity, std::move(message), std::string(origin),
              "a label that no longer sits with its code means the file was shifted or a row was edited: "
              "fix the vocabulary, or update the anchor if the label was changed on purpose");
}

}  // namespace sawt
