// What the linkage engine knows of each record, computed once before any pair
// is looked at: every field value interned into a dictionary of distinct
// values (a million records hold far fewer distinct names), names parsed by
// the name engine once per distinct value (tokens, keys, coarse skeletons),
// dates parsed, identifiers and other text normalised, and the frequency of
// every value among the records (for term-frequency weights and blocking).
// The pair loop then compares small integers and looks up precomputed
// values; it never parses, normalises or allocates.
//
// Columns follow the fields of a model (model.h), in the same order, so the
// field index of a comparison vector is the column index here.
//
// Records that give only a full name get their parts from the name engine's
// guess (names/parts.h). When the guess was made by counting tokens, the
// record also keeps other readings of the same tokens, at most three: family
// name first ("HAMWI MOHAMMAD AHMAD", three or more tokens), a two-word given
// name kept whole when the data know it as one name ("محمد خير محمد الحسن":
// first محمد خير, father محمد; records that give their parts write محمد خير
// as one first or father's name) and, for four tokens, a two-word family name
// without a grandfather ("Mohamed Jamel al-Hajj Ahmed"). The comparison picks whichever reading agrees better with
// the other record (compare.h). A Latin name with a glued article before a
// vowel, which the name engine keeps whole (Alomar, Elali: "Alawi" is a
// name), gets the article-less name as an alternative value (NameValue::alt).
//
// Invariants: value id 0 means "no value" in every column; ids of one column
// index that column's dictionary (names: the shared name table); key ids are
// equal exactly when values are equal once normalised.
//
// Thread-safety: build() uses up to `threads` threads (or a pool's); a built
// Features object is immutable and may be read from any number of threads.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "domain/model.h"
#include "domain/partial_date.h"
#include "linkage/model.h"
#include "linkage/parallel.h"
#include "names/similarity.h"

namespace sawt::linkage {

// What an alternative reading of a guessed full name is (see above).
enum class ReadingKind : std::uint8_t {
  kReordered,      // family name first (or, when the guess read it so, as written)
  kCompoundGiven,  // a two-word given name kept whole
  kTwoWordFamily,  // first father "" "family family"
};

// One distinct name (a first name, a family name, a place name), parsed once.
struct NameValue {
  names::ParsedName parsed;
  std::string key;       // token keys joined by a space: the normal form compared for "exact"
  std::u32string key32;  // the same in code points (Jaro-Winkler without decoding)
  names::Script script = names::Script::kNone;
  std::uint32_t key_id = 0;       // interned key; equal keys, equal ids
  std::uint32_t skeleton_id = 0;  // interned coarse skeleton of the whole value
  std::uint32_t first_token = 0;  // interned coarse key of its first name token (0: none); blocking
  std::uint32_t last_token = 0;   // of its last name token
  std::uint32_t alt = 0;  // another reading: without a glued Latin article (Alomar -> Omar), with a doubled
                          // Arabic letter once (ممحمد -> محمد), a Latin place's words glued; 0: none
};

// The name slots of a record's own reading (0 = missing) in field order:
// first, father, grandfather, family.
using NameSlots = std::array<std::uint32_t, 4>;

struct Column {
  std::string name;
  KnownField known = KnownField::kExtra;
  FieldKind kind = FieldKind::kText;
  std::vector<PartialDate> dates;        // kDate: the distinct dates; [0] is empty
  std::vector<std::string> texts;        // kText, kCategory, kIdentifier: distinct normalised values; [0] ""
  std::vector<std::uint32_t> key_count;  // records per key id (kName: NameValue::key_id; others: value id)
  std::vector<std::uint32_t> skeleton_count;  // kName: records per skeleton id
  std::uint32_t present = 0;                  // records with a value
  double key_square_sum = 0;  // sum over keys of (count / present)^2: P(two random records agree)
  double skeleton_square_sum = 0;
};

class Features {
 public:
  // Builds the columns FIELD_NAMES (model field names: interchange columns or
  // extra columns) for RECORDS. SOURCES is empty or one source name per
  // record. Never fails: a value that cannot be used (a name without letters)
  // counts as missing.
  [[nodiscard]] static Features build(const std::vector<SourceRecord>& records,
                                      const std::vector<std::string>& sources,
                                      const std::vector<std::string>& field_names, int threads);
  // The same on the threads of POOL.
  [[nodiscard]] static Features build(const std::vector<SourceRecord>& records,
                                      const std::vector<std::string>& sources,
                                      const std::vector<std::string>& field_names, WorkerPool& pool);

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] const std::vector<Column>& columns() const { return columns_; }
  [[nodiscard]] const Column& column(std::size_t field) const { return columns_[field]; }
  // Index of the column for a known field, -1 if the model does not compare it.
  [[nodiscard]] int column_of(KnownField field) const {
    return known_column_[static_cast<std::size_t>(field)];
  }

  // The value of FIELD in RECORD (0: missing). Values are stored record by
  // record, so one pair touches two rows, not one array per field.
  [[nodiscard]] std::uint32_t value(std::size_t record, std::size_t field) const {
    return rows_[record * columns_.size() + field];
  }

  [[nodiscard]] const NameValue& name(std::uint32_t id) const { return names_[id]; }
  // NameValue::key_id and ::skeleton_id, from compact arrays (the pair loop's view).
  [[nodiscard]] std::uint32_t name_key(std::uint32_t id) const { return name_keys_[id]; }
  [[nodiscard]] std::uint32_t name_skeleton(std::uint32_t id) const { return name_skeletons_[id]; }
  [[nodiscard]] std::size_t name_count() const { return names_.size(); }
  [[nodiscard]] std::size_t key_count() const { return key_count_; }
  [[nodiscard]] std::size_t skeleton_count() const { return skeleton_count_; }
  // The text a skeleton id interns: the tokens' coarse keys joined by spaces
  // (the name's key when it has none); "" for id 0.
  [[nodiscard]] const std::string& skeleton_text(std::uint32_t skeleton_id) const {
    return skeleton_texts_[skeleton_id];
  }

  // The key id of VALUE in column FIELD (the id that "exact" compares).
  [[nodiscard]] std::uint32_t key_of(std::size_t field, std::uint32_t value) const {
    return columns_[field].kind == FieldKind::kName ? name_keys_[value] : value;
  }

  // Source id of a record (0: no source given); equal ids, same source.
  [[nodiscard]] std::uint32_t source(std::size_t record) const {
    return sources_.empty() ? 0 : sources_[record];
  }
  [[nodiscard]] bool has_sources() const { return !sources_.empty(); }

  // Other readings of a record whose parts were guessed (none to three, in
  // the order of ReadingKind; see above). The slots are first, father,
  // grandfather, family values.
  [[nodiscard]] std::span<const NameSlots> alternatives(std::size_t record) const {
    if (alternative_offset_.empty()) return {};
    return std::span<const NameSlots>(alternatives_.data() + alternative_offset_[record],
                                      alternative_offset_[record + 1] - alternative_offset_[record]);
  }
  // What each of alternatives(RECORD) is.
  [[nodiscard]] std::span<const ReadingKind> alternative_kinds(std::size_t record) const {
    if (alternative_offset_.empty()) return {};
    return std::span<const ReadingKind>(alternative_kinds_.data() + alternative_offset_[record],
                                        alternative_offset_[record + 1] - alternative_offset_[record]);
  }
  // The name slots of RECORD as written (READING 0) or of its alternative
  // READING - 1.
  [[nodiscard]] NameSlots reading(std::size_t record, std::size_t reading) const;
  // Whether the record's name parts are a guess from its full name.
  [[nodiscard]] bool guessed(std::size_t record) const { return !guessed_.empty() && guessed_[record] != 0; }

 private:
  std::size_t size_ = 0;
  std::vector<Column> columns_;
  std::array<int, kKnownFields> known_column_{};
  std::vector<std::uint32_t> rows_;  // size() × columns_.size()
  std::vector<NameValue> names_;     // [0] is the empty name
  std::vector<std::uint32_t> name_keys_, name_skeletons_;
  std::size_t key_count_ = 1;
  std::size_t skeleton_count_ = 1;
  std::vector<std::string> skeleton_texts_;  // per skeleton id
  std::vector<std::uint32_t> sources_;
  std::vector<std::uint8_t> guessed_;
  std::array<int, 4> part_column_{};               // columns of first, father, grandfather, family
  std::vector<std::uint32_t> alternative_offset_;  // size() + 1 offsets into alternatives_, or empty
  std::vector<NameSlots> alternatives_;
  std::vector<ReadingKind> alternative_kinds_;  // parallel to alternatives_
};

// UTF-8 (well-formed, as the name engine's normal forms are) to code points.
[[nodiscard]] std::u32string to_code_points(std::string_view utf8);

// The id number as compared: letters and digits only, lower case, leading
// zeros dropped (spreadsheets lose them).
[[nodiscard]] std::string normalize_identifier(std::string_view text);

}  // namespace sawt::linkage
