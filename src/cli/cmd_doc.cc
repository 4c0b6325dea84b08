// Document commands: attach a file to a person, list a person's documents,
// write one out, delete one. The bytes go into the encrypted store only.
#include <fmt/format.h>

#include <charconv>

#include "app/documents.h"
#include "cli/cli.h"
#include "domain/json.h"
#include "util/fs.h"

namespace sawt::cli {

namespace {

Result<Id> document_id(const std::string& text) {
  Id id = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, id);
  if (ec != std::errc() || ptr != end || id <= 0) {
    return fail(ErrorKind::kUsage, fmt::format("'{}' is not a document id", text), "ID",
                "use the number shown by 'sawt doc list PERSON'");
  }
  return id;
}

Result<int> cmd_doc_add(Context& ctx, const Args& args) {
  const std::filesystem::path file = args.positional[1];
  auto content = SAWT_TRY(read_file(file));
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto p = SAWT_TRY(repo.find_person(args.positional[0]));
  app::NewDocument meta{args.get("title"), args.get("kind"), file.filename().string(), args.get("date")};
  auto tx = SAWT_TRY(store::Transaction::begin(store->db()));
  auto d = SAWT_TRY(app::attach_document(repo, p.id, content, meta));
  SAWT_CHECK(tx.commit());
  if (args.json()) {
    print_json(d);
  } else {
    fmt::print("Added document {} to {}: {} ({}, {} bytes, sha256 {})\n", d.id, p.public_id, d.title,
               d.content_type, d.size, d.sha256);
  }
  return kExitOk;
}

Result<int> cmd_doc_list(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto p = SAWT_TRY(repo.find_person(args.positional[0]));
  auto docs = SAWT_TRY(repo.documents(p.id));
  if (args.json()) {
    print_json(docs);
    return kExitOk;
  }
  if (docs.empty()) fmt::print("{} has no documents\n", p.public_id);
  for (const auto& d : docs) {
    fmt::print("{:>5}  {:<20} {:<10} {:>9}  {}  {}\n", d.id, d.kind, d.date.to_string(), d.size, d.created_at,
               d.title);
  }
  return kExitOk;
}

Result<int> cmd_doc_get(Context& ctx, const Args& args) {
  const Id id = SAWT_TRY(document_id(args.positional[0]));
  const auto out = args.get("out");
  if (out.empty()) {
    return fail(ErrorKind::kUsage, "--out FILE is required", "--out",
                "the document is written there unencrypted: choose an encrypted disk");
  }
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  auto d = SAWT_TRY(repo.get_document(id));
  auto content = SAWT_TRY(repo.document_content(id));
  SAWT_CHECK(atomic_write_file(out, content));
  if (args.json()) {
    print_json({{"document", d}, {"out", out}});
  } else {
    fmt::print("Wrote document {} ({}, {} bytes) to {}\n", d.id, d.content_type, d.size, out);
  }
  return kExitOk;
}

Result<int> cmd_doc_delete(Context& ctx, const Args& args) {
  const Id id = SAWT_TRY(document_id(args.positional[0]));
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  SAWT_CHECK(repo.delete_document(id));
  if (args.json()) {
    print_json({{"deleted", id}});
  } else {
    fmt::print("Deleted document {}: its bytes are gone from the store (earlier backups still hold them)\n",
               id);
  }
  return kExitOk;
}

}  // namespace

void add_document_commands(std::vector<Command>& out) {
  out.push_back(
      {"doc add",
       "PERSON FILE",
       "attach a document (PDF, PNG, JPEG, GIF, WebP or UTF-8 text, at most 10 MiB) to a person",
       {{"title", "TEXT", "a short title (default: the file name)"},
        {"kind", "CODE", "judgment, indictment, medical_report, power_of_attorney, ... (default other)"},
        {"date", "DATE", "the document's own date"}},
       cmd_doc_add,
       2,
       2});
  out.push_back({"doc list", "PERSON", "a person's documents", {}, cmd_doc_list, 1, 1});
  out.push_back({"doc get",
                 "ID",
                 "write a document's bytes to a file",
                 {{"out", "FILE", "where to write it (unencrypted!)"}},
                 cmd_doc_get,
                 1,
                 1});
  out.push_back({"doc delete",
                 "ID",
                 "delete a document's bytes (audit-logged; the row stays as a tombstone)",
                 {},
                 cmd_doc_delete,
                 1,
                 1});
}

}  // namespace sawt::cli
