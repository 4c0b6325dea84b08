// The bilingual code lists (vocabularies) that the domain model's code fields
// refer to: genders, courts, charges, event types, consent scopes and so on.
// They are data, not code, so organisations can relabel and extend them: each
// is a TSV file data/vocab/<name>.tsv (embedded into the binary at build
// time) with the header `code<TAB>ar<TAB>en[<TAB>further columns]` and one
// term per row, and an installation may replace a list with its own file.
//
// Both labels of a code sit on the code's own row, so they cannot drift apart
// the way an older tool's Arabic list did when it was kept apart from the
// English one and shipped shifted by one row; verify_anchors() checks a hand-
// kept golden list of label pairs against the loaded lists to catch any shift
// that slips in while editing.
//
// Invariants of a Vocabulary (checked by parse_vocabulary): at least one term;
// codes match [a-z0-9_]+ and are unique; every term has an Arabic label with
// an Arabic letter and an English label without one; no two terms share a
// code or label once lookup_key() folding is applied, so lookup_label() finds
// at most one term. Vocabularies are immutable once loaded and safe to read
// from several threads.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace sawt {

struct Term {
  std::string code;
  std::string ar;
  std::string en;
  std::map<std::string, std::string> extra;  // every further column by header name; "" when empty
  int line = 0;                              // 1-based line in the file it came from
};

class Vocabulary;

// Parses one vocabulary named NAME from TSV, the contents of ORIGIN (a path
// used in messages, e.g. "vocab/charges.tsv"). Fails with kBadInput, where =
// "ORIGIN:LINE", on any breach of the invariants above, e.g.
// "vocab/charges.tsv:14: code 'pc_335' appears twice (first at line 3)".
[[nodiscard]] Result<Vocabulary> parse_vocabulary(std::string_view name, std::string_view tsv,
                                                  std::string_view origin);

// One code list.
class Vocabulary {
 public:
  [[nodiscard]] const std::string& name() const { return name_; }
  // The file it was loaded from: "vocab/<name>.tsv" when embedded, else a path.
  [[nodiscard]] const std::string& origin() const { return origin_; }
  // Header names beyond code, ar and en (e.g. "legal_ref"), in file order.
  [[nodiscard]] const std::vector<std::string>& extra_columns() const { return extra_columns_; }
  // Terms in file order.
  [[nodiscard]] const std::vector<Term>& terms() const { return terms_; }
  [[nodiscard]] std::size_t size() const { return terms_.size(); }

  // The term with exactly this code, or nullptr.
  [[nodiscard]] const Term* find(std::string_view code) const;
  [[nodiscard]] bool contains(std::string_view code) const { return find(code) != nullptr; }

  // The label of CODE in LANG ("ar" gives Arabic; any other value gives
  // English), or CODE itself when the list has no such code.
  [[nodiscard]] std::string label(std::string_view code, std::string_view lang) const;

  // The term whose code, Arabic label or English label matches TEXT once both
  // are folded by lookup_key() (trimmed, case-insensitive for ASCII, Arabic
  // spelling variants and diacritics ignored), or nullptr.
  [[nodiscard]] const Term* lookup_label(std::string_view text) const;

 private:
  friend Result<Vocabulary> parse_vocabulary(std::string_view name, std::string_view tsv,
                                             std::string_view origin);
  Vocabulary() = default;

  std::string name_;
  std::string origin_;
  std::vector<std::string> extra_columns_;
  std::vector<Term> terms_;
  std::map<std::string, std::size_t, std::less<>> by_code_;  // code -> index in terms_
  std::map<std::string, std::size_t, std::less<>> by_key_;   // lookup_key of code and labels -> index
};

// All code lists, by name.
class Vocabularies {
 public:
  // Every data/vocab/<name>.tsv embedded in the binary. Failure means a
  // shipped file is broken (the tests guard against that).
  [[nodiscard]] static Result<Vocabularies> load_embedded();

  // The embedded lists, then each OVERRIDE_DIR/<name>.tsv replacing the
  // embedded list of that name. A missing OVERRIDE_DIR means no overrides;
  // files not ending in .tsv and hidden files (editor lock files) are
  // ignored. Fails (kBadInput, naming the file) when an override does not
  // parse, is named after no built-in list, or drops a built-in code: stored
  // records and sawt itself refer to those codes, so an override may relabel
  // and add terms but not remove any.
  [[nodiscard]] static Result<Vocabularies> load(const std::filesystem::path& override_dir);

  // The list named NAME, or nullptr.
  [[nodiscard]] const Vocabulary* get(std::string_view name) const;
  // The list named NAME, or kNotFound naming the lists there are.
  [[nodiscard]] Result<std::reference_wrapper<const Vocabulary>> require(std::string_view name) const;

  // Success when CODE is a code of the list VOCAB. Otherwise kBadInput with
  // where = WHERE, saying which list was meant and listing some valid codes,
  // and suggesting the code when CODE is one of its labels. An empty CODE is
  // an error too: callers skip optional fields that are empty. An unknown
  // VOCAB is kNotFound.
  [[nodiscard]] Status validate_code(std::string_view vocab, std::string_view code,
                                     std::string_view where) const;

  // Names of all lists, sorted.
  [[nodiscard]] std::vector<std::string> names() const;
  [[nodiscard]] std::size_t size() const { return lists_.size(); }

 private:
  std::map<std::string, Vocabulary, std::less<>> lists_;
};

// Checks a golden file of label pairs, TSV with columns vocab, code, ar, en,
// against VOCABULARIES: each row must name a loaded list and code whose labels
// are exactly ar and en. Success when every row matches; otherwise kIntegrity
// listing up to ten mismatches ("charges/pc_335: ar is '...', expected '...'")
// and where = ORIGIN. A malformed file fails with kBadInput.
[[nodiscard]] Status verify_anchors(const Vocabularies& vocabularies, std::string_view anchors_tsv,
                                    std::string_view origin);

}  // namespace sawt
