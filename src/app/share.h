// Partner shares: handing chosen persons' records to a partner organisation's
// sawt, encrypted to its X25519 key and signed with ours (crypto/bundle.h),
// and taking such a bundle in.
//
// Sending is consent-gated per person: only persons whose consent in force
// for "share_partner" is granted — for this partner by name, or for partners
// in general — go into the bundle; confidential persons only when asked for
// explicitly. Everyone else is listed as withheld, with the reason, and never
// leaves the store. Each share is recorded (who, to whom, which persons) so a
// withdrawn consent can be followed up with the partners who hold the data.
//
// Receiving verifies the sender's signature against the public key the user
// gives, refuses a bundle taken in before, and imports the records as a new
// source of kind "partner_share": they go through linkage like any list and
// never overwrite what the store holds.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "app/import.h"
#include "store/repository.h"

namespace sawt::app {

// A `sawt-public-keys v1` file as `sawt key export-public` prints it:
//   sawt-public-keys v1
//   name: ORGANISATION        (optional)
//   sign: HEX (Ed25519)       (optional for encrypting, needed to verify)
//   box: HEX (X25519)
// A bare 64-character hex line is taken as a box key.
struct PublicKeys {
  std::string name;
  std::string sign_public;  // raw, 32 bytes, or empty
  std::string box_public;   // raw, 32 bytes, or empty
};

[[nodiscard]] Result<PublicKeys> parse_public_keys(std::string_view text, std::string_view where);
[[nodiscard]] Result<PublicKeys> read_public_keys(const std::filesystem::path& path);
[[nodiscard]] std::string format_public_keys(const PublicKeys& keys);

struct ShareRequest {
  PublicKeys partner;                // needs box_public; name (or partner_name) matches consents
  std::string partner_name;          // overrides partner.name when set
  std::string sender_name;           // how the bundle names us (e.g. the organisation), may be empty
  std::vector<std::string> persons;  // person refs ("P-000042"); empty with all = true: everyone
  bool all = false;
  bool include_confidential = false;
  bool include_notes = false;
};

struct Withheld {
  std::string person;  // public id
  std::string reason;
};

struct ShareReport {
  std::string bundle_id;
  std::string partner;
  std::vector<std::string> shared;  // public ids
  std::vector<Withheld> withheld;
};

// Writes the bundle to OUT (must not exist). Fails (kBadInput) when no person
// may be shared — then no file is written — and kNotFound for an unknown ref.
[[nodiscard]] Result<ShareReport> make_share(store::Repository& repo, const ShareRequest& request,
                                             const std::filesystem::path& out);

struct ReceiveReport {
  std::string bundle_id;
  std::string created;
  std::string sender;  // the sender's name, as the bundle states it
  ImportReport import;
};

// Opens IN with this store's identity, checks it is signed by FROM.sign_public,
// and imports its records as source SOURCE_NAME (default: "Share from SENDER,
// DATE (BUNDLE-ID prefix)"). One transaction: all or nothing.
[[nodiscard]] Result<ReceiveReport> receive_share(store::Repository& repo, const std::filesystem::path& in,
                                                  const PublicKeys& from, std::string source_name,
                                                  int reliability = 3);

}  // namespace sawt::app
