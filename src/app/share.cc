#include "app/share.h"

#include <fmt/format.h>
#include <sodium.h>

#include <nlohmann/json.hpp>
#include <set>

#include "app/protection.h"
#include "crypto/bundle.h"
#include "crypto/keyfile.h"
#include "io/csv.h"
#include "io/records_csv.h"
#include "protection/case_view.h"
#include "store/savepoint.h"
#include "util/clock.h"
#include "util/fs.h"
#include "util/strings.h"

namespace sawt::app {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::string_view kRecordsEntry = "records.csv";
constexpr std::string_view kManifestEntry = "manifest.json";

// Columns a share adds to the interchange CSV (kept as extra attributes by the receiver).
const std::vector<std::string>& extra_columns() {
  static const std::vector<std::string> cols = {"full_name_latin", "status", "sender_person_id"};
  return cols;
}

// Why PERSON may not go to PARTNER, or "" when they may.
std::string withheld_reason(const protection::CaseView& view, std::string_view partner,
                            bool include_confidential) {
  if (view.person.confidential && !include_confidential) {
    return "confidential person: shared only with --include-confidential";
  }
  const auto* c = protection::partner_consent_in_force(view, partner);
  if (c == nullptr) {
    bool other_partner = false;
    for (const auto& r : view.consents) other_partner |= r.scope == "share_partner";
    return other_partner ? "consent to share covers another partner only"
                         : "no consent to share with partners recorded";
  }
  if (c->decision == Consent::kRefused) {
    return fmt::format("consent to share refused{}", c->date.empty() ? "" : " on " + c->date.to_string());
  }
  if (c->decision != Consent::kGranted) return "consent to share not decided";
  return {};
}

SourceRecord as_record(const protection::CaseView& view, bool include_notes) {
  const Person& p = view.person;
  SourceRecord r;
  r.record_id = p.public_id;
  r.name = p.name_ar.empty() ? p.name_lat : p.name_ar;
  if (r.name.mother.empty()) r.name.mother = p.name_ar.empty() ? p.name_lat.mother : p.name_ar.mother;
  r.gender = p.gender;
  r.birth_date = p.birth_date;
  r.birth_place = p.birth_place;
  r.nationality = p.nationality;
  r.id_number = p.id_number;
  r.facility = p.facility_code;
  for (const auto& a : view.arrests) {
    if (r.arrest_date.empty() || (!a.date.empty() && a.date.earliest() < r.arrest_date.earliest()))
      r.arrest_date = a.date;
  }
  if (include_notes) r.notes = p.notes;
  if (!p.name_ar.empty() && !p.name_lat.empty()) r.extra["full_name_latin"] = p.name_lat.display();
  r.extra["status"] = p.status;
  r.extra["sender_person_id"] = p.public_id;
  return r;
}

// The interchange CSV of RECORDS with an empty `source` column (the receiver
// files them all under one new source).
std::string records_csv(const std::vector<SourceRecord>& records) {
  std::string out = io::csv_line(io::records_csv_header(extra_columns()));
  for (const auto& r : records) out += io::csv_line(io::records_csv_row(r, "", extra_columns()));
  return out;
}

}  // namespace

Result<PublicKeys> parse_public_keys(std::string_view text, std::string_view where) {
  const auto bad = [&](std::string_view what) {
    return fail(ErrorKind::kBadInput, fmt::format("not a public key file: {}", what), std::string(where),
                "give the output of 'sawt key export-public' from the other installation");
  };
  PublicKeys keys;
  bool any_line = false;
  for (const auto& raw_line : split(text, '\n')) {
    const std::string line(trim(raw_line));
    if (line.empty() || line.starts_with("#") || line == "sawt-public-keys v1") continue;
    any_line = true;
    const auto take = [&](std::string_view hex, std::string& out, std::string_view what) -> Status {
      auto raw = crypto::from_hex(trim(hex), 32);
      if (!raw) return bad(fmt::format("the {} key is not 64 hex characters", what));
      out = std::move(*raw);
      return {};
    };
    if (line.starts_with("name:")) {
      keys.name = std::string(trim(std::string_view(line).substr(5)));
    } else if (line.starts_with("sign:")) {
      SAWT_CHECK(take(std::string_view(line).substr(5), keys.sign_public, "signing"));
    } else if (line.starts_with("box:")) {
      SAWT_CHECK(take(std::string_view(line).substr(4), keys.box_public, "encryption"));
    } else if (line.size() == 64 && keys.box_public.empty()) {
      SAWT_CHECK(take(line, keys.box_public, "encryption"));
    } else {
      return bad(fmt::format("unexpected line '{}'", line.substr(0, 40)));
    }
  }
  if (!any_line || (keys.box_public.empty() && keys.sign_public.empty())) return bad("no key in it");
  return keys;
}

Result<PublicKeys> read_public_keys(const fs::path& path) {
  auto text = SAWT_TRY(read_file(path));
  return parse_public_keys(text, path.string());
}

std::string format_public_keys(const PublicKeys& keys) {
  std::string out = "sawt-public-keys v1\n";
  if (!keys.name.empty()) out += fmt::format("name: {}\n", keys.name);
  if (!keys.sign_public.empty()) out += fmt::format("sign: {}\n", to_hex(keys.sign_public));
  if (!keys.box_public.empty()) out += fmt::format("box: {}\n", to_hex(keys.box_public));
  return out;
}

Result<ShareReport> make_share(store::Repository& repo, const ShareRequest& request, const fs::path& out) {
  ShareReport report;
  report.partner = request.partner_name.empty() ? request.partner.name : request.partner_name;
  if (request.partner.box_public.size() != crypto_box_PUBLICKEYBYTES) {
    return fail(ErrorKind::kBadInput, "the partner's key file has no encryption (box) key", "--to",
                "give the output of 'sawt key export-public' from the partner's installation");
  }
  if (report.partner.empty()) {
    return fail(ErrorKind::kUsage, "the partner has no name, so consent to share with them cannot be checked",
                "--to", "give --partner NAME as written in the persons' share_partner consent");
  }
  if (request.persons.empty() != request.all) {
    return fail(ErrorKind::kUsage, "name the persons to share, or --all (not both)", "--persons");
  }
  if (fs::exists(out))
    return fail(ErrorKind::kConflict, "the output file exists", out.string(), "choose a new file name");

  std::vector<Id> ids;
  if (request.all) {
    store::PersonFilter f;
    f.limit = 1 << 30;
    for (const auto& p : SAWT_TRY(repo.list_persons(f))) ids.push_back(p.id);
  } else {
    std::set<Id> seen;
    for (const auto& ref : request.persons) {
      const auto p = SAWT_TRY(repo.find_person(ref));
      if (seen.insert(p.id).second) ids.push_back(p.id);
    }
  }

  std::vector<SourceRecord> records;
  std::vector<Id> shared_ids;
  for (const Id id : ids) {
    const auto view = SAWT_TRY(load_case_view(repo, id));
    if (auto why = withheld_reason(view, report.partner, request.include_confidential); !why.empty()) {
      report.withheld.push_back({view.person.public_id, std::move(why)});
      continue;
    }
    records.push_back(as_record(view, request.include_notes));
    report.shared.push_back(view.person.public_id);
    shared_ids.push_back(id);
  }
  if (records.empty()) {
    return fail(
        ErrorKind::kBadInput,
        fmt::format("none of the {} persons may be shared with '{}': no bundle was written", ids.size(),
                    report.partner),
        "", "record their consent to share with this partner first (sawt consent ... --scope share_partner)");
  }

  auto& store = repo.store();
  auto id = SAWT_TRY(store.keyfile().identity(store.key()));
  const json manifest = {{"format", "sawt-share-records"}, {"version", 1},
                         {"sender", request.sender_name},  {"partner", report.partner},
                         {"persons", records.size()},      {"withheld", report.withheld.size()},
                         {"created", now_timestamp()}};
  std::vector<crypto::BundleEntry> entries = {{std::string(kManifestEntry), manifest.dump()},
                                              {std::string(kRecordsEntry), records_csv(records)}};
  report.bundle_id = SAWT_TRY(
      crypto::write_bundle(out, {request.partner.box_public}, {id.sign_public, &id.sign_secret}, entries));

  store::ShareRecord row;
  row.bundle_id = report.bundle_id;
  row.direction = "sent";
  row.partner = report.partner;
  row.partner_key = to_hex(request.partner.box_public);
  row.persons = static_cast<int>(report.shared.size());
  row.withheld = static_cast<int>(report.withheld.size());
  row.person_ids = shared_ids;
  if (auto st = repo.add_share(row); !st) {
    std::error_code ec;
    fs::remove(out, ec);  // a share that is not on record must not exist
    return std::unexpected(st.error());
  }
  return report;
}

Result<ReceiveReport> receive_share(store::Repository& repo, const fs::path& in, const PublicKeys& from,
                                    std::string source_name, int reliability) {
  if (from.sign_public.size() != crypto_sign_PUBLICKEYBYTES) {
    return fail(ErrorKind::kBadInput, "the sender's key file has no signing key", "--from",
                "give the output of 'sawt key export-public' from the sender's installation");
  }
  const auto info = SAWT_TRY(crypto::bundle_info(in));
  if (auto earlier = SAWT_TRY(repo.find_share(info.bundle_id, "received"))) {
    return fail(ErrorKind::kConflict,
                fmt::format("bundle {} was received before, on {}", info.bundle_id, earlier->at), in.string(),
                "nothing was imported; a bundle is taken in once");
  }
  auto& store = repo.store();
  auto id = SAWT_TRY(store.keyfile().identity(store.key()));
  auto bundle = SAWT_TRY(crypto::read_bundle(in, id.box_public, id.box_secret, from.sign_public));

  const crypto::BundleEntry* manifest_entry = nullptr;
  const crypto::BundleEntry* records_entry = nullptr;
  for (const auto& e : bundle.entries) {
    if (e.name == kManifestEntry) manifest_entry = &e;
    if (e.name == kRecordsEntry) records_entry = &e;
  }
  if (manifest_entry == nullptr || records_entry == nullptr) {
    return fail(ErrorKind::kBadInput, "the bundle holds no records (made by another program?)", in.string());
  }
  auto manifest = json::parse(manifest_entry->bytes, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object() ||
      manifest.value("format", "") != "sawt-share-records") {
    return fail(ErrorKind::kBadInput, "the bundle's manifest is not a sawt share manifest", in.string());
  }
  ReceiveReport report;
  report.bundle_id = info.bundle_id;
  report.created = info.created;
  report.sender = manifest["sender"].is_string() ? manifest["sender"].get<std::string>() : std::string();
  if (report.sender.empty()) report.sender = from.name;
  if (source_name.empty()) {
    source_name = fmt::format("Share from {}, {} ({})", report.sender.empty() ? "a partner" : report.sender,
                              info.created.substr(0, 10), info.bundle_id.substr(0, 8));
  }

  auto sp = SAWT_TRY(store::Savepoint::begin(store.db()));
  ImportOptions o;
  o.source = source_name;
  o.source_kind = "partner_share";
  o.reliability = reliability;
  o.file_name = fmt::format("share-{}.csv", info.bundle_id);
  // Every row becomes a record of this share's own, new source: rows naming a
  // source could otherwise slip records into an existing one.
  if (SAWT_TRY(repo.find_source(source_name))) {
    return fail(ErrorKind::kConflict, fmt::format("a source named '{}' exists already", source_name),
                "--source", "a share is taken in as a new source; choose another name");
  }
  o.one_source = true;
  report.import = SAWT_TRY(import_records(repo, records_entry->bytes, o));
  store::ShareRecord row;
  row.bundle_id = info.bundle_id;
  row.direction = "received";
  row.partner = report.sender;
  row.partner_key = to_hex(from.sign_public);
  row.persons = report.import.info.rows_ok;
  row.import_id = report.import.info.id;
  SAWT_CHECK(repo.add_share(row));
  SAWT_CHECK(sp.release());
  return report;
}

}  // namespace sawt::app
