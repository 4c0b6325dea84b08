// From a person in the store to a dossier document ready for HTML or PDF:
// gathers the record (case view, source records, advocacy, facilities),
// builds the dossier (consent-checked, reports/dossier.h) and lays it out as
// a render::Document.
#pragma once

#include "app/protection.h"
#include "render/document.h"
#include "reports/dossier.h"

namespace sawt::reports {

[[nodiscard]] render::Document to_document(const Dossier& dossier, std::string_view generated_on);

[[nodiscard]] Result<render::Document> make_dossier_document(store::Repository& repo, const app::ProtectionRules& rules,
                                                             Id person_id, Form form, std::string_view lang,
                                                             const Submitter& submitter);

}  // namespace sawt::reports
