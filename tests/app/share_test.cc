#include "app/share.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "store/store.h"
#include "testing.h"
#include "util/strings.h"

namespace sawt::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPartner = "Geneva legal clinic";

class ShareTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
    sender = open_new("sender");
    receiver = open_new("receiver");
    store::Repository repo(*sender, "cli:amal");
    // 0: granted for this partner; 1: granted, the name in capitals; 2: granted
    // to another partner only; 3: no consent; 4: granted, then refused later;
    // 5: confidential, granted; 6: refused, then granted later.
    for (int i = 0; i < 7; ++i) {
      Person p;
      p.name_ar.full = "ماركرمشاركة " + std::to_string(i) + " الحموي";
      p.name_lat.full = "SHAREMARKER " + std::to_string(i) + " al-Hamwi";
      p.gender = "m";
      p.birth_date = *PartialDate::parse("1990-01-0" + std::to_string(i + 1));
      p.notes = "NOTEMARKER private note";
      p.confidential = i == 5;
      auto added = repo.add_person(p);
      ASSERT_TRUE(added) << added.error().describe();
      ids.push_back(added->public_id);
      person_ids.push_back(added->id);
    }
    consent(0, kPartner, Consent::kGranted, "2024-01-01");
    consent(1, "GENEVA LEGAL CLINIC", Consent::kGranted, "2024-01-01");
    consent(2, "Another partner", Consent::kGranted, "2024-01-01");
    consent(4, kPartner, Consent::kGranted, "2023-01-01");
    consent(4, kPartner, Consent::kRefused, "2024-06-01");
    consent(5, kPartner, Consent::kGranted, "2024-01-01");
    consent(6, kPartner, Consent::kRefused, "2023-01-01");
    consent(6, "  geneva LEGAL clinic ", Consent::kGranted, "2024-01-01");
    partner_keys = {kPartner, receiver->keyfile().sign_public(), receiver->keyfile().box_public()};
    sender_keys = {"Sender org", sender->keyfile().sign_public(), sender->keyfile().box_public()};
  }
  std::unique_ptr<store::Store> open_new(const char* name) {
    auto s = store::Store::create(tmp / name, crypto::make_passphrase("a long passphrase"));
    EXPECT_TRUE(s) << s.error().describe();
    return std::move(*s);
  }
  void consent(int who, const std::string& partner, Consent decision, const char* date) {
    store::Repository repo(*sender, "cli:amal");
    ConsentRecord c;
    c.person_id = person_ids[static_cast<size_t>(who)];
    c.scope = "share_partner";
    c.partner = partner;
    c.decision = decision;
    c.given_by = "self";
    c.date = *PartialDate::parse(date);
    auto added = repo.add_consent(c);
    ASSERT_TRUE(added) << added.error().describe();
  }
  Result<ShareReport> share_all(const fs::path& out, bool confidential = false) {
    store::Repository repo(*sender, "cli:amal");
    ShareRequest r;
    r.partner = partner_keys;
    r.all = true;
    r.sender_name = "Sender org";
    r.include_confidential = confidential;
    return make_share(repo, r, out);
  }
  sawt::testing::TempDir tmp;
  std::unique_ptr<store::Store> sender, receiver;
  std::vector<std::string> ids;
  std::vector<Id> person_ids;
  PublicKeys partner_keys, sender_keys;
};

TEST_F(ShareTest, OnlyPersonsWhoseConsentCoversThisPartnerAreShared) {
  auto r = share_all(tmp / "out.bundle");
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->shared, (std::vector<std::string>{ids[0], ids[1], ids[6]}));
  ASSERT_EQ(r->withheld.size(), 4u);
  std::map<std::string, std::string> why;
  for (const auto& w : r->withheld) why[w.person] = w.reason;
  EXPECT_NE(why[ids[2]].find("another partner"), std::string::npos);
  EXPECT_NE(why[ids[3]].find("no consent"), std::string::npos);
  EXPECT_NE(why[ids[4]].find("refused"), std::string::npos);
  EXPECT_NE(why[ids[5]].find("confidential"), std::string::npos);

  auto with_confidential = share_all(tmp / "conf.bundle", true);
  ASSERT_TRUE(with_confidential);
  EXPECT_EQ(with_confidential->shared.size(), 4u);
}

TEST_F(ShareTest, TheBundleLeaksNoNameOrNote) {
  ASSERT_TRUE(share_all(tmp / "out.bundle"));
  const auto bytes = sawt::testing::read_file(tmp / "out.bundle");
  for (const char* marker :
       {"SHAREMARKER", "ماركرمشاركة", "NOTEMARKER", "al-Hamwi", "Sender org", kPartner}) {
    EXPECT_EQ(bytes.find(marker), std::string::npos) << marker;
  }
}

TEST_F(ShareTest, ReceivingImportsANewSourceOnceAndRecordsBothSides) {
  auto sent = share_all(tmp / "out.bundle");
  ASSERT_TRUE(sent);
  store::Repository repo(*receiver, "cli:partner");
  auto got = receive_share(repo, tmp / "out.bundle", sender_keys, "");
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_EQ(got->bundle_id, sent->bundle_id);
  EXPECT_EQ(got->sender, "Sender org");
  EXPECT_EQ(got->import.info.rows_ok, 3);
  EXPECT_TRUE(got->import.quarantined.empty());
  auto sources = repo.list_sources();
  ASSERT_TRUE(sources);
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ((*sources)[0].kind, "partner_share");
  EXPECT_TRUE((*sources)[0].name.starts_with("Share from Sender org, "));
  // The records are what the sender held, both scripts, no notes.
  auto rec = repo.get_source_record(1);
  ASSERT_TRUE(rec);
  EXPECT_NE(rec->name.display().find("ماركرمشاركة 0"), std::string::npos);
  EXPECT_EQ(rec->extra["full_name_latin"], "SHAREMARKER 0 al-Hamwi");
  EXPECT_EQ(rec->extra["sender_person_id"], ids[0]);
  EXPECT_EQ(rec->birth_date.to_string(), "1990-01-01");
  EXPECT_TRUE(rec->notes.empty());

  auto again = receive_share(repo, tmp / "out.bundle", sender_keys, "another name");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(repo.list_sources()->size(), 1u);

  store::Repository srepo(*sender, "cli:amal");
  auto out = srepo.shares_of_person(person_ids[0]);
  ASSERT_TRUE(out);
  ASSERT_EQ(out->size(), 1u);
  EXPECT_EQ((*out)[0].partner, kPartner);
  EXPECT_EQ((*out)[0].direction, "sent");
  EXPECT_TRUE(srepo.shares_of_person(person_ids[3])->empty());
}

TEST_F(ShareTest, AWrongSenderKeyImportsNothing) {
  ASSERT_TRUE(share_all(tmp / "out.bundle"));
  store::Repository repo(*receiver, "cli:partner");
  PublicKeys impostor = partner_keys;  // a key that did not sign it
  auto r = receive_share(repo, tmp / "out.bundle", impostor, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kAuth);
  EXPECT_TRUE(repo.list_sources()->empty());
  EXPECT_FALSE(*repo.find_share(sawt::app::ShareReport{}.bundle_id, "received"));
}

TEST_F(ShareTest, NobodyShareableWritesNoFile) {
  store::Repository repo(*sender, "cli:amal");
  ShareRequest r;
  r.partner = partner_keys;
  r.persons = {ids[3], ids[2]};
  auto out = make_share(repo, r, tmp / "none.bundle");
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, ErrorKind::kBadInput);
  EXPECT_FALSE(fs::exists(tmp / "none.bundle"));
  r.persons = {"P-999999"};
  auto unknown = make_share(repo, r, tmp / "none.bundle");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().kind, ErrorKind::kNotFound);
}

TEST_F(ShareTest, PublicKeyFilesParseAndBadOnesAreExplained) {
  const auto text = format_public_keys(partner_keys);
  auto k = parse_public_keys(text, "k.pub");
  ASSERT_TRUE(k) << k.error().describe();
  EXPECT_EQ(k->name, kPartner);
  EXPECT_EQ(k->box_public, partner_keys.box_public);
  EXPECT_EQ(k->sign_public, partner_keys.sign_public);
  auto bare = parse_public_keys(to_hex(partner_keys.box_public) + "\n", "k.pub");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->box_public, partner_keys.box_public);
  for (const char* bad : {"", "sawt-public-keys v1\nbox: 1234\n", "hello world\n"}) {
    auto r = parse_public_keys(bad, "k.pub");
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kBadInput);
    EXPECT_EQ(r.error().where, "k.pub");
  }
}

}  // namespace
}  // namespace sawt::app
