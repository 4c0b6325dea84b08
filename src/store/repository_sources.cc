// Sources seen from the web interface: what each contributed, and the rows
// its imports could not take (the quarantine), for the people who fix them.
#include <fmt/format.h>

#include "store/repository.h"

namespace sawt::store {

Result<std::vector<SourceSummary>> Repository::source_summaries() {
  auto q = SAWT_TRY(
      db_.prepare("SELECT s.id, s.name, s.kind, s.reliability, s.received, s.notes, "
                  "  (SELECT COUNT(*) FROM source_records r WHERE r.source_id = s.id), "
                  "  (SELECT COUNT(DISTINCT pr.person_id) FROM source_records r JOIN person_records pr ON "
                  "pr.record_id = r.id "
                  "   WHERE r.source_id = s.id), "
                  "  (SELECT COUNT(*) FROM imports i WHERE i.source_id = s.id), "
                  "  (SELECT COUNT(*) FROM quarantine qr JOIN imports i ON i.id = qr.import_id WHERE "
                  "i.source_id = s.id), "
                  "  (SELECT COALESCE(MAX(i.imported_at), '') FROM imports i WHERE i.source_id = s.id) "
                  "FROM sources s ORDER BY s.id"));
  std::vector<SourceSummary> out;
  while (SAWT_TRY(q.step())) {
    SourceSummary s;
    s.source.id = q.int64(0);
    s.source.name = q.text(1);
    s.source.kind = q.text(2);
    s.source.reliability = static_cast<int>(q.int64(3));
    if (auto d = PartialDate::parse(q.text(4))) s.source.received = *d;
    s.source.notes = q.text(5);
    s.records = q.int64(6);
    s.persons = q.int64(7);
    s.imports = q.int64(8);
    s.quarantined = q.int64(9);
    s.last_import = q.text(10);
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<Repository::SourceQuarantineRow>> Repository::source_quarantine(Id source_id) {
  auto exists = SAWT_TRY(db_.prepare("SELECT 1 FROM sources WHERE id = ?"));
  exists.bind(1, source_id);
  if (!SAWT_TRY(exists.step())) return fail(ErrorKind::kNotFound, fmt::format("no source {}", source_id));
  auto q = SAWT_TRY(db_.prepare(
      "SELECT qr.import_id, qr.line, qr.reason, qr.raw, i.file_name, i.imported_at FROM quarantine qr "
      "JOIN imports i ON i.id = qr.import_id WHERE i.source_id = ? ORDER BY qr.import_id, qr.line"));
  q.bind(1, source_id);
  std::vector<SourceQuarantineRow> out;
  while (SAWT_TRY(q.step())) {
    out.push_back({{q.int64(0), static_cast<int>(q.int64(1)), q.text(2), q.text(3)}, q.text(4), q.text(5)});
  }
  return out;
}

}  // namespace sawt::store
