// Documents attached to persons, monitoring visits and incidents: each has
// exactly one owner, lists are per owner, uploads are audit-logged with their
// owner, and who may read a document follows its owner — a visit's, every
// role that sees persons; an incident's, only those who may see every person
// the incident names (teams and confidential persons included).
#include "app/documents.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/store_fixture.h"

namespace sawt::app {
namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

class DocumentsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(repo->upsert_facility({0, "lb-roumieh", "سجن رومية المركزي", "Roumieh Central Prison",
                                       "central_prison", "isf", "lb", "Roumieh", 1050}));
    Visit v;
    v.facility_code = "lb-roumieh";
    v.date = *PartialDate::parse("2026-05-20");
    v.visitor = "Monitors";
    visit = *repo->add_visit(v);
    // One person in team north, one confidential person of team north named only for "named".
    Person open;
    open.name_lat.full = "Omar Saleh";
    north_person = repo->add_person(open)->id;
    EXPECT_TRUE(repo->set_person_teams(north_person, {"north"}));
    Person secret;
    secret.name_lat.full = "Confidential Person";
    secret.confidential = true;
    secret_person = repo->add_person(secret)->id;
    EXPECT_TRUE(repo->set_person_teams(secret_person, {"north"}));
    for (const auto& [name, role] :
         std::vector<std::pair<std::string, std::string>>{{"admin", "admin"},
                                                          {"coord", "coordinator"},
                                                          {"named", "case_worker"},
                                                          {"worker", "case_worker"},
                                                          {"viewer", "viewer"},
                                                          {"outsider", "case_worker"},
                                                          {"researcher", "researcher"}}) {
      User u;
      u.username = name;
      u.role = role;
      if (name != "outsider" && role != "admin" && role != "coordinator") u.teams = {"north"};
      auto added = repo->add_user(u, crypto::make_passphrase("a long password 123"));
      ASSERT_TRUE(added) << added.error().describe();
      users[name] = *added;
    }
    EXPECT_TRUE(repo->grant_access(secret_person, "named"));
    incident_nobody = add_incident({});
    incident_north = add_incident({north_person});
    incident_secret = add_incident({north_person, secret_person});
  }

  Id add_incident(std::vector<Id> persons) {
    Incident i;
    i.facility_code = "lb-roumieh";
    i.type = "hunger_strike";
    i.date = *PartialDate::parse("2026-05-02");
    i.person_ids = std::move(persons);
    return *repo->add_incident(i);
  }

  Document attach(DocumentOwner owner, Id id, std::string title = "Cell photo") {
    auto d = attach_document(*repo, owner, id, kPdf, {std::move(title), "photo", "cell.pdf", "2026-05-20"});
    EXPECT_TRUE(d) << d.error().describe();
    return d ? *d : Document{};
  }

  bool sees(const std::string& user, const Document& d) {
    auto r = repo->can_see_document(users.at(user), d);
    EXPECT_TRUE(r) << r.error().describe();
    return r && *r;
  }

  Id visit = 0, north_person = 0, secret_person = 0;
  Id incident_nobody = 0, incident_north = 0, incident_secret = 0;
  std::map<std::string, User> users;
};

TEST_F(DocumentsTest, VisitAndIncidentDocumentsAreKeptApartFromPersonsAndAudited) {
  const auto on_visit = attach(DocumentOwner::kVisit, visit, "Visit report May 2026");
  EXPECT_EQ(on_visit.visit_id, visit);
  EXPECT_EQ(on_visit.person_id, 0);
  EXPECT_EQ(on_visit.owner(), DocumentOwner::kVisit);
  const auto on_incident = attach(DocumentOwner::kIncident, incident_north);
  const auto on_person = attach(DocumentOwner::kPerson, north_person);

  auto of_visit = repo->documents(DocumentOwner::kVisit, visit);
  ASSERT_TRUE(of_visit);
  ASSERT_EQ(of_visit->size(), 1u);
  EXPECT_EQ(of_visit->at(0).title, "Visit report May 2026");
  EXPECT_EQ(of_visit->at(0).visit_id, visit);
  EXPECT_EQ(*repo->document_content(of_visit->at(0).id), kPdf);
  EXPECT_EQ(repo->documents(DocumentOwner::kIncident, incident_north)->size(), 1u);
  EXPECT_EQ(repo->documents(DocumentOwner::kIncident, incident_secret)->size(), 0u);
  auto of_person = repo->documents(north_person);
  ASSERT_TRUE(of_person);
  ASSERT_EQ(of_person->size(), 1u) << "a person's list holds neither visit nor incident documents";
  EXPECT_EQ(of_person->at(0).id, on_person.id);
  EXPECT_EQ(repo->get_document(on_incident.id)->incident_id, incident_north);

  // The audit row names the owner and the hash, never the bytes.
  auto q = store->db().prepare("SELECT after FROM audit WHERE entity = 'document' AND entity_id = ?");
  ASSERT_TRUE(q);
  q->bind(1, std::to_string(on_visit.id));
  ASSERT_TRUE(*q->step());
  const auto after = nlohmann::json::parse(q->text(0));
  EXPECT_EQ(after["visit_id"], visit);
  EXPECT_FALSE(after.contains("person_id"));
  EXPECT_EQ(after["sha256"], on_visit.sha256);
  EXPECT_EQ(q->text(0).find("Catalog"), std::string::npos);

  // Deleting a visit's document works as for a person's: bytes gone, tombstone kept.
  ASSERT_TRUE(repo->delete_document(on_visit.id));
  EXPECT_EQ(repo->documents(DocumentOwner::kVisit, visit)->size(), 0u);
  EXPECT_EQ(repo->document_content(on_visit.id).error().kind, ErrorKind::kNotFound);
}

TEST_F(DocumentsTest, AnOwnerMustExistAndBeTheOnlyOne) {
  auto missing = attach_document(*repo, DocumentOwner::kVisit, visit + 100, kPdf, {"x", "", "x.pdf", ""});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
  EXPECT_NE(missing.error().message.find("visit"), std::string::npos) << missing.error().message;
  EXPECT_EQ(attach_document(*repo, DocumentOwner::kIncident, 999, kPdf, {"x", "", "x.pdf", ""}).error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(
      attach_document(*repo, DocumentOwner::kVisit, visit, "<html>", {"x", "", "x.pdf", ""}).error().kind,
      ErrorKind::kBadInput);

  Document two;
  two.person_id = north_person;
  two.visit_id = visit;
  two.title = "two owners";
  two.sha256 = std::string(64, 'a');
  two.size = 1;
  two.content_type = "text/plain; charset=utf-8";
  EXPECT_EQ(repo->add_document(two, "x").error().kind, ErrorKind::kInternal);
  // The schema refuses it too, for rows written by other means.
  const auto raw = [&](const std::string& owners, const std::string& values) {
    return store->db().exec(
        fmt::format("INSERT INTO documents({}title, sha256, size, created_at) VALUES ({}'t', 'h', 1, 'now')",
                    owners, values));
  };
  EXPECT_FALSE(raw("person_id, visit_id, ", fmt::format("{}, {}, ", north_person, visit)));
  EXPECT_FALSE(raw("case_id, visit_id, ", fmt::format("1, {}, ", visit)));
  EXPECT_FALSE(raw("", "")) << "a document with no owner";
  EXPECT_TRUE(raw("visit_id, ", fmt::format("{}, ", visit)));
  EXPECT_FALSE(store->db().exec("UPDATE documents SET incident_id = 1 WHERE visit_id IS NOT NULL"));
}

TEST_F(DocumentsTest, WhoMayReadFollowsTheOwner) {
  const auto of_visit = attach(DocumentOwner::kVisit, visit);
  const auto of_nobody = attach(DocumentOwner::kIncident, incident_nobody);
  const auto of_north = attach(DocumentOwner::kIncident, incident_north);
  const auto of_secret = attach(DocumentOwner::kIncident, incident_secret);
  const auto of_person = attach(DocumentOwner::kPerson, secret_person);
  struct Row {
    std::string user;
    bool visit, nobody, north, secret, person;
  };
  // researcher: no files at all; outsider (another team): the visit and the incident naming
  // nobody, not those naming north's persons; worker and viewer (north, not named): not the
  // incident naming the confidential person; coordinators are bound by confidentiality too.
  for (const auto& r : std::vector<Row>{{"admin", true, true, true, true, true},
                                        {"coord", true, true, true, false, false},
                                        {"named", true, true, true, true, true},
                                        {"worker", true, true, true, false, false},
                                        {"viewer", true, true, true, false, false},
                                        {"outsider", true, true, false, false, false},
                                        {"researcher", false, false, false, false, false}}) {
    SCOPED_TRACE(r.user);
    EXPECT_EQ(sees(r.user, of_visit), r.visit);
    EXPECT_EQ(sees(r.user, of_nobody), r.nobody);
    EXPECT_EQ(sees(r.user, of_north), r.north);
    EXPECT_EQ(sees(r.user, of_secret), r.secret);
    EXPECT_EQ(sees(r.user, of_person), r.person);
    EXPECT_EQ(*repo->can_see_incident_documents(users.at(r.user), incident_secret), r.secret);
  }
  // Access is decided when asked: naming the worker on the confidential person opens the incident's files.
  ASSERT_TRUE(repo->grant_access(secret_person, "worker"));
  EXPECT_TRUE(sees("worker", of_secret));
}

}  // namespace
}  // namespace sawt::app
