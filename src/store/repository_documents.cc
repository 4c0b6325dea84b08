// Documents attached to persons, monitoring visits and incidents: metadata in
// `documents`, the bytes in `document_contents`, both inside the encrypted
// store (schema kVWeb, kVMonitoringDocuments), and who may read them.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "domain/json.h"
#include "store/repository.h"
#include "store/savepoint.h"
#include "util/clock.h"

namespace sawt::store {

using nlohmann::json;

namespace {

constexpr std::string_view kDocumentColumns =
    "id, person_id, case_id, title, kind, sha256, size, date, file_name, content_type, created_at, "
    "created_by, deleted_at, visit_id, incident_id";

Result<Document> read_document(const Stmt& s) {
  Document d;
  d.id = s.int64(0);
  d.person_id = s.is_null(1) ? 0 : s.int64(1);
  d.case_id = s.is_null(2) ? 0 : s.int64(2);
  d.title = s.text(3);
  d.kind = s.text(4);
  d.sha256 = s.text(5);
  d.size = s.int64(6);
  auto date = PartialDate::parse(s.text(7));
  if (!date)
    return fail(ErrorKind::kIntegrity, fmt::format("stored document date '{}' is not a date", s.text(7)));
  d.date = *date;
  d.file_name = s.text(8);
  d.content_type = s.text(9);
  d.created_at = s.text(10);
  d.created_by = s.text(11);
  d.deleted_at = s.text(12);
  d.visit_id = s.is_null(13) ? 0 : s.int64(13);
  d.incident_id = s.is_null(14) ? 0 : s.int64(14);
  return d;
}

// What the audit log keeps of a document: never its bytes.
std::string audit_text(const Document& d) {
  json j{{"title", d.title}, {"kind", d.kind},     {"file_name", d.file_name},
         {"size", d.size},   {"sha256", d.sha256}, {"content_type", d.content_type}};
  j[fmt::format("{}_id", document_owner_name(d.owner()))] = d.owner_id();
  return j.dump();
}

}  // namespace

Result<Document> Repository::add_document(Document d, std::string_view content) {
  const int owners = (d.person_id != 0) + (d.visit_id != 0) + (d.incident_id != 0);
  if (owners != 1 || (d.case_id != 0 && d.person_id == 0)) {
    return fail(ErrorKind::kInternal, "a document belongs to exactly one person, visit or incident",
                "document");
  }
  SAWT_CHECK(document_owner_exists(d.owner(), d.owner_id()));
  if (d.kind.empty()) d.kind = "other";
  SAWT_CHECK(check_code("document_kinds", d.kind, "kind"));
  if (d.title.empty()) d.title = d.file_name;
  if (d.title.empty()) {
    return fail(ErrorKind::kBadInput, "a document needs a title", "title",
                "give a short title, e.g. 'Judgment 2019'");
  }
  if (d.sha256.size() != 64 || d.size != static_cast<std::int64_t>(content.size()) ||
      d.content_type.empty()) {
    return fail(ErrorKind::kInternal, "document metadata does not describe its content", "document");
  }
  d.created_at = now_timestamp();
  d.created_by = actor_;
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(db_.prepare(
      "INSERT INTO documents(person_id, case_id, title, kind, sha256, size, date, file_name, content_type, "
      "created_at, created_by, visit_id, incident_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
  ins.bind_id_or_null(1, d.person_id).bind_id_or_null(2, d.case_id).bind(3, d.title).bind(4, d.kind);
  ins.bind(5, d.sha256).bind(6, d.size).bind(7, d.date.to_string()).bind(8, d.file_name);
  ins.bind(9, d.content_type).bind(10, d.created_at).bind(11, d.created_by);
  ins.bind_id_or_null(12, d.visit_id).bind_id_or_null(13, d.incident_id);
  SAWT_CHECK(ins.run());
  d.id = db_.last_insert_id();
  auto blob = SAWT_TRY(db_.prepare("INSERT INTO document_contents(document_id, content) VALUES (?, ?)"));
  SAWT_CHECK(blob.bind(1, d.id).bind_blob(2, content).run());
  SAWT_CHECK(audit("create", "document", std::to_string(d.id), "", audit_text(d)));
  SAWT_CHECK(sp.release());
  return d;
}

Result<std::vector<Document>> Repository::documents(Id person_id) {
  return documents(DocumentOwner::kPerson, person_id);
}

Result<std::vector<Document>> Repository::documents(DocumentOwner owner, Id owner_id) {
  auto q = SAWT_TRY(
      db_.prepare(fmt::format("SELECT {} FROM documents WHERE {}_id = ? AND deleted_at = '' ORDER BY id DESC",
                              kDocumentColumns, document_owner_name(owner))));
  q.bind(1, owner_id);
  std::vector<Document> out;
  while (SAWT_TRY(q.step())) out.push_back(SAWT_TRY(read_document(q)));
  return out;
}

Result<Document> Repository::get_document(Id id) {
  auto q = SAWT_TRY(db_.prepare(fmt::format("SELECT {} FROM documents WHERE id = ?", kDocumentColumns)));
  q.bind(1, id);
  if (!SAWT_TRY(q.step())) return fail(ErrorKind::kNotFound, fmt::format("no document {}", id));
  return read_document(q);
}

Result<std::string> Repository::document_content(Id id) {
  auto q = SAWT_TRY(db_.prepare("SELECT content FROM document_contents WHERE document_id = ?"));
  q.bind(1, id);
  if (!SAWT_TRY(q.step())) return fail(ErrorKind::kNotFound, fmt::format("no document {}", id));
  return q.blob(0);
}

Status Repository::delete_document(Id id) {
  auto d = SAWT_TRY(get_document(id));
  if (!d.deleted_at.empty()) return fail(ErrorKind::kNotFound, fmt::format("document {} was deleted", id));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto del = SAWT_TRY(db_.prepare("DELETE FROM document_contents WHERE document_id = ?"));
  SAWT_CHECK(del.bind(1, id).run());
  auto mark = SAWT_TRY(db_.prepare("UPDATE documents SET deleted_at = ?, deleted_by = ? WHERE id = ?"));
  SAWT_CHECK(mark.bind(1, now_timestamp()).bind(2, actor_).bind(3, id).run());
  SAWT_CHECK(audit("delete", "document", std::to_string(id), audit_text(d), ""));
  return sp.release();
}

Status Repository::document_owner_exists(DocumentOwner owner, Id id) {
  const auto name = document_owner_name(owner);
  auto q = SAWT_TRY(db_.prepare(fmt::format("SELECT 1 FROM {}s WHERE id = ?", name)));
  q.bind(1, id);
  if (!SAWT_TRY(q.step())) return fail(ErrorKind::kNotFound, fmt::format("no {} with id {}", name, id));
  return {};
}

Result<bool> Repository::can_see_incident_documents(const User& user, Id incident_id) {
  if (!sees_persons(user)) return false;
  auto q = SAWT_TRY(
      db_.prepare(fmt::format("SELECT 1 FROM incident_persons ip JOIN persons p ON p.id = ip.person_id "
                              "WHERE ip.incident_id = ? AND NOT {} LIMIT 1",
                              visibility_sql(user))));
  q.bind(1, incident_id);
  return !SAWT_TRY(q.step());
}

Result<bool> Repository::can_see_document(const User& user, const Document& d) {
  switch (d.owner()) {
    case DocumentOwner::kVisit:
      return sees_persons(user);
    case DocumentOwner::kIncident:
      return can_see_incident_documents(user, d.incident_id);
    case DocumentOwner::kPerson:
      break;
  }
  return can_see(user, d.person_id);
}

}  // namespace sawt::store
