#include "app/documents.h"

#include <fmt/format.h>

#include "crypto/sodium.h"
#include "io/sniff.h"

namespace sawt::app {

Result<Document> attach_document(store::Repository& repo, DocumentOwner owner, Id owner_id,
                                 std::string_view content, const NewDocument& meta) {
  if (content.size() > kMaxDocumentBytes) {
    return fail(ErrorKind::kBadInput,
                fmt::format("the document is {:.1f} MiB; at most {} MiB are accepted",
                            static_cast<double>(content.size()) / (1 << 20), kMaxDocumentBytes >> 20),
                "file", "split the document or scan it at a lower resolution");
  }
  Document d;
  switch (owner) {
    case DocumentOwner::kPerson:
      d.person_id = owner_id;
      break;
    case DocumentOwner::kVisit:
      d.visit_id = owner_id;
      break;
    case DocumentOwner::kIncident:
      d.incident_id = owner_id;
      break;
  }
  d.content_type = SAWT_TRY(io::sniff_document_type(content));
  d.title = meta.title;
  d.kind = meta.kind;
  d.file_name = meta.file_name.substr(0, 200);
  auto date = PartialDate::parse(meta.date);
  if (!date) {
    date.error().where = "date";
    return std::unexpected(date.error());
  }
  d.date = *date;
  d.size = static_cast<std::int64_t>(content.size());
  d.sha256 = crypto::sha256_hex(content);
  return repo.add_document(std::move(d), content);
}

std::string download_name(const Document& d) {
  std::string base;
  const std::string& from = d.file_name.empty() ? d.title : d.file_name;
  for (char c : from.substr(0, from.rfind('.') == std::string::npos ? from.size() : from.rfind('.'))) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (ok)
      base += c;
    else if (!base.empty() && base.back() != '-')
      base += '-';
    if (base.size() >= 60) break;
  }
  while (!base.empty() && base.back() == '-') base.pop_back();
  if (base.empty()) base = fmt::format("document-{}", d.id);
  return fmt::format("{}.{}", base, io::extension_for(d.content_type));
}

}  // namespace sawt::app
