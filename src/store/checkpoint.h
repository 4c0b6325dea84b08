// Signed audit checkpoints: a small text, signed with the installation's
// Ed25519 key, stating the audit log's id, row count and head hash at a
// moment. Kept outside the store (printed, sent to a partner), it lets
// `sawt audit verify --checkpoint FILE` detect what the hash chain alone
// cannot: truncation of the log's tail and rollback of the whole store to an
// older copy.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "store/store.h"

namespace sawt::store {

struct Checkpoint {
  std::string log_id;
  std::int64_t rows = 0;
  std::string head;
  std::string time;
  std::string signer;  // hex Ed25519 public key
};

// Signs the log's current state.
[[nodiscard]] Result<std::string> make_checkpoint(Store& store);

// Parses and checks a checkpoint's signature (kBadInput for malformed text,
// kAuth for a bad signature).
[[nodiscard]] Result<Checkpoint> parse_checkpoint(std::string_view text, std::string_view where);

// Compares the store with a checkpoint: ok, or kIntegrity saying whether the
// log was truncated or rolled back, edited before the checkpoint, or belongs
// to another log; kAuth when signed by another installation.
[[nodiscard]] Status check_against(Store& store, const Checkpoint& cp);

}  // namespace sawt::store
