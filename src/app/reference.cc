#include "app/reference.h"

#include "domain/facilities.h"

namespace sawt::app {

Status seed_reference_data(store::Repository& repo) {
  auto facilities = SAWT_TRY(load_reference_facilities(repo.store().vocab()));
  auto tx = SAWT_TRY(store::Transaction::begin(repo.store().db()));
  for (const auto& f : facilities) SAWT_CHECK(repo.upsert_facility(f));
  return tx.commit();
}

}  // namespace sawt::app
