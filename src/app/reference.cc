#include "app/reference.h"

namespace sawt::app {

Status seed_reference_data(store::Repository& repo) {
  (void)repo;
  return {};
}

}  // namespace sawt::app
