// Document commands: attach a file to a person, a monitoring visit or an
// incident, list their documents, write one out, delete one. The bytes go
// into the encrypted store only.
#include <fmt/format.h>

#include <charconv>

#include "app/documents.h"
#include "cli/cli.h"
#include "domain/json.h"
#include "util/fs.h"

namespace sawt::cli {

namespace {

// TEXT as a positive id; kUsage naming WHERE otherwise.
Result<Id> positive_id(const std::string& text, std::string_view where, std::string_view hint) {
  Id id = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, id);
  if (ec != std::errc() || ptr != end || id <= 0) {
    return fail(ErrorKind::kUsage, fmt::format("'{}' is not an id", text), std::string(where),
                std::string(hint));
  }
  return id;
}

Result<Id> document_id(const std::string& text) {
  return positive_id(text, "ID", "use the number shown by 'sawt doc list PERSON'");
}

// What a command's documents belong to, with its label for messages
// ("P-000012", "visit 3").
struct Owner {
  DocumentOwner kind = DocumentOwner::kPerson;
  Id id = 0;
  std::string label;
};

// The owner named by --visit ID, --incident ID, or else the PERSON that is the
// first of NEEDED positional arguments of `sawt doc COMMAND` (NEEDED - 1 with
// --visit or --incident); kUsage for a wrong combination, kNotFound for an
// owner that does not exist.
Result<Owner> document_owner(store::Repository& repo, const Args& args, size_t needed,
                             std::string_view command) {
  const bool visit = args.has("visit");
  const bool incident = args.has("incident");
  if (visit && incident) return fail(ErrorKind::kUsage, "give --visit or --incident, not both", "--visit");
  const size_t wanted = visit || incident ? needed - 1 : needed;
  if (args.positional.size() != wanted) {
    return fail(ErrorKind::kUsage,
                visit || incident ? "with --visit or --incident, give no PERSON" : "give the PERSON",
                "PERSON",
                fmt::format("e.g. 'sawt doc {0} P-000012{1}' or 'sawt doc {0} --visit 3{1}'", command,
                            needed == 2 ? " FILE" : ""));
  }
  if (!visit && !incident) {
    auto p = SAWT_TRY(repo.find_person(args.positional[0]));
    return Owner{DocumentOwner::kPerson, p.id, p.public_id};
  }
  Owner o{visit ? DocumentOwner::kVisit : DocumentOwner::kIncident, 0, ""};
  const auto option = document_owner_name(o.kind);
  o.id = SAWT_TRY(positive_id(args.get(option), fmt::format("--{}", option),
                              "use the id shown by 'sawt conditions FACILITY'"));
  SAWT_CHECK(repo.document_owner_exists(o.kind, o.id));
  o.label = fmt::format("{} {}", option, o.id);
  return o;
}

Result<int> cmd_doc_add(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  const auto owner = SAWT_TRY(document_owner(repo, args, 2, "add"));
  const std::filesystem::path file = args.positional.back();
  auto content = SAWT_TRY(read_file(file));
  app::NewDocument meta{args.get("title"), args.get("kind"), file.filename().string(), args.get("date")};
  auto tx = SAWT_TRY(store::Transaction::begin(store->db()));
  auto d = SAWT_TRY(app::attach_document(repo, owner.kind, owner.id, content, meta));
  SAWT_CHECK(tx.commit());
  if (args.json()) {
    print_json(d);
  } else {
    fmt::print("Added document {} to {}: {} ({}, {} bytes, sha256 {})\n", d.id, owner.label, d.title,
               d.content_type, d.size, d.sha256);
  }
  return kExitOk;
}

Result<int> cmd_doc_list(Context& ctx, const Args& args) {
  auto store = SAWT_TRY(ctx.open_store());
  store::Repository repo(*store, ctx.actor());
  const auto owner = SAWT_TRY(document_owner(repo, args, 1, "list"));
  auto docs = SAWT_TRY(repo.documents(owner.kind, owner.id));
  if (args.json()) {
    print_json(docs);
    return kExitOk;
  }
  if (docs.empty()) fmt::print("{} has no documents\n", owner.label);
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
       "[PERSON] FILE",
       "attach a document (PDF, PNG, JPEG, GIF, WebP or UTF-8 text, at most 10 MiB) to a person, "
       "or with --visit / --incident to a monitoring visit or an incident",
       {{"title", "TEXT", "a short title (default: the file name)"},
        {"kind", "CODE", "judgment, indictment, medical_report, photo, visit_report, ... (default other)"},
        {"date", "DATE", "the document's own date"},
        {"visit", "ID", "attach it to this visit (ids: 'sawt conditions FACILITY')"},
        {"incident", "ID", "attach it to this incident"}},
       cmd_doc_add,
       1,
       2});
  out.push_back({"doc list",
                 "[PERSON]",
                 "a person's documents, or a visit's or an incident's",
                 {{"visit", "ID", "the documents of this visit"}, {"incident", "ID", "of this incident"}},
                 cmd_doc_list,
                 0,
                 1});
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
