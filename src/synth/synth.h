// Synthetic detainees: a generator of realistic, entirely invented persons,
// their case files, and the lists that different sources keep of them. It
// serves the demo store (a few hundred persons with full case data) and the
// record-linkage benchmark (up to a million source records with the truth).
//
// Nothing here describes a real person: names, dates, places and numbers are
// drawn at random from the distributions in data/synth/ (see its README).
//
// Invariants of every Dataset:
//  1. Deterministic: the same Options give byte-identical output on every run
//     and machine (own PRNG, no implementation-defined distributions, no clock).
//  2. Truth: records.size() == record_person.size(); record_person[i] indexes
//     people; sources[k].id == k + 1 and records[i].source_id indexes sources
//     the same way; record ids ("S2-000123") are unique in the dataset.
//  3. Every person appears in at least one source record; every record has a
//     name (NameParts::empty() is false).
//  4. Families: people with the same `family` index are siblings and share
//     father, grandfather, family and mother names; their first names differ.
//     People with the same `clan` share grandfather and family names (cousins).
//  5. With case data, the demo guarantees hold relative to Options::today
//     (see generate()).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "domain/model.h"
#include "util/error.h"

namespace sawt::synth {

struct Options {
  int people = 200;
  int sources = 4;
  std::uint64_t seed = 1;
  double sibling_share = 0.25;  // share of persons with at least one sibling in the dataset
  double arabic_share = 0.5;    // share of records written in Arabic script
  bool case_data = true;        // case files, events and consent (off for big linkage sets)
  // Anchor for all dates (arrests end before it; deadlines are relative to
  // it). A fixed default so output never depends on the clock; pass
  // sawt::today() for a demo that looks current.
  std::chrono::sys_days today = std::chrono::sys_days{std::chrono::year{2026} / 3 / 1};
};

struct SynthPerson {
  Person person;  // curated identity: name_ar and name_lat filled, status, facility_code
  std::vector<Arrest> arrests;
  std::vector<Custody> custody;
  std::vector<CaseFile> cases;
  std::vector<Event> events;
  std::vector<ConsentRecord> consents;
  int family = -1;  // sibling group; persons with equal family are siblings
  int clan = -1;    // grandfather's line; persons with equal clan share grandfather and family name
};

struct Dataset {
  std::vector<Source> sources;  // Source::id = index + 1
  std::vector<SynthPerson> people;
  std::vector<SourceRecord> records;  // SourceRecord::source_id = index + 1 into sources
  std::vector<int> record_person;     // truth: person index for each record
};

// Generates a whole dataset in memory. Fails only on bad options (people < 1,
// sources < 1 or > 64, shares outside [0, 1], sibling_share > 0.9, today
// before 2012): ErrorKind::kUsage with the option named in `where`; or
// kInternal if the embedded reference tables are malformed.
//
// With case_data, and relative to options.today, the people include (as far
// as `people` allows; each at least 3 when people >= 12): sentenced persons
// whose expected release (sentence start + sentence_months * 9/12 months, the
// Lebanese prison year) falls within the next 90 days; persons held pretrial
// for more than 5 years; persons with a final verdict who have served at
// least 10 prison-years (90 calendar months); persons with and without
// consent to a UN submission.
[[nodiscard]] Result<Dataset> generate(const Options& options);

// The memory-lean path for large linkage sets. Holds the population in a
// compact form (about 64 bytes a person) and produces full persons and
// records on demand; generate() is built on it, so both give the same data.
class Generator {
 public:
  // Same validation as generate().
  [[nodiscard]] static Result<Generator> create(const Options& options);
  Generator(Generator&&) noexcept;
  Generator& operator=(Generator&&) noexcept;
  ~Generator();

  [[nodiscard]] const Options& options() const;
  [[nodiscard]] const std::vector<Source>& sources() const;
  [[nodiscard]] int people() const;

  // The full person at `index` (0 <= index < people()), with case data when
  // options().case_data. Cheap enough to call once per person.
  [[nodiscard]] SynthPerson person(int index) const;
  // The sibling group of person INDEX (SynthPerson::family) without building
  // the person: -1 when the person has no sibling in the dataset.
  [[nodiscard]] int family_of(int index) const;
  // The names of the extra attributes records may carry (SourceRecord::extra
  // keys: age, case_number, prisoner_no, phone_of_family), for CSV headers.
  [[nodiscard]] static const std::vector<std::string>& extra_columns();

  // Calls sink(record, person_index) for every source record, in dataset
  // order (source by source, persons shuffled within a source). The record
  // reference is valid only during the call. Stops at and returns the first
  // error the sink returns.
  using RecordSink = std::function<Status(const SourceRecord&, int)>;
  [[nodiscard]] Status for_each_record(const RecordSink& sink) const;

 private:
  friend Result<Dataset> generate(const Options& options);
  struct Impl;
  explicit Generator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sawt::synth
