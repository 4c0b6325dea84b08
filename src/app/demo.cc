#include "app/demo.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "app/demo_conditions.h"
#include "app/import.h"
#include "app/link_store.h"
#include "app/reference.h"
#include "io/records_csv.h"
#include "linkage/evaluate.h"
#include "store/repository.h"
#include "synth/synth.h"
#include "util/fs.h"

namespace sawt::app {

namespace fs = std::filesystem;

namespace {

// A few broken rows, as real lists have them: the importer must quarantine them.
constexpr std::string_view kBrokenRows =
    "DEMO-BAD-1,Demo broken list,,,,,,,,1987-02-30,,,,,,impossible date\n"
    "DEMO-BAD-2,Demo broken list,,,,,,,m,1990,,,,,,no name at all\n"
    "DEMO-BAD-3,Demo broken list,\"Yasser Hamdan,,,,,,,1979,,,,2013,,unclosed quote\n";

// The synthetic person's curated data, attached to PERSON_ID.
Status add_case_data(store::Repository& repo, const synth::SynthPerson& sp, Id person_id,
                     const std::map<std::string, Id>& source_ids, const synth::Dataset& data) {
  for (auto a : sp.arrests) {
    a.person_id = person_id;
    SAWT_CHECK(repo.add_arrest(a));
  }
  for (auto c : sp.custody) {
    c.person_id = person_id;
    SAWT_CHECK(repo.add_custody(c));
  }
  for (auto c : sp.cases) {
    c.person_id = person_id;
    SAWT_CHECK(repo.add_case(c));
  }
  for (auto e : sp.events) {
    e.person_id = person_id;
    if (e.source_id != 0) e.source_id = source_ids.at(data.sources[static_cast<size_t>(e.source_id - 1)].name);
    SAWT_CHECK(repo.add_event(e));
  }
  bool transfer_consent = false;
  for (auto c : sp.consents) {
    c.person_id = person_id;
    transfer_consent |= c.scope == "transfer";
    SAWT_CHECK(repo.add_consent(c));
  }
  // Some sentenced persons signed a transfer consent before serving ten
  // prison-years, so the screening also shows who will be eligible, and when.
  if (!transfer_consent && sp.person.status == "sentenced" && person_id % 3 != 1) {
    ConsentRecord c;
    c.person_id = person_id;
    c.scope = "transfer";
    c.decision = Consent::kGranted;
    c.given_by = "self";
    c.witness = "demo lawyer";
    c.date = PartialDate::from_days(today() - std::chrono::days{40});
    c.notes = "written consent to transfer under the 2026 agreement";
    SAWT_CHECK(repo.add_consent(c));
  }
  return {};
}

}  // namespace

Result<DemoReport> build_demo_store(const fs::path& dir, const crypto::Passphrase& passphrase,
                                    const DemoOptions& o) {
  synth::Options so;
  so.people = o.people;
  so.seed = o.seed;
  so.sources = 4;
  so.today = today();
  auto data = SAWT_TRY(synth::generate(so));

  auto store = SAWT_TRY(store::Store::create(dir, passphrase));
  store::Repository repo(*store, "demo");
  SAWT_CHECK(seed_reference_data(repo));

  DemoReport report;
  // Each source's list goes through the importer as a CSV file.
  std::map<Id, std::string> csv_by_source;
  for (const auto& s : data.sources) csv_by_source[s.id] = io::csv_line(io::records_csv_columns());
  for (const auto& r : data.records) {
    csv_by_source[r.source_id] +=
        io::csv_line(io::records_csv_row(r, data.sources[static_cast<size_t>(r.source_id - 1)].name));
  }
  csv_by_source[data.sources.front().id] += kBrokenRows;
  std::map<std::string, Id> source_ids;
  for (const auto& s : data.sources) {
    auto src = SAWT_TRY(repo.add_source(s));
    source_ids[s.name] = src.id;
    ImportOptions io_opts;
    io_opts.source = s.name;
    io_opts.file_name = fmt::format("{}.csv", s.name);
    auto imported = SAWT_TRY(import_records(repo, csv_by_source[s.id], io_opts));
    report.quarantined += static_cast<int>(imported.quarantined.size());
    for (const auto& [name, n] : imported.records_per_source) {
      report.records += n;
      if (!source_ids.contains(name)) {
        if (auto created = SAWT_TRY(repo.find_source(name))) source_ids[name] = created->id;
      }
    }
  }
  report.sources = static_cast<int>(source_ids.size());

  // Persons come from linkage over the imported lists, as they would for real
  // lists; then each synthetic person's case file, consent and timeline go to
  // the person holding most of that person's records.
  auto tx = SAWT_TRY(store::Transaction::begin(store->db()));
  auto linked = SAWT_TRY(link_store(repo, {}));
  report.review_pending = linked.review_pending;
  std::map<std::pair<Id, std::string>, int> truth;  // (source, record id) -> synthetic person
  for (size_t i = 0; i < data.records.size(); ++i) {
    const auto& r = data.records[i];
    truth[{source_ids[data.sources[static_cast<size_t>(r.source_id - 1)].name], r.record_id}] =
        data.record_person[i];
  }
  std::map<Id, Id> person_of_record;
  for (const auto& [record, person] : SAWT_TRY(repo.record_persons())) person_of_record[record] = person;
  // votes[synthetic person][linked person] = records in common
  std::vector<std::map<Id, int>> votes(data.people.size());
  std::vector<std::string> truth_labels, linked_labels;
  for (const auto& r : SAWT_TRY(repo.all_source_records())) {
    auto it = truth.find({r.source_id, r.record_id});
    if (it == truth.end()) continue;
    ++votes[static_cast<size_t>(it->second)][person_of_record[r.id]];
    truth_labels.push_back(std::to_string(it->second));
    linked_labels.push_back(std::to_string(person_of_record[r.id]));
  }
  if (auto e = linkage::evaluate(truth_labels, linked_labels)) report.link_f1 = e->f1;
  std::set<Id> claimed;
  for (size_t k = 0; k < data.people.size(); ++k) {
    const auto& sp = data.people[k];
    std::vector<std::pair<int, Id>> ranked;
    for (const auto& [person, n] : votes[k]) ranked.emplace_back(-n, person);
    std::sort(ranked.begin(), ranked.end());
    Id target = 0;
    for (const auto& [n, person] : ranked) {
      if (claimed.insert(person).second) {
        target = person;
        break;
      }
    }
    if (target == 0) {
      // Every record of this person went to someone already claimed (a wrong
      // merge): they are entered by hand, as an organisation would.
      target = SAWT_TRY(repo.add_person(sp.person)).id;
    } else {
      auto person = SAWT_TRY(repo.get_person(target));
      person.status = sp.person.status;
      person.facility_code = sp.person.facility_code;
      if (!sp.person.nationality.empty()) person.nationality = sp.person.nationality;
      person.confidential = sp.person.confidential;
      person.notes = sp.person.notes;
      SAWT_CHECK(repo.update_person(person));
    }
    SAWT_CHECK(add_case_data(repo, sp, target, source_ids, data));
  }
  SAWT_CHECK(add_demo_conditions(repo, today()));
  SAWT_CHECK(tx.commit());
  report.persons = static_cast<int>(SAWT_TRY(repo.count_persons()));
  return report;
}

Result<SynthFiles> write_synth_files(const fs::path& dir, int people, int sources, std::uint64_t seed) {
  synth::Options so;
  so.people = people;
  so.sources = sources;
  so.seed = seed;
  so.case_data = false;
  auto gen = SAWT_TRY(synth::Generator::create(so));
  SAWT_CHECK(make_private_dir(dir));
  std::ofstream records(dir / "records.csv", std::ios::binary);
  std::ofstream truth(dir / "truth.csv", std::ios::binary);
  if (!records || !truth) return fail(ErrorKind::kInternal, "cannot write the output files", dir.string());
  // The interchange columns, then the extra attributes sources keep (case
  // and prisoner numbers, a family's phone, an age instead of a birth date).
  const auto& extras = synth::Generator::extra_columns();
  records << io::csv_line(io::records_csv_header(extras));
  truth << "record_id,person_id,family\n";
  SynthFiles out;
  out.people = gen.people();
  std::string buffer;
  SAWT_CHECK(gen.for_each_record([&](const SourceRecord& r, int person) -> Status {
    records << io::csv_line(io::records_csv_row(r, gen.sources()[static_cast<size_t>(r.source_id - 1)].name, extras));
    const int family = gen.family_of(person);
    truth << io::csv_field(r.record_id) << ",P" << person << ',';
    if (family >= 0) truth << 'F' << family;
    truth << '\n';
    ++out.records;
    return {};
  }));
  records.close();
  truth.close();
  if (!records || !truth)
    return fail(ErrorKind::kInternal, "writing failed (is the disk full?)", dir.string());
  return out;
}

}  // namespace sawt::app
