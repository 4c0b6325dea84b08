#include "app/demo.h"

#include <fmt/format.h>

#include <fstream>
#include <map>

#include "app/import.h"
#include "app/reference.h"
#include "io/records_csv.h"
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

  // Persons with their case files; then each record linked to its person.
  auto tx = SAWT_TRY(store::Transaction::begin(store->db()));
  std::vector<Id> person_ids;
  for (const auto& sp : data.people) {
    auto person = SAWT_TRY(repo.add_person(sp.person));
    person_ids.push_back(person.id);
    for (auto a : sp.arrests) {
      a.person_id = person.id;
      SAWT_CHECK(repo.add_arrest(a));
    }
    for (auto c : sp.custody) {
      c.person_id = person.id;
      SAWT_CHECK(repo.add_custody(c));
    }
    for (auto c : sp.cases) {
      c.person_id = person.id;
      SAWT_CHECK(repo.add_case(c));
    }
    for (auto e : sp.events) {
      e.person_id = person.id;
      if (e.source_id != 0) e.source_id = source_ids[data.sources[static_cast<size_t>(e.source_id - 1)].name];
      SAWT_CHECK(repo.add_event(e));
    }
    bool transfer_consent = false;
    for (auto c : sp.consents) {
      c.person_id = person.id;
      transfer_consent |= c.scope == "transfer";
      SAWT_CHECK(repo.add_consent(c));
    }
    // Some sentenced persons signed a transfer consent before serving ten
    // prison-years, so the screening also shows who will be eligible, and when.
    if (!transfer_consent && sp.person.status == "sentenced" && person.id % 3 != 1) {
      ConsentRecord c;
      c.person_id = person.id;
      c.scope = "transfer";
      c.decision = Consent::kGranted;
      c.given_by = "self";
      c.witness = "demo lawyer";
      c.date = PartialDate::from_days(today() - std::chrono::days{40});
      c.notes = "written consent to transfer under the 2026 agreement";
      SAWT_CHECK(repo.add_consent(c));
    }
  }
  // Source records were stored in import order: match them to the truth by (source, record_id).
  std::map<std::pair<Id, std::string>, int> truth;
  for (size_t i = 0; i < data.records.size(); ++i) {
    const auto& r = data.records[i];
    truth[{source_ids[data.sources[static_cast<size_t>(r.source_id - 1)].name], r.record_id}] =
        data.record_person[i];
  }
  auto q = SAWT_TRY(store->db().prepare("SELECT id, source_id, record_id FROM source_records ORDER BY id"));
  std::vector<std::pair<Id, int>> links;
  while (SAWT_TRY(q.step())) {
    auto it = truth.find({q.int64(1), q.text(2)});
    if (it != truth.end()) links.emplace_back(q.int64(0), it->second);
  }
  for (const auto& [record, person] : links) {
    SAWT_CHECK(repo.link_record(person_ids[static_cast<size_t>(person)], record, "demo"));
  }
  SAWT_CHECK(tx.commit());
  report.persons = static_cast<int>(person_ids.size());
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
  std::vector<std::string> header = io::records_csv_columns();
  const auto& extras = synth::Generator::extra_columns();
  header.insert(header.end(), extras.begin(), extras.end());
  records << io::csv_line(header);
  truth << "record_id,person_id,family\n";
  SynthFiles out;
  out.people = gen.people();
  std::string buffer;
  SAWT_CHECK(gen.for_each_record([&](const SourceRecord& r, int person) -> Status {
    auto row = io::records_csv_row(r, gen.sources()[static_cast<size_t>(r.source_id - 1)].name);
    for (const auto& column : extras) {
      const auto it = r.extra.find(column);
      row.push_back(it == r.extra.end() ? std::string() : it->second);
    }
    records << io::csv_line(row);
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
