#include "store/checkpoint.h"

#include <sodium.h>

#include <charconv>
#include <map>

#include <fmt/format.h>

#include "util/clock.h"
#include "util/strings.h"

namespace sawt::store {

namespace {

constexpr std::string_view kHeader = "sawt audit checkpoint v1";

std::string body(const Checkpoint& cp) {
  return fmt::format("{}\nlog: {}\nrows: {}\nhead: {}\ntime: {}\nsigner: {}\n", kHeader, cp.log_id, cp.rows, cp.head,
                     cp.time, cp.signer);
}

}  // namespace

Result<std::string> make_checkpoint(Store& store) {
  auto v = SAWT_TRY(store.audit().verify());
  if (v.first_bad) {
    return fail(ErrorKind::kIntegrity, fmt::format("the audit log is broken at row {}: {}", *v.first_bad, v.problem), "",
                "investigate before signing a checkpoint");
  }
  auto id = SAWT_TRY(store.keyfile().identity(store.key()));
  Checkpoint cp{store.audit().log_id(), v.rows, v.head_hash, now_timestamp(), to_hex(id.sign_public)};
  const std::string text = body(cp);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       id.sign_secret.data());
  return text + fmt::format("signature: {}\n", to_hex(std::string_view(reinterpret_cast<const char*>(sig), sizeof sig)));
}

Result<Checkpoint> parse_checkpoint(std::string_view text, std::string_view where) {
  const auto bad = [&](std::string msg) {
    return fail(ErrorKind::kBadInput, std::move(msg), std::string(where), "give the checkpoint file exactly as sawt wrote it");
  };
  const auto sig_pos = text.find("signature: ");
  if (!text.starts_with(kHeader) || sig_pos == std::string_view::npos) return bad("not a sawt audit checkpoint");
  const std::string_view signed_part = text.substr(0, sig_pos);
  std::map<std::string, std::string> fields;
  for (const auto& line : split(text, '\n')) {
    const auto colon = line.find(": ");
    if (colon != std::string::npos) fields[line.substr(0, colon)] = std::string(trim(line.substr(colon + 2)));
  }
  Checkpoint cp;
  cp.log_id = fields["log"];
  cp.head = fields["head"];
  cp.time = fields["time"];
  cp.signer = fields["signer"];
  const std::string& rows = fields["rows"];
  if (std::from_chars(rows.data(), rows.data() + rows.size(), cp.rows).ec != std::errc() || cp.log_id.empty() ||
      cp.head.size() != 64 || cp.signer.size() != 64) {
    return bad("a field is missing or malformed");
  }
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sig[crypto_sign_BYTES];
  size_t len = 0;
  const std::string& sig_hex = fields["signature"];
  if (sodium_hex2bin(pk, sizeof pk, cp.signer.data(), cp.signer.size(), nullptr, &len, nullptr) != 0 || len != sizeof pk ||
      sodium_hex2bin(sig, sizeof sig, sig_hex.data(), sig_hex.size(), nullptr, &len, nullptr) != 0 || len != sizeof sig) {
    return bad("the signer or signature is malformed");
  }
  if (crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(), pk) != 0) {
    return fail(ErrorKind::kAuth, "the checkpoint's signature does not verify: it was altered", std::string(where));
  }
  return cp;
}

Status check_against(Store& store, const Checkpoint& cp) {
  auto id_pub = to_hex(store.keyfile().sign_public());
  if (cp.signer != id_pub) {
    return fail(ErrorKind::kAuth, "the checkpoint was signed by another installation", "",
                "use a checkpoint made by this store ('sawt key export-public' shows its signing key)");
  }
  if (cp.log_id != store.audit().log_id()) {
    return fail(ErrorKind::kIntegrity, "the checkpoint belongs to another audit log: the store was replaced");
  }
  auto v = SAWT_TRY(store.audit().verify());
  if (v.first_bad) {
    return fail(ErrorKind::kIntegrity, fmt::format("the audit log is broken at row {}: {}", *v.first_bad, v.problem));
  }
  if (v.rows < cp.rows) {
    return fail(ErrorKind::kIntegrity,
                fmt::format("the audit log has {} rows but the checkpoint of {} saw {}: the log was truncated or the "
                            "store rolled back to an older copy",
                            v.rows, cp.time, cp.rows),
                "", "restore the newest backup and compare");
  }
  auto q = SAWT_TRY(store.db().prepare("SELECT hash FROM audit WHERE id = ?"));
  q.bind(1, cp.rows);
  const bool found = SAWT_TRY(q.step());
  const std::string hash = found ? q.text(0) : store.audit().genesis_hash();
  if (cp.rows > 0 && hash != cp.head) {
    return fail(ErrorKind::kIntegrity,
                fmt::format("row {} differs from what the checkpoint of {} signed: history before it was rewritten",
                            cp.rows, cp.time));
  }
  return {};
}

}  // namespace sawt::store
