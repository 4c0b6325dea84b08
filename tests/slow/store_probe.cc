// sawt_store_probe: prints what a store holds, one fact per line, for the
// crash loop (tests/slow/crash_loop.sh) to compare with the transactions it
// saw commit. Opens the store exactly as `sawt` does (Store::open, so WAL or
// journal recovery happens here if `sawt check` did not run first).
//   usage: SAWT_STORE=DIR SAWT_PASSPHRASE=... sawt_store_probe
// Output (tab-separated):
//   person  PUBLIC_ID  NOTES
//   source  NAME       RECORDS     (number of source records from that source)
//   audit   ROWS       ok|broken
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "store/repository.h"
#include "store/store.h"

int main() {
  using namespace sawt;
  const char* dir = std::getenv("SAWT_STORE");
  const char* pass = std::getenv("SAWT_PASSPHRASE");
  if (dir == nullptr || pass == nullptr) {
    std::cerr << "sawt_store_probe: set SAWT_STORE and SAWT_PASSPHRASE\n";
    return 1;
  }
  auto s = store::Store::open(dir, crypto::make_passphrase(pass));
  if (!s) {
    std::cerr << "sawt_store_probe: " << s.error().describe() << '\n';
    return 7;
  }
  auto& db = (*s)->db();
  auto persons = db.prepare("SELECT public_id, notes FROM persons ORDER BY id");
  if (!persons) return 5;
  while (true) {
    auto row = persons->step();
    if (!row) {
      std::cerr << "sawt_store_probe: " << row.error().describe() << '\n';
      return 7;
    }
    if (!*row) break;
    fmt::print("person\t{}\t{}\n", persons->text(0), persons->text(1));
  }
  auto sources = db.prepare(
      "SELECT s.name, (SELECT count(*) FROM source_records r WHERE r.source_id = s.id) FROM sources s ORDER BY s.id");
  if (!sources) return 5;
  while (true) {
    auto row = sources->step();
    if (!row) {
      std::cerr << "sawt_store_probe: " << row.error().describe() << '\n';
      return 7;
    }
    if (!*row) break;
    fmt::print("source\t{}\t{}\n", sources->text(0), sources->int64(1));
  }
  auto v = (*s)->audit().verify();
  if (!v) {
    std::cerr << "sawt_store_probe: " << v.error().describe() << '\n';
    return 7;
  }
  fmt::print("audit\t{}\t{}\n", v->rows, v->first_bad ? "broken" : "ok");
  return v->first_bad ? 7 : 0;
}
