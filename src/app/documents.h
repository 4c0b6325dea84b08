// Attaching documents to a person, a monitoring visit or an incident: the
// checks every front end shares (size limit, type from the bytes' signature,
// SHA-256), then the repository. The bytes are held in memory only and
// written nowhere but the encrypted store.
#pragma once

#include <string>
#include <string_view>

#include "store/repository.h"

namespace sawt::app {

// The largest document accepted: scans of judgments and medical reports fit;
// anything bigger should be split or compressed.
inline constexpr std::size_t kMaxDocumentBytes = 10u << 20;

struct NewDocument {
  std::string title;  // defaults to the file name
  std::string kind;   // vocab document_kinds; defaults to "other"
  std::string file_name;
  std::string date;  // partial date, may be empty
};

// Checks CONTENT (kBadInput: empty, too large, not an accepted type) and
// stores it for the person, visit or incident OWNER_ID (kNotFound when there
// is none). Returns the stored document's metadata.
[[nodiscard]] Result<Document> attach_document(store::Repository& repo, DocumentOwner owner, Id owner_id,
                                               std::string_view content, const NewDocument& meta);

// A name safe for Content-Disposition: the title's ASCII letters, digits,
// '-', '_' and '.', with the extension of its type; "document-ID.EXT" when
// nothing of it is left.
[[nodiscard]] std::string download_name(const Document& d);

}  // namespace sawt::app
