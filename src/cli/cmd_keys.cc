// Key and integrity commands: passphrase change, key recovery, key
// export-public, erase, audit checkpoint, audit verify --checkpoint.
#include <fmt/format.h>
#include <sodium.h>
#include <unistd.h>

#include <cstring>
#include <iostream>

#include "app/share.h"
#include "cli/cli.h"
#include "store/backup.h"
#include "store/checkpoint.h"
#include "util/fs.h"
#include "util/strings.h"

namespace sawt::cli {

namespace {

Result<int> cmd_passphrase_change(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  const auto next = SAWT_TRY(secret_option(args, "new-passphrase-file", "New passphrase.", /*confirm=*/true));
  SAWT_CHECK(store->change_passphrase(next));
  if (args.json()) {
    print_json({{"changed", true}});
  } else {
    fmt::print("Passphrase changed. The old passphrase no longer opens this store.\n");
  }
  return kExitOk;
}

Result<int> cmd_key_recovery(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  const auto text = SAWT_TRY(store->create_recovery_key());
  if (args.json()) {
    print_json({{"recovery_key", text}});
    return kExitOk;
  }
  fmt::print(
      "Recovery key for this store — write it down by hand now and keep it somewhere safe and separate.\n"
      "It is shown only this once; any earlier recovery key no longer works.\n\n    {}\n\n"
      "To use it, type it where sawt asks for the passphrase (dashes and case do not matter).\n",
      text);
  return kExitOk;
}

Result<int> cmd_key_rotate(Context& ctx, const Args& args) {
  const auto dir = SAWT_TRY(ctx.store_dir());
  const auto pass = SAWT_TRY(ctx.passphrase(false));
  auto r = SAWT_TRY(store::Store::rotate_key(dir, pass, ctx.actor()));
  if (args.json()) {
    print_json({{"rotated", true}, {"database", r.new_db_file}, {"dropped_slots", r.dropped}});
    return kExitOk;
  }
  fmt::print("The store is now encrypted under a new key ({}). Your passphrase still opens it.\n",
             r.new_db_file);
  for (const auto& d : r.dropped) fmt::print("  dropped {}: its secret was not available to rewrap it\n", d);
  if (!r.dropped.empty()) fmt::print("Create a new recovery key now: sawt key recovery\n");
  fmt::print("Old backups remain encrypted under the old key: keep or destroy them deliberately.\n");
  return kExitOk;
}

Result<int> cmd_key_export_public(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  const app::PublicKeys keys{args.get("name"), store->keyfile().sign_public(), store->keyfile().box_public()};
  if (args.json()) {
    print_json({{"name", keys.name},
                {"sign_public", to_hex(keys.sign_public)},
                {"box_public", to_hex(keys.box_public)}});
  } else {
    fmt::print("{}", app::format_public_keys(keys));
  }
  return kExitOk;
}

Result<int> cmd_erase(Context& ctx, const Args& args) {
  const auto dir = SAWT_TRY(ctx.store_dir());
  if (!args.has("yes")) {
    if (isatty(STDIN_FILENO) == 0) {
      return fail(ErrorKind::kUsage, "erasing needs confirmation", "", "run it at a terminal, or pass --yes");
    }
    fmt::print(stderr,
               "This destroys the key file of the store in {}. The data becomes unreadable for good.\n"
               "Type ERASE to confirm: ",
               dir);
    std::string answer;
    std::getline(std::cin, answer);
    if (trim(answer) != "ERASE") return fail(ErrorKind::kUsage, "not confirmed; nothing was erased");
  }
  SAWT_CHECK(store::Store::erase(dir));
  fmt::print(
      "The key file was overwritten and removed, and the database files were removed.\n"
      "What this cannot promise: on SSDs and journaling or copy-on-write file systems, old copies of the "
      "key\n"
      "file may survive in blocks the system no longer shows; backups, copies of the key file, a "
      "written-down\n"
      "recovery key or a partner's escrow slot can still open copies of the database made earlier. For full\n"
      "assurance, also destroy the disk or use full-disk encryption and discard its key.\n");
  return kExitOk;
}

Result<int> cmd_audit_checkpoint(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  const auto text = SAWT_TRY(store::make_checkpoint(*store));
  if (auto out = args.maybe("out")) {
    SAWT_CHECK(atomic_write_file(*out, text));
    if (!args.json()) fmt::print(stderr, "Checkpoint written to {}: keep it outside the store.\n", *out);
  } else {
    fmt::print("{}", text);
  }
  return kExitOk;
}

Result<int> cmd_backup(Context& ctx, const Args& args) {
  const std::string out = args.positional[0];
  store::BackupTarget target;
  for (const auto& r : args.all("to")) {
    auto keys = SAWT_TRY(app::read_public_keys(r));
    if (keys.box_public.empty())
      return fail(ErrorKind::kBadInput, "the key file has no encryption (box) key", r);
    target.recipients.push_back(keys.box_public);
  }
  auto store = SAWT_TRY(ctx.open_store());
  if (target.recipients.empty())
    target.passphrase = SAWT_TRY(secret_option(args, "backup-passphrase-file",
                                               "Backup passphrase (different from the store's).", true));
  auto report = SAWT_TRY(store::backup(*store, out, target));
  if (args.json()) {
    print_json({{"file", out},
                {"backup_id", report.backup_id},
                {"files", report.files},
                {"bytes", report.bytes},
                {"audit_rows", report.audit_rows}});
  } else {
    fmt::print("Backup {} written to {}: {} files, {} bytes before encryption, audit log at {} rows.\n",
               report.backup_id, out, report.files, report.bytes, report.audit_rows);
    fmt::print("It opens with the backup {} and, once restored, with the store's own passphrase.\n",
               target.recipients.empty() ? "passphrase" : "recipients' keys");
  }
  return kExitOk;
}

Result<int> cmd_restore(Context&, const Args& args) {
  const std::string in = args.positional[0];
  const std::string to = args.get("to");
  if (to.empty())
    return fail(ErrorKind::kUsage, "--to DIR is required", "", "restore into a new, empty folder");
  store::RestoreKey key;
  const auto mode = SAWT_TRY(store::backup_mode(in));
  std::unique_ptr<store::Store> with;
  if (mode == "recipients") {
    const auto dir = args.get("with-store");
    if (dir.empty())
      return fail(ErrorKind::kUsage, "this backup is encrypted to recipients' keys", "",
                  "give --with-store DIR of a recipient");
    Context c;
    Args a;
    a.options["store"] = {dir};
    if (auto pf = args.maybe("passphrase-file")) a.options["passphrase-file"] = {*pf};
    c.args = &a;
    with = SAWT_TRY(c.open_store());
    auto id = SAWT_TRY(with->keyfile().identity(with->key()));
    key.box_public = id.box_public;
    key.box_secret.emplace(32);
    std::memcpy(key.box_secret->data(), id.box_secret.data(), 32);
  } else {
    key.passphrase = SAWT_TRY(secret_option(args, "backup-passphrase-file", "Backup passphrase.", false));
  }
  auto report = SAWT_TRY(store::restore(in, to, key));
  if (args.json()) {
    print_json({{"restored_to", to},
                {"backup_id", report.backup_id},
                {"created", report.created},
                {"files", report.files}});
  } else {
    fmt::print("Restored backup {} (made {}) into {}: {} files. Open it with the store's passphrase.\n",
               report.backup_id, report.created, to, report.files);
  }
  return kExitOk;
}

}  // namespace

void add_key_commands(std::vector<Command>& out) {
  out.push_back({"passphrase change",
                 "",
                 "rewrap the store's key under a new passphrase (instant; asks twice)",
                 {{"new-passphrase-file", "FILE", "read the new passphrase from FILE instead of asking"}},
                 cmd_passphrase_change,
                 0,
                 0});
  out.push_back({"key recovery",
                 "",
                 "create a recovery key and show it once (replaces any earlier one)",
                 {},
                 cmd_key_recovery,
                 0,
                 0});
  out.push_back(
      {"key rotate", "", "re-encrypt the whole database under a new key (atomic)", {}, cmd_key_rotate, 0, 0});
  out.push_back({"key export-public",
                 "",
                 "print this installation's public keys (for partners and checkpoints)",
                 {{"name", "ORG", "add the organisation's name (partners match it against share consents)"}},
                 cmd_key_export_public,
                 0,
                 0});
  out.push_back({"erase",
                 "",
                 "crypto-erase the store: destroy its key file after confirmation",
                 {{"yes", "", "do not ask for confirmation"}},
                 cmd_erase,
                 0,
                 0});
  out.push_back({"backup",
                 "OUT",
                 "write an encrypted backup of the whole store to one file",
                 {{"to", "PUBFILE", "encrypt to a recipient's public keys instead of a passphrase", true},
                  {"backup-passphrase-file", "FILE", "read the backup passphrase from FILE"}},
                 cmd_backup,
                 1,
                 1});
  out.push_back(
      {"restore",
       "BACKUP",
       "restore a backup into a new folder (never over a store)",
       {{"to", "DIR", "the new store folder"},
        {"backup-passphrase-file", "FILE", "read the backup passphrase from FILE"},
        {"with-store", "DIR", "for a backup made --to your keys: your store, which holds the secret key"}},
       cmd_restore,
       1,
       1});
  out.push_back({"audit checkpoint",
                 "",
                 "print a signed checkpoint of the audit log to keep outside the store",
                 {{"out", "FILE", "write it to FILE"}},
                 cmd_audit_checkpoint,
                 0,
                 0});
}

}  // namespace sawt::cli
