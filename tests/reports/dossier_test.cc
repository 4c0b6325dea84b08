#include "reports/dossier.h"

#include <gtest/gtest.h>

namespace sawt::reports {
namespace {

using std::chrono::sys_days;
using std::chrono::year;

PartialDate d(const char* s) { return *PartialDate::parse(s); }

class DossierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto v = Vocabularies::load_embedded();
    ASSERT_TRUE(v);
    vocab = std::move(*v);
    auto r = protection::load_embedded_rules();
    ASSERT_TRUE(r);
    rules = std::move(*r);
    auto rr = protection::load_embedded_risk_rules();
    ASSERT_TRUE(rr);
    risk = std::move(*rr);
    in.vocab = &vocab;
    in.rules = &rules;
    in.risk_rules = &risk;
    in.today = sys_days{year{2026} / 11 / 28};
    auto& p = in.view.person;
    p.public_id = "P-000042";
    p.name_ar.full = "خالد محمود الحموي";
    p.name_lat.full = "Khaled Mahmoud al-Hamwi";
    p.gender = "m";
    p.birth_date = d("1988-04-02");
    p.nationality = "sy";
    p.status = "sentenced";
    p.facility_code = "lb-roumieh-block-b";
    in.facilities["lb-roumieh-block-b"] = Facility{0, "lb-roumieh-block-b", "رومية - المبنى ب", "Roumieh, Block B", "", "", "lb", "", 0};
    in.view.arrests.push_back({1, 42, d("2014-03-05"), "Arsal", "army_intelligence", ""});
    in.view.custody.push_back({1, 42, "lb-roumieh-block-b", d("2014-03-05"), {}});
    CaseFile c;
    c.court = "military_court";
    c.case_number = "2014/881";
    c.charges = {"pc_335"};
    c.allegations = {"torture", "forced_statement"};
    c.statuses = {{"final", d("2017-01-10")}};
    c.sentence_months = 120;
    c.sentence_start = d("2014-03-05");
    in.view.cases.push_back(c);
  }
  void consent(const char* scope, Consent decision) {
    ConsentRecord c;
    c.scope = scope;
    c.decision = decision;
    c.given_by = "self";
    c.date = d("2026-01-01");
    in.view.consents.push_back(c);
  }
  static std::string all_text(const Dossier& x) {
    std::string out = x.title + x.subtitle;
    for (const auto& s : x.sections) {
      out += s.heading;
      for (const auto& f : s.fields) out += f.label + f.value;
      for (const auto& p : s.paragraphs) out += p;
    }
    return out;
  }
  Vocabularies vocab = *Vocabularies::load_embedded();
  protection::Rules rules;
  protection::RiskRules risk;
  DossierInput in;
};

TEST_F(DossierTest, WithoutConsentToUnSubmissionItIsARefusalNotADocument) {
  for (auto form : {Form::kSpUrgent, Form::kWgad, Form::kWgeid}) {
    auto r = build_dossier(in, form, "en");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::kAuth);
    EXPECT_NE(r.error().message.find("consent"), std::string::npos);
    EXPECT_FALSE(r.error().hint.empty());
  }
  consent("un_submission", Consent::kRefused);
  auto refused = build_dossier(in, Form::kWgad, "en");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("refused"), std::string::npos);
}

TEST_F(DossierTest, FillsWhatTheRecordKnowsAndListsWhatIsMissing) {
  consent("un_submission", Consent::kGranted);
  auto r = build_dossier(in, Form::kWgad, "en");
  ASSERT_TRUE(r) << r.error().describe();
  const auto text = all_text(*r);
  EXPECT_NE(text.find("Khaled Mahmoud al-Hamwi"), std::string::npos);
  EXPECT_NE(text.find("2014-03-05"), std::string::npos);
  EXPECT_NE(text.find("Roumieh, Block B"), std::string::npos);
  EXPECT_NE(text.find("Category III"), std::string::npos);
  // Never invented: profession, address, warrant, identity document and submitter are not in the record.
  for (const char* label : {"Profession", "Usual residence", "Was a warrant shown?", "Identity document", "Organisation"}) {
    EXPECT_NE(std::find(r->missing.begin(), r->missing.end(), label), r->missing.end()) << label;
  }
  for (const auto& s : r->sections) {
    for (const auto& f : s.fields) {
      if (f.missing) {
        EXPECT_TRUE(f.value.empty()) << f.label;
      }
    }
  }
}

TEST_F(DossierTest, ArabicVersionUsesArabicLabelsAndValues) {
  consent("un_submission", Consent::kGranted);
  auto r = build_dossier(in, Form::kSpUrgent, "ar");
  ASSERT_TRUE(r);
  const auto text = all_text(*r);
  EXPECT_NE(text.find("نداء عاجل"), std::string::npos);
  EXPECT_NE(text.find("خالد محمود الحموي"), std::string::npos);
  EXPECT_NE(text.find("رومية - المبنى ب"), std::string::npos);
}

TEST_F(DossierTest, PublicUrgentActionShowsInitialsWithoutConsentToTheName) {
  auto none = build_dossier(in, Form::kUrgentAction, "en");
  ASSERT_FALSE(none);
  consent("publish_anonymised", Consent::kGranted);
  auto r = build_dossier(in, Form::kUrgentAction, "en");
  ASSERT_TRUE(r) << r.error().describe();
  const auto text = all_text(*r);
  EXPECT_EQ(text.find("Khaled"), std::string::npos) << text;
  EXPECT_EQ(text.find("خالد"), std::string::npos);
  EXPECT_NE(text.find("K.M.a."), std::string::npos);
  consent("publish_name", Consent::kGranted);
  auto named = build_dossier(in, Form::kUrgentAction, "en");
  ASSERT_TRUE(named);
  EXPECT_NE(all_text(*named).find("Khaled Mahmoud al-Hamwi"), std::string::npos);
}

}  // namespace
}  // namespace sawt::reports
