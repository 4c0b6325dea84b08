// Small builders for the protection tests: dates from text and a fluent way
// to assemble a CaseView, so each test states only the facts it is about.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "domain/vocab.h"
#include "protection/case_view.h"
#include "protection/rules.h"
#include "protection/risk.h"
#include "protection/transfer.h"

namespace sawt::protection::test {

inline PartialDate pd(const std::string& text) {
  auto r = PartialDate::parse(text);
  if (!r) throw std::invalid_argument("bad date in test: " + text);
  return *r;
}

inline std::chrono::sys_days day(const std::string& text) { return pd(text).earliest(); }

inline Rules lb_rules() {
  auto r = load_embedded_rules();
  if (!r) throw std::runtime_error(r.error().describe());
  return *r;
}

inline Agreement lb_sy_agreement() {
  auto a = load_embedded_agreement();
  if (!a) throw std::runtime_error(a.error().describe());
  return *a;
}

inline RiskRules risk_rules() {
  auto r = load_embedded_risk_rules();
  if (!r) throw std::runtime_error(r.error().describe());
  return *r;
}

// A CaseView built step by step: Case("P-000001").arrested("2016-01-01").sentenced(...)...
class ViewBuilder {
 public:
  explicit ViewBuilder(std::string public_id = "P-000001") {
    view_.person.id = 1;
    view_.person.public_id = std::move(public_id);
    view_.person.nationality = "sy";
    view_.person.status = "pretrial";
  }

  ViewBuilder& status(std::string s) {
    view_.person.status = std::move(s);
    return *this;
  }
  ViewBuilder& nationality(std::string n) {
    view_.person.nationality = std::move(n);
    return *this;
  }
  ViewBuilder& arrested(const std::string& date) {
    Arrest a;
    a.id = static_cast<Id>(view_.arrests.size() + 1);
    a.person_id = 1;
    a.date = pd(date);
    view_.arrests.push_back(a);
    return *this;
  }
  // Adds a case; later calls (charges, status, hearing, ...) apply to the last case added.
  ViewBuilder& add_case(std::string number, std::vector<std::string> charges = {}) {
    CaseFile c;
    c.id = static_cast<Id>(view_.cases.size() + 10);
    c.person_id = 1;
    c.case_number = std::move(number);
    c.charges = std::move(charges);
    c.lawyer = "Lawyer on file";
    view_.cases.push_back(std::move(c));
    return *this;
  }
  ViewBuilder& case_status(std::string status, const std::string& date = "") {
    last().statuses.push_back({std::move(status), date.empty() ? PartialDate{} : pd(date)});
    return *this;
  }
  ViewBuilder& sentence(int months, const std::string& start = "") {
    last().sentence_months = months;
    if (!start.empty()) last().sentence_start = pd(start);
    view_.person.status = "sentenced";
    return *this;
  }
  ViewBuilder& hearing(const std::string& date, std::string outcome = "", Id id = 0) {
    Hearing h;
    h.id = id;
    h.date = pd(date);
    h.outcome = std::move(outcome);
    last().hearings.push_back(h);
    return *this;
  }
  ViewBuilder& no_lawyer() {
    last().lawyer.clear();
    return *this;
  }
  ViewBuilder& allegation(std::string code) {
    last().allegations.push_back(std::move(code));
    return *this;
  }
  ViewBuilder& event(std::string type, const std::string& date) {
    Event e;
    e.id = static_cast<Id>(view_.events.size() + 100);
    e.person_id = 1;
    e.type = std::move(type);
    if (!date.empty()) e.date = pd(date);
    view_.events.push_back(std::move(e));
    return *this;
  }
  ViewBuilder& consent(std::string scope, Consent decision, const std::string& date, Id id = 0) {
    ConsentRecord c;
    c.id = id != 0 ? id : static_cast<Id>(view_.consents.size() + 1000);
    c.person_id = 1;
    c.scope = std::move(scope);
    c.decision = decision;
    c.given_by = "detainee";
    if (!date.empty()) c.date = pd(date);
    view_.consents.push_back(std::move(c));
    return *this;
  }
  ViewBuilder& flag(std::string code, std::string destination = "") {
    view_.profile_flags.push_back({std::move(code), std::move(destination), ""});
    return *this;
  }
  ViewBuilder& action(std::string kind, const std::string& due, std::string title, std::string ref = "") {
    view_.actions.push_back({std::move(kind), pd(due), std::move(title), std::move(ref)});
    return *this;
  }
  [[nodiscard]] CaseView build() const { return view_; }
  operator CaseView() const { return view_; }  // NOLINT(google-explicit-constructor): test convenience

 private:
  CaseFile& last() {
    if (view_.cases.empty()) throw std::logic_error("add_case() first");
    return view_.cases.back();
  }
  CaseView view_;
};

// A case ready for transfer under lb-sy-2026 on TODAY unless a test changes something:
// Syrian, arrested 2015-01-01, sentenced to 20 years (final), written consent recorded.
inline ViewBuilder transfer_ready() {
  ViewBuilder b;
  b.arrested("2015-01-01")
      .add_case("112/2016", {"pc_335"})
      .sentence(240)
      .case_status("verdict", "2017-03-01")
      .case_status("final", "2018-01-10")
      .consent("transfer", Consent::kGranted, "2026-02-20");
  return b;
}

}  // namespace sawt::protection::test
